"""Check what the bot sends with slack_sdk's own Block Kit models.

`Block.parse(...).to_dict()` runs slack_sdk's validators (text lengths, element counts,
…); comparing its output with the input also catches keys slack_sdk does not know (a
typo would be dropped silently by Slack's own parser, or rejected).
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.bot.fake_slack import Call

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100


def check_blocks(blocks: list[dict[str, Any]], limit: int = MESSAGE_BLOCKS) -> None:
    assert 0 < len(blocks) <= limit, f"{len(blocks)} blocks"
    ids = [b["block_id"] for b in blocks if "block_id" in b]
    assert len(ids) == len(set(ids)), f"duplicate block ids: {ids}"
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, f"unknown block: {block}"
        assert parsed.to_dict() == block, f"slack_sdk reads {block} differently"
        for element in block.get("elements") or []:
            if "value" in element:
                assert len(element["value"]) <= 2000


def check_message(body: dict[str, Any]) -> None:
    assert body.get("text"), "a message needs fallback text for notifications"
    assert len(body["text"]) <= 40_000
    check_blocks(body["blocks"])


def check_view(view: dict[str, Any]) -> None:
    assert View(**view).to_dict(), "view failed validation"
    check_blocks(view["blocks"], VIEW_BLOCKS)
    assert len(view.get("private_metadata") or "") <= 3000
    if view["type"] == "modal":
        assert len(view["title"]["text"]) <= 24


def check_calls(calls: list[Call]) -> int:
    """Validate every message and view recorded; return how many were checked."""
    checked = 0
    for call in calls:
        if "view" in call.body:
            check_view(call.body["view"])
            checked += 1
        elif "blocks" in call.body:
            check_message(call.body)
            checked += 1
    return checked
