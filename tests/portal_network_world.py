"""A portal world over the small network (tests/conftest.py `published`): a booked shipment with a
handover, so the member user (the carrier of the second leg) has a shipment, a label and a
manifest to confirm; an officer of that carrier's regency (DPD) and province (DPW); the admin.
Fresh objects per call (a shipment of its own to cancel, an application, an agreement, a
follow-up) come from the services, as the CLI would make them."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from jalin.geo import get_atlas, get_resolver
from jalin.registry.access import CLI_ADMIN, PUBLIC, Principal
from jalin.registry.rules import Role
from jalin.services import registry as reg
from jalin.services.network_state import NetworkState
from jalin.services.shipments import booking, manifests
from jalin.services.users import create_user
from jalin.settings import Settings
from jalin.storage.db import make_engine
from tests.portal_world import EMAILS, PASSWORD, new_client, sign_in
from tests.shipping import READY, WAMENA
from tests.uow import in_uow


def _body(**changes: Any) -> dict[str, Any]:
    b: dict[str, Any] = {
        "from": "31.71.06",
        "to": WAMENA,
        "weight_kg": "2",
        "ready_at": READY,
        "shipper": {"name": "Toko Sari", "phone": "081234567890", "address": "Jl. Sudirman 5"},
        "recipient": {"name": "Budi", "phone": "081298765432", "address": "Jl. Yos Sudarso 1"},
        "choose": "fastest",
    }
    b.update(changes)
    return b


@dataclass
class NetWorld:
    db_url: str
    engine: Engine
    state: NetworkState
    member_id: int
    carrier: str
    regency: str
    province: str
    number: str  # a shipment the member's carrier carries (second leg)
    manifest_id: str  # a manifest the member's carrier receives
    partner_id: int
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))
    finished_run: int | None = None

    @property
    def member(self) -> Principal:
        return Principal(Role.MEMBER, member_id=self.member_id)

    def client(self, role: str | None = None) -> TestClient:
        c = new_client(self.db_url)
        c.__enter__()
        if role is not None:
            r = sign_in(c, EMAILS[role])
            assert r.status_code == 303, r.text[:300]  # type: ignore[attr-defined]
        return c

    def own_shipment(self) -> str:
        """A new shipment booked by the member itself (so it may cancel it)."""
        done = booking.book(
            self.engine, self.state, get_resolver(), self.member, _body(to="74.71.01"), str(uuid.uuid4())
        )
        return str(done.body["number"])

    def application(self) -> int:
        n = next(self.counter)
        data = {
            "legal_name": f"PT Pemohon {n}",
            "brand": f"Pemohon {n}",
            "nib": f"93100000{n:05d}",
            "type": "courier",
            "regency_code": self.regency,
            "contact_name": "Rina",
        }
        return int(in_uow(self.engine, reg.submit_application, PUBLIC, get_atlas(), data).id)

    def agreement(self) -> int:
        made = in_uow(
            self.engine,
            reg.create_agreement,
            CLI_ADMIN,
            get_atlas(),
            title=f"Kerja sama {next(self.counter)}",
            kind="data_sharing",
            parties=[self.member_id, self.partner_id],
            province_code=self.province,
        )
        return int(made.id)

    def action(self) -> int:
        meeting = in_uow(
            self.engine,
            reg.create_meeting,
            CLI_ADMIN,
            held_on=date(2026, 11, 2),
            place="Kantor DPD",
            host=self.regency,
            member_ids=[self.member_id],
            partners="",
            topics="serah terima",
            outcomes="",
        )
        made = in_uow(
            self.engine,
            reg.add_action,
            CLI_ADMIN,
            meeting.id,
            description="MoU",
            owner="DPD",
            due_on=date(2026, 11, 20),
        )
        return int(made.id)

    def staff_user(self) -> int:
        """A new (invited) user of the member's company."""
        from jalin.services.users import invite_user

        made = in_uow(
            self.engine,
            invite_user,
            CLI_ADMIN,
            email=f"staf{next(self.counter)}@contoh.co.id",
            role=Role.MEMBER,
            member_id=self.member_id,
        )
        return int(made.user.id)

    def webhook(self) -> str:
        """A new endpoint of the member (to 127.0.0.1: private addresses allowed for the test)."""
        from jalin.services.webhooks import endpoints

        made = in_uow(
            self.engine,
            endpoints.create,
            self.member,
            "https://127.0.0.1/jalin",
            ["shipment.delivered"],
            allow_private=True,
        )
        return str(made.endpoint.id)

    def webhook_message(self) -> tuple[str, str]:
        """An endpoint and a message queued to it (a test message)."""
        from jalin.services.webhooks import endpoints

        ep = self.webhook()
        queued = in_uow(self.engine, endpoints.send_test, self.member, ep)
        return ep, str(queued.message_id)

    def period(self) -> str:
        """The current settlement period (a member's statement of it exists, perhaps empty)."""
        from jalin.services.settlement import periods

        return str(periods.list_periods(self.engine, self.member)["items"][0]["id"])

    def ended_period(self) -> str:
        """A week long past that nobody has closed yet (a new one per call, so closing it works)."""
        n = next(self.counter)
        return f"{2000 + n // 52}-W{n % 52 + 1:02d}"

    def feed_version(self) -> str:
        """The member's active feed version (activating it again is harmless)."""
        from jalin.services import publishing

        versions = in_uow(self.engine, publishing.list_versions, self.carrier)
        return str(next(v.feed_version for v in versions if v.active))

    def impact_run(self) -> int:
        """An impact run asked and computed (once per world): from one district, one pair ranked."""
        from jalin.services import impact_runs as runs

        if self.finished_run is None:
            q = runs.Question(origins="typed", typed=("31.71.06",), rank=1)
            run_id = runs.submit(self.engine, CLI_ADMIN, self.state, get_atlas(), get_resolver(), q)
            assert (
                runs.execute(self.engine, self.state, get_atlas(), get_resolver(), run_id, workers=1)
                == "done"
            )
            self.finished_run = run_id
        return self.finished_run

    def invite_token(self) -> str:
        from jalin.services.users import invite_user

        made = in_uow(
            self.engine,
            invite_user,
            CLI_ADMIN,
            email=f"undangan{next(self.counter)}@contoh.co.id",
            role=Role.MEMBER,
            member_id=self.member_id,
        )
        return str(made.token)


def build_net_world(url: str, atlas: Any) -> NetWorld:
    """On a database with the small network published (as `published` leaves it): a booked
    shipment with a handover, its receiving carrier's member, a partner in the same regency, and
    one user per role (EMAILS, PASSWORD)."""
    engine = make_engine(url)
    state = NetworkState(engine, get_atlas, Settings(database_url=url).snapshots)
    admin = Principal(Role.ADMIN)
    shipment = None
    for weight in ("1", "2", "5", "10"):
        done = booking.book(engine, state, get_resolver(), admin, _body(weight_kg=weight), str(uuid.uuid4()))
        if len(done.body["legs"]) >= 2:
            shipment = done.body
            break
    assert shipment is not None, "no booking with a handover in the small network"
    carrier = shipment["legs"][1]["carrier"]
    members = in_uow(engine, reg.list_members, CLI_ADMIN)
    me = next(m for m in members if m.carrier_id == carrier)
    found = manifests.list_manifests(engine, admin)["items"]
    manifest = next(m for m in found if m["to_carrier"] == carrier)
    partner = in_uow(
        engine,
        reg.create_member,
        CLI_ADMIN,
        atlas,
        {
            "legal_name": "PT Mitra Satu Kota",
            "brand": "Mitra",
            "nib": "9310000099999",
            "type": "courier",
            "regency_code": me.regency_code,
            "contact_name": "Andi",
        },
    )
    for role, kwargs in {
        "member": {"role": Role.MEMBER, "member_id": me.id},
        "dpd": {"role": Role.OFFICER, "board_code": me.regency_code},
        "dpw": {"role": Role.OFFICER, "board_code": me.province_code},
        "admin": {"role": Role.ADMIN},
    }.items():
        in_uow(
            engine,
            create_user,
            CLI_ADMIN,
            email=EMAILS[role],
            name=f"Budi {role}",
            password=PASSWORD,
            **kwargs,
        )
    return NetWorld(
        url,
        engine,
        state,
        me.id,
        carrier,
        me.regency_code,
        me.province_code,
        shipment["number"],
        manifest["id"],
        partner.id,
    )


@pytest.fixture
def net_world(published, atlas):  # type: ignore[no-untyped-def]
    w = build_net_world(published, atlas)
    yield w
    w.engine.dispose()
