"""Webhook signatures (right, wrong, missing) and the documented events."""

from __future__ import annotations

import json

import pytest

from shared.instaview.errors import SignatureError
from shared.instaview.rules import WEBHOOK_EVENTS
from shared.instaview.webhooks import (
    SIGNATURE_HEADER,
    parse_event,
    sign,
    verified_event,
    verify_signature,
)

SECRET = "whsec_test_9fK2mQ7rT4vX8zB1"


def delivery(event: str = "interview.completed", **data: object) -> bytes:
    body = {
        "event": event,
        "timestamp": "2026-11-27T07:00:00.000Z",
        "deliveryId": "d-1",
        "data": {"interviewId": "i-1", "candidateId": "c-1", "status": "COMPLETED", **data},
    }
    return json.dumps(body).encode()


def test_a_body_signed_with_the_secret_is_accepted():
    body = delivery()
    header = sign(SECRET, body)
    assert header.startswith("sha256=") and len(header) == len("sha256=") + 64
    event = verified_event(SECRET, body, {SIGNATURE_HEADER: header})
    assert event.event == "interview.completed" and event.delivery_id == "d-1"
    assert event.data.interview_id == "i-1"


@pytest.mark.parametrize(
    ("label", "header", "message"),
    [
        ("missing", None, "has no X-InstaView-Signature header"),
        ("empty", "", "has no X-InstaView-Signature header"),
        ("another secret", sign("whsec_other_secret_123", delivery()), "does not match"),
        ("another body", sign(SECRET, delivery("ping")), "does not match"),
        ("no scheme", sign(SECRET, delivery()).removeprefix("sha256="), "does not start with"),
        ("truncated", sign(SECRET, delivery())[:-2], "does not match"),
    ],
)
def test_a_wrong_or_missing_signature_is_refused(label, header, message):
    with pytest.raises(SignatureError, match=message):
        verify_signature(SECRET, delivery(), header)


def test_no_configured_secret_refuses_everything():
    with pytest.raises(SignatureError, match="INSTAVIEW_WEBHOOK_SECRET"):
        verify_signature("", delivery(), sign("", delivery()))


def test_the_header_name_is_configurable_and_case_blind():
    body = delivery()
    headers = {"x-iv-sig": sign(SECRET, body)}
    assert verified_event(SECRET, body, headers, header_name="X-IV-Sig").delivery_id == "d-1"
    with pytest.raises(SignatureError, match="no X-InstaView-Signature"):
        verified_event(SECRET, body, headers)


@pytest.mark.parametrize("name", WEBHOOK_EVENTS)
def test_every_documented_event_parses(name):
    assert len(WEBHOOK_EVENTS) == 6
    assert parse_event(delivery(name)).event == name


def test_analysis_completed_carries_the_analysis():
    analysis = {
        "id": "a-1",
        "general": {
            "overallRating": 82,
            "companyFitRating": 77,
            "strongPoints": "Clear answers\n- Deep Python",
            "weakPoints": ["No Kafka"],
            "evaluation": "Advance.",
        },
    }
    event = parse_event(delivery("analysis.completed", analysis=analysis))
    assert event.data.analysis is not None
    general = event.data.analysis.general
    assert general.overall_rating == 82 and general.company_fit_rating == 77
    assert general.strong_points == ["Clear answers", "Deep Python"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", "not JSON"),
        (json.dumps({"event": "interview.exploded", "deliveryId": "d"}).encode(), "event"),
        (json.dumps({"event": "ping"}).encode(), "deliveryId"),
    ],
)
def test_what_is_not_an_event_is_said_plainly(body, words):
    with pytest.raises(ValueError, match=words):
        parse_event(body)


def test_the_signature_is_checked_before_the_body_is_read():
    garbage = b"\xff{not even json"
    with pytest.raises(SignatureError):
        verified_event(SECRET, garbage, {SIGNATURE_HEADER: sign("whsec_wrong_one_42", garbage)})
    with pytest.raises(ValueError, match="not JSON"):
        verified_event(SECRET, garbage, {SIGNATURE_HEADER: sign(SECRET, garbage)})
