"""The emulated ``/v1/public`` endpoints."""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shared.instaview import rules
from shared.instaview_sandbox.http import ApiError, envelope, invalid, not_found
from shared.instaview_sandbox.state import CandidateRec, InterviewRec, JobRec, WebhookRec, utcnow

if TYPE_CHECKING:
    from shared.instaview_sandbox.app import InstaViewSandbox

Handler = Callable[[Request], Awaitable[Response]]
# A match may only start where a run of its characters starts (the lookbehinds): a long
# word without "@" is then scanned once, not once per position (50,000 characters of CV
# took seconds).
EMAIL_IN_TEXT = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_IN_TEXT = re.compile(r"(?<![\d+])\+?\d[\d \-()]{6,}\d")


def routes(sb: InstaViewSandbox) -> list[Route]:
    """Every endpoint, each behind the API-key check."""
    api = _PublicApi(sb)
    return [
        Route(path, _authenticated(sb, handler), methods=[m]) for path, handler, m in api.table()
    ]


class _PublicApi:
    def __init__(self, sb: InstaViewSandbox) -> None:
        self.sb, self.store = sb, sb.store

    async def create_candidate(self, request: Request) -> Response:
        body = await _object(request)
        problems = rules.candidate_problems(body)
        job_ids = body.get("jobIds") or ([body["jobId"]] if body.get("jobId") else [])
        if not problems and (unknown := [j for j in job_ids if j not in self.store.jobs]):
            field = "jobIds" if body.get("jobIds") else "jobId"
            problems[field] = f"job {unknown[0]} does not exist in your company"
        if problems:
            raise invalid(problems)
        now = utcnow()
        record = CandidateRec(
            self.store.new_id(), body, list(dict.fromkeys(job_ids)), _anonymise(body), now, now
        )
        self.store.candidates[record.id] = record
        return envelope(record.wire(), 201)

    async def list_candidates(self, request: Request) -> Response:
        items = list(self.store.candidates.values())
        if job_id := request.query_params.get("jobId"):
            items = [c for c in items if job_id in c.job_ids]
        return self.sb.page(request, [c.wire() for c in items])

    async def get_candidate(self, request: Request) -> Response:
        return envelope(self._candidate(request).wire())

    async def candidate_analyses(self, request: Request) -> Response:
        candidate = self._candidate(request)
        return self.sb.page(
            request, [self.store.analyses[a].wire() for a in candidate.analysis_ids]
        )

    async def candidate_interviews(self, request: Request) -> Response:
        candidate = self._candidate(request)
        found = [self.store.interviews[i] for i in candidate.interview_ids]
        return self.sb.page(request, [i.wire(self.sb.config.schedule_field) for i in found])

    async def create_interview(self, request: Request) -> Response:
        interview = _new_interview(self.sb, await _object(request))
        self.store.interviews[interview.id] = interview
        self.store.candidates[interview.candidate_id].interview_ids.append(interview.id)
        self.sb.lifecycle.start_timer(interview)
        return envelope(interview.wire(self.sb.config.schedule_field), 201)

    async def list_interviews(self, request: Request) -> Response:
        found = list(self.store.interviews.values())
        if candidate_id := request.query_params.get("candidateId"):
            found = [i for i in found if i.candidate_id == candidate_id]
        return self.sb.page(request, [i.wire(self.sb.config.schedule_field) for i in found])

    async def get_interview(self, request: Request) -> Response:
        interview = self.store.interviews.get(request.path_params["id"])
        if interview is None:
            raise not_found("Interview", request.path_params["id"])
        return envelope(interview.wire(self.sb.config.schedule_field))

    async def get_analysis(self, request: Request) -> Response:
        analysis = self.store.analyses.get(request.path_params["id"])
        if analysis is None:
            raise not_found("Analysis", request.path_params["id"])
        return envelope(analysis.wire())

    async def list_agents(self, request: Request) -> Response:
        return self.sb.page(request, [a.wire() for a in self.store.agents.values()])

    async def list_jobs(self, request: Request) -> Response:
        return self.sb.page(request, [j.wire() for j in self.store.jobs.values()])

    async def get_job(self, request: Request) -> Response:
        job = self.store.jobs.get(request.path_params["id"])
        if job is None:
            raise not_found("Job", request.path_params["id"])
        return envelope(job.wire())

    async def create_job(self, request: Request) -> Response:
        body = await _object(request)
        if problems := rules.job_problems(body):
            raise invalid(problems)
        job = JobRec(self.store.new_id(), body["title"].strip(), body.get("description"), utcnow())
        self.store.jobs[job.id] = job
        return envelope(job.wire(), 201)

    async def create_webhook(self, request: Request) -> Response:
        body = await _object(request)
        if problems := rules.webhook_problems(body):
            raise invalid(problems)
        secret = "whsec_" + self.store.token(32)
        hook = WebhookRec(
            self.store.new_id(), body["url"], list(body["events"]), body.get("name"), secret
        )
        self.store.webhooks[hook.id] = hook
        if "ping" in hook.events:
            self.sb.lifecycle.emit("ping", {"webhookId": hook.id})
        return envelope(hook.wire(with_secret=True), 201)

    async def list_webhooks(self, request: Request) -> Response:
        return self.sb.page(request, [h.wire() for h in self.store.webhooks.values()])

    def _candidate(self, request: Request) -> CandidateRec:
        candidate = self.store.candidates.get(request.path_params["id"])
        if candidate is None:
            raise not_found("Candidate", request.path_params["id"])
        return candidate

    def table(self) -> Sequence[tuple[str, Handler, str]]:
        return (
            ("/candidates", self.create_candidate, "POST"),
            ("/candidates", self.list_candidates, "GET"),
            ("/candidates/{id}", self.get_candidate, "GET"),
            ("/candidates/{id}/analyses", self.candidate_analyses, "GET"),
            ("/candidates/{id}/interviews", self.candidate_interviews, "GET"),
            ("/interviews", self.create_interview, "POST"),
            ("/interviews", self.list_interviews, "GET"),
            ("/interviews/{id}", self.get_interview, "GET"),
            ("/analyses/{id}", self.get_analysis, "GET"),
            ("/agents", self.list_agents, "GET"),
            ("/jobs", self.list_jobs, "GET"),
            ("/jobs", self.create_job, "POST"),
            ("/jobs/{id}", self.get_job, "GET"),
            ("/webhooks", self.create_webhook, "POST"),
            ("/webhooks", self.list_webhooks, "GET"),
        )


def _authenticated(sb: InstaViewSandbox, handler: Handler) -> Handler:
    async def checked(request: Request) -> Response:
        presented = request.headers.get("authorization", "")
        expected = f"Bearer {sb.api_key}"
        if not hmac.compare_digest(presented.encode(), expected.encode()):
            raise ApiError(401, "UNAUTHORIZED", "Missing or invalid API key")
        return await handler(request)

    return checked


def _new_interview(sb: InstaViewSandbox, body: dict[str, Any]) -> InterviewRec:
    store = sb.store
    if problems := rules.interview_problems(body):
        raise invalid(problems)
    candidate = store.candidates.get(body["candidateId"])
    if candidate is None:
        raise not_found("Candidate", body["candidateId"])
    if body["agentId"] not in store.agents:
        raise not_found("Agent", body["agentId"])
    job_id = body.get("jobId")
    if job_id is not None and job_id not in candidate.job_ids:
        raise invalid({"jobId": "must be one of the candidate's jobIds"})
    if job_id is None and len(candidate.job_ids) > 1:
        raise invalid({"jobId": "is required when the candidate has several jobs"})
    if job_id is None and candidate.job_ids:
        job_id = candidate.job_ids[0]
    when = rules.parse_instant(body.get("scheduleTime", body.get("scheduledAt")))
    now = utcnow()
    return InterviewRec(
        id=store.new_id(),
        candidate_id=candidate.id,
        agent_id=body["agentId"],
        job_id=job_id,
        schedule_time=max(when or now, now) if not body.get("isTest") else now,
        is_test=bool(body.get("isTest")),
        fate=sb.lifecycle.fate(),
    )


async def _object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError):
        raise invalid({"body": "must be a JSON object"}) from None
    if not isinstance(body, dict):
        raise invalid({"body": "must be a JSON object"})
    return body


def _anonymise(body: dict[str, Any]) -> str | None:
    """InstaView anonymises CVs: names, e-mail addresses and phone numbers go."""
    text = body.get("cvText")
    if not text:
        return None
    text = PHONE_IN_TEXT.sub("[PHONE]", EMAIL_IN_TEXT.sub("[EMAIL]", text))
    for name in (body["firstName"], body["lastName"]):
        text = re.sub(rf"\b{re.escape(name)}\b", "[NAME]", text, flags=re.IGNORECASE)
    return text


def _page_size(request: Request) -> tuple[int, int]:
    problems: dict[str, str] = {}
    values = {}
    for name, default, high in (("page", 1, 10**6), ("limit", 20, 100)):
        raw = request.query_params.get(name, str(default))
        if not raw.isdigit() or not 1 <= int(raw) <= high:
            problems[name] = f"must be a whole number from 1 to {high}"
        else:
            values[name] = int(raw)
    if problems:
        raise invalid(problems)
    return values["page"], values["limit"]


def render_page(request: Request, items: list[Any], shape: str) -> JSONResponse:
    """One page in the chosen documented shape."""
    page, limit = _page_size(request)
    total = len(items)
    pages = max(1, -(-total // limit))
    chunk = items[(page - 1) * limit : page * limit]
    if shape == "flat":
        body = {"data": chunk, "total": total, "page": page, "limit": limit, "totalPages": pages}
        return JSONResponse(body)
    pagination = {
        "total": total,
        "page": page,
        "limit": limit,
        "totalPages": pages,
        "hasNextPage": page < pages,
        "hasPreviousPage": page > 1,
    }
    return envelope({"items": chunk, "pagination": pagination})
