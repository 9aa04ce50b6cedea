"""``client.candidates``, ``.agents``, ``.interviews``, ``.analyses``, ``.jobs``, ``.webhooks``."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from shared.instaview import rules
from shared.instaview.errors import APIResponseValidationError, InstaViewValidationError
from shared.instaview.models import (
    Agent,
    Analysis,
    Candidate,
    Interview,
    Job,
    NewCandidate,
    NewInterview,
    NewJob,
    Page,
    WebhookEndpoint,
)
from shared.instaview.pagination import check_page_request, iterate, read_page

if TYPE_CHECKING:
    from shared.instaview._client import InstaViewClient

M = TypeVar("M", bound=BaseModel)


def segment(value: str) -> str:
    text = str(value).strip()
    if text in ("", ".", ".."):
        raise InstaViewValidationError("request", {"id": f"{text!r} is not an id"})
    return quote(text, safe="")


def parse(model: type[M], data: Any, where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or "body"
        raise APIResponseValidationError(
            f"InstaView's answer to {where} does not look like a {model.__name__}: "
            f"{location}: {first['msg']}"
        ) from exc


class _Resource:
    path = ""

    def __init__(self, client: InstaViewClient) -> None:
        self._client = client

    async def _get_one(self, path: str, model: type[M]) -> M:
        data = await self._client.data("GET", path, idempotent=True)
        return parse(model, data, f"GET {path}")

    async def _create(self, body: dict[str, Any], model: type[M], path: str = "") -> M:
        target = path or self.path
        data = await self._client.data("POST", target, json=body, idempotent=False)
        return parse(model, data, f"POST {target}")

    async def _page(
        self, model: type[M], page: int, limit: int, filters: dict[str, Any], path: str = ""
    ) -> Page[M]:
        check_page_request(page, limit)
        target = path or self.path
        params = {**{k: v for k, v in filters.items() if v is not None}, "page": page}
        params["limit"] = limit
        body = await self._client.request("GET", target, params=params, idempotent=True)
        return read_page(model, body, f"GET {target}")

    def _iter(self, fetch: Callable[[int], Any]) -> AsyncIterator[Any]:
        return iterate(fetch)


class Candidates(_Resource):
    path = "/candidates"

    async def create(
        self,
        candidate: NewCandidate | None = None,
        /,
        *,
        now: datetime | None = None,
        **fields: Any,
    ) -> Candidate:
        """Create a candidate. Every rule of the seed is checked first: a breach raises
        `InstaViewValidationError` naming each field, and nothing is sent."""
        try:
            request = candidate or NewCandidate(**fields)
        except ValidationError as exc:
            problems = {
                to_camel(str(e["loc"][0])) if e["loc"] else "body": e["msg"] for e in exc.errors()
            }
            raise InstaViewValidationError("candidate", problems) from None
        body = request.to_body()
        if problems := rules.candidate_problems(body, now=now or datetime.now(UTC)):
            raise InstaViewValidationError("candidate", problems)
        return await self._create(body, Candidate)

    async def get(self, candidate_id: str) -> Candidate:
        return await self._get_one(f"{self.path}/{segment(candidate_id)}", Candidate)

    async def list(self, page: int = 1, limit: int = 20, **filters: Any) -> Page[Candidate]:
        return await self._page(Candidate, page, limit, filters)

    def iter(self, limit: int = 100, **filters: Any) -> AsyncIterator[Candidate]:
        return self._iter(lambda number: self.list(number, limit, **filters))


class Agents(_Resource):
    path = "/agents"

    async def list(self, page: int = 1, limit: int = 20) -> Page[Agent]:
        return await self._page(Agent, page, limit, {})

    async def all(self) -> builtins.list[Agent]:
        """Every agent (there are few: they are interview templates)."""
        return [agent async for agent in self._iter(lambda number: self.list(number, 100))]


class Interviews(_Resource):
    path = "/interviews"

    async def create(self, interview: NewInterview | None = None, /, **fields: Any) -> Interview:
        """Schedule an interview (``schedule_time`` omitted: as soon as possible;
        ``is_test=True``: a test interview that completes at once without using minutes)."""
        request = interview or NewInterview(**fields)
        body = request.to_body()
        if problems := rules.interview_problems(body):
            raise InstaViewValidationError("interview", problems)
        return await self._create(body, Interview)

    async def get(self, interview_id: str) -> Interview:
        return await self._get_one(f"{self.path}/{segment(interview_id)}", Interview)

    async def list(
        self, page: int = 1, limit: int = 20, *, candidate_id: str | None = None
    ) -> Page[Interview]:
        return await self._page(Interview, page, limit, {"candidateId": candidate_id})


class Analyses(_Resource):
    path = "/analyses"

    async def get(self, analysis_id: str) -> Analysis:
        return await self._get_one(f"{self.path}/{segment(analysis_id)}", Analysis)

    async def for_candidate(
        self, candidate_id: str, page: int = 1, limit: int = 20
    ) -> Page[Analysis]:
        """``GET /candidates/{id}/analyses`` (the candidate's ``links.analyses``)."""
        path = f"/candidates/{segment(candidate_id)}/analyses"
        return await self._page(Analysis, page, limit, {}, path=path)


class Jobs(_Resource):
    path = "/jobs"

    async def list(self, page: int = 1, limit: int = 20, **filters: Any) -> Page[Job]:
        return await self._page(Job, page, limit, filters)

    def iter(self, limit: int = 100) -> AsyncIterator[Job]:
        return self._iter(lambda number: self.list(number, limit))

    async def get(self, job_id: str) -> Job:
        return await self._get_one(f"{self.path}/{segment(job_id)}", Job)

    async def create(self, title: str, description: str | None = None) -> Job:
        body = NewJob(title=title, description=description).to_body()
        if problems := rules.job_problems(body):
            raise InstaViewValidationError("job", problems)
        return await self._create(body, Job)


class Webhooks(_Resource):
    path = "/webhooks"

    async def create(
        self, url: str, events: Sequence[str] = rules.WEBHOOK_EVENTS, name: str | None = None
    ) -> WebhookEndpoint:
        """Register ``url``. The answer's ``signing_secret`` is shown this once: keep it
        (as INSTAVIEW_WEBHOOK_SECRET)."""
        body: dict[str, Any] = {"url": url, "events": builtins.list(events)}
        if name is not None:
            body["name"] = name
        if problems := rules.webhook_problems(body):
            raise InstaViewValidationError("webhook", problems)
        return await self._create(body, WebhookEndpoint)
