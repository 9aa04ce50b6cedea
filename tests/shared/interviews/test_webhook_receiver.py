"""`POST /webhooks/instaview` on the real service: the signature is checked on the raw body
before anything parses it; no secret, no delivery; a repeated deliveryId is acted on once."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

from shared.actions.interviews import InterviewInvite, invite_to_interview
from shared.instaview.webhooks import SIGNATURE_HEADER, sign
from shared.instaview_sandbox import InstaViewSandbox
from shared.sandbox import Sandbox
from shared.service.app import Service
from shared.webhooks.receiver import MAX_BODY_BYTES
from tests.conftest import make_settings
from tests.shared.interviews.conftest import AGENT, ALICE, Notices, make_emulator, top_ids

PATH = "/webhooks/instaview"


@contextlib.asynccontextmanager
async def serving(
    sandbox: Sandbox, tmp_path: Path, notices: Notices, ivsb: InstaViewSandbox | None, **env: Any
) -> AsyncIterator[tuple[Service, httpx.AsyncClient]]:
    service = Service(
        make_settings(tmp_path, **env),
        sandbox=sandbox,
        surfaces=(),
        notifiers={"*": notices},  # type: ignore[dict-item]
        tick=3600,  # the test drives the tracker itself
        instaview_sandbox=ivsb,
    )
    async with service.app.router.lifespan_context(service.app):
        transport = httpx.ASGITransport(app=service.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
            yield service, http


def event(interview_id: str, name: str = "analysis.completed", **data: Any) -> bytes:
    body = {
        "event": name,
        "timestamp": "2026-11-27T10:00:00Z",
        "deliveryId": str(uuid.uuid4()),
        "data": {"interviewId": interview_id, "status": "COMPLETED", **data},
    }
    return json.dumps(body).encode()


ANALYSIS = {
    "general": {
        "overallRating": 81,
        "companyFitRating": 77,
        "strongPoints": ["Clear on Python"],
        "weakPoints": "No Kubernetes\nShort answers",
        "evaluation": "Advance.",
    }
}


async def test_signature_first_then_the_body(sandbox: Sandbox, tmp_path: Path) -> None:
    quiet = make_emulator(test_duration=600)
    async with serving(sandbox, tmp_path, Notices(), quiet) as (service, http):
        secret = quiet.webhook_secret
        not_json = b"{not json"
        assert (await http.post(PATH, content=not_json)).status_code == 401
        wrong = {SIGNATURE_HEADER: sign("not-the-secret", not_json)}
        assert (await http.post(PATH, content=not_json, headers=wrong)).status_code == 401
        bare = {SIGNATURE_HEADER: sign(secret, not_json).removeprefix("sha256=")}
        assert (await http.post(PATH, content=not_json, headers=bare)).status_code == 401
        right = {SIGNATURE_HEADER: sign(secret, not_json)}
        parsed = await http.post(PATH, content=not_json, headers=right)
        assert parsed.status_code == 400  # read only once the signature is right
        valid = event("x")
        forged = await http.post(PATH, content=valid, headers=wrong)
        assert forged.status_code == 401
        huge = b"{" + b" " * MAX_BODY_BYTES + b"}"
        assert (await http.post(PATH, content=huge)).status_code == 413
        assert await service.tk.store.unprocessed_deliveries() == []
    await quiet.aclose()


async def test_no_secret_no_delivery(sandbox: Sandbox, tmp_path: Path) -> None:
    # A real InstaView key and no INSTAVIEW_WEBHOOK_SECRET: nothing can be verified.
    env = {"INSTAVIEW_API_KEY": "sk_live_" + "k" * 24}
    async with serving(sandbox, tmp_path, Notices(), None, **env) as (service, http):
        assert service.tk.instaview is not None and service.tk.instaview.sandbox is None
        body = event("x")
        answer = await http.post(PATH, content=body, headers={SIGNATURE_HEADER: sign("", body)})
        assert answer.status_code == 401 and "no signing secret" in answer.json()["error"]


async def test_the_header_name_is_a_setting(sandbox: Sandbox, tmp_path: Path) -> None:
    quiet = make_emulator(test_duration=600)
    env = {"INSTAVIEW_SIGNATURE_HEADER": "X-Signature-256"}
    async with serving(sandbox, tmp_path, Notices(), quiet, **env) as (_, http):
        body = event("x", "interview.started")
        signature = sign(quiet.webhook_secret, body)
        usual = await http.post(PATH, content=body, headers={SIGNATURE_HEADER: signature})
        assert usual.status_code == 401
        named = await http.post(PATH, content=body, headers={"X-Signature-256": signature})
        assert named.status_code == 200
    await quiet.aclose()


async def test_a_repeated_delivery_is_acted_on_once(sandbox: Sandbox, tmp_path: Path) -> None:
    quiet = make_emulator(test_duration=600)
    notices = Notices()
    async with serving(sandbox, tmp_path, notices, quiet) as (service, http):
        tk = service.tk
        [jc] = await top_ids(tk, 1)
        invite = await invite_to_interview(tk, jc, AGENT, requested_by=ALICE)
        assert isinstance(invite, InterviewInvite)
        body = event(invite.interview_id, analysis=ANALYSIS)
        headers = {SIGNATURE_HEADER: sign(quiet.webhook_secret, body)}
        first = await http.post(PATH, content=body, headers=headers)
        again = await http.post(PATH, content=body, headers=headers)
        assert first.json() == {"ok": True, "duplicate": False}
        assert again.json() == {"ok": True, "duplicate": True}
        # A second, different delivery of the same end (InstaView retried with a new id).
        other = event(invite.interview_id, analysis=ANALYSIS)
        headers = {SIGNATURE_HEADER: sign(quiet.webhook_secret, other)}
        assert (await http.post(PATH, content=other, headers=headers)).json()["duplicate"] is False
        await service.tracker.run_once()
        await service.tracker.run_once()
    [notice] = notices.sent
    assert notice.origin == ALICE
    assert "Overall rating 81/100 · company fit 77/100" in notice.lines[1]
    assert "Weak points: No Kubernetes; Short answers" in notice.lines
    await quiet.aclose()
