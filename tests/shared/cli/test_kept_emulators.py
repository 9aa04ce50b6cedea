"""The ATS emulator remembers across `tt` commands, as the TapTalent sandbox does: each
command below is its own process on the same data folder, as a shell runs them."""

from __future__ import annotations

from pathlib import Path

from shared.cli.reset import reset_emulators
from shared.store import Store
from tests.conftest import make_settings
from tests.shared.cli.test_newcomer import tt

TOP_OF_4201 = "502538"


def test_a_candidate_pushed_by_one_command_can_be_rejected_by_the_next_until_reset():
    linked = tt("link", "job:4201", "ats:KJ0001")
    assert linked.returncode == 0, linked.stderr
    pushed = tt("push", TOP_OF_4201, "to:ats")
    assert pushed.returncode == 0 and "created the application" in pushed.stdout, pushed.stderr

    again = tt("push", TOP_OF_4201, "to:ats")
    assert again.returncode == 0 and "created" not in again.stdout
    # The application the first command created is in the ATS the next command talks to.
    rejected = tt("reject", TOP_OF_4201, 'reason:"Position filled"')
    assert rejected.returncode == 0, rejected.stdout + rejected.stderr
    assert 'was rejected in the ATS: "Position filled"' in rejected.stdout

    reset = tt("sandbox", "--reset")
    assert reset.returncode == 0 and "kombo" in reset.stdout and "sandbox" in reset.stdout
    assert "ATS links and pushes" in reset.stdout
    # Both sides forgot: the job is no longer linked, so a push says how to link it.
    unlinked = tt("push", TOP_OF_4201, "to:ats")
    assert "link" in (unlinked.stdout + unlinked.stderr).lower()
    tt("link", "job:4201", "ats:KJ0001")
    fresh = tt("push", TOP_OF_4201, "to:ats")
    assert fresh.returncode == 0 and "created the application" in fresh.stdout


async def test_a_reset_forgets_links_into_emulated_systems_only(tmp_path: Path):
    import asyncio

    settings = make_settings(tmp_path, TALYNCE_API_KEY="tly_real_key")  # Talynce is real
    async with Store.connect(settings.tt_db_path) as store:
        await store.link_system_job("instaview", "4201", "iv-job", linked_by="cli:me")
        await store.link_system_job("talynce", "4201", "ty-job", linked_by="cli:me")

    said = await asyncio.to_thread(reset_emulators, settings, 7)

    assert "tt forgot its InstaView job links" in said and "Talynce" not in said
    async with Store.connect(settings.tt_db_path) as store:
        assert await store.system_link("instaview", "4201") is None
        assert await store.system_link("talynce", "4201") is not None  # points at real data
