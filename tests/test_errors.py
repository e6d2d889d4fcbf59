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


def _typed(schema: dict | None) -> bool:
    """A schema a client generator can use: a model ($ref or properties), a union, a typed
    array, or a scalar; not `{}` and not a bare object with additionalProperties."""
    if not schema:
        return False
    if any(k in schema for k in ("$ref", "properties", "anyOf", "oneOf", "allOf")):
        return True
    if schema.get("type") == "array":
        return _typed(schema.get("items"))
    return schema.get("type") in ("string", "integer", "number", "boolean")


def test_every_operation_documents_its_success_response(openapi):
    """A client can be generated: each operation's 2xx answer has a schema with content, and a
    JSON answer names its fields (a response model), never a generic object."""
    missing = []
    for path, ops in openapi["paths"].items():
        for method, op in ops.items():
            ok = [r for code, r in op["responses"].items() if code.startswith("2")]
            contents = [(kind, c.get("schema")) for r in ok for kind, c in r.get("content", {}).items()]
            if not contents or any(
                s in (None, {}) or (kind == "application/json" and not _typed(s)) for kind, s in contents
            ):
                missing.append(f"{method.upper()} {path}")
    assert missing == []


def test_operation_ids_are_stable(openapi):
    """Members generate clients from these ids (the ones of 28 Nov 2026); renaming a route function
    must not change them."""
    ids = {op["operationId"] for ops in openapi["paths"].values() for op in ops.values()}
    assert ids >= {  # new operations may be added; these never change
        "add_action_v1_meetings__meeting_id__actions_post",
        "add_officer_v1_boards__code__officers_post",
        "add_unit_v1_members__member_id__units_post",
        "agreement_pipeline_v1_reports_agreement_pipeline_get",
        "audit_log_v1_audit_get",
        "coverage_of_district_v1_coverage__district__get",
        "coverage_summary_v1_coverage_summary_get",
        "create_agreement_v1_agreements_post",
        "create_key_v1_keys_post",
        "create_meeting_v1_meetings_post",
        "create_member_v1_members_post",
        "create_quote_v1_quotes_post",
        "decide_application_v1_applications__application_id__decision_post",
        "download_document_v1_agreements__agreement_id__documents__document_id__get",
        "get_agreement_v1_agreements__agreement_id__get",
        "get_application_v1_applications__application_id__get",
        "get_area_v1_areas__code__get",
        "get_meeting_v1_meetings__meeting_id__get",
        "get_member_v1_members__member_id__get",
        "healthz_healthz_get",
        "list_agreements_v1_agreements_get",
        "list_applications_v1_applications_get",
        "list_boards_v1_boards_get",
        "list_feed_versions_v1_feeds_get",
        "list_keys_v1_keys_get",
        "list_meetings_v1_meetings_get",
        "list_members_v1_members_get",
        "member_directory_v1_directory_get",
        "members_per_province_v1_reports_members_per_province_get",
        "move_agreement_v1_agreements__agreement_id__stage_post",
        "one_to_all_v1_quotes_one_to_all_get",
        "overdue_actions_v1_reports_overdue_actions_get",
        "publish_feed_v1_feeds_post",
        "resolve_address_v1_areas_resolve_get",
        "revoke_key_v1_keys__key_id__delete",
        "search_areas_v1_areas_get",
        "set_action_status_v1_actions__action_id__patch",
        "set_member_status_v1_members__member_id__status_patch",
        "set_terms_v1_agreements__agreement_id__terms_put",
        "submit_application_form_v1_applications_form_post",
        "submit_application_v1_applications_post",
        "upload_document_v1_agreements__agreement_id__documents_post",
    }
