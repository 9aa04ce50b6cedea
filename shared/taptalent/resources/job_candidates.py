"""``client.job_candidates``: candidates in a job, their stages, and changes to them."""

from __future__ import annotations

import builtins
import functools
from collections.abc import AsyncIterator, Iterable
from typing import Any

from pydantic import ValidationError

from shared.taptalent._limits import (
    BULK_FETCH_MAX_IDS,
    LIST_PER_PAGE,
    check_page,
    check_per_page_choice,
    check_per_page_range,
    check_resume_urls,
    check_score,
    chunked,
    unique_ids,
    wire_id,
    wire_ids,
)
from shared.taptalent.errors import RequestLimitError
from shared.taptalent.models import (
    BulkUploadResult,
    Id,
    JobCandidate,
    JobCandidatePage,
    JobCandidateUpdate,
    StageCandidatePage,
    StageMoveResult,
    is_envelope,
    unwrap_data,
)
from shared.taptalent.pagination import gather_limited, ordered_concurrent
from shared.taptalent.resources._base import (
    DateLike,
    OrderBy,
    OrderColumn,
    Resource,
    iso,
    parse,
    parse_list,
    segment,
)
from shared.taptalent.resources.candidates import in_order


class JobCandidates(Resource):
    async def list(
        self,
        job_id: Id,
        *,
        page: int = 1,
        per_page: int = 20,
        stage_id: Id | None = None,
        score_min: float | None = None,
        score_max: float | None = None,
        order_column: OrderColumn | None = None,
        order_by: OrderBy | None = None,
        exclude_rejected: bool | None = None,
    ) -> JobCandidatePage:
        """One page of a job's candidates (``perPage`` one of 10, 20, 40, 80, 100).

        ``score_min``/``score_max`` (0..100, inclusive) leave out candidates not scored yet.
        """
        check_page(page)
        check_per_page_choice(per_page, LIST_PER_PAGE)
        check_score(score_min, "resumeScoreMin")
        check_score(score_max, "resumeScoreMax")
        if score_min is not None and score_max is not None and score_min > score_max:
            raise RequestLimitError(
                f"resumeScoreMin ({score_min:g}) must not be greater than "
                f"resumeScoreMax ({score_max:g})."
            )
        path = f"/job-candidates/job/{segment(job_id)}/candidates"
        params = {
            "page": page,
            "perPage": per_page,
            "stageId": None if stage_id is None else str(stage_id),
            "resumeScoreMin": score_min,
            "resumeScoreMax": score_max,
            "orderColumn": order_column,
            "orderBy": order_by,
            "excludeRejected": exclude_rejected,
        }
        body = await self._get(path, params)
        return parse(JobCandidatePage, unwrap_data(body), f"GET {path}")

    async def iter(
        self,
        job_id: Id,
        *,
        per_page: int = 100,
        concurrency: int = 4,
        stage_id: Id | None = None,
        score_min: float | None = None,
        score_max: float | None = None,
        order_column: OrderColumn | None = None,
        order_by: OrderBy | None = None,
        exclude_rejected: bool | None = None,
    ) -> AsyncIterator[JobCandidate]:
        """Every candidate of the job, in the server's order.

        The first page is fetched alone; when it reports ``totalPages``, the remaining pages
        are fetched ``concurrency`` at a time and yielded in order. Without totals, pages
        are walked one by one until a short page.
        """
        if concurrency < 1:
            raise RequestLimitError(f"concurrency must be at least 1 (got {concurrency!r}).")
        fetch = functools.partial(
            self.list,
            job_id,
            per_page=per_page,
            stage_id=stage_id,
            score_min=score_min,
            score_max=score_max,
            order_column=order_column,
            order_by=order_by,
            exclude_rejected=exclude_rejected,
        )
        first = await fetch(page=1)
        for item in first.candidates:
            yield item
        total_pages = first.pagination.total_pages if first.pagination else None
        if total_pages is not None:

            async def page_items(number: int) -> builtins.list[JobCandidate]:
                return (await fetch(page=number)).candidates

            pages = range(2, total_pages + 1)
            async for item in ordered_concurrent(pages, page_items, concurrency=concurrency):
                yield item
            return
        number, last = 1, first
        while len(last.candidates) + last.skipped >= per_page:
            number += 1
            last = await fetch(page=number)
            for item in last.candidates:
                yield item

    async def bulk_fetch(self, ids: Iterable[Id]) -> builtins.list[JobCandidate]:
        """Job candidates by id, in the order asked (repeats once); unknown ids left out."""
        wanted = unique_ids(ids, "jobCandidateIds")
        path = "/job-candidates/bulk-fetch"

        async def fetch(chunk: builtins.list[Id]) -> builtins.list[JobCandidate]:
            body = await self._post(path, {"jobCandidateIds": wire_ids(chunk)}, idempotent=True)
            return parse_list(JobCandidate, unwrap_data(body), f"POST {path}")

        chunks = [builtins.list(c) for c in chunked(wanted, BULK_FETCH_MAX_IDS)]
        calls = [functools.partial(fetch, chunk) for chunk in chunks]
        pages = await gather_limited(calls, concurrency=self._client.max_concurrency)
        return in_order(wanted, [item for page in pages for item in page])

    async def bulk_upload_resumes(self, job_id: Id, urls: Iterable[str]) -> BulkUploadResult:
        """Parse up to 5,000 resumes into the job (webhooks follow the batch)."""
        body = {"jobId": wire_id(job_id), "resumeURLs": check_resume_urls(urls)}
        answer = await self._post("/job-candidates/bulk/resume", body, idempotent=False)
        return parse(BulkUploadResult, unwrap_data(answer), "POST /job-candidates/bulk/resume")

    async def by_stage_type(
        self,
        stage_type: str,
        *,
        job_id: Id | None = None,
        hired_at: DateLike | None = None,
        hired_at_gte: DateLike | None = None,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        page: int = 1,
        per_page: int = 20,
        order_column: OrderColumn | None = None,
        order_by: OrderBy | None = None,
    ) -> StageCandidatePage:
        """Candidates in every stage of this type (SCREEN, HIRED, ...) across pipelines."""
        if not stage_type or not stage_type.strip():
            raise RequestLimitError("type is required: a stage type such as SCREEN or HIRED.")
        params = {
            "type": stage_type.strip().upper(),
            "hiredAt": iso(hired_at),
            "hiredAtGte": iso(hired_at_gte),
        }
        return await self._stage_page(
            "/job-candidates/stage",
            params,
            job_id=job_id,
            start_date=start_date,
            end_date=end_date,
            page=page,
            per_page=per_page,
            order_column=order_column,
            order_by=order_by,
        )

    async def by_stage_id(
        self,
        stage_id: Id,
        *,
        job_id: Id | None = None,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        page: int = 1,
        per_page: int = 20,
        order_column: OrderColumn | None = None,
        order_by: OrderBy | None = None,
    ) -> StageCandidatePage:
        """Candidates in one pipeline stage."""
        return await self._stage_page(
            f"/job-candidates/stage/{segment(stage_id)}/candidates",
            {},
            job_id=job_id,
            start_date=start_date,
            end_date=end_date,
            page=page,
            per_page=per_page,
            order_column=order_column,
            order_by=order_by,
        )

    async def _stage_page(
        self,
        path: str,
        params: dict[str, Any],
        *,
        job_id: Id | None,
        start_date: DateLike | None,
        end_date: DateLike | None,
        page: int,
        per_page: int,
        order_column: str | None,
        order_by: str | None,
    ) -> StageCandidatePage:
        check_page(page)
        check_per_page_range(per_page)
        query = {
            **params,
            "jobId": None if job_id is None else str(job_id),
            "startDate": iso(start_date),
            "endDate": iso(end_date),
            "page": page,
            "perPage": per_page,
            "orderColumn": order_column,
            "orderBy": order_by,
        }
        body = await self._get(path, query)
        # Documented at the top level; some answers wrap it in "data" (with or without status).
        if isinstance(body, dict) and "candidates" not in body:
            body = unwrap_data(body)
        return parse(StageCandidatePage, body, f"GET {path}")

    async def update(self, job_candidate_id: Id, changes: JobCandidateUpdate) -> JobCandidate:
        """Change application fields (notice period, CTC, relocation); only set fields go.

        A 2xx is the change made. When the answer carries no record (only ``status`` and
        ``message``), the result is the job candidate id with the fields that were sent.
        """
        path = f"/job-candidates/{segment(job_candidate_id)}"
        sent = {**changes.to_body(), "id": wire_id(job_candidate_id)}
        record = written_record(await self._patch(path, changes.to_body()))
        try:
            return JobCandidate.model_validate({**sent, **(record or {})})
        except ValidationError:
            return JobCandidate.model_validate(sent)  # a 2xx is the change made

    async def delete(self, job_candidate_id: Id) -> None:
        """Remove the candidate from the job (the profile stays in the pool)."""
        await self._delete(f"/job-candidates/{segment(job_candidate_id)}")

    async def move(self, job_candidate_id: Id, stage_id: Id) -> StageMoveResult:
        """Move to another stage of the job's pipeline; status becomes ``IN_PROGRESS``.

        A 2xx is the move made. When the answer carries no record (only ``status`` and
        ``message``, or nothing), the result says so from what was sent.
        """
        path = f"/job-candidates/{segment(job_candidate_id)}/stage"
        body = await self._put(path, {"stageId": wire_id(stage_id)})
        # Documented: a moved candidate's status becomes IN_PROGRESS.
        sent = {"id": wire_id(job_candidate_id), "stageId": wire_id(stage_id)}
        sent["status"] = "IN_PROGRESS"
        try:
            return StageMoveResult.model_validate({**sent, **(written_record(body) or {})})
        except ValidationError:
            return StageMoveResult.model_validate(sent)


def written_record(body: Any) -> dict[str, Any] | None:
    """The record a write answered with, or None when it answered without one (``{"status":
    "success", "message": ...}``, an empty body, an odd shape): the write happened all the
    same, so what was sent stands in for it."""
    record = body["data"] if is_envelope(body) else body
    if not isinstance(record, dict) or record.keys() <= {"status", "success", "message", "code"}:
        return None
    return {k: v for k, v in record.items() if v is not None}
