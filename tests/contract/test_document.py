"""The contract document itself: well-formed, complete, and matched by the sandbox's routes."""

from __future__ import annotations

import re

from jsonschema import Draft202012Validator
from starlette.applications import Starlette
from starlette.routing import Mount, Route

from shared.doctor import contract
from tests.contract.common import dialects, emulated_operations, small_sandbox

SEED_003_ENDPOINTS = {
    ("GET", "/jobs"),
    ("GET", "/jobs/{jobId}"),
    ("POST", "/jobs"),
    ("GET", "/candidates/list"),
    ("GET", "/candidates/{candidateId}"),
    ("POST", "/candidates/bulk/resume"),
    ("GET", "/candidates/batch/{batchId}"),
    ("POST", "/candidates/bulk-fetch"),
    ("GET", "/job-candidates/job/{jobId}/candidates"),
    ("POST", "/job-candidates/bulk-fetch"),
    ("POST", "/job-candidates/bulk/resume"),
    ("GET", "/assessment"),
    ("POST", "/assessment/audio-interviews"),
    ("GET", "/assessment/{assessmentId}"),
    ("PUT", "/assessment/{assessmentId}"),
    ("POST", "/assessment/{assessmentId}/questions"),
    ("PUT", "/assessment/{assessmentId}/questions/{questionId}"),
    ("DELETE", "/assessment/{assessmentId}/questions/{questionId}"),
    ("POST", "/assessment/auto-generate"),
    ("POST", "/assessment/{assessmentId}/generate-questions"),
    ("POST", "/assessment/{assessmentId}/invite"),
    ("GET", "/assessment/{assessmentId}/candidates"),
}
SEED_000_ENDPOINTS = {
    ("POST", "/job-candidates/rescore"),
    ("GET", "/job-candidates/rescore/{rescoreId}/candidates"),
    ("GET", "/job-candidates/rescore/{rescoreId}"),
    ("GET", "/job-candidates/stage"),
    ("GET", "/job-candidates/stage/{stageId}/candidates"),
    ("PATCH", "/job-candidates/{jobCandidateId}"),
    ("DELETE", "/job-candidates/{jobCandidateId}"),
    ("PUT", "/job-candidates/{jobCandidateId}/stage"),
}
# Beyond the seeds: described by the public notes (docs/taptalent-api-notes.md).
NOTES_ENDPOINTS = {("GET", "/assessment-flows"), ("GET", "/assessment-flows/{flowId}")}
DOCUMENTED_EVENTS = {
    "job.candidates.rescored",
    "resume.bulk_upload_parse.started",
    "resume.bulk_upload_parse.completed",
    "resume.bulk_upload_parse.failed",
    "candidate.removed_from_job",
    "candidate.updated",
}
# The reference says assessment webhooks exist (start, scoring completed, end, errors) but
# not their names: tt's choices, each marked x-choice in the contract.
CHOSEN_EVENTS = {
    "assessment.interview.started",
    "assessment.interview.ended",
    "assessment.interview.scoring_completed",
    "assessment.interview.error",
}


def test_every_documented_endpoint_and_event_is_in_the_contract():
    listed = {(method, path) for method, path, _ in contract.operations().values()}
    assert listed == SEED_000_ENDPOINTS | SEED_003_ENDPOINTS | NOTES_ENDPOINTS
    webhooks = contract.load()["webhooks"]
    assert set(webhooks) == DOCUMENTED_EVENTS | CHOSEN_EVENTS
    assert all("x-choice" in webhooks[event]["post"] for event in CHOSEN_EVENTS)


def test_every_schema_is_valid_json_schema_and_every_reference_resolves():
    document = contract.load()
    resolved = contract.resolve(document)
    for schema in resolved["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    for op, (_, _, operation) in contract.operations().items():
        assert {"400", "401", "500"} <= set(operation["responses"]), op
        for status in operation["responses"]:
            Draft202012Validator.check_schema(contract.response_schema(op, int(status)))


def test_the_sandbox_serves_every_operation_it_claims_to():
    app = small_sandbox(dialects()[0]).app
    assert isinstance(app, Starlette)
    served = set()
    for mount in app.routes:
        if isinstance(mount, Mount) and mount.path == "/v1/partner":
            for route in mount.routes:
                assert isinstance(route, Route)
                served |= {
                    (m, re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", route.path))
                    for m in route.methods or ()
                }
    for op in emulated_operations():
        method, path, _ = contract.operations()[op]
        assert (method, path) in served, f"{op}: {method} {path} is not served by the sandbox"
