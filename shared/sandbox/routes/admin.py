"""/_sandbox/*: controls for tests and demos (not part of TapTalent). Never faulted."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.errors import invalid
from shared.sandbox.models import Criterion
from shared.sandbox.routes.common import authenticate, find_job, ok
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company


def routes(rt: Runtime) -> list[Route]:
    async def info(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        return ok(_info(rt, company))

    async def set_criteria(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        job = find_job(company, v.path_id(request, "jobId"))
        raw = await v.json_body(request)
        # Accept the bare list or {"criterionDetails": [...]}.
        if isinstance(raw, dict):
            raw = raw.get("criterionDetails")
        problems = v.Problems()
        pairs = v.criteria_list(raw, "criterionDetails", problems)
        problems.raise_if_any()
        job.criteria = tuple(Criterion(c, level) for c, level in pairs or [])
        return ok(serializer.job(company, job, True))

    async def get_faults(request: Request) -> JSONResponse:
        authenticate(rt, request)
        return ok(rt.faults.as_dict())

    async def put_faults(request: Request) -> JSONResponse:
        authenticate(rt, request)
        body = await v.json_object(request)
        problems = rt.faults.update(body)
        if problems:
            raise invalid(problems)
        return ok(rt.faults.as_dict())

    async def put_webhook(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        url = body.get("url")
        if url is not None and (
            not isinstance(url, str) or not url.startswith(("http://", "https://"))
        ):
            raise invalid({"url": '"url" must be an http(s) URL or null'})
        company.webhook_url = url or None
        return ok(_info(rt, company))

    async def put_credits(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        credits = body.get("credits")
        if isinstance(credits, bool) or not isinstance(credits, int) or credits < 0:
            raise invalid({"credits": '"credits" must be an integer greater than or equal to 0'})
        company.credits = credits
        return ok(_info(rt, company))

    return [
        Route("/info", info, methods=["GET"]),
        Route("/jobs/{jobId}/criteria", set_criteria, methods=["PUT"]),
        Route("/faults", get_faults, methods=["GET"]),
        Route("/faults", put_faults, methods=["PUT"]),
        Route("/webhook", put_webhook, methods=["PUT"]),
        Route("/credits", put_credits, methods=["PUT"]),
    ]


def _info(rt: Runtime, company: Company) -> dict[str, object]:
    return {
        "companyId": company.id,
        "companyName": company.name,
        "credits": company.credits,
        "webhookUrl": company.webhook_url,
        "jobIds": sorted(company.jobs),
        "bigJobId": rt.big_job_id if company is rt.default else None,
        "candidateCount": len(company.candidates),
        "jobCandidateCount": len(company.job_candidates),
        "faults": rt.faults.as_dict(),
    }
