"""GET /assessment and GET /assessment/:assessmentId."""

from __future__ import annotations

import math

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.errors import not_found
from shared.sandbox.routes.common import authenticate, ok, page_slice
from shared.sandbox.runtime import Runtime


def routes(rt: Runtime) -> list[Route]:
    async def list_assessments(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        problems = v.Problems()
        page = v.query_int(request.query_params, "pageNumber", 1, problems)
        per_page = v.query_int(request.query_params, "perPage", 10, problems, maximum=100)
        problems.raise_if_any()
        everything = sorted(company.assessments.values(), key=lambda a: -a.id)
        shown = [serializer.assessment(a, False) for a in page_slice(everything, page, per_page)]
        total = len(everything)
        pagination = {
            "pageNumber": page,
            "perPage": per_page,
            "total": total,
            "totalPages": math.ceil(total / per_page) if total else 0,
        }
        return ok({"status": "success", "data": {"assessments": shown, "pagination": pagination}})

    async def get_assessment(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        found = company.assessments.get(v.path_id(request, "assessmentId"))
        if found is None:
            raise not_found("Assessment")
        return ok({"status": "success", "data": serializer.assessment(found, True)})

    return [
        Route("/assessment", list_assessments, methods=["GET"]),
        Route("/assessment/{assessmentId}", get_assessment, methods=["GET"]),
    ]
