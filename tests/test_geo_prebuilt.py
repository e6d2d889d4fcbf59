"""The geography cache: the atlas and the address index read from disk equal the ones built."""

from __future__ import annotations

import json

import pytest

from jalin.geo import prebuilt
from jalin.geo.atlas import Atlas


@pytest.fixture
def cache(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JALIN_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_atlas_from_the_cache_equals_the_one_built(cache, atlas):
    first = Atlas()  # builds and writes the cache
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["atlas"]
    second = Atlas()  # reads it
    assert second._areas == atlas._areas == first._areas
    assert second._children == atlas._children
    assert second._villages_by_postal == atlas._villages_by_postal


@pytest.mark.parametrize("damage", [b"", b"[[1, 2", b'{"not": "rows"}'])
def test_a_damaged_cache_is_rebuilt(cache, atlas, damage):
    Atlas()
    (path,) = cache.iterdir()
    path.write_bytes(damage)
    assert Atlas()._areas == atlas._areas
    assert len(path.read_bytes()) > 1_000_000  # written again, whole


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch, atlas):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("JALIN_CACHE_DIR", str(blocked / "sub"))
    assert Atlas()._areas == atlas._areas


def test_address_index_from_the_cache_equals_the_one_built(cache, monkeypatch):
    from lokal import alamat

    names = ("_index", "_longest", "_region_pool", "_child_pool")

    def fresh() -> dict:
        for n in names:
            monkeypatch.setattr(alamat, n, None if n != "_longest" else 1)
        assert prebuilt.warm_address_index.__wrapped__()
        return json.loads(json.dumps({n: getattr(alamat, n) for n in names}))  # tuples as lists

    built = fresh()  # builds and writes the cache
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["lokal"]
    assert fresh() == built  # read from the cache
