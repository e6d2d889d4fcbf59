"""The validator's HTML report: notices grouped by code, for a carrier's ops staff."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from jalin.i18n import wib
from jalin.network.notices import CODES, FIX_ID, Severity
from jalin.network.validator import ValidationResult

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def notice_groups(result: ValidationResult, samples: int = 20) -> list[dict[str, Any]]:
    """The notices grouped by code, errors first: title (both languages), the fix, the total and
    up to `samples` examples (for this report and the portal's feed page)."""
    groups = []
    for code, total in sorted(result.notices.totals.items(), key=lambda kv: (_ORDER[CODES[kv[0]][0]], kv[0])):
        severity, title_id, title_en = CODES[code]
        groups.append(
            {
                "code": code,
                "severity": severity.value,
                "title_id": title_id,
                "title_en": title_en,
                "fix": FIX_ID[code],
                "total": total,
                "samples": [n for n in result.notices.samples if n.code == code][:samples],
            }
        )
    return groups


def render_feed_report(result: ValidationResult, *, source: str, samples: int = 20) -> str:
    env = Environment(loader=PackageLoader("jalin.web"), autoescape=select_autoescape())
    groups = notice_groups(result, samples)
    d = result.to_dict()
    return env.get_template("feed_report.html").render(
        source=source,
        result=d,
        groups=groups,
        generated=wib(datetime.now(UTC)),
    )
