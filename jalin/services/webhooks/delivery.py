"""Delivering the outbox: claim due messages, send them signed, record every attempt.

One pass (`Dispatcher.run_once`; `drain` repeats it, recording one batch while the next is sent):
1. claim: in one short transaction, take a lease on up to `batch` due messages (see
   `storage.webhooks.claim`: `FOR UPDATE SKIP LOCKED` on PostgreSQL, the one writer on SQLite);
2. send: outside any transaction, POST each body to its endpoint (`concurrency` at a time),
   signed for this attempt (Standard Webhooks); 2xx within the timeout is delivered;
3. record: in one transaction, for each attempt a delivery-log row and the message's new state
   (delivered; pending with the next attempt on the schedule; or failed), and the endpoint's
   streak (a delivery resets it; a failed message may disable the endpoint).

At least once: a message leaves `pending` only in step 3, after its attempt. A worker killed
between 2 and 3 leaves the message pending under a lease that runs out; another worker then
sends it again with the same `webhook-id` (receivers deduplicate on it). The lease is longer
than the timeout, so two workers never deliver one message at the same time.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
from sqlalchemy import Engine

from jalin.services.webhooks.transport import BlockedTarget, make_client
from jalin.settings import Settings
from jalin.storage import webhooks as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import unit_of_work
from jalin.webhooks.events import EventType, message_body, new_message_id
from jalin.webhooks.records import Claimed, MessageStatus, Outcome
from jalin.webhooks.schedule import next_delay, parse_schedule
from jalin.webhooks.signing import signed_headers
from jalin.webhooks.streak import DisableRule, should_disable

log = logging.getLogger("jalin.worker")


@dataclass(frozen=True, slots=True)
class Result:
    """What one attempt came to."""

    message: Claimed
    at: datetime
    duration_ms: int
    outcome: Outcome
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Options:
    """Delivery settings (see `jalin.settings.Settings`, `JALIN_WEBHOOK_*`)."""

    schedule: tuple[float, ...]
    timeout: float
    lease: float
    allow_private: bool
    rule: DisableRule
    batch: int = 50
    concurrency: int = 8

    @classmethod
    def from_settings(cls, s: Settings) -> Options:
        if s.webhook_lease_seconds <= s.webhook_timeout_seconds:
            raise ValueError("JALIN_WEBHOOK_LEASE_SECONDS must exceed JALIN_WEBHOOK_TIMEOUT_SECONDS")
        return cls(
            schedule=parse_schedule(s.webhook_retry_schedule),
            timeout=s.webhook_timeout_seconds,
            lease=s.webhook_lease_seconds,
            allow_private=s.webhooks_allow_private,
            rule=DisableRule(s.webhook_disable_after_days, s.webhook_disable_after_failures),
            batch=max(1, s.webhook_batch),
            concurrency=max(1, s.webhook_concurrency),
        )


#: Bytes of a receiver's answer read (and dropped) so the connection can be kept alive; a longer
#: answer closes the connection instead.
MAX_ANSWER = 64 * 1024


def drain_body(response: httpx2.Response) -> None:
    """Read the answer up to `MAX_ANSWER` bytes: a connection is reused only once its answer
    was read to the end (unread, it is closed: a new TCP/TLS handshake per message)."""
    read = 0
    for chunk in response.iter_raw():
        read += len(chunk)
        if read > MAX_ANSWER:
            break


def worker_name() -> str:
    """host:pid:random, as leases and the delivery log name a worker."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass
class Dispatcher:
    """Delivers due messages; one per worker process (its HTTP client pools connections)."""

    engine: Engine
    options: Options
    name: str = field(default_factory=worker_name)
    client: httpx2.Client | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    _pool: ThreadPoolExecutor | None = None

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = make_client(
                timeout=self.options.timeout,
                allow_private=self.options.allow_private,
                connections=self.options.concurrency,
            )
        self._pool = ThreadPoolExecutor(self.options.concurrency, thread_name_prefix="webhook")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        if self.client is not None:
            self.client.close()

    # -- one pass ------------------------------------------------------------------------------
    def run_once(self) -> int:
        """Claim one batch of due messages, send them, record the attempts; how many were sent."""
        claimed = self.claim()
        if not claimed:
            return 0
        assert self._pool is not None
        results = list(self._pool.map(self.send, claimed))
        self.record(results)
        return len(results)

    def drain(self, should_stop: Callable[[], bool] = lambda: False) -> int:
        """Batches until nothing is due (or `should_stop`); how many attempts were made.

        Pipelined by one step: batch k is recorded while batch k+1 is being sent (k+1 is claimed
        just before it is sent, so its lease covers only its own sending). When told to stop, the
        batch in flight is still awaited and recorded.
        """
        assert self._pool is not None
        pool = self._pool

        def start() -> list[Future[Result]]:
            return [] if should_stop() else [pool.submit(self.send, m) for m in self.claim()]

        total = 0
        in_flight = start()
        while in_flight:
            results = [f.result() for f in in_flight]
            following = start()
            try:
                self.record(results)
            except BaseException:
                for f in following:  # let them finish; their leases run out, they are sent again
                    f.exception()
                raise
            total += len(results)
            # A retry due at once becomes claimable only now that its attempt is recorded.
            in_flight = following or start()
        return total

    def claim(self) -> list[Claimed]:
        now = self.clock()
        with unit_of_work(self.engine) as uow:
            return store.claim(
                uow.conn, self.name, now, now + timedelta(seconds=self.options.lease), self.options.batch
            )

    def send(self, m: Claimed) -> Result:
        """One signed POST; never raises (every failure is an outcome for the log)."""
        assert self.client is not None
        at = self.clock()
        started = time.monotonic()
        body = m.body.encode("utf-8")
        headers = signed_headers(m.secret, m.id, int(time.time()), body)
        try:
            with self.client.stream("POST", m.url, content=body, headers=headers) as r:
                code = r.status_code
                drain_body(r)
        except BlockedTarget as exc:
            return self._result(m, at, started, Outcome.BLOCKED, error=str(exc))
        except httpx2.TimeoutException:
            return self._result(m, at, started, Outcome.TIMEOUT, error="no answer within the timeout")
        except httpx2.HTTPError as exc:
            return self._result(m, at, started, Outcome.NETWORK_ERROR, error=f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a malformed URL or a TLS library error: still an attempt
            return self._result(m, at, started, Outcome.NETWORK_ERROR, error=f"{type(exc).__name__}: {exc}")
        elapsed = time.monotonic() - started
        if elapsed > self.options.timeout:
            return self._result(m, at, started, Outcome.TIMEOUT, code, "answered after the timeout")
        if 200 <= code < 300:
            return self._result(m, at, started, Outcome.DELIVERED, code)
        return self._result(m, at, started, Outcome.HTTP_ERROR, code, f"HTTP {code}")

    @staticmethod
    def _result(
        m: Claimed,
        at: datetime,
        started: float,
        outcome: Outcome,
        code: int | None = None,
        error: str | None = None,
    ) -> Result:
        ms = int((time.monotonic() - started) * 1000)
        return Result(m, at, ms, outcome, code, None if error is None else error[:500])

    # -- recording -----------------------------------------------------------------------------
    def record(self, results: list[Result]) -> None:
        """The attempts' outcomes, in one transaction: the delivered ones in a few statements
        for the whole batch, each failure on its own (the schedule, the streak)."""
        now = self.clock()
        with unit_of_work(self.engine) as uow:
            conn = uow.conn
            delivered = [r for r in results if r.outcome is Outcome.DELIVERED]
            mine = store.finish_delivered(conn, [r.message.id for r in delivered], self.name, now)
            store.endpoints_delivered(
                conn, {r.message.endpoint_id for r in delivered if r.message.id in mine}
            )
            log_rows: list[dict[str, Any]] = []
            for r in delivered:
                if r.message.id in mine or self._lost(conn, r):
                    log_rows.append(self._log_row(r))
            for r in results:
                if r.outcome is not Outcome.DELIVERED:
                    log_rows.extend(self._failed(conn, r, now))
            store.log_attempts(conn, log_rows)
        for r in results:
            log.info("%s %s -> %s %s", r.message.id, r.message.url, r.outcome.value, r.status_code or "")

    def _lost(self, conn: Any, r: Result) -> bool:
        """The lease ran out before the attempt was recorded: log the attempt if the message is
        still there (another worker owns its state now)."""
        log.warning("message %s: lease lost before the attempt was recorded", r.message.id)
        return store.still_there(conn, r.message.id)

    def _log_row(self, r: Result) -> dict[str, Any]:
        return {
            "message_id": r.message.id,
            "endpoint_id": r.message.endpoint_id,
            "at": r.at,
            "duration_ms": r.duration_ms,
            "status_code": r.status_code,
            "outcome": r.outcome.value,
            "error": r.error,
            "worker": self.name,
        }

    def _failed(self, conn: Any, r: Result, now: datetime) -> list[dict[str, Any]]:
        """A failed attempt: the next one on the schedule, or the message failed (and the streak)."""
        m = r.message
        attempts = m.attempts + 1
        delay = next_delay(attempts, self.options.schedule)
        failed = delay is None
        mine = store.finish_attempt(
            conn,
            m.id,
            self.name,
            status=MessageStatus.FAILED if failed else MessageStatus.PENDING,
            attempts=attempts,
            next_attempt_at=None if delay is None else now + timedelta(seconds=delay),
            finished_at=now if failed else None,
        )
        if not mine:
            return [self._log_row(r)] if self._lost(conn, r) else []
        store.endpoint_attempt_failed(conn, m.endpoint_id, r.at)
        return [self._log_row(r), *(self._message_failed(conn, m, now) if failed else [])]

    def _message_failed(self, conn: Any, m: Claimed, now: datetime) -> list[dict[str, Any]]:
        """Count the failed message in the endpoint's streak; disable the endpoint if the rule says so."""
        ep = store.endpoint_message_failed(conn, m.endpoint_id)
        if ep is None or not ep.enabled:
            return []
        if not should_disable(ep.failure_streak, ep.failing_since, now, self.options.rule):
            return []
        since = ep.failing_since.isoformat() if ep.failing_since else "?"
        reason = f"{ep.failure_streak} messages failed in a row, failing since {since}"
        store.disable_endpoint(conn, ep.id, now, reason)
        audit_record(
            conn,
            f"worker:{self.name}",
            "webhook.disabled",
            "webhook",
            ep.id,
            before={"enabled": True},
            after={"enabled": False, "member_id": ep.member_id, "url": ep.url, "reason": reason},
        )
        notify_disabled(conn, ep.id, ep.member_id, ep.url, reason, now)
        log.warning("endpoint %s (%s) disabled: %s", ep.id, ep.url, reason)
        return [
            {
                "message_id": m.id,
                "endpoint_id": ep.id,
                "at": now,
                "duration_ms": None,
                "status_code": None,
                "outcome": Outcome.ENDPOINT_DISABLED.value,
                "error": f"endpoint disabled: {reason}",
                "worker": self.name,
            }
        ]


def notify_disabled(
    conn: Any, endpoint_id: str, member_id: int, url: str, reason: str, now: datetime
) -> list[str]:
    """A `webhook.disabled` message to each other enabled endpoint of the member (whatever types
    it chose): the member hears of it where it already listens."""
    others = [e for e in store.endpoints(conn, member_id) if e.enabled and e.id != endpoint_id]
    if not others:
        return []
    body = message_body(
        EventType.WEBHOOK_DISABLED, now, {"endpoint_id": endpoint_id, "url": url, "reason": reason}
    )
    ids = [new_message_id() for _ in others]
    store.insert_messages(
        conn,
        [
            {"id": mid, "endpoint_id": e.id, "event_type": EventType.WEBHOOK_DISABLED.value, "number": None,
             "body": body, "created_at": now}
            for mid, e in zip(ids, others, strict=True)
        ],
    )  # fmt: skip
    return ids
