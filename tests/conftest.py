"""Shared fixtures: databases (SQLite always, PostgreSQL when JALIN_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, settings
from sqlalchemy import Engine, create_engine, text

from jalin.storage.db import make_engine, normalize_url, upgrade

PG_URL = os.environ.get("JALIN_TEST_DATABASE_URL")

# Hypothesis: `make test` and CI are derandomised (the same examples on every run, so a buggy
# commit cannot pass by luck, and no example database carries state between runs). Explore with
# fresh random examples, ten times as many (tests/budget.py), by
# `HYPOTHESIS_PROFILE=explore make test`; pin what it finds with @example.
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# scripts/mutation.py: as ci, without shrinking (a mutant is killed by the first failing example;
# a minimal one would only cost time, once per mutant).
settings.register_profile(
    "mutation", parent=settings.get_profile("ci"), phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the planner property test's scenario mix (hypothesis.event labels) in the log."""
    module = sys.modules.get("tests.test_planner_property")
    MIX = getattr(module, "MIX", {})
    n = MIX.get("examples", 0)
    if not n:
        return
    terminalreporter.section("planner scenario mix")
    for label, count in sorted(MIX.items(), key=lambda kv: -kv[1]):
        if label != "examples":
            terminalreporter.write_line(f"{count / n:6.1%}  {label}")
    terminalreporter.write_line(f"over {n} examples")


def _pg_schema_url(base: str) -> Iterator[str]:
    """A throwaway schema in the test database, selected through libpq's search_path option."""
    schema = f"jalin_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalize_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{normalize_url(base)}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _private_folders(tmp_path_factory) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Generated files, network snapshots and the geography cache go to temporary folders,
    never the working tree or the user's cache."""
    base = tmp_path_factory.getbasetemp()
    saved = {k: os.environ.get(k) for k in ("JALIN_DATA_DIR", "JALIN_CACHE_DIR")}
    os.environ["JALIN_DATA_DIR"] = str(base / "data")
    os.environ["JALIN_CACHE_DIR"] = str(base / "cache")
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jalin.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not configured: set JALIN_TEST_DATABASE_URL to run these")
    yield from _pg_schema_url(PG_URL)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def atlas():  # type: ignore[no-untyped-def]
    from jalin.geo import get_atlas

    return get_atlas()


@pytest.fixture(scope="session")
def resolver():  # type: ignore[no-untyped-def]
    from jalin.geo import get_resolver

    return get_resolver()


@pytest.fixture(scope="session")
def small_network(atlas, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The `small` synthetic network (seed 7), written once: (GeneratedNetwork, folder)."""
    from jalin.network.generator import generate, write_network

    network = generate(atlas, preset="small", seed=7)
    out = tmp_path_factory.mktemp("small-7")
    write_network(network, out)
    return network, out


@pytest.fixture
def published(engine, db_url, atlas, small_network):  # type: ignore[no-untyped-def]
    """The small network published, its carriers as members and its agreements active; the URL."""
    from jalin.network.agreements import read_agreements
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.registry import ensure_structure
    from jalin.services.registry_import import import_interline, members_for_feeds
    from tests.feeds import publish
    from tests.uow import in_uow

    network, folder = small_network
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        publish(engine, d, atlas)
    in_uow(engine, ensure_structure, atlas)
    ids = in_uow(engine, members_for_feeds, CLI_ADMIN, atlas, network.feeds)
    pairs = read_agreements(folder / "agreements.csv")
    in_uow(engine, import_interline, CLI_ADMIN, atlas, pairs, ids)
    return db_url


# The shipping world (module-scoped, both databases) for the shipment tests.
from tests.shipping import world, world_url  # noqa: E402, F401
