"""Resume batches: validation, candidates created, job candidates scored, webhooks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.sandbox import Sandbox
from tests.shared.sandbox.conftest import HookReceiver, assert_error
from tests.support.sandboxes import big_job

URLS = [
    "https://files.example/cv-1.pdf",
    "https://files.example/cv-2.pdf",
    "https://files.example/cv-3.docx",
]


async def test_company_upload(sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver):
    before = (await api.get("/candidates/list")).json()["data"]["pagination"]["totalCandidates"]
    response = await api.post("/candidates/bulk/resume", json={"resumeURLs": URLS})
    body = response.json()
    assert response.status_code == 200 and body["success"] is True
    batch_id = body["data"]["batchId"]
    assert body["data"] == {"batchId": batch_id, "fileCount": 3}
    pending = (await api.get(f"/candidates/batch/{batch_id}")).json()["data"]
    assert pending["batchStatus"] == "PROCESSING" and pending["candidates"] == []
    await sandbox.drain()
    done = (await api.get(f"/candidates/batch/{batch_id}")).json()["data"]
    assert done["batchStatus"] == "COMPLETED"
    assert [c["resume"] for c in done["candidates"]] == URLS
    assert done["pagination"]["totalCandidates"] == 3
    after = (await api.get("/candidates/list")).json()["data"]["pagination"]["totalCandidates"]
    assert after == before + 3
    assert hooks.events() == [
        "resume.bulk_upload_parse.started",
        "resume.bulk_upload_parse.completed",
    ]
    completed = hooks.received[1]["body"]["data"]
    assert completed == {
        "batchId": batch_id,
        "status": "COMPLETED",
        "fileCount": 3,
        "successCount": 3,
        "failedCount": 0,
        "jobId": None,
    }


async def test_job_upload_creates_scored_job_candidates(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    job_id = big_job(sandbox)
    urls = [*URLS, "https://files.example/fail-corrupt.pdf"]
    response = await api.post(
        "/job-candidates/bulk/resume", json={"jobId": job_id, "resumeURLs": urls}
    )
    data = response.json()["data"]
    assert data == {"batchId": data["batchId"], "fileCount": 4, "jobId": job_id}
    await sandbox.drain()
    listing = await api.get(f"/job-candidates/job/{job_id}/candidates", params={"perPage": 10})
    newest = listing.json()["data"]["candidates"][:3]  # createdAt DESC: the uploads first
    assert {jc["candidate_details"]["resume"] for jc in newest} == set(URLS)
    assert all(jc["profileMatchScore"] is not None for jc in newest)
    assert all(jc["evaluationStatus"] == "COMPLETED" for jc in newest)
    assert listing.json()["data"]["pagination"]["totalCandidates"] == 253
    completed = hooks.received[1]["body"]
    assert completed["event"] == "resume.bulk_upload_parse.completed"
    assert (completed["data"]["successCount"], completed["data"]["failedCount"]) == (3, 1)
    # **choice**: each file that could not be parsed is named with its reason.
    assert [e["url"] for e in completed["data"]["errors"]] == [urls[-1]]


async def test_batch_where_every_file_fails(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    body = {"resumeURLs": ["https://files.example/fail.pdf"]}
    batch_id = (await api.post("/candidates/bulk/resume", json=body)).json()["data"]["batchId"]
    await sandbox.drain()
    assert (await api.get(f"/candidates/batch/{batch_id}")).json()["data"]["batchStatus"] == (
        "FAILED"
    )
    assert hooks.events()[-1] == "resume.bulk_upload_parse.failed"


@pytest.mark.parametrize(
    ("urls", "field"),
    [
        (None, "resumeURLs"),
        ([], "resumeURLs"),
        ("https://one.pdf", "resumeURLs"),
        (["https://a.pdf", "   "], "resumeURLs[1]"),
        (["https://a.pdf", 7], "resumeURLs[1]"),
        (["ftp://files.example/a.pdf"], "resumeURLs[0]"),
        (["https://127.0.0.1/a.pdf"], "resumeURLs[0]"),
        ([f"https://files.example/{i}.pdf" for i in range(5001)], "resumeURLs"),
    ],
)
async def test_upload_validation(api: httpx.AsyncClient, urls: Any, field: str):
    body = {} if urls is None else {"resumeURLs": urls}
    response = await api.post("/candidates/bulk/resume", json=body)
    assert_error(response, 400, "INVALID_REQUEST", field)


async def test_every_refused_url_is_named(api: httpx.AsyncClient):
    urls = ["https://files.example/ok.pdf", " ", "file:///etc/cv.pdf", "https://localhost/x.pdf"]
    response = await api.post("/candidates/bulk/resume", json={"resumeURLs": urls})
    details = response.json()["error"]["details"]
    assert set(details) == {"resumeURLs[1]", "resumeURLs[2]", "resumeURLs[3]"}
    assert "publicly accessible" in details["resumeURLs[2]"]


async def test_job_upload_validation(sandbox: Sandbox, api: httpx.AsyncClient):
    url = "/job-candidates/bulk/resume"
    assert_error(await api.post(url, json={"resumeURLs": URLS}), 400, "INVALID_REQUEST", "jobId")
    assert_error(
        await api.post(url, json={"jobId": "x", "resumeURLs": URLS}),
        400,
        "INVALID_REQUEST",
        "jobId",
    )
    assert_error(
        await api.post(url, json={"jobId": big_job(sandbox), "resumeURLs": [""]}),
        400,
        "INVALID_REQUEST",
        "resumeURLs[0]",
    )
    assert_error(await api.post(url, json={"jobId": 5, "resumeURLs": URLS}), 404, "NOT_FOUND")
    assert_error(await api.get("/candidates/batch/12345"), 404, "NOT_FOUND")


async def test_five_thousand_urls_are_accepted(sandbox: Sandbox, api: httpx.AsyncClient):
    urls = [f"https://files.example/{i}.pdf" for i in range(5000)]
    response = await api.post("/candidates/bulk/resume", json={"resumeURLs": urls})
    assert response.json()["data"]["fileCount"] == 5000
    await sandbox.drain()
    batch = await api.get(
        f"/candidates/batch/{response.json()['data']['batchId']}",
        params={"perPage": 100, "page": 50},
    )
    assert batch.json()["data"]["pagination"]["totalCandidates"] == 5000
    assert len(batch.json()["data"]["candidates"]) == 100
