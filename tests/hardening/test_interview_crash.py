"""The interview loop over 20 invites, with duplicated, dropped and reordered webhooks and
a SIGKILL of the service in the middle: exactly one alert for each interview.

The service is the real process (`python -m bot`, no Slack, so alerts go to the log on
`tt.notify`), on a loopback port and a SQLite file it is restarted on. The TapTalent
sandbox and the InstaView emulator run in this test's event loop on loopback ports, so
they survive the kill; the emulator signs its webhooks and sends them to the service's
`/webhooks/instaview` through a gate the test opens when it wants them to arrive. The
invites are made by this test's own toolkit on the service's SQLite file (the service has
no route that invites). Interviews end when the test says (`finish`), not on timers.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared.actions.interviews import InterviewInvite, invite_to_interview
from shared.config import Settings
from shared.instaview_sandbox import InstaViewSandbox
from shared.sandbox import Sandbox
from shared.service.background import serve_in_background
from shared.store import Origin
from shared.toolkit import open_toolkit
from tests.hardening.conftest import small_sandbox, until
from tests.hardening.test_crash import Gate, ServiceProcess, free_port
from tests.secrets_guard import scan_text
from tests.shared.interviews.conftest import make_emulator

CLI = Origin(kind="cli", user="hardening")
AGENT = "Screening (English, online)"
TITLES = ("AI interview analysed:", "AI interview failed:", "AI interview expired:")
INVITES = 20


@dataclass
class Loop:
    sandbox: Sandbox
    emulator: InstaViewSandbox
    gate: Gate
    service: ServiceProcess
    settings: Settings

    def alerts(self) -> list[str]:
        """Each alert's last line names its interview: "… · InstaView interview <id>"."""
        lines = self.service.output().splitlines()
        ends = [i for i, line in enumerate(lines) if any(t in line for t in TITLES)]
        found = []
        for i in ends:
            tail = next(line for line in lines[i:] if "InstaView interview " in line)
            found.append(tail.rsplit("InstaView interview ", 1)[1].strip())
        return found

    async def owed(self) -> tuple[int, int, int]:
        health = await self.service.health()
        return (
            health["pending_operations"].get("interview", 0),
            health["unprocessed_webhooks"],
            health["unsent_notices"],
        )

    async def settled(self, pending: int = 0) -> None:
        """Until only `pending` interviews run, and no webhook or notice is owed."""
        for _ in range(1200):
            if await self.owed() == (pending, 0, 0):
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"the service still owes work: {await self.owed()}")


@pytest.fixture
async def loop(tmp_path: Path) -> AsyncIterator[Loop]:
    sandbox = small_sandbox(seed=31)
    emulator = make_emulator(
        test_duration=3600, interview_duration=3600, interview_failure_rate=0.15
    )
    emulator.faults.update(
        {
            "webhook_duplicate_rate": 0.3,
            "webhook_drop_rate": 0.2,
            "webhook_reorder_rate": 0.3,
        }
    )
    gate = Gate()
    emulator.webhook_transport = gate
    port = free_port()
    emulator.webhook_url = f"http://127.0.0.1:{port}/webhooks/instaview"
    db = tmp_path / "tt.sqlite3"
    try:
        async with (
            serve_in_background(sandbox.app, lifespan="off") as tt_url,
            serve_in_background(emulator.app, lifespan="off") as iv_url,
        ):
            inherited = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("TAPTALENT_", "SLACK_", "TT_", "INSTAVIEW_"))
            }
            env = {
                "TT_DB_PATH": str(db),
                "TAPTALENT_BASE_URL": f"{tt_url}/v1/partner",
                "TAPTALENT_API_KEY": sandbox.api_key,
                "TAPTALENT_WEBHOOK_KEY": sandbox.webhook_key,
                "INSTAVIEW_BASE_URL": f"{iv_url}/v1/public",
                "INSTAVIEW_API_KEY": emulator.api_key,
                "INSTAVIEW_WEBHOOK_SECRET": emulator.webhook_secret,
            }
            service = ServiceProcess(
                tmp_path,
                {
                    **inherited,
                    **env,
                    "PYTHONUNBUFFERED": "1",
                    "HOST": "127.0.0.1",
                    "PORT": str(port),
                    "TT_POLL_AFTER": "1",
                },
                port,
            )
            settings = Settings(**env, TT_POLL_AFTER=300)  # type: ignore[arg-type]
            try:
                yield Loop(sandbox, emulator, gate, service, settings)
            finally:
                if service.proc is not None and service.proc.poll() is None:
                    service.proc.kill()
                    service.proc.wait()
                gate.opened.set()
    finally:
        await emulator.aclose()
        await sandbox.aclose()


async def finish(loop: Loop, interview_ids: list[str]) -> None:
    for interview_id in interview_ids:
        await loop.emulator.finish(interview_id)


async def test_twenty_invites_a_kill_in_the_middle_one_alert_each(loop: Loop) -> None:
    await loop.service.start()
    async with open_toolkit(loop.settings) as tk:
        job = loop.sandbox.job_ids[0]
        ids = loop.sandbox.job_candidate_ids(job)[:INVITES]
        invited = [await invite_to_interview(tk, jc, AGENT, requested_by=CLI) for jc in ids]
    interviews = [i.interview_id for i in invited if isinstance(i, InterviewInvite)]
    assert len(interviews) == INVITES

    # The first half ends with the service up: duplicated, dropped (polling finds those)
    # and reordered webhooks.
    loop.gate.opened.set()
    await finish(loop, interviews[:10])
    await loop.emulator.drain(timeout=20)
    await until(lambda: len(loop.alerts()) >= 10, 60, "the first ten alerts")
    await loop.settled(pending=INVITES - 10)
    assert sorted(loop.alerts()) == sorted(interviews[:10])
    sent = loop.emulator.deliveries
    assert any(d.dropped for d in sent), "some webhooks were dropped"
    delivered = [d.body["deliveryId"] for d in sent if d.status_code == 200]
    assert len(delivered) > len(set(delivered)), "some webhooks came twice"

    # The second half ends while the service is down: its webhooks wait at the gate, then
    # fail (the emulator's retries find no service); polling after the restart ends them.
    loop.gate.opened.clear()
    await finish(loop, interviews[10:])
    await until(lambda: loop.gate.waiting >= 1, 20, "the emulator to send webhooks")
    await loop.service.kill()
    loop.gate.opened.set()
    await loop.emulator.drain(timeout=20)

    await loop.service.start()
    await until(lambda: len(loop.alerts()) >= INVITES, 120, "every alert")
    await loop.settled()
    await loop.service.stop()

    alerts = loop.alerts()
    assert sorted(alerts) == sorted(interviews), "exactly one alert per interview"
    output = loop.service.output()
    scan_text("python -m bot (interview crash drill)", output)
    assert "Traceback" not in output, output
    failed = [line for line in output.splitlines() if "AI interview failed:" in line]
    assert failed, "some interviews were drawn to fail, and say so"
    assert "(polled)" in output and "(webhook" in output  # both ways ended some
