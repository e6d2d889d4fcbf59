"""`jalin feed ...` from the command line: exit codes, JSON and HTML reports, publish/activate/diff."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from jalin.cli import app
from tests.feeds import VALID_FEED, replace_in, write

runner = CliRunner()


def test_validate_exit_codes_and_json(tmp_path):
    good = write(VALID_FEED, tmp_path / "good")
    r = runner.invoke(app, ["feed", "validate", str(good), "--json"])
    assert r.exit_code == 0
    body = json.loads(r.stdout)
    assert body["valid"] is True and body["carrier_id"] == "TESTX" and body["summary"]["errors"] == 0

    bad = write(replace_in("runs.csv", "1111100,15:00", "1111100,25:00"), tmp_path / "bad")
    r = runner.invoke(app, ["feed", "validate", str(bad), "--json"])
    assert r.exit_code == 1
    n = json.loads(r.stdout)["notices"][0]
    assert n == {
        "code": "invalid_time",
        "severity": "ERROR",
        "file": "runs.csv",
        "line": 2,
        "field": "departs_at",
        "message": n["message"],
    }

    assert runner.invoke(app, ["feed", "validate", str(tmp_path / "nowhere")]).exit_code == 2


def test_html_report_groups_notices(tmp_path):
    bad = write(replace_in("runs.csv", "1111100,15:00", "1111100,25:00"), tmp_path / "bad")
    out = tmp_path / "report.html"
    r = runner.invoke(app, ["feed", "validate", str(bad), "--html", str(out)])
    assert r.exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert "invalid_time" in html and "Jam tidak valid" in html and "Feed tidak sah" in html
    assert "Cara memperbaiki: Tulis jam HH:MM" in html


def test_publish_activate_diff_list(tmp_path, monkeypatch):
    monkeypatch.setenv("JALIN_DATABASE_URL", f"sqlite:///{tmp_path / 'j.db'}")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    v1 = write(VALID_FEED, tmp_path / "v1")
    r = runner.invoke(app, ["feed", "publish", str(v1)])
    assert r.exit_code == 0 and "2026.11.1" in r.output
    r = runner.invoke(app, ["feed", "publish", str(v1)])
    assert r.exit_code == 0 and "Tidak ada perubahan" in r.output
    v2 = write(
        replace_in("feed.json", "2026.11.1", "2026.12.1")
        | {"runs.csv": VALID_FEED["runs.csv"] + "D3,REG,KDI,area:74.01,1111110,08:00,30,300,5000,0\n"},
        tmp_path / "v2",
    )
    assert runner.invoke(app, ["feed", "publish", str(v2)]).exit_code == 0
    r = runner.invoke(app, ["feed", "diff", "TESTX", "2026.11.1", "2026.12.1", "--json"])
    d = json.loads(r.stdout)
    assert d["runs"]["added"] == ["D3"] and d["delivery"]["gained"]
    assert runner.invoke(app, ["feed", "activate", "TESTX", "2026.11.1"]).exit_code == 0
    assert runner.invoke(app, ["feed", "activate", "TESTX", "9.9"]).exit_code == 2  # unknown version: input
    conflict = write(replace_in("runs.csv", "10000,2000", "12000,2000"), tmp_path / "conflict")
    r = runner.invoke(app, ["feed", "publish", str(conflict)])
    assert r.exit_code == 1 and "feed_version_conflict" in r.output
    bad = write(replace_in("feed.json", '"IDR"', '"USD"'), tmp_path / "bad")
    r = runner.invoke(app, ["feed", "publish", str(bad)])
    assert r.exit_code == 1 and "invalid_currency" in r.output
    r = runner.invoke(app, ["feed", "list"])
    assert "2026.12.1" in r.output
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.registry import list_audit
    from jalin.storage.db import make_engine
    from tests.uow import in_uow

    eng = make_engine(f"sqlite:///{tmp_path / 'j.db'}")
    actions = [a.action for a in in_uow(eng, list_audit, CLI_ADMIN)]
    eng.dispose()
    assert actions.count("feed.published") == 2 and "feed.activate" in actions and "feed.unchanged" in actions
