"""Statements as PDF (reportlab, A4), XLSX (openpyxl, amounts as numbers with a rupiah number
format) and CSV (UTF-8). Pure functions from `Statement` to bytes; all text Indonesian."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from jalin.i18n import rupiah, t
from jalin.settlement.periods import WIB
from jalin.settlement.statements import LANG, Statement, period_text

#: Excel's number format for rupiah: Rp1,234,500 in an English Excel, Rp1.234.500 in an
#: Indonesian one (the separators follow the reader's locale); the value stays a number.
RUPIAH_FORMAT = '"Rp"#,##0;-"Rp"#,##0'


def _signed(amount: int) -> str:
    """'Rp12.500' or '-Rp12.500'."""
    return rupiah(amount) if amount >= 0 else "-" + rupiah(-amount)


def _latin(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")


def _when(s: Statement, i: int) -> str:
    return f"{s.lines[i].recorded_at.astimezone(WIB):%Y-%m-%d %H:%M}"


def _l(key: str, **values: object) -> str:
    return t(key, lang=LANG, **values)


def statement_pdf(s: Statement) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        title=_l("settlement.statement.title"),
    )  # fmt: skip
    styles = getSampleStyleSheet()
    status = _l("settlement.status.closed" if s.closed else "settlement.status.open")
    story: list[object] = [
        Paragraph(_latin(_l("settlement.statement.title")), styles["Title"]),
        Paragraph(
            _latin(f"{_l('settlement.statement.member')}: {s.member_name} ({s.member})"), styles["Normal"]
        ),
        Paragraph(
            _latin(f"{_l('settlement.statement.period')}: {period_text(s.period)} - {status}"),
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[str]] = [
        [_l(f"settlement.col.{c}") for c in ("number", "kind", "counterparty", "recorded_at", "amount")]
    ]
    for i, line in enumerate(s.lines):
        rows.append(
            [
                line.number or "-",
                _latin(line.kind_text),
                _latin(f"{line.counterparty_name} ({line.counterparty})")[:40],
                _when(s, i),
                _signed(line.amount),
            ]
        )
    if len(rows) == 1:
        rows.append(["-", _latin(_l("settlement.statement.no_lines")), "", "", ""])
    table = LongTable(rows, repeatRows=1, colWidths=[32 * mm, 32 * mm, 58 * mm, 30 * mm, 28 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm)]
    for key, amount in (
        ("settlement.statement.receivable", s.receivable),
        ("settlement.statement.payable", s.payable),
        ("settlement.statement.net", s.net),
    ):
        story.append(Paragraph(_latin(f"{_l(key)}: {_signed(amount)}"), styles["Normal"]))
    story += [
        Spacer(1, 3 * mm),
        Paragraph(_latin(f"<b>{s.instruction}</b>"), styles["Heading3"]),
        Paragraph(_latin(s.due_text), styles["Normal"]),
    ]
    doc.build(story)
    return buf.getvalue()


def statement_xlsx(s: Statement) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _l("settlement.statement.sheet")
    bold = Font(bold=True)
    ws.append([_l("settlement.statement.title")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_l("settlement.statement.member"), s.member_name, s.member])
    ws.append([_l("settlement.statement.period"), period_text(s.period)])
    ws.append([])
    header = [
        _l(f"settlement.col.{c}")
        for c in ("number", "kind", "counterparty", "description", "recorded_at", "amount")
    ]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = bold
    for i, line in enumerate(s.lines):
        ws.append(
            [line.number or "", line.kind_text, f"{line.counterparty_name} ({line.counterparty})",
             line.description, _when(s, i), line.amount]
        )  # fmt: skip
        ws.cell(row=ws.max_row, column=6).number_format = RUPIAH_FORMAT
    ws.append([])
    for key, amount in (
        ("settlement.statement.receivable", s.receivable),
        ("settlement.statement.payable", s.payable),
        ("settlement.statement.net", s.net),
    ):
        ws.append(["", "", "", "", _l(key), amount])
        ws.cell(row=ws.max_row, column=6).number_format = RUPIAH_FORMAT
        ws.cell(row=ws.max_row, column=5).font = bold
    ws.append([])
    ws.append([s.instruction])
    ws.cell(row=ws.max_row, column=1).font = bold
    ws.append([s.due_text])
    for col, width in zip("ABCDEF", (16, 20, 30, 48, 18, 16), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def statement_csv(s: Statement) -> bytes:
    """One row per line, then the totals, net and instruction as rows whose `keterangan` names them."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["nomor", "jenis", "pihak_lawan", "nama_pihak_lawan", "keterangan", "dicatat", "jumlah"])
    for i, line in enumerate(s.lines):
        w.writerow(
            [line.number or "", line.kind.value, line.counterparty, line.counterparty_name, line.description,
             _when(s, i), line.amount]
        )  # fmt: skip
    w.writerow(["", "", "", "", _l("settlement.statement.receivable"), "", s.receivable])
    w.writerow(["", "", "", "", _l("settlement.statement.payable"), "", s.payable])
    w.writerow(["", "", "", "", _l("settlement.statement.net"), "", s.net])
    w.writerow(["", "", "", "", s.instruction, s.due_on.isoformat(), abs(s.net)])
    return out.getvalue().encode("utf-8")
