"""GET /jobs, GET /jobs/:jobId, POST /jobs."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.clock import now_ms
from shared.sandbox.data import make_default_pipeline
from shared.sandbox.models import Criterion, Job
from shared.sandbox.routes.common import authenticate, find_job, ok, page_slice
from shared.sandbox.runtime import Runtime

JOB_PAGE_SIZES = (10, 20, 40, 80, 100)
SALARY_FIELDS = ("salaryRangeFrom", "salaryRangeTo", "salaryCurrency")


def routes(rt: Runtime) -> list[Route]:
    async def list_jobs(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        problems = v.Problems()
        page = v.query_int(request.query_params, "pageNumber", 1, problems)
        per_page = v.query_int(
            request.query_params, "perPage", 20, problems, choices=JOB_PAGE_SIZES
        )
        problems.raise_if_any()
        jobs = company.jobs_newest_first()
        return ok(
            {
                "jobs": rt.speaker.jobs(
                    serializer.job(company, j, False) for j in page_slice(jobs, page, per_page)
                ),
                "totalJobs": len(jobs),
            }
        )

    async def get_job(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        job = find_job(company, v.path_id(request, "jobId"))
        return ok(rt.speaker.job(serializer.job(company, job, True)))

    async def create_job(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        job = _job_from_body(rt, body)
        company.add_job(job)
        return ok(rt.speaker.job(serializer.job(company, job, True)))

    return [
        Route("/jobs", list_jobs, methods=["GET"]),
        Route("/jobs", create_job, methods=["POST"]),
        Route("/jobs/{jobId}", get_job, methods=["GET"]),
    ]


def _job_from_body(rt: Runtime, body: dict[str, Any]) -> Job:
    problems = v.Problems()
    title = v.text(body, "title", problems, required=True, minimum=3, maximum=500)
    city = v.text(body, "city", problems, required=True, maximum=200)
    state = v.text(body, "state", problems, required=True, maximum=200)
    country = v.text(body, "country", problems, required=True, maximum=200)
    description = v.text(body, "description", problems, maximum=10_000)
    status = v.choice(body, "status", ("DRAFT", "ACTIVE"), "DRAFT", problems)
    work_mode = v.choice(body, "workMode", ("ONSITE", "REMOTE", "HYBRID"), "ONSITE", problems)
    contract_type = v.text(body, "contractType", problems, maximum=100)
    years = v.body_number(body, "yearOfExperience", problems, maximum=50, integer=True)
    questions = _screening_questions(body, problems)
    salary_from, salary_to, currency = _salary(body, problems)
    criteria: list[tuple[str, str]] = []
    if body.get("criterionDetails") is not None:
        criteria = v.criteria_list(body["criterionDetails"], "criterionDetails", problems) or []
    problems.raise_if_any()
    assert title is not None and city is not None and state is not None and country is not None
    job_id = rt.ids.take("job")
    return Job(
        id=job_id,
        title=title,
        description=description or "",
        city=city,
        state=state,
        country=country,
        pipeline_id=rt.ids.take("pipeline"),
        status=status,
        work_mode=work_mode,
        created_ms=now_ms(),
        salary_from=salary_from,
        salary_to=salary_to,
        salary_currency=currency,
        contract_type=contract_type,
        years=int(years) if years is not None else None,
        criteria=tuple(Criterion(c, level) for c, level in criteria),
        stages=make_default_pipeline(rt.ids, job_id),
        screening_questions=questions,
    )


def _screening_questions(body: dict[str, Any], problems: v.Problems) -> list[dict[str, str]]:
    value = body.get("screeningQuestion")
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add("screeningQuestion", '"screeningQuestion" must be an array')
        return []
    if len(value) > 5:
        problems.add(
            "screeningQuestion", '"screeningQuestion" must contain less than or equal to 5 items'
        )
        return []
    questions = []
    for position, item in enumerate(value):
        question = item.get("question") if isinstance(item, dict) else None
        # "type" may be left out: "text" is the only documented type.
        if not isinstance(item, dict) or item.get("type", "text") != "text":
            problems.add(
                "screeningQuestion", f'"screeningQuestion[{position}].type" must be [text]'
            )
            return []
        if not isinstance(question, str) or not question.strip():
            problems.add(
                "screeningQuestion",
                f'"screeningQuestion[{position}].question" is not allowed to be empty',
            )
            return []
        questions.append({"type": "text", "question": question})
    return questions


def _salary(
    body: dict[str, Any], problems: v.Problems
) -> tuple[int | None, int | None, str | None]:
    present = [name for name in SALARY_FIELDS if body.get(name) is not None]
    if not present:
        return None, None, None
    if len(present) < len(SALARY_FIELDS):
        for name in SALARY_FIELDS:
            if name not in present:
                problems.add(
                    name, f'"{name}" is required when any of [{", ".join(SALARY_FIELDS)}] is set'
                )
        return None, None, None
    low = v.body_number(body, "salaryRangeFrom", problems)
    high = v.body_number(body, "salaryRangeTo", problems)
    currency = v.text(body, "salaryCurrency", problems, required=True, minimum=3, maximum=3)
    if low is not None and high is not None and low > high:
        problems.add(
            "salaryRangeFrom", '"salaryRangeFrom" must be less than or equal to "salaryRangeTo"'
        )
    if low is None or high is None:
        return None, None, None
    return int(low), int(high), currency.upper() if currency else None
