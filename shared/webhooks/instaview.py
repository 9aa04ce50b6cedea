"""`POST /webhooks/instaview`: InstaView's signed interview webhooks.

The signature (**choice**, docs/connectors.md: ``X-InstaView-Signature: sha256=<hex
HMAC-SHA256 of the raw body>``, the header named by INSTAVIEW_SIGNATURE_HEADER) is checked
in constant time on the raw bytes before anything parses them; with no secret (no
INSTAVIEW_WEBHOOK_SECRET, not the emulator) every delivery is refused. A verified delivery
is stored in the deliveries table under ``instaview:<deliveryId>`` (so a repeat is stored
once) with its event prefixed ``instaview.``, and answered at once; the tracker then acts
on it through the `interview` operation kind.

In sandbox mode `wire_emulator` points the emulator's configured webhook at this route of
the running service, in-process, so its alerts come by webhook (polling stays the
fallback).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.instaview.errors import SignatureError
from shared.instaview.webhooks import header_of, parse_event, verify_signature
from shared.operations.kinds.interview import PREFIX
from shared.toolkit import Toolkit
from shared.webhooks.receiver import MAX_BODY_BYTES, _read_capped

log = logging.getLogger("tt.webhooks.instaview")

PATH = "/webhooks/instaview"
SERVICE_URL = "http://tt-service.local" + PATH


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message}, status_code=status)


def instaview_route(toolkit: Callable[[], Toolkit], on_stored: Callable[[], None]) -> Route:
    """The route; ``toolkit`` is read per request (the service opens it in its lifespan)."""

    async def receive(request: Request) -> JSONResponse:
        tk = toolkit()
        header = tk.settings.instaview_signature_header
        secret = tk.instaview.webhook_secret if tk.instaview is not None else None
        if not secret:
            log.warning("InstaView webhook refused: no INSTAVIEW_WEBHOOK_SECRET is set")
            return _error(401, "InstaView webhooks are not accepted: no signing secret is set")
        raw = await _read_capped(request)
        if raw is None:
            return _error(413, f"body larger than {MAX_BODY_BYTES} bytes")
        try:
            verify_signature(secret, raw, header_of(request.headers, header))
        except SignatureError:
            log.warning("InstaView webhook refused: missing or wrong %s", header)
            return _error(401, f"missing or wrong {header}")
        try:
            text = raw.decode("utf-8")
            event = parse_event(text)
            event.delivery_id.encode("utf-8")  # a lone surrogate parses; SQLite refuses it
        except (ValueError, UnicodeEncodeError) as exc:
            return _error(400, str(exc)[:200])
        if event.event == "ping":
            return JSONResponse({"ok": True, "duplicate": False})
        stored = await tk.store.add_delivery(
            f"instaview:{event.delivery_id[:200]}", PREFIX + event.event, text
        )
        if stored is not None:
            on_stored()
        return JSONResponse({"ok": True, "duplicate": stored is None})

    return Route(PATH, receive, methods=["POST"])


@contextlib.contextmanager
def wire_emulator(tk: Toolkit, app: Any) -> Iterator[None]:
    """Sandbox mode: the in-process InstaView emulator delivers to this service's route
    (unless it was given a webhook URL of its own). Down is down: unwired on exit."""
    sandbox = tk.instaview.sandbox if tk.instaview is not None else None
    wired = sandbox is not None and sandbox.webhook_url in (None, SERVICE_URL)
    if wired and sandbox is not None:
        sandbox.webhook_transport = httpx.ASGITransport(app=app)
        sandbox.webhook_url = SERVICE_URL
    try:
        yield
    finally:
        if wired and sandbox is not None:
            sandbox.webhook_url = None
