"""Every (from, to) pair of the registry's state machines, over the API, against tables written here.

The tables restate docs/registry.md by hand; they are not imported from jalin.registry.rules, so
a widened or narrowed transition in the code fails here. A refused move is a 409 whose `allowed`
lists exactly the legal moves and changes nothing; an accepted one changes the stage and writes
one audit entry.
"""

from __future__ import annotations

import pytest

from tests.registry_world import HOME_REGENCY, World, world

__all__ = ["world"]  # the fixture

STAGES = ["exploring", "negotiating", "signed", "active", "suspended", "ended"]
AGREEMENT_MOVES = {
    "exploring": {"negotiating", "ended"},
    "negotiating": {"exploring", "signed", "ended"},
    "signed": {"active", "ended"},
    "active": {"suspended", "ended"},
    "suspended": {"active", "ended"},
    "ended": set(),
}
#: How to reach each stage from a new agreement (which starts exploring).
PATH_TO = {
    "exploring": [],
    "negotiating": ["negotiating"],
    "signed": ["negotiating", "signed"],
    "active": ["negotiating", "signed", "active"],
    "suspended": ["negotiating", "signed", "active", "suspended"],
    "ended": ["ended"],
}

APPLICATION_ACTIONS = ["recommend", "approve", "reject"]
APPLICATION_MOVES = {
    "submitted": {"recommend": "recommended", "reject": "rejected"},
    "recommended": {"approve": "approved", "reject": "rejected"},
    "rejected": {},
    "approved": {},
}
APPLICATION_PATH = {
    "submitted": [],
    "recommended": ["recommend"],
    "rejected": ["reject"],
    "approved": ["recommend", "approve"],
}


def _audit_count(w: World, entity: str, entity_id: int) -> int:
    entries = w.every("/v1/audit", entity=entity)
    return sum(1 for e in entries if str(e["entity_id"]) == str(entity_id))


@pytest.mark.parametrize("caller", ["dpd"])  # an officer: the region check runs on every move
def test_every_agreement_stage_pair(world, caller):
    w = world
    headers = {"X-API-Key": w.keys[caller]}
    checked = 0
    for start in STAGES:
        for target in STAGES:
            ag = w.agreement([w.ids["member"], w.ids["partner"]])
            for step in PATH_TO[start]:
                w.admin("POST", f"/v1/agreements/{ag}/stage", json={"stage": step})
            assert w.admin("GET", f"/v1/agreements/{ag}")["stage"] == start
            audits = _audit_count(w, "agreement", ag)
            r = w.client.post(f"/v1/agreements/{ag}/stage", headers=headers, json={"stage": target})
            now = w.admin("GET", f"/v1/agreements/{ag}")["stage"]
            if target in AGREEMENT_MOVES[start]:
                assert r.status_code == 200, (start, target, r.text)
                assert r.json()["stage"] == target and now == target
                assert _audit_count(w, "agreement", ag) == audits + 1
            else:
                assert r.status_code == 409, (start, target, r.status_code, r.text)
                body = r.json()
                assert body["code"] == "illegal_transition"
                assert body["allowed"] == sorted(AGREEMENT_MOVES[start])
                assert now == start and _audit_count(w, "agreement", ag) == audits
            checked += 1
    assert checked == 36


def _application_in(w: World, state: str) -> int:
    app_id = w.application(HOME_REGENCY)
    for action in APPLICATION_PATH[state]:
        w.admin("POST", f"/v1/applications/{app_id}/decision", json={"action": action, "reason": "alasan"})
    assert w.admin("GET", f"/v1/applications/{app_id}")["status"] == state
    return app_id


#: Who decides a legal move: (state, caller) -> expected status when the move is legal.
def _legal_status(state: str, caller: str) -> int:
    if caller == "admin":
        return 200
    if state == "submitted":  # the DPW of the province recommends or rejects; not a DPD
        return 200 if caller == "dpw" else 403
    return 403  # after the recommendation only the DPP decides


@pytest.mark.parametrize("caller", ["admin", "dpw", "dpd"])
def test_every_application_state_and_action(world, caller):
    w = world
    headers = {"X-API-Key": w.keys[caller]}
    for state in APPLICATION_MOVES:
        for action in APPLICATION_ACTIONS:
            app_id = _application_in(w, state)
            before = w.admin("GET", f"/v1/applications/{app_id}")
            r = w.client.post(
                f"/v1/applications/{app_id}/decision",
                headers=headers,
                json={"action": action, "reason": "alasan tertulis"},
            )
            after = w.admin("GET", f"/v1/applications/{app_id}")
            if action not in APPLICATION_MOVES[state]:
                assert r.status_code == 409, (state, action, caller, r.text)
                assert r.json()["allowed"] == sorted(APPLICATION_MOVES[state])
                assert after["status"] == state and len(after["history"]) == len(before["history"])
                continue
            expected = _legal_status(state, caller)
            assert r.status_code == expected, (state, action, caller, r.text)
            if expected == 200:
                assert after["status"] == APPLICATION_MOVES[state][action]
                assert len(after["history"]) == len(before["history"]) + 1
                assert (r.json()["api_key"] is not None) == (action == "approve")
            else:
                assert after["status"] == state and len(after["history"]) == len(before["history"])


def test_a_rejection_needs_a_reason_and_a_refusal_writes_nothing(world):
    w = world
    app_id = _application_in(w, "submitted")
    for reason in ("", "   "):
        r = w.client.post(
            f"/v1/applications/{app_id}/decision",
            headers={"X-API-Key": w.keys["dpw"]},
            json={"action": "reject", "reason": reason},
        )
        assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert w.admin("GET", f"/v1/applications/{app_id}")["status"] == "submitted"
