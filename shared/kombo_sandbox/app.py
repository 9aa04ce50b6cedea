"""`KomboSandbox`: an in-process emulator of Kombo's unified ATS API (see docs/kombo.md)."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import ASGIApp

from shared.kombo import signature
from shared.kombo_sandbox.config import KomboFaults
from shared.kombo_sandbox.data import Application
from shared.kombo_sandbox.routes import Gate, KomboRequest, after, page, split
from shared.kombo_sandbox.state import Ats

ATS_URL = "https://ats.example.com"
TOOL = "greenhouse"


class KomboSandbox:
    """One Kombo integration (a Greenhouse-like ATS) behind a Starlette app at ``/v1``.

    Answers to ``api_key`` with ``X-Integration-Id: integration_id``. Signed
    ``data-changed`` webhooks go to ``webhook_url`` through ``webhook_transport``.
    """

    def __init__(self, seed: int = 7, faults: KomboFaults | None = None) -> None:
        self.seed = seed
        self.rng = random.Random(f"{seed}:kombo")
        self.api_key = f"ks_dev_sandbox_{self.rng.getrandbits(64):016x}"
        self.integration_id = f"{TOOL}:sandbox{seed}"
        self.webhook_secret = f"kombo_whsec_{self.rng.getrandbits(64):016x}"
        self.faults = faults or KomboFaults()
        self.ats = Ats(ATS_URL)
        self.requests: list[KomboRequest] = []
        self.webhook_url: str | None = None
        self.webhook_transport: httpx.AsyncBaseTransport | None = None
        self.sent_webhooks: list[dict[str, Any]] = []
        self.gate = Gate(self)
        self.app: ASGIApp = Starlette(routes=self._routes())

    def _routes(self) -> list[Any]:
        g = self.gate
        return [
            g.route("/v1/check-api-key", self._check),
            g.route("/v1/ats/jobs", self._jobs),
            g.route("/v1/ats/applications", self._applications),
            g.route("/v1/ats/candidates", self._candidates),
            g.route("/v1/ats/rejection-reasons", self._reasons),
            g.route("/v1/ats/users", self._users),
            g.route("/v1/ats/jobs/{job_id}/applications", self._create, "POST", "create"),
            g.route("/v1/ats/applications/{app_id}/stage", self._move, "PUT", "move"),
            g.route("/v1/ats/applications/{app_id}/reject", self._reject, "POST", "reject"),
            g.route("/v1/ats/applications/{app_id}/notes", self._note, "POST", "note"),
            g.route(
                "/v1/ats/applications/{app_id}/result-links", self._link, "POST", "result_link"
            ),
        ]

    # -- reads -------------------------------------------------------------------------
    async def _check(self, request: Request, _: Any) -> Any:
        return {"environment": "sandbox", "customer_id": "tt-sandbox"}

    async def _jobs(self, request: Request, _: Any) -> Any:
        statuses, ids = split(request, "statuses"), split(request, "ids")
        words = (request.query_params.get("name_contains") or "").lower()
        jobs = [
            job.wire(ATS_URL)
            for job in self.ats.jobs.values()
            if (statuses is None or job.status in statuses)
            and (ids is None or job.id in ids)
            and words in job.name.lower()
            and after(request, job.changed_at)
        ]
        return page(request, jobs)

    async def _applications(self, request: Request, _: Any) -> Any:
        job_ids, ids = split(request, "job_ids"), split(request, "ids")
        outcomes, stages = split(request, "outcomes"), split(request, "current_stage_ids")
        apps = [
            self.ats.application_wire(a)
            for a in self.ats.applications.values()
            if (job_ids is None or a.job_id in job_ids)
            and (ids is None or a.id in ids)
            and (outcomes is None or a.outcome in outcomes)
            and (stages is None or a.stage_id in stages)
            and after(request, a.changed_at)
        ]
        return page(request, apps)

    async def _candidates(self, request: Request, _: Any) -> Any:
        email = (request.query_params.get("email") or "").strip().lower()
        job_ids = split(request, "job_ids")
        out = []
        for c in self.ats.candidates.values():
            apps = self.ats.applications_of(c.id)
            if email and c.email != email:
                continue
            if job_ids is not None and not any(
                self.ats.applications[a].job_id in job_ids for a in apps
            ):
                continue
            out.append(c.wire(apps))
        return page(request, out)

    async def _reasons(self, request: Request, _: Any) -> Any:
        return page(request, [r.wire() for r in self.ats.reasons.values()])

    async def _users(self, request: Request, _: Any) -> Any:
        user = {"id": "KU1", "first_name": "Riley", "last_name": "Recruiter", "email": None}
        return page(request, [user])

    # -- writes ------------------------------------------------------------------------
    async def _create(self, request: Request, body: dict[str, Any]) -> Any:
        stage_id = body.get("stage_id")
        app = self.ats.create_application(
            request.path_params["job_id"], body.get("candidate"), stage_id
        )
        return self.ats.application_wire(app), []

    async def _move(self, request: Request, body: dict[str, Any]) -> Any:
        self.ats.move(request.path_params["app_id"], body.get("stage_id"))
        return {}, []

    async def _reject(self, request: Request, body: dict[str, Any]) -> Any:
        self.ats.reject(
            request.path_params["app_id"], body.get("rejection_reason_id"), body.get("note")
        )
        return {}, []

    async def _note(self, request: Request, body: dict[str, Any]) -> Any:
        self.ats.add_note(request.path_params["app_id"], body)
        return {}, []

    async def _link(self, request: Request, body: dict[str, Any]) -> Any:
        self.ats.add_result_link(request.path_params["app_id"], body)
        # Greenhouse has no result links: Kombo writes them to custom fields and says so.
        prefix = (body.get("details") or {}).get("custom_field_name_prefix", "")
        return {}, [f"{TOOL} has no result links: stored as custom fields prefixed '{prefix}'."]

    # -- the ATS changing on its own, and webhooks ---------------------------------------
    def application(self, application_id: str) -> Application:
        return self.ats.application(application_id)

    def move_in_ats(self, application_id: str, stage_name: str) -> None:
        """A recruiter moves the application in the ATS itself."""
        app = self.ats.application(application_id)
        stage = next(s for s in self.ats.jobs[app.job_id].stages if s.name == stage_name)
        self.ats.move(application_id, stage.id)

    def reject_in_ats(self, application_id: str, reason_name: str) -> None:
        self.ats.reject(application_id, self.ats.reason(reason_name).id, None)

    def data_changed_body(self, *models: str) -> bytes:
        event = {
            "id": f"evt_{uuid.UUID(int=self.rng.getrandbits(128)).hex}",
            "type": "data-changed",
            "data": {
                "integration_id": self.integration_id,
                "integration_tool": TOOL,
                "changed_models": [{"name": m} for m in models or ("ats_applications",)],
            },
        }
        return json.dumps(event, separators=(",", ":")).encode()

    async def send_data_changed(self, *models: str) -> httpx.Response:
        """POST a signed ``data-changed`` webhook to ``webhook_url``; return the answer."""
        if self.webhook_url is None:
            raise RuntimeError("set webhook_url first")
        body = self.data_changed_body(*models)
        self.sent_webhooks.append(json.loads(body))
        headers = {
            "Content-Type": "application/json",
            signature.HEADER: signature.sign(body, self.webhook_secret),
        }
        async with httpx.AsyncClient(transport=self.webhook_transport, timeout=10) as http:
            return await http.post(self.webhook_url, content=body, headers=headers)
