"""Dependencies point one way. The table says, per part of `jalin`, which other parts it may
import (as OpenTripPlanner's RaptorArchitectureTest does per module); anything else fails.

    api, web, cli (adapters) -> http (shared HTTP roles/deps) -> services (use cases)
        -> storage (tables, queries, unit of work) -> domain (geo, network, registry, routing)
        -> errors, settings, i18n, gc_tuning (the collector in short processes: stdlib only)

Adapters reach storage only for the engine, migrations and the unit of work; queries live in
storage modules that services call. Web pages are an adapter beside the API: the API's app
factory mounts them, and they never import the API.
"""

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "jalin"

DOMAIN = {
    "geo",
    "impact",
    "network",
    "registry",
    "routing",
    "settlement",
    "shipments",
    "tracking",
    "webhooks",
}
BASE = {"errors", "settings", "i18n", "gc_tuning"}

#: part -> the parts of jalin it may import (a dotted entry allows that one module only).
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "settings": set(),
    "gc_tuning": set(),
    "i18n": {"settings"},
    "geo": {"errors", "i18n", "gc_tuning"},
    "network": {"errors", "geo", "gc_tuning"},
    "registry": {"errors", "geo"},
    "routing": {"errors", "geo", "network"},
    "impact": {"errors", "geo", "network"},
    "shipments": {"errors", "geo", "routing", "i18n"},
    "tracking": {"errors", "geo", "network", "shipments"},
    "settlement": {"errors", "i18n"},
    "webhooks": set(),  # signing, retry schedule, SSRF address rules, streak rule: stdlib only
    "storage": {"errors", "settings"} | DOMAIN,
    "services": BASE | DOMAIN | {"storage"},
    "http": BASE | DOMAIN | {"services", "storage.uow"},
    "web": BASE | DOMAIN | {"services", "http"},
    "api": BASE | DOMAIN | {"services", "http", "web", "storage.db", "storage.uow"},
    "cli": BASE
    | DOMAIN
    | {"services", "web", "api", "worker", "storage.db", "storage.uow", "storage.regions"},
    "worker": BASE | DOMAIN | {"services", "storage.db", "storage.uow"},
}

#: Exceptions inside an allowed part: services reach the tables only through storage's query
#: modules (storage/registry.py, storage/feeds.py, storage/audit.py, ...).
DENIED: dict[str, set[str]] = {"services": {"storage.tables"}}

#: Frameworks only adapters (and storage, for SQLAlchemy/Alembic) may use.
FRAMEWORKS = ("fastapi", "starlette", "typer", "rich", "jinja2", "uvicorn", "sqlalchemy", "alembic")
FRAMEWORKS_ALLOWED: dict[str, set[str]] = {
    "storage": {"sqlalchemy", "alembic"},
    "services": {"sqlalchemy"},
    "http": {"fastapi", "starlette"},
    "web": {"fastapi", "starlette", "jinja2"},
    "api": {"fastapi", "starlette", "uvicorn"},
    "cli": {"typer", "rich", "uvicorn"},
}


#: Importing only these names from sqlalchemy is naming a type (an Engine handed around).
TYPE_ONLY = {"Engine"}


def _part(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path):
    """Absolute module names imported anywhere in the file (including inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("jalin", *path.relative_to(PKG).parts[:-1]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                yield f"{base}.{node.module}" if node.module else base
            elif node.module == "sqlalchemy" and {a.name for a in node.names} <= TYPE_ONLY:
                continue  # naming the engine's type is not using the database
            elif node.module:
                yield node.module


def _allows(allowed: set[str], target: str) -> bool:
    """`target` is a module path below jalin (e.g. `storage.uow` or `services.quotes`)."""
    return any(target == a or target.startswith(a + ".") for a in allowed)


def _sources():
    return sorted(p for p in PKG.rglob("*.py") if "migrations" not in p.parts)


def test_every_part_is_in_the_table():
    parts = {_part(p) for p in _sources()} - {"__init__"}
    assert parts <= set(ALLOWED), f"add {sorted(parts - set(ALLOWED))} to ALLOWED"


def test_the_table_has_no_cycles():
    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        stack = [start]
        while stack:
            for dep in ALLOWED[stack.pop()]:
                top = dep.split(".")[0]
                if top not in seen:
                    seen.add(top)
                    stack.append(top)
        return seen

    assert [p for p in ALLOWED if p in reach(p)] == []


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_imports_follow_the_table(part):
    bad = []
    for path in _sources():
        if _part(path) != part:
            continue
        for name in _imports(path):
            if name.startswith("jalin."):
                target = name.removeprefix("jalin.")
                if target.split(".")[0] != part and (
                    not _allows(ALLOWED[part], target) or _allows(DENIED.get(part, set()), target)
                ):
                    bad.append((str(path.relative_to(PKG)), name))
            elif name.split(".")[0] in FRAMEWORKS and name.split(".")[0] not in FRAMEWORKS_ALLOWED.get(
                part, set()
            ):
                bad.append((str(path.relative_to(PKG)), name))
    assert bad == []


def test_importing_the_app_and_cli_connects_to_nothing():
    """Importing must not build an engine or load the atlas; a fresh interpreter checks it."""
    import subprocess
    import sys

    code = (
        "import jalin.api.app, jalin.cli\n"
        "from jalin.geo import atlas\n"
        "assert atlas.get_atlas.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
