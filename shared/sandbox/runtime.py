"""Everything a running sandbox holds: companies, background work, webhooks, records."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any

from shared.sandbox.clock import now_ms
from shared.sandbox.config import SandboxConfig
from shared.sandbox.data import company_keys
from shared.sandbox.dialect import Speaker
from shared.sandbox.models import Job
from shared.sandbox.serializer import CandidateRenderer
from shared.sandbox.state import Company, Ids
from shared.sandbox.tasks import TaskGroup
from shared.sandbox.webhooks import WebhookDispatcher
from shared.sandbox.world import DEFAULT_COMPANY, OTHER_COMPANY, World, WorldKey, pristine


class WorldKeeper:
    """Where a sandbox's world lives between requests: here, in memory only.

    `persistence.SavedWorld` keeps it in a file instead, shared by every process.
    """

    # Whether another process may later deliver the webhooks this one cannot.
    shared = False

    def first_world(self, config: SandboxConfig) -> World:
        return pristine(config)

    @contextlib.asynccontextmanager
    async def changing(self, rt: Runtime) -> AsyncIterator[None]:
        """Wrap every change made outside a request (background work) in this."""
        yield

    async def aclose(self) -> None:
        return None


@dataclass
class RequestRecord:
    """One Partner API request as the sandbox saw it (times from time.monotonic())."""

    method: str
    path: str
    query: dict[str, str]
    status: int
    started: float
    ended: float


class Runtime:
    def __init__(self, config: SandboxConfig, keeper: WorldKeeper | None = None) -> None:
        self.config = config
        self.speaker = Speaker(config.dialect, config.seed)
        self.faults = replace(config.faults)
        self.keeper: WorldKeeper = keeper or WorldKeeper()
        self.tasks = TaskGroup()
        # Separate streams, so API faults and webhook faults do not shift each other.
        self.api_rng = random.Random(f"{config.seed}:api-faults")
        self.webhooks = WebhookDispatcher(
            self.faults, random.Random(f"{config.seed}:webhook-faults"), self.tasks
        )
        self.renderer = CandidateRenderer()
        self.requests: list[RequestRecord] = []
        self._world: World | None = None
        self.companies: dict[str, Company] = {}

    @functools.cached_property
    def keys(self) -> tuple[str, str, str, str]:
        """(API key, webhook key, other API key, other webhook key), known without the data:
        a server can start answering before its world is generated or loaded."""
        key = WorldKey.of(self.config)
        return (
            *company_keys(key.seed, DEFAULT_COMPANY),
            *company_keys(key.seed, OTHER_COMPANY),
        )

    @property
    def world(self) -> World:
        """The data, generated or loaded on first use."""
        if self._world is None:
            self.adopt(self.keeper.first_world(self.config))
        assert self._world is not None
        return self._world

    @property
    def default(self) -> Company:
        return self.world.default

    @property
    def other(self) -> Company:
        return self.world.other

    @property
    def ids(self) -> Ids:
        return self.world.ids

    @property
    def big_job_id(self) -> int | None:
        return self.world.big_job_id

    def adopt(self, world: World) -> None:
        """Run on `world` from now on (a persistent sandbox adopts what another process saved).

        Webhook URLs belong to the running process (where *it* delivers), so they carry over.
        """
        if self._world is None:
            world.default.webhook_url = self.config.webhook_url
        else:
            for old, new in zip(self._world.companies, world.companies, strict=True):
                new.webhook_url = old.webhook_url
        self._world = world
        self.companies = {c.api_key: c for c in world.companies}
        self.renderer = CandidateRenderer()

    def company_for_key(self, key: str) -> Company | None:
        if self._world is None:
            self.adopt(self.keeper.first_world(self.config))
        return self.companies.get(key)

    def company_owning_job(self, job_id: int) -> tuple[Company, Job] | None:
        for company in self.world.companies:
            job = company.jobs.get(job_id)
            if job is not None:
                return company, job
        return None

    def new_rescore_id(self, job_id: int) -> str:
        # Two rescores in the same millisecond must not share an id: bump the millis.
        millis = max(now_ms(), self.world.last_rescore_ms + 1)
        self.world.last_rescore_ms = millis
        return f"rescore_{job_id}_{millis}"

    def emit(self, company: Company, event: str, data: dict[str, Any]) -> None:
        """Send a webhook; in a shared world without a URL here, keep it for a process with one."""
        if company.webhook_url or not self.keeper.shared:
            self.webhooks.emit(company, event, data)
        else:
            self.world.outbox.append((company.id, event, data))

    def flush_outbox(self) -> bool:
        """Send the kept webhooks this process has a URL for; True if any left the outbox."""
        urls = {c.id: c for c in self.world.companies if c.webhook_url}
        sendable = [entry for entry in self.world.outbox if entry[0] in urls]
        if not sendable:
            return False
        self.world.outbox = [entry for entry in self.world.outbox if entry[0] not in urls]
        for company_id, event, data in sendable:
            self.webhooks.emit(urls[company_id], event, data)
        return True

    def spawn(self, work: Any) -> None:
        self.tasks.spawn(work)

    async def drain(self, limit_seconds: float) -> None:
        deadline = time.monotonic() + limit_seconds
        while True:
            pending = self.tasks.pending()
            if not pending:
                if not self.webhooks.has_held():
                    return
                await self.webhooks.flush_held()
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"sandbox still has {len(pending)} background tasks")
            await asyncio.wait(pending, timeout=remaining)

    async def aclose(self) -> None:
        await self.keeper.aclose()
        await self.tasks.cancel_all()
        await self.webhooks.aclose()
