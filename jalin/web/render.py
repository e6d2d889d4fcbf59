"""The page templates (Jinja2, autoescaped) and the filters they use."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from jalin.i18n import rupiah, t, when, wib

env = Environment(loader=PackageLoader("jalin.web"), autoescape=select_autoescape())
env.filters["when"] = when
env.filters["rupiah"] = rupiah
env.filters["wib"] = wib
env.globals["t"] = t


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)
