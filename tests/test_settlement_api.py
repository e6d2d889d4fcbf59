"""Settlement through the API on SQLite and PostgreSQL: a past week's deliveries netted, read by
the admin, a member and an officer; lines as JSON and CSV; statements in Indonesian read back
(PDF text, XLSX cells, CSV); closing (not before the end, once, final); adjustments; the journal
balanced and permanent."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from itertools import combinations

import openpyxl
import pypdfium2 as pdfium
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from jalin.errors import JalinError
from jalin.i18n import rupiah
from jalin.storage import settlement as store
from jalin.storage.db import make_engine
from tests.settling import deliver, hand_over, lines_of

LATER = "2026-12-10T09:00:00+07:00"
WEEK = "2026-W41"  # 5-11 Oct 2026 (WIB): long ended, so it can be closed
IN_WEEK = datetime.fromisoformat("2026-10-07T10:00:00+07:00")
AFTER_END = datetime.fromisoformat("2026-10-12T00:00:00+07:00")  # next week's first instant
LAST_INSTANT = datetime.fromisoformat("2026-10-11T23:59:59+07:00")


def _get(world, who, url, **kw):
    return world.client.get(url, headers=world.h(who), **kw)


def _reference(lines):
    """The figures of settlement-v1, the slow obvious way, from the lines themselves."""
    owed: dict[tuple[int, int], int] = {}
    for x in lines:
        owed[(x["payer"], x["payee"])] = owed.get((x["payer"], x["payee"]), 0) + x["amount"]
    members = {m for pair in owed for m in pair}
    net = {
        m: sum(a for (p, q), a in owed.items() if q == m) - sum(a for (p, q), a in owed.items() if p == m)
        for m in members
    }
    gross = sum(x["amount"] for x in lines)
    net_total = sum(v for v in net.values() if v > 0)
    bilateral = sum(
        abs(owed.get((a, b), 0) - owed.get((b, a), 0)) for a, b in combinations(sorted(members), 2)
    )
    return gross, net_total, bilateral, net


@pytest.fixture(scope="module")
def week(world):
    """Three deliveries recorded in WEEK: two booked by the seller, one by a carrier."""
    made = [world.book(ready_at=LATER) for _ in range(2)]
    carrier = made[0]["legs"][0]["carrier"]
    made.append(world.book(who=carrier, ready_at=LATER))
    for i, s in enumerate(made):
        assert deliver(world, s["number"], 150000 if i != 1 else None, at=IN_WEEK)
    deliver(world, made[2]["number"], 1, at=LAST_INSTANT)  # the same step again: nothing
    return made


def test_period_figures_match_the_reference_for_every_role(world, week):
    all_lines = _get(world, "admin", f"/v1/settlement/periods/{WEEK}/lines?limit=2").json()
    items = list(all_lines["items"])
    while all_lines["next_cursor"]:
        all_lines = _get(
            world, "admin", f"/v1/settlement/periods/{WEEK}/lines?limit=2&cursor={all_lines['next_cursor']}"
        ).json()
        items += all_lines["items"]
    assert {x["number"] for x in items} == {s["number"] for s in week}
    assert all(x["recorded_at"].endswith("+07:00") and x["period"] == WEEK for x in items)
    gross, net_total, bilateral, net = _reference(items)
    p = _get(world, "admin", f"/v1/settlement/periods/{WEEK}").json()
    assert (p["gross"], p["net_total"], p["bilateral_total"], p["line_count"]) == (
        gross, net_total, bilateral, len(items),
    )  # fmt: skip
    assert p["netting_ratio"] == pytest.approx(1 - net_total / gross)
    assert {r["member"]: r["net"] for r in p["members"]} == {m: v for m, v in net.items()}
    assert sum(r["net"] for r in p["members"]) == 0
    assert p["transfers"] == sum(1 for v in net.values() if v)
    for r in p["members"]:
        assert r["receivable"] - r["payable"] == r["net"]
        ins = r["instruction"]
        assert ins == (
            None
            if r["net"] == 0
            else {"direction": "pay" if r["net"] < 0 else "receive", "amount": abs(r["net"])}
        )
    assert p["starts_at"] == "2026-10-05T00:00:00+07:00" and p["ends_at"] == "2026-10-12T00:00:00+07:00"
    assert p["due_at"] == "2026-10-19T00:00:00+07:00" and p["status"] == "open"
    # A member: the totals and its own row only; its own lines only.
    seller = world.members["seller"]
    mine = _get(world, "seller", f"/v1/settlement/periods/{WEEK}").json()
    assert [r["member"] for r in mine["members"]] == [seller]
    assert (mine["gross"], mine["net_total"]) == (gross, net_total)
    own = _get(world, "seller", f"/v1/settlement/periods/{WEEK}/lines").json()["items"]
    assert own and {x["id"] for x in own} == {x["id"] for x in items if seller in (x["payer"], x["payee"])}
    # An officer of DPW DKI Jakarta (31): the rows of members registered in province 31.
    officer = _get(world, "officer", f"/v1/settlement/periods/{WEEK}").json()
    regency = {
        r["member"]: _get(world, "admin", f"/v1/members/{r['member']}").json()["regency_code"]
        for r in p["members"]
    }
    assert {r["member"] for r in officer["members"]} == {
        m for m, code in regency.items() if code.startswith("31.")
    }
    assert seller in {r["member"] for r in officer["members"]}
    # An officer of another province (DPW Sulawesi Tenggara) sees the totals and only its rows.
    from jalin.registry.access import CLI_ADMIN
    from jalin.registry.rules import Role
    from jalin.services import registry as svc
    from tests.uow import in_uow

    engine = make_engine(world.url)
    try:
        key = in_uow(engine, svc.create_key, CLI_ADMIN, Role.OFFICER, board_code="74").secret
    finally:
        engine.dispose()
    dpd = world.client.get(f"/v1/settlement/periods/{WEEK}", headers={"X-API-Key": key}).json()
    assert dpd["gross"] == gross and seller not in {r["member"] for r in dpd["members"]}
    assert {r["member"] for r in dpd["members"]} == {
        m for m, code in regency.items() if code.startswith("74.")
    }
    assert officer["gross"] == gross
    assert _get(world, "officer", f"/v1/settlement/periods/{WEEK}/lines").status_code == 403
    assert _get(world, None, f"/v1/settlement/periods/{WEEK}").status_code == 401
    # The list shows the week with the same totals.
    listed = {i["id"]: i for i in _get(world, "seller", "/v1/settlement/periods").json()["items"]}
    assert (listed[WEEK]["gross"], listed[WEEK]["net_total"], listed[WEEK]["status"]) == (
        gross,
        net_total,
        "open",
    )


def test_lines_csv_has_the_contract_columns(world, week):
    r = _get(world, "admin", f"/v1/settlement/periods/{WEEK}/lines?format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == [
        "id",
        "period",
        "number",
        "kind",
        "payer",
        "payee",
        "amount",
        "recorded_at",
        "description",
    ]
    as_json = _get(world, "admin", f"/v1/settlement/periods/{WEEK}/lines?limit=10000").json()["items"]
    assert [(int(x["id"]), int(x["amount"]), x["kind"]) for x in rows] == [
        (x["id"], x["amount"], x["kind"]) for x in as_json
    ]
    assert _get(world, "admin", "/v1/settlement/periods/2026-W99/lines").status_code == 404
    assert _get(world, "admin", "/v1/settlement/periods/2026-99/lines").status_code == 422


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(content))


def test_statements_in_indonesian_read_back(world, week):
    seller = world.members["seller"]
    row = next(r for r in _get(world, "seller", f"/v1/settlement/periods/{WEEK}").json()["members"])
    assert row["net"] != 0
    verb = "Bayar" if row["net"] < 0 else "Terima"
    instruction = (
        f"{verb} {rupiah(abs(row['net']))} " + ("ke" if verb == "Bayar" else "dari") + " rekening kliring"
    )
    url = f"/v1/settlement/periods/{WEEK}/statements/{seller}"
    pdf = _get(world, "seller", f"{url}?format=pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text_ = _pdf_text(pdf.content)
    assert instruction in text_ and "Jatuh tempo: 19 Oktober 2026" in text_
    assert all(s["number"] in text_ for s in week[:2])
    assert "Laporan Kliring Jalin" in text_ and "." in rupiah(abs(row["net"]))
    xlsx = _get(world, "seller", f"{url}?format=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [[c for c in r] for r in ws.iter_rows()]
    header = next(i for i, r in enumerate(cells) if r[0].value == "No. kiriman")
    lines = []
    for r in cells[header + 1 :]:
        if r[0].value is None:
            break
        lines.append(r)
    assert lines and all(isinstance(r[5].value, int) and "Rp" in r[5].number_format for r in lines)
    net_row = next(r for r in cells if len(r) > 5 and r[4].value == "Neto")
    assert net_row[5].value == row["net"] and isinstance(net_row[5].value, int)
    assert any(r[0].value == instruction for r in cells)
    assert sum(r[5].value for r in lines) == row["net"]
    csv_rows = list(csv.reader(io.StringIO(_get(world, "seller", f"{url}?format=csv").text)))
    assert csv_rows[0][0] == "nomor" and csv_rows[-1][4] == instruction and csv_rows[-1][5] == "2026-10-19"
    # Another member's statement does not exist for the seller; the admin reads any.
    other = next(m for k, m in world.members.items() if k != "seller")
    assert _get(world, "seller", f"/v1/settlement/periods/{WEEK}/statements/{other}").status_code == 404
    assert (
        _get(world, "admin", f"/v1/settlement/periods/{WEEK}/statements/{other}?format=csv").status_code
        == 200
    )
    assert _get(world, "admin", f"{url}?format=doc").status_code == 422


def test_closing_is_final(world, week):
    before = _get(world, "admin", f"/v1/settlement/periods/{WEEK}").json()
    current = _get(world, "admin", "/v1/settlement/periods").json()["items"][0]["id"]
    r = world.client.post(f"/v1/settlement/periods/{current}/close", headers=world.h("admin"))
    assert r.status_code == 409 and r.json()["code"] == "period_not_ended"
    assert (
        world.client.post(f"/v1/settlement/periods/{WEEK}/close", headers=world.h("seller")).status_code
        == 403
    )
    r = world.client.post(f"/v1/settlement/periods/{WEEK}/close", headers=world.h("admin"))
    assert r.status_code == 200, r.text
    closed = r.json()
    assert closed["status"] == "closed" and closed["closed_at"]
    assert {k: closed[k] for k in ("gross", "net_total", "bilateral_total", "members")} == {
        k: before[k] for k in ("gross", "net_total", "bilateral_total", "members")
    }
    again = world.client.post(f"/v1/settlement/periods/{WEEK}/close", headers=world.h("admin"))
    assert again.status_code == 409 and again.json()["code"] == "period_closed"
    # A late delivery that would be recorded in it is refused; one recorded now lands in the open week.
    late = world.book(ready_at=LATER)
    with pytest.raises(JalinError) as refused:
        deliver(world, late["number"], 150000, at=LAST_INSTANT)
    assert refused.value.code == "period_closed"
    assert lines_of(world, late["number"]) == []
    made = deliver(world, late["number"], 150000)
    assert made and all(x.period == current for x in made)
    # An adjustment lands in the open period; the closed one is unchanged.
    adj = world.client.post(
        "/v1/settlement/adjustments",
        headers=world.h("admin"),
        json={
            "payer": world.members["seller"],
            "payee": made[0].payee,
            "amount": 2500,
            "reason": "salah hitung",
        },
    )
    assert adj.status_code == 201 and adj.json()["period"] == current and adj.json()["kind"] == "adjustment"
    after = _get(world, "admin", f"/v1/settlement/periods/{WEEK}").json()
    assert {k: after[k] for k in ("gross", "net_total", "bilateral_total", "members", "line_count")} == {
        k: before[k] for k in ("gross", "net_total", "bilateral_total", "members", "line_count")
    }
    # The database itself refuses a line in the closed period and any change to it.
    engine = make_engine(world.url)
    try:
        for sql in (
            "INSERT INTO settlement_lines (period, kind, seq, payer, payee, amount, recorded_at, "
            f"description) VALUES ('{WEEK}', 'adjustment', 0, {world.members['seller']}, {made[0].payee}, 5, "
            "'2026-10-07 03:00:00', 'x')",
            f"UPDATE settlement_periods SET gross = 0 WHERE id = '{WEEK}'",
        ):
            with pytest.raises(DatabaseError), engine.begin() as conn:
                conn.execute(text(sql))
    finally:
        engine.dispose()


def test_adjustments_are_checked(world):
    seller = world.members["seller"]
    other = next(m for k, m in world.members.items() if k != "seller")
    ok = {"payer": seller, "payee": other, "amount": 1000, "reason": "koreksi"}
    for change, status, code in (
        ({"amount": 0}, 422, "invalid_request"),
        ({"amount": "10"}, 422, "invalid_request"),
        ({"reason": ""}, 422, "invalid_request"),
        ({"payee": seller}, 422, "invalid_adjustment"),
        ({"payer": 99999}, 404, "not_found"),
        ({"number": "JL000000000ID"}, 404, "not_found"),
    ):
        r = world.client.post("/v1/settlement/adjustments", headers=world.h("admin"), json={**ok, **change})
        assert (r.status_code, r.json()["code"]) == (status, code), change
        assert next(iter(change)) in (r.json().get("field") or r.json()["detail"]), r.json()
    assert (
        world.client.post("/v1/settlement/adjustments", headers=world.h("seller"), json=ok).status_code == 403
    )


def test_journal_balances_and_is_permanent(world, week):
    hand_over(world, world.book(ready_at=LATER))
    engine = make_engine(world.url)
    try:
        with engine.connect() as conn:
            balances = store.journal_balances(conn)
            assert balances and sum(balances.values()) == 0
            entries = conn.execute(text("SELECT count(*) FROM journal_entries")).scalar()
            lines_n = conn.execute(text("SELECT count(*) FROM settlement_lines")).scalar()
            postings = conn.execute(
                text("SELECT side, count(*), sum(amount) FROM journal_postings GROUP BY side ORDER BY side")
            ).all()
            assert entries == lines_n and [p[1] for p in postings] == [entries, entries]
            assert postings[0][2] == postings[1][2]
        for sql in (
            "UPDATE settlement_lines SET amount = amount + 1",
            "DELETE FROM settlement_lines",
            "UPDATE journal_entries SET amount = amount + 1",
            "DELETE FROM journal_postings",
            "UPDATE journal_postings SET member_id = member_id",
        ):
            with pytest.raises(DatabaseError), engine.begin() as conn:
                conn.execute(text(sql))
        with engine.connect() as conn:
            assert sum(store.journal_balances(conn).values()) == 0
    finally:
        engine.dispose()


def test_cli_periods_show_close_statement(world, monkeypatch, tmp_path):
    import json

    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", world.url)
    s = world.book(ready_at=LATER)
    week = "2026-W40"
    assert deliver(world, s["number"], 150000, at=datetime.fromisoformat("2026-09-30T10:00:00+07:00"))
    runner = CliRunner()
    r = runner.invoke(app, ["settlement", "periods", "--json"])
    assert r.exit_code == 0, r.output
    assert week in {p["id"] for p in json.loads(r.output)["items"]}
    r = runner.invoke(app, ["settlement", "show", week])
    assert r.exit_code == 0 and week in r.output and "Bruto" in r.output
    r = runner.invoke(app, ["settlement", "show", week, "--json"])
    shown = json.loads(r.output)
    assert shown["gross"] == sum(x.amount for x in lines_of(world, s["number"]))
    out = tmp_path / "st.xlsx"
    seller = world.members["seller"]
    r = runner.invoke(
        app, ["settlement", "statement", week, str(seller), "--format", "xlsx", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert openpyxl.load_workbook(out).active["A1"].value == "Laporan Kliring Jalin"
    # The member as shipments name it (booked_by, M0012) is the same statement.
    by_id, by_ref = tmp_path / "id.csv", tmp_path / "ref.csv"
    for who, path in ((str(seller), by_id), (s["booked_by"], by_ref)):
        r = runner.invoke(app, ["settlement", "statement", week, who, "--format", "csv", "--out", str(path)])
        assert r.exit_code == 0, r.output
    assert by_ref.read_bytes() == by_id.read_bytes()
    r = runner.invoke(app, ["settlement", "statement", week, "seller", "--format", "csv"])
    assert r.exit_code == 2 and "seller" in r.output
    # Every member's statement in one pass: the same bytes as each member's own.
    folder = tmp_path / "all"
    r = runner.invoke(app, ["settlement", "statements", week, "--format", "csv", "--out", str(folder)])
    assert r.exit_code == 0, r.output
    files = sorted(folder.iterdir())
    assert len(files) == len(shown["members"]) >= 2
    for f in files:
        member = int(f.stem.rsplit("-", 1)[1])
        one = world.client.get(
            f"/v1/settlement/periods/{week}/statements/{member}?format=csv", headers=world.h("admin")
        )
        assert one.content == f.read_bytes()
    r = runner.invoke(app, ["settlement", "close", week])
    assert r.exit_code == 0 and week in r.output
    r = runner.invoke(app, ["settlement", "close", week])
    assert r.exit_code != 0 and "period_closed" in r.output
