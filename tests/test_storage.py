from sqlalchemy import inspect, text

from jalin.storage.db import (
    current_revision,
    ever_upgraded,
    head_revision,
    make_engine,
    normalize_url,
    upgrade,
)
from jalin.storage.regions import count_regions, sync_regions


def test_upgrade_from_empty_reaches_head_and_is_idempotent(db_url):
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision(engine)
    upgrade(engine)  # a second run changes nothing and does not fail
    assert current_revision(engine) == head_revision(engine)
    assert "regions" in inspect(engine).get_table_names()
    engine.dispose()


def test_ever_upgraded_answers_like_alembic(db_url):
    """The CLI's cheap check agrees with Alembic's current revision: no version table, an empty
    one (all migrations undone), and an upgraded schema."""
    engine = make_engine(db_url)
    assert not ever_upgraded(engine) and current_revision(engine) is None
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    assert not ever_upgraded(engine) and current_revision(engine) is None
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    upgrade(engine)
    assert ever_upgraded(engine) and current_revision(engine) is not None
    engine.dispose()


def test_sync_regions_stores_every_region_once(engine, atlas):
    assert sync_regions(engine, atlas) == 38 + 514 + 7285
    assert count_regions(engine) == {1: 38, 2: 514, 3: 7285}
    assert sync_regions(engine, atlas) == 0


def test_postgres_urls_use_psycopg3():
    assert normalize_url("postgresql://postgres@127.0.0.1:5432/test").startswith("postgresql+psycopg://")
    assert normalize_url("sqlite:///var/x.db") == "sqlite:///var/x.db"
