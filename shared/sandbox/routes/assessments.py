"""Assessments: list, get, create a voice interview, update, auto-generate, and generate
questions. Request bodies are tt's **choice** (docs/partner-api.md); the validation is the
contract's (`docs/partner-api.openapi.yaml`), answered with the documented 400 envelope.
Questions, invitations and submissions are in `assessment_invites.py`."""

from __future__ import annotations

import math
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.assessing import (
    DEFAULT_QUESTION_COUNT,
    generated_assessment,
    make_questions,
    question_texts,
)
from shared.sandbox.clock import now_ms
from shared.sandbox.errors import invalid, not_found
from shared.sandbox.models import Assessment
from shared.sandbox.routes.common import authenticate, find_job, ok, page_slice
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company

NO_SOURCE = "The assessment has neither a job nor a role to write questions from"
FIELDS = frozenset(
    {"testName", "jobId", "hiringForRole", "purposeOfInterview", "duration", "aiLanguage", "skills"}
)


def find_assessment(company: Company, request: Request) -> Assessment:
    found = company.assessments.get(v.path_id(request, "assessmentId"))
    if found is None:
        raise not_found("Assessment")
    return found


def unknown_fields(body: dict[str, Any], allowed: frozenset[str], problems: v.Problems) -> None:
    for name in body:
        if name not in allowed:
            problems.add(name, f'"{name}" is not allowed')


def question_count(body: dict[str, Any], problems: v.Problems) -> int:
    count = v.body_number(body, "questionCount", problems, minimum=1, maximum=50, integer=True)
    return DEFAULT_QUESTION_COUNT if count is None else int(count)


def _fields(
    rt: Runtime, company: Company, body: dict[str, Any], *, creating: bool
) -> dict[str, Any]:
    """The assessment fields of a create or update body, checked as the contract types them."""
    problems = v.Problems()
    unknown_fields(body, FIELDS, problems)
    if not creating and not body:
        problems.add("body", "Request body must have at least 1 key")
    found: dict[str, Any] = {
        "test_name": v.text(body, "testName", problems, required=creating, minimum=1, maximum=200),
        "hiring_for_role": v.text(body, "hiringForRole", problems, minimum=1, maximum=200),
        "purpose_of_interview": v.text(
            body, "purposeOfInterview", problems, minimum=1, maximum=2000
        ),
        "ai_language": v.text(body, "aiLanguage", problems, minimum=2, maximum=35),
    }
    duration = v.body_number(body, "duration", problems, minimum=1, maximum=180, integer=True)
    job_id = v.body_id(body, "jobId", problems, required=False, strict=rt.speaker.strict_ids)
    skills = body.get("skills")
    if skills is not None and (
        not isinstance(skills, list)
        or len(skills) > 50
        or not all(isinstance(s, str) and 1 <= len(s) <= 100 for s in skills)
    ):
        problems.add("skills", '"skills" must be an array of up to 50 texts of 1 to 100 characters')
    problems.raise_if_any()
    if job_id is not None:
        find_job(company, job_id)
        found["job_id"] = job_id
    if duration is not None:
        found["duration_minutes"] = int(duration)
    if skills is not None:
        found["skills"] = list(skills)
    return {key: value for key, value in found.items() if value is not None}


def routes(rt: Runtime) -> list[Route]:
    def answer(company: Company, record: Assessment, questions: bool = True) -> JSONResponse:
        return ok(rt.speaker.newer(serializer.assessment(record, questions, company.id)))

    async def list_assessments(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        problems = v.Problems()
        page = v.query_int(request.query_params, "pageNumber", 1, problems)
        per_page = v.query_int(request.query_params, "perPage", 10, problems, maximum=100)
        problems.raise_if_any()
        everything = sorted(company.assessments.values(), key=lambda a: -a.id)
        shown = [
            serializer.assessment(a, False, company.id)
            for a in page_slice(everything, page, per_page)
        ]
        total = len(everything)
        pages = math.ceil(total / per_page) if total else 0
        pagination = {"page": page, "limit": per_page, "total": total, "totalPages": pages}
        return ok(rt.speaker.newer({"assessments": shown, "pagination": pagination}))

    async def get_assessment(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        return answer(company, find_assessment(company, request))

    async def create(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        fields = _fields(rt, company, await v.json_object(request), creating=True)
        now = now_ms()
        record = Assessment(
            id=rt.ids.take("assessment"),
            job_id=fields.pop("job_id", 0),
            test_name=fields.pop("test_name"),
            status="ACTIVE",
            duration_minutes=fields.pop("duration_minutes", 15),
            created_ms=now,
            submission_count=0,
            url=f"https://assess.taptalent.io/i/new{now:x}",
            questions=[],
            updated_ms=now,
            **fields,
        )
        company.assessments[record.id] = record
        return answer(company, record)

    async def update(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        for name, value in _fields(
            rt, company, await v.json_object(request), creating=False
        ).items():
            setattr(record, name, value)
        record.updated_ms = now_ms()
        return answer(company, record)

    async def auto_generate(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        body = await v.json_object(request)
        problems = v.Problems()
        unknown_fields(
            body,
            frozenset({"jobId", "hiringForRole", "purposeOfInterview", "questionCount"}),
            problems,
        )
        job_id = v.body_id(body, "jobId", problems, required=False, strict=rt.speaker.strict_ids)
        role = v.text(body, "hiringForRole", problems, minimum=1, maximum=200)
        purpose = v.text(body, "purposeOfInterview", problems, minimum=1, maximum=2000)
        count = question_count(body, problems)
        if job_id is None and not (role and purpose):
            problems.add(
                "jobId",
                '"jobId" is required unless "hiringForRole" and "purposeOfInterview" are given',
            )
        problems.raise_if_any()
        job = find_job(company, job_id) if job_id is not None else None
        record = generated_assessment(rt.ids, company, job, role=role, purpose=purpose, count=count)
        company.assessments[record.id] = record
        return answer(company, record)

    async def generate_questions(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        body = await v.json_object(request)
        problems = v.Problems()
        unknown_fields(body, frozenset({"questionCount"}), problems)
        count = question_count(body, problems)
        problems.raise_if_any()
        job = company.jobs.get(record.job_id)
        if job is None and not record.hiring_for_role:
            raise invalid({"assessmentId": NO_SOURCE})
        known = {q["question"] for q in record.questions}
        fresh = [
            t
            for t in question_texts(
                job.criteria if job else (), record.hiring_for_role, count + len(known)
            )
            if t not in known
        ]
        record.questions.extend(make_questions(rt.ids, fresh[:count], len(record.questions) + 1))
        record.updated_ms = now_ms()
        return answer(company, record)

    return [
        Route("/assessment", list_assessments, methods=["GET"]),
        Route("/assessment/audio-interviews", create, methods=["POST"]),
        Route("/assessment/auto-generate", auto_generate, methods=["POST"]),
        Route("/assessment/{assessmentId}", get_assessment, methods=["GET"]),
        Route("/assessment/{assessmentId}", update, methods=["PUT"]),
        Route(
            "/assessment/{assessmentId}/generate-questions", generate_questions, methods=["POST"]
        ),
    ]
