"""Dependencies point one way: domain packages never import web, CLI or storage frameworks."""

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "jalin"
DOMAIN = ["geo", "impact", "network", "registry", "routing"]
FORBIDDEN = (
    "fastapi",
    "starlette",
    "typer",
    "rich",
    "jinja2",
    "sqlalchemy",
    "alembic",
    "jalin.api",
    "jalin.cli",
    "jalin.storage",
    "jalin.web",
)


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_is_free_of_frameworks(package):
    root = PKG / package
    if not root.exists():
        pytest.skip(f"jalin.{package} does not exist yet")
    bad = [
        (str(p.relative_to(PKG)), name)
        for p in root.rglob("*.py")
        for name in _imports(p)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
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
