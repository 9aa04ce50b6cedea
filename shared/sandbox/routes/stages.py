"""Candidates by stage type and by stage id, with date filters."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.catalog import STAGE_TYPES
from shared.sandbox.clock import DAY_MS, parse_iso
from shared.sandbox.errors import not_found
from shared.sandbox.models import JobCandidate
from shared.sandbox.routes.common import authenticate, find_job, ok, page_slice
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import (
    ORDER_COLUMNS,
    ORDER_DIRECTIONS,
    CandidateFilter,
    Company,
    sort_job_candidates,
)

Keep = Callable[[JobCandidate], bool]


def routes(rt: Runtime) -> list[Route]:
    async def by_type(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        params = request.query_params
        problems = v.Problems()
        stage_type = params.get("type", "").strip().upper()
        if not stage_type:
            problems.add("type", '"type" is required')
        elif stage_type not in STAGE_TYPES:
            problems.add("type", f'"type" must be one of [{", ".join(STAGE_TYPES)}]')
        job_id = v.query_optional_id(params, "jobId", problems)
        page, per_page, column, direction = _paging(params, problems)
        keep = _date_filter(params, problems, with_hire_dates=True)
        problems.raise_if_any()
        jobs = [find_job(company, job_id)] if job_id else list(company.jobs.values())
        found: list[JobCandidate] = []
        for job in jobs:
            stage_ids = {s.id for s in job.stages if s.type == stage_type}
            members = company.job_candidates_of(job.id).values()
            found.extend(jc for jc in members if jc.stage_id in stage_ids and keep(jc))
        ordered = sort_job_candidates(found, column, direction)
        return _answer(rt, company, ordered, page, per_page)

    async def by_stage_id(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        stage_id = v.path_id(request, "stageId")
        params = request.query_params
        problems = v.Problems()
        job_id = v.query_optional_id(params, "jobId", problems)
        page, per_page, column, direction = _paging(params, problems)
        keep = _date_filter(params, problems, with_hire_dates=False)
        problems.raise_if_any()
        stage = company.stages.get(stage_id)
        if stage is None:
            raise not_found("Stage")
        found: list[JobCandidate] = []
        if job_id is None or job_id == stage.job_id:
            in_stage = company.job_index[stage.job_id].query(
                column, direction, CandidateFilter(stage_id=stage_id)
            )
            found = [jc for jc in in_stage if keep(jc)]
        return _answer(rt, company, found, page, per_page)

    return [
        Route("/job-candidates/stage", by_type, methods=["GET"]),
        Route("/job-candidates/stage/{stageId}/candidates", by_stage_id, methods=["GET"]),
    ]


def _paging(params: Mapping[str, str], problems: v.Problems) -> tuple[int, int, str, str]:
    page = v.query_int(params, "page", 1, problems)
    per_page = v.query_int(params, "perPage", 20, problems, maximum=100)
    column = v.query_choice(params, "orderColumn", ORDER_COLUMNS, "createdAt", problems)
    direction = v.query_choice(params, "orderBy", ORDER_DIRECTIONS, "DESC", problems)
    return page, per_page, column, direction


def _answer(
    rt: Runtime, company: Company, ordered: list[JobCandidate], page: int, per_page: int
) -> JSONResponse:
    shown = [rt.renderer.stage_item(company, jc) for jc in page_slice(ordered, page, per_page)]
    # Top level, as TapTalent documents it for the stage endpoints (no "data" wrapper).
    return ok(rt.speaker.stage_page(shown, serializer.pagination(page, per_page, len(ordered))))


def _date_filter(params: Mapping[str, str], problems: v.Problems, *, with_hire_dates: bool) -> Keep:
    """startDate/endDate filter on the application's createdAt; hiredAt takes precedence."""
    tests: list[Keep] = []
    moments: dict[str, tuple[int, bool]] = {}
    names = ("hiredAt", "hiredAtGte", "startDate", "endDate") if with_hire_dates else ()
    for name in names or ("startDate", "endDate"):
        raw = params.get(name)
        if raw:
            parsed = parse_iso(raw)
            if parsed is None:
                problems.add(name, f'"{name}" must be a valid ISO 8601 date')
            else:
                moments[name] = parsed
    if "hiredAt" in moments:
        at, date_only = moments["hiredAt"]
        low, high = (at, at + DAY_MS) if date_only else (at - at % 1000, at - at % 1000 + 1000)
        tests.append(lambda jc: jc.hired_ms is not None and low <= jc.hired_ms < high)
    if "hiredAtGte" in moments:
        gte = moments["hiredAtGte"][0]
        tests.append(lambda jc: jc.hired_ms is not None and jc.hired_ms >= gte)
    if "startDate" in moments and "hiredAt" not in moments:
        start = moments["startDate"][0]
        tests.append(lambda jc: jc.created_ms >= start)
    if "endDate" in moments:
        end, date_only = moments["endDate"]
        # A date-only end date includes that whole day.
        end_exclusive = end + DAY_MS if date_only else end + 1
        tests.append(lambda jc: jc.created_ms < end_exclusive)
    both = "startDate" in moments and "endDate" in moments and "hiredAt" not in moments
    if both and moments["startDate"][0] > moments["endDate"][0]:
        problems.add("startDate", '"startDate" must be before or equal to "endDate"')
    return lambda jc: all(test(jc) for test in tests)
