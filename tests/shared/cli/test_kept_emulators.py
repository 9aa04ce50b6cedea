"""The ATS emulator remembers across `tt` commands, as the TapTalent sandbox does: each
command below is its own process on the same data folder, as a shell runs them."""

from __future__ import annotations

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
