"""Kombo webhook signatures: ``X-Kombo-Signature`` is the HMAC-SHA256 of the raw body with
the webhook secret, base64url-encoded without ``=`` padding."""

from __future__ import annotations

import base64
import hashlib
import hmac

HEADER = "X-Kombo-Signature"


def sign(body: bytes, secret: str) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def verify(body: bytes, secret: str, signature: str | None) -> bool:
    """True when ``signature`` is the body's signature; compared in constant time."""
    if not signature or not secret:
        return False
    return hmac.compare_digest(sign(body, secret).encode(), signature.strip().encode())
