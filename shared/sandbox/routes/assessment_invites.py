"""An assessment's questions (add, update, delete), its invitations, and the candidates who
completed it. Bodies and answers are tt's **choice** (docs/partner-api.md)."""

from __future__ import annotations

import math
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import serializer
from shared.sandbox import validation as v
from shared.sandbox.assessing import (
    QUESTION_SECONDS,
    invitation_data,
    run_invitation,
    submission_data,
)
from shared.sandbox.clock import now_ms
from shared.sandbox.errors import invalid, not_found
from shared.sandbox.models import Assessment, Invitation
from shared.sandbox.routes.assessments import find_assessment, unknown_fields
from shared.sandbox.routes.common import authenticate, ok, page_slice
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company

INVITE_FIELDS = frozenset({"candidateId", "jobCandidateId", "email", "firstName", "lastName"})


def _question_body(body: dict[str, Any]) -> tuple[str, int]:
    problems = v.Problems()
    unknown_fields(body, frozenset({"question", "timeLimitSeconds"}), problems)
    text = v.text(body, "question", problems, required=True, minimum=1, maximum=2000)
    seconds = v.body_number(
        body, "timeLimitSeconds", problems, minimum=10, maximum=1800, integer=True
    )
    problems.raise_if_any()
    assert text is not None
    return text, QUESTION_SECONDS if seconds is None else int(seconds)


def _question(record: Assessment, request: Request) -> dict[str, Any]:
    question_id = v.path_id(request, "questionId")
    found = next((q for q in record.questions if q["questionId"] == question_id), None)
    if found is None:
        raise not_found("Question")
    return found


def _invitee(rt: Runtime, company: Company, body: dict[str, Any]) -> tuple[int, int | None]:
    """(candidate id, job candidate id) of a valid invite body; 400/404 otherwise."""
    problems = v.Problems()
    unknown_fields(body, INVITE_FIELDS, problems)
    strict = rt.speaker.strict_ids
    candidate_id = v.body_id(body, "candidateId", problems, required=False, strict=strict)
    jc_id = v.body_id(body, "jobCandidateId", problems, required=False, strict=strict)
    email = v.text(body, "email", problems, minimum=3, maximum=320)
    v.text(body, "firstName", problems, minimum=1, maximum=200)
    v.text(body, "lastName", problems, maximum=200)
    if candidate_id is None and not (email and body.get("firstName")):
        problems.add("candidateId", '"candidateId" is required unless "email" and "firstName" are')
    problems.raise_if_any()
    if candidate_id is None:
        raise invalid({"email": "The sandbox invites only candidates it knows (send candidateId)"})
    if candidate_id not in company.candidates:
        raise not_found("Candidate")
    if jc_id is not None:
        jc = company.job_candidates.get(jc_id)
        if jc is None or jc.candidate.id != candidate_id:
            raise invalid({"jobCandidateId": '"jobCandidateId" must be this candidate in a job'})
    return candidate_id, jc_id


def routes(rt: Runtime) -> list[Route]:
    def answer(company: Company, record: Assessment) -> JSONResponse:
        return ok(rt.speaker.newer(serializer.assessment(record, True, company.id)))

    async def add_question(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        text, seconds = _question_body(await v.json_object(request))
        record.questions.append(
            {
                "questionId": rt.ids.take("question"),
                "question": text,
                "type": "AUDIO",
                "order": len(record.questions) + 1,
                "durationSeconds": seconds,
            }
        )
        record.updated_ms = now_ms()
        return answer(company, record)

    async def update_question(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        question = _question(record, request)
        text, seconds = _question_body(await v.json_object(request))
        question.update(question=text, durationSeconds=seconds)
        record.updated_ms = now_ms()
        return answer(company, record)

    async def delete_question(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        question = _question(record, request)
        record.questions.remove(question)
        for order, q in enumerate(record.questions, start=1):
            q["order"] = order
        record.updated_ms = now_ms()
        return ok({"status": "success", "message": "Question deleted"})

    async def invite(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        candidate_id, jc_id = _invitee(rt, company, await v.json_object(request))
        if record.status != "ACTIVE":
            raise invalid({"assessmentId": f"The assessment is {record.status}, not ACTIVE"})
        jc = company.job_candidates.get(jc_id) if jc_id is not None else None
        inv = Invitation(
            id=rt.ids.take("invitation"),
            assessment_id=record.id,
            candidate_id=candidate_id,
            job_candidate_id=jc_id,
            job_id=jc.job_id if jc else (record.job_id or None),
            invited_ms=now_ms(),
        )
        company.invitations[inv.id] = inv
        rt.spawn(run_invitation(rt, inv))
        body = rt.speaker.newer(invitation_data(company, inv))
        return ok({**body, "message": "Invitation sent"})

    async def candidates(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        record = find_assessment(company, request)
        problems = v.Problems()
        page = v.query_int(request.query_params, "pageNumber", 1, problems)
        per_page = v.query_int(request.query_params, "perPage", 10, problems, maximum=100)
        problems.raise_if_any()
        done = sorted(
            (i for i in company.invitations.values() if i.assessment_id == record.id),
            key=lambda i: i.id,
        )
        done = [i for i in done if i.status == "COMPLETED"]
        shown = [submission_data(company, i) for i in page_slice(done, page, per_page)]
        total = len(done)
        pages = math.ceil(total / per_page) if total else 0
        pagination = {"page": page, "limit": per_page, "total": total, "totalPages": pages}
        return ok(rt.speaker.newer({"candidates": shown, "pagination": pagination}))

    base = "/assessment/{assessmentId}"
    return [
        Route(f"{base}/questions", add_question, methods=["POST"]),
        Route(f"{base}/questions/{{questionId}}", update_question, methods=["PUT"]),
        Route(f"{base}/questions/{{questionId}}", delete_question, methods=["DELETE"]),
        Route(f"{base}/invite", invite, methods=["POST"]),
        Route(f"{base}/candidates", candidates, methods=["GET"]),
    ]
