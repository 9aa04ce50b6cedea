"""Fixtures: the TapTalent sandbox and the InstaView emulator in-process, a toolkit on a
real SQLite file, and a tracker that drives the webhook/poll/notice machinery by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
from shared.notify import OperationNotice
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import Toolkit, open_toolkit
from shared.webhooks import OperationTracker
from tests.conftest import make_settings
from tests.secrets_guard import register_secret

JOB = 4201  # "Senior Backend Engineer" in both sandboxes
ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="111.222")
AGENT = "Screening (English, online)"


class Notices:
    """A notifier that keeps what it is handed (the tracker's notices)."""

    def __init__(self) -> None:
        self.sent: list[OperationNotice] = []

    async def rescore_finished(self, report: Any) -> None:
        raise AssertionError("no rescore expected")

    async def operation_finished(self, notice: OperationNotice) -> None:
        self.sent.append(notice)


def make_emulator(**config: Any) -> InstaViewSandbox:
    config.setdefault("test_duration", 0.01)
    config.setdefault("analysis_delay", 0.01)
    config.setdefault("per_minute", 10_000)
    config.setdefault("per_hour", 100_000)
    emulator = InstaViewSandbox(InstaViewSandboxConfig(**config))
    register_secret(emulator.api_key, "InstaView emulator API key")
    register_secret(emulator.webhook_secret, "InstaView emulator webhook secret")
    return emulator


@pytest.fixture
async def ivsb() -> AsyncIterator[InstaViewSandbox]:
    emulator = make_emulator()
    yield emulator
    await emulator.aclose()


@pytest.fixture
async def itk(sandbox: Sandbox, ivsb: InstaViewSandbox, tmp_path: Path) -> AsyncIterator[Toolkit]:
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox, instaview_sandbox=ivsb) as tk:
        yield tk


@pytest.fixture
def notices() -> Notices:
    return Notices()


@pytest.fixture
def tracker(itk: Toolkit, notices: Notices) -> OperationTracker:
    return OperationTracker(itk, notices)


async def top_ids(tk: Toolkit, n: int, job: int = JOB) -> list[int]:
    from shared.actions import top_candidates

    top = await top_candidates(tk, job, limit=n)
    return [int(r.job_candidate_id) for r in top.candidates]


def to_service(app: Any) -> httpx.AsyncBaseTransport:
    return httpx.ASGITransport(app=app)
