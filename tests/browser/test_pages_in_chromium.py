"""The price check, the membership form and the API docs in Chromium at 390 px and 1280 px.

Journeys as a seller and a company take them, with axe-core (4.x, vendored) finding no
serious or critical accessibility violation, and no request leaving the machine.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def _first_card_above_the_fold(page) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("li.option").first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= page.viewport_size["height"], box


_OPTION_TEXT_CUT = """() => {
  const ctx = document.createElement("canvas").getContext("2d");
  const cut = [];
  for (const select of document.querySelectorAll("form.controls select")) {
    const style = getComputedStyle(select);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    for (const option of select.options) {
      if (ctx.measureText(option.text).width > room) cut.push(`${select.id}: ${option.text}`);
    }
  }
  return cut;
}"""


def test_price_check_journey(page, live_url):
    page.goto(live_url + "/")
    assert axe_violations(page) == []
    page.get_by_label("Dari").fill("jl sudirman kec menteng jakarta pusat")
    page.locator("#ke").fill("wamena jayawijaya")
    page.get_by_label("Berat (kg)").fill("2,5")
    page.get_by_role("button", name="Cek ongkir").click()
    page.wait_for_selector("li.option")
    cards = page.locator("li.option")
    assert cards.count() >= 2
    text = page.locator("ol.options").inner_text()
    assert "tercepat" in text and "termurah" in text
    assert re.search(r"\d+ hari", text) and "WIT" in text and "Dijemput mulai" in text and "WIB" in text
    assert "Rp" in cards.first.inner_text()
    _first_card_above_the_fold(page)
    assert axe_violations(page) == []
    assert page.evaluate(_OPTION_TEXT_CUT) == []  # every sort/filter choice readable, phone included

    # Filter to one carrier door to door, then sort by price.
    page.get_by_label("Serah terima", exact=True).select_option("0")
    page.get_by_label("Urutkan").select_option("price")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_selector("li.option")
    texts = page.locator("li.option").all_inner_texts()
    assert texts and all("tanpa serah terima" in t for t in texts)
    prices = [int(re.search(r"Rp([\d.]+)", t).group(1).replace(".", "")) for t in texts]  # type: ignore[union-attr]
    assert prices == sorted(prices)


def test_a_city_alone_is_offered_as_its_districts_for_both_fields_at_once(page, live_url):
    page.goto(live_url + "/cek-ongkir?dari=kota+kendari&ke=pekanbaru&berat=1")
    dari = page.locator("#dari-error .choices a")
    ke = page.locator("#ke-error .choices a")
    assert dari.count() == 11 and ke.count() == 15
    assert "Kota Kendari" in page.locator("#dari-error").inner_text()
    assert page.locator("#dari").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
    dari.filter(has_text="Mandonga").click()
    page.wait_for_load_state()
    assert page.locator("#dari").input_value() == "74.71.01"
    assert page.locator("#dari-error").count() == 0 and page.locator("#ke-error .choices a").count() == 15


def test_names_are_suggested_down_to_the_district(page, live_url):
    page.goto(live_url + "/")
    page.locator("#dari").press_sequentially("kebayoran", delay=30)
    page.wait_for_function("document.querySelectorAll('#dari-saran option').length > 0", timeout=15_000)
    values = page.locator("#dari-saran option").evaluate_all("os => os.map(o => o.value)")
    assert any(v.startswith("Kebayoran Baru, Kota Administrasi Jakarta Selatan") for v in values), values


def test_membership_form_offers_regencies_by_name_and_names_the_board(page, live_url):
    page.goto(live_url + "/daftar")
    assert axe_violations(page) == []
    assert "/v1/" not in page.locator("main").inner_text()
    page.get_by_label("Nama badan usaha").fill("PT Kirim Cepat Nusantara")
    page.get_by_label("Merek").fill("Kirim Cepat")
    # one NIB per width: the same company applying twice is refused (one open application per NIB)
    page.get_by_label("NIB").fill(f"9120000{page.viewport_size['width']:06d}")
    page.get_by_label("Kabupaten/kota tempat usaha").fill("bandung")
    page.get_by_label("Nama kontak").fill("Sari")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_selector("fieldset")
    assert axe_violations(page) == []
    page.get_by_label(re.compile(r"^\s*Kota Bandung")).check()
    page.get_by_role("button", name="Kirim permohonan").click()
    done = page.get_by_role("status")
    done.wait_for()
    assert "DPW Jawa Barat" in done.inner_text() and "Kota Bandung" in done.inner_text()


@pytest.mark.parametrize(("path", "marker"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1")])
def test_api_docs_render_offline(page, live_url, path, marker):
    page.goto(live_url + path)
    title = page.locator(marker).first
    title.wait_for(timeout=30_000)
    assert "Jalin" in title.inner_text()
