"""Verify and read InstaView webhook deliveries.

InstaView does not publish its signature scheme. **Choice** (docs/connectors.md): the
header ``X-InstaView-Signature: sha256=<hex HMAC-SHA256 of the raw body>`` keyed with the
``signingSecret`` returned when the webhook was created; the header name is a parameter.
Verify the raw bytes first, in constant time, and only then parse them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from shared.instaview.errors import SignatureError
from shared.instaview.models import Analysis
from shared.instaview.rules import EventName

SIGNATURE_HEADER = "X-InstaView-Signature"
SCHEME = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The header value for ``body``: ``sha256=<hex digest>``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return SCHEME + digest


def verify_signature(secret: str, body: bytes, header_value: str | None) -> None:
    """Raise `SignatureError` unless ``header_value`` signs ``body`` with ``secret``.

    The comparison takes the same time wherever the first difference is.
    """
    if not secret:
        raise SignatureError(
            "No InstaView webhook secret is configured (INSTAVIEW_WEBHOOK_SECRET)."
        )
    if not header_value:
        raise SignatureError(f"The delivery has no {SIGNATURE_HEADER} header.")
    presented = header_value.strip()
    if not presented.startswith(SCHEME):
        raise SignatureError(f"The signature does not start with {SCHEME!r}.")
    if not hmac.compare_digest(presented.encode(), sign(secret, body).encode()):
        raise SignatureError("The signature does not match the body.")


def header_of(headers: Mapping[str, str], name: str = SIGNATURE_HEADER) -> str | None:
    """The signature header, whatever its case (Starlette and httpx headers already fold)."""
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return value
    return None


class EventData(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    interview_id: str | None = None
    call_attempt_id: str | None = None
    candidate_id: str | None = None
    job_id: str | None = None
    status: str | None = None
    analysis: Analysis | None = None
    error: str | None = None


class WebhookEvent(BaseModel):
    """``{event, timestamp, deliveryId, data}``; ``delivery_id`` is the dedupe key."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    event: EventName
    timestamp: str | None = None
    delivery_id: str = Field(min_length=1)
    data: EventData = Field(default_factory=EventData)


def parse_event(body: bytes | str | Mapping[str, Any]) -> WebhookEvent:
    """Read one delivery; raises ValueError naming what is wrong (unknown event, no id)."""
    raw: Any = body
    if isinstance(body, bytes | str):
        try:
            raw = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise ValueError(f"The InstaView webhook body is not JSON: {exc}") from None
    try:
        return WebhookEvent.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ValueError(f"Not an InstaView webhook event: {where}: {first['msg']}") from None


def verified_event(
    secret: str, body: bytes, headers: Mapping[str, str], header_name: str = SIGNATURE_HEADER
) -> WebhookEvent:
    """Verify, then parse: the one call a receiver needs."""
    verify_signature(secret, body, header_of(headers, header_name))
    return parse_event(body)
