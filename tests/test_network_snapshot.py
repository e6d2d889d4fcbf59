"""Persisted network snapshots: reused across processes, never stale, rebuilt when damaged."""

from __future__ import annotations

import os
import zlib
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from jalin.network.merged import MergedNetwork
from jalin.network.validator import validate_feed
from jalin.registry.access import CLI_ADMIN
from jalin.routing import CompiledNetwork, HandoverPolicy, NoRoute, Planner, QuoteRequest, arrayfile
from jalin.routing.arrayfile import ArrayFile, ArrayFileError, StringColumn, write_arrays
from jalin.routing.coverage import CompiledCoverage
from jalin.services import network_state as ns
from jalin.services import publishing
from jalin.services.registry import create_agreement, move_agreement
from jalin.services.registry_import import members_for_feeds
from tests.feeds import VALID_FEED, activate, publish, replace_in, write
from tests.uow import in_uow

READY = datetime(2026, 12, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))


class Parses:
    """Counts feed parses: a snapshot read from its file parses none."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = publishing.load_feed  # network_state imports it when it builds

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(publishing, "load_feed", counting)


def _state(engine, atlas, folder: Path) -> ns.NetworkState:  # type: ignore[no-untyped-def]
    """A fresh state, as a new CLI process or API worker would have."""
    return ns.NetworkState(engine, lambda: atlas, folder)


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*.arr")}


def _two_carriers(tmp_path: Path) -> tuple[Path, Path]:
    """TESTX delivers in Kendari; TESTY picks up next door and can only meet TESTX there."""
    a = write(VALID_FEED, tmp_path / "a")
    b_files = {
        **replace_in("feed.json", '"TESTX"', '"TESTY"'),
        "facilities.csv": "facility_id,name,kind,area_code,lat,lon,handover\n"
        "KDI,Hub Y Kendari,hub,74.71.01,,,1\n",
        "runs.csv": "run_id,service_id,origin,destination,days,departs_at,cutoff_minutes,duration_minutes,"
        "base_price,price_per_kg\nP1,REG,area:74.71.02,KDI,1111111,10:00,0,60,1000,0\n"
        "D1,REG,KDI,area:74.71.02,1111111,11:00,0,60,1000,0\n",
        "calendar_dates.csv": "service_id,date,exception_type\n",
    }
    return a, write(b_files, tmp_path / "b")


def _quote(state: ns.NetworkState) -> list[tuple[int, int]]:
    request = QuoteRequest("74.71.02", "74.71.01", Decimal(1), READY)
    options, _ = state.snapshot().planner(open_handovers=False).quote(request)
    return [(o.price, o.handovers) for o in options]


def test_a_second_process_reads_the_snapshot_without_parsing(engine, atlas, tmp_path, monkeypatch):
    folder = tmp_path / "snap"
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas)
    parses = Parses(monkeypatch)
    first = _state(engine, atlas, folder)
    request = QuoteRequest("31.71.06", "74.71.01", Decimal("2.5"), READY)
    expected = first.snapshot().planner(open_handovers=False).quote(request)
    assert parses.count == 1
    assert len(_files(folder)) == 2  # the network and the agreements planner
    second = _state(engine, atlas, folder)
    assert second.snapshot().planner(open_handovers=False).quote(request) == expected
    assert [c.carrier_id for c in second.current().coverage("74.71.01")["delivery"]] == ["TESTX"]
    assert parses.count == 1  # read from the files
    assert second.snapshot().key == first.snapshot().key


def test_publish_and_rollback_make_a_new_snapshot_never_the_stale_one(engine, atlas, tmp_path, monkeypatch):
    folder = tmp_path / "snap"
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas)
    before = _state(engine, atlas, folder).snapshot()
    assert before.merged.coverage("74.01.01")["delivery"] == []
    v2 = {**replace_in("feed.json", "2026.11.1", "2026.11.2"), "runs.csv": VALID_FEED["runs.csv"]}
    v2["runs.csv"] += "D9,REG,KDI,area:74.01,1111111,08:00,30,240,4000,0\n"
    publish(engine, write(v2, tmp_path / "v2"), atlas)
    parses = Parses(monkeypatch)
    after = _state(engine, atlas, folder).snapshot()  # a new process after the publish
    assert after.key != before.key
    assert parses.count == 1  # built from the new data, not read from the old file
    assert [c.carrier_id for c in after.merged.coverage("74.01.01")["delivery"]] == ["TESTX"]
    activate(engine, "TESTX", "2026.11.1")  # the rollback finds the first snapshot's files again
    rolled = _state(engine, atlas, folder).snapshot()
    assert rolled.key == before.key and parses.count == 1
    assert rolled.merged.coverage("74.01.01")["delivery"] == []


def test_an_agreement_change_makes_a_new_snapshot(engine, atlas, tmp_path, monkeypatch):
    folder = tmp_path / "snap"
    a, b = _two_carriers(tmp_path)
    publish(engine, a, atlas)
    publish(engine, b, atlas)
    assert _quote(_state(engine, atlas, folder)) == []
    ids = in_uow(engine, members_for_feeds, CLI_ADMIN, atlas, [validate_feed(p, atlas).feed for p in (a, b)])
    deal = in_uow(
        engine,
        create_agreement,
        CLI_ADMIN,
        atlas,
        title="X-Y Kendari",
        kind="interline_handover",
        parties=[ids["TESTX"], ids["TESTY"]],
        fee_per_parcel=2500,
        stage="signed",
    )
    in_uow(engine, move_agreement, CLI_ADMIN, deal.id, "active")
    fresh = _quote(_state(engine, atlas, folder))
    assert fresh and all(h == 1 for _, h in fresh)
    in_uow(engine, move_agreement, CLI_ADMIN, deal.id, "ended")
    assert _quote(_state(engine, atlas, folder)) == []


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    header_end = 20 + int.from_bytes(data[8:16], "little")
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "flipped header":
        data[header_end - 5] ^= 0x01
        path.write_bytes(bytes(data))
    elif how == "flipped data":
        last_array = max(i for i in range(header_end, len(data)) if data[i])  # not padding
        data[last_array] ^= 0x10
        path.write_bytes(bytes(data))
    elif how == "garbage":
        path.write_bytes(b"not a snapshot at all")
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "flipped header", "flipped data", "garbage", "empty"])
def test_a_damaged_snapshot_file_is_rebuilt_not_used(engine, atlas, tmp_path, monkeypatch, how):
    folder = tmp_path / "snap"
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas)
    request = QuoteRequest("31.71.06", "74.71.01", Decimal("2.5"), READY)
    expected = _state(engine, atlas, folder).snapshot().planner(open_handovers=False).quote(request)
    for path in folder.glob("*.arr"):
        _damage(path, how)
    parses = Parses(monkeypatch)
    state = _state(engine, atlas, folder)
    assert state.snapshot().planner(open_handovers=False).quote(request) == expected
    assert parses.count == 1  # rebuilt from the feeds
    for path in folder.glob("*.arr"):
        ArrayFile(path)  # the rebuilt files are whole again


def test_array_file_round_trip_and_checks(tmp_path):
    path = tmp_path / "x.arr"
    column = StringColumn.encode(["Jakarta", "", "Wamena ☃"])
    arrays = {"a": np.arange(10, dtype=np.int64), "m": np.ones((3, 4), np.int8)}
    arrays["s.data"], arrays["s.offsets"] = column.arrays
    write_arrays(path, arrays, {"hello": ["x", 1]})
    f = ArrayFile(path)
    assert f.meta == {"hello": ["x", 1]}
    assert f["a"].tolist() == list(range(10)) and f["m"].shape == (3, 4)
    assert not f["a"].flags.writeable
    strings = StringColumn(f["s.data"], f["s.offsets"])
    assert list(strings) == ["Jakarta", "", "Wamena ☃"]
    assert (strings[-1], strings[-3], strings[1:]) == ("Wamena ☃", "Jakarta", ["", "Wamena ☃"])
    for outside in (3, -4):
        with pytest.raises(IndexError):
            strings[outside]
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    assert sorted(f) == ["a", "m", "s.data", "s.offsets"]
    path.write_bytes(path.read_bytes()[:-70])
    with pytest.raises(ArrayFileError):
        ArrayFile(path)


def _damaged_array_files(folder: Path) -> dict[str, Path]:
    """One file per way an array file can be broken, each named by what the reader must say."""
    good = folder / "good.arr"
    write_arrays(good, {"a": np.arange(40, dtype=np.int64)}, {"k": "v"})
    data = good.read_bytes()
    n = int.from_bytes(data[8:16], "little")
    prefix = 8 + 8 + 4
    header_end = prefix + n
    array_at = header_end + (-header_end % 64)
    header, rest = data[prefix:header_end], data[header_end:]
    bad_json = b"{" + b" " * (n - 1)
    bad_crc = zlib.crc32(bad_json).to_bytes(4, "little")
    cases = {
        "cannot be read": b"",  # no file at all (not written below)
        "too short to be an array file": data[: prefix - 1],
        "not an array file of this format": b"NOTANARR" + data[8:],
        "truncated (header)": data[: header_end - 1],
        "corrupted (header fails its checksum)": data[:prefix] + header.replace(b'"v"', b'"w"') + rest,
        "damaged header": data[:16] + bad_crc + bad_json + rest,
        "truncated (array a)": data[: array_at + 8],
        "corrupted (array a fails its checksum)": data[:array_at] + b"\x01" + data[array_at + 1 :],
    }
    paths = {}
    for why, content in cases.items():
        path = folder / f"{len(paths)}.arr"
        if why != "cannot be read":
            path.write_bytes(content)
        paths[why] = path
    return paths


def test_a_broken_array_file_is_refused_saying_which_file_and_what_is_wrong(tmp_path):
    for why, path in _damaged_array_files(tmp_path).items():
        with pytest.raises(ArrayFileError) as exc:
            ArrayFile(path)
        assert str(path) in str(exc.value) and why in str(exc.value), (why, str(exc.value))


def test_array_file_boundaries_header_only_and_header_ending_the_file(tmp_path):
    """A file of just the fixed prefix is long enough to be read (its empty header is then the
    problem); a file whose header ends exactly at its last byte, with no arrays, is whole."""
    prefix = 8 + 8 + 4
    path = tmp_path / "prefix.arr"
    path.write_bytes(arrayfile.MAGIC + (0).to_bytes(8, "little") + zlib.crc32(b"").to_bytes(4, "little"))
    with pytest.raises(ArrayFileError, match="damaged header"):
        ArrayFile(path)
    path = tmp_path / "exact.arr"
    header = '{"arrays":{},"meta":{"p":"%s"}}'
    pad = next(k for k in range(64) if (prefix + len(header % ("x" * k))) % 64 == 0)
    write_arrays(path, {}, {"p": "x" * pad})
    assert path.stat().st_size == prefix + len(header % ("x" * pad))  # no padding after the header
    assert ArrayFile(path).meta == {"p": "x" * pad} and len(ArrayFile(path)) == 0
    # One byte more in the header: the file ends in the padding after it; cut there, it is short.
    write_arrays(path, {}, {"p": "x" * (pad + 1)})
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(ArrayFileError, match=r"is truncated$"):
        ArrayFile(path)


def test_every_array_in_a_file_starts_on_a_64_byte_boundary(tmp_path):
    """The layout promises 64-byte alignment: the mapping is page-aligned, so each view's address
    shows where its array lies in the file. Odd sizes make the padding matter."""
    arrays = {f"a{n}": np.arange(n, dtype=np.int8) for n in (1, 3, 63, 64, 65, 100)}
    write_arrays(tmp_path / "x.arr", arrays, {"padding": "x" * 37})
    f = ArrayFile(tmp_path / "x.arr")
    for name, arr in arrays.items():
        assert f[name].__array_interface__["data"][0] % 64 == 0, name
        assert f[name].tolist() == arr.tolist()


def test_writing_goes_through_a_temporary_file_beside_the_target(tmp_path, monkeypatch):
    """Rename is atomic only within one file system: the temporary file is in the target's folder."""
    renamed: list[tuple[Path, Path]] = []
    real = os.replace

    def recording(src, dst):  # type: ignore[no-untyped-def]
        renamed.append((Path(src), Path(dst)))
        real(src, dst)

    monkeypatch.setattr(arrayfile.os, "replace", recording)
    write_arrays(tmp_path / "x.arr", {"a": np.arange(3)}, {})
    [(src, dst)] = renamed
    assert dst == tmp_path / "x.arr" and src.parent == tmp_path and src != dst


def test_an_array_of_python_objects_is_refused_by_name(tmp_path):
    with pytest.raises(TypeError, match="array names holds Python objects"):
        write_arrays(tmp_path / "x.arr", {"names": np.array(["a", None], dtype=object)}, {})
    assert list(tmp_path.iterdir()) == []


def test_compiled_network_round_trips_through_a_file(small_network, atlas, tmp_path):
    network, folder = small_network
    feeds = [validate_feed(p, atlas).feed for p in sorted(folder.iterdir()) if p.is_dir()]
    compiled = CompiledNetwork(feeds)
    pairs = [(a.carrier_a, a.carrier_b, a.fee) for a in network.agreements]
    policy = HandoverPolicy.from_pairs(pairs)
    planner = Planner(compiled, policy)
    write_arrays(tmp_path / "n.arr", *compiled.to_arrays())
    write_arrays(tmp_path / "p.arr", *planner.to_arrays())
    nf, pf = ArrayFile(tmp_path / "n.arr"), ArrayFile(tmp_path / "p.arr")
    loaded = Planner.from_arrays(CompiledNetwork.from_arrays(nf, nf.meta), policy, pf, pf.meta)
    assert loaded.net.carrier_names == compiled.carrier_names
    assert loaded.net.service_names == compiled.service_names and compiled.service_names
    districts = [d.code for d in atlas.districts()]
    rng = np.random.default_rng(7)
    for _ in range(40):
        o, d = rng.choice(districts, 2)
        request = QuoteRequest(str(o), str(d), Decimal(int(rng.integers(1, 300))) / 10, READY)
        assert loaded.quote(request) == planner.quote(request)
    request = QuoteRequest("31.71.06", "31.71.06", Decimal(1), READY)
    assert loaded.tariff(request, districts) == planner.tariff(request, districts)
    # A loaded network serves the other policies and the coverage as the compiled one does.
    assert CompiledCoverage(loaded.net, atlas).carrier_count == len(network.feeds)
    # Handover edges are built once per policy and network, then shared by its planners.
    assert compiled.handover_edges(policy) is compiled.handover_edges(HandoverPolicy.from_pairs(list(pairs)))
    for other in (HandoverPolicy.open(), HandoverPolicy.from_pairs([])):
        fresh, again = Planner(compiled, other), Planner(loaded.net, other)
        request = QuoteRequest("31.71.06", "95.01.01", Decimal("2.5"), READY)
        assert again.quote(request) == fresh.quote(request)


def test_an_empty_network_round_trips_and_answers_no_pickup(atlas, tmp_path):
    """Before any feed is published the snapshot is of an empty network: it is stored and read."""
    compiled = CompiledNetwork([])
    planner = Planner(compiled, HandoverPolicy.open())
    write_arrays(tmp_path / "n.arr", *compiled.to_arrays())
    write_arrays(tmp_path / "p.arr", *planner.to_arrays())
    nf, pf = ArrayFile(tmp_path / "n.arr"), ArrayFile(tmp_path / "p.arr")
    loaded = Planner.from_arrays(CompiledNetwork.from_arrays(nf, nf.meta), HandoverPolicy.open(), pf, pf.meta)
    request = QuoteRequest("31.71.06", "74.71.01", Decimal(1), READY)
    assert loaded.quote(request) == planner.quote(request) == ([], NoRoute.NO_PICKUP)
    assert CompiledCoverage(loaded.net, atlas).carrier_count == 0


def test_coverage_from_the_compiled_network_equals_the_merged_feeds(small_network, atlas):
    network, _ = small_network
    merged = MergedNetwork(network.feeds, atlas)
    compiled = CompiledCoverage(CompiledNetwork(network.feeds), atlas)
    assert compiled.summary() == merged.summary()
    assert compiled.carrier_count == merged.carrier_count
    for d in atlas.districts():
        assert compiled.coverage(d.code) == merged.coverage(d.code)
    # Coverage is asked per district: a province or regency code, or an unknown one, has none.
    nothing: dict[str, list[object]] = {"pickup": [], "delivery": []}
    for code in ("31", "31.71", "74.71", "95.01", "99.99.99", "31.71.06.1001"):
        assert compiled.coverage(code) == merged.coverage(code) == nothing, code
