# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Fuzzing `POST /webhooks/taptalent`: never a 5xx, nothing stored without the key.

Hypothesis draws bodies (arbitrary bytes, JSON of every shape, envelopes with wrong types,
unknown events, bodies around the 256 KiB cap, deep nesting, other encodings, lone
surrogates), keys (missing, wrong, nearly right, right) and content types. The service runs
in-process with its lifespan (tracker included) inside Starlette's TestClient, which raises
any exception the app lets escape. Rows are counted through a second SQLite connection.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from shared.service import Service
from shared.webhooks.receiver import KNOWN_EVENTS, MAX_BODY_BYTES, RESCORED
from tests.conftest import make_settings
from tests.hardening.conftest import small_sandbox

ROUTE = "/webhooks/taptalent"
SANDBOX = small_sandbox(seed=3, jobs=1, candidates_per_job=(5, 10))
KEY = SANDBOX.webhook_key

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
events = st.one_of(
    st.sampled_from(sorted(KNOWN_EVENTS)),
    st.text(max_size=250),
    st.sampled_from(["", " ", "x" * 201, "job.candidates.rescored\x00", "\ud800", "ü" * 120]),
    json_values,
)
rescore_data = st.fixed_dictionaries(
    {},
    optional={
        "rescoreId": st.one_of(
            st.text(max_size=40), st.integers(), st.none(), st.sampled_from(["\udfff", "r" * 5000])
        ),
        "jobId": json_values,
        "status": st.one_of(
            st.sampled_from(["completed", "failed", "queued", "COMPLETED"]), json_values
        ),
        "totalProcessed": json_values,
        "totalRequested": json_values,
        "errors": json_values,
    },
)
envelopes = st.fixed_dictionaries(
    {},
    optional={
        "event": events,
        "timestamp": json_values,
        "companyId": json_values,
        "data": st.one_of(rescore_data, json_values),
    },
).map(lambda body: json.dumps(body).encode())


# Mostly well-formed deliveries, so the authenticated path gets past validation often.
plausible = st.fixed_dictionaries(
    {
        "event": st.sampled_from(sorted(KNOWN_EVENTS)),
        "data": st.fixed_dictionaries(
            {"rescoreId": st.text(min_size=1, max_size=40)},
            optional={
                "status": st.sampled_from(["completed", "failed", "queued", "processing"]),
                "jobId": st.one_of(st.integers(), st.text(max_size=10)),
                "totalProcessed": st.integers(),
                "errors": json_values,
            },
        ),
    },
    optional={"timestamp": st.text(max_size=30), "companyId": st.integers()},
).map(lambda body: json.dumps(body).encode())


def near_the_cap(size: int) -> bytes:
    head = b'{"event": "resume.bulk_upload_parse.started", "data": {"blob": "'
    tail = b'"}}'
    return head + b"a" * max(0, size - len(head) - len(tail)) + tail


bodies = st.one_of(
    plausible,
    plausible,
    envelopes,
    envelopes,
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    envelopes.map(lambda b: b.decode().encode("utf-16")),
    envelopes.map(lambda b: b.decode().encode("utf-32")),
    st.integers(1, 100_000).map(lambda depth: b'{"event": "x", "data": ' + b"[" * depth),
    st.integers(1, 100_000).map(
        lambda depth: b'{"event": "x", "data": ' + b"[" * depth + b"]" * depth + b"}"
    ),
    st.integers(MAX_BODY_BYTES - 64, MAX_BODY_BYTES + 64).map(near_the_cap),
    st.sampled_from(
        [
            b"",
            b"null",
            b'{"event": "x", "data": NaN}',
            b'{"event": "job.candidates.rescored", "data": {"rescoreId": "\\ud800"}}',
            b'{"event": "\\udfff", "data": {}}',
            b'{"event": "job.candidates.rescored", "data": {"rescoreId": "r", "jobId": "\\ud800",'
            b' "status": "completed"}}',
            b'\xef\xbb\xbf{"event": "x"}',
        ]
    ),
)
wrong_keys = st.one_of(
    st.none(),
    st.just(KEY + "x"),
    st.just(KEY[:-1]),
    st.just(KEY.upper()),
    st.just(""),
    st.just(SANDBOX.other_webhook_key),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
)
keys = st.one_of(st.just(KEY), wrong_keys)  # about half the requests carry the right key
content_types = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=utf-16",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
    ]
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path_factory.mktemp("fuzz") / "tt.sqlite3"
    svc = Service(
        make_settings(db.parent, TAPTALENT_WEBHOOK_KEY=KEY),
        sandbox=SANDBOX,
        surfaces=(),
        tick=0.05,
    )
    with TestClient(svc.app, raise_server_exceptions=True) as client:
        yield client, db


def stored_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM webhook_deliveries").fetchone()[0])


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=bodies,
    key=keys,
    content_type=content_types,
    event_header=st.one_of(st.none(), st.sampled_from(sorted(KNOWN_EVENTS)), st.text(max_size=50)),
)
@example(
    body=b'{"event": "x"}'.decode().encode("utf-16"), key=KEY, content_type=None, event_header=None
)
@example(body=b'{"event": "\\ud800"}', key=KEY, content_type=None, event_header=None)
@example(
    body=b'{"event": "x", "data": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    key=KEY,
    content_type=None,
    event_header=None,
)
@example(body=near_the_cap(MAX_BODY_BYTES + 1), key=None, content_type=None, event_header=None)
def test_any_request_gets_an_answer_below_500_and_only_the_key_stores(
    service: tuple[TestClient, Path],
    body: bytes,
    key: str | None,
    content_type: str | None,
    event_header: str | None,
):
    client, db = service
    headers: dict[str, Any] = {}
    if key is not None:
        headers["X-Webhook-Key"] = key
    if content_type is not None:
        headers["Content-Type"] = content_type
    if event_header is not None:
        # As bytes (any octets a client could send), minus what ends a header line.
        raw_event = event_header.encode("utf-8", "surrogatepass")
        headers["X-Webhook-Event"] = bytes(b for b in raw_event if b not in b"\r\n\x00")
    before = stored_rows(db)
    answer = client.post(ROUTE, content=body, headers=headers)
    event(f"{'keyed' if key == KEY else 'unkeyed'} {answer.status_code}")
    assert answer.status_code < 500, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    if key != KEY:
        assert answer.status_code == 401
        assert stored_rows(db) == before, "an unauthenticated request stored a delivery"
        return
    assert answer.status_code in (200, 400, 413), answer.text
    if answer.status_code == 200:
        assert answer.json()["ok"] is True
        assert stored_rows(db) == before + (0 if answer.json()["duplicate"] else 1)
    else:
        assert answer.json()["ok"] is False and answer.json()["error"]
        assert stored_rows(db) == before


def test_after_the_fuzzing_the_service_still_works(service: tuple[TestClient, Path]):
    client, db = service
    assert client.get("/healthz").json()["ok"] is True
    body = {"event": RESCORED, "data": {"rescoreId": "rescore_1_1", "status": "queued"}}
    first = client.post(ROUTE, json=body, headers={"X-Webhook-Key": KEY})
    again = client.post(ROUTE, json=body, headers={"X-Webhook-Key": KEY})
    assert first.json() == {"ok": True, "duplicate": False}
    assert again.json() == {"ok": True, "duplicate": True}
    # The tracker went through everything stored (acted on, ignored or marked failed), so
    # no delivery, however odd, stopped it.
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA busy_timeout = 5000")
        for _ in range(200):
            left = conn.execute(
                "SELECT count(*) FROM webhook_deliveries WHERE state = 'received'"
            ).fetchone()[0]
            if left == 0:
                break
            time.sleep(0.02)
        assert left == 0
