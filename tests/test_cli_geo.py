import json

from typer.testing import CliRunner

from jalin.cli import app

runner = CliRunner()


def test_resolve_json_prints_one_object_per_query():
    r = runner.invoke(app, ["geo", "resolve", "jl merdeka 12 kel lalombaa kolaka sultra", "93518", "--json"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.strip().splitlines()]
    assert [x["district"]["code"] for x in lines] == ["74.01.04", "74.01.04"]


def test_resolve_reads_a_file(tmp_path):
    f = tmp_path / "alamat.txt"
    f.write_text("\ufeffkel lalombaa kolaka\n\nkab kolaka\n", encoding="utf-8")
    r = runner.invoke(app, ["geo", "resolve", "--file", str(f), "--json"])
    lines = [json.loads(x) for x in r.stdout.strip().splitlines()]
    assert len(lines) == 2 and lines[1]["district"] is None


def test_resolve_without_input_is_a_usage_error():
    r = runner.invoke(app, ["geo", "resolve"])
    assert r.exit_code == 2


def test_show_unknown_code_fails_clearly():
    r = runner.invoke(app, ["geo", "show", "99.99"])
    assert r.exit_code == 1 and "99.99" in r.output


def test_an_overlong_line_in_a_file_gets_the_same_shape_with_an_issue(tmp_path):
    f = tmp_path / "alamat.txt"
    f.write_text("x" * 600 + "\nkel lalombaa kolaka\n", encoding="utf-8")
    r = runner.invoke(app, ["geo", "resolve", "--file", str(f), "--json"])
    first, second = (json.loads(x) for x in r.stdout.strip().splitlines())
    assert first["district"] is None and first["confidence"] == "none" and "500" in first["issues"][0]
    assert second["district"]["code"] == "74.01.04"
