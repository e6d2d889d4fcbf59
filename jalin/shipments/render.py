"""Printing: labels as A6 PDF (reportlab, Code 128, segno QR) or ZPL for 203 dpi thermal
printers, and handover manifests as A4 PDF or CSV. Pure functions from layout data to bytes."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import segno
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jalin.shipments.labels import Label, PartyBlock

#: Code 128 module width on the PDF label (mm); wide enough for 203 dpi printers and phone cameras.
BAR_MODULE_MM = 0.38


def _latin(text: str) -> str:
    """The built-in PDF fonts cover Latin-1 (WinAnsi); anything else prints as '?'."""
    return text.encode("cp1252", "replace").decode("cp1252")


def _qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code of `data` as vector squares, `size` points wide including its quiet zone."""
    qr = segno.make(data, error="m")
    rows = list(qr.matrix_iter(scale=1, border=2))
    module = size / len(rows)
    c.setFillColor(colors.black)
    for r, row in enumerate(rows):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + col * module, y + size - (r + 1) * module, module, module, stroke=0, fill=1)


def _party(c: Canvas, block: PartyBlock, x: float, top: float, width: float, size: float) -> float:
    """Draw a party block from `top` down; returns the y below it."""
    c.setFont("Helvetica-Bold", 6.5)
    c.drawString(x, top, block.title)
    y = top - size - 1
    for i, line in enumerate(block.lines()):
        if not line:
            continue
        font = "Helvetica-Bold" if i == 0 else "Helvetica"
        for part in simpleSplit(_latin(line), font, size, width)[:3]:
            c.setFont(font, size)
            c.drawString(x, y, part)
            y -= size + 1.5
    return y


def label_pdf(label: Label) -> bytes:
    """One A6 portrait page (105 x 148 mm)."""
    buf = io.BytesIO()
    w, h = A6
    c = Canvas(buf, pagesize=A6, pageCompression=1)
    c.setTitle(f"Label {label.number}")
    c.setAuthor("Jalin")
    m = 5 * mm
    # Header: brand, booking date, routing code.
    c.setFont("Helvetica-Bold", 11)
    c.drawString(m, h - m - 9, "JALIN")
    c.setFont("Helvetica", 7)
    c.drawString(m, h - m - 18, f"Dipesan / booked {label.booked_on}")
    if label.sandbox:
        c.setFont("Helvetica-Bold", 8)
        c.drawString(m + 30 * mm, h - m - 9, "SANDBOX - JANGAN DIKIRIM / TEST")
    c.setFont("Helvetica-Bold", 20)
    c.drawRightString(w - m, h - m - 18, label.routing_code)
    c.setLineWidth(0.8)
    c.line(m, h - m - 23, w - m, h - m - 23)
    # The number: Code 128 and text.
    barcode = Code128(label.number, barWidth=BAR_MODULE_MM * mm, barHeight=16 * mm, humanReadable=False)
    bx = (w - barcode.width) / 2
    barcode.drawOn(c, bx, h - m - 27 - 16 * mm)
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString(w / 2, h - m - 40 - 16 * mm, label.number)
    y = h - m - 46 - 16 * mm
    c.line(m, y, w - m, y)
    # Recipient beside the QR code, then the shipper.
    qr_size = 27 * mm
    _qr(c, label.tracking_url, w - m - qr_size, y - 2 - qr_size, qr_size)
    bottom = _party(c, label.recipient, m, y - 9, w - 2 * m - qr_size - 2 * mm, 8.5)
    y = min(bottom, y - 2 - qr_size) - 3
    c.line(m, y, w - m, y)
    y = _party(c, label.shipper, m, y - 9, w - 2 * m, 7) - 2
    c.line(m, y, w - m, y)
    # Weight, dimensions, COD.
    c.setFont("Helvetica-Bold", 9)
    c.drawString(m, y - 11, _latin(label.weight))
    y -= 14
    if label.cod:
        c.setFont("Helvetica-Bold", 20)
        c.drawString(m, y - 20, label.cod)
        y -= 24
    # The carriers in order with the handover places.
    c.setFont("Helvetica-Bold", 6.5)
    c.drawString(m, y - 8, "RUTE / ROUTE")
    y -= 16
    c.setFont("Helvetica", 6.5)
    for line in label.route:
        for part in simpleSplit(_latin(line), "Helvetica", 6.5, w - 2 * m):
            if y < m + 10:
                break
            c.drawString(m, y, part)
            y -= 8
    # Footer: reference and the tracking URL.
    c.setFont("Helvetica", 6)
    footer = f"Lacak / track: {label.tracking_url}"
    if label.reference:
        footer = f"Ref {label.reference} · {footer}"
    c.drawString(m, m, _latin(footer)[:120])
    c.showPage()
    c.save()
    return buf.getvalue()


def _zpl_text(text: str) -> str:
    """Field data with ^FH hex escapes for the characters ZPL treats as commands."""
    return text.replace("\\", "\\5C").replace("^", "\\5E").replace("~", "\\7E")


def label_zpl(label: Label) -> str:
    """The same label for a 203 dpi thermal printer: A6 is 839 x 1183 dots (UTF-8 text, ^CI28)."""
    out = ["^XA", "^CI28", "^PW839", "^LL1183", "^LH0,0"]

    def text(x: int, y: int, size: int, value: str) -> None:
        out.append(f"^FO{x},{y}^A0N,{size},{size}^FH\\^FD{_zpl_text(value)}^FS")

    text(40, 30, 34, "JALIN")
    text(40, 70, 22, f"Dipesan / booked {label.booked_on}")
    if label.sandbox:
        text(300, 30, 26, "SANDBOX - TEST")
    out.append(f"^FO520,30^A0N,60,60^FB280,1,0,R^FH\\^FD{_zpl_text(label.routing_code)}^FS")
    out.append("^FO30,105^GB779,3,3^FS")
    out.append(f"^FO80,125^BY3,3,130^BCN,130,N,N,N^FD{label.number}^FS")
    text(230, 270, 44, label.number)
    out.append("^FO30,325^GB779,3,3^FS")
    out.append(f"^FO600,335^BQN,2,5^FH\\^FDMA,{_zpl_text(label.tracking_url)}^FS")
    y = 345
    for block, size in ((label.recipient, 28), (label.shipper, 22)):
        text(40, y, 20, block.title)
        y += 26
        for line in block.lines():
            if line:
                out.append(f"^FO40,{y}^A0N,{size},{size}^FB540,2,0,L^FH\\^FD{_zpl_text(line)}^FS")
                y += size + 4 + (size + 4 if len(line) > 540 // (size // 2) else 0)
        y = max(y, 560) + 12 if block is label.recipient else y + 12
        out.append(f"^FO30,{y - 6}^GB779,2,2^FS")
    text(40, y + 6, 30, label.weight)
    y += 44
    if label.cod:
        text(40, y, 64, label.cod)
        y += 74
    text(40, y, 20, "RUTE / ROUTE")
    y += 26
    for line in label.route:
        if y > 1130:
            break
        text(40, y, 20, line)
        y += 24
    text(40, 1150, 18, f"Lacak / track: {label.tracking_url}")
    out.append("^XZ")
    return "\n".join(out) + "\n"


MANIFEST_COLUMNS = ("number", "weight_kg", "dims_cm", "cod_amount", "planned_at", "status")


def manifest_csv(manifest: dict[str, Any]) -> str:
    """One line per shipment with the manifest's id, facility, date and carriers on each row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["manifest", "facility", "date", "from_carrier", "to_carrier", *MANIFEST_COLUMNS])
    for line in manifest["lines"]:
        w.writerow(
            [
                manifest["id"],
                manifest["facility"],
                manifest["date"],
                manifest["from_carrier"],
                manifest["to_carrier"],
                line["number"],
                line["weight_kg"],
                "x".join(line["dims_cm"]) if line["dims_cm"] else "",
                line["cod_amount"],
                line["planned_at"],
                line["status"],
            ]
        )
    return buf.getvalue()


def manifest_pdf(manifest: dict[str, Any], facility_place: str) -> bytes:
    """A4: the handover list with totals and a signature box for each carrier."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm)
    styles = getSampleStyleSheet()
    m = manifest
    story: list[Any] = [
        Paragraph(_latin(f"Manifest serah terima / handover manifest {m['id']}"), styles["Title"]),
        Paragraph(
            _latin(
                f"{m['from_carrier']} &gt; {m['to_carrier']} · fasilitas {m['facility']} "
                f"({facility_place}) · tanggal {m['date']} · status {m['status']}"
            ),
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    rows: list[Sequence[str]] = [
        ["No", "Nomor", "Berat (kg)", "Ukuran (cm)", "COD (Rp)", "Rencana", "Status"]
    ]
    for i, line in enumerate(m["lines"], start=1):
        rows.append(
            [
                str(i),
                line["number"],
                line["weight_kg"],
                "x".join(line["dims_cm"]) if line["dims_cm"] else "-",
                f"{line['cod_amount']:,}".replace(",", ".") if line["cod_amount"] else "-",
                line["planned_at"][11:16],
                line["status"],
            ]
        )
    t = m["totals"]
    rows.append(
        [
            "",
            f"{t['shipments']} kiriman",
            t["weight_kg"],
            "",
            f"{t['cod_amount']:,}".replace(",", "."),
            "",
            "",
        ]
    )
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 12 * mm),
        Table(
            [
                [
                    f"Diserahkan oleh / handed over by ({m['from_carrier']})",
                    f"Diterima oleh / received by ({m['to_carrier']})",
                ],
                ["\n\n\nNama, tanda tangan, jam", "\n\n\nNama, tanda tangan, jam"],
            ],
            colWidths=[90 * mm, 90 * mm],
            style=TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
                ]
            ),
        ),
    ]
    doc.build(story)
    return buf.getvalue()
