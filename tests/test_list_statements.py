"""Lists cost a fixed number of SQL statements, whatever their length: no query per row.

The registry is filled with 2 and then 200 members, agreements (with parties, districts and a
document each), meetings (with participants and actions) and applications; every list use case,
for every role that may call it, must issue as many statements for 200 rows as for 2.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from jalin.registry.access import CLI_ADMIN, Principal
from jalin.registry.rules import AgreementKind, BoardLevel, Role
from jalin.services import registry as svc
from jalin.storage.uow import unit_of_work

OFFICER_32 = Principal(Role.OFFICER, "jln_test", None, BoardLevel.DPW, "32")


def _fill(engine, atlas, n: int) -> Principal:  # type: ignore[no-untyped-def]
    """n members in Jawa Barat, n agreements between consecutive ones, n meetings, n applications."""
    with unit_of_work(engine) as uow:
        svc.ensure_structure(uow, atlas)
        ids = []
        for i in range(n):
            m = svc.create_member(
                uow,
                CLI_ADMIN,
                atlas,
                {
                    "legal_name": f"PT Uji {i}",
                    "brand": f"Uji {i}",
                    "nib": f"{9120000000000 + i}",
                    "type": "courier",
                    "carrier_id": f"UJI{i}",
                    "regency_code": "32.73",
                    "contact_name": "Budi",
                },
            )
            ids.append(m.id)
        for i in range(n):
            a = svc.create_agreement(
                uow,
                CLI_ADMIN,
                atlas,
                title=f"Perjanjian {i}",
                kind=AgreementKind.INTERLINE_HANDOVER,
                parties=[ids[i], ids[(i + 1) % n]],
                districts=["32.73.01"],
                province_code="32",
            )
            svc.add_document(uow, CLI_ADMIN, a.id, "mou.pdf", b"%PDF-1.4")
            meeting = svc.create_meeting(
                uow,
                CLI_ADMIN,
                held_on=date(2026, 11, 1),
                place="Bandung",
                host="32",
                member_ids=[ids[i], ids[(i + 1) % n]],
                partners="",
                topics="Serah terima",
                outcomes="",
            )
            svc.add_action(
                uow,
                CLI_ADMIN,
                meeting.id,
                description="Draf",
                owner="DPW",
                due_on=date.today() - timedelta(days=1),
            )
            svc.submit_application(
                uow,
                CLI_ADMIN,
                atlas,
                {
                    "legal_name": f"PT Calon {i}",
                    "brand": f"Calon {i}",
                    "nib": f"{9130000000000 + i}",
                    "type": "courier",
                    "carrier_id": None,
                    "regency_code": "32.73",
                    "contact_name": "Sari",
                },
            )
        member = Principal(Role.MEMBER, "jln_member", ids[0])
    return member


def _statements(engine, fn) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(statements issued, rows answered) by `fn(uow)`."""
    count = 0

    def _count(*_args) -> None:  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1

    with unit_of_work(engine) as uow:
        event.listen(uow.conn, "before_cursor_execute", _count)
        try:
            rows = fn(uow)
        finally:
            event.remove(uow.conn, "before_cursor_execute", _count)
    return count, len(rows)


LISTS = {
    "members": lambda who: lambda uow: svc.list_members(uow, who),
    "agreements": lambda who: lambda uow: svc.list_agreements(uow, who),
    "meetings": lambda who: lambda uow: svc.list_meetings(uow, who),
    "applications": lambda who: lambda uow: svc.list_applications(uow, who),
    "pipeline": lambda who: lambda uow: svc.report_pipeline(uow, who),
    "overdue": lambda who: lambda uow: svc.report_overdue(uow, who, date.today()),
    "directory": lambda who: lambda uow: svc.directory(uow),
    # The API's pages (limit 50): a page of 200 rows costs what a page of 2 does.
    "members page": lambda who: lambda uow: svc.members_page(uow, who)["items"],
    "agreements page": lambda who: lambda uow: svc.agreements_page(uow, who)["items"],
    "meetings page": lambda who: lambda uow: svc.meetings_page(uow, who)["items"],
    "applications page": lambda who: lambda uow: svc.applications_page(uow, who)["items"],
    "pipeline page": lambda who: lambda uow: svc.pipeline_page(uow, who)["items"],
    "overdue page": lambda who: lambda uow: svc.overdue_page(uow, who, date.today())["items"],
    "directory page": lambda who: lambda uow: svc.directory_page(uow)["items"],
    "keys page": lambda who: lambda uow: svc.keys_page(uow, who)["items"],
}
STAFF_ONLY = {"applications", "overdue", "pipeline", "applications page", "overdue page", "pipeline page"}


@pytest.fixture(scope="module")
def filled(tmp_path_factory, atlas):  # type: ignore[no-untyped-def]
    """Two databases: one with 2 rows of everything, one with 200."""
    from jalin.storage.db import make_engine, upgrade

    out = {}
    for n in (2, 200):
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp(f'n{n}') / 'j.db'}")
        upgrade(engine)
        out[n] = (engine, _fill(engine, atlas, n))
    yield out
    for engine, _ in out.values():
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("role", ["admin", "officer", "member"])
def test_a_list_of_200_costs_what_a_list_of_2_costs(filled, name, role):
    if role == "member" and name in STAFF_ONLY:
        pytest.skip("members may not call it")
    counts = {}
    for n, (engine, member) in filled.items():
        who = {"admin": CLI_ADMIN, "officer": OFFICER_32, "member": member}[role]
        counts[n] = _statements(engine, LISTS[name](who))
    (small, small_rows), (large, large_rows) = counts[2], counts[200]
    if role == "admin" and name not in ("pipeline", "pipeline page", "keys page"):
        assert large_rows > small_rows  # the lists did grow
    assert large == small, f"{name} as {role}: {small} statements for 2 rows, {large} for 200"
