"""What the portal's pages do, beyond who may open them (tests/test_portal_matrix.py): the feed
page (check, publish, versions, diff, roll back), booking from the form (a double submit is one
booking), confirming a manifest by scanning, and the refusal pages. SQLite and PostgreSQL."""

from __future__ import annotations

import re

from tests.feeds import VALID_FEED, replace_in
from tests.portal_network_world import NetWorld, net_world
from tests.portal_world import EMAILS, csrf_of, new_client, portal_world, sign_in
from tests.registry_world import zip_of

__all__ = ["net_world", "portal_world"]


def _upload(client, files: dict[str, str], action: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/portal/jaringan").text)
    return client.post(
        "/portal/jaringan",
        data={"csrf": token, "action": action},
        files={"file": ("feed.zip", zip_of(files), "application/zip")},
    )


def test_feed_page_checks_publishes_compares_and_rolls_back(portal_world):
    with new_client(portal_world.db_url) as c:
        assert sign_in(c, EMAILS["member"]).status_code == 303
        empty = c.get("/portal/jaringan")
        assert empty.status_code == 200 and "Belum ada versi" in empty.text
        broken = _upload(
            c, replace_in("feed.json", '"valid_from": "2026-01-01"', '"valid_from": "kemarin"'), "terbitkan"
        )
        assert broken.status_code == 422 and "tidak sah" in broken.text and "Belum ada versi" in broken.text
        checked = _upload(c, VALID_FEED, "periksa")
        assert (
            checked.status_code == 200
            and 'id="feed-report"' in checked.text
            and "Belum ada versi" in checked.text
        )
        first = _upload(c, VALID_FEED, "terbitkan")
        assert first.status_code == 200 and "Versi 2026.11.1 diterbitkan" in first.text
        second = _upload(c, replace_in("feed.json", "2026.11.1", "2026.11.2"), "terbitkan")
        assert "Versi 2026.11.2 diterbitkan" in second.text
        diff = c.get("/portal/jaringan", params={"dari": "2026.11.1", "ke": "2026.11.2"})
        assert diff.status_code == 200 and "Perubahan 2026.11.1 → 2026.11.2" in diff.text
        back = c.post(
            "/portal/jaringan/2026.11.1/aktifkan", data={"csrf": csrf_of(diff.text)}, follow_redirects=False
        )
        assert back.status_code == 303
        page = c.get(back.headers["location"])
        assert "Versi itu aktif lagi" in page.text
        row = page.text.split("<strong>2026.11.1</strong>", 1)[1].split("</td>", 1)[0]
        assert "aktif" in row


def test_another_carriers_feed_is_refused(portal_world):
    other = replace_in("feed.json", '"carrier_id": "TESTX"', '"carrier_id": "LAINX"')
    with new_client(portal_world.db_url) as c:
        sign_in(c, EMAILS["member"])
        r = _upload(c, other, "terbitkan")
        assert r.status_code == 422 and "Belum ada versi" in r.text


def _booking_form(w: NetWorld, client):  # type: ignore[no-untyped-def]
    page = client.get("/portal/kiriman/pesan?dari=31.71.06&ke=74.71.01&berat=1")
    key = re.search(r'name="key" value="([^"]+)"', page.text)
    assert key
    return {
        "csrf": csrf_of(page.text),
        "key": key.group(1),
        "from": "31.71.06",
        "to": "74.71.01",
        "weight_kg": "1",
        "choose": "cheapest",
        "shipper_name": "Toko Sari",
        "shipper_phone": "081234567890",
        "shipper_address": "Jl. Sudirman 5",
        "recipient_name": "Budi",
        "recipient_phone": "081298765432",
        "recipient_address": "Jl. Ahmad Yani 12",
    }


def test_booking_from_the_form_and_a_double_submit_is_one_shipment(net_world):
    c = net_world.client("member")
    try:
        form = _booking_form(net_world, c)
        first = c.post("/portal/kiriman/pesan", data=form, follow_redirects=False)
        again = c.post("/portal/kiriman/pesan", data=form, follow_redirects=False)
        assert first.status_code == again.status_code == 303
        assert first.headers["location"] == again.headers["location"]
        detail = c.get(first.headers["location"])
        assert "Kiriman dipesan" in detail.text and "Batalkan kiriman" in detail.text
        label = c.get(first.headers["location"].split("?")[0] + "/label")
        assert label.status_code == 200 and label.content.startswith(b"%PDF")
        bad = c.post("/portal/kiriman/pesan", data={**form, "key": "lain-1", "recipient_phone": "12"})
        assert bad.status_code == 422 and 'aria-invalid="true"' in bad.text
    finally:
        c.__exit__(None, None, None)


def test_scanning_reports_handed_over_and_unexpected_numbers(net_world):
    c = net_world.client("member")
    try:
        page = c.get(f"/portal/manifest/{net_world.manifest_id}")
        scanned = f"{net_world.number}\nJL000000000ID\n"
        r = c.post(
            f"/portal/manifest/{net_world.manifest_id}", data={"csrf": csrf_of(page.text), "scanned": scanned}
        )
        assert r.status_code == 200
        result = r.text.split('id="scan-result"', 1)[1].split("</div>", 1)[0]
        assert "1 kiriman diterima" in result and "JL000000000ID" in result
        assert "sudah diserahkan" in r.text
    finally:
        c.__exit__(None, None, None)


def test_an_officer_sees_but_may_not_act_on_an_agreement_across_regions(net_world):
    """The DPD officer's pipeline offers no move on an agreement with a party elsewhere, and a
    forged post is the 403 page (the service's rule, not the page's)."""
    from jalin.geo import get_atlas
    from jalin.registry.access import CLI_ADMIN
    from jalin.services import registry as reg
    from tests.uow import in_uow

    members = in_uow(net_world.engine, reg.list_members, CLI_ADMIN)
    far = next(m for m in members if m.province_code != net_world.province)
    made = in_uow(
        net_world.engine,
        reg.create_agreement,
        CLI_ADMIN,
        get_atlas(),
        title="Lintas provinsi",
        kind="data_sharing",
        parties=[net_world.member_id, far.id],
    )
    c = net_world.client("dpd")
    try:
        page = c.get("/portal/perjanjian")
        card = page.text.split(f'id="a{made.id}"', 1)[1].split("</li>", 1)[0]
        assert "Lintas provinsi" in card and "<button" not in card
        r = c.post(
            f"/portal/perjanjian/{made.id}/tahap", data={"csrf": csrf_of(page.text), "stage": "negotiating"}
        )
        assert r.status_code == 403 and "text/html" in r.headers["content-type"]
    finally:
        c.__exit__(None, None, None)


def test_unknown_objects_are_the_404_page(net_world):
    c = net_world.client("member")
    try:
        r = c.get("/portal/kiriman/JL000000000ID")
        assert r.status_code in (404, 422) and "text/html" in r.headers["content-type"]
        assert c.get("/portal/tidak-ada").status_code == 404
    finally:
        c.__exit__(None, None, None)


def test_webhook_page_shows_the_secret_once_and_queues_a_test(net_world, monkeypatch):
    monkeypatch.setenv("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")
    c = net_world.client("member")
    try:
        page = c.get("/portal/webhook")
        assert page.status_code == 200 and "Belum ada webhook" in page.text
        data = {
            "csrf": csrf_of(page.text),
            "url": "https://127.0.0.1/jalin",
            "event_types": ["shipment.delivered"],
        }
        made = c.post("/portal/webhook", data=data)
        assert made.status_code == 200 and 'id="webhook-secret"' in made.text and "whsec_" in made.text
        endpoint = re.search(r'<li id="(ep_[0-9a-f]+)"', made.text)
        assert endpoint
        listed = c.get("/portal/webhook")
        assert "whsec_" not in listed.text and "https://127.0.0.1/jalin" in listed.text
        sent = c.post(
            f"/portal/webhook/{endpoint.group(1)}/tes",
            data={"csrf": csrf_of(listed.text)},
            follow_redirects=False,
        )
        assert sent.status_code == 303
        log = c.get(sent.headers["location"])
        assert "Pesan tes diantrekan" in log.text and 'id="log"' in log.text
        refused = c.post("/portal/webhook", data={**data, "csrf": csrf_of(log.text), "url": "ftp://x"})
        assert refused.status_code == 422 and 'id="webhook-error"' in refused.text
    finally:
        c.__exit__(None, None, None)


def test_reports_draw_the_pipeline_and_members_as_svg(net_world):
    c = net_world.client("dpw")
    try:
        r = c.get("/portal/laporan")
        assert r.status_code == 200 and r.text.count('<svg viewBox="0 0 600') == 2
        assert 'role="img"' in r.text and "<rect" in r.text and "Angka dalam tabel" in r.text
    finally:
        c.__exit__(None, None, None)


def test_the_dpp_also_sees_shipments_per_week_on_time_rates_and_netting(net_world):
    c = net_world.client("admin")
    try:
        r = c.get("/portal/laporan")
        assert r.status_code == 200
        for title in (
            "Kiriman per minggu",
            "Ketepatan waktu per kurir",
            "pasangan serah terima",
            "Netting per periode",
        ):
            assert title in r.text
        # the booked shipments appear in the weekly chart, the settled period in the netting table
        assert r.text.count('<svg viewBox="0 0 600') >= 3 and net_world.period() in r.text
    finally:
        c.__exit__(None, None, None)
    officer = net_world.client("dpw")
    try:
        assert "Kiriman per minggu" not in officer.get("/portal/laporan").text
    finally:
        officer.__exit__(None, None, None)


def test_coverage_map_marks_districts_without_service_and_the_fastest_delivery(net_world):
    c = net_world.client()
    try:
        r = c.get("/portal/peta", params={"asal": "31.71.06"})
        assert (
            r.status_code == 200
            and 'id="peta"' in r.text
            and 'data-src="/portal/peta/data?asal=31.71.06"' in r.text
        )
        assert "<script>" not in r.text and "/static/vendor/leaflet/leaflet.js" in r.text
        assert (
            'id="map-table"' in r.text
            and "0 kurir (belum terlayani)" in r.text
            and "tidak terjangkau" in r.text
        )
        data = c.get("/portal/peta/data", params={"asal": "31.71.06"}).json()
        assert data["origin"]["code"] == "31.71.06"
        points = {p["code"]: p for p in data["points"]}
        assert points["31.71.06"]["carriers"] >= 1 and points["31.71.06"]["hours"] is not None
        unserved = [p for p in points.values() if p["carriers"] == 0]
        assert unserved and all(p["hours"] is None for p in unserved)
        assert all(-11 < p["lat"] < 7 and 94 < p["lon"] < 142 for p in points.values())
        # the table's national row agrees with the points (districts with a point)
        served = sum(1 for p in points.values() if p["carriers"] > 0)
        assert served == len(points) - len(unserved)
        bad = c.get("/portal/peta", params={"asal": "99.99.99"})
        assert bad.status_code == 422 and 'id="map-error"' in bad.text
        plain = c.get("/portal/peta/data").json()
        assert plain["origin"] is None and "hours" not in plain["points"][0]
    finally:
        c.__exit__(None, None, None)


def test_settlement_page_lists_periods_and_downloads_the_members_statement(net_world):
    c = net_world.client("member")
    try:
        page = c.get("/portal/tagihan")
        assert page.status_code == 200 and net_world.period() in page.text
        for fmt, start in (("csv", b""), ("pdf", b"%PDF")):
            r = c.get(f"/portal/tagihan/{net_world.period()}/{fmt}")
            assert r.status_code == 200 and r.content.startswith(start)
            assert "attachment" in r.headers["content-disposition"]
        assert c.get("/portal/tagihan/2026-W99/csv").status_code in (404, 422)
    finally:
        c.__exit__(None, None, None)


def test_the_decision_form_offers_only_what_the_visitor_may_decide(net_world):
    """A DPW officer recommends a submitted application; after that only the DPP decides, so the
    DPW sees that it waits for the DPP, and a DPD officer never gets the form."""
    app_id = net_world.application()
    dpw, dpd, dpp = net_world.client("dpw"), net_world.client("dpd"), net_world.client("admin")
    try:
        assert "Rekomendasikan ke DPP" not in dpd.get(f"/portal/permohonan/{app_id}").text
        page = dpw.get(f"/portal/permohonan/{app_id}")
        assert "Rekomendasikan ke DPP" in page.text
        done = dpw.post(
            f"/portal/permohonan/{app_id}", data={"csrf": csrf_of(page.text), "action": "recommend"}
        )
        assert done.status_code == 200 and "Permohonan direkomendasikan" in done.text
        assert "Setujui" not in done.text and "menunggu keputusan DPP" in done.text
        approved = dpp.get(f"/portal/permohonan/{app_id}")
        assert "Setujui" in approved.text
        r = dpp.post(
            f"/portal/permohonan/{app_id}", data={"csrf": csrf_of(approved.text), "action": "approve"}
        )
        assert r.status_code == 200 and 'id="first-key"' in r.text and "jln_" in r.text
    finally:
        for c in (dpw, dpd, dpp):
            c.__exit__(None, None, None)
