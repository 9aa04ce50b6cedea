"""The emulated ATS behind one Kombo integration: its records and the rules of each write.

Every rule raises `KomboFault` with the code Kombo documents, so the client sees what a
real integration would send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.kombo_sandbox.data import (
    EXISTING,
    Application,
    Candidate,
    Job,
    Reason,
    build_jobs,
    build_reasons,
    stamp,
)


@dataclass
class KomboFault(Exception):
    status: int
    code: str
    message: str

    def body(self) -> dict[str, Any]:
        title = self.code.split(".")[-1].replace("_", " ").capitalize()
        return {
            "status": "error",
            "error": {
                "code": self.code,
                "title": title,
                "message": self.message,
                "log_url": f"https://app.kombo.dev/logs/{abs(hash(self.message)) % 10**8}",
            },
        }


def invalid(message: str) -> KomboFault:
    return KomboFault(400, "PLATFORM.INPUT_INVALID", message)


class Ats:
    """One customer's ATS as Kombo shows it."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jobs = {job.id: job for job in build_jobs()}
        self.reasons = {reason.id: reason for reason in build_reasons()}
        self.candidates: dict[str, Candidate] = {}
        self.applications: dict[str, Application] = {}
        self._ids: dict[str, int] = {}  # last id per prefix (plain ints: kept in a pickle)
        self._last = datetime(2026, 11, 1, tzinfo=UTC)
        first_job = next(iter(self.jobs.values()))
        for first, last in EXISTING:
            self.create_application(
                first_job.id,
                {
                    "first_name": first,
                    "last_name": last,
                    "email_address": f"{first.lower()}@example.org",
                },
                None,
            )

    def now(self) -> str:
        """A strictly increasing timestamp, so ``updated_after`` never misses a change."""
        moment = datetime.now(UTC)
        if moment <= self._last:
            moment = self._last + timedelta(microseconds=1)
        self._last = moment
        return stamp(moment)

    def new_id(self, prefix: str) -> str:
        self._ids[prefix] = number = self._ids.get(prefix, 0) + 1
        return f"{prefix}{number:05d}"

    # -- reads -------------------------------------------------------------------------
    def job(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise KomboFault(404, "PLATFORM.INPUT_INVALID", f"Job {job_id!r} not found.")
        return job

    def application(self, application_id: str) -> Application:
        app = self.applications.get(application_id)
        if app is None:
            raise KomboFault(
                404, "PLATFORM.INPUT_INVALID", f"Application {application_id!r} not found."
            )
        return app

    def application_wire(self, app: Application) -> dict[str, Any]:
        job = self.jobs[app.job_id]
        candidate = self.candidates[app.candidate_id]
        stage = next(s for s in job.stages if s.id == app.stage_id)
        return {
            "id": app.id,
            "remote_id": f"r-{app.id}",
            "outcome": app.outcome,
            "rejection_reason_name": app.rejection_reason_name,
            "rejected_at": app.rejected_at,
            "current_stage_id": app.stage_id,
            "job_id": app.job_id,
            "candidate_id": app.candidate_id,
            "custom_fields": {},
            "remote_url": f"{self.base_url}/applications/{app.id}",
            "created_at": app.created_at,
            "changed_at": app.changed_at,
            "candidate": candidate.wire([]) | {"applications": None},
            "current_stage": stage.wire(),
            "job": {"id": job.id, "remote_id": f"r-{job.id}", "name": job.name},
        }

    def applications_of(self, candidate_id: str) -> list[str]:
        return [a.id for a in self.applications.values() if a.candidate_id == candidate_id]

    # -- writes ------------------------------------------------------------------------
    def create_application(self, job_id: str, fields: Any, stage_id: str | None) -> Application:
        job = self.job(job_id)
        if not isinstance(fields, dict):
            raise invalid("candidate: an object with first_name, last_name, email_address.")
        missing = [k for k in ("first_name", "last_name", "email_address") if not fields.get(k)]
        if missing:
            raise invalid(f"candidate.{missing[0]}: required.")
        email = str(fields["email_address"]).strip().lower()
        if "@" not in email:
            raise invalid("candidate.email_address: not an e-mail address.")
        if job.status != "OPEN":
            raise KomboFault(400, "ATS.JOB_CLOSED", f"Job {job.id} is {job.status}.")
        stage = self._stage_of(job, stage_id) if stage_id else job.stages[0]
        candidate = next((c for c in self.candidates.values() if c.email == email), None)
        if candidate is not None and any(
            a.job_id == job.id for a in self.applications.values() if a.candidate_id == candidate.id
        ):
            raise KomboFault(
                409,
                "ATS.APPLICATION_ALREADY_EXISTS",
                f"{email} already has an application on job {job.id}.",
            )
        now = self.now()
        if candidate is None:
            candidate = Candidate(
                self.new_id("KC"), str(fields["first_name"]), str(fields["last_name"]), email, now
            )
            self.candidates[candidate.id] = candidate
        app = Application(self.new_id("KA"), job.id, candidate.id, stage.id, now, now)
        self.applications[app.id] = app
        return app

    def _stage_of(self, job: Job, stage_id: object) -> Any:
        stage = next((s for s in job.stages if s.id == stage_id), None)
        if stage is None:
            raise KomboFault(
                400,
                "REMOTE.INPUT_INVALID",
                f"Stage not found: {stage_id!r} is not a stage of job {job.id}.",
            )
        return stage

    def move(self, application_id: str, stage_id: object) -> Application:
        app = self.application(application_id)
        stage = self._stage_of(self.jobs[app.job_id], stage_id)
        if app.stage_id != stage.id:
            app.stage_id = stage.id
            app.changed_at = self.now()
        return app

    def reject(self, application_id: str, reason_id: object, note: object) -> Application:
        app = self.application(application_id)
        reason = self.reasons.get(str(reason_id))
        if reason is None:
            raise invalid(f"rejection_reason_id: {reason_id!r} is not a rejection reason.")
        app.outcome = "DECLINED"
        app.rejection_reason_name = reason.name
        app.rejected_at = app.changed_at = self.now()
        if isinstance(note, str) and note:
            app.notes.append({"content": note, "content_type": "PLAIN_TEXT"})
        return app

    def add_note(self, application_id: str, body: dict[str, Any]) -> Application:
        app = self.application(application_id)
        content = body.get("content")
        if not isinstance(content, str) or not content.strip():
            raise invalid("content: required, non-empty text.")
        if body.get("content_type", "PLAIN_TEXT") != "PLAIN_TEXT":
            raise invalid("content_type: only PLAIN_TEXT is supported.")
        app.notes.append({"content": content, "content_type": "PLAIN_TEXT"})
        return app

    def add_result_link(self, application_id: str, body: dict[str, Any]) -> Application:
        app = self.application(application_id)
        for key in ("label", "url"):
            if not isinstance(body.get(key), str) or not body[key].strip():
                raise invalid(f"{key}: required.")
        if not str(body["url"]).startswith(("https://", "http://")):
            raise invalid("url: must be an http(s) URL.")
        app.result_links.append(
            {"label": body["label"], "url": body["url"], "details": body.get("details")}
        )
        return app

    def reason(self, name: str) -> Reason:
        return next(r for r in self.reasons.values() if r.name == name)
