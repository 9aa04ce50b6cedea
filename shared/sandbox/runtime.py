"""Everything a running sandbox holds: companies, background work, webhooks, records."""

from __future__ import annotations

import asyncio
import gc
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from shared.sandbox.clock import now_ms
from shared.sandbox.config import SandboxConfig
from shared.sandbox.data import CompanyPlan, build_company
from shared.sandbox.dialect import Speaker
from shared.sandbox.models import Job
from shared.sandbox.serializer import CandidateRenderer
from shared.sandbox.state import Company, Ids
from shared.sandbox.tasks import TaskGroup
from shared.sandbox.webhooks import WebhookDispatcher

DEFAULT_COMPANY = "Acme Talent"
OTHER_COMPANY = "Globex"


@dataclass
class RequestRecord:
    """One Partner API request as the sandbox saw it (times from time.monotonic())."""

    method: str
    path: str
    query: dict[str, str]
    status: int
    started: float
    ended: float


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Generation allocates tens of thousands of acyclic records; the cyclic collector would
    rescan them over and over (about a fifth of the build time) and find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Runtime:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.speaker = Speaker(config.dialect, config.seed)
        self.faults = replace(config.faults)
        self.ids = Ids()
        main_plan = CompanyPlan(
            DEFAULT_COMPANY,
            jobs=config.jobs,
            candidates_per_job=config.candidates_per_job,
            big_job_size=config.big_job_size,
            unscored_fraction=config.unscored_fraction,
            credits=config.credits,
            assessments=4,
        )
        other_plan = CompanyPlan(
            OTHER_COMPANY,
            jobs=config.other_company_jobs,
            candidates_per_job=(10, 30),
            big_job_size=0,
            unscored_fraction=config.unscored_fraction,
            credits=config.credits,
            assessments=1,
        )
        with _cyclic_gc_paused():
            self.default, self.big_job_id = build_company(main_plan, config.seed, self.ids)
            self.other, _ = build_company(other_plan, config.seed, self.ids)
        self.default.webhook_url = config.webhook_url
        self.companies = {c.api_key: c for c in (self.default, self.other)}
        self.tasks = TaskGroup()
        # Separate streams, so API faults and webhook faults do not shift each other.
        self.api_rng = random.Random(f"{config.seed}:api-faults")
        self.webhooks = WebhookDispatcher(
            self.faults, random.Random(f"{config.seed}:webhook-faults"), self.tasks
        )
        self.renderer = CandidateRenderer()
        self.requests: list[RequestRecord] = []
        self._last_rescore_ms = 0

    def company_for_key(self, key: str) -> Company | None:
        return self.companies.get(key)

    def company_owning_job(self, job_id: int) -> tuple[Company, Job] | None:
        for company in self.companies.values():
            job = company.jobs.get(job_id)
            if job is not None:
                return company, job
        return None

    def new_rescore_id(self, job_id: int) -> str:
        # Two rescores in the same millisecond must not share an id: bump the millis.
        millis = max(now_ms(), self._last_rescore_ms + 1)
        self._last_rescore_ms = millis
        return f"rescore_{job_id}_{millis}"

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
        await self.tasks.cancel_all()
        await self.webhooks.aclose()
