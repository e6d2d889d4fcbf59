"""The public tracking page /lacak in Chromium at 390 px and 1280 px: a shipment across two
carriers, its timeline newest first with local times and zones, carrier brands, no personal
data; a mistyped number explained at the field; axe-core finds no serious violation."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.browser.conftest import axe_violations
from tests.shipping import KENDARI, build_world

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tracked(atlas, small_network, tmp_path_factory) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(base URL, number): a delivered shipment served by uvicorn over its own SQLite file."""
    import uvicorn

    from jalin.api import create_app
    from jalin.settings import Settings

    url = f"sqlite:///{tmp_path_factory.mktemp('lacak') / 'jalin.db'}"
    worlds = build_world(url, atlas, small_network)
    world = next(worlds)
    s = world.book(
        shipper={"name": "Sari Wulandari", "phone": "081234567890", "address": "Jl. Cempaka Putih 17"},
        recipient={"name": "Budi Hartono", "phone": "081398765432", "address": "Jl. Sao-Sao 99"},
    )
    number, h = s["number"], s["handovers"][0]
    a, b = s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    now = datetime.now(UTC).replace(microsecond=0)

    def ev(status: str, at: datetime, location: str, number: str = number, **more: object) -> dict:
        return {
            "event_id": f"L-{uuid.uuid4().hex[:10]}",
            "number": number,
            "status": status,
            "occurred_at": at.isoformat(),
            "location": location,
            **more,
        }

    events_a = [
        ev("picked_up", now - timedelta(hours=30), "31.71.06"),
        ev("arrived", now - timedelta(hours=20), h["from_facility"]),
    ]
    events_b = [
        ev("handed_over", now - timedelta(hours=10), h["to_facility"]),
        ev(
            "delivered",
            now - timedelta(hours=1),
            KENDARI,
            received_by="Budi Hartono",
            cod_collected=150000,
        ),
    ]
    for who, batch in ((a, events_a), (b, events_b)):
        r = world.client.post("/v1/events", json={"events": batch}, headers=world.h(who))
        assert r.status_code == 200 and r.json()["accepted"] == len(batch), r.text
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(database_url=url)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", number
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        worlds.close()


def test_tracking_journey(page, tracked):
    base, number = tracked
    page.goto(base + "/lacak")
    assert axe_violations(page) == []
    page.get_by_label("Nomor kiriman").fill(number.lower())
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_selector("ol.timeline li")
    page.wait_for_load_state("load")  # the stylesheet decides the line breaks inner_text sees
    assert page.locator("h2#status").inner_text().startswith("Diterima")
    items = page.locator("ol.timeline li").all_inner_texts()
    assert len(items) == 5  # booked + four events, newest first
    assert items[0].split("\n")[1] == "Diterima" and "Dipesan" in items[-1]
    assert "WITA" in items[0] and "WIB" in items[-2]  # Kendari delivery, Jakarta pickup
    assert "Diserahkan ke kurir berikutnya" in page.locator("ol.timeline").inner_text()
    text = page.locator("main").inner_text()
    assert "Menteng" in text and "Sulawesi Tenggara" in text
    for secret in ("Sari", "Wulandari", "Budi", "Hartono", "Cempaka", "Sao-Sao", "0812", "150.000", "150000"):
        assert secret not in text, secret
    box = page.locator("h2#status").bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"]
    assert axe_violations(page) == []


def test_a_mistyped_number_is_explained_at_the_field(page, tracked):
    base, number = tracked
    wrong = number[:-3] + str((int(number[-3]) + 1) % 10) + "ID"
    page.goto(base + f"/lacak?nomor={wrong}")
    assert page.locator("#nomor").get_attribute("aria-invalid") == "true"
    assert "tidak sah" in page.locator("#nomor-error").inner_text()
    assert axe_violations(page) == []
    page.goto(base + f"/lacak/{number}")
    assert page.locator("ol.timeline li").count() == 5
