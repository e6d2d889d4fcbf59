"""What a shipping label shows, as data (shipments-v1): the renderers in `jalin.shipments.render`
only lay it out.

A6 portrait, one page: the master number as Code 128 and as text; a QR code of the public
tracking URL; shipper and recipient (name, phone, address, kelurahan/desa, kecamatan,
kabupaten/kota, province, postal code); weight and dimensions; "COD Rp150.000" large when COD;
the carriers in order with the handover places; the destination district code as the routing
code; the booking date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jalin.geo import Atlas, Level
from jalin.i18n import rupiah

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@dataclass(frozen=True, slots=True)
class PartyBlock:
    title: str  # PENGIRIM / PENERIMA
    name: str
    phone: str
    address: str
    village: str  # kelurahan/desa, "" when the place was given as a district
    district: str  # kecamatan
    regency: str  # kabupaten/kota
    province: str
    postal_code: str

    def lines(self) -> list[str]:
        """The block as printed, one line each (empty parts left out)."""
        place = ", ".join(
            p for p in (self.village and f"Kel/Desa {self.village}", f"Kec. {self.district}") if p
        )
        return [
            self.name,
            self.phone,
            self.address,
            place,
            f"{self.regency}, {self.province}" + (f" {self.postal_code}" if self.postal_code else ""),
        ]


@dataclass(frozen=True, slots=True)
class Label:
    number: str
    tracking_url: str
    routing_code: str  # the destination district code
    booked_on: str  # "28 Nov 2026" (local date of the booking)
    shipper: PartyBlock
    recipient: PartyBlock
    weight: str  # "2,5 kg · 30x20x10 cm"
    cod: str | None  # "COD Rp150.000" or None
    route: tuple[str, ...]  # "1. GKCX2 (Menteng → B3171)", "⇄ serah terima di ...", ...
    sandbox: bool
    reference: str | None


def _place(atlas: Atlas, district: str, village_name: str | None) -> tuple[str, str, str, str, str]:
    area = atlas.get(district)
    if area is None:
        return (village_name or "", district, "", "", "")
    lineage = atlas.lineage(area)
    postal = ""
    village = None
    if village_name:
        village = next((v for v in atlas.children(district) if v.name == village_name), None)
    if village is not None and village.postal_code:
        postal = village.postal_code
    else:
        codes = sorted(set(atlas.postal_codes(district)))
        postal = codes[0] if len(codes) == 1 else ""
    regency = lineage[1].name if len(lineage) > 1 else ""
    return (village_name or "", area.name, regency, lineage[0].name, postal)


def _date(iso: str) -> str:
    d = datetime.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _place_name(atlas: Atlas, code: str) -> str:
    area = atlas.get(code)
    return area.name if area is not None and area.level >= Level.DISTRICT else code


def build_label(
    atlas: Atlas,
    shipment: dict[str, Any],
    villages: tuple[str | None, str | None],
    tracking_url: str,
) -> Label:
    """The label of a shipment in its API shape; `villages` are the kelurahan/desa names of the
    shipper's and recipient's places when they were resolved to one."""
    s = shipment
    blocks = []
    for title, key, district, village in (
        ("PENGIRIM / FROM", "shipper", s["from"], villages[0]),
        ("PENERIMA / TO", "recipient", s["to"], villages[1]),
    ):
        v, d, r, p, postal = _place(atlas, district, village)
        party = s[key]
        blocks.append(PartyBlock(title, party["name"], party["phone"], party["address"], v, d, r, p, postal))
    weight = s["weight_kg"].replace(".", ",") + " kg"
    if s["dims_cm"]:
        weight += " · " + "x".join(d.replace(".", ",") for d in s["dims_cm"]) + " cm"
    route: list[str] = []
    for leg in s["legs"]:
        start = next(iter(leg["from"].values()))
        end = next(iter(leg["to"].values()))
        if "district" in leg["from"]:
            start = _place_name(atlas, start)
        if "district" in leg["to"]:
            end = _place_name(atlas, end)
        route.append(f"{leg['seq']}. {leg['carrier']}: {start} > {end}")
        if leg["seq"] <= len(s["handovers"]):
            h = s["handovers"][leg["seq"] - 1]
            route.append(
                f"   serah terima {h['from_carrier']} > {h['to_carrier']} di {h['to_facility']} "
                f"({_place_name(atlas, h['district'])})"
            )
    return Label(
        number=s["number"],
        tracking_url=tracking_url,
        routing_code=s["to"],
        booked_on=_date(s["created_at"]),
        shipper=blocks[0],
        recipient=blocks[1],
        weight=weight,
        cod=f"COD {rupiah(s['cod_amount'])}" if s["cod_amount"] else None,
        route=tuple(route),
        sandbox=bool(s.get("test")),
        reference=s.get("reference"),
    )
