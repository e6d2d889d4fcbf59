"""The registry from the command line, acting as the DPP on a fresh database."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from jalin.cli import app

runner = CliRunner()


def test_registry_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("JALIN_DATABASE_URL", f"sqlite:///{tmp_path / 'j.db'}")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    r = runner.invoke(app, ["admin", "create-key", "--role", "admin"])
    assert r.exit_code == 0 and r.stdout.strip().splitlines()[-1].startswith("jln_")
    base = [
        "members",
        "add",
        "--legal-name",
        "PT Uji",
        "--brand",
        "Uji",
        "--type",
        "courier",
        "--regency",
        "32.73",
    ]
    r = runner.invoke(app, [*base, "--nib", "123"])
    assert r.exit_code == 2 and "invalid_nib" in r.output  # wrong input: 2; refused by the state: 1
    assert runner.invoke(app, [*base, "--nib", "9120000000001", "--carrier-id", "UJI"]).exit_code == 0
    assert runner.invoke(app, [*base, "--nib", "9120000000002", "--carrier-id", "DUA"]).exit_code == 0
    r = runner.invoke(app, [*base, "--nib", "9120000000003", "--carrier-id", "UJI"])
    assert r.exit_code == 1 and "duplicate_carrier_id" in r.output
    r = runner.invoke(
        app,
        [
            "agreements",
            "create",
            "--title",
            "Uji-Dua",
            "--kind",
            "interline_handover",
            "--party",
            "1",
            "--party",
            "2",
            "--fee",
            "1500",
            "--district",
            "32.73.01",
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["agreements", "stage", "1", "active"])
    assert r.exit_code == 1 and "illegal_transition" in r.output and "negotiating" in r.output
    assert "Yang boleh: ended, negotiating." in r.output and "['" not in r.output  # no Python list
    for stage in ("negotiating", "signed", "active"):
        assert runner.invoke(app, ["agreements", "stage", "1", stage]).exit_code == 0
    doc = tmp_path / "mou.pdf"
    doc.write_bytes(b"%PDF-1.4")
    assert runner.invoke(app, ["agreements", "attach", "1", str(doc)]).exit_code == 0
    r = runner.invoke(
        app,
        [
            "meetings",
            "add",
            "--held-on",
            "2026-11-20",
            "--place",
            "Bandung",
            "--host",
            "32",
            "--topics",
            "serah terima",
            "--member",
            "1",
            "--member",
            "2",
        ],
    )
    assert r.exit_code == 0, r.output
    assert (
        runner.invoke(
            app, ["meetings", "action", "1", "--description", "MoU", "--owner", "DPW", "--due", "2026-01-01"]
        ).exit_code
        == 0
    )
    overdue = json.loads(runner.invoke(app, ["report", "overdue", "--json"]).stdout)
    assert [a["description"] for a in overdue] == ["MoU"]
    assert runner.invoke(app, ["meetings", "done", "1"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["report", "overdue", "--json"]).stdout) == []
    pipeline = json.loads(runner.invoke(app, ["report", "pipeline", "--json"]).stdout)
    assert pipeline[0]["active"] == 1
    r = runner.invoke(
        app,
        [
            "applications",
            "submit",
            "--legal-name",
            "PT Baru",
            "--brand",
            "Baru",
            "--nib",
            "9120000000009",
            "--type",
            "post",
            "--regency",
            "32.73",
            "--contact-name",
            "Ani",
        ],
    )
    assert r.exit_code == 0, r.output
    assert (
        runner.invoke(app, ["applications", "decide", "1", "approve"]).exit_code == 1
    )  # not recommended yet
    assert runner.invoke(app, ["applications", "decide", "1", "recommend"]).exit_code == 0
    r = runner.invoke(app, ["applications", "decide", "1", "approve"])
    assert r.exit_code == 0 and r.stdout.strip().splitlines()[-1].startswith("jln_")
    members = json.loads(runner.invoke(app, ["members", "list", "--json"]).stdout)
    assert [m["carrier_id"] for m in members] == ["UJI", "DUA", None]


def _member(nib: str, brand: str, regency: str, carrier: str) -> list[str]:
    return [
        "members",
        "add",
        "--legal-name",
        f"PT {brand}",
        "--brand",
        brand,
        "--type",
        "courier",
        "--regency",
        regency,
        "--nib",
        nib,
        "--carrier-id",
        carrier,
    ]


def test_lists_narrow_by_region_status_and_words_under_human_headers(tmp_path, monkeypatch):
    monkeypatch.setenv("JALIN_DATABASE_URL", f"sqlite:///{tmp_path / 'j.db'}")
    monkeypatch.setenv("JALIN_LANG", "id")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    for args in (
        _member("9120000000001", "Kilat Bandung", "32.73", "KLT"),
        _member("9120000000002", "Cepat Bogor", "32.01", "CPT"),
        _member("9120000000003", "Laju Kendari", "74.71", "LJU"),
    ):
        assert runner.invoke(app, args).exit_code == 0

    def listed(*args: str, field: str = "carrier_id") -> list[object]:
        return [row[field] for row in json.loads(runner.invoke(app, [*args, "--json"]).stdout)]

    assert listed("members", "list", "--province", "32") == ["KLT", "CPT"]
    assert listed("members", "list", "--regency", "32.01") == ["CPT"]
    assert listed("members", "list", "--search", "kendari laju") == ["LJU"]
    assert listed("members", "list", "--search", "kendari bandung") == []
    assert listed("members", "list", "--status", "active", "--province", "74") == ["LJU"]
    bad = runner.invoke(app, ["members", "list", "--status", "aktif"])
    assert bad.exit_code == 2 and "aktif" in bad.output  # names the wrong value and the choices
    table = runner.invoke(app, ["members", "list"]).stdout
    assert "Kode kurir" in table and "carrier_id" not in table
    assert "Kurir" in table and "aktif" in table and "courier" not in table and "active" not in table
    assert listed("members", "list", field="type")[0] == "courier"  # JSON keeps the API's codes

    r = runner.invoke(
        app,
        [
            *("agreements", "create", "--title", "Serah terima Jabar-Sultra", "--kind", "interline_handover"),
            *("--party", "1", "--party", "3", "--fee", "1500"),
        ],
    )
    assert r.exit_code == 0, r.output
    agreements = runner.invoke(app, ["agreements", "list", "--search", "laju"]).stdout
    assert "Kilat Bandung" in agreements and "Laju Kendari" in agreements  # parties by name
    assert "Serah terima antarkurir" in agreements and "Penjajakan" in agreements
    assert "interline_handover" not in agreements and "exploring" not in agreements
    titles = listed("agreements", "list", "--stage", "exploring", field="title")
    assert titles == ["Serah terima Jabar-Sultra"]
    assert listed("agreements", "list", "--stage", "active", field="title") == []
    assert listed("agreements", "list", "--search", "bogor", field="title") == []

    meeting = ["meetings", "add", "--held-on", "2026-11-20", "--place", "Bandung", "--host", "32"]
    assert runner.invoke(app, [*meeting, "--topics", "serah terima", "--member", "1"]).exit_code == 0
    plans = (("Draf MoU", "2026-01-10"), ("Uji rute", "2025-12-01"), ("Laporan", "2099-01-01"))
    for description, due in plans:
        args = ["meetings", "action", "1", "--description", description, "--owner", "DPW", "--due", due]
        assert runner.invoke(app, args).exit_code == 0
    actions = json.loads(runner.invoke(app, ["meetings", "actions", "--json"]).stdout)
    assert [a["description"] for a in actions] == ["Uji rute", "Draf MoU", "Laporan"]  # overdue first
    assert actions[0]["days_overdue"] > actions[1]["days_overdue"] > 0 == actions[2]["days_overdue"]
    assert runner.invoke(app, ["meetings", "done", "2"]).exit_code == 0
    still_open = json.loads(runner.invoke(app, ["meetings", "actions", "--status", "open", "--json"]).stdout)
    assert [a["description"] for a in still_open] == ["Draf MoU", "Laporan"]
    shown = runner.invoke(app, ["meetings", "actions"]).stdout
    assert "selesai" in shown and "terbuka" in shown and " done " not in shown
