"""`POST /slack/events` (HTTP mode): the route that faces the internet.

Before anything parses or logs a body: the size is capped (512 KiB; 413 beyond, read in
chunks so a large body is never held whole), and Slack's signature is checked in
constant time against a timestamp within five minutes (401 otherwise). Only then is the
body decoded: a signed body that is not what Slack sends (`payload=` that is not a JSON
object, JSON that does not parse) gets 400. bolt sees only signed, well-formed requests,
so its own verification (which logs rejected bodies) is off.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from slack_bolt.adapter.starlette.async_handler import to_starlette_response
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

log = logging.getLogger("tt.bot.events")

MAX_BODY = 512 * 1024
MAX_CLOCK_SKEW = 300  # seconds, as Slack's own guidance


class TooLarge(Exception):
    pass


async def read_capped(request: Request, limit: int = MAX_BODY) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _signed(verifier: SignatureVerifier, body: bytes, timestamp: str, signature: str) -> bool:
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW:
        return False
    expected = verifier.generate_signature(timestamp=timestamp, body=body) or ""
    return hmac.compare_digest(expected.encode(), signature.encode())


def _well_formed(text: str, content_type: str) -> bool:
    """The shapes Slack sends: a JSON object, or a form (with `payload` a JSON object)."""
    try:
        if content_type.startswith("application/json"):
            return isinstance(json.loads(text), dict)
        form = parse_qs(text, keep_blank_values=True)
        if "payload" in form:
            return isinstance(json.loads(form["payload"][0]), dict)
        return True
    except ValueError:
        return False


def events_endpoint(app: AsyncApp, secret: str) -> Callable[[Request], Awaitable[Response]]:
    verifier = SignatureVerifier(secret)

    async def slack_events(request: Request) -> Response:
        try:
            body = await read_capped(request)
        except TooLarge:
            return PlainTextResponse("request body too large", status_code=413)
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not _signed(verifier, body, timestamp, signature):
            log.info("refused an unsigned or stale request to /slack/events (%d bytes)", len(body))
            return PlainTextResponse("invalid signature", status_code=401)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return PlainTextResponse("body is not UTF-8", status_code=400)
        if not _well_formed(text, request.headers.get("content-type", "")):
            return PlainTextResponse("body is not a Slack request", status_code=400)
        bolt_request = AsyncBoltRequest(
            body=text,
            query=request.query_params,  # type: ignore[arg-type]
            headers=request.headers,  # type: ignore[arg-type]
        )
        return to_starlette_response(await app.async_dispatch(bolt_request))

    return slack_events
