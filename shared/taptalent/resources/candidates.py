"""``client.candidates``: the company's candidate pool."""

from __future__ import annotations

import builtins
import functools
from collections.abc import AsyncIterator, Iterable
from typing import Any

from shared.taptalent._limits import (
    BULK_FETCH_MAX_IDS,
    check_page,
    check_per_page_range,
    check_resume_urls,
    chunked,
    unique_ids,
)
from shared.taptalent.models import (
    BulkUploadResult,
    Candidate,
    CandidatePage,
    Id,
    unwrap_data,
)
from shared.taptalent.pagination import gather_limited
from shared.taptalent.resources._base import Resource, camel_filters, parse, parse_list, segment


class Candidates(Resource):
    async def list(self, page: int = 1, per_page: int = 20, **filters: Any) -> CandidatePage:
        """One page of the pool (``perPage`` 1..100). Extra ``filters`` become query
        parameters (``snake_case`` names are sent in ``camelCase``; ``None`` is left out)."""
        check_page(page)
        check_per_page_range(per_page)
        params = {**camel_filters(filters), "page": page, "perPage": per_page}
        body = await self._get("/candidates/list", params)
        return parse(CandidatePage, unwrap_data(body), "GET /candidates/list")

    async def iter(self, per_page: int = 100, **filters: Any) -> AsyncIterator[Candidate]:
        """Every candidate matching ``filters``, page by page."""
        check_per_page_range(per_page)
        page_number = 1
        while True:
            page = await self.list(page=page_number, per_page=per_page, **filters)
            for candidate in page.candidates:
                yield candidate
            total_pages = page.pagination.total_pages if page.pagination else None
            if total_pages is not None:
                if page_number >= total_pages or not page.candidates:
                    return
            elif len(page.candidates) < per_page:
                return
            page_number += 1

    async def get(self, candidate_id: Id) -> Candidate:
        path = f"/candidates/{segment(candidate_id)}"
        return parse(Candidate, unwrap_data(await self._get(path)), f"GET {path}")

    async def bulk_fetch(self, ids: Iterable[Id]) -> builtins.list[Candidate]:
        """Candidates by id, in the order asked (repeats once); unknown ids are left out.

        Sent in chunks of 100, several at a time.
        """
        wanted = unique_ids(ids, "candidateIds")
        path = "/candidates/bulk-fetch"

        async def fetch(chunk: builtins.list[Id]) -> builtins.list[Candidate]:
            body = await self._post(path, {"candidateIds": chunk}, idempotent=True)
            return parse_list(Candidate, unwrap_data(body), f"POST {path}")

        chunks = [builtins.list(c) for c in chunked(wanted, BULK_FETCH_MAX_IDS)]
        calls = [functools.partial(fetch, chunk) for chunk in chunks]
        pages = await gather_limited(calls, concurrency=self._client.max_concurrency)
        return in_order(wanted, [item for page in pages for item in page])

    async def bulk_upload_resumes(self, urls: Iterable[str]) -> BulkUploadResult:
        """Parse up to 5,000 resumes into the pool; follow the returned ``batch_id``."""
        body = {"resumeURLs": check_resume_urls(urls)}
        answer = await self._post("/candidates/bulk/resume", body, idempotent=False)
        return parse(BulkUploadResult, unwrap_data(answer), "POST /candidates/bulk/resume")

    async def batch(self, batch_id: Id, page: int = 1, per_page: int = 20) -> CandidatePage:
        """Candidates parsed from one upload batch, with ``batch_status``."""
        check_page(page)
        check_per_page_range(per_page)
        path = f"/candidates/batch/{segment(batch_id)}"
        body = await self._get(path, {"page": page, "perPage": per_page})
        return parse(CandidatePage, unwrap_data(body), f"GET {path}")


def in_order(wanted: builtins.list[Id], found: Iterable[Any]) -> builtins.list[Any]:
    """``found`` (objects with ``.id``) rearranged in the order of ``wanted``."""
    by_id = {str(item.id).strip(): item for item in found}
    return [by_id[key] for key in (str(i).strip() for i in wanted) if key in by_id]
