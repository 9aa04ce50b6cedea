# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Fuzzing `POST /webhooks/instaview`: never a 5xx; nothing stored without a right
signature; what is stored is acted on without breaking the tracker.

Bodies are arbitrary bytes, JSON of any shape, and plausible InstaView events with odd ids
(lone surrogates, numbers, empty) and odd data; signatures are missing, wrong, or right.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from shared.instaview.rules import WEBHOOK_EVENTS
from shared.instaview.webhooks import SIGNATURE_HEADER, sign
from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
from shared.service import Service
from tests.conftest import make_settings
from tests.hardening.conftest import small_sandbox

ROUTE = "/webhooks/instaview"
INSTAVIEW = InstaViewSandbox(InstaViewSandboxConfig(seed=3, test_duration=3600))
SECRET = INSTAVIEW.webhook_secret

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
ids = st.one_of(st.text(max_size=30), st.integers(), st.sampled_from(["\ud800", "", None]))
events = st.fixed_dictionaries(
    {},
    optional={
        "event": st.one_of(st.sampled_from(WEBHOOK_EVENTS), json_values),
        "deliveryId": ids,
        "timestamp": json_values,
        "data": st.one_of(
            st.fixed_dictionaries(
                {},
                optional={
                    "interviewId": ids,
                    "status": json_values,
                    "error": json_values,
                    "analysis": st.one_of(
                        json_values,
                        st.fixed_dictionaries(
                            {"general": st.dictionaries(st.text(max_size=12), json_values)}
                        ),
                    ),
                },
            ),
            json_values,
        ),
    },
).map(lambda body: json.dumps(body).encode())
bodies = st.one_of(
    events, events, st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Service, Path]]:
    folder = tmp_path_factory.mktemp("instaview-fuzz")
    built = Service(
        make_settings(folder),
        sandbox=small_sandbox(seed=3, jobs=1, candidates_per_job=(5, 10)),
        surfaces=(),
        instaview_sandbox=INSTAVIEW,
        tick=3600,
    )
    with TestClient(built.app, raise_server_exceptions=True) as client:
        yield client, built, folder / "tt.sqlite3"


def stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        query = "SELECT count(*) FROM webhook_deliveries WHERE event LIKE 'instaview.%'"
        return int(conn.execute(query).fetchone()[0])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies, signed=st.sampled_from(["right", "wrong", "missing"]))
def test_never_a_5xx_and_nothing_stored_unsigned(
    service: tuple[TestClient, Service, Path], body: bytes, signed: str
) -> None:
    client, _, db = service
    headers = {"Content-Type": "application/json"}
    if signed == "right":
        headers[SIGNATURE_HEADER] = sign(SECRET, body)
    elif signed == "wrong":
        headers[SIGNATURE_HEADER] = sign(SECRET + "x", body)
    before = stored(db)
    answer = client.post(ROUTE, content=body, headers=headers)
    assert answer.status_code < 500
    if signed != "right":
        assert answer.status_code == 401 and stored(db) == before


def test_what_was_stored_is_processed_without_breaking_the_tracker(
    service: tuple[TestClient, Service, Path],
) -> None:
    client, built, _ = service
    client.portal.call(built.tracker.process_deliveries)  # type: ignore[union-attr]
    left = client.portal.call(built.tk.store.unprocessed_deliveries)  # type: ignore[union-attr]
    assert left == []
