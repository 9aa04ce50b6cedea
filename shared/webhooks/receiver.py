"""`POST /webhooks/taptalent`: verify, store, answer at once; the tracker acts afterwards.

TapTalent wants a 2xx within 5 seconds and retries otherwise, so nothing slow happens before
the answer: the key is compared, the body is read (capped) and parsed, the delivery is
stored (deduplicated), and the tracker is woken to process it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from shared.store import Store

log = logging.getLogger("tt.webhooks")

MAX_BODY_BYTES = 256 * 1024
RESCORED = "job.candidates.rescored"
KNOWN_EVENTS = frozenset(
    {
        RESCORED,
        "resume.bulk_upload_parse.started",
        "resume.bulk_upload_parse.completed",
        "resume.bulk_upload_parse.failed",
        "candidate.removed_from_job",
    }
)


def key_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; no configured key means no delivery is accepted."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def dedupe_key(event: str, data: Any) -> str:
    """What makes two deliveries the same: TapTalent sends no delivery id, and a retried
    delivery may carry a new timestamp, so the key is built from the event's own content."""
    if event == RESCORED and isinstance(data, dict) and data.get("rescoreId"):
        return f"{RESCORED}:{data['rescoreId']}:{data.get('status', '')}"
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    return f"{event}:{digest[:32]}"


ENVELOPE_KEYS = ("event", "timestamp", "companyId")


def enveloped(body: dict[str, Any], event: str) -> dict[str, Any]:
    """The delivery in the documented envelope, whichever documented variant came.

    A flat payload (the seed's payload table read as top-level fields) is wrapped in
    `data`; a numeric `rescoreId` becomes its decimal text, so a run has one id whatever
    its type on the wire (docs/partner-api.openapi.yaml, `webhooks:`).
    """
    data = body.get("data")
    if not isinstance(data, dict):
        data = {k: v for k, v in body.items() if k not in ENVELOPE_KEYS}
    rescore_id = data.get("rescoreId")
    if isinstance(rescore_id, int) and not isinstance(rescore_id, bool):
        data = {**data, "rescoreId": str(rescore_id)}
    head = {k: body[k] for k in ENVELOPE_KEYS if k in body}
    return {**head, "event": event, "data": data}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message}, status_code=status)


async def _read_capped(request: Request) -> bytes | None:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            return None
    return bytes(body)


def key_accepted(given: str | None, expected: str | None, allow_empty: bool) -> bool:
    """The configured key matches; or, when the operator opted in and configured none, the
    delivery carries none (TapTalent sends an empty key when the company set no secret)."""
    if key_matches(given, expected):
        return True
    return allow_empty and not expected and not given


def webhook_endpoint(
    store: Callable[[], Store],
    expected_key: Callable[[], str | None],
    on_stored: Callable[[], None],
    allow_empty_key: Callable[[], bool] = lambda: False,
) -> Callable[[Request], Any]:
    async def receive(request: Request) -> JSONResponse:
        given = request.headers.get("x-webhook-key")
        if not key_accepted(given, expected_key(), allow_empty_key()):
            log.warning("webhook refused: missing or wrong X-Webhook-Key")
            return _error(401, "missing or wrong X-Webhook-Key")
        raw = await _read_capped(request)
        if raw is None:
            return _error(413, f"body larger than {MAX_BODY_BYTES} bytes")
        try:
            # Decoded first: json.loads(bytes) would also take UTF-16/32, which is not what
            # gets stored. Too deep a nesting raises RecursionError, not a decode error.
            text = raw.decode("utf-8-sig")
            body = json.loads(text)
        except (ValueError, RecursionError):
            return _error(400, "body is not valid JSON")
        if not isinstance(body, dict):
            return _error(400, "body must be a JSON object")
        event = body.get("event") or request.headers.get("x-webhook-event")
        if not isinstance(event, str) or not event or len(event) > 200:
            return _error(400, "missing event name")
        body = enveloped(body, event)
        data = body["data"]
        if event == RESCORED and not (isinstance(data.get("rescoreId"), str) and data["rescoreId"]):
            return _error(400, "job.candidates.rescored needs data.rescoreId")
        try:
            key = dedupe_key(event, data)
            # A lone surrogate ("\ud800" in the JSON) parses, but SQLite cannot store it.
            key.encode("utf-8")
            event.encode("utf-8")
        except (ValueError, RecursionError):
            return _error(400, "event name or rescoreId is not valid text")
        if event not in KNOWN_EVENTS:
            log.info("webhook: keeping unknown event %r", event)
        stored = await store().add_delivery(key, event, json.dumps(body))
        if stored is not None:
            on_stored()
        return JSONResponse({"ok": True, "duplicate": stored is None})

    return receive
