"""``client.candidates``, ``client.rejection_reasons``, ``client.users``: read-only lists."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from shared.kombo.models import Candidate, RejectionReason, User
from shared.kombo.resources._base import MAX_PAGE_SIZE, Resource, listing


class Candidates(Resource):
    def iter(
        self,
        *,
        email: str | None = None,
        job_ids: Iterable[str] | None = None,
        updated_after: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
    ) -> AsyncIterator[Candidate]:
        params = {
            "email": email,
            "job_ids": listing(list(job_ids) if job_ids is not None else None),
            "updated_after": updated_after,
        }
        return self._iterate("/ats/candidates", Candidate, params, page_size)


class RejectionReasons(Resource):
    def iter(self, *, page_size: int = MAX_PAGE_SIZE) -> AsyncIterator[RejectionReason]:
        return self._iterate("/ats/rejection-reasons", RejectionReason, {}, page_size)

    async def list(self) -> list[RejectionReason]:
        return [reason async for reason in self.iter()]


class Users(Resource):
    def iter(self, *, page_size: int = MAX_PAGE_SIZE) -> AsyncIterator[User]:
        return self._iterate("/ats/users", User, {}, page_size)
