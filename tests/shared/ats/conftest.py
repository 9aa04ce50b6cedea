from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.kombo_sandbox import KomboSandbox
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import Toolkit, open_toolkit
from tests.conftest import make_settings

JOB = 4201  # "Senior Backend Engineer" in the TapTalent sandbox
ATS_JOB = "KJ0001"  # "Senior Backend Engineer" in the Kombo emulator
ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="111.222")


@pytest.fixture
def ksb() -> KomboSandbox:
    return KomboSandbox(seed=7)


@pytest.fixture
async def atk(sandbox: Sandbox, ksb: KomboSandbox, tmp_path: Path) -> AsyncIterator[Toolkit]:
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox, kombo_sandbox=ksb) as tk:
        yield tk


async def top_ids(tk: Toolkit, n: int, job: int = JOB) -> list[int]:
    from shared.actions import top_candidates

    top = await top_candidates(tk, job, limit=n)
    return [int(r.job_candidate_id) for r in top.candidates]
