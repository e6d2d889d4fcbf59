"""Versioned publishing on SQLite and PostgreSQL: immutable versions, one active, rollback, diff."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from jalin.errors import JalinError
from jalin.network.errors import FeedErrorCode
from jalin.network.validator import validate_feed
from jalin.registry.access import CLI_ADMIN
from jalin.services.network_state import NetworkState
from jalin.services.publishing import PublishStatus, diff_versions, publish_validated
from jalin.storage import feeds as store
from jalin.storage.tables import feed_versions
from jalin.storage.uow import unit_of_work
from tests.feeds import VALID_FEED, activate, publish, replace_in, write

TODAY = date(2026, 11, 27)


def v2_files():
    """Version 2: one more delivery area, one run dropped, one price changed."""
    files = replace_in("feed.json", "2026.11.1", "2026.12.1")
    files["runs.csv"] = (
        files["runs.csv"]
        .replace("L2,EXP,JKT,KDI,1111111,20:00,60,240,15000,3000\n", "")
        .replace("10000,2000", "11000,2000")
        + "D3,REG,KDI,area:74.01,1111110,08:00,30,300,5000,0\n"
    )
    return files


def active(engine, carrier="TESTX"):
    with engine.connect() as conn:
        v = store.active_version(conn, carrier)
    return v.feed_version if v else None


def count_versions(engine):
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(feed_versions))


def test_publish_republish_conflict_rollback_and_diff(engine, atlas, tmp_path):
    v1 = write(VALID_FEED, tmp_path / "v1")
    first = publish(engine, v1, atlas, today=TODAY)
    assert first.status is PublishStatus.PUBLISHED and first.previous is None
    assert active(engine) == "2026.11.1"

    # Same content again, even as a zip-equivalent copy elsewhere: a no-op.
    again = publish(engine, write(VALID_FEED, tmp_path / "copy"), atlas, today=TODAY)
    assert again.status is PublishStatus.UNCHANGED and count_versions(engine) == 1

    # Same feed_version, different content: refused, nothing changes.
    changed = replace_in("runs.csv", "10000,2000", "99999,2000")
    with pytest.raises(JalinError) as exc:
        publish(engine, write(changed, tmp_path / "bad"), atlas, today=TODAY)
    assert exc.value.code is FeedErrorCode.FEED_VERSION_CONFLICT
    assert count_versions(engine) == 1

    second = publish(engine, write(v2_files(), tmp_path / "v2"), atlas, today=TODAY)
    assert second.status is PublishStatus.PUBLISHED and second.previous.feed_version == "2026.11.1"
    assert active(engine) == "2026.12.1" and count_versions(engine) == 2

    assert activate(engine, "TESTX", "2026.11.1").feed_version == "2026.11.1"
    assert active(engine) == "2026.11.1"
    with engine.connect() as conn:
        assert [v.active for v in store.list_versions(conn, "TESTX")] == [True, False]

    with unit_of_work(engine) as uow:
        d = diff_versions(uow, atlas, "TESTX", "2026.11.1", "2026.12.1")
    assert d.runs.added == ["D3"] and d.runs.removed == ["L2"] and d.runs.changed == ["L1"]
    assert d.services.to_dict() == {"added": [], "removed": [], "changed": []}
    assert set(d.delivery_gained) == set(atlas.districts_within("74.01"))
    assert d.delivery_lost == [] and d.pickup_gained == [] and d.pickup_lost == []


def test_unknown_versions_are_clear_errors(engine, atlas, tmp_path):
    with pytest.raises(JalinError) as exc:
        activate(engine, "NOPE", "1")
    assert exc.value.code is FeedErrorCode.UNKNOWN_CARRIER
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas, today=TODAY)
    with pytest.raises(JalinError) as exc:
        activate(engine, "TESTX", "0.9")
    assert exc.value.code is FeedErrorCode.UNKNOWN_FEED_VERSION and "2026.11.1" in exc.value.message


def test_invalid_feed_is_refused(engine, atlas, tmp_path):
    with pytest.raises(JalinError) as exc:
        publish(engine, write(replace_in("feed.json", '"IDR"', '"USD"'), tmp_path / "x"), atlas, today=TODAY)
    assert exc.value.code is FeedErrorCode.FEED_INVALID
    assert count_versions(engine) == 0


def test_member_may_publish_only_its_own_carrier(engine, atlas, tmp_path):
    result = validate_feed(write(VALID_FEED, tmp_path / "v1"), atlas, today=TODAY)
    with pytest.raises(JalinError) as exc, unit_of_work(engine) as uow:
        publish_validated(uow, CLI_ADMIN, result, carrier_id="OTHER")
    assert exc.value.code is FeedErrorCode.CARRIER_MISMATCH


def test_failed_publish_leaves_previous_active_untouched(engine, atlas, tmp_path, monkeypatch):
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas, today=TODAY)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full while activating")

    monkeypatch.setattr(store, "set_active", boom)
    with pytest.raises(RuntimeError):
        publish(engine, write(v2_files(), tmp_path / "v2"), atlas, today=TODAY)
    monkeypatch.undo()
    assert active(engine) == "2026.11.1"
    assert count_versions(engine) == 1  # the half-written version was rolled back too


def test_live_network_follows_publish_and_rollback_without_restart(engine, atlas, tmp_path):
    state = NetworkState(engine, lambda: atlas)
    assert state.current().coverage("74.01.01")["delivery"] == []
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas, today=TODAY)
    before = state.current()
    assert [c.carrier_id for c in before.coverage("74.71.01")["delivery"]] == ["TESTX"]
    assert before.coverage("74.01.01")["delivery"] == []
    publish(engine, write(v2_files(), tmp_path / "v2"), atlas, today=TODAY)
    after = state.current()
    assert after is not before
    assert [c.carrier_id for c in after.coverage("74.01.01")["delivery"]] == ["TESTX"]
    assert before.coverage("74.01.01")["delivery"] == []  # a reader holding the old one is unaffected
    activate(engine, "TESTX", "2026.11.1")
    assert state.current().coverage("74.01.01")["delivery"] == []
    assert state.current() is state.current()  # unchanged set: no rebuild
