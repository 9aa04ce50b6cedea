"""Webhook delivery to a company's URL, with the faults real deliveries show.

Each company has one ordered queue served by one worker, so the order of events is only
changed on purpose (the reorder fault). Faults are drawn from a seeded RNG:
- delay: every delivery waits `webhook_delay` seconds after its event;
- drop: the delivery is recorded as dropped and never sent;
- duplicate: the same body (same timestamp) is sent twice;
- reorder: the delivery is held and sent right after the next one (or after
  `HOLD_SECONDS`, or when `drain()` flushes it).
A non-2xx answer or a transport error is retried, up to `MAX_ATTEMPTS` in all.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from shared.sandbox.config import Faults
from shared.sandbox.state import Company
from shared.sandbox.tasks import TaskGroup

MAX_ATTEMPTS = 3
RETRY_BACKOFF = (0.05, 0.2)  # seconds before the 2nd and 3rd attempt
TIMEOUT_SECONDS = 5.0
HOLD_SECONDS = 2.0


@dataclass
class WebhookRecord:
    """One delivery attempt (or one dropped delivery, never sent)."""

    event: str
    body: dict[str, Any]
    headers: dict[str, str]
    attempted_at: float  # time.time()
    status_code: int | None
    dropped: bool = False
    attempt: int = 1
    error: str | None = None


def encode_body(body: dict[str, Any]) -> bytes:
    """The exact bytes a delivery sends (what a signature must cover)."""
    return json.dumps(body).encode()


@dataclass
class _Delivery:
    company_id: int | str
    url: str
    event: str
    body: dict[str, Any]
    headers: dict[str, str]
    due: float  # time.monotonic() when it may be sent
    copies: int = 1


@dataclass
class _CompanyLane:
    queue: deque[_Delivery] = field(default_factory=deque)
    worker: asyncio.Task[Any] | None = None
    held: _Delivery | None = None
    hold_timer: asyncio.Task[Any] | None = None


class WebhookDispatcher:
    def __init__(self, faults: Faults, rng: random.Random, tasks: TaskGroup) -> None:
        self.faults = faults
        self.records: list[WebhookRecord] = []
        self.transport: httpx.AsyncBaseTransport | None = None
        self._rng = rng
        self._tasks = tasks
        self._timers = TaskGroup()  # hold timers: drain() flushes instead of waiting on them
        self._lanes: dict[int | str, _CompanyLane] = {}
        self._client_pair: tuple[httpx.AsyncBaseTransport | None, httpx.AsyncClient] | None = None
        self._old_clients: list[httpx.AsyncClient] = []

    def emit(self, company: Company, event: str, data: dict[str, Any]) -> None:
        """Queue an event for the company's webhook URL (nothing happens without a URL)."""
        if not company.webhook_url:
            return
        timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        body = {"event": event, "timestamp": timestamp, "companyId": company.id, "data": data}
        headers = {
            "Content-Type": "application/json",
            "X-Webhook-Event": event,
            "X-Webhook-Timestamp": timestamp,
            "X-Webhook-Key": company.webhook_key,
            "User-Agent": "TapTalent-Webhooks/1.0 (tt sandbox)",
        }
        self.enqueue(company.id, company.webhook_url, event, body, headers)

    def enqueue(
        self,
        lane_key: int | str,
        url: str,
        event: str,
        body: dict[str, Any],
        headers: dict[str, str],
    ) -> None:
        """Queue one delivery of ``body`` (sent as `encode_body(body)`) on ``lane_key``'s queue.

        Other emulators (InstaView) use this directly with their own body and headers, and
        get the same faults, ordering and retries.
        """
        due = time.monotonic() + self.faults.webhook_delay
        lane = self._lanes.setdefault(lane_key, _CompanyLane())
        lane.queue.append(_Delivery(lane_key, url, event, body, headers, due))
        if lane.worker is None or lane.worker.done():
            lane.worker = self._tasks.spawn(self._serve(lane))

    def has_held(self) -> bool:
        return any(lane.held for lane in self._lanes.values())

    async def flush_held(self) -> None:
        """Send every held (reordered) delivery now."""
        for lane in self._lanes.values():
            held = self._take_held(lane)
            if held:
                await self._send_copies(held)

    async def aclose(self) -> None:
        await self._timers.cancel_all()
        clients = self._old_clients + ([self._client_pair[1]] if self._client_pair else [])
        self._old_clients, self._client_pair = [], None
        for client in clients:
            await client.aclose()

    async def _serve(self, lane: _CompanyLane) -> None:
        while lane.queue:
            delivery = lane.queue.popleft()
            wait = delivery.due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            await self._deliver(lane, delivery)

    async def _deliver(self, lane: _CompanyLane, delivery: _Delivery) -> None:
        faults = self.faults
        if faults.webhook_drop_rate and self._rng.random() < faults.webhook_drop_rate:
            self.records.append(
                WebhookRecord(
                    delivery.event, delivery.body, delivery.headers, time.time(), None, True
                )
            )
            return
        if faults.webhook_duplicate_rate and self._rng.random() < faults.webhook_duplicate_rate:
            delivery.copies = 2
        held = self._take_held(lane)
        if (
            held is None
            and faults.webhook_reorder_rate
            and self._rng.random() < faults.webhook_reorder_rate
        ):
            lane.held = delivery
            lane.hold_timer = self._timers.spawn(self._release_later(lane, delivery))
            return
        await self._send_copies(delivery)
        if held is not None:
            await self._send_copies(held)

    def _take_held(self, lane: _CompanyLane) -> _Delivery | None:
        held, lane.held = lane.held, None
        if lane.hold_timer is not None:
            lane.hold_timer.cancel()
            lane.hold_timer = None
        return held

    async def _release_later(self, lane: _CompanyLane, delivery: _Delivery) -> None:
        await asyncio.sleep(HOLD_SECONDS)
        if lane.held is delivery:
            lane.held, lane.hold_timer = None, None
            # Sent from a tracked task so drain() waits for it.
            self._tasks.spawn(self._send_copies(delivery))

    async def _send_copies(self, delivery: _Delivery) -> None:
        for _ in range(delivery.copies):
            await self._send(delivery)

    async def _send(self, delivery: _Delivery) -> None:
        content = encode_body(delivery.body)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            status: int | None = None
            error: str | None = None
            attempted_at = time.time()
            try:
                response = await self._client().post(
                    delivery.url, content=content, headers=delivery.headers
                )
                status = response.status_code
            except Exception as exc:  # any failure of the receiver is retried
                error = f"{type(exc).__name__}: {exc}"
            self.records.append(
                WebhookRecord(
                    delivery.event,
                    delivery.body,
                    delivery.headers,
                    attempted_at,
                    status,
                    attempt=attempt,
                    error=error,
                )
            )
            if status is not None and 200 <= status < 300:
                return
            if attempt < MAX_ATTEMPTS:
                await asyncio.sleep(RETRY_BACKOFF[attempt - 1])

    def _client(self) -> httpx.AsyncClient:
        # The transport can be swapped between deliveries: make a new client when it is.
        if self._client_pair is not None and self._client_pair[0] is self.transport:
            return self._client_pair[1]
        if self._client_pair is not None:
            self._old_clients.append(self._client_pair[1])
        client = httpx.AsyncClient(transport=self.transport, timeout=TIMEOUT_SECONDS)
        self._client_pair = (self.transport, client)
        return client
