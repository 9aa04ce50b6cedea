"""``client.rescores``: start rescoring a job's candidates and follow the runs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.taptalent._limits import RESCORE_MAX_IDS, unique_ids, wire_id, wire_ids
from shared.taptalent.errors import APIResponseValidationError, RequestLimitError
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
        """Start one rescore run against the job's current criteria.

        With ids (at most 250, the documented limit: more are refused before anything is
        sent; `shared.actions.rescore` is the one layer that splits a request into runs),
        they are rescored; without ids, the job's (or the stage's) candidates. Starting a
        run is never retried once TapTalent may have received it. Returns the run, in a
        list (TapTalent answers with one run per request).

        Ids go out as the integers the seed documents, whatever type they came in as.
        A 2xx whose body cannot be read raises `APIResponseValidationError` (with the
        ``response``): that run WAS started, so it must be followed, never started again.
        """
        body: dict[str, Any] = {"jobId": wire_id(job_id)}
        if stage_id is not None:
            body["stageId"] = wire_id(stage_id)
        if job_candidate_ids is not None:
            ids = wire_ids(unique_ids(job_candidate_ids, "jobCandidateIds"))
            if len(ids) > RESCORE_MAX_IDS:
                raise RequestLimitError(
                    f"A rescore takes at most {RESCORE_MAX_IDS} job candidate ids per request; "
                    f"got {len(ids)}. Split them into several requests."
                )
            body["jobCandidateIds"] = ids
        try:
            answer, response = await self._post_exchange(PATH, body)
            one = parse(RescoreStarted, unwrap_data(answer), f"POST {PATH}", response=response)
        except APIResponseValidationError as exc:
            exc.add_note("TapTalent accepted the request, so this rescore was started.")
            raise
        return [one.assuming_queued(len(body.get("jobCandidateIds", ())))]

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
