"""`TalynceSandbox`: an emulator of Talynce's candidate API (seed 002 and the notes).

Errors answer ``{error: {code, message, details}}``: 400 ``validation_error`` (details:
field -> message), 401 ``unauthorized``, 403 ``talent_pool_reveal_required``, 404
``not_found``, 409 ``email_taken``, 429 ``rate_limited``, 503 ``unavailable`` (**choices**:
the seed names only the 403's code).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import random
from dataclasses import replace
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.sandbox.config import Faults
from shared.talynce import rules
from shared.talynce_sandbox.config import TalynceSandboxConfig
from shared.talynce_sandbox.state import ApplicationRec, CandidateRec, Store, now_iso

API = "/api/v1"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details

    def response(self, headers: dict[str, str] | None = None) -> JSONResponse:
        error = {"code": self.code, "message": self.message, "details": self.details or {}}
        return JSONResponse({"error": error}, self.status, headers=headers)


def invalid(problems: dict[str, str]) -> ApiError:
    return ApiError(400, "validation_error", "The request is not valid", problems)


class TalynceSandbox:
    """Sample candidates (some masked) and jobs behind a Starlette app on ``/api/v1``."""

    def __init__(self, config: TalynceSandboxConfig | None = None) -> None:
        self.config = config or TalynceSandboxConfig()
        self.faults = replace(self.config.faults)
        self.store = Store(self.config.seed)
        self.store.fill(
            self.config.candidates, self.config.masked_every, self.config.revealed_every
        )
        self._fault_rng = random.Random(f"{self.config.seed}:talynce-faults")
        self._routes = _Routes(self)
        inner = Starlette(
            routes=self._routes.table(),
            exception_handlers={ApiError: _api_error, HTTPException: _http_error},
        )
        #: The ASGI app to serve: the API behind the fault knobs.
        self.app: ASGIApp = FaultGate(inner, self.faults, self._fault_rng)

    @property
    def api_key(self) -> str:
        return self.store.api_key

    def job_id(self, title: str) -> str:
        return next(j.id for j in self.store.jobs.values() if j.title == title)

    def masked_ids(self) -> list[str]:
        return [c.id for c in self.store.candidates.values() if c.talent_pool_status == "masked"]

    def mask(self, candidate_id: str) -> None:
        """Put a candidate in the masked talent pool (as if it came from it)."""
        self.store.candidates[candidate_id].talent_pool_status = "masked"

    def candidate_wire(self, record: CandidateRec, *, with_applications: bool) -> dict[str, Any]:
        visible = {a.job_id: self._screened(a) for a in record.applications.values()}
        scores = [a.screening[0] for a in record.applications.values() if visible[a.job_id]]
        out = record.wire(scores)
        if with_applications:
            out["applications"] = [
                a.wire(self.store.org_id, visible[a.job_id]) for a in record.applications.values()
            ]
        return out

    def _screened(self, application: ApplicationRec) -> bool:
        return self.store.clock() - application.applied_at >= self.config.screening_delay

    def apply(self, record: CandidateRec, application: dict[str, Any]) -> None:
        job = self.store.jobs.get(application["job_id"])
        if job is None:
            raise invalid({"application.job_id": f"job {application['job_id']} does not exist"})
        status = _status(application.get("status"), self.config.statuses)
        existing = record.applications.get(job.id)
        if existing is not None:
            existing.status = status if application.get("status") else existing.status
            if "notes" in application:
                existing.notes = application["notes"]
            existing.updated_at = now_iso()
            return
        record.applications[job.id] = ApplicationRec(
            self.store.new_id(),
            record.id,
            job.id,
            status,
            application.get("notes"),
            self.store.clock(),
            self.store.screening(self.config.seed, record, job),
        )


class FaultGate:
    """Latency, injected 5xx and 429 with Retry-After, in Talynce's error shape."""

    def __init__(self, app: ASGIApp, faults: Faults, rng: random.Random) -> None:
        self.app, self.faults, self.rng = app, faults, rng

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        faults, rng = self.faults, self.rng
        if scope["type"] == "http" and scope["path"].startswith(API):
            jitter = rng.uniform(0, faults.latency_jitter) if faults.latency_jitter else 0.0
            if faults.latency + jitter > 0:
                await asyncio.sleep(faults.latency + jitter)
            if faults.rate_limit_rate and rng.random() < faults.rate_limit_rate:
                error = ApiError(429, "rate_limited", "Too many requests")
                retry = str(max(0, round(faults.retry_after)))
                await error.response({"Retry-After": retry})(scope, receive, send)
                return
            if faults.error_rate and rng.random() < faults.error_rate:
                error = ApiError(503, "unavailable", "Service unavailable")
                await error.response()(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _status(value: str | None, statuses: tuple[str, ...]) -> str:
    if value is None:
        return statuses[0]
    for status in statuses:
        if status.lower() == value.strip().lower():
            return status
    raise invalid({"application.status": f"must be one of {', '.join(statuses)} (got {value!r})"})


class _Routes:
    def __init__(self, sb: TalynceSandbox) -> None:
        self.sb, self.store = sb, sb.store

    def table(self) -> list[Route]:
        return [
            Route(f"{API}/candidates", self._guard(self.list), methods=["GET"]),
            Route(f"{API}/candidates", self._guard(self.create), methods=["POST"]),
            Route(f"{API}/candidates/{{id}}", self._guard(self.get), methods=["GET"]),
            Route(f"{API}/candidates/{{id}}", self._guard(self.update), methods=["PUT"]),
            Route("/_sandbox/info", self.info, methods=["GET"]),
            Route("/_sandbox/settings", self.settings, methods=["PUT"]),
        ]

    def _guard(self, handler: Any) -> Any:
        async def checked(request: Request) -> Response:
            presented = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(presented, f"Bearer {self.sb.api_key}".encode()):
                raise ApiError(401, "unauthorized", "Missing or invalid API key")
            return await handler(request)

        return checked

    async def list(self, request: Request) -> Response:
        query = request.query_params
        limit, offset = _whole(query.get("limit", "50")), _whole(query.get("offset", "0"))
        if problems := rules.page_problems(limit, offset):
            raise invalid(problems)
        found = list(self.store.candidates.values())
        if search := (query.get("search") or "").strip().lower():
            found = [
                c
                for c in found
                if search in str(c.fields.get("full_name", "")).lower()
                or (c.talent_pool_status != "masked" and search in c.email_key)
            ]
        if job_id := query.get("job_id"):
            found = [c for c in found if job_id in c.applications]
        assert isinstance(limit, int) and isinstance(offset, int)
        page = found[offset : offset + limit]
        data = [self.sb.candidate_wire(c, with_applications=False) for c in page]
        return JSONResponse(
            {"data": data, "meta": {"total": len(found), "limit": limit, "offset": offset}}
        )

    async def get(self, request: Request) -> Response:
        record = self._find(request)
        return JSONResponse({"data": self.sb.candidate_wire(record, with_applications=True)})

    async def create(self, request: Request) -> Response:
        body = await _object(request)
        if problems := rules.candidate_problems(body, creating=True):
            raise invalid(problems)
        application = body.pop("application", None)
        record = self.store.by_email(body["email"])
        if record is not None and record.talent_pool_status == "masked":
            self._refuse_masked(body)
        created = record is None
        if record is None:
            record = CandidateRec(self.store.new_id(), body)
            self.store.candidates[record.id] = record
        if application is not None:
            self.sb.apply(record, application)
        wire = self.sb.candidate_wire(record, with_applications=True)
        return JSONResponse({"data": wire}, 201 if created else 200)

    def _refuse_masked(self, body: dict[str, Any]) -> None:
        if self.sb.config.masked_match == "refuse":
            locked = [name for name in rules.LOCKED_WHEN_MASKED if name in body]
            raise ApiError(
                403,
                "talent_pool_reveal_required",
                "This email belongs to a masked talent pool candidate; reveal them first",
                {"fields": locked},
            )

    async def update(self, request: Request) -> Response:
        record = self._find(request)
        body = await _object(request)
        if problems := rules.candidate_problems(body, creating=False):
            raise invalid(problems)
        locked = [name for name in rules.LOCKED_WHEN_MASKED if name in body]
        if record.talent_pool_status == "masked" and locked:
            raise ApiError(
                403,
                "talent_pool_reveal_required",
                "Reveal this candidate in the talent pool before changing contact or CTC fields",
                {"fields": locked},
            )
        other = self.store.by_email(body["email"]) if "email" in body else None
        if other is not None and other is not record:
            raise ApiError(
                409, "email_taken", "Another candidate has this email", {"email": "taken"}
            )
        application = body.pop("application", None)
        record.fields.update(body)
        record.updated_at = now_iso()
        if application is not None:
            self.sb.apply(record, application)
        return JSONResponse({"data": self.sb.candidate_wire(record, with_applications=True)})

    async def info(self, request: Request) -> Response:
        """Controls (never faulted): the faults, the delay, the sample jobs."""
        jobs = [{"id": j.id, "title": j.title} for j in self.store.jobs.values()]
        return JSONResponse(
            {
                "faults": self.sb.faults.as_dict(),
                "screeningDelay": self.sb.config.screening_delay,
                "jobs": jobs,
                "maskedCandidateIds": self.sb.masked_ids(),
            }
        )

    async def settings(self, request: Request) -> Response:
        """``{faults?: {...}, screeningDelay?: seconds}``; nothing changes if any is bad."""
        body = await _object(request)
        problems = self.sb.faults.update(body.get("faults") or {})
        delay = body.get("screeningDelay", self.sb.config.screening_delay)
        if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
            problems["screeningDelay"] = "must be a number of seconds, 0 or more"
        if problems:
            raise invalid(problems)
        self.sb.config.screening_delay = float(delay)
        return await self.info(request)

    def _find(self, request: Request) -> CandidateRec:
        record = self.store.candidates.get(request.path_params["id"])
        if record is None:
            raise ApiError(404, "not_found", f"Candidate {request.path_params['id']} not found")
        return record


def _whole(text: str) -> int | str:
    return int(text) if text.isdigit() else text


async def _object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError):
        raise invalid({"body": "must be a JSON object"}) from None
    if not isinstance(body, dict):
        raise invalid({"body": "must be a JSON object"})
    return body


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return ApiError(
        exc.status_code, "not_found", f"No route {request.method} {request.url.path}"
    ).response()
