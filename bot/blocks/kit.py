"""Block Kit primitives: text objects, blocks, buttons, confirm dialogs, modals.

Every builder goes through these, so Slack's documented limits live in one place: text is
trimmed to what its field accepts, and `fit` keeps a message within 50 blocks. Every
mrkdwn object is `verbatim`: Slack then never turns a bare URL, #channel or @name in it
into a link or a mention (ours are written `<@U…>`, which verbatim text still shows).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from bot.blocks.payloads import encode
from bot.blocks.text import trim

# Slack's documented limits (characters, or counts) for the places this bot writes.
SECTION_TEXT = 3000
HEADER_TEXT = 150
CONTEXT_TEXT = 2000
CONTEXT_ELEMENTS = 10
BUTTON_TEXT = 75
OPTION_TEXT = 75
OPTION_VALUE = 150
BUTTON_VALUE = 2000
VIEW_TITLE = 24
VIEW_BUTTON = 24
CONFIRM_TITLE = 100
CONFIRM_TEXT = 300
CONFIRM_BUTTON = 30
PRIVATE_METADATA = 3000
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
MESSAGE_TEXT = 3000  # the notification fallback; Slack takes 40,000 but shows far less

Block = dict[str, Any]
Message = dict[str, Any]


def mrkdwn(text: str, limit: int = SECTION_TEXT) -> Block:
    return {"type": "mrkdwn", "text": trim(text, limit) or " ", "verbatim": True}


def plain(text: str, limit: int = HEADER_TEXT) -> Block:
    # plain_text is never parsed for mentions or links, and entities would show literally;
    # angle brackets become look-alikes so no copy of this text can turn into markup later.
    safe = str(text).replace("<", "‹").replace(">", "›")
    return {"type": "plain_text", "text": trim(safe, limit) or " ", "emoji": True}


def section(text: str, *, accessory: Block | None = None, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if accessory is not None:
        block["accessory"] = accessory
    if block_id is not None:
        block["block_id"] = block_id
    return block


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_TEXT)}


def context(*parts: str) -> Block:
    items = [mrkdwn(p, CONTEXT_TEXT) for p in parts if p][:CONTEXT_ELEMENTS]
    return {"type": "context", "elements": items or [mrkdwn(" ")]}


def divider() -> Block:
    return {"type": "divider"}


def actions(block_id: str, elements: list[Block]) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": elements[:25]}


def sections(lines: list[str], limit: int = SECTION_TEXT) -> list[Block]:
    """Pack lines into as few sections as fit Slack's per-section limit."""
    blocks: list[Block] = []
    chunk = ""
    for line in lines:
        line = trim(line, limit)
        if chunk and len(chunk) + 1 + len(line) > limit:
            blocks.append(section(chunk))
            chunk = line
        else:
            chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        blocks.append(section(chunk))
    return blocks


def message(text: str, blocks: list[Block]) -> Message:
    """A message within Slack's limits: fallback text trimmed, at most 50 blocks."""
    return {"text": trim(text, MESSAGE_TEXT) or " ", "blocks": blocks[:MESSAGE_BLOCKS]}


def confirm(title: str, text: str, yes: str, no: str = "Cancel") -> Block:
    return {
        "title": plain(title, CONFIRM_TITLE),
        "text": mrkdwn(text, CONFIRM_TEXT),
        "confirm": plain(yes, CONFIRM_BUTTON),
        "deny": plain(no, CONFIRM_BUTTON),
    }


def button(
    text: str,
    action_id: str,
    value: BaseModel,
    *,
    style: str | None = None,
    confirm_with: Block | None = None,
) -> Block:
    """A button whose click carries `value` (a payload model, see `bot.blocks.payloads`)."""
    element: Block = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT),
        "action_id": action_id,
        "value": encode(value, BUTTON_VALUE),
    }
    if style:
        element["style"] = style
    if confirm_with:
        element["confirm"] = confirm_with
    return element


def modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str,
    submit: str | None = None,
    close: str = "Close",
    meta: BaseModel | None = None,
) -> Block:
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, VIEW_TITLE),
        "close": plain(close, VIEW_BUTTON),
        "blocks": (blocks or [section(" ")])[:VIEW_BLOCKS],
    }
    if submit:
        view["submit"] = plain(submit, VIEW_BUTTON)
    if meta is not None:
        view["private_metadata"] = encode(meta, PRIVATE_METADATA)
    return view
