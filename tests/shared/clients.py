"""Clients of the other systems wired to their emulators in-process, for tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol, TypeVar

import httpx

from shared.taptalent import RetryPolicy, TapTalentClient
from tests.shared.fake_time import FakeTime


class _Closable(Protocol):
    async def aclose(self) -> None: ...


C = TypeVar("C", bound=_Closable)


@asynccontextmanager
async def client_factory(
    cls: Callable[..., C], base_url: str, fake_time: FakeTime, **defaults: Any
) -> AsyncIterator[Callable[..., C]]:
    """``factory(emulator, **kwargs)``: a ``cls`` client over ASGI to ``emulator.app``,
    sleeping on ``fake_time`` (retries wait without waiting); all closed at the end."""
    made: list[C] = []

    def factory(emulator: Any, **kwargs: Any) -> C:
        options = {"retry": RetryPolicy(jitter=False), **defaults, **kwargs}
        client = cls(
            api_key=options.pop("api_key", emulator.api_key),
            base_url=options.pop("base_url", base_url),
            transport=options.pop("transport", httpx.ASGITransport(app=emulator.app)),
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            **options,
        )
        made.append(client)
        return client

    try:
        yield factory
    finally:
        for client in made:
            await client.aclose()


def taptalent_over(sandbox: Any) -> TapTalentClient:
    """A TapTalent client to the TapTalent sandbox in-process (use with ``async with``)."""
    return TapTalentClient(
        api_key=sandbox.api_key,
        base_url="http://sandbox/v1/partner",
        transport=httpx.ASGITransport(app=sandbox.app),
    )


async def candidates_with_ctc(
    sandbox: Any, count: int, *, amount: float, currency: str, period: str = "ANNUALLY"
) -> list[Any]:
    """``count`` job candidates of the sandbox's first job, their expected and current CTC
    set through the Partner API (PATCH), then read back as TapTalent returns them: through
    the stage endpoint, the one whose records carry the application's CTC fields."""
    from shared.taptalent.models import JobCandidateUpdate

    offset = {"INR": 0, "USD": count, "AUD": 2 * count}.get(currency, 3 * count)
    changes = JobCandidateUpdate(
        expected_ctc=amount,
        currency_expected_ctc=currency,
        expected_ctc_period=period,
        current_ctc=amount * 0.8,
        currency_current_ctc=currency,
        current_ctc_period=period,
    )
    async with taptalent_over(sandbox) as taptalent:
        job_id = (await taptalent.jobs.list()).jobs[0].id
        listed = (await taptalent.job_candidates.list(job_id, per_page=40)).candidates
        chosen = listed[offset : offset + count]
        for jc in chosen:
            await taptalent.job_candidates.update(jc.id, changes)
        wanted, found = {str(jc.id) for jc in chosen}, []
        for stage_id in {jc.stage_id for jc in chosen}:
            for number in range(1, 50):
                page = await taptalent.job_candidates.by_stage_id(
                    stage_id, job_id=job_id, page=number, per_page=100
                )
                for row in page.candidates:
                    application = row.job_candidate
                    if application is not None and str(application.id) in wanted:
                        found.append(application.model_copy(update={"candidate": row.candidate}))
                if len(page.candidates) < 100:
                    break
        return found
