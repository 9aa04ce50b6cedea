"""``client.rescores``: start rescoring a job's candidates and follow the runs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.taptalent._limits import RESCORE_MAX_IDS, chunked, unique_ids
from shared.taptalent.errors import TapTalentError
from shared.taptalent.models import Id, JobCandidate, RescoreStarted, RescoreStatus, unwrap_data
from shared.taptalent.resources._base import Resource, parse, parse_list, segment


class Rescores(Resource):
    async def start(
        self,
        job_id: Id,
        *,
        job_candidate_ids: Iterable[Id] | None = None,
        stage_id: Id | None = None,
    ) -> list[RescoreStarted]:
        """Start rescoring against the job's current criteria; one `RescoreStarted` per run.

        With ids, they go out in chunks of 250 (one run each), one chunk after another;
        without ids, one request rescores the job's (or the stage's) candidates. Starting
        a run is never retried once TapTalent may have received it. If a later chunk fails,
        the error's ``partial_results`` holds the runs already started.
        """
        base: dict[str, Any] = {"jobId": job_id}
        if stage_id is not None:
            base["stageId"] = stage_id
        if job_candidate_ids is None:
            bodies = [base]
        else:
            ids = unique_ids(job_candidate_ids, "jobCandidateIds")
            bodies = [
                {**base, "jobCandidateIds": list(chunk)} for chunk in chunked(ids, RESCORE_MAX_IDS)
            ]
        started: list[RescoreStarted] = []
        for body in bodies:
            try:
                answer = await self._post("/job-candidates/rescore", body, idempotent=False)
            except TapTalentError as exc:
                exc.partial_results = tuple(started)
                raise
            started.append(
                parse(RescoreStarted, unwrap_data(answer), "POST /job-candidates/rescore")
            )
        return started

    async def get(self, rescore_id: str) -> RescoreStatus:
        """Status of one run: ``queued``, ``completed`` or ``failed``, with counts and errors."""
        path = f"/job-candidates/rescore/{segment(rescore_id)}"
        return parse(RescoreStatus, unwrap_data(await self._get(path)), f"GET {path}")

    async def candidates(self, rescore_id: str) -> list[JobCandidate]:
        """The run's job candidates with their updated scores."""
        path = f"/job-candidates/rescore/{segment(rescore_id)}/candidates"
        return parse_list(JobCandidate, unwrap_data(await self._get(path)), f"GET {path}")
