"""Hostile and damaged files: every case gets a report, nothing crashes, nothing outside is read."""

from __future__ import annotations

import os
import zipfile
from datetime import date

import pytest

from jalin.network import source
from jalin.network.source import FeedSourceError
from jalin.network.validator import validate_feed
from tests.feeds import VALID_FEED, write

TODAY = date(2026, 11, 27)


def codes(result):
    return {n.code for n in result.notices.samples}


def make_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_zip_of_the_feed_folder_is_read(atlas, tmp_path):
    z = make_zip(tmp_path / "f.zip", {f"testx/{k}": v for k, v in VALID_FEED.items()})
    result = validate_feed(z, atlas, today=TODAY)
    assert result.valid and result.feed.carrier_id == "TESTX"


@pytest.mark.parametrize(
    "evil",
    ["../feed.json", "/etc/passwd", "a/../../secret.csv", "C:\\x\\runs.csv"],
    ids=["parent", "absolute", "climbing out", "a windows drive"],  # ASCII ids: mutmut reruns them by id
)
def test_zip_entries_pointing_outside_are_refused_unread(atlas, tmp_path, evil, monkeypatch):
    z = make_zip(tmp_path / "f.zip", {**VALID_FEED, evil: "x"})
    opened = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *a, **k):
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real_open(self, name, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    result = validate_feed(z, atlas, today=TODAY)
    assert "invalid_archive" in codes(result) and not result.valid
    assert evil not in opened


def test_zip_bomb_stops_at_the_limit(atlas, tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 5 * 1024 * 1024)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in VALID_FEED.items():
            if k != "runs.csv":
                zf.writestr(k, v)
        with zf.open("runs.csv", "w") as fh:
            block = b"0" * (1024 * 1024)
            for _ in range(50):  # 50 MB of zeros, a few dozen KB compressed
                fh.write(block)
    assert path.stat().st_size < 1024 * 1024
    result = validate_feed(path, atlas, today=TODAY)
    msgs = [n.message for n in result.notices.samples if n.code == "invalid_archive"]
    assert msgs and "runs.csv expands beyond" in msgs[0]


def test_corrupt_zip_is_reported(atlas, tmp_path):
    z = make_zip(tmp_path / "f.zip", VALID_FEED)
    data = bytearray(z.read_bytes())
    i = data.index(b"service_id") if b"service_id" in data else len(data) // 3
    data[i : i + 40] = b"\xff" * 40
    z.write_bytes(bytes(data))
    result = validate_feed(z, atlas, today=TODAY)
    assert not result.valid


def test_huge_line_is_reported_with_its_line(atlas, tmp_path):
    runs = VALID_FEED["runs.csv"] + "X1,REG," + "A" * 200_000 + ",JKT,1111111,10:00,0,30,0,0\n"
    result = validate_feed(write({**VALID_FEED, "runs.csv": runs}, tmp_path / "f"), atlas, today=TODAY)
    bad = [n for n in result.notices.samples if n.code == "invalid_csv"]
    assert bad and bad[0].file == "runs.csv" and bad[0].line == 10


def test_windows_1252_from_excel_is_named(atlas, tmp_path):
    fac = VALID_FEED["facilities.csv"].replace("Hub Kendari", "Hub Kéndari").encode("cp1252")
    result = validate_feed(write({**VALID_FEED, "facilities.csv": fac}, tmp_path / "f"), atlas, today=TODAY)
    n = next(n for n in result.notices.samples if n.code == "invalid_csv")
    assert n.line == 3 and "UTF-8" in n.message and "0xe9" in n.message


def test_bom_and_crlf_from_excel_are_accepted(atlas, tmp_path):
    files = {
        k: (b"\xef\xbb\xbf" + v.replace("\n", "\r\n").encode()) if k.endswith(".csv") else v
        for k, v in VALID_FEED.items()
    }
    result = validate_feed(write(files, tmp_path / "f"), atlas, today=TODAY)
    assert result.valid and result.notices.samples == []
    assert result.feed.services["REG"].cod is True


def test_empty_file(atlas, tmp_path):
    result = validate_feed(write({**VALID_FEED, "services.csv": ""}, tmp_path / "f"), atlas, today=TODAY)
    n = next(n for n in result.notices.samples if n.code == "invalid_csv")
    assert n.file == "services.csv" and "empty" in n.message
    # runs that name services are not blamed for the unreadable services.csv
    assert "foreign_key_violation" not in codes(result)


def test_nul_bytes_utf16(atlas, tmp_path):
    data = VALID_FEED["runs.csv"].encode("utf-16")
    result = validate_feed(write({**VALID_FEED, "runs.csv": data}, tmp_path / "f"), atlas, today=TODAY)
    assert "invalid_csv" in codes(result)


def test_unclosed_quote(atlas, tmp_path):
    runs = VALID_FEED["runs.csv"] + 'X1,REG,"JKT,KDI,1111111,10:00,0,30,0,0\n'
    result = validate_feed(write({**VALID_FEED, "runs.csv": runs}, tmp_path / "f"), atlas, today=TODAY)
    assert "invalid_csv" in codes(result)


def test_symlink_in_folder_is_not_followed(atlas, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text(VALID_FEED["runs.csv"])
    folder = write({k: v for k, v in VALID_FEED.items() if k != "runs.csv"}, tmp_path / "f")
    os.symlink(secret, folder / "runs.csv")
    result = validate_feed(folder, atlas, today=TODAY)
    assert {"invalid_archive", "missing_required_file"} <= codes(result)


def test_not_a_feed_at_all(atlas, tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(FeedSourceError):
        validate_feed(tmp_path / "x.txt", atlas)
    with pytest.raises(FeedSourceError):
        validate_feed(tmp_path / "missing", atlas)


def test_json_that_is_not_an_object(atlas, tmp_path):
    result = validate_feed(write({**VALID_FEED, "feed.json": "[1, 2]"}, tmp_path / "f"), atlas, today=TODAY)
    assert "invalid_json" in codes(result)
