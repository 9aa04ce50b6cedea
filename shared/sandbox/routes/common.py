"""What every handler needs: the caller's company, lookups that 404, JSON answers."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from shared.sandbox.errors import not_found, unauthorized
from shared.sandbox.models import Job, JobCandidate
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company

_KEY_FORMAT = re.compile(r"^sk_(live|test)_[0-9A-Za-z]{22}$")


def authenticate(rt: Runtime, request: Request) -> Company:
    header = request.headers.get("authorization")
    if not header:
        raise unauthorized("Missing API key. Send Authorization: Bearer <key>.")
    scheme, _, key = header.partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise unauthorized("Malformed Authorization header. Expected: Bearer <key>.")
    if not _KEY_FORMAT.match(key):
        raise unauthorized("Invalid API key format.")
    company = rt.company_for_key(key)
    if company is None:
        raise unauthorized("Invalid API key.")
    return company


def ok(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)


def find_job(company: Company, job_id: int) -> Job:
    job = company.jobs.get(job_id)
    if job is None:
        raise not_found("Job")
    return job


def find_job_candidate(company: Company, jc_id: int) -> JobCandidate:
    jc = company.job_candidates.get(jc_id)
    if jc is None:
        raise not_found("Job candidate")
    return jc


def page_slice(items: list[Any], page: int, per_page: int) -> list[Any]:
    start = (page - 1) * per_page
    return items[start : start + per_page]
