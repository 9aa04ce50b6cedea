"""Action and view ids shared by the builders (which emit them) and the listeners.

Slack wants action ids unique within a block: buttons of one kind that share a block (the
Home tab's quick "Top candidates" buttons) get an index, `tt_open_top.2`, and listeners
match the kind with `pattern`.
"""

from __future__ import annotations

import re

# block_actions
CANDIDATE_MENU = (
    "tt_candidate_menu"  # the menu per row (a select): Details / Move / ATS / assess / AI interview
)
MOVE = "tt_move"
NEXT_PAGE = "tt_top_next"
PREVIOUS_PAGE = "tt_top_previous"
REFRESH = "tt_top_refresh"
RESCORE_JOB = "tt_rescore_job"
RESCORE_NOT_DONE = "tt_rescore_not_done"
CONFIRM_WRITE = "tt_confirm_write"
CANCEL_WRITE = "tt_cancel_write"
OPEN_TOP = "tt_open_top"
JOBS_PAGE = "tt_jobs_page"
HELP = "tt_help"

# view callback ids
MOVE_PICK = "tt_move_pick"
MOVE_CONFIRM = "tt_move_confirm"
INFO_VIEW = "tt_info"
ATS_PUSH = "tt_ats_push"
ATS_REJECT = "tt_ats_reject"
INTERVIEW_INVITE = "tt_interview_invite"

# The stage select inside the move modal.
STAGE_BLOCK = "stage"
STAGE_SELECT = "stage_select"


def indexed(action_id: str, index: int) -> str:
    return f"{action_id}.{index}"


def pattern(action_id: str) -> re.Pattern[str]:
    """`action_id` itself or any `indexed` form of it."""
    return re.compile(rf"^{re.escape(action_id)}(\.\d+)?$")
