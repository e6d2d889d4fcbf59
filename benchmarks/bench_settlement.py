"""Netting one settlement period and every member's statement on PostgreSQL, against plain
Python over the exported lines, in the same run.

    .venv/bin/python benchmarks/bench_settlement.py [--lines 200000] [--members 350]
        [--pg postgresql://...] [--statements csv|xlsx|pdf|none] [--json]

Target size (issue 14): 10,000,000 lines among 350 members, netting <= 60 s, statements for
every member <= 60 s. Run small on a shared machine (the default 200,000) and say so.

Setup (untimed): a throwaway schema migrated to head, MEMBERS members, one period of LINES
lines (random payer != payee, amounts 1,000-500,000 rupiah, kinds mixed) written by one
`INSERT ... SELECT generate_series` (the insert triggers run: the period-open check), and the
journal (an entry and two postings per line). Then:

1. netting: what `GET /v1/settlement/periods/{id}` sums, by the database (GROUP BY member over
   both sides, GROUP BY unordered pair, gross and count): `jalin.storage.settlement.netting`;
2. baseline: the same lines exported (`SELECT payer, payee, amount`) and the same sums in plain
   Python loops (export and sums timed apart); the figures must be equal;
3. statements: every member's statement as `GET .../statements/{member}` builds it (its lines
   streamed in id order, its totals summed in SQL, the file rendered); then all of them in one
   pass as `jalin settlement statements` writes them (the lines ordered by member in SQL, the
   totals in one GROUP BY); against the baseline of grouping the exported lines per member in
   Python and rendering the same files.
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import create_engine, text

from jalin.registry.access import CLI_ADMIN
from jalin.services.settlement.statements import all_statements
from jalin.settlement import LineKind, Period, parse_period
from jalin.settlement.model import Line
from jalin.settlement.netting import MemberPosition, net_positions
from jalin.settlement.periods import WIB
from jalin.settlement.render import statement_csv, statement_pdf, statement_xlsx
from jalin.settlement.statements import build
from jalin.storage import settlement as store
from jalin.storage.db import make_engine, normalize_url, upgrade

PERIOD = "2026-W41"
RENDER = {"csv": statement_csv, "xlsx": statement_xlsx, "pdf": statement_pdf}


def setup(url: str, n_members: int, n_lines: int) -> tuple[str, float]:
    """Members, the period and its lines and journal; returns (schema URL, seconds)."""
    t0 = time.perf_counter()
    with make_engine(url).begin() as conn:
        now = datetime.now(WIB)
        conn.execute(
            text(
                "INSERT INTO members (legal_name, brand, nib, type, carrier_id, regency_code, province_code, "
                "status, created_at) SELECT 'PT Anggota ' || g, 'Anggota ' || g, "
                "'912' || lpad(g::text, 10, '0'), 'courier', 'C' || g, '31.71', '31', 'active', :now "
                "FROM generate_series(1, :n) g"
            ),
            {"now": now, "n": n_members},
        )
        p = parse_period(PERIOD)
        conn.execute(
            text(
                "INSERT INTO settlement_periods (id, starts_at, ends_at, status) VALUES (:id, :s, :e, 'open')"
            ),
            {"id": p.id, "s": p.starts_at, "e": p.ends_at},
        )
        lo, hi = conn.execute(text("SELECT min(id), max(id) FROM members")).one()
        # payer uniform over the members; payee another member (offset 1..n-1, wrapping).
        conn.execute(
            text(
                """
                INSERT INTO settlement_lines (period, shipment_id, number, kind, seq, payer, payee, amount,
                                              recorded_at, description)
                SELECT :period, NULL, 'JL' || lpad(g::text, 9, '0') || 'ID',
                       (ARRAY['leg','leg','handover_fee','cod'])[1 + g % 4], 0,
                       :lo + a, :lo + (a + 1 + (g * 7919) % (:n - 1)) % :n,
                       1000 + (g * 104729) % 499000,
                       :start + (g % 604800) * interval '1 second', 'bench line ' || g
                FROM (SELECT g, (g * 2654435761) % :n AS a FROM generate_series(1::bigint, :lines) g) s
                """
            ),
            {"period": PERIOD, "lo": lo, "n": hi - lo + 1, "lines": n_lines, "start": p.starts_at},
        )
        conn.execute(
            text(
                "INSERT INTO journal_entries (line_id, period, amount, posted_at) "
                "SELECT id, period, amount, recorded_at FROM settlement_lines"
            )
        )
        conn.execute(
            text(
                "INSERT INTO journal_postings (entry_id, side, member_id, amount) "
                "SELECT e.id, 'debit', l.payer, e.amount FROM journal_entries e JOIN settlement_lines l "
                "ON l.id = e.line_id UNION ALL "
                "SELECT e.id, 'credit', l.payee, e.amount FROM journal_entries e JOIN settlement_lines l "
                "ON l.id = e.line_id"
            )
        )
    with make_engine(url).connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return url, time.perf_counter() - t0


def python_netting(rows: list[tuple[int, int, int]]):  # type: ignore[no-untyped-def]
    receivable: dict[int, int] = defaultdict(int)
    payable: dict[int, int] = defaultdict(int)
    pair: dict[tuple[int, int], int] = defaultdict(int)
    gross = 0
    for payer, payee, amount in rows:
        payable[payer] += amount
        receivable[payee] += amount
        gross += amount
        if payer < payee:
            pair[(payer, payee)] += amount
        else:
            pair[(payee, payer)] -= amount
    members = sorted(set(receivable) | set(payable))
    return net_positions(
        [MemberPosition(m, receivable[m], payable[m]) for m in members], pair.values(), gross
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--members", type=int, default=350)
    ap.add_argument(
        "--pg",
        default=os.environ.get("JALIN_BENCH_DATABASE_URL") or os.environ.get("JALIN_TEST_DATABASE_URL"),
    )
    ap.add_argument("--statements", choices=["csv", "xlsx", "pdf", "none"], default="csv")
    ap.add_argument("--statement-members", type=int, default=0, help="0: every member")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.pg:
        sys.exit("PostgreSQL needed: --pg URL or JALIN_BENCH_DATABASE_URL")
    schema = f"bench_settle_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalize_url(args.pg), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in args.pg else "?"
    url = f"{normalize_url(args.pg)}{sep}options=-csearch_path%3D{schema}"
    out: dict[str, object] = {"lines": args.lines, "members": args.members, "statements": args.statements}
    try:
        engine = make_engine(url)
        upgrade(engine)
        _, out["setup_s"] = setup(url, args.members, args.lines)
        with engine.connect() as conn:
            t0 = time.perf_counter()
            sql = store.netting(conn, PERIOD)
            out["netting_sql_s"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            rows = [
                tuple(r)
                for r in conn.execute(
                    text("SELECT payer, payee, amount FROM settlement_lines WHERE period = :p ORDER BY id"),
                    {"p": PERIOD},
                )
            ]
            out["export_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        py = python_netting(rows)  # type: ignore[arg-type]
        out["netting_python_s"] = time.perf_counter() - t0
        same = (sql.gross, sql.net_total, sql.bilateral_total, sql.positions) == (
            py.gross,
            py.net_total,
            py.bilateral_total,
            py.positions,
        )
        out.update(
            same_figures=same, gross=sql.gross, net_total=sql.net_total, bilateral_total=sql.bilateral_total,
            netting_ratio=round(sql.netting_ratio, 6), transfers=len(sql.instructions),
            bilateral_transfers=sql.transfers_bilateral,
        )  # fmt: skip
        if args.statements != "none":
            render = RENDER[args.statements]
            period: Period = parse_period(PERIOD)
            with engine.connect() as conn:
                names = {
                    m: v["brand"]
                    for m, v in store.member_names(conn, [p.member for p in sql.positions]).items()
                }
                who = [p.member for p in sql.positions][: args.statement_members or None]
                t0 = time.perf_counter()
                size = 0
                for m in who:
                    lines = list(store.iter_lines(conn, PERIOD, m))
                    (pos,) = store.positions(conn, PERIOD, m)
                    size += len(render(build(period, False, m, names, lines, pos.receivable, pos.payable)))
                out["statements_s"] = time.perf_counter() - t0
                out["statements_bytes"] = size
            # Every statement in one pass, as `jalin settlement statements` writes them.
            if not args.statement_members:
                t0 = time.perf_counter()
                one_pass = sum(
                    len(d.content) for d in all_statements(engine, CLI_ADMIN, PERIOD, args.statements)
                )
                out["statements_one_pass_s"] = time.perf_counter() - t0
                out["statements_one_pass_same_size"] = one_pass == size
            with engine.connect() as conn:
                # Baseline: every line exported once, grouped per member in Python, same rendering.
                t0 = time.perf_counter()
                full = conn.execute(
                    text(
                        "SELECT id, period, number, kind, payer, payee, amount, recorded_at, description "
                        "FROM settlement_lines WHERE period = :p ORDER BY id"
                    ),
                    {"p": PERIOD},
                ).all()
            per: dict[int, list[Line]] = defaultdict(list)
            for r in full:
                line = Line(r[0], r[1], r[2], LineKind(r[3]), r[4], r[5], int(r[6]), r[7], r[8])
                per[r[4]].append(line)
                per[r[5]].append(line)
            base = 0
            for m in who:
                mine = per[m]
                rec = sum(x.amount for x in mine if x.payee == m)
                pay = sum(x.amount for x in mine if x.payer == m)
                base += len(render(build(period, False, m, names, mine, rec, pay)))
            out["statements_baseline_s"] = time.perf_counter() - t0
            out["statements_members"] = len(who)
            out["statements_same_size"] = base == size
        out["loadavg"] = os.getloadavg()
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    if not args.json:
        for k, v in out.items():
            print(f"{k:>24}: {v:.3f}" if isinstance(v, float) else f"{k:>24}: {v}")
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
