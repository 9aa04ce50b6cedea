"""Action and view ids shared by the builders (which emit them) and the listeners.

Buttons carry what their listener needs in `value` as short JSON, so a click needs no
server-side session: the message itself is the state.
"""

from __future__ import annotations

import json
from typing import Any

from bot.blocks.text import BUTTON_VALUE, OPTION_VALUE

# block_actions
CANDIDATE_MENU = "tt_candidate_menu"  # overflow per candidate row: Details / Move
MOVE = "tt_move"
NEXT_PAGE = "tt_top_next"
PREVIOUS_PAGE = "tt_top_previous"
REFRESH = "tt_top_refresh"
RESCORE_JOB = "tt_rescore_job"
OPEN_TOP = "tt_open_top"
JOBS_PAGE = "tt_jobs_page"
HELP = "tt_help"

# view callback ids
MOVE_PICK = "tt_move_pick"
MOVE_CONFIRM = "tt_move_confirm"
INFO_VIEW = "tt_info"

# The stage select inside the move modal.
STAGE_BLOCK = "stage"
STAGE_SELECT = "stage_select"


def encode(data: dict[str, Any], limit: int = BUTTON_VALUE) -> str:
    """Compact JSON without Nones; raises if it would not fit where it goes."""
    text = json.dumps({k: v for k, v in data.items() if v is not None}, separators=(",", ":"))
    if len(text) > limit:
        raise ValueError(f"value too long for Slack ({len(text)} > {limit})")
    return text


def encode_option(data: dict[str, Any]) -> str:
    return encode(data, OPTION_VALUE)


def decode(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
