"""Sandbox mode across processes: a `tt interview` command (its own toolkit and emulator
instance, on the same data folder) invites; `tt serve`'s emulator sees the interview, ends
it when it is due and sends the signed webhook to its service: one alert."""

from __future__ import annotations

import asyncio
from pathlib import Path

from shared.actions.interviews import InterviewInvite, interview_status, invite_to_interview
from shared.sandbox import Sandbox
from shared.service.app import Service
from shared.store import Origin
from shared.toolkit import open_toolkit
from tests.conftest import make_settings
from tests.shared.interviews.conftest import AGENT, Notices, top_ids

CLI = Origin(kind="cli", user="cli:test")


async def test_a_command_invites_and_the_service_alerts(sandbox: Sandbox, tmp_path: Path) -> None:
    notices = Notices()
    service = Service(
        make_settings(tmp_path),
        sandbox=sandbox,
        surfaces=(),
        notifiers={"*": notices},  # type: ignore[dict-item]
        tick=0.05,
    )
    async with service.app.router.lifespan_context(service.app):
        async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as command:
            assert command.instaview is not None and service.tk.instaview is not None
            assert command.instaview.sandbox is not service.tk.instaview.sandbox
            [jc] = await top_ids(command, 1)
            invite = await invite_to_interview(command, jc, AGENT, requested_by=CLI)
            assert isinstance(invite, InterviewInvite)
        # The command has exited; the service's emulator ends the interview when it is due.
        for _ in range(400):
            if notices.sent:
                break
            await asyncio.sleep(0.05)
        await service.tracker.run_once()
        [notice] = notices.sent
        assert notice.operation_id == invite.interview_id and notice.origin == CLI
        assert notice.title.startswith("AI interview analysed")
        delivered = service.tk.instaview.sandbox.deliveries  # type: ignore[union-attr]
        assert any(d.status_code == 200 for d in delivered)  # by webhook, not by polling
        progress = await interview_status(service.tk, jc)
        assert progress.phase == "completed" and progress.interview_id == invite.interview_id
