"""The other systems' emulators kept in the data folder: what one process did, the next sees.

Each emulator (or toolkit) here stands for one process: it is closed before the next one
opens on the same folder, as one `tt` command ends before the next starts.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from shared.actions.ats import link_job, push_candidate, reject_in_ats
from shared.actions.ats.models import RejectResult
from shared.instaview import InstaViewClient
from shared.instaview.webhooks import verified_event
from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
from shared.instaview_sandbox.kept import INSTAVIEW
from shared.kombo_sandbox import KomboSandbox
from shared.kombo_sandbox.kept import KOMBO
from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.kept import forget_all, keep, kept_path
from shared.store import Origin
from shared.talynce import TalynceClient
from shared.talynce_sandbox import TalynceSandbox
from shared.talynce_sandbox.kept import TALYNCE
from shared.toolkit import open_toolkit
from tests.conftest import make_settings
from tests.shared.instaview.helpers import valid_candidate

ME = Origin(kind="cli", user="cli:tester")
TOP_OF_4201 = 502538  # the top candidate of job 4201 in the default sandbox (seed 7)
HOOK = "http://tt.test/webhooks/instaview"


def instaview(folder: Path) -> InstaViewSandbox:
    config = InstaViewSandboxConfig(test_duration=0.01, analysis_delay=0.01)
    return keep(InstaViewSandbox(config), INSTAVIEW, folder)


def instaview_client(sandbox: InstaViewSandbox) -> InstaViewClient:
    return InstaViewClient(
        sandbox.api_key,
        "http://instaview.test/v1/public",
        transport=httpx.ASGITransport(app=sandbox.app),
    )


def talynce_client(sandbox: TalynceSandbox) -> TalynceClient:
    return TalynceClient(
        sandbox.api_key,
        "http://talynce.test/api/v1",
        transport=httpx.ASGITransport(app=sandbox.app),
    )


async def test_an_application_pushed_by_one_command_is_in_the_ats_for_the_next(tmp_path: Path):
    settings = make_settings(tmp_path)  # sandbox mode: the default, kept, emulators
    async with open_toolkit(settings) as first:
        await link_job(first, 4201, "KJ0001", requested_by=ME)
        pushed = await push_candidate(first, TOP_OF_4201, requested_by=ME)
    assert pushed.created

    async with open_toolkit(settings) as second:
        assert second.ats is not None
        found = second.ats.client.applications.iter(ids=[pushed.application_id])
        assert [a.id async for a in found] == [pushed.application_id]  # in the ATS
        again = await push_candidate(second, TOP_OF_4201, requested_by=ME)
        assert not again.changed and again.application_id == pushed.application_id
        rejected = await reject_in_ats(second, TOP_OF_4201, "Position filled", requested_by=ME)
        assert isinstance(rejected, RejectResult) and rejected.rejected

    async with open_toolkit(settings) as third:
        assert third.ats is not None
        found = third.ats.client.applications.iter(ids=[pushed.application_id])
        assert [a.outcome async for a in found] == ["DECLINED"]  # Kombo's word


async def test_an_explicit_sandbox_keeps_its_ats_emulator_in_memory(tmp_path: Path):
    """Tests and the demo hand in their own TapTalent sandbox: the ATS beside it is theirs
    alone, and nothing is written to the data folder."""
    sandbox = Sandbox(SandboxConfig(seed=7))
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        await link_job(tk, 4201, "KJ0001", requested_by=ME)
        await push_candidate(tk, TOP_OF_4201, requested_by=ME)
    await sandbox.aclose()
    assert list(tmp_path.glob("*.world")) == []


async def test_instaview_records_and_an_unfinished_interview_go_on_in_the_next_process(
    tmp_path: Path,
):
    first = instaview(tmp_path)
    first.webhook_url = "http://first-process.test/webhooks/instaview"
    async with instaview_client(first) as api:
        job = first.job_id("Senior Backend Engineer")
        candidate = await api.candidates.create(**valid_candidate(job_ids=[job]))
        agent = first.agent_id("Screening (English, online)")
        interview = await api.interviews.create(
            candidate_id=candidate.id, agent_id=agent, is_test=True
        )
    await first.aclose()  # the command exits before its test interview ran

    received: list[tuple[bytes, dict[str, str]]] = []

    async def hook(request: Request) -> Response:
        received.append((await request.body(), dict(request.headers)))
        return Response(status_code=204)

    second = instaview(tmp_path)
    second.webhook_transport = httpx.ASGITransport(
        app=Starlette(routes=[Route("/webhooks/instaview", hook, methods=["POST"])])
    )
    second.webhook_url = HOOK
    async with instaview_client(second) as api:
        assert (await api.candidates.get(candidate.id)).email == "ana.costa@example.com"
        await second.drain()  # the interview went on here, to its analysis
        done = await api.interviews.get(interview.id)
    assert done.status == "COMPLETED" and done.analysis is not None
    events = [verified_event(second.webhook_secret, body, headers) for body, headers in received]
    assert [e.event for e in events] == [
        "interview.started",
        "interview.completed",
        "analysis.completed",
    ]
    assert second.webhook_url == HOOK  # its own, not the first process's
    await second.aclose()

    third = instaview(tmp_path)
    async with instaview_client(third) as api:
        seen = await api.interviews.get(interview.id)  # the timed steps were saved
    assert seen.status == "COMPLETED" and seen.analysis == done.analysis
    assert third.webhook_url is None
    await third.aclose()


async def test_talynce_matches_a_candidate_the_previous_process_created(tmp_path: Path):
    first = keep(TalynceSandbox(), TALYNCE, tmp_path)
    async with talynce_client(first) as api:
        created = await api.candidates.create(full_name="Jane Doe", email="jane@example.com")
    second = keep(TalynceSandbox(), TALYNCE, tmp_path)
    async with talynce_client(second) as api:
        again = await api.candidates.create(full_name="Jane Doe", email="JANE@example.com")
    assert created.created and not again.created
    assert again.candidate.id == created.candidate.id


@pytest.mark.parametrize(
    "content",
    [
        b"not a pickle",
        pickle.dumps({"format": 0, "key": 7, "state": None}),  # an older tt's file
    ],
    ids=["corrupt", "older-format"],
)
async def test_an_unusable_file_is_set_aside_with_a_warning_and_the_seed_starts_again(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
):
    path = kept_path(tmp_path, "talynce", 7)
    path.write_bytes(content)
    fresh = TalynceSandbox()
    kept = keep(TalynceSandbox(), TALYNCE, tmp_path)
    with caplog.at_level(logging.WARNING, logger="shared.sandbox"):
        async with talynce_client(kept) as api:
            listed = await api.candidates.list(limit=100)
    assert len(listed.items) == len(fresh.store.candidates)
    assert path.with_name(path.name + ".unreadable").read_bytes() == content
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert str(path) in warning and "starts again from its seed" in warning
    assert path.stat().st_mode & 0o077 == 0  # the fresh state, saved for this user only


async def test_a_reset_forgets_every_emulator(tmp_path: Path):
    kombo = keep(KomboSandbox(), KOMBO, tmp_path)
    talynce = keep(TalynceSandbox(), TALYNCE, tmp_path)
    async with talynce_client(talynce) as api:
        await api.candidates.create(full_name="Jane Doe", email="jane@example.com")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=kombo.app), base_url="http://kombo.local"
    ) as http:
        headers = {"Authorization": f"Bearer {kombo.api_key}"}
        assert (await http.get("/v1/check-api-key", headers=headers)).status_code == 200

    assert forget_all(tmp_path, 7) == ["kombo", "talynce"]
    again = keep(TalynceSandbox(), TALYNCE, tmp_path)
    async with talynce_client(again) as api:
        created = await api.candidates.create(full_name="Jane Doe", email="jane@example.com")
    assert created.created  # Talynce forgot her
    assert forget_all(tmp_path, 3) == []  # another seed's: none


async def test_the_toolkits_instaview_and_talynce_remember_across_commands(tmp_path: Path):
    settings = make_settings(tmp_path)
    async with open_toolkit(settings) as first:
        assert first.talynce is not None and first.instaview is not None
        created = await first.talynce.client.candidates.create(
            full_name="Jane Doe", email="jane@example.com"
        )
        iv = await first.instaview.client.candidates.create(**valid_candidate())
    async with open_toolkit(settings) as second:
        assert second.talynce is not None and second.instaview is not None
        again = await second.talynce.client.candidates.create(
            full_name="Jane Doe", email="jane@example.com"
        )
        assert (await second.instaview.client.candidates.get(iv.id)).id == iv.id
    assert created.created and not again.created
    assert again.candidate.id == created.candidate.id
    assert {p.name for p in tmp_path.glob("*.world")} >= {
        "instaview-seed7.world",
        "talynce-seed7.world",
    }
