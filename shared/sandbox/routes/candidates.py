"""The company's candidate pool: list, get, bulk fetch, resume batches."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.errors import not_found
from shared.sandbox.models import Batch
from shared.sandbox.routes.common import authenticate, ok, page_slice
from shared.sandbox.runtime import Runtime
from shared.sandbox.workflows import batch_started, run_batch

MAX_BULK_IDS = 100
MAX_RESUME_URLS = 5000


def routes(rt: Runtime) -> list[Route]:
    async def list_candidates(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        page, per_page = _paging(request)
        everyone = company.candidates_newest_first()
        shown = [rt.renderer.candidate(c) for c in page_slice(everyone, page, per_page)]
        pagination = serializer.pagination(page, per_page, len(everyone))
        return ok({"status": "success", "data": {"candidates": shown, "pagination": pagination}})

    async def get_candidate(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        candidate = company.candidates.get(v.path_id(request, "candidateId"))
        if candidate is None:
            raise not_found("Candidate")
        return ok({"status": "success", "data": rt.renderer.candidate(candidate)})

    async def bulk_fetch(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        problems = v.Problems()
        ids = v.id_list(body, "candidateIds", problems, maximum=MAX_BULK_IDS, required=True)
        problems.raise_if_any()
        found = [company.candidates[i] for i in ids or [] if i in company.candidates]
        return ok({"status": "success", "data": [rt.renderer.candidate(c) for c in found]})

    async def upload_resumes(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        problems = v.Problems()
        urls = v.url_list(body, "resumeURLs", problems, maximum=MAX_RESUME_URLS)
        problems.raise_if_any()
        batch = Batch(id=rt.ids.take("batch"), job_id=None, urls=urls)
        company.batches[batch.id] = batch
        batch_started(rt, company, batch)
        rt.spawn(run_batch(rt, company, batch))
        return ok(rt.speaker.batch_accepted({"batchId": batch.id, "fileCount": len(urls)}))

    async def batch_candidates(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        batch = company.batches.get(v.path_id(request, "batchId"))
        if batch is None:
            raise not_found("Batch")
        page, per_page = _paging(request)
        members = [company.candidates[i] for i in batch.candidate_ids if i in company.candidates]
        shown = [rt.renderer.candidate(c) for c in page_slice(members, page, per_page)]
        return ok(
            {
                "status": "success",
                "data": {
                    "batchStatus": batch.status,
                    "candidates": shown,
                    "pagination": serializer.pagination(page, per_page, len(members)),
                },
            }
        )

    return [
        Route("/candidates/list", list_candidates, methods=["GET"]),
        Route("/candidates/bulk-fetch", bulk_fetch, methods=["POST"]),
        Route("/candidates/bulk/resume", upload_resumes, methods=["POST"]),
        Route("/candidates/batch/{batchId}", batch_candidates, methods=["GET"]),
        Route("/candidates/{candidateId}", get_candidate, methods=["GET"]),
    ]


def _paging(request: Request) -> tuple[int, int]:
    problems = v.Problems()
    page = v.query_int(request.query_params, "page", 1, problems)
    per_page = v.query_int(request.query_params, "perPage", 20, problems, maximum=100)
    problems.raise_if_any()
    return page, per_page
