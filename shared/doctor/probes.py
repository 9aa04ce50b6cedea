"""Read-only probes of each Partner API family, each answer compared with the contract.

The first probe (`GET /jobs`) also tells whether the key and base URL work; ids for the
later probes come from earlier answers, read loosely (any documented envelope).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from shared.doctor import contract
from shared.doctor.report import Check
from shared.taptalent import TapTalentClient
from shared.taptalent.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    TapTalentError,
)

KEY_CHECK = "TapTalent key and base URL"
KEY_FORMAT = re.compile(r"^sk_(live|test)_[0-9A-Za-z]{22}$")
KEY_SHAPE = "keys are sk_live_ or sk_test_ followed by 22 letters and digits"
FAMILIES = ("Jobs", "Job candidates", "Stages", "Candidates", "Rescores", "Assessments")
_SHAPE_FIX = (
    "tt may misread these answers. Send the lines above to tt's maintainers (they name "
    "fields and types, never values), with TAPTALENT_BASE_URL."
)


@dataclass
class Seen:
    """Ids picked up along the way, for the probes that need one."""

    jobs: Any = None
    job: dict[str, Any] = field(default_factory=dict)
    job_candidates: list[dict[str, Any]] = field(default_factory=list)
    candidate_id: Any = None
    stage_id: Any = None


class Prober:
    def __init__(self, client: TapTalentClient, *, key_looks_right: bool = True) -> None:
        self.client = client
        self.key_looks_right = key_looks_right
        self.seen = Seen()
        self.compared: list[str] = []

    async def run(self) -> list[Check]:
        key = await self._key_check()
        if key.status == "fail":
            skipped = [Check(f, "skip", "Skipped: the key check failed.") for f in FAMILIES]
            return [key, *skipped]
        families: list[tuple[str, Callable[[], Awaitable[list[str]]]]] = [
            ("Jobs", self._jobs),
            ("Job candidates", self._job_candidates),
            ("Stages", self._stages),
            ("Candidates", self._candidates),
            ("Rescores", self._rescores),
            ("Assessments", self._assessments),
        ]
        checks = [key]
        for name, probe in families:
            checks.append(await self._family(name, probe))
        return checks

    async def _key_check(self) -> Check:
        base = self.client.base_url
        try:
            body, _ = await self.client.exchange(
                "GET", "/jobs", params={"pageNumber": 1, "perPage": 10}, idempotent=True
            )
        except AuthenticationError as exc:
            shape = "" if self.key_looks_right else f" It does not look like one: {KEY_SHAPE}."
            return Check(
                KEY_CHECK,
                "fail",
                f"TapTalent refused the API key (401): TAPTALENT_API_KEY is wrong, revoked, "
                f"or not a key for {base}.{shape} TapTalent said: {exc.message}",
                fix="Copy the key from TapTalent's dashboard (API Keys) into TAPTALENT_API_KEY.",
            )
        except PermissionDeniedError as exc:
            return Check(
                KEY_CHECK,
                "fail",
                f"The key is valid but TapTalent refused access (403): {exc.message}",
                fix="Check the company's subscription and the key's permissions with TapTalent.",
            )
        except (NotFoundError, APIResponseValidationError):
            return Check(
                KEY_CHECK,
                "fail",
                f"{base} does not serve the Partner API (GET /jobs found no API there).",
                fix="Set TAPTALENT_BASE_URL to https://partner-api.taptalent.io/v1/partner "
                "(or the sandbox URL); it ends in /v1/partner.",
            )
        except APIConnectionError as exc:
            return Check(
                KEY_CHECK,
                "fail",
                str(exc),
                fix="Check the network and TAPTALENT_BASE_URL.",
            )
        except TapTalentError as exc:
            return Check(
                KEY_CHECK,
                "fail",
                str(exc),
                fix="Try again later; if it persists, contact TapTalent.",
            )
        self.seen.jobs = body
        count = len(_items(body, "jobs"))
        return Check(KEY_CHECK, "pass", f"GET {base}/jobs answered with {count} job(s).")

    async def _family(self, name: str, probe: Callable[[], Awaitable[list[str]]]) -> Check:
        self.compared = []
        try:
            differences = await probe()
        except TapTalentError as exc:
            return Check(name, "fail", str(exc), fix="See the message; run with -v for details.")
        except _Skip as skip:
            return Check(name, "skip", str(skip))
        if differences:
            return Check(
                name,
                "fail",
                f"{len(differences)} difference(s) from the contract:",
                fix=_SHAPE_FIX,
                differences=differences,
            )
        return Check(name, "pass", f"As documented: {', '.join(self.compared)}.")

    async def _probe(
        self,
        operation_id: str,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        error_expected: bool = False,
    ) -> tuple[Any, list[str]]:
        """Send one read; (body, differences from the contract's answer for its status)."""
        try:
            body, response = await self.client.exchange(
                method, path, params=params, json=json, idempotent=True
            )
            status = response.status_code
        except APIStatusError as exc:
            if not error_expected:
                raise
            body, status = exc.body, exc.status_code
        label = f"{method} {path}"
        self.compared.append(f"{label} ({status})")
        try:
            schema = contract.response_schema(operation_id, status)
        except contract.ContractError:
            return body, [f"{label}: answered {status}, which the contract does not document"]
        return body, [f"{label}: {d}" for d in contract.differences(schema, body)]

    async def _jobs(self) -> list[str]:
        self.compared.append("GET /jobs (200)")
        found = _diff_only("listJobs", "GET /jobs", self.seen.jobs)
        jobs = _items(self.seen.jobs, "jobs")
        if not jobs:
            raise _Skip("The account has no jobs: nothing more to compare.")
        body, more = await self._probe("getJob", "GET", f"/jobs/{_seg(jobs[0].get('id'))}")
        self.seen.job = _unwrap(body) if isinstance(_unwrap(body), dict) else {}
        return found + more

    async def _job_candidates(self) -> list[str]:
        job_id = self.seen.job.get("id")
        if job_id is None:
            raise _Skip("No job to look into.")
        path = f"/job-candidates/job/{_seg(job_id)}/candidates"
        body, found = await self._probe("listJobCandidates", "GET", path, params={"perPage": 10})
        self.seen.job_candidates = [c for c in _items(body, "candidates") if isinstance(c, dict)]
        ids = [c.get("jobCandidateId", c.get("id")) for c in self.seen.job_candidates[:3]]
        ids = [i for i in ids if i is not None]
        for record in self.seen.job_candidates:
            self.seen.candidate_id = self.seen.candidate_id or _candidate_id(record)
            self.seen.stage_id = self.seen.stage_id or record.get("stageId")
        if ids:
            _, more = await self._probe(
                "bulkFetchJobCandidates",
                "POST",
                "/job-candidates/bulk-fetch",
                json={"jobCandidateIds": ids},
            )
            found += more
        return found

    async def _stages(self) -> list[str]:
        stages = self.seen.job.get("pipelineStage") or []
        kinds = [s.get("type") for s in stages if isinstance(s, dict) and s.get("type")]
        stage_type = str(kinds[0]).upper() if kinds else "APPLIED"
        params = {"type": stage_type, "perPage": 5}
        _, found = await self._probe(
            "listCandidatesByStageType", "GET", "/job-candidates/stage", params=params
        )
        if self.seen.stage_id is not None:
            path = f"/job-candidates/stage/{_seg(self.seen.stage_id)}/candidates"
            _, more = await self._probe(
                "listCandidatesByStageId", "GET", path, params={"perPage": 5}
            )
            found += more
        return found

    async def _candidates(self) -> list[str]:
        body, found = await self._probe(
            "listCandidates", "GET", "/candidates/list", params={"perPage": 5}
        )
        listed = [c.get("id") for c in _items(body, "candidates") if isinstance(c, dict)]
        candidate_id = self.seen.candidate_id or next((i for i in listed if i is not None), None)
        if candidate_id is not None:
            path = f"/candidates/{_seg(candidate_id)}"
            found += (await self._probe("getCandidate", "GET", path))[1]
            found += (
                await self._probe(
                    "bulkFetchCandidates",
                    "POST",
                    "/candidates/bulk-fetch",
                    json={"candidateIds": [candidate_id]},
                )
            )[1]
        return found

    async def _rescores(self) -> list[str]:
        # No run is started (that spends credits): an unknown id must get a documented 404.
        _, found = await self._probe(
            "getRescoreStatus", "GET", "/job-candidates/rescore/rescore_0_0", error_expected=True
        )
        return found

    async def _assessments(self) -> list[str]:
        body, found = await self._probe(
            "listAssessments", "GET", "/assessment", params={"pageNumber": 1, "perPage": 5}
        )
        listed = _items(body, "assessments")
        if listed and isinstance(listed[0], dict) and listed[0].get("assessmentId") is not None:
            path = f"/assessment/{_seg(listed[0]['assessmentId'])}"
            found += (await self._probe("getAssessment", "GET", path))[1]
        return found


class _Skip(Exception):
    """A family with nothing to probe (e.g. an account without jobs)."""


def _diff_only(operation_id: str, label: str, body: Any) -> list[str]:
    schema = contract.response_schema(operation_id, 200)
    return [f"{label}: {d}" for d in contract.differences(schema, body)]


def _candidate_id(record: dict[str, Any]) -> Any:
    """A job candidate's candidate id: `candidateId`, else its profile's `id` (the seed's
    job listing has no `candidateId`)."""
    if record.get("candidateId") is not None:
        return record["candidateId"]
    for key in ("candidate_details", "candidateDetails"):
        profile = record.get(key)
        if isinstance(profile, dict) and profile.get("id") is not None:
            return profile["id"]
    return None


def _unwrap(body: Any) -> Any:
    """`data` when the answer wraps its payload in one, else the answer itself."""
    if isinstance(body, dict) and "data" in body:
        return body["data"]
    return body


def _items(body: Any, key: str) -> list[Any]:
    for holder in (body, _unwrap(body)):
        if isinstance(holder, dict) and isinstance(holder.get(key), list):
            return list(holder[key])
    return []


def _seg(value: Any) -> str:
    return quote(str(value), safe="") or "0"


__all__ = ["FAMILIES", "KEY_CHECK", "Prober"]
