"""One error model: every code has an HTTP status, both languages, a row in docs/errors.md,
and appears in the OpenAPI; the API and the CLI answer a `JalinError` the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jalin.api import create_app
from jalin.api.errors_doc import errors_markdown
from jalin.api.problems import CODE_ENUMS, STATUS
from jalin.i18n import catalogue
from jalin.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "errors.md"
ALL_CODES = [c for enum in CODE_ENUMS for c in enum]


def test_codes_are_unique_across_domains():
    values = [c.value for c in ALL_CODES]
    assert sorted(v for v in set(values) if values.count(v) > 1) == []


@pytest.mark.parametrize("code", ALL_CODES, ids=str)
def test_every_code_has_a_status_and_both_languages(code):
    assert 400 <= STATUS[code] <= 599
    texts = catalogue()[f"error.{code.value}"]
    assert texts["id"].strip() and texts["en"].strip() and texts["id"] != texts["en"]


def test_every_message_has_both_languages():
    incomplete = [k for k, v in catalogue().items() if set(v) != {"id", "en"} or not all(v.values())]
    assert incomplete == []


def test_docs_table_is_current():
    assert DOCS.read_text(encoding="utf-8") == errors_markdown(), (
        "docs/errors.md is out of date: run `python -m jalin.api.errors_doc docs/errors.md`"
    )


@pytest.fixture(scope="module")
def openapi(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('oa') / 'x.db'}"
    with TestClient(create_app(Settings(database_url=url))) as client:
        return client.get("/openapi.json").json()


def test_openapi_documents_the_problem_and_every_code(openapi):
    schemas = openapi["components"]["schemas"]
    documented = {v for enum in CODE_ENUMS for v in schemas[enum.__name__]["enum"]}
    assert documented == {c.value for c in ALL_CODES}
    refs = {r["$ref"].rsplit("/", 1)[1] for r in schemas["Problem"]["properties"]["code"]["anyOf"]}
    assert refs == {enum.__name__ for enum in CODE_ENUMS}
    for path, ops in openapi["paths"].items():
        for method, op in ops.items():
            content = op["responses"]["default"]["content"]
            assert "application/problem+json" in content, (method, path)


def test_problem_carries_the_field(client_with_network):
    r = client_with_network.post("/v1/quotes", json={"from": "31.71.06", "to": "74.01.01", "weight_kg": "0"})
    body = r.json()
    assert r.status_code == 422 and body["code"] == "invalid_weight" and body["field"] == "weight_kg"
    assert body["candidates"] == [] and body["type"].endswith("/invalid_weight")


def test_problem_omits_field_when_none(client_with_network):
    r = client_with_network.get("/v1/members")
    assert r.status_code == 401 and r.json()["code"] == "unauthorized" and "field" not in r.json()


@pytest.fixture
def client_with_network(db_url):
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        yield client


def test_cli_prints_the_sentence_in_the_operators_language(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from jalin.cli import app

    runner = CliRunner()
    args = ["quote", "--from", "31.71.06", "--to", "74.01.01", "--weight", "0", "--feeds", str(tmp_path)]
    monkeypatch.setenv("JALIN_LANG", "id")
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and "invalid_weight (weight_kg)" in r.output and "Berat harus" in r.output
    monkeypatch.setenv("JALIN_LANG", "en")
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and "invalid_weight (weight_kg)" in r.output and "Berat" not in r.output


def test_page_survives_a_code_without_a_catalogue_entry(monkeypatch, db_url):
    """A new code nobody translated yet shows the code and the English detail, never a 500."""
    from enum import StrEnum

    from jalin.errors import JalinError
    from jalin.web import pages

    class Brand(StrEnum):
        NEW = "brand_new_code"

    def refuse(*_a, **_k):
        raise JalinError(Brand.NEW, "a reason nobody translated yet", field="to")

    monkeypatch.setattr(pages, "build_request", refuse)
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        r = client.get("/cek-ongkir", params={"dari": "31.71.06", "ke": "74.01.01"})
    assert r.status_code == 200 and "a reason nobody translated yet" in r.text
