"""Every webhook delivery the contract documents (`webhooks:` in the document) is accepted by
tt's receiver: enveloped or flat, numeric or string ids, `companyId` present or not.

Bodies are generated from the document's webhook request schemas and POSTed, with the key,
to the real receiver on a real SQLite store.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import from_schema
from starlette.applications import Starlette
from starlette.routing import Route

from shared.doctor import contract
from shared.store import Store
from shared.webhooks import webhook_endpoint
from tests.contract.test_client_parses_contract import closed

KEY = "whsec_contract"
EXAMPLES = 15


def delivery_schema(event: str) -> dict[str, Any]:
    operation = contract.load()["webhooks"][event]["post"]
    body = contract.resolve(operation["requestBody"])
    schema: dict[str, Any] = body["content"]["application/json"]["schema"]
    return schema


@pytest.mark.parametrize("event", sorted(contract.load()["webhooks"]))
def test_every_documented_delivery_is_accepted(event: str, tmp_path: Path) -> None:
    async def post_all(bodies: list[Any]) -> list[httpx.Response]:
        store = await Store.open(tmp_path / "tt.sqlite3")
        app = Starlette(
            routes=[
                Route(
                    "/webhooks/taptalent",
                    webhook_endpoint(lambda: store, lambda: KEY, lambda: None),
                    methods=["POST"],
                )
            ]
        )
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
                return [
                    await http.post(
                        "/webhooks/taptalent",
                        content=json.dumps(body),
                        headers={"X-Webhook-Key": KEY, "X-Webhook-Event": event},
                    )
                    for body in bodies
                ]
        finally:
            await store.close()

    bodies: list[Any] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        # No shrinking: it multiplies the cost of a failure, and the first failing body
        # with its message says enough.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(body=from_schema(closed(delivery_schema(event))))
    def collect(body: Any) -> None:
        bodies.append(body)

    collect()
    answers = asyncio.run(post_all(bodies))
    refused = [(b, r.status_code, r.text) for b, r in zip(bodies, answers, strict=True)]
    refused = [item for item in refused if item[1] != 200]
    assert not refused, f"{len(refused)} of {len(bodies)} refused, e.g. {refused[0]}"
