"""Fixtures: TapTalent's sandbox with the Kombo, InstaView and Talynce emulators, each
in-process, on a real SQLite file; and toolkits with any of them left out."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from shared.instaview_sandbox import InstaViewSandbox
from shared.kombo_sandbox import KomboSandbox
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.talynce_sandbox import TalynceSandbox
from shared.toolkit import Toolkit, open_toolkit
from tests.conftest import make_settings

JOB = 4201  # "Senior Backend Engineer" in every emulator's sample data
TITLE = "Senior Backend Engineer"
ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="111.222")


@pytest.fixture
def talynce_sb() -> TalynceSandbox:
    return TalynceSandbox()


@pytest.fixture
def instaview_sb() -> InstaViewSandbox:
    return InstaViewSandbox()


@pytest.fixture
def talynce_job(talynce_sb: TalynceSandbox) -> str:
    return talynce_sb.job_id(TITLE)


@pytest.fixture
async def xtk(
    sandbox: Sandbox, talynce_sb: TalynceSandbox, instaview_sb: InstaViewSandbox, tmp_path: Path
) -> AsyncIterator[Toolkit]:
    """Every system connected (their emulators)."""
    async with open_toolkit(
        make_settings(tmp_path),
        sandbox=sandbox,
        kombo_sandbox=KomboSandbox(seed=7),
        instaview_sandbox=instaview_sb,
        talynce_sandbox=talynce_sb,
    ) as tk:
        yield tk


@contextlib.asynccontextmanager
async def only(sandbox: Sandbox, tmp_path: Path, **emulators: object) -> AsyncIterator[Toolkit]:
    """A toolkit on a real TapTalent key (no emulator comes by itself), with only the
    emulators given (``kombo_sandbox=``, ``instaview_sandbox=``, ``talynce_sandbox=``)."""
    settings = make_settings(tmp_path, TAPTALENT_API_KEY=sandbox.api_key)
    async with open_toolkit(
        settings,
        transport=httpx.ASGITransport(app=sandbox.app),
        base_url="http://sandbox.local/v1/partner",
        **emulators,  # type: ignore[arg-type]
    ) as tk:
        yield tk
