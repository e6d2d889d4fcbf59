"""Browser tests: Playwright driving the system's Chromium (Debian's `chromium`, by path).

They run where a Chromium and the Playwright package are present and are skipped with a
reason otherwise (`make test` says which). No browser is ever downloaded. The app runs in
a real uvicorn server on a free loopback port, over the small synthetic network on SQLite.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def _OFFLINE(url: str) -> bool:
    """Every request off this machine is refused: the pages and docs must work offline."""
    from urllib.parse import urlsplit

    return urlsplit(url).hostname not in ("127.0.0.1", "localhost", None)


def chromium_path() -> str | None:
    """The Chromium to drive: $JALIN_CHROMIUM, else Debian's /usr/bin/chromium (or one on PATH)."""
    for candidate in (os.environ.get("JALIN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def skip_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return "no Chromium at /usr/bin/chromium (apt-get install -y chromium) or $JALIN_CHROMIUM"
    return None


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    reason = skip_reason()
    if reason is None:
        return
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def live_url(atlas, small_network, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app served by uvicorn on 127.0.0.1 with the small network published (SQLite)."""
    from jalin.network.agreements import read_agreements
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.registry import ensure_structure
    from jalin.services.registry_import import import_interline, members_for_feeds
    from jalin.storage.db import make_engine, upgrade
    from tests.feeds import publish
    from tests.uow import in_uow

    # As the `published` fixture does, on a SQLite file of its own for the whole session.
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'jalin.db'}"
    engine = make_engine(url)
    upgrade(engine)
    network, folder = small_network
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        publish(engine, d, atlas)
    in_uow(engine, ensure_structure, atlas)
    ids = in_uow(engine, members_for_feeds, CLI_ADMIN, atlas, network.feeds)
    in_uow(engine, import_interline, CLI_ADMIN, atlas, read_agreements(folder / "agreements.csv"), ids)
    engine.dispose()

    served = serve(url)
    base = next(served)
    # The first quote of a process compiles the planner's kernels (tens of seconds on a cold
    # numba cache, as on a fresh clone): pay it here, not inside a page's 60 s wait.
    warm = httpx2.post(
        f"{base}/v1/quotes", json={"from": "31.71.06", "to": "74.71.01", "weight_kg": "1"}, timeout=600
    )
    assert warm.status_code == 200, warm.text
    yield base
    next(served, None)


def serve(url: str) -> Iterator[str]:
    """The app on `url`'s database, served by uvicorn on a free loopback port, until closed."""
    import uvicorn

    from jalin.api import create_app
    from jalin.settings import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Settings(database_url=url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(params=sorted(WIDTHS))
def page(request, browser):  # type: ignore[no-untyped-def]
    """A fresh page at phone (390 px) or desktop (1280 px) width."""
    width, height = WIDTHS[request.param]
    # bypass_csp: axe-core is injected as a script tag, which a strict CSP would refuse.
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="id-ID", bypass_csp=True
    )
    context.route(_OFFLINE, lambda route: route.abort())
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def axe_violations(page, impacts=("serious", "critical")):  # type: ignore[no-untyped-def]
    """axe-core's violations of the given impacts on the current page (WCAG 2.x A/AA rules)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
