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
