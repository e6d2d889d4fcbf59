"""The impact report in Chromium at 390 px and 1280 px: the map (the portal's coverage map
component, /static/peta.js on the vendored Leaflet) draws every district under the server's
strict CSP, the table beside it counts the same classes, and axe-core finds no serious or
critical violation; the same report written to a file (as `jalin impact --html` writes it)
opens from disk with its map. Screenshots in $JALIN_SHOTS (default /tmp/portal-shots)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import WIDTHS, axe_violations, serve

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("JALIN_SHOTS", "/tmp/portal-shots"))
ORIGINS = ["31.71.06", "74.71.01"]
SHOWN = "document.getElementById('peta-status').textContent.includes('kecamatan ditampilkan')"


@pytest.fixture(scope="module")
def served(atlas, small_network, tmp_path_factory) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The small network published on SQLite with an admin key; served by uvicorn."""
    from jalin.network.agreements import read_agreements
    from jalin.registry.access import CLI_ADMIN
    from jalin.registry.rules import Role
    from jalin.services import registry as reg
    from jalin.services.registry_import import import_interline, members_for_feeds
    from jalin.storage.db import make_engine, upgrade
    from tests.feeds import publish
    from tests.uow import in_uow

    url = f"sqlite:///{tmp_path_factory.mktemp('impact') / 'jalin.db'}"
    engine = make_engine(url)
    upgrade(engine)
    network, folder = small_network
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        publish(engine, d, atlas)
    in_uow(engine, reg.ensure_structure, atlas)
    ids = in_uow(engine, members_for_feeds, CLI_ADMIN, atlas, network.feeds)
    in_uow(engine, import_interline, CLI_ADMIN, atlas, read_agreements(folder / "agreements.csv"), ids)
    key = in_uow(engine, reg.create_key, CLI_ADMIN, Role.ADMIN).secret
    engine.dispose()
    for base in serve(url):
        yield base, key


def _post(url: str, body: dict, key: str) -> tuple[str, dict[str, str]]:
    import json
    from urllib.request import Request, urlopen

    headers = {"X-API-Key": key, "Content-Type": "application/json"}
    with urlopen(Request(url, json.dumps(body).encode(), headers), timeout=600) as r:
        return r.read().decode(), {k.lower(): v for k, v in r.headers.items()}


@pytest.fixture(scope="module")
def report(served) -> tuple[str, str, dict]:  # type: ignore[no-untyped-def]
    """The report of adding the pair the ranking puts first: (html, its CSP header, JSON answer)."""
    import json

    base, key = served
    ranked = json.loads(_post(base + "/v1/impact", {"origins": ORIGINS, "rank": 1}, key)[0])
    pair = ranked["ranking"]["pairs"][0]
    add = [{"carrier_a": pair["carrier_a"], "carrier_b": pair["carrier_b"]}]
    body = {"origins": ORIGINS, "rank": 2, "add": add}
    answer = json.loads(_post(base + "/v1/impact", body, key)[0])
    html, headers = _post(base + "/v1/impact?format=html", body, key)
    assert headers["content-type"].startswith("text/html")
    return html, headers["content-security-policy"], answer


def _width(page) -> str:  # type: ignore[no-untyped-def]
    return "phone" if page.viewport_size["width"] < 600 else "desktop"


def test_the_report_map_draws_every_district_under_the_csp(page, browser, served, report, atlas):
    base, _ = served
    html, csp, answer = report
    assert "script-src 'self'" in csp

    def fulfil(route):  # type: ignore[no-untyped-def]
        route.fulfill(
            status=200,
            body=html,
            headers={"content-type": "text/html; charset=utf-8", "content-security-policy": csp},
        )

    # The CSP enforced (the shared page fixture bypasses it so that axe can be injected).
    strict = browser.new_context(viewport=page.viewport_size, locale="id-ID")
    try:
        p = strict.new_page()
        refused: list[str] = []
        p.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        p.route(base + "/laporan-dampak", fulfil)
        p.goto(base + "/laporan-dampak")
        p.wait_for_function(SHOWN)
        assert p.locator("#peta canvas").count() == 1  # Leaflet drew the points: no tiles, no CDN
        assert refused == []
    finally:
        strict.close()
    page.route(base + "/laporan-dampak", fulfil)
    page.goto(base + "/laporan-dampak")
    page.wait_for_function(SHOWN)
    status = page.locator("#peta-status").inner_text()
    assert status.startswith(f"{len(atlas.districts())} ")
    # The table beside the map counts each class; its total row is every district.
    total = page.locator("#peta-tabel tfoot td").all_inner_texts()
    assert total[0].replace(".", "") == str(len(atlas.districts()))
    gaining = sum(int(t.replace(".", "")) for t in total[1:4])  # new, faster, cheaper
    assert gaining == answer["national"]["districts_gaining"] > 0
    assert page.get_by_role("heading", name="Perjanjian yang paling menguntungkan").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"impact-report-{_width(page)}.png"), full_page=True)
    assert axe_violations(page) == []


def test_the_report_written_to_a_file_opens_from_disk_with_its_map(browser, report, atlas, tmp_path):
    from jalin.web.impact_report import render_impact_html, report_assets

    _, _, answer = report
    path = tmp_path / "dampak.html"
    path.write_text(render_impact_html(answer, atlas, static=report_assets(path)), encoding="utf-8")
    width, height = WIDTHS["phone"]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())  # offline
    try:
        p = context.new_page()
        p.goto(path.as_uri())
        p.wait_for_function(SHOWN)
        assert p.locator("#peta canvas").count() == 1
    finally:
        context.close()
