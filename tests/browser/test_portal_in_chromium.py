"""The portal in Chromium at 390 px and 1280 px: each role's main journey (sign in, do the task,
see the result), with axe-core finding no serious or critical violation on the pages it passes,
and screenshots in $JALIN_SHOTS (default /tmp/portal-shots) for a person to look at.

Runs on SQLite and, when JALIN_TEST_DATABASE_URL is set, PostgreSQL (one server per database).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, serve
from tests.portal_world import EMAILS, PASSWORD

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("JALIN_SHOTS", "/tmp/portal-shots"))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def portal(request, atlas, small_network, tmp_path_factory) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The small network published, a shipment with a handover and one user per role; served."""
    from jalin.network.agreements import read_agreements
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.registry import ensure_structure
    from jalin.services.registry_import import import_interline, members_for_feeds
    from jalin.storage.db import make_engine, upgrade
    from tests.conftest import PG_URL, _pg_schema_url
    from tests.feeds import publish
    from tests.portal_network_world import build_net_world
    from tests.uow import in_uow

    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('portal') / 'jalin.db'}"])
    else:
        if not PG_URL:
            pytest.skip("PostgreSQL not configured: set JALIN_TEST_DATABASE_URL to run these")
        urls = _pg_schema_url(PG_URL)
    url = next(urls)
    engine = make_engine(url)
    upgrade(engine)
    network, folder = small_network
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        publish(engine, d, atlas)
    in_uow(engine, ensure_structure, atlas)
    ids = in_uow(engine, members_for_feeds, CLI_ADMIN, atlas, network.feeds)
    in_uow(engine, import_interline, CLI_ADMIN, atlas, read_agreements(folder / "agreements.csv"), ids)
    engine.dispose()
    world = build_net_world(url, atlas)
    for served in serve(url):
        world.base = served  # type: ignore[attr-defined]
        yield world
    world.engine.dispose()
    for _ in urls:  # drop the PostgreSQL schema
        pass


def _width(page) -> str:  # type: ignore[no-untyped-def]
    return "phone" if page.viewport_size["width"] < 600 else "desktop"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{_width(page)}.png"), full_page=True)


def _sign_in(page, base: str, role: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/portal")
    assert "/portal/masuk" in page.url
    page.get_by_label("Email").fill(EMAILS[role])
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(base + "/portal")


def _menu(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open a page from the menu: folded behind 'Menu' on a phone, inline on a desktop."""
    folded = page.locator("details.menu > summary")
    inline = page.locator("nav.menu-wide")
    if _width(page) == "phone":
        assert folded.is_visible() and not inline.is_visible()
        folded.click()
        page.locator("details.menu nav").get_by_role("link", name=name).click()
    else:
        assert inline.is_visible() and not folded.is_visible()
        inline.get_by_role("link", name=name).click()
    page.wait_for_load_state()


def test_public_is_sent_to_sign_in_and_a_wrong_password_says_so(page, portal):
    base = portal.base
    page.goto(base + "/portal/perjanjian")
    assert "/portal/masuk?lanjut=/portal/perjanjian" in page.url
    assert axe_violations(page) == []
    page.get_by_label("Email").fill(EMAILS["dpw"])
    page.get_by_label("Kata sandi").fill("bukan kata sandinya")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector("#signin-error")
    assert "salah" in page.locator("#signin-error").inner_text()
    _shot(page, "public-signin-error")
    assert axe_violations(page) == []


def test_member_confirms_a_manifest_by_scanning(page, portal):
    base = portal.base
    _sign_in(page, base, "member")
    assert "Serah terima hari ini" in page.locator("main").inner_text()
    _shot(page, "member-home")
    assert axe_violations(page) == []
    _menu(page, "Kiriman")
    page.get_by_role("link", name=portal.number).click()
    page.wait_for_load_state()
    assert portal.number in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Unduh label (PDF)").count() == 1
    _shot(page, "member-shipment")
    assert axe_violations(page) == []
    page.goto(f"{base}/portal/manifest/{portal.manifest_id}")
    field = page.get_by_label("Nomor kiriman yang diterima")
    field.type(portal.number)  # as a barcode scanner types: the number, then Enter
    field.press("Enter")
    page.get_by_role("button", name="Konfirmasi penerimaan").click()
    page.wait_for_selector("#scan-result")
    assert "kiriman diterima" in page.locator("#scan-result").inner_text()
    _shot(page, "member-manifest-confirmed")
    assert axe_violations(page) == []
    _menu(page, "Jaringan saya (feed)")
    assert "aktif" in page.locator("table").inner_text()
    _shot(page, "member-network")
    assert axe_violations(page) == []
    _menu(page, "Perusahaan & kunci API")
    page.get_by_role("button", name="Buat kunci baru").click()
    page.wait_for_selector("#new-key")
    assert page.locator("#new-key code").inner_text().startswith("jln_")
    _shot(page, "member-company-key")
    assert axe_violations(page) == []
    _menu(page, "Webhook")
    _shot(page, "member-webhooks")
    assert axe_violations(page) == []
    _menu(page, "Tagihan antaranggota")
    _shot(page, "member-settlement")
    assert axe_violations(page) == []


def test_dpw_officer_recommends_an_application(page, portal):
    base = portal.base
    app_id = portal.application()
    _sign_in(page, base, "dpw")
    assert "Permohonan menunggu keputusan" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _menu(page, "Permohonan anggota")
    _shot(page, "dpw-applications")
    assert axe_violations(page) == []
    page.locator(f"a[href='/portal/permohonan/{app_id}']").click()
    page.wait_for_load_state()
    assert "NIB" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Rekomendasikan ke DPP").click()
    page.wait_for_selector("#notice")
    assert "direkomendasikan" in page.locator("#notice").inner_text()
    _shot(page, "dpw-application-recommended")
    _menu(page, "Laporan")
    assert page.locator("svg[role=img]").count() == 2
    _shot(page, "dpw-reports")
    assert axe_violations(page) == []


def test_dpd_officer_moves_an_agreement_in_one_action(page, portal):
    base = portal.base
    agreement = portal.agreement()
    _sign_in(page, base, "dpd")
    _menu(page, "Perjanjian")
    assert axe_violations(page) == []
    card = page.locator(f"#a{agreement}")
    card.get_by_role("button", name="Negosiasi").click()
    page.wait_for_selector("#notice")
    assert "Tahap perjanjian diubah" in page.locator("#notice").inner_text()
    moved = page.locator(f"#a{agreement}")
    assert moved.locator("xpath=ancestor::section").get_attribute("aria-labelledby") == "stage-negotiating"
    _shot(page, "dpd-agreements")
    _menu(page, "Rapat & tindak lanjut")
    assert axe_violations(page) == []


def test_admin_invites_a_person_who_then_signs_in(page, portal, browser):
    base = portal.base
    _sign_in(page, base, "admin")
    _shot(page, "admin-home")
    assert axe_violations(page) == []
    _menu(page, "Pengguna")
    email = f"rina.{_width(page)}@contoh.co.id"
    page.get_by_label("Email").fill(email)
    page.get_by_label("Nama", exact=True).fill("Rina")
    page.get_by_label("Peran").select_option("officer")
    page.get_by_label("Kode DPW/DPD (pengurus)").fill(portal.province)
    page.get_by_role("button", name="Buat tautan undangan").click()
    page.wait_for_selector("#invite-link")
    link = page.locator("code.link-once").inner_text().strip()
    _shot(page, "admin-invited")
    assert axe_violations(page) == []
    # The invited person opens the link in a browser of their own.
    other = browser.new_context(viewport=page.viewport_size, locale="id-ID", bypass_csp=True)
    try:
        p2 = other.new_page()
        p2.goto(link)
        p2.get_by_label("Kata sandi baru", exact=True).fill("rina punya kata sandi")
        p2.get_by_label("Ulangi kata sandi baru").fill("rina punya kata sandi")
        p2.get_by_role("button", name="Simpan dan masuk").click()
        p2.wait_for_url(base + "/portal?ok=portal.invite.welcome")
        assert "Halo, Rina" in p2.locator("h1").inner_text()
        _shot(p2, "invited-home")
        assert axe_violations(p2) == []
    finally:
        other.close()


def test_coverage_map_draws_every_district_without_breaking_the_csp(page, portal):
    base = portal.base
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base + "/portal/peta?asal=31.71.06")
    page.wait_for_function(
        "document.getElementById('peta-status').textContent.includes('kecamatan ditampilkan')"
    )
    assert page.locator("#peta canvas").count() == 1  # Leaflet drew the points (no tiles, no CDN)
    assert page.locator("#legend-hours").is_visible() and not page.locator("#legend-carriers").is_visible()
    assert page.locator("#map-table tbody tr").count() >= 1
    _shot(page, "map-fastest")
    assert axe_violations(page) == []
    page.get_by_role("radio", name="Jumlah kurir").check()
    assert page.locator("#legend-carriers").is_visible() and not page.locator("#legend-hours").is_visible()
    _shot(page, "map-carriers")
    assert axe_violations(page) == []
    assert refused == []


def test_dpp_reports_show_network_charts_with_their_tables(page, portal):
    base = portal.base
    _sign_in(page, base, "admin")
    _menu(page, "Laporan")
    assert page.get_by_role("heading", name="Netting per periode", exact=False).count() == 1
    for summary in page.locator("details > summary").all():
        if "tabel" in summary.inner_text():
            summary.click()  # open every figures table, so axe checks them too
    _shot(page, "map-reports-dpp")
    assert axe_violations(page) == []


def test_public_finds_a_member_in_the_directory(page, portal):
    base = portal.base
    page.goto(base + "/")
    page.get_by_role("navigation").get_by_role("link", name="Direktori anggota").click()
    page.wait_for_url(base + "/direktori")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Direktori anggota")
    cards = page.locator("li.member")
    total = cards.count()
    assert total >= 2
    _shot(page, "public-directory")
    assert axe_violations(page) == []
    brand = cards.first.locator("h3").inner_text()
    province = cards.first.locator(".where").inner_text().rsplit(", ", 1)[1]
    page.get_by_label("Nama atau kode kurir").fill(brand.split()[0].lower())
    option = page.locator("#provinsi option").filter(has_text=re.compile(rf"^{re.escape(province)} \("))
    page.get_by_label("Provinsi").select_option(option.get_attribute("value"))
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(r".*/direktori\?.*cari="))
    shown = [h.inner_text() for h in page.locator("li.member h3").all()]
    assert brand in shown and len(shown) <= total
    assert all(province in w for w in page.locator("li.member .where").all_inner_texts())
    assert "anggota yang cocok" in page.locator("#hasil").inner_text()
    _shot(page, "public-directory-filtered")
    assert axe_violations(page) == []
    page.get_by_label("Nama atau kode kurir").fill("tidak ada kurir bernama begini")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    assert "Tidak ada anggota yang cocok" in page.locator("#hasil").inner_text()
    assert axe_violations(page) == []


def test_dpp_records_an_adjustment_and_closes_an_ended_period(page, portal):
    from datetime import UTC, datetime, timedelta

    from jalin.registry.access import CLI_ADMIN
    from jalin.services.settlement import adjustments
    from jalin.settlement.periods import period_of

    base = portal.base
    # A week that has ended with a line in it, one per width (the server is shared by both).
    past = datetime.now(UTC) - timedelta(weeks=2 if _width(page) == "phone" else 3)
    body = {"payer": portal.member_id, "payee": portal.partner_id, "amount": 7000, "reason": "tarif lama"}
    adjustments.record_adjustment(portal.engine, CLI_ADMIN, body, now=past)
    period = period_of(past).id
    _sign_in(page, base, "admin")
    _menu(page, "Penyelesaian tagihan")
    assert page.locator(f"#p-{period}").get_by_text("berakhir, belum ditutup").count() == 1
    _shot(page, "dpp-settlement")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Catat penyesuaian").click()
    page.wait_for_load_state()
    page.get_by_label("Pembayar (berutang)").select_option(str(portal.member_id))
    page.get_by_label("Penerima").select_option(str(portal.partner_id))
    page.get_by_label("Jumlah (rupiah)").fill("dua puluh ribu")
    page.get_by_label("Alasan").fill("Ongkos leg 2 salah hitung")
    page.get_by_role("button", name="Catat penyesuaian").click()
    page.wait_for_selector("#adjust-error")
    assert "rupiah bulat" in page.locator("#adjust-error").inner_text()
    assert page.get_by_label("Jumlah (rupiah)").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Alasan").input_value() == "Ongkos leg 2 salah hitung"
    _shot(page, "dpp-adjustment-error")
    assert axe_violations(page) == []
    page.get_by_label("Jumlah (rupiah)").fill("Rp25.000")
    page.get_by_role("button", name="Catat penyesuaian").click()
    page.wait_for_selector("#notice")
    assert "Penyesuaian dicatat" in page.locator("#notice").inner_text()
    history = page.locator("#riwayat").inner_text()
    assert "penyesuaian dicatat" in history and "Rp25.000" in history and "Budi admin" in history
    # Closing asks first.
    page.get_by_role("link", name=f"Tutup… {period}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == f"Tutup periode {period}?"
    assert "Rp7.000" in page.locator("main").inner_text()
    _shot(page, "dpp-close-confirm")
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Ya, tutup periode {period}").click()
    page.wait_for_selector("#notice")
    assert "Periode ditutup" in page.locator("#notice").inner_text()
    assert page.locator(f"#p-{period}").get_by_text("ditutup", exact=True).count() == 1
    assert page.locator(f"#p-{period}").get_by_role("link", name=re.compile("Tutup")).count() == 0
    _shot(page, "dpp-settlement-closed")
    assert axe_violations(page) == []
    # The closed period: figures, each member's position and statement.
    page.locator(f"#p-{period}").get_by_role("link", name=period).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == f"Periode {period}"
    assert page.locator("a[href$='/csv']").count() == 2  # the payer's and the payee's statements
    with page.expect_download() as download:
        page.locator("a[href$='/pdf']").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    _shot(page, "dpp-period")
    assert axe_violations(page) == []


def test_officer_asks_what_two_carriers_signing_would_change(page, portal):
    """The impact form filled in, sent, the run page waiting (reloading itself) until the figures."""
    from jalin.services.impact import live_today

    base = portal.base
    today = live_today(portal.state).network
    active = {frozenset(p[:2]) for p in today.pairs}
    ids = today.carrier_ids
    a, b = next((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :] if frozenset((x, y)) not in active)
    _sign_in(page, base, "dpw")
    _menu(page, "Dampak kerja sama")
    assert axe_violations(page) == []
    page.get_by_label("Kurir X", exact=True).select_option(a)
    page.get_by_label("Kurir Y", exact=True).select_option(b)
    page.get_by_label("Biaya serah terima per paket (Rp)").fill("1.500")
    page.get_by_role("radio", name="Kecamatan yang diketik").check()
    page.get_by_label("Kecamatan asal", exact=True).fill("31.71.06, 74.71.01")
    _shot(page, "dpw-impact-form")
    page.get_by_role("button", name="Hitung dampak").click()
    page.wait_for_url(re.compile(r".*/portal/dampak/\d+$"))
    page.wait_for_selector("#impact-figures", timeout=120_000)  # the page reloads itself until done
    text = page.locator("main").inner_text()
    assert f"{a} dan {b} bersepakat (Rp1.500 per paket)" in text
    assert "kecamatan terjangkau baru" in text and "Per provinsi" in text
    page.wait_for_function("document.getElementById('peta-status').textContent.includes('ditampilkan')")
    for summary in page.locator("main details > summary").all():
        summary.click()  # the map's table too, so axe checks it
    _shot(page, "dpw-impact-result")
    assert axe_violations(page) == []
