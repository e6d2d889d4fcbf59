"""The pure webhook rules: Standard Webhooks signatures (checked by the `standardwebhooks`
library, an independent receiver), the retry schedule, the SSRF address rules, the streak rule."""

from __future__ import annotations

import base64
import ipaddress
import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks import Webhook, WebhookVerificationError

from jalin.webhooks import (
    DEFAULT_SCHEDULE,
    DisableRule,
    EventType,
    blocked_reason,
    check_url,
    is_public_address,
    message_body,
    new_message_id,
    new_secret,
    next_delay,
    parse_schedule,
    should_disable,
    sign,
    signed_headers,
    verify,
)
from jalin.webhooks.addresses import Target


def test_secrets_are_whsec_and_32_random_bytes():
    secrets = {new_secret() for _ in range(50)}
    assert len(secrets) == 50
    for s in secrets:
        assert s.startswith("whsec_")
        assert len(base64.b64decode(s.removeprefix("whsec_"), validate=True)) == 32


@given(body=st.text(max_size=300))
def test_the_standardwebhooks_library_verifies_our_signature(body):
    secret = new_secret()
    mid = new_message_id()
    ts = int(time.time())
    headers = signed_headers(secret, mid, ts, body)
    assert Webhook(secret).verify(body.encode(), headers, json_parse=False) is None
    assert verify(secret, mid, ts, body, headers["webhook-signature"])


def test_a_wrong_secret_or_altered_body_fails_verification():
    secret, other = new_secret(), new_secret()
    mid, ts = new_message_id(), int(time.time())
    body = message_body(EventType.SHIPMENT_BOOKED, datetime.now(UTC), {"number": "JL123456785ID"})
    headers = signed_headers(secret, mid, ts, body)
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace("JL", "JX"), headers)
    assert not verify(secret, mid, ts + 1, body, headers["webhook-signature"])


def test_signature_matches_the_contract_formula_by_hand():
    key = bytes(range(32))
    secret = "whsec_" + base64.b64encode(key).decode()
    import hashlib
    import hmac

    expected = base64.b64encode(hmac.new(key, b"msg_1.1700000000.{}", hashlib.sha256).digest()).decode()
    assert sign(secret, "msg_1", 1700000000, "{}") == "v1," + expected


def test_default_schedule_is_the_contract():
    assert DEFAULT_SCHEDULE == (5, 300, 1800, 7200, 18000, 36000, 36000)
    assert parse_schedule("5,300,1800,7200,18000,36000,36000") == DEFAULT_SCHEDULE
    assert [next_delay(n, DEFAULT_SCHEDULE) for n in range(1, 9)] == [*DEFAULT_SCHEDULE, None]
    assert parse_schedule("") == () and next_delay(1, ()) is None
    assert parse_schedule(" 0.5 , 2 ") == (0.5, 2.0)
    for bad in ("5,x", "-1", "nan", "inf"):
        with pytest.raises(ValueError):
            parse_schedule(bad)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "192.0.2.1",
    ],
)  # fmt: skip
def test_private_loopback_link_local_and_reserved_are_refused(address):
    assert not is_public_address(ipaddress.ip_address(address))
    assert blocked_reason([address], allow_private=False) is not None
    assert blocked_reason([address], allow_private=True) is None


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert is_public_address(ipaddress.ip_address(address))
    assert blocked_reason([address], allow_private=False) is None


def test_one_private_address_among_public_ones_blocks_and_nothing_resolved_blocks():
    assert blocked_reason(["8.8.8.8", "10.0.0.1"], allow_private=False)
    assert blocked_reason([], allow_private=True)


def test_url_shape():
    t = check_url("https://hooks.example.com/jalin?x=1", allow_private=False)
    assert isinstance(t, Target) and t.host == "hooks.example.com" and t.port == 443
    assert isinstance(check_url("https://[2606:4700::1]:8443/h", allow_private=False), Target)
    for bad in ("http://example.com/h", "ftp://example.com", "https://", "example.com", "", None, 5,
                "https://user:pw@example.com/", "https://exa mple.com/", "https://example.com:99999/",
                "https://e.com/" + "a" * 2000):  # fmt: skip
        assert isinstance(check_url(bad, allow_private=False), str), bad
    assert isinstance(check_url("http://127.0.0.1:9/h", allow_private=True), Target)


def test_the_streak_rule():
    now = datetime(2026, 12, 10, tzinfo=UTC)
    rule = DisableRule(min_days=5, min_failed_messages=3)
    assert not should_disable(10, None, now, rule)
    assert not should_disable(2, now - timedelta(days=30), now, rule)
    assert not should_disable(3, now - timedelta(days=5) + timedelta(seconds=1), now, rule)
    assert should_disable(3, now - timedelta(days=5), now, rule)
