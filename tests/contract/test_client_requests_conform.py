"""Every request the client builds is one the contract allows: path and query parameters
in the documented types and limits, JSON bodies valid against the request schemas.

Requests are recorded by a transport wrapped around the sandbox's ASGI transport while
each client method runs against the sandbox, in each of its dialects.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from shared.doctor import contract
from shared.sandbox import Sandbox
from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import TapTalentError
from tests.contract.calls import CALLS, EXTRA_CALLS, Ids
from tests.contract.common import BASE_URL, dialects, small_sandbox


class Recorder(httpx.AsyncBaseTransport):
    """Forwards to the sandbox and keeps every request it saw."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


def _template_regex(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
    return re.compile(f"^/v1/partner{pattern}$")


_ROUTES = [
    (method, _template_regex(path), op) for op, (method, path, _) in contract.operations().items()
]


def _typed(value: str, schema: dict[str, Any]) -> Any:
    """A query or path value as the type its schema names (the wire carries text)."""
    kinds = {schema.get("type")} | {b.get("type") for b in schema.get("anyOf", [])}
    if "integer" in kinds and re.fullmatch(r"-?\d+", value):
        return int(value)
    if "number" in kinds and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value)
    if "boolean" in kinds and value in ("true", "false"):
        return value == "true"
    return value


def problems(request: httpx.Request) -> list[str]:
    """What in this request the contract does not allow (empty when it conforms)."""
    path = request.url.path
    for method, regex, op in _ROUTES:  # noqa: B007 - `op` is the one that matched
        match = regex.match(path)
        if method == request.method and match:
            break
    else:
        return [f"{request.method} {path} is not an operation of the contract"]
    _, _, operation = contract.operations()[op]
    found: list[str] = []
    declared = {p["name"]: p for p in contract.resolve(operation.get("parameters", []))}
    values = {**match.groupdict(), **dict(request.url.params)}
    for name, value in values.items():
        if name not in declared:
            found.append(f"{op}: parameter {name!r} is not documented")
            continue
        schema = declared[name]["schema"]
        for error in Draft202012Validator(schema).iter_errors(_typed(value, schema)):
            found.append(f"{op}: {name}={value!r}: {error.message}")
    missing = [n for n, p in declared.items() if p.get("required") and n not in values]
    found += [f"{op}: required parameter {n!r} missing" for n in missing]
    schema = contract.request_schema(op)
    if schema is not None:
        body = httpx.Response(200, content=request.content).json() if request.content else None
        found += [f"{op}: {d}" for d in contract.differences(schema, body)]
    return found


async def _known_ids(sandbox: Sandbox, client: TapTalentClient) -> Ids:
    job = sandbox.job_ids[0]
    page = await client.job_candidates.list(job, per_page=10)
    candidates = page.candidates
    stage = next(c.stage_id for c in candidates if c.stage_id is not None)
    started = await client.rescores.start(job, job_candidate_ids=[candidates[0].id])
    batch = await client.candidates.bulk_upload_resumes(["https://files.example.com/a.pdf"])
    assessments = await client.assessments.list()
    first = await client.assessments.get(assessments.assessments[0].assessment_id)
    question = first.question_list()[0].question_id
    flows = await client.assessment_flows.list()
    return Ids(
        job=job,
        job_candidates=[int(c.id) for c in candidates[:3]],
        candidate=int(candidates[0].candidate_id or 1),
        stage=int(stage),
        batch=int(batch.batch_id),
        assessment=int(assessments.assessments[0].assessment_id),
        question=int(question or 1),
        flow=int(flows.flows[0].flow_id),
        rescore=str(started[0].rescore_id),
    )


@pytest.fixture(params=dialects())
async def recorded(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Recorder, Ids]]:
    sandbox = small_sandbox(request.param)
    recorder = Recorder(httpx.ASGITransport(app=sandbox.app))
    client = TapTalentClient(
        api_key=sandbox.api_key,
        base_url=BASE_URL,
        transport=recorder,
        retry=RetryPolicy(max_attempts=1),
    )
    try:
        ids = await _known_ids(sandbox, client)
        for name, call in {**CALLS, **EXTRA_CALLS}.items():
            try:
                await call(client, ids)
            except TapTalentError as exc:  # a refusal is still a request to check
                print(f"{name}: {exc}")
        yield recorder, ids
    finally:
        await client.aclose()
        await sandbox.aclose()


async def test_every_request_the_client_sends_is_documented(
    recorded: tuple[Recorder, Ids],
) -> None:
    recorder, _ = recorded
    sent = {
        op
        for r in recorder.requests
        for m, rx, op in _ROUTES
        if m == r.method and rx.match(r.url.path)
    }
    assert set(CALLS) <= sent, f"never sent: {sorted(set(CALLS) - sent)}"
    found = [p for request in recorder.requests for p in problems(request)]
    assert not found, "\n".join(found)


def test_the_checker_catches_a_string_where_the_seed_says_integer() -> None:
    request = httpx.Request(
        "POST",
        f"{BASE_URL}/job-candidates/rescore",
        json={"jobId": "42", "jobCandidateIds": ["7"]},
    )
    found = problems(request)
    assert any("jobId" in p for p in found), found
    assert any("jobCandidateIds" in p for p in found), found
