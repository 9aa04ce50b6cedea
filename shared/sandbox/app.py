"""`Sandbox`: an in-process emulator of TapTalent's Partner API, ready to serve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from starlette.types import ASGIApp

from shared.sandbox import validation as v
from shared.sandbox.config import Faults, SandboxConfig
from shared.sandbox.kept import KeptApp
from shared.sandbox.models import Criterion, Evaluation
from shared.sandbox.persistence import SavedWorld
from shared.sandbox.routes import build_app
from shared.sandbox.runtime import RequestRecord, Runtime
from shared.sandbox.webhooks import WebhookRecord


class Sandbox:
    """Two companies of generated data behind a Starlette app.

    `app` serves `/v1/partner/...` (the Partner API) and `/_sandbox/...` (controls). The
    default company ("Acme Talent") answers to `api_key`; a second one ("Globex") to
    `other_api_key` and sees only its own data.
    """

    def __init__(self, config: SandboxConfig | None = None, *, world: Path | None = None) -> None:
        """`world`: a file that keeps the data between processes (see `persistence.py`);
        without one, the data lives as long as this object."""
        self.config = config or SandboxConfig()
        self.world = world
        self._unscored: dict[int, Evaluation] = {}  # scores `unscore` took away
        if world is None:
            self._rt = Runtime(self.config)
            self.app: ASGIApp = build_app(self._rt)
        else:
            keeper = SavedWorld(world)
            self._rt = Runtime(self.config, keeper)
            rt = self._rt
            self.app = KeptApp(
                build_app(rt), partial(keeper.look, rt), partial(keeper.changing, rt)
            )

    @property
    def api_key(self) -> str:
        return self._rt.keys[0]

    @property
    def other_api_key(self) -> str:
        return self._rt.keys[2]

    @property
    def webhook_key(self) -> str:
        return self._rt.keys[1]

    @property
    def other_webhook_key(self) -> str:
        return self._rt.keys[3]

    @property
    def company_id(self) -> int:
        return self._rt.default.id

    @property
    def big_job_id(self) -> int | None:
        return self._rt.big_job_id

    @property
    def job_ids(self) -> list[int]:
        return sorted(self._rt.default.jobs)

    @property
    def faults(self) -> Faults:
        return self._rt.faults

    @property
    def credits(self) -> int:
        return self._rt.default.credits

    @credits.setter
    def credits(self, value: int) -> None:
        self._rt.default.credits = value

    @property
    def webhook_url(self) -> str | None:
        return self._rt.default.webhook_url

    @webhook_url.setter
    def webhook_url(self, url: str | None) -> None:
        self._rt.default.webhook_url = url
        if url and isinstance(self._rt.keeper, SavedWorld):
            # Deliver, on time, what other processes leave for a process with a URL.
            self._rt.keeper.watch(self._rt)

    @property
    def webhook_transport(self) -> httpx.AsyncBaseTransport | None:
        return self._rt.webhooks.transport

    @webhook_transport.setter
    def webhook_transport(self, transport: httpx.AsyncBaseTransport | None) -> None:
        self._rt.webhooks.transport = transport

    @property
    def requests(self) -> list[RequestRecord]:
        return self._rt.requests

    @property
    def deliveries(self) -> list[WebhookRecord]:
        return self._rt.webhooks.records

    def set_criteria(self, job_id: int, criteria: Sequence[dict[str, Any]]) -> None:
        """Replace a job's criteria (any company's job), like PUT /_sandbox/jobs/:id/criteria.

        Raises KeyError for an unknown job and ValueError for invalid criteria.
        """
        owner = self._rt.company_owning_job(job_id)
        if owner is None:
            raise KeyError(f"no job {job_id}")
        problems = v.Problems()
        pairs = v.criteria_list(list(criteria), "criterionDetails", problems)
        if pairs is None:
            raise ValueError(problems.details["criterionDetails"])
        owner[1].criteria = tuple(Criterion(text, level) for text, level in pairs)

    def job_candidate_ids(self, job_id: int) -> list[int]:
        """The ids of a job's candidates (any company's job), for tests and drills."""
        owner = self._rt.company_owning_job(job_id)
        if owner is None:
            raise KeyError(f"no job {job_id}")
        return sorted(owner[0].job_candidates_of(job_id))

    def pipeline(self, job_id: int) -> list[tuple[int, str, str]]:
        """A job's stages as (id, name, type), ids included: the `seed` dialect hides them
        from the API, as TapTalent's documented example does."""
        owner = self._rt.company_owning_job(job_id)
        if owner is None:
            raise KeyError(f"no job {job_id}")
        return [(s.id, s.name, s.type) for s in owner[1].stages]

    def edit_candidate(self, job_candidate_id: int, **fields: str) -> None:
        """Rewrite a candidate's resume fields (`first_name`, `last_name`, `title`,
        `employer`, `major`, `industry`), e.g. to plant hostile text in a test.

        No Partner API endpoint edits a resume, so this is the sandbox's own door.
        """
        allowed = {"first_name", "last_name", "title", "employer", "major", "industry"}
        if unknown := set(fields) - allowed:
            raise ValueError(f"cannot edit {sorted(unknown)}; editable: {sorted(allowed)}")
        for company in self._rt.world.companies:
            jc = company.job_candidates.get(job_candidate_id)
            if jc is not None:
                # Candidates are shared between sandboxes of one seed: edit a copy.
                edited = replace(jc.candidate)
                for name, value in fields.items():
                    setattr(edited, name, value)
                company.replace_candidate(jc.candidate, edited)
                # Rendered profiles and summaries are cached: drop them.
                self._rt.renderer = type(self._rt.renderer)()
                return
        raise KeyError(f"no job candidate {job_candidate_id}")

    def set_score(self, job_candidate_id: int, score: float) -> None:
        """Give a candidate this score (same criteria verdicts), e.g. to plant a tie in a test.

        Real scores tie only now and then; tests that need a tie make one here.
        """
        for company in self._rt.world.companies:
            jc = company.job_candidates.get(job_candidate_id)
            base = (jc.evaluation if jc else None) or self._unscored.pop(job_candidate_id, None)
            if jc is not None and base is not None:
                company.set_evaluation(jc, replace(base, score=score), jc.updated_ms)
                return
        raise KeyError(f"no scored job candidate {job_candidate_id}")

    def unscore(self, job_candidate_id: int) -> None:
        """Take a candidate's score away, as before TapTalent scored them (`set_score`
        gives one back): e.g. résumés parsed but not scored yet."""
        for company in self._rt.world.companies:
            jc = company.job_candidates.get(job_candidate_id)
            if jc is not None and jc.evaluation is not None:
                self._unscored[job_candidate_id] = jc.evaluation
                jc.evaluation = None
                company.job_index[jc.job_id].changed()
                return
        raise KeyError(f"no scored job candidate {job_candidate_id}")

    # The public surface promises drain(timeout=...); asyncio.timeout would not fit it.
    async def drain(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until queued rescores, resume batches and webhook deliveries are done.

        Reordered webhook deliveries still held back are sent. Raises TimeoutError.
        """
        await self._rt.drain(timeout)

    async def aclose(self) -> None:
        """Cancel background work and close the webhook HTTP clients."""
        await self._rt.aclose()
