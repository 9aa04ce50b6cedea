"""``client.rescores``: start rescoring a job's candidates and follow the runs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.taptalent._limits import RESCORE_MAX_IDS, unique_ids
from shared.taptalent.errors import RequestLimitError
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
        """Start one rescore run against the job's current criteria.

        With ids (at most 250, the documented limit: more are refused before anything is
        sent; `shared.actions.rescore` is the one layer that splits a request into runs),
        they are rescored; without ids, the job's (or the stage's) candidates. Starting a
        run is never retried once TapTalent may have received it. Returns the run, in a
        list (TapTalent answers with one run per request).
        """
        body: dict[str, Any] = {"jobId": job_id}
        if stage_id is not None:
            body["stageId"] = stage_id
        if job_candidate_ids is not None:
            ids = unique_ids(job_candidate_ids, "jobCandidateIds")
            if len(ids) > RESCORE_MAX_IDS:
                raise RequestLimitError(
                    f"A rescore takes at most {RESCORE_MAX_IDS} job candidate ids per request; "
                    f"got {len(ids)}. Split them into several requests."
                )
            body["jobCandidateIds"] = ids
        answer = await self._post("/job-candidates/rescore", body, idempotent=False)
        return [parse(RescoreStarted, unwrap_data(answer), "POST /job-candidates/rescore")]

    async def get(self, rescore_id: str) -> RescoreStatus:
        """Status of one run: ``queued``, ``completed`` or ``failed``, with counts and errors."""
        path = f"/job-candidates/rescore/{segment(rescore_id)}"
        return parse(RescoreStatus, unwrap_data(await self._get(path)), f"GET {path}")

    async def candidates(self, rescore_id: str) -> list[JobCandidate]:
        """The run's job candidates with their updated scores."""
        path = f"/job-candidates/rescore/{segment(rescore_id)}/candidates"
        return parse_list(JobCandidate, unwrap_data(await self._get(path)), f"GET {path}")
