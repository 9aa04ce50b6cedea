"""An ASGI wrapper that rewrites the sandbox's answers, to put a documented (or odd) shape
the sandbox does not send in front of the real client.

    app = Rewriting(sandbox.app)
    app.on("POST", "/job-candidates/rescore", lambda body: {"data": body["data"]})
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIX = "/v1/partner"
UNREADABLE = object()  # return this from a rewrite to send a body that is not JSON


class Rewriting:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.rules: list[tuple[str, Callable[[str], bool], Callable[[Any], Any]]] = []
        self.rewritten = 0

    def on(self, method: str, path: str | Callable[[str], bool], rewrite: Callable[[Any], Any]):
        """Rewrite answers to `method` `path` (exact, after /v1/partner, or a predicate)."""
        matches = path if callable(path) else (lambda p, wanted=path: p == wanted)
        self.rules.append((method, matches, rewrite))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "").removeprefix(PREFIX)
        rule = next(
            (
                r
                for m, match, r in self.rules
                if scope["type"] == "http" and m == scope["method"] and match(path)
            ),
            None,
        )
        if rule is None:
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if 200 <= start["status"] < 300:
            changed = rule(json.loads(body))
            body = b"<html>oops</html>" if changed is UNREADABLE else json.dumps(changed).encode()
            self.rewritten += 1
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": body})
