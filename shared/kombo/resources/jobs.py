"""``client.jobs``: the ATS jobs, with their pipeline stages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from shared.kombo.models import Job
from shared.kombo.resources._base import MAX_PAGE_SIZE, Resource, listing

STATUSES = ("OPEN", "CLOSED", "DRAFT", "ARCHIVED")


class Jobs(Resource):
    def iter(
        self,
        *,
        statuses: Iterable[str] | None = None,
        name_contains: str | None = None,
        ids: Iterable[str] | None = None,
        updated_after: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
    ) -> AsyncIterator[Job]:
        """Every job matching the filters, across cursors."""
        params = {
            "statuses": listing(list(statuses) if statuses is not None else None),
            "name_contains": name_contains,
            "ids": listing(list(ids) if ids is not None else None),
            "updated_after": updated_after,
        }
        return self._iterate("/ats/jobs", Job, params, page_size)

    async def get(self, job_id: str) -> Job | None:
        """One job by Kombo id (Kombo has no single-job path: the ``ids`` filter), or None."""
        async for job in self.iter(ids=[job_id], page_size=1):
            return job
        return None
