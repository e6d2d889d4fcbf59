"""`jalin demo` on a database nobody upgraded: it upgrades it first instead of failing."""

from __future__ import annotations

from sqlalchemy import inspect

from jalin.storage.db import current_revision, head_revision, make_engine


def test_demo_upgrades_a_never_upgraded_database(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("JALIN_DATABASE_URL", url)
    monkeypatch.setenv("JALIN_DATA_DIR", str(tmp_path / "var"))
    from jalin.cli.demo import run_demo

    state = run_demo(preset="small", seed=7)
    state.engine.dispose()
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision(engine)
        assert "regions" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    out = capsys.readouterr().out
    assert "Basis data mutakhir" in out and "OperationalError" not in out
    # One portal user per role, printed with how to sign in, and each can sign in.
    from jalin.cli.demo_users import DEMO_PASSWORD
    from tests.portal_world import new_client, sign_in

    assert "/portal/masuk" in out and DEMO_PASSWORD in out
    for email in ("dpp@jalin.demo", "dpw.jabar@jalin.demo", "dpd@jalin.demo", "staf@jalin.demo"):
        assert email in out
        with new_client(url) as client:
            assert sign_in(client, email, DEMO_PASSWORD).status_code == 303, email  # type: ignore[attr-defined]


def test_other_commands_on_a_never_upgraded_database_say_what_to_run(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    monkeypatch.setenv("JALIN_DATA_DIR", str(tmp_path / "var"))
    for args in (["members", "list"], ["agreements", "list"], ["shipments", "list"], ["users", "list"]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 1, (args, r.output)
        assert "jalin db upgrade" in r.output and "Traceback" not in r.output, (args, r.output)
        assert "OperationalError" not in r.output and len(r.output.strip().splitlines()) == 1, r.output
