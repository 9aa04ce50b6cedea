# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Fuzzing `POST /webhooks/kombo`: never a 5xx; nothing stored without a right signature.

Bodies are arbitrary bytes, JSON of any shape, and plausible Kombo events with odd ids
(lone surrogates, numbers, empty); signatures are missing, wrong, or right for the body.
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

from shared.kombo import signature
from shared.kombo_sandbox import KomboSandbox
from shared.service import Service
from tests.conftest import make_settings
from tests.hardening.conftest import small_sandbox

ROUTE = "/webhooks/kombo"
KOMBO = KomboSandbox(seed=3)
SECRET = KOMBO.webhook_secret

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
events = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), st.integers(), st.sampled_from(["\ud800", ""])),
        "type": st.one_of(st.sampled_from(["data-changed", "sync-finished"]), json_values),
        "data": st.one_of(
            st.fixed_dictionaries(
                {"changed_models": st.lists(st.fixed_dictionaries({"name": json_values}))}
            ),
            json_values,
        ),
    },
).map(lambda body: json.dumps(body).encode())
bodies = st.one_of(
    events, events, st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    folder = tmp_path_factory.mktemp("kombo-fuzz")
    app = Service(
        make_settings(folder),
        sandbox=small_sandbox(seed=3, jobs=1, candidates_per_job=(5, 10)),
        surfaces=(),
        kombo_sandbox=KOMBO,
    ).app
    with TestClient(app, raise_server_exceptions=True) as client:
        yield client, folder / "tt.sqlite3"


def stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM kombo_webhook_deliveries").fetchone()[0])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies, signed=st.sampled_from(["right", "wrong", "missing"]))
def test_never_a_5xx_and_nothing_stored_unsigned(
    service: tuple[TestClient, Path], body: bytes, signed: str
) -> None:
    client, db = service
    headers = {"Content-Type": "application/json"}
    if signed == "right":
        headers[signature.HEADER] = signature.sign(body, SECRET)
    elif signed == "wrong":
        headers[signature.HEADER] = signature.sign(body, SECRET + "x")
    before = stored(db)
    answer = client.post(ROUTE, content=body, headers=headers)
    assert answer.status_code < 500
    if signed != "right":
        assert answer.status_code == 401 and stored(db) == before
