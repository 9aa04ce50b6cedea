"""List and show assessments, and find the one a person names (by id or by name)."""

from __future__ import annotations

import asyncio
import re

from shared.actions.assessments.models import (
    AssessmentDetail,
    AssessmentsResult,
    AssessmentSummary,
    Question,
    SubmissionRow,
)
from shared.actions.convert import job_ref
from shared.actions.errors import InvalidInput, NextStep, translate
from shared.actions.jobs import fetch_job
from shared.actions.models import Id
from shared.taptalent.models import Assessment, Submission
from shared.toolkit import Toolkit

SUBMISSIONS_PAGE = 100  # the best of the first page of completions
SUBMISSIONS_SHOWN = 20
LIST_ASSESSMENTS = NextStep(("assessments",), "to see the assessments and their ids")
_WORD = re.compile(r"[a-z0-9]+")


def summarize(a: Assessment) -> AssessmentSummary:
    minutes = None if a.duration in (None, "") else f"{a.duration}"
    return AssessmentSummary(
        id=a.id,
        name=(a.test_name or "").strip() or f"Assessment {a.id}",
        job_id=a.job_id,
        status=a.status,
        kind=a.assessment_type,
        questions=a.questions_known,
        submissions=a.submission_count,
        minutes=minutes,
        url=a.assessment_url,
    )


async def every_assessment(tk: Toolkit) -> tuple[list[Assessment], int]:
    """All of the company's assessments, newest first, and how many could not be read."""
    found: list[Assessment] = []
    skipped = 0
    page_number = 1
    with translate("the assessments"):
        while True:
            page = await tk.client.assessments.list(page_number, 100)
            found.extend(page.assessments)
            skipped += page.skipped
            pages = page.pagination.total_pages if page.pagination else None
            if len(page.assessments) + page.skipped < 100 or (
                pages is not None and page_number >= pages
            ):
                return found, skipped
            page_number += 1


def of_job(assessments: list[Assessment], job_id: Id) -> list[Assessment]:
    return [a for a in assessments if a.job_id is not None and str(a.job_id) == str(job_id)]


async def list_assessments(tk: Toolkit, job: Id | None = None) -> AssessmentsResult:
    """The company's assessments with their submission counts; only one job's with `job`."""
    ref = None
    if job is None:
        everything, skipped = await every_assessment(tk)
    else:  # both at once: one round trip
        found, (everything, skipped) = await asyncio.gather(
            fetch_job(tk, job), every_assessment(tk)
        )
        ref = job_ref(found)
        everything = of_job(everything, ref.id)
    return AssessmentsResult(
        assessments=[summarize(a) for a in everything], job=ref, skipped=skipped
    )


async def get_assessment(tk: Toolkit, assessment_id: Id) -> AssessmentDetail:
    """One assessment with its questions in order, and the best of the candidates who
    completed it (asked for together: one round trip)."""
    with translate(f"assessment {assessment_id}", not_found_step=LIST_ASSESSMENTS):
        found, done = await asyncio.gather(
            tk.client.assessments.get(assessment_id),
            tk.client.assessments.candidates(assessment_id, 1, SUBMISSIONS_PAGE),
        )
    ranked = sorted(done.candidates, key=lambda s: (s.score is None, -(s.score or 0.0)))
    total = done.pagination.total if done.pagination and done.pagination.total else None
    readable = found.question_list()
    questions = [
        Question(id=q.question_id, order=n, text=q.question.strip(), seconds=q.duration_seconds)
        for n, q in enumerate(readable, start=1)
    ]
    return AssessmentDetail(
        assessment=summarize(found),
        role=found.hiring_for_role,
        purpose=found.purpose_of_interview,
        language=found.ai_language,
        skills=list(found.skills or []),
        questions=questions,
        unreadable_questions=len(found.questions or []) - len(readable),
        submissions=[_submission(s) for s in ranked[:SUBMISSIONS_SHOWN]],
        submissions_total=total or len(done.candidates) + done.skipped,
    )


def _submission(s: Submission) -> SubmissionRow:
    name = " ".join(p for p in (s.first_name, s.last_name) if p and p.strip()).strip()
    return SubmissionRow(
        job_candidate_id=s.job_candidate_id,
        candidate_id=s.candidate_id,
        name=name or f"Candidate {s.candidate_id or s.job_candidate_id or '?'}",
        score=s.score,
        summary=s.summary,
        submitted_at=s.submitted_at,
    )


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _listed(choices: list[Assessment]) -> str:
    return "; ".join(f'{a.id} "{summarize(a).name}"' for a in choices)


def choose(assessments: list[Assessment], wanted: str, *, job_id: Id | None) -> Assessment:
    """The assessment `wanted` names: its id, else its name (any case), else the one whose
    name has every word typed (the job's own first). Ambiguous or unknown: a sentence
    listing the choices."""
    text = wanted.strip()
    by_id = [a for a in assessments if str(a.id) == text]
    if by_id:
        return by_id[0]
    folded = text.casefold()
    exact = [a for a in assessments if summarize(a).name.casefold() == folded]
    typed = _words(text)
    found = exact or [a for a in assessments if typed and typed <= _words(summarize(a).name)]
    if len(found) > 1 and job_id is not None:
        found = of_job(found, job_id) or found
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidInput(
            f'"{wanted}" fits several assessments: {_listed(found)}.',
            "Give its id, or more of its name.",
            allowed=[str(a.id) for a in found],
        )
    mine = of_job(assessments, job_id) if job_id is not None else []
    shown = mine or assessments[:10]
    where = f"job {job_id}'s" if mine else "the"
    raise InvalidInput(
        f'"{wanted}" is not one of the assessments.',
        (f"Some of {where} assessments: {_listed(shown)}." if shown else "There are none yet."),
        allowed=[str(a.id) for a in shown],
        next_step=LIST_ASSESSMENTS,
    )
