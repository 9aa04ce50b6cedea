"""Helpers for upload tests: résumé links, and the sandbox's parse webhooks captured and
stored as the receiver stores them (so duplicates and drops are chosen by the test)."""

from __future__ import annotations

import json

import httpx

from shared.sandbox import Sandbox
from shared.toolkit import Toolkit

PARSE = "resume.bulk_upload_parse."


def links(n: int, *, failing: int = 0, host: str = "files.example.com") -> list[str]:
    """`n` public résumé links, the last `failing` of which the sandbox cannot parse."""
    good = [f"https://{host}/cv/{i:04d}.pdf" for i in range(n - failing)]
    return good + [f"https://{host}/cv/fail-{i}.pdf" for i in range(failing)]


def capture_webhooks(sandbox: Sandbox) -> None:
    """Have the sandbox deliver to a receiver that answers 200 and does nothing: what it
    sent stays in `sandbox.deliveries`, for the test to store as it likes."""
    sandbox.webhook_url = "http://tt.test/webhooks/taptalent"
    sandbox.webhook_transport = httpx.MockTransport(lambda request: httpx.Response(200))


def parse_events(sandbox: Sandbox, *names: str) -> list[tuple[str, dict[str, object]]]:
    wanted = {PARSE + n for n in names} if names else None
    return [
        (r.event, r.body)
        for r in sandbox.deliveries
        if r.event.startswith(PARSE) and not r.dropped and (wanted is None or r.event in wanted)
    ]


async def store_events(
    tk: Toolkit, events: list[tuple[str, dict[str, object]]], *, copies: int = 1, tag: str = ""
) -> None:
    """Store each event `copies` times under different keys (as if the receiver's dedupe
    missed them: the kind itself must not count a batch twice)."""
    for number, (event, body) in enumerate(events):
        for copy in range(copies):
            await tk.store.add_delivery(f"{tag}{number}:{copy}", event, json.dumps(body))
