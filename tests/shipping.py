"""A shipping world shared by the shipment tests: the small network published, its carriers as
members with keys, a seller member without a carrier, an officer, an admin; on SQLite and
PostgreSQL. Module-scoped (publishing takes a few seconds), so tests book their own shipments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jalin.api import create_app
from jalin.network.agreements import read_agreements
from jalin.registry.access import CLI_ADMIN
from jalin.registry.rules import Role
from jalin.services import registry as svc
from jalin.services.registry_import import import_interline, members_for_feeds
from jalin.settings import Settings
from jalin.storage.db import make_engine, upgrade
from tests.conftest import PG_URL, _pg_schema_url
from tests.feeds import publish
from tests.uow import in_uow

READY = "2026-12-01T09:00:00+07:00"
WAMENA = "95.01.01"  # Jayawijaya, Papua Pegunungan
KENDARI = "74.71.01"

SELLER = {
    "legal_name": "PT Toko Sari Daring",
    "brand": "Toko Sari",
    "nib": "9120000000777",
    "type": "logistics",
    "carrier_id": None,
    "regency_code": "31.71",
    "contact_name": "Sari",
}


def body(**changes: Any) -> dict[str, Any]:
    """A valid booking from Menteng (Jakarta Pusat) to Kendari, with `changes` applied."""
    b: dict[str, Any] = {
        "from": "31.71.06",
        "to": KENDARI,
        "weight_kg": "2.5",
        "dims_cm": "30x20x10",
        "ready_at": READY,
        "cod_amount": 150000,
        "contents": "pakaian",
        "declared_value": 300000,
        "reference": "INV-001",
        "shipper": {"name": "Toko Sari", "phone": "081234567890", "address": "Jl. Sudirman 5"},
        "recipient": {"name": "Budi Santoso", "phone": "+6281298765432", "address": "Jl. Ahmad Yani 12"},
        "choose": "fastest",
    }
    b.update(changes)
    return b


@dataclass
class World:
    client: TestClient
    url: str
    keys: dict[str, str]  # admin, officer, seller, and one per carrier id
    members: dict[str, int]  # carrier id or "seller" -> member id

    def h(self, who: str | None, key: str | None = None) -> dict[str, str]:
        headers = {"X-API-Key": self.keys[who]} if who else {}
        if key is not None:
            headers["Idempotency-Key"] = key
        return headers

    def book(self, who: str = "seller", key: str | None = None, **changes: Any) -> dict[str, Any]:
        import uuid

        r = self.client.post(
            "/v1/shipments", json=body(**changes), headers=self.h(who, key or str(uuid.uuid4()))
        )
        assert r.status_code == 201, r.text
        return r.json()


def build_world(url: str, atlas: Any, small_network: Any) -> Iterator[World]:
    engine = make_engine(url)
    upgrade(engine)
    network, folder = small_network
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        publish(engine, d, atlas)
    in_uow(engine, svc.ensure_structure, atlas)
    ids = in_uow(engine, members_for_feeds, CLI_ADMIN, atlas, network.feeds)
    pairs = read_agreements(folder / "agreements.csv")
    in_uow(engine, import_interline, CLI_ADMIN, atlas, pairs, ids)
    seller = in_uow(engine, svc.create_member, CLI_ADMIN, atlas, SELLER).id
    members = {**ids, "seller": seller}
    keys = {
        name: in_uow(engine, svc.create_key, CLI_ADMIN, Role.MEMBER, member_id=mid).secret
        for name, mid in members.items()
    }
    keys["admin"] = in_uow(engine, svc.create_key, CLI_ADMIN, Role.ADMIN).secret
    keys["officer"] = in_uow(engine, svc.create_key, CLI_ADMIN, Role.OFFICER, board_code="31").secret
    engine.dispose()
    with TestClient(create_app(Settings(database_url=url))) as client:
        yield World(client, url, keys, members)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('ship') / 'jalin.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not configured: set JALIN_TEST_DATABASE_URL to run these")
    yield from _pg_schema_url(PG_URL)


@pytest.fixture(scope="module")
def world(world_url: str, atlas: Any, small_network: Any) -> Iterator[World]:
    yield from build_world(world_url, atlas, small_network)
