"""`POST /webhooks/kombo`: signature before parsing, size cap, dedupe, restart, routing."""

from __future__ import annotations

import json
from pathlib import Path

from shared.actions.ats import link_job, push_candidate
from shared.actions.ats.models import AtsChange
from shared.kombo import signature
from shared.kombo_sandbox import KomboSandbox
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.webhooks.receiver import MAX_BODY_BYTES
from tests.shared.webhooks.conftest import RecordingNotifier, running

ME = Origin(kind="cli", user="cli:test")


class AtsRecorder(RecordingNotifier):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[AtsChange] = []

    async def ats_changed(self, change: AtsChange) -> None:
        self.changes.append(change)


def ksb_of(service) -> KomboSandbox:  # type: ignore[no-untyped-def]
    assert service.tk.ats is not None and service.tk.ats.sandbox is not None
    return service.tk.ats.sandbox


def signed(ksb: KomboSandbox, body: bytes) -> dict[str, str]:
    return {signature.HEADER: signature.sign(body, ksb.webhook_secret)}


async def test_refused_before_parsing_and_capped(sandbox: Sandbox, tmp_path: Path) -> None:
    async with running(sandbox, tmp_path, AtsRecorder()) as (service, http):
        ksb = ksb_of(service)
        not_json = b"{not json"
        assert (await http.post("/webhooks/kombo", content=not_json)).status_code == 401
        bad = await http.post("/webhooks/kombo", content=not_json, headers=signed(ksb, not_json))
        assert bad.status_code == 400  # parsed only once the signature is right
        huge = b"{" + b" " * MAX_BODY_BYTES + b"}"
        assert (await http.post("/webhooks/kombo", content=huge)).status_code == 413
        no_id = json.dumps({"type": "data-changed"}).encode()
        answer = await http.post("/webhooks/kombo", content=no_id, headers=signed(ksb, no_id))
        assert answer.status_code == 400


async def test_other_events_are_kept_and_ignored(sandbox: Sandbox, tmp_path: Path) -> None:
    recorder = AtsRecorder()
    async with running(sandbox, tmp_path, recorder) as (service, http):
        ksb = ksb_of(service)
        body = json.dumps(
            {"id": "evt_sync", "type": "sync-finished", "data": {"sync_state": "SUCCEEDED"}}
        ).encode()
        assert (await http.post("/webhooks/kombo", content=body, headers=signed(ksb, body))).json()[
            "ok"
        ]
        jobs_only = ksb.data_changed_body("ats_jobs")
        await http.post("/webhooks/kombo", content=jobs_only, headers=signed(ksb, jobs_only))
        assert await service.kombo.process() == 0
        assert await service.tk.store.pending_kombo_deliveries() == []
    assert recorder.changes == []


async def test_a_delivery_stored_before_a_restart_is_processed_after_it(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    recorder = AtsRecorder()
    ksb = KomboSandbox(seed=7)  # the ATS outlives tt's restart
    async with running(sandbox, tmp_path, recorder, ksb) as (service, _):
        tk = service.tk
        await link_job(tk, 4201, "KJ0001", requested_by=ME)
        jcs = sandbox.job_candidate_ids(4201)[:3]
        pushed = [await push_candidate(tk, jc, requested_by=ME) for jc in jcs]
        ksb.move_in_ats(pushed[0].application_id, "Offer")
        ksb.reject_in_ats(pushed[1].application_id, "Position filled")
        body = ksb.data_changed_body("ats_applications")
        # Stored, then the process dies before acting on it.
        event_id = json.loads(body)["id"]
        await tk.store.add_kombo_delivery(event_id, "data-changed", body.decode())
    assert recorder.changes == []
    async with running(sandbox, tmp_path, recorder, ksb) as (service, http):
        await service.kombo.process()  # waits for the pass the start-up began
        again = await http.post("/webhooks/kombo", content=body, headers=signed(ksb, body))
        assert again.json()["duplicate"] is True
        assert await service.kombo.process() == 0
    messages = sorted(c.message for c in recorder.changes)
    assert len(messages) == 2, messages  # one line per changed application, the third none
    assert any("moved to Offer" in m for m in messages)
    assert any("rejected in the ATS (Position filled)" in m for m in messages)
    assert all(c.origin == ME for c in recorder.changes)


async def test_against_a_kombo_server_configured_like_the_real_one(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """KOMBO_* settings point at `tt kombo-sandbox` on loopback: the real-key path end to end."""
    import httpx

    from shared.kombo_sandbox.server import build
    from shared.service.background import serve_in_background

    ksb = KomboSandbox(seed=5)
    recorder = AtsRecorder()
    async with (
        serve_in_background(build(ksb), lifespan="off") as url,
        running(
            sandbox,
            tmp_path,
            recorder,
            KOMBO_API_KEY=ksb.api_key,
            KOMBO_INTEGRATION_ID=ksb.integration_id,
            KOMBO_BASE_URL=f"{url}/v1",
            KOMBO_WEBHOOK_SECRET=ksb.webhook_secret,
        ) as (service, _),
    ):
        tk = service.tk
        assert tk.ats is not None and tk.ats.sandbox is None  # a real client, over HTTP
        ksb.webhook_transport = httpx.ASGITransport(app=service.app)
        ksb.webhook_url = "http://tt/webhooks/kombo"
        await link_job(tk, 4201, "KJ0001", requested_by=ME)
        jc = sandbox.job_candidate_ids(4201)[0]
        pushed = await push_candidate(tk, jc, requested_by=ME)
        async with httpx.AsyncClient(base_url=url) as admin:
            moved = await admin.post(
                f"/_kombo/applications/{pushed.application_id}/move",
                json={"stage": "Offer"},
            )
            assert moved.json() == {"ok": True}
            sent = await admin.post("/_kombo/data-changed")
            assert sent.json() == {"ok": True, "status": 200}
        await service.kombo.process()
    [change] = recorder.changes
    assert change.message.endswith("moved to Offer in the ATS.")


async def test_odd_but_signed_events_never_block_the_queue(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    async with running(sandbox, tmp_path, AtsRecorder()) as (service, http):
        ksb = ksb_of(service)
        for n, data in enumerate([[1, 2], {"changed_models": "ats_applications"}, None]):
            body = json.dumps({"id": f"evt_odd_{n}", "type": "data-changed", "data": data})
            raw = body.encode()
            assert (
                await http.post("/webhooks/kombo", content=raw, headers=signed(ksb, raw))
            ).json()["ok"]
        await service.kombo.process()
        assert await service.tk.store.pending_kombo_deliveries() == []
