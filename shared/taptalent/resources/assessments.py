"""``client.assessments``: every assessment endpoint seed 003 lists.

List, create a voice interview, get, update, add/update/delete a question, auto-generate,
generate questions, invite, and the candidates who completed. Only the list is documented
in full; the request bodies are tt's **choice** (docs/partner-api.md), sent exactly as the
contract (`docs/partner-api.openapi.yaml`) types them.

Creating, generating and inviting start something on TapTalent's side, so they are not
repeated after an answer that may have been lost (only after a refused connection or a
429); updates and deletes are.
"""

from __future__ import annotations

import builtins
import math
from datetime import datetime
from typing import Any

from shared.taptalent._limits import check_page, check_per_page_range, wire_id
from shared.taptalent.errors import RequestLimitError
from shared.taptalent.models import Id, unwrap_data
from shared.taptalent.models.assessments import (
    Assessment,
    AssessmentCreate,
    AssessmentFields,
    AssessmentPage,
    AutoGenerate,
    Invitation,
    InviteRequest,
    QuestionInput,
    Submission,
    SubmissionPage,
    readable_page,
)
from shared.taptalent.resources._base import Resource, parse, segment

QUESTION_COUNT_MAX = 50


class Assessments(Resource):
    async def list(self, page_number: int = 1, per_page: int = 20) -> AssessmentPage:
        check_page(page_number, "pageNumber")
        check_per_page_range(per_page)
        body = await self._get("/assessment", {"pageNumber": page_number, "perPage": per_page})
        page = readable_page(unwrap_data(body), "assessments", Assessment)
        return parse(AssessmentPage, page, "GET /assessment")

    async def all(self, per_page: int = 100) -> builtins.list[Assessment]:
        """Every assessment, page after page (a page shorter than asked ends it)."""
        found: builtins.list[Assessment] = []
        page_number = 1
        while True:
            page = await self.list(page_number, per_page)
            found.extend(page.assessments)
            total_pages = page.pagination.total_pages if page.pagination else None
            read = len(page.assessments) + page.skipped
            if read < per_page or (total_pages is not None and page_number >= total_pages):
                return found
            page_number += 1

    async def get(self, assessment_id: Id) -> Assessment:
        """One assessment with its ``questions``."""
        path = f"/assessment/{segment(assessment_id)}"
        return parse(Assessment, unwrap_data(await self._get(path)), f"GET {path}")

    async def create_audio_interview(self, fields: AssessmentCreate) -> Assessment:
        path = "/assessment/audio-interviews"
        body = await self._post(path, fields.to_body(), idempotent=False)
        return parse(Assessment, unwrap_data(body), f"POST {path}")

    async def update(self, assessment_id: Id, fields: AssessmentFields) -> Assessment | None:
        """The assessment as updated; None when TapTalent answers without it."""
        body = fields.to_body()
        if not body:
            raise RequestLimitError("An assessment update needs at least one field.")
        path = f"/assessment/{segment(assessment_id)}"
        return self._maybe(Assessment, await self._put(path, body), f"PUT {path}")

    async def add_question(self, assessment_id: Id, question: QuestionInput) -> Assessment | None:
        path = f"/assessment/{segment(assessment_id)}/questions"
        answer = await self._post(path, question.to_body(), idempotent=False)
        return self._maybe(Assessment, answer, f"POST {path}")

    async def update_question(
        self, assessment_id: Id, question_id: Id, question: QuestionInput
    ) -> Assessment | None:
        path = f"/assessment/{segment(assessment_id)}/questions/{segment(question_id)}"
        return self._maybe(Assessment, await self._put(path, question.to_body()), f"PUT {path}")

    async def delete_question(self, assessment_id: Id, question_id: Id) -> None:
        await self._delete(f"/assessment/{segment(assessment_id)}/questions/{segment(question_id)}")

    async def auto_generate(self, request: AutoGenerate) -> Assessment:
        """A new assessment whose questions TapTalent writes, from a job or a role."""
        body = request.to_body()
        if "jobId" not in body and not {"hiringForRole", "purposeOfInterview"} <= body.keys():
            raise RequestLimitError(
                "Auto-generating an assessment needs a job, or a role and a purpose."
            )
        path = "/assessment/auto-generate"
        answer = await self._post(path, body, idempotent=False)
        return parse(Assessment, unwrap_data(answer), f"POST {path}")

    async def generate_questions(
        self, assessment_id: Id, question_count: int | None = None
    ) -> Assessment | None:
        if question_count is not None and not 1 <= question_count <= QUESTION_COUNT_MAX:
            raise RequestLimitError(
                f"questionCount must be between 1 and {QUESTION_COUNT_MAX} (got {question_count})."
            )
        path = f"/assessment/{segment(assessment_id)}/generate-questions"
        body = {} if question_count is None else {"questionCount": question_count}
        return self._maybe(
            Assessment, await self._post(path, body, idempotent=False), f"POST {path}"
        )

    async def invite(
        self, assessment_id: Id, *, candidate_id: Id, job_candidate_id: Id | None = None
    ) -> Invitation:
        """Invite a candidate TapTalent knows (by id): it sends the invitation e-mail."""
        request = InviteRequest.model_validate(
            {
                "candidateId": wire_id(candidate_id),
                **(
                    {}
                    if job_candidate_id is None
                    else {"jobCandidateId": wire_id(job_candidate_id)}
                ),
            }
        )
        path = f"/assessment/{segment(assessment_id)}/invite"
        answer = await self._post(path, request.to_body(), idempotent=False)
        data = unwrap_data(answer)
        return parse(Invitation, data if isinstance(data, dict) else {}, f"POST {path}")

    async def candidates(
        self, assessment_id: Id, page_number: int = 1, per_page: int = 100
    ) -> SubmissionPage:
        """One page of the candidates who completed it, with their scores."""
        check_page(page_number, "pageNumber")
        check_per_page_range(per_page)
        path = f"/assessment/{segment(assessment_id)}/candidates"
        body = await self._get(path, {"pageNumber": page_number, "perPage": per_page})
        page = readable_page(unwrap_data(body), "candidates", Submission)
        return parse(SubmissionPage, page, f"GET {path}")

    async def submission_of(
        self,
        assessment_id: Id,
        *,
        candidate_id: Id,
        job_candidate_id: Id | None = None,
        since: float | None = None,
    ) -> Submission | None:
        """The candidate's latest submission, if they have completed it (all pages read);
        with `since` (epoch seconds), only one submitted then or later (an earlier one is
        another invitation's). A submission without a date is taken as recent."""
        found: list[Submission] = []
        page_number = 1
        while True:
            page = await self.candidates(assessment_id, page_number)
            found += [s for s in page.candidates if _same_person(s, candidate_id, job_candidate_id)]
            read = len(page.candidates) + page.skipped
            total_pages = page.pagination.total_pages if page.pagination else None
            if read < 100 or (total_pages is not None and page_number >= total_pages):
                break
            page_number += 1
        recent = [s for s in found if since is None or _submitted(s) >= since]
        return max(recent, key=_submitted, default=None)

    @staticmethod
    def _maybe(model: type[Assessment], answer: Any, where: str) -> Assessment | None:
        """A write's answer: the record when it has one (a bare success says only that)."""
        data = unwrap_data(answer)
        if isinstance(data, dict) and ("assessmentId" in data or "id" in data):
            return parse(model, data, where)
        return None


def _same_person(item: Submission, candidate_id: Id, job_candidate_id: Id | None) -> bool:
    if job_candidate_id is not None and item.job_candidate_id is not None:
        return str(item.job_candidate_id) == str(job_candidate_id)
    return str(item.candidate_id) == str(candidate_id)


def _submitted(item: Submission) -> float:
    """Epoch seconds of a submission; +inf when it carries no readable date."""
    if not item.submitted_at:
        return math.inf
    try:
        return datetime.fromisoformat(item.submitted_at.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return math.inf
