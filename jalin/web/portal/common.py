"""What every portal page shares: rendering in the visitor's language, the session cookie, the
navigation per role, and answering refusals the way a browser needs them.

Pages are rendered server-side (Jinja) and work without JavaScript; htmx (vendored) only makes
some actions quicker. Every answer is `Cache-Control: no-store`: it belongs to one person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jalin.i18n import catalogue, message_of, t
from jalin.registry.rules import Role
from jalin.services.users import COOKIE, NewSession, Visitor
from jalin.web.render import env

LANG_COOKIE = "jalin_lang"
LANGS = ("id", "en")


def lang_of(request: Request) -> str:
    """`id` unless the visitor chose English (a cookie set by /portal/bahasa/en)."""
    chosen = request.cookies.get(LANG_COOKIE, "id")
    return chosen if chosen in LANGS else "id"


def translator(lang: str) -> Callable[..., str]:
    def _(key: str, **values: object) -> str:
        return t(key, lang=lang, **values)

    return _


#: The navigation: (path, catalogue key, roles that see the link).
NAV: tuple[tuple[str, str, frozenset[Role]], ...] = (
    ("/portal", "portal.nav.home", frozenset({Role.ADMIN, Role.OFFICER, Role.MEMBER})),
    ("/portal/kiriman", "portal.nav.shipments", frozenset({Role.ADMIN, Role.MEMBER})),
    ("/portal/manifest", "portal.nav.manifests", frozenset({Role.ADMIN, Role.MEMBER})),
    ("/portal/permohonan", "portal.nav.applications", frozenset({Role.ADMIN, Role.OFFICER})),
    ("/portal/anggota", "portal.nav.members", frozenset({Role.ADMIN, Role.OFFICER})),
    ("/portal/perjanjian", "portal.nav.agreements", frozenset({Role.ADMIN, Role.OFFICER})),
    ("/portal/dampak", "portal.nav.impact", frozenset({Role.ADMIN, Role.OFFICER})),
    ("/portal/rapat", "portal.nav.meetings", frozenset({Role.ADMIN, Role.OFFICER})),
    ("/portal/laporan", "portal.nav.reports", frozenset({Role.ADMIN, Role.OFFICER})),
    ("/portal/peta", "portal.nav.map", frozenset({Role.ADMIN, Role.OFFICER, Role.MEMBER})),
    ("/portal/jaringan", "portal.nav.network", frozenset({Role.MEMBER})),
    ("/portal/webhook", "portal.nav.webhooks", frozenset({Role.MEMBER})),
    ("/portal/tagihan", "portal.nav.settlement", frozenset({Role.MEMBER})),
    ("/portal/penyelesaian", "portal.nav.clearing", frozenset({Role.ADMIN})),
    ("/portal/perusahaan", "portal.nav.company", frozenset({Role.MEMBER})),
    ("/portal/pengguna", "portal.nav.users", frozenset({Role.ADMIN, Role.MEMBER})),
    ("/portal/akun", "portal.nav.account", frozenset({Role.ADMIN, Role.OFFICER, Role.MEMBER})),
)


def actor_label(actor: str, lang: str) -> str:
    """An audit row's actor as a person reads it: `user:12` is a portal user, `key:jln_ab12` an
    API key, `cli` the operator's command line, `public` a form anyone may send."""
    kind, _, ref = actor.partition(":")
    if kind == "user" and ref:
        return t("portal.actor.user", lang=lang, id=ref)
    if kind == "key" and ref:
        return t("portal.actor.key", lang=lang, prefix=ref)
    return t(f"portal.actor.{kind}", lang=lang) if f"portal.actor.{kind}" in catalogue() else actor


def page(
    request: Request,
    visitor: Visitor | None,
    name: str,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A portal page: the template with the visitor, its CSRF token, the navigation it may see and
    `_` (the catalogue in the visitor's language)."""
    lang = lang_of(request)
    role = visitor.principal.role if visitor is not None and visitor.signed_in else Role.PUBLIC
    nav = [(path, key) for path, key, roles in NAV if role in roles]
    ok = request.query_params.get("ok", "")
    notice = t(ok, lang=lang) if ok.startswith("portal.") and ok in catalogue() else None
    html = env.get_template(name).render(
        _=translator(lang),
        actor=lambda a: actor_label(a, lang),
        lang=lang,
        visitor=visitor,
        csrf=visitor.csrf if visitor is not None else "",
        nav=nav,
        here=request.url.path,
        notice=notice,
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})


def redirect(path: str, *, notice: str | None = None) -> RedirectResponse:
    """303 See Other after a form post (the browser then GETs `path`); `notice` is a catalogue key
    shown once on that page (`?ok=`)."""
    if notice:
        path, hash_, fragment = path.partition("#")
        path += ("&" if "?" in path else "?") + "ok=" + quote(notice) + hash_ + fragment
    return RedirectResponse(path, status_code=303, headers={"Cache-Control": "no-store"})


def set_session_cookie(response: Response, request: Request, session: NewSession) -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Secure unless the settings turn it off; no
    Max-Age (a browser session), the server ends it anyway."""
    response.set_cookie(
        COOKIE,
        session.token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.cookie_secure,
        path="/",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.app.state.settings.cookie_secure
    )


def error_text(code: str, lang: str, detail: str) -> dict[str, str]:
    """What a page shows for a refused action: the sentence in the visitor's language, and the
    English detail (which names the field or the object)."""
    return {"text": message_of(code, lang), "detail": detail}


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path inside the portal only (never another site)."""
    if path and path.startswith("/portal") and not path.startswith("//") and "\\" not in path:
        return path
    return "/portal"


_RUPIAH = re.compile(r"^(?:rp\.?)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,-)?$")


def parse_rupiah(text: str) -> int | None:
    """Whole rupiah as people write them: `25000`, `25.000`, `Rp25.000`, `Rp 25.000,-`; None for
    anything else (decimals, negative amounts, words)."""
    found = _RUPIAH.match(text.strip().lower().replace(" ", ""))
    return int(found.group(1).replace(".", "")) if found else None
