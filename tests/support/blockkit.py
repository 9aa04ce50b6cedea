"""Slack's documented Block Kit limits, checked on everything the bot sends.

`limit_problems` walks a message or a view and lists every rule Slack documents that it
breaks (block counts, unique block ids, unique action ids per block, text and value
lengths, element and option counts). The fake Web API refuses such payloads with
`invalid_blocks`, as Slack does, and every bot test checks what was sent on teardown.

Sources: api.slack.com/reference/block-kit/blocks, …/block-elements,
…/composition-objects, …/surfaces/views, and chat.postMessage (50 blocks, 40,000 chars).
On top, slack_sdk's own models parse each block: a key they do not know is a typo that
Slack would refuse or drop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

if TYPE_CHECKING:
    from tests.support.fake_slack import Call

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
MESSAGE_TEXT = 40_000
ID_LENGTH = 255

# (block or element type, field) -> the longest text Slack accepts there.
TEXT_LIMITS: dict[tuple[str, str], int] = {
    ("section", "text"): 3000,
    ("section", "field"): 2000,
    ("header", "text"): 150,
    ("context", "element"): 2000,
    ("button", "text"): 75,
    ("button", "value"): 2000,
    ("button", "url"): 3000,
    ("option", "text"): 75,
    ("option", "value"): 150,
    ("confirm", "title"): 100,
    ("confirm", "text"): 300,
    ("confirm", "confirm"): 30,
    ("confirm", "deny"): 30,
    ("input", "label"): 2000,
    ("static_select", "placeholder"): 150,
    ("view", "title"): 24,
    ("view", "submit"): 24,
    ("view", "close"): 24,
    ("view", "private_metadata"): 3000,
    ("view", "callback_id"): 255,
}
COUNT_LIMITS: dict[tuple[str, str], int] = {
    ("actions", "elements"): 25,
    ("context", "elements"): 10,
    ("section", "fields"): 10,
    ("overflow", "options"): 5,
    ("static_select", "options"): 100,
}


def _text_of(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text") or "")
    return str(obj or "")


class _Walk:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def length(self, kind: str, field: str, value: Any, where: str) -> None:
        limit = TEXT_LIMITS[(kind, field)]
        text = _text_of(value)
        if len(text) > limit:
            self.problems.append(f"{where}: {kind} {field} has {len(text)} chars (max {limit})")

    def count(self, kind: str, field: str, items: list[Any], where: str) -> None:
        limit = COUNT_LIMITS[(kind, field)]
        if len(items) > limit:
            self.problems.append(f"{where}: {kind} has {len(items)} {field} (max {limit})")
        if kind == "overflow" and len(items) < 2:
            self.problems.append(f"{where}: an overflow needs 2 to 5 options")

    def element(self, element: dict[str, Any], where: str) -> None:
        kind = element.get("type", "")
        if len(str(element.get("action_id") or "")) > ID_LENGTH:
            self.problems.append(f"{where}: action_id longer than {ID_LENGTH}")
        if kind == "button":
            self.length("button", "text", element.get("text"), where)
            self.length("button", "value", element.get("value"), where)
            self.length("button", "url", element.get("url"), where)
        if kind in ("overflow", "static_select"):
            self.count(kind, "options", element.get("options") or [], where)
            for option in element.get("options") or []:
                self.length("option", "text", option.get("text"), where)
                self.length("option", "value", option.get("value"), where)
        if kind == "static_select":
            self.length("static_select", "placeholder", element.get("placeholder"), where)
        confirm = element.get("confirm")
        if isinstance(confirm, dict):
            for field in ("title", "text", "confirm", "deny"):
                self.length("confirm", field, confirm.get(field), where)

    def block(self, block: dict[str, Any], where: str) -> None:
        kind = block.get("type", "")
        if len(str(block.get("block_id") or "")) > ID_LENGTH:
            self.problems.append(f"{where}: block_id longer than {ID_LENGTH}")
        elements: list[dict[str, Any]] = []
        if kind == "section":
            self.length("section", "text", block.get("text"), where)
            fields = block.get("fields") or []
            self.count("section", "fields", fields, where)
            for f in fields:
                self.length("section", "field", f, where)
            if "accessory" in block:
                elements.append(block["accessory"])
        elif kind == "header":
            self.length("header", "text", block.get("text"), where)
        elif kind == "context":
            items = block.get("elements") or []
            self.count("context", "elements", items, where)
            for item in items:
                self.length("context", "element", item, where)
        elif kind == "actions":
            elements = list(block.get("elements") or [])
            self.count("actions", "elements", elements, where)
        elif kind == "input":
            self.length("input", "label", block.get("label"), where)
            elements.append(block.get("element") or {})
        action_ids = [e.get("action_id") for e in elements if e.get("action_id")]
        if len(action_ids) != len(set(action_ids)):
            self.problems.append(f"{where}: repeated action_id in one block: {action_ids}")
        for element in elements:
            self.element(element, where)

    def blocks(self, blocks: list[dict[str, Any]], limit: int) -> None:
        if not 0 < len(blocks) <= limit:
            self.problems.append(f"{len(blocks)} blocks (Slack takes 1 to {limit})")
        block_ids = [b["block_id"] for b in blocks if "block_id" in b]
        if len(block_ids) != len(set(block_ids)):
            self.problems.append(f"repeated block_id: {block_ids}")
        for i, block in enumerate(blocks):
            self.block(block, f"block {i} ({block.get('type')})")


def limit_problems(payload: dict[str, Any]) -> list[str]:
    """Every documented Slack limit `payload` (a message, or `{"view": …}`) breaks."""
    walk = _Walk()
    view = payload.get("view")
    if isinstance(view, dict):
        limit = MESSAGE_BLOCKS if view.get("type") not in ("modal", "home") else VIEW_BLOCKS
        for field in ("title", "submit", "close", "private_metadata", "callback_id"):
            if field in view:
                walk.length("view", field, view[field], "view")
        walk.blocks(view.get("blocks") or [], limit)
    elif "blocks" in payload:
        if len(str(payload.get("text") or "")) > MESSAGE_TEXT:
            walk.problems.append(f"message text over {MESSAGE_TEXT} chars")
        walk.blocks(payload["blocks"], MESSAGE_BLOCKS)
    return walk.problems


def auto_parsed(value: Any, path: str = "") -> list[str]:
    """mrkdwn objects Slack would auto-link (bare URLs, #channels, @names): every one the
    bot sends is `verbatim`, so candidate text can make no link or mention."""
    if isinstance(value, dict):
        found = (
            [path] if value.get("type") == "mrkdwn" and value.get("verbatim") is not True else []
        )
        return found + [p for k, v in value.items() for p in auto_parsed(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in auto_parsed(v, f"{path}[{i}]")]
    return []


def check_blocks(blocks: list[dict[str, Any]], limit: int = MESSAGE_BLOCKS) -> None:
    assert not auto_parsed(blocks), f"mrkdwn without verbatim at {auto_parsed(blocks)}"
    walk = _Walk()
    walk.blocks(blocks, limit)
    assert not walk.problems, walk.problems
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, f"unknown block: {block}"
        assert parsed.to_dict() == block, f"slack_sdk reads {block} differently"


def check_message(body: dict[str, Any]) -> None:
    assert body.get("text"), "a message needs fallback text for notifications"
    assert not limit_problems(body), limit_problems(body)
    check_blocks(body["blocks"])


def check_view(view: dict[str, Any]) -> None:
    assert View(**view).to_dict(), "view failed validation"
    assert not limit_problems({"view": view}), limit_problems({"view": view})
    check_blocks(view["blocks"], VIEW_BLOCKS)


def check_calls(calls: list[Call]) -> int:
    """Validate every message and view recorded; return how many were checked."""
    checked = 0
    for call in calls:
        if call.refused:
            continue  # the fake refused it as Slack would; the test checks what followed
        if "view" in call.body:
            check_view(call.body["view"])
            checked += 1
        elif "blocks" in call.body:
            check_message(call.body)
            checked += 1
    return checked
