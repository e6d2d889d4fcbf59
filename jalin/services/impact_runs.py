"""Impact comparisons asked from the portal: checked at once, stored, run in the background, shown.

A national comparison takes tens of seconds, too long to hold a page open. So the question is
checked when it is asked (carriers, districts, the joining feed, the origins: any mistake is
answered on the form), stored as a run (`impact_runs`: queued), and computed by this process's
`Runner` on a thread of its own (queued -> running -> done with the answer, or failed with the
reason). Any server process shows a run from the database. A process killed mid-run leaves its
run queued or running: reading a run still running `RUNNING_STALE_AFTER` after it started, or
still queued `QUEUED_STALE_AFTER` after it was asked, marks it failed with `STALE_ERROR`.

The answer is `run_live_impact`'s, the JSON of `POST /v1/impact`, computed on the live network
as it is when the run starts.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo import AddressResolver, Atlas, Level
from jalin.impact import AgreementTerms, ImpactErrorCode, Proposal, apply_proposal
from jalin.impact.places import capitals
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.services.impact import (
    ImpactInput,
    live_today,
    proposal_from_parts,
    resolve_origins,
    run_live_impact,
    stored_feed,
)
from jalin.services.network_state import NetworkState
from jalin.services.registry.common import require
from jalin.storage import impact_runs as store
from jalin.storage.interline import carrier_names, pending_application_feeds
from jalin.storage.uow import unit_of_work

log = logging.getLogger("jalin.impact_runs")

#: A run still running this long after it started is taken as lost (its process was killed or
#: restarted): a national comparison takes under a minute at idle, a few under load.
RUNNING_STALE_AFTER = timedelta(minutes=15)
#: A run still queued this long after it was asked is taken as lost: runs wait their turn one at
#: a time in the process that took them, so this leaves room for dozens asked at once.
QUEUED_STALE_AFTER = timedelta(hours=1)
STALE_ERROR = "the run stopped without an answer (the server was restarted or the run was killed); ask again"
RECENT = 20


@dataclass(frozen=True, slots=True)
class Terms:
    """An agreement as the form gives it: two carriers, a fee (rupiah per parcel), and where they
    may hand over (district codes; None: anywhere)."""

    carrier_a: str
    carrier_b: str
    fee: int = 0
    districts: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """What an officer asks on the portal, stored with the run as JSON.

    `origins`: `capitals` (the 38 province capitals), `provinces` (the capitals of `provinces`) or
    `typed` (`typed`: districts, village or postal codes, or addresses). `join`: a stored feed
    version of a member joining, signing with every carrier it meets at `join_fee` when given."""

    add: tuple[Terms, ...] = ()
    end: tuple[tuple[str, str], ...] = ()
    join: int | None = None
    join_fee: int | None = None
    leave: tuple[str, ...] = ()
    origins: str = "capitals"
    provinces: tuple[str, ...] = ()
    typed: tuple[str, ...] = ()
    rank: int = 3

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def of_json(cls, text: str) -> Question:
        d = json.loads(text)
        return cls(
            add=tuple(
                Terms(
                    t["carrier_a"],
                    t["carrier_b"],
                    t["fee"],
                    tuple(t["districts"]) if t["districts"] else None,
                )
                for t in d["add"]
            ),
            end=tuple((a, b) for a, b in d["end"]),
            join=d["join"],
            join_fee=d["join_fee"],
            leave=tuple(d["leave"]),
            origins=d["origins"],
            provinces=tuple(d["provinces"]),
            typed=tuple(d["typed"]),
            rank=d["rank"],
        )

    def origin_texts(self) -> list[str] | None:
        """The origins as `ImpactInput` takes them (None: the 38 capitals)."""
        if self.origins == "provinces":
            known = capitals()
            return [known[p][1] for p in self.provinces if p in known]
        if self.origins == "typed":
            return list(self.typed)
        return None

    def impact_input(self) -> ImpactInput:
        return ImpactInput(origins=self.origin_texts(), rank=self.rank)


@dataclass(frozen=True, slots=True)
class Run:
    """A run as a page shows it; `result` only once done (the answer's JSON, parsed)."""

    id: int
    requested_by: str
    question: Question
    status: str
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None = field(default=None)

    @property
    def ended(self) -> bool:
        return self.status in (store.DONE, store.FAILED)


# -- asking ------------------------------------------------------------------------------------------
def proposal_of(engine: Engine, atlas: Atlas, q: Question) -> Proposal:
    """The proposal a question makes (the joining feed loaded from the database)."""
    joining = [(stored_feed(engine, q.join, atlas), q.join_fee)] if q.join is not None else []
    return proposal_from_parts(
        add=[
            AgreementTerms(t.carrier_a, t.carrier_b, t.fee, frozenset(t.districts) if t.districts else None)
            for t in q.add
        ],
        end=list(q.end),
        change=[],
        join=joining,
        leave=list(q.leave),
        atlas=atlas,
    )


def check(engine: Engine, state: NetworkState, atlas: Atlas, resolver: AddressResolver, q: Question) -> None:
    """Everything a run would refuse, refused now (JalinError naming the field): the carriers and
    districts of the proposal against today's network, the joining feed, the origins, the rank."""
    if not 0 <= q.rank <= 10:
        raise JalinError(
            ImpactErrorCode.INVALID_RANK, f"rank must be between 0 and 10, got {q.rank}", field="rank"
        )
    if q.origins == "provinces":
        unknown = [p for p in q.provinces if p not in capitals()]
        if not q.provinces or unknown:
            raise JalinError(
                ImpactErrorCode.INVALID_ORIGINS,
                f"choose at least one province by its code{f'; unknown: {unknown[0]}' if unknown else ''}",
                field="provinces",
            )
    resolve_origins(resolver, q.origin_texts())
    proposal = proposal_of(engine, atlas, q)
    today = live_today(state).network
    known = (set(today.carrier_ids) | {j.feed.carrier_id for j in proposal.join}) - set(q.leave)
    for t in q.add:
        for side, carrier in (("carrier_a", t.carrier_a), ("carrier_b", t.carrier_b)):
            if carrier not in known:
                raise JalinError(
                    ImpactErrorCode.PROPOSAL_UNKNOWN_CARRIER,
                    f"carrier '{carrier}' has no feed in the network (after members join and leave); "
                    "choose one of the list",
                    field=f"add.{side}",
                )
    apply_proposal(today, proposal)


def submit(
    engine: Engine,
    who: Principal,
    state: NetworkState,
    atlas: Atlas,
    resolver: AddressResolver,
    q: Question,
    *,
    now: datetime | None = None,
) -> int:
    """Check the question and store it as a queued run (officers and admins); the run's id. The
    caller hands the id to a `Runner`."""
    require(who, Role.ADMIN, Role.OFFICER)
    check(engine, state, atlas, resolver, q)
    with unit_of_work(engine) as uow:
        return store.insert_run(
            uow.conn, requested_by=who.actor, proposal=q.to_json(), now=now or datetime.now(UTC)
        )


# -- running -----------------------------------------------------------------------------------------
def execute(
    engine: Engine,
    state: NetworkState,
    atlas: Atlas,
    resolver: AddressResolver,
    run_id: int,
    *,
    workers: int | None = None,
) -> str:
    """Claim a queued run, compute it and store the answer (or the reason it failed); the run's
    status afterwards. A run another process claimed, or one already ended, is left alone."""
    with unit_of_work(engine) as uow:
        row = store.get_run(uow.conn, run_id)
        if row is None or not store.claim_run(uow.conn, run_id, datetime.now(UTC)):
            return row.status if row is not None else store.FAILED
    q = Question.of_json(row.proposal)
    try:
        body = run_live_impact(
            state,
            proposal_of(engine, atlas, q),
            q.impact_input(),
            atlas=atlas,
            resolver=resolver,
            workers=workers,
        )
        text = json.dumps(body, ensure_ascii=False)
    except JalinError as exc:  # the network changed since the question was checked
        return _fail(engine, run_id, exc.message)
    except Exception as exc:
        log.exception("impact run %d failed", run_id)
        return _fail(
            engine, run_id, f"internal error ({type(exc).__name__}); ask again or see the server log"
        )
    with unit_of_work(engine) as uow:
        store.finish_run(uow.conn, run_id, text, datetime.now(UTC))
        row = store.get_run(uow.conn, run_id)
    return row.status if row is not None else store.FAILED


def _fail(engine: Engine, run_id: int, error: str) -> str:
    with unit_of_work(engine) as uow:
        store.fail_run(uow.conn, run_id, error, datetime.now(UTC))
    return store.FAILED


class Runner:
    """Runs this process's queued runs one at a time, in order, on a daemon thread (started on
    the first run; a national comparison already keeps both cores busy). `wait` blocks until
    every run handed over has ended: what tests wait on."""

    def __init__(self, work: Callable[[int], object]) -> None:
        self._work = work
        self._queue: queue.SimpleQueue[int] = queue.SimpleQueue()
        self._pending = 0
        self._idle = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self, run_id: int) -> None:
        with self._idle:
            self._pending += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="impact-runs", daemon=True)
                self._thread.start()
        self._queue.put(run_id)

    def _loop(self) -> None:
        while True:
            run_id = self._queue.get()
            try:
                self._work(run_id)
            except Exception:
                log.exception("impact run %d could not be run", run_id)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Whether every run handed over has ended within `timeout` seconds (None: no limit)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)


# -- reading -----------------------------------------------------------------------------------------
def _run(row: store.RunRow, result: str | None = None) -> Run:
    return Run(
        row.id,
        row.requested_by,
        Question.of_json(row.proposal),
        row.status,
        row.error,
        row.created_at,
        row.started_at,
        row.finished_at,
        json.loads(result) if result else None,
    )


def _stale(row: store.RunRow, now: datetime) -> bool:
    """Running since before `RUNNING_STALE_AFTER`, or queued since before `QUEUED_STALE_AFTER`."""
    if row.status == store.RUNNING:
        return row.started_at is not None and row.started_at < now - RUNNING_STALE_AFTER
    return row.status == store.QUEUED and row.created_at < now - QUEUED_STALE_AFTER


def read(engine: Engine, who: Principal, run_id: int, *, now: datetime | None = None) -> Run:
    """A run with its answer once done; a run left running or queued past its limit is marked
    failed first (its process is gone)."""
    require(who, Role.ADMIN, Role.OFFICER)
    now = now or datetime.now(UTC)
    with unit_of_work(engine) as uow:
        row = store.get_run(uow.conn, run_id)
        if row is None:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"there is no impact run {run_id}")
        if _stale(row, now):
            store.fail_run(uow.conn, run_id, STALE_ERROR, now)
            row = store.get_run(uow.conn, run_id)
            assert row is not None
        return _run(row, store.get_result(uow.conn, run_id) if row.status == store.DONE else None)


def recent(engine: Engine, who: Principal, *, now: datetime | None = None, limit: int = RECENT) -> list[Run]:
    """The newest runs (without their answers), stale ones marked failed first."""
    require(who, Role.ADMIN, Role.OFFICER)
    now = now or datetime.now(UTC)
    with unit_of_work(engine) as uow:
        store.fail_stale_runs(uow.conn, STALE_ERROR, now, now - RUNNING_STALE_AFTER, now - QUEUED_STALE_AFTER)
        return [_run(r) for r in store.recent_runs(uow.conn, limit)]


# -- what the form offers ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Choices:
    """The lists a proposal form chooses from: today's carriers (id, name), today's agreements
    (carrier a, carrier b, fee), stored feeds of pending applications (version id, carrier,
    feed_version, applicant), and provinces (code, name, capital)."""

    carriers: list[tuple[str, str]]
    agreements: list[tuple[str, str, int]]
    joining: list[tuple[int, str, str, str]]
    provinces: list[tuple[str, str, str]]


def choices(engine: Engine, who: Principal, state: NetworkState, atlas: Atlas) -> Choices:
    require(who, Role.ADMIN, Role.OFFICER)
    today = live_today(state).network
    with unit_of_work(engine) as uow:
        names = carrier_names(uow.conn)
        feeds = pending_application_feeds(uow.conn)
    ids = set(today.carrier_ids)
    provinces = {a.code: a.name for a in atlas.areas(Level.PROVINCE)}
    return Choices(
        carriers=sorted(((c, names.get(c, c)) for c in ids), key=lambda c: (c[1].lower(), c[0])),
        agreements=sorted({(a, b, fee) for a, b, fee, _ in today.pairs}),
        joining=[f for f in feeds if f[1] not in ids],
        provinces=[(code, provinces.get(code, code), name) for code, (name, _) in sorted(capitals().items())],
    )
