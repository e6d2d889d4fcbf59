"""The demo's people: one portal user per role, printed with how to sign in."""

from __future__ import annotations

from rich.table import Table
from sqlalchemy import Engine

from jalin.cli.common import console
from jalin.errors import JalinError
from jalin.i18n import t
from jalin.registry.access import CLI_ADMIN
from jalin.registry.people import UserErrorCode
from jalin.registry.rules import Role
from jalin.services import registry as reg
from jalin.services.users import create_user
from jalin.settings import Settings
from jalin.storage.uow import unit_of_work

#: Every demo user's password (a demo on one's own machine; never a real deployment's).
DEMO_PASSWORD = "jalin-demo-2026"
#: The member whose staff the demo signs in as: the national post, which takes parcels on from
#: other carriers into remote districts (handovers in), and books too.
DEMO_CARRIER = "POS"


def create_demo_users(engine: Engine, settings: Settings) -> None:
    """Make (once) the DPP admin, a DPW officer of Jawa Barat (where the pending application is),
    a DPD officer and staff of the post, then print the URL, addresses and password."""
    with unit_of_work(engine) as uow:
        members = reg.list_members(uow, CLI_ADMIN)
    post = next((m for m in members if m.carrier_id == DEMO_CARRIER), members[0] if members else None)
    people: list[tuple[str, str, dict[str, object]]] = [
        ("dpp@jalin.demo", "Sekretariat DPP", {"role": Role.ADMIN}),
        ("dpw.jabar@jalin.demo", "Pengurus DPW Jawa Barat", {"role": Role.OFFICER, "board_code": "32"}),
    ]
    if post is not None:
        people.append(
            (
                "dpd@jalin.demo",
                f"Pengurus DPD {post.regency_code}",
                {"role": Role.OFFICER, "board_code": post.regency_code},
            )
        )
        people.append(("staf@jalin.demo", f"Staf {post.brand}", {"role": Role.MEMBER, "member_id": post.id}))
    table = Table("Peran / role", "Email", "Kata sandi / password", title=t("demo.users", url=_url(settings)))
    for email, name, kwargs in people:
        try:
            with unit_of_work(engine) as uow:
                create_user(uow, CLI_ADMIN, email=email, name=name, password=DEMO_PASSWORD, **kwargs)  # type: ignore[arg-type]
        except JalinError as exc:
            if exc.code != UserErrorCode.EMAIL_TAKEN:
                raise
        role = kwargs["role"]
        label = f"{role}" + (f" {kwargs.get('board_code', '')}" if role is Role.OFFICER else "")
        table.add_row(label, email, DEMO_PASSWORD)
    console.print(table)


def _url(settings: Settings) -> str:
    return f"http://{settings.host}:{settings.port}/portal/masuk"
