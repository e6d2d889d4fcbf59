"""Every list the API answers is `{"items": [...], "next_cursor": ...}`, a keyset page at a time.

On SQLite and PostgreSQL (the registry world runs on both): paging with a small `limit` walks
the same items, in the documented order, as one big page; a cursor keeps its place while rows
are inserted between two pages; a bad cursor is one 422 `invalid_cursor` naming `cursor`, a bad
limit one 422 `invalid_query` naming `limit`; and the OpenAPI shows the envelope (no list
answers a bare JSON array) with `cursor` and `limit` on every list operation.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from jalin.errors import JalinError
from jalin.registry.access import CLI_ADMIN
from jalin.services import paging
from jalin.services import registry as svc
from tests.feeds import VALID_FEED
from tests.registry_world import HOME_REGENCY, OTHER_PROVINCE_REGENCY, World, company, world, zip_of
from tests.uow import in_uow

__all__ = ["world"]  # the fixture

#: Every list of the registry, with the caller who sees it all and the list's documented order
#: as a function of one item (None: the order is checked elsewhere or is by a report's key).
LISTS: dict[str, Any] = {
    "/v1/members": lambda i: i["id"],
    "/v1/agreements": lambda i: i["id"],
    "/v1/meetings": lambda i: i["id"],
    "/v1/keys": lambda i: i["id"],
    "/v1/applications": lambda i: i["id"],
    "/v1/feeds": lambda i: i["id"],
    "/v1/boards": lambda i: i["id"],
    "/v1/audit": lambda i: -i["id"],  # newest first
    "/v1/directory": None,  # by brand then id, in the database's collation
    "/v1/reports/agreement-pipeline": lambda i: i["province_code"] or "",
    "/v1/reports/members-per-province": lambda i: i["province_code"],
    "/v1/reports/overdue-actions": lambda i: (i["due_on"], i["id"]),
    "/v1/webhooks": None,
    "/v1/settlement/periods": None,
    "/v1/manifests": None,
    "/v1/reports/tracking-quality": None,
}


def _get(w: World, url: str, **params: Any) -> Any:
    r = w.client.get(url, headers={"X-API-Key": w.root}, params=params)
    assert r.status_code == 200, (url, params, r.text[:300])
    return r.json()


def _walk(w: World, url: str, limit: int, **params: Any) -> tuple[list[Any], int]:
    """Every item of `url`, `limit` at a time; and how many pages that took."""
    items: list[Any] = []
    cursor, pages = None, 0
    while True:
        page = _get(w, url, limit=limit, **({"cursor": cursor} if cursor else {}), **params)
        assert set(page) == {"items", "next_cursor"}, page
        assert len(page["items"]) <= limit
        pages += 1
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items, pages
        assert page["items"], "a page that promises more is never empty"


def _fill(w: World) -> None:
    """Enough of everything that two items make several pages of every registry list."""
    members = [
        w.admin("POST", "/v1/members", json=company(w.nib(), None, regency, f"Isi {n}"))["id"]
        for n, regency in enumerate([HOME_REGENCY, OTHER_PROVINCE_REGENCY, HOME_REGENCY, "32.01"])
    ]
    for i in range(4):
        w.agreement([members[0], members[2]], province="32" if i % 2 else None)
    w.agreement([w.ids["kendari"], w.ids["kendari2"]], province="74")
    for host in (HOME_REGENCY, "32", "74", HOME_REGENCY, "32"):
        meeting = w.meeting(host, [members[0]])
        body = {"description": "lapor", "owner": "DPW", "due_on": "2020-01-0" + str(meeting % 9 + 1)}
        w.admin("POST", f"/v1/meetings/{meeting}/actions", json=body)
    for regency in (HOME_REGENCY, OTHER_PROVINCE_REGENCY, HOME_REGENCY, "32.01", HOME_REGENCY):
        w.application(regency)
    for n in range(3):
        feed = {**VALID_FEED, "feed.json": VALID_FEED["feed.json"].replace("2026.11.1", f"2026.11.{n + 1}")}
        files = {"file": ("f.zip", zip_of(feed), "application/zip")}
        assert w.client.post("/v1/feeds", headers={"X-API-Key": w.root}, files=files).status_code == 201


def test_pages_walk_every_list_in_its_documented_order(world):
    w: World = world
    _fill(w)
    for url, order in LISTS.items():
        whole = _get(w, url, limit=500)
        assert whole["next_cursor"] is None, url
        paged, pages = _walk(w, url, limit=2)
        assert paged == whole["items"], url
        if len(whole["items"]) > 2:
            assert pages >= 2, url
        if order is not None:
            keys = [order(i) for i in paged]
            assert keys == sorted(keys) and len(set(keys)) == len(keys), (url, keys)
    # The registry lists really are several pages here (the reports may be short).
    for url in ("/v1/members", "/v1/agreements", "/v1/meetings", "/v1/keys", "/v1/applications"):
        assert _walk(w, url, limit=2)[1] >= 3, url
    assert len(_walk(w, "/v1/feeds", limit=1)[0]) == 3
    directory = _walk(w, "/v1/directory", limit=2)[0]
    assert len({e["id"] for e in directory}) == len(directory)


def test_every_member_of_a_page_is_one_the_caller_may_see(world):
    """The tenant filter and the page size are independent: an officer's pages of one hold
    exactly what one big page holds."""
    w: World = world
    _fill(w)
    officer = {"X-API-Key": w.keys["dpw"]}
    for url in ("/v1/members", "/v1/agreements", "/v1/meetings", "/v1/applications"):
        whole = w.client.get(url, headers=officer, params={"limit": 500}).json()["items"]
        paged, cursor = [], None
        while True:
            params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
            page = w.client.get(url, headers=officer, params=params).json()
            paged += page["items"]
            if (cursor := page["next_cursor"]) is None:
                break
        assert paged == whole and whole, url


def test_a_cursor_keeps_its_place_while_rows_are_inserted(world):
    w: World = world
    _fill(w)
    # Newest first: every write between two pages lands before the cursor, never in the next page.
    before = _walk(w, "/v1/audit", limit=500)[0]
    first = _get(w, "/v1/audit", limit=3)
    for n in range(4):
        w.admin("POST", "/v1/members", json=company(w.nib(), None, HOME_REGENCY, f"Sela {n}"))
    rest, _ = _walk_from(w, "/v1/audit", first["next_cursor"], limit=3)
    assert first["items"] + rest == before  # no entry twice, none skipped (an offset would repeat 4)

    # By id: rows inserted after the first page come at the end, once.
    first = _get(w, "/v1/members", limit=2)
    made = [
        w.admin("POST", "/v1/members", json=company(w.nib(), None, HOME_REGENCY, f"Baru {n}"))["id"]
        for n in range(3)
    ]
    rest, _ = _walk_from(w, "/v1/members", first["next_cursor"], limit=2)
    ids = [m["id"] for m in first["items"] + rest]
    assert ids == sorted(set(ids)) and ids[-3:] == made

    # By brand: a brand sorting before the cursor is not in the next pages, one after it is.
    first = _get(w, "/v1/directory", limit=2)
    w.admin("POST", "/v1/members", json=company(w.nib(), None, HOME_REGENCY, "AAAA Awal"))
    w.admin("POST", "/v1/members", json=company(w.nib(), None, HOME_REGENCY, "ZZZZ Akhir"))
    rest, _ = _walk_from(w, "/v1/directory", first["next_cursor"], limit=2)
    brands = [e["brand"] for e in first["items"] + rest]
    assert "AAAA Awal" not in brands and brands[-1] == "ZZZZ Akhir"
    assert len(brands) == len(set(brands))


def _walk_from(w: World, url: str, cursor: str | None, limit: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    pages = 0
    while cursor is not None:
        page = _get(w, url, limit=limit, cursor=cursor)
        items += page["items"]
        cursor = page["next_cursor"]
        pages += 1
    return items, pages


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


BAD_CURSORS = [
    "zzz",
    "!!!",
    _b64("agreement:1"),  # another list's cursor
    _b64("member:-1"),
    _b64('member:"7"'),
    _b64("member:[1,2]"),
    _b64(f"member:{2**40}"),
    _b64("member:"),
    "A" * 300,
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_bad_cursor_is_one_invalid_cursor_error_naming_it(world, cursor):
    w: World = world
    r = w.client.get("/v1/members", headers={"X-API-Key": w.root}, params={"cursor": cursor})
    assert r.status_code == 422, r.text
    body = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert body["code"] == "invalid_cursor" and body["field"] == "cursor", body
    assert "next_cursor" in body["detail"]


def test_every_list_refuses_a_bad_cursor_and_a_bad_limit(world):
    w: World = world
    others = _b64("nothing:1")
    for url in LISTS:
        r = w.client.get(url, headers={"X-API-Key": w.root}, params={"cursor": others})
        assert r.status_code == 422 and r.json()["code"] == "invalid_cursor", (url, r.text)
        assert r.json()["field"] == "cursor"
        for limit in ("0", "501", "-1", "ten", "1.5"):
            r = w.client.get(url, headers={"X-API-Key": w.root}, params={"limit": limit})
            assert r.status_code == 422, (url, limit, r.text)
            assert r.json()["code"] == "invalid_query" and r.json()["field"] == "limit", (url, r.text)
    # The cursor of one list is refused by another even when both are by id.
    members_cursor = _get(w, "/v1/members", limit=1)["next_cursor"]
    r = w.client.get("/v1/keys", headers={"X-API-Key": w.root}, params={"cursor": members_cursor})
    assert r.status_code == 422 and r.json()["code"] == "invalid_cursor"


def test_the_services_check_limit_and_cursor_without_http(engine):
    """The CLI and the portal call the services directly: the same checks, as JalinErrors."""
    for bad in (0, 501, True):
        with pytest.raises(JalinError) as e:
            in_uow(engine, svc.members_page, CLI_ADMIN, limit=bad)
        assert e.value.code == "invalid_query" and e.value.field == "limit"
    with pytest.raises(JalinError) as e:
        in_uow(engine, svc.agreements_page, CLI_ADMIN, cursor="zzz")
    assert e.value.code == "invalid_cursor" and e.value.field == "cursor"
    assert in_uow(engine, svc.members_page, CLI_ADMIN) == {"items": [], "next_cursor": None}


def test_the_cursor_codec():
    assert paging.decode_cursor(paging.encode_cursor("member", 42), "member") == 42
    key = ("Kilat Ekspres: Bandung", 7)
    assert paging.decode_cursor(paging.encode_cursor("directory", key), "directory", (str, int)) == key
    # Shipments' cursors from before the shared codec still read.
    assert paging.decode_cursor(_b64("s:123"), "s") == 123
    assert paging.encode_cursor("s", 123) == _b64("s:123")
    assert paging.decode_cursor(None, "s") is None and paging.decode_cursor("", "s") is None
    with pytest.raises(JalinError):
        paging.decode_cursor(paging.encode_cursor("directory", key), "directory", (str, str))
    assert paging.page([1, 2, 3], 2, "t", lambda x: x) == {
        "items": [1, 2],
        "next_cursor": paging.encode_cursor("t", 2),
    }
    assert paging.page([1, 2], 2, "t", lambda x: x) == {"items": [1, 2], "next_cursor": None}


def test_the_openapi_shows_the_envelope_on_every_list(world):
    w: World = world
    spec = w.client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        return schemas[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema

    lists = []
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for status in ("200", "201"):
                content = op.get("responses", {}).get(status, {}).get("content", {})
                schema = content.get("application/json", {}).get("schema")
                if schema is None:
                    continue
                body = resolve(schema)
                assert body.get("type") != "array", f"{method.upper()} {path} answers a bare JSON list"
                if "next_cursor" in body.get("properties", {}):
                    lists.append((path, op, body))
    assert {p for p, _, _ in lists} >= set(LISTS) | {"/v1/shipments", "/v1/webhooks/{endpoint_id}/deliveries"}
    for path, op, body in lists:
        assert set(body["required"]) == {"items", "next_cursor"}, path
        assert body["properties"]["items"]["type"] == "array", path
        params = {p["name"]: p for p in op.get("parameters", [])}
        assert {"cursor", "limit"} <= set(params), path
        assert params["limit"]["schema"]["minimum"] == 1 and params["limit"]["schema"]["maximum"] >= 200
    members = schemas["MemberPage"]
    assert members["properties"]["items"]["items"] == {"$ref": "#/components/schemas/Member"}
    assert {"type": "null"} in members["properties"]["next_cursor"]["anyOf"]
