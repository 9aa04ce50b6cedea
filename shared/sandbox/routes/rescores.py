"""Rescoring: queue a run (202), read its status, read its candidates."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.errors import insufficient_credits, invalid, not_found
from shared.sandbox.models import Rescore
from shared.sandbox.routes.common import authenticate, find_job, ok
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company
from shared.sandbox.workflows import run_rescore

MAX_RESCORE_IDS = 250


def routes(rt: Runtime) -> list[Route]:
    async def start(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        problems = v.Problems()
        strict = rt.speaker.strict_ids
        job_id = v.body_id(body, "jobId", problems, required=True, strict=strict)
        ids = v.id_list(
            body,
            "jobCandidateIds",
            problems,
            maximum=MAX_RESCORE_IDS,
            required=False,
            strict=strict,
        )
        stage_id = v.body_id(body, "stageId", problems, required=False, strict=strict)
        problems.raise_if_any()
        assert job_id is not None
        job = find_job(company, job_id)
        if stage_id is not None and stage_id not in {s.id for s in job.stages}:
            raise invalid({"stageId": '"stageId" must be a stage in the job\'s pipeline'})
        members = company.job_candidates_of(job_id)
        eligible = [i for i in ids if i in members] if ids else sorted(members)
        if stage_id is not None:
            eligible = [i for i in eligible if members[i].stage_id == stage_id]
        if company.credits <= 0:
            raise insufficient_credits(company.credits)
        queued = eligible[:MAX_RESCORE_IDS]
        capped = company.credits < len(queued)
        if capped:
            queued = queued[: company.credits]
        rescore = Rescore(rt.new_rescore_id(job_id), job_id, queued, len(eligible), capped)
        company.rescores[rescore.id] = rescore
        rt.spawn(run_rescore(rt, company, rescore))
        data: dict[str, object] = {
            "rescoreId": rescore.id,
            "jobId": job_id,
            "totalEligible": len(eligible),
            "totalQueued": len(queued),
        }
        if capped:
            data["creditsAvailable"] = company.credits
        return ok(rt.speaker.rescore_started(data), status=202)

    async def status(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        rescore = _find(company, request)
        return ok(rt.speaker.rescore_status(serializer.rescore(rescore)))

    async def candidates(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        rescore = _find(company, request)
        found = [
            company.job_candidates[i]
            for i in rescore.job_candidate_ids
            if i in company.job_candidates
        ]
        data = rt.speaker.fetched([rt.renderer.job_candidate(jc, "id") for jc in found])
        return ok({"status": "success", "data": data})

    return [
        Route("/job-candidates/rescore", start, methods=["POST"]),
        Route("/job-candidates/rescore/{rescoreId}", status, methods=["GET"]),
        Route("/job-candidates/rescore/{rescoreId}/candidates", candidates, methods=["GET"]),
    ]


def _find(company: Company, request: Request) -> Rescore:
    rescore = company.rescores.get(request.path_params["rescoreId"])
    if rescore is None:
        raise not_found("Rescore")
    return rescore
