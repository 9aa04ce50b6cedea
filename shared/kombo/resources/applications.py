"""``client.applications``: read, create, move, reject, annotate applications."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from shared.kombo.errors import Action
from shared.kombo.models import Application, KomboModel, NewCandidate, Written
from shared.kombo.resources._base import MAX_PAGE_SIZE, Resource, listing, segment

CREATE = Action("creating applications", "Create applications")
MOVE = Action("moving applications to another stage", "Move applications")
REJECT = Action("rejecting", "Reject applications")
NOTE = Action("adding notes to applications", "Add notes to applications")
RESULT_LINK = Action("adding result links to applications", "Add result links to applications")


class Applications(Resource):
    def iter(
        self,
        *,
        job_ids: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        outcomes: Iterable[str] | None = None,
        updated_after: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
    ) -> AsyncIterator[Application]:
        params = {
            "job_ids": listing(list(job_ids) if job_ids is not None else None),
            "ids": listing(list(ids) if ids is not None else None),
            "outcomes": listing(list(outcomes) if outcomes is not None else None),
            "updated_after": updated_after,
        }
        return self._iterate("/ats/applications", Application, params, page_size)

    async def create(
        self,
        job_id: str,
        candidate: NewCandidate,
        *,
        stage_id: str | None = None,
        remote_fields: dict[str, Any] | None = None,
    ) -> Written[Application]:
        """Create the candidate and their application on ``job_id`` (never retried blindly)."""
        body: dict[str, Any] = {"candidate": candidate.model_dump(exclude_none=True)}
        if stage_id is not None:
            body["stage_id"] = stage_id
        if remote_fields:
            body["remote_fields"] = remote_fields
        path = f"/ats/jobs/{segment(job_id)}/applications"
        return await self._write("POST", path, body, Application, CREATE)

    async def move(self, application_id: str, stage_id: str) -> Written[KomboModel]:
        path = f"/ats/applications/{segment(application_id)}/stage"
        return await self._write("PUT", path, {"stage_id": stage_id}, KomboModel, MOVE)

    async def reject(
        self, application_id: str, rejection_reason_id: str, *, note: str | None = None
    ) -> Written[KomboModel]:
        body: dict[str, Any] = {"rejection_reason_id": rejection_reason_id}
        if note:
            body["note"] = note
        path = f"/ats/applications/{segment(application_id)}/reject"
        return await self._write("POST", path, body, KomboModel, REJECT)

    async def add_note(self, application_id: str, content: str) -> Written[KomboModel]:
        body = {"content": content, "content_type": "PLAIN_TEXT"}
        path = f"/ats/applications/{segment(application_id)}/notes"
        return await self._write("POST", path, body, KomboModel, NOTE)

    async def add_result_link(
        self,
        application_id: str,
        *,
        label: str,
        url: str,
        attributes: dict[str, str] | None = None,
        custom_field_name_prefix: str = "TapTalent",
    ) -> Written[KomboModel]:
        body: dict[str, Any] = {"label": label, "url": url}
        if attributes:
            body["details"] = {
                "custom_field_name_prefix": custom_field_name_prefix,
                "attributes": [{"key": k, "value": v} for k, v in attributes.items()],
            }
        path = f"/ats/applications/{segment(application_id)}/result-links"
        return await self._write("POST", path, body, KomboModel, RESULT_LINK)
