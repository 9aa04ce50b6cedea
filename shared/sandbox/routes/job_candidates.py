"""A job's candidates: listing with filters, bulk fetch, update, delete, move, upload."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.clock import now_ms
from shared.sandbox.errors import invalid
from shared.sandbox.models import Batch, JobCandidate
from shared.sandbox.routes.common import (
    authenticate,
    find_job,
    find_job_candidate,
    ok,
    page_slice,
)
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import ORDER_COLUMNS, ORDER_DIRECTIONS, CandidateFilter
from shared.sandbox.workflows import batch_started, run_batch

PAGE_SIZES = (10, 20, 40, 80, 100)
MAX_BULK_IDS = 100
MAX_RESUME_URLS = 5000
# PATCH /job-candidates/:id: field -> expected JSON type.
UPDATABLE: dict[str, str] = {
    "noticePeriod": "string",
    "expectedCTC": "number",
    "currencyExpectedCTC": "string",
    "expectedCTCPeriod": "string",
    "currentCTC": "number",
    "currencyCurrentCTC": "string",
    "currentCTCPeriod": "string",
    "isWillingToRelocate": "boolean",
}


def routes(rt: Runtime) -> list[Route]:
    async def list_for_job(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        job_id = v.path_id(request, "jobId")
        params = request.query_params
        problems = v.Problems()
        page = v.query_int(params, "page", 1, problems)
        per_page = v.query_int(params, "perPage", 20, problems, choices=PAGE_SIZES)
        stage_id = v.query_optional_id(params, "stageId", problems)
        score_min = v.query_score(params, "resumeScoreMin", problems)
        score_max = v.query_score(params, "resumeScoreMax", problems)
        if score_min is not None and score_max is not None and score_min > score_max:
            problems.add(
                "resumeScoreMin", '"resumeScoreMin" must be less than or equal to "resumeScoreMax"'
            )
        column = v.query_choice(params, "orderColumn", ORDER_COLUMNS, "createdAt", problems)
        direction = v.query_choice(params, "orderBy", ORDER_DIRECTIONS, "DESC", problems)
        exclude_rejected = v.query_bool(params, "excludeRejected", problems)
        problems.raise_if_any()
        find_job(company, job_id)
        wanted = CandidateFilter(stage_id, score_min, score_max, exclude_rejected)
        matching = company.job_index[job_id].query(column, direction, wanted)
        shown = rt.speaker.listed(
            [
                rt.renderer.job_candidate(jc, "jobCandidateId")
                for jc in page_slice(matching, page, per_page)
            ]
        )
        pagination = serializer.pagination(page, per_page, len(matching))
        return ok({"status": "success", "data": {"candidates": shown, "pagination": pagination}})

    async def bulk_fetch(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        problems = v.Problems()
        ids = v.id_list(body, "jobCandidateIds", problems, maximum=MAX_BULK_IDS, required=True)
        problems.raise_if_any()
        found = [company.job_candidates[i] for i in ids or [] if i in company.job_candidates]
        data = rt.speaker.fetched([rt.renderer.job_candidate(jc, "id") for jc in found])
        return ok({"status": "success", "data": data})

    async def update(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        jc = find_job_candidate(company, v.path_id(request, "jobCandidateId"))
        body = await v.json_object(request)
        changes = _updates(body)
        _apply_updates(jc, changes)
        company.job_index[jc.job_id].changed()
        record = rt.renderer.job_candidate(jc, "id")
        return ok(rt.speaker.updated("Job candidate updated successfully", record))

    async def delete(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        jc = find_job_candidate(company, v.path_id(request, "jobCandidateId"))
        company.remove_job_candidate(jc)
        rt.webhooks.emit(
            company,
            "candidate.removed_from_job",
            {"jobCandidateId": jc.id, "jobId": jc.job_id, "candidateId": jc.candidate.id},
        )
        return ok({"status": "success", "message": "Candidate removed from job successfully"})

    async def move(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        jc = find_job_candidate(company, v.path_id(request, "jobCandidateId"))
        body = await v.json_object(request)
        problems = v.Problems()
        stage_id = v.body_id(body, "stageId", problems, required=True, strict=rt.speaker.strict_ids)
        problems.raise_if_any()
        job = company.jobs[jc.job_id]
        stage = next((s for s in job.stages if s.id == stage_id), None)
        if stage is None:
            raise invalid({"stageId": '"stageId" must be a stage in the job\'s pipeline'})
        company.move(jc, stage, now_ms())
        data = {
            "id": jc.id,
            "jobId": jc.job_id,
            "candidateId": jc.candidate.id,
            "stageId": jc.stage_id,
            "status": jc.status,
        }
        return ok(rt.speaker.moved("Candidate moved to stage successfully", data))

    async def upload_resumes(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        problems = v.Problems()
        job_id = v.body_id(body, "jobId", problems, required=True, strict=rt.speaker.strict_ids)
        urls = v.url_list(body, "resumeURLs", problems, maximum=MAX_RESUME_URLS)
        problems.raise_if_any()
        assert job_id is not None
        find_job(company, job_id)
        batch = Batch(id=rt.ids.take("batch"), job_id=job_id, urls=urls)
        company.batches[batch.id] = batch
        batch_started(rt, company, batch)
        rt.spawn(run_batch(rt, company, batch))
        data = {"batchId": batch.id, "fileCount": len(urls), "jobId": job_id}
        return ok(rt.speaker.batch_accepted(data))

    return [
        Route("/job-candidates/job/{jobId}/candidates", list_for_job, methods=["GET"]),
        Route("/job-candidates/bulk-fetch", bulk_fetch, methods=["POST"]),
        Route("/job-candidates/bulk/resume", upload_resumes, methods=["POST"]),
        Route("/job-candidates/{jobCandidateId}/stage", move, methods=["PUT"]),
        Route("/job-candidates/{jobCandidateId}", update, methods=["PATCH"]),
        Route("/job-candidates/{jobCandidateId}", delete, methods=["DELETE"]),
    ]


def _updates(body: dict[str, Any]) -> dict[str, Any]:
    known = {k: value for k, value in body.items() if k in UPDATABLE}
    if not known:
        fields = ", ".join(UPDATABLE)
        raise invalid({"body": f'"value" must contain at least one of [{fields}]'})
    problems = v.Problems()
    for name, value in known.items():
        expected = UPDATABLE[name]
        if expected == "string" and not isinstance(value, str):
            problems.add(name, f'"{name}" must be a string')
        elif expected == "string" and len(value) > 100:
            problems.add(name, f'"{name}" length must be less than or equal to 100 characters long')
        elif expected == "boolean" and not isinstance(value, bool):
            problems.add(name, f'"{name}" must be a boolean')
        elif expected == "number":
            v.body_number(known, name, problems)
            if value is None:
                problems.add(name, f'"{name}" must be a number')
    problems.raise_if_any()
    return known


def _apply_updates(jc: JobCandidate, changes: dict[str, Any]) -> None:
    attributes = {
        "noticePeriod": "notice_period",
        "expectedCTC": "expected_ctc",
        "currencyExpectedCTC": "expected_ctc_currency",
        "expectedCTCPeriod": "expected_ctc_period",
        "currentCTC": "current_ctc",
        "currencyCurrentCTC": "current_ctc_currency",
        "currentCTCPeriod": "current_ctc_period",
        "isWillingToRelocate": "willing_to_relocate",
    }
    for name, value in changes.items():
        if name == "noticePeriod" and value == "":
            value = None  # documented: an empty string clears the notice period
        setattr(jc, attributes[name], value)
    jc.updated_ms = now_ms()
