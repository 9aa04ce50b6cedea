"""``client.rescores``: start rescoring a job's candidates and follow the runs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.taptalent._limits import RESCORE_MAX_IDS, chunked, unique_ids, wire_id, wire_ids
from shared.taptalent.errors import APIResponseValidationError, TapTalentError
from shared.taptalent.models import Id, JobCandidate, RescoreStarted, RescoreStatus, unwrap_data
from shared.taptalent.resources._base import Resource, parse, parse_list, segment

PATH = "/job-candidates/rescore"


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

        Ids go out as the integers the seed documents, whatever type they came in as.
        A 2xx whose body cannot be read raises `APIResponseValidationError` (with the
        ``response``): that run WAS started, so it must be followed, never started again.
        """
        base: dict[str, Any] = {"jobId": wire_id(job_id)}
        if stage_id is not None:
            base["stageId"] = wire_id(stage_id)
        if job_candidate_ids is None:
            bodies = [base]
        else:
            ids = wire_ids(unique_ids(job_candidate_ids, "jobCandidateIds"))
            bodies = [
                {**base, "jobCandidateIds": list(chunk)} for chunk in chunked(ids, RESCORE_MAX_IDS)
            ]
        started: list[RescoreStarted] = []
        for body in bodies:
            try:
                answer, response = await self._post_exchange(PATH, body)
                one = parse(RescoreStarted, unwrap_data(answer), f"POST {PATH}", response=response)
            except APIResponseValidationError as exc:
                exc.partial_results = tuple(started)
                exc.add_note("TapTalent accepted the request, so this rescore was started.")
                raise
            except TapTalentError as exc:
                exc.partial_results = tuple(started)
                raise
            started.append(one.assuming_queued(len(body.get("jobCandidateIds", ()))))
        return started

    async def get(self, rescore_id: str) -> RescoreStatus:
        """Status of one run: ``queued``, ``completed`` or ``failed``, with counts and errors."""
        path = f"/job-candidates/rescore/{segment(rescore_id)}"
        data = unwrap_data(await self._get(path))
        if isinstance(data, dict) and data.get("rescoreId") is None:
            data = {**data, "rescoreId": rescore_id}  # the run asked about
        return parse(RescoreStatus, data, f"GET {path}")

    async def candidates(self, rescore_id: str) -> list[JobCandidate]:
        """The run's job candidates with their updated scores."""
        path = f"/job-candidates/rescore/{segment(rescore_id)}/candidates"
        return parse_list(JobCandidate, unwrap_data(await self._get(path)), f"GET {path}")
