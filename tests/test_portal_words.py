"""No page shows a raw enum value: what a role sees says `selesai`, not `completed`.

Every page each kind of visitor may open (the rows of tests/test_portal_matrix.py that answer
200, the public pages beside them) is fetched in Indonesian, its visible text is read (without
`<code>`, scripts and parts marked `lang="en"`), and no word may be a known enum value: leg,
shipment and handover statuses, member types and statuses, application statuses and actions,
agreement kinds and stages, follow-up statuses, roles, webhook outcomes, notice severities,
settlement period statuses, line kinds, netting directions, and every audit action name the
services write. The world first gets the data that makes those values appear (an application
with its history, a shipment with legs, a closed period and an adjustment).
"""

from __future__ import annotations

import re
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from jalin.i18n import catalogue
from jalin.network.notices import Severity
from jalin.registry import rules
from jalin.registry.access import CLI_ADMIN
from jalin.services.settlement import adjustments, periods
from jalin.settlement.model import LineKind, PeriodStatus
from jalin.settlement.netting import Direction
from jalin.shipments.model import HandoverStatus, LegStatus, ShipmentStatus
from jalin.webhooks.records import MessageStatus, Outcome
from tests.portal_network_world import net_world
from tests.portal_world import csrf_of
from tests.test_portal_matrix import CALLERS, EXPECTED

__all__ = ["net_world"]

PKG = Path(__file__).resolve().parent.parent / "jalin"
ENUMS: tuple[type[StrEnum], ...] = (
    LegStatus,
    ShipmentStatus,
    HandoverStatus,
    rules.MemberType,
    rules.MemberStatus,
    rules.ApplicationStatus,
    rules.ApplicationAction,
    rules.AgreementKind,
    rules.AgreementStage,
    rules.ActionStatus,
    rules.Role,
    Outcome,
    MessageStatus,
    Severity,
    PeriodStatus,
    LineKind,
    Direction,
)
_AUDIT_CALL = re.compile(
    r"\baudit(?:_record|_log\.record)?\(\s*(?:[\w.]+,\s*){1,3}f?\"([a-z_]+\.[a-z_{}.]+)\"", re.S
)


def audit_actions() -> set[str]:
    """Every audit action the services write, read from their source (`application.{action}` and
    `feed.{status.value}` expanded over their enums)."""
    found: set[str] = set()
    for path in (PKG / "services").rglob("*.py"):
        for action in _AUDIT_CALL.findall(path.read_text()):
            if action == "application.{action}":
                found |= {f"application.{a.value}" for a in rules.ApplicationAction}
            elif action == "feed.{status.value}":
                found |= {"feed.published", "feed.unchanged"}
            else:
                assert "{" not in action, f"expand {action} in tests/test_portal_words.py"
                found.add(action)
    return found


def raw_values() -> set[str]:
    """The enum values and audit actions, less the words the portal's own Indonesian text uses
    (`leg` in "Kurir per leg", `admin` in "DPP (admin)": loanwords, not raw values)."""
    ours = {
        w
        for key, texts in catalogue().items()
        if key.startswith(("portal.", "directory."))
        for w in re.findall(r"[\w.@-]+", texts["id"])
    }
    return ({e.value for enum in ENUMS for e in enum} | audit_actions()) - ours


def test_every_audit_action_has_its_words():
    actions = audit_actions()
    assert {"settlement.close", "settlement.adjust", "application.submit", "application.approve"} <= actions
    missing = sorted(a for a in actions if f"portal.audit.{a}" not in catalogue())
    assert missing == [], "add portal.audit.<action> to jalin/i18n.py"


class _Visible(HTMLParser):
    """The text a person reads: not in <code>, <script>, <style>, or an element with lang="en"."""

    SKIP: ClassVar[set[str]] = {"code", "script", "style"}
    VOID: ClassVar[set[str]] = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        hidden = tag in self.SKIP or (dict(attrs).get("lang") == "en" and tag != "html")
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            # An e-mail address or a code with a hyphen stays one word (admin@contoh.co.id).
            self.words += [w.rstrip(".") for w in re.findall(r"[A-Za-z_][\w.@-]*", data)]


def raw_words(html: str, raw: set[str]) -> set[str]:
    parser = _Visible()
    parser.feed(html)
    return {w for w in parser.words if w in raw}


def test_the_reader_finds_a_raw_value_and_skips_code_and_english():
    raw = raw_values()
    assert raw_words("<td>completed</td>", raw) == {"completed"}
    assert raw_words("<p>status <b>freight_forwarder</b>.</p>", raw) == {"freight_forwarder"}
    assert raw_words("<li>2026-12-01 · application.submit · user:1</li>", raw) == {"application.submit"}
    assert (
        raw_words('<code>shipment.delivered</code><small lang="en">active</small><td>selesai</td>', raw)
        == set()
    )


def _dress(w) -> None:  # type: ignore[no-untyped-def]
    """Data that brings the enum values onto the pages: a closed period, an adjustment."""
    periods.close(w.engine, CLI_ADMIN, w.ended_period())
    body = {"payer": w.member_id, "payee": w.partner_id, "amount": 1000, "reason": "uji kata"}
    adjustments.record_adjustment(w.engine, CLI_ADMIN, body)


def test_no_page_a_role_sees_shows_a_raw_enum_value(net_world, monkeypatch):
    monkeypatch.setenv("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")
    w = net_world
    _dress(w)
    raw = raw_values()
    found: list[str] = []
    for caller in CALLERS:
        client = w.client(None if caller == "public" else caller)
        try:
            urls = [("GET", "/direktori"), ("GET", "/"), ("GET", "/daftar"), ("GET", f"/lacak/{w.number}")]
            for (method, _path), (build, expected) in EXPECTED.items():
                if expected[caller] == 200:
                    call = build(w, caller)
                    if not call.fresh:
                        urls.append((method, call.url, call.data, call.files))  # type: ignore[arg-type]
            for method, url, *rest in urls:
                data = dict(rest[0]) if rest else {}
                files = rest[1] if len(rest) > 1 else {}
                if method == "POST":
                    data["csrf"] = csrf_of(client.get("/portal/akun").text)
                r = client.request(method, url, data=data or None, files=files or None)
                if r.status_code != 200 or not r.headers["content-type"].startswith("text/html"):
                    continue
                # The world's people are called "Budi member", "Budi dpw", ...: names, not values.
                html = re.sub(r"Budi (?:member|dpd|dpw|admin)", "Budi", r.text)
                for word in sorted(raw_words(html, raw)):
                    found.append(f"{caller} {method} {url}: {word}")
        finally:
            client.__exit__(None, None, None)
    assert found == [], "raw values on pages:\n" + "\n".join(found)
