"""`POST /webhooks/kombo`: Kombo's signed webhooks, and what tt does about them.

The signature (``X-Kombo-Signature``: HMAC-SHA256 of the raw body, base64url without
padding) is checked in constant time before the body is parsed; the delivery is stored
(deduplicated on Kombo's event id) and answered at once. A processor beside the service
then acts: on ``data-changed`` for applications it refreshes the applications tt pushed
and posts one line for each that changed stage or was rejected, in the thread the push
came from.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.actions.ats import refresh_pushed
from shared.actions.ats.models import AtsChange
from shared.actions.errors import ActionError
from shared.kombo import signature
from shared.store.kombo import KomboDelivery
from shared.toolkit import Toolkit
from shared.webhooks.receiver import MAX_BODY_BYTES, _read_capped

log = logging.getLogger("tt.webhooks.kombo")

PATH = "/webhooks/kombo"
APPLICATIONS = "ats_applications"

#: Tells the person who pushed a candidate that the ATS changed it (raise to retry later).
AtsPoster = Callable[[AtsChange], Awaitable[None]]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message}, status_code=status)


class KomboWebhooks:
    """The route and the processor. ``toolkit`` is read when a request comes (the service
    opens it in its lifespan); ``post`` tells people about changes."""

    def __init__(self, toolkit: Callable[[], Toolkit], post: AtsPoster) -> None:
        self._toolkit = toolkit
        self._post = post
        self._wake = asyncio.Event()
        self._one_pass = asyncio.Lock()  # one pass at a time: a caller waits for the running one
        self._task: asyncio.Task[None] | None = None
        self.route = Route(PATH, self.receive, methods=["POST"])

    async def receive(self, request: Request) -> JSONResponse:
        tk = self._toolkit()
        secret = tk.ats.webhook_secret if tk.ats is not None else None
        raw = await _read_capped(request)
        if raw is None:
            return _error(413, f"body larger than {MAX_BODY_BYTES} bytes")
        if not secret or not signature.verify(raw, secret, request.headers.get(signature.HEADER)):
            log.warning("Kombo webhook refused: missing or wrong %s", signature.HEADER)
            return _error(401, f"missing or wrong {signature.HEADER}")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return _error(400, "body is not valid JSON")
        event_id, kind = (body.get("id"), body.get("type")) if isinstance(body, dict) else (0, 0)
        if not isinstance(event_id, str) or not isinstance(kind, str) or not event_id:
            return _error(400, "a Kombo event needs a string id and type")
        try:
            # A lone surrogate ("\ud800" in the JSON) parses, but SQLite cannot store it.
            event_id.encode("utf-8")
            kind.encode("utf-8")
        except UnicodeEncodeError:
            return _error(400, "the event id or type is not valid text")
        new = await tk.store.add_kombo_delivery(event_id[:200], kind[:100], raw.decode("utf-8"))
        if new:
            self._wake.set()
        return JSONResponse({"ok": True, "duplicate": not new})

    async def process(self) -> int:
        """Act on every stored delivery not yet processed; return how many lines were posted.

        Passes do not overlap: a call made while one runs waits for it, then runs its own.
        """
        tk = self._toolkit()
        posted = 0
        async with self._one_pass:
            for delivery in await tk.store.pending_kombo_deliveries():
                try:
                    posted += await self._process(tk, delivery)
                except ActionError as exc:
                    # Kombo unreachable: leave the delivery for the next pass.
                    log.warning("Kombo delivery %s not processed yet: %s", delivery.event_id, exc)
                    return posted
                except Exception as exc:  # a delivery tt cannot act on must not block the rest
                    log.exception("Kombo delivery %s failed", delivery.event_id)
                    await tk.store.mark_kombo_delivery(delivery.event_id, "failed", repr(exc))
        return posted

    async def _process(self, tk: Toolkit, delivery: KomboDelivery) -> int:
        body: dict[str, Any] = json.loads(delivery.body)
        raw_data = body.get("data")
        data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
        raw_models = data.get("changed_models")
        models: list[Any] = raw_models if isinstance(raw_models, list) else []
        names = {m.get("name") for m in models if isinstance(m, dict)}
        if delivery.type == "sync-finished":
            state = data.get("sync_state")
            if state != "SUCCEEDED":
                # AUTHENTICATION_FAILED and the like need the customer: say it where ops look.
                log.warning("Kombo sync of the ATS ended %s: check the integration in Kombo", state)
        if delivery.type != "data-changed" or APPLICATIONS not in names:
            await tk.store.mark_kombo_delivery(delivery.event_id, "ignored")
            return 0
        changes = await refresh_pushed(tk)
        # The change is stored before it is posted: a crash here loses a line rather
        # than posting it twice (**choice**, docs/kombo.md).
        await tk.store.mark_kombo_delivery(delivery.event_id, "processed")
        for change in changes:
            try:
                await self._post(change)
            except Exception:  # one failed line must not hold back the others
                log.exception("could not post the ATS change of %s", change.job_candidate_id)
        return len(changes)

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self.process()
            except Exception:
                log.exception("Kombo webhook processing failed; retrying on the next delivery")

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        self._wake.set()  # deliveries stored before a restart
        self._task = asyncio.create_task(self._run(), name="kombo-webhooks")
        try:
            yield
        finally:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
