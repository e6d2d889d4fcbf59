"""Labels and handover manifests on SQLite and PostgreSQL: the label's barcode and QR code read
back with a real decoder from the rendered PDF; manifests list, print and confirm by scanning."""

from __future__ import annotations

import csv
import io
import json

import pypdfium2 as pdfium
import zxingcpp
from sqlalchemy import func, select

from jalin.storage.db import make_engine
from jalin.storage.tables import shipment_events, shipments

A6_POINTS = (105 / 25.4 * 72, 148 / 25.4 * 72)
LATER = "2026-12-08T09:00:00+07:00"  # a day of its own, so these manifests hold only this module's parcels


def _pdf_pages(content: bytes) -> list[tuple[tuple[float, float], object, str]]:
    pdf = pdfium.PdfDocument(content)
    out = []
    for page in pdf:
        image = page.render(scale=300 / 72).to_pil()
        out.append((page.get_size(), image, page.get_textpage().get_text_range()))
    return out


def test_label_pdf_is_a6_and_its_barcode_and_qr_decode_to_the_number_and_tracking_url(world):
    s = world.book(
        **{"from": "3171061001"},  # a kelurahan code: the label shows the kelurahan and its postal code
        recipient={"name": "Budi Santoso", "phone": "081298765432", "address": "Jl. Ahmad Yani 12"},
    )
    r = world.client.get(f"/v1/shipments/{s['number']}/label", headers=world.h("seller"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    pages = _pdf_pages(r.content)
    assert len(pages) == 1
    (width, height), image, text = pages[0]
    assert abs(width - A6_POINTS[0]) < 1 and abs(height - A6_POINTS[1]) < 1
    decoded = {(b.format.name, b.text) for b in zxingcpp.read_barcodes(image)}
    assert ("Code128", s["number"]) in decoded
    assert ("QRCode", f"http://127.0.0.1:8000/v1/track/{s['number']}") in decoded
    flat = " ".join(text.split())
    for expected in [
        s["number"],
        "COD Rp150.000",
        "Budi Santoso",
        "+6281298765432",
        "Jl. Ahmad Yani 12",
        "Toko Sari",
        "Jl. Sudirman 5",
        "Kel/Desa Menteng, Kec. Menteng",
        "10310",
        "Kec. Mandonga",
        "Sulawesi Tenggara",
        "2,5 kg",
        "30x20x10 cm",
        s["to"],
        *[leg["carrier"] for leg in s["legs"]],
    ]:
        assert expected in flat, expected
    # Everyone who may see the shipment may print it; others get 404.
    carrier = s["legs"][-1]["carrier"]
    assert world.client.get(f"/v1/shipments/{s['number']}/label", headers=world.h(carrier)).status_code == 200
    outsider = next(c for c in world.members if c not in {leg["carrier"] for leg in s["legs"]} | {"seller"})
    assert (
        world.client.get(f"/v1/shipments/{s['number']}/label", headers=world.h(outsider)).status_code == 404
    )
    bad = world.client.get(f"/v1/shipments/{s['number']}/label?format=png", headers=world.h("seller"))
    assert bad.status_code == 422


def test_label_zpl_for_thermal_printers(world):
    s = world.book()
    r = world.client.get(f"/v1/shipments/{s['number']}/label?format=zpl", headers=world.h("seller"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/zpl")
    zpl = r.text
    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ") and "^PW839" in zpl and "^LL1183" in zpl
    assert f"^BCN,130,N,N,N^FD{s['number']}^FS" in zpl
    assert f"^FDMA,http://127.0.0.1:8000/v1/track/{s['number']}^FS" in zpl
    assert "COD Rp150.000" in zpl and "Budi Santoso" in zpl


def _events(url: str, number: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        sid = conn.scalar(select(shipments.c.id).where(shipments.c.number == number))
        n = conn.scalar(
            select(func.count()).select_from(shipment_events).where(shipment_events.c.shipment_id == sid)
        )
    engine.dispose()
    return int(n or 0)


def test_manifest_lists_prints_and_confirms_by_scanning(world):
    made = [world.book(ready_at=LATER, reference=f"MF-{i}") for i in range(4)]
    ids = {s["handovers"][0]["manifest"] for s in made}
    assert len(ids) == 1, "same route, same day: one manifest"
    (mid,) = ids
    h = made[0]["handovers"][0]
    giver, taker = h["from_carrier"], h["to_carrier"]
    # Both carriers and admin see it; others do not.
    for who in (giver, taker, "admin"):
        r = world.client.get(f"/v1/manifests/{mid}", headers=world.h(who))
        assert r.status_code == 200, who
    outsider = next(c for c in world.members if c not in (giver, taker, "seller"))
    assert world.client.get(f"/v1/manifests/{mid}", headers=world.h(outsider)).status_code == 404
    assert world.client.get(f"/v1/manifests/{mid}", headers=world.h("seller")).status_code == 404
    m = world.client.get(f"/v1/manifests/{mid}", headers=world.h(taker)).json()
    assert (m["facility"], m["from_carrier"], m["to_carrier"], m["status"]) == (
        h["to_facility"],
        giver,
        taker,
        "open",
    )
    assert m["date"] == h["planned_at"][:10]
    assert [line["number"] for line in m["lines"]] == sorted(s["number"] for s in made)
    assert m["totals"]["shipments"] == 4 and m["totals"]["cod_amount"] == 4 * 150000
    assert m["totals"]["weight_kg"] == "10.0"
    listed = world.client.get(f"/v1/manifests?date={m['date']}", headers=world.h(giver)).json()["items"]
    assert mid in {i["id"] for i in listed}
    assert world.client.get(f"/v1/manifests?facility={h['to_facility']}", headers=world.h(taker)).json()[
        "items"
    ]
    assert world.client.get("/v1/manifests", headers=world.h(outsider)).json()["items"] == [] or all(
        outsider in (i["from_carrier"], i["to_carrier"])
        for i in world.client.get("/v1/manifests", headers=world.h(outsider)).json()["items"]
    )
    # CSV and PDF.
    r = world.client.get(f"/v1/manifests/{mid}?format=csv", headers=world.h(giver))
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.headers["content-type"].startswith("text/csv") and {row["number"] for row in rows} == {
        s["number"] for s in made
    }
    r = world.client.get(f"/v1/manifests/{mid}?format=pdf", headers=world.h(giver))
    assert r.headers["content-type"] == "application/pdf"
    text = " ".join(t for _, _, t in _pdf_pages(r.content))
    assert all(s["number"] in text for s in made)
    # One parcel is cancelled before the handover.
    cancelled = made[3]["number"]
    assert (
        world.client.post(f"/v1/shipments/{cancelled}/cancel", headers=world.h("seller")).status_code == 200
    )
    # The giver may not confirm; the taker scans two parcels, a stranger's number and a duplicate.
    a, b, c = (s["number"] for s in made[:3])
    scan = {"scanned": [a, b.lower(), "JL123456785ID", a, cancelled]}
    r = world.client.post(f"/v1/manifests/{mid}/confirm", json=scan, headers=world.h(giver))
    assert r.status_code == 403 and r.json()["code"] == "not_receiving_carrier"
    r = world.client.post(f"/v1/manifests/{mid}/confirm", json=scan, headers=world.h(taker))
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["handed_over"] == [a, b]
    assert first["missing"] == [c]
    assert first["unexpected"] == ["JL123456785ID", cancelled]
    assert first["status"] == "partial" and first["totals"]["handed_over"] == 2
    # Custody passed: the giving leg is completed, the next leg active, a handed_over event recorded.
    s = world.client.get(f"/v1/shipments/{a}", headers=world.h("seller")).json()
    assert s["status"] == "handed_over" and s["handovers"][0]["status"] == "completed"
    assert [leg["status"] for leg in s["legs"][:2]] == ["completed", "active"]
    assert _events(world.url, a) == 1
    public = world.client.get(f"/v1/track/{a}").json()
    assert public["status"] == "handed_over"
    moment = public["timeline"][-1]
    assert moment["status"] == "handed_over" and moment["carrier"] and moment["place"]
    # Custody means no cancelling any more.
    r = world.client.post(f"/v1/shipments/{a}/cancel", headers=world.h("seller"))
    assert r.status_code == 409 and r.json()["code"] == "already_moving"
    # Confirming the same scans again changes nothing.
    again = world.client.post(f"/v1/manifests/{mid}/confirm", json=scan, headers=world.h(taker)).json()
    assert {
        k: again[k] for k in ("handed_over", "missing", "unexpected", "lines", "totals", "confirmed_at")
    } == {k: first[k] for k in ("handed_over", "missing", "unexpected", "lines", "totals", "confirmed_at")}
    assert _events(world.url, a) == 1
    # The missing parcel turns up later.
    late = world.client.post(
        f"/v1/manifests/{mid}/confirm", json={"scanned": [c]}, headers=world.h(taker)
    ).json()
    assert late["missing"] == [] and late["status"] == "confirmed" and late["handed_over"] == [c]
    bad = world.client.post(f"/v1/manifests/{mid}/confirm", json={"scanned": "JL1"}, headers=world.h(taker))
    assert bad.status_code == 422 and bad.json()["field"] == "scanned"
    assert (
        world.client.post(
            "/v1/manifests/MF-NOPE/confirm", json={"scanned": []}, headers=world.h(taker)
        ).status_code
        == 404
    )


def test_cli_label_and_manifests(world, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", world.url)
    s = world.book(ready_at="2026-12-15T09:00:00+07:00")
    runner = CliRunner()
    out = tmp_path / "label.pdf"
    r = runner.invoke(app, ["shipments", "label", s["number"], "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"%PDF")
    r = runner.invoke(
        app, ["shipments", "label", s["number"], "--format", "zpl", "--out", str(tmp_path / "l.zpl")]
    )
    assert r.exit_code == 0 and (tmp_path / "l.zpl").read_text().startswith("^XA")
    mid = s["handovers"][0]["manifest"]
    r = runner.invoke(app, ["manifests", "list", "--json"])
    assert mid in {i["id"] for i in json.loads(r.output)["items"]}
    r = runner.invoke(app, ["manifests", "show", mid])
    assert r.exit_code == 0 and mid in r.output
    r = runner.invoke(app, ["manifests", "show", mid, "--json"])
    assert [line["number"] for line in json.loads(r.output)["lines"]] == [s["number"]]
    r = runner.invoke(app, ["manifests", "show", mid, "--format", "csv", "--out", str(tmp_path / "m.csv")])
    assert r.exit_code == 0 and s["number"] in (tmp_path / "m.csv").read_text()
    r = runner.invoke(app, ["manifests", "confirm", mid, s["number"], "JL123456785ID", "--json"])
    assert r.exit_code == 0, r.output
    answer = json.loads(r.output)
    assert answer["handed_over"] == [s["number"]] and answer["unexpected"] == ["JL123456785ID"]
