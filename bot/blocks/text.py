"""Text helpers for Block Kit: escaping, trimming to Slack's limits, small visual bits.

Candidate data comes from resumes and AI summaries, so it is untrusted: everything that
goes into `mrkdwn` passes through `esc`, which keeps `<!channel>` and `<https://…|…>` from
pinging or linking (Slack only parses those inside angle brackets).
"""

from __future__ import annotations

import re
from typing import Any

# Slack's documented limits (characters) for the places this bot writes text.
SECTION_TEXT = 3000
HEADER_TEXT = 150
CONTEXT_TEXT = 2000
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

Block = dict[str, Any]

_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")


def esc(text: object) -> str:
    """Escape the three characters Slack gives meaning to in mrkdwn."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trim(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters with an ellipsis, never inside an `&lt;` entity."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: limit - 1].rstrip())
    return cut + "…"


def redact(text: str) -> str:
    """Hide e-mail addresses and phone numbers that free text (summaries) may carry."""
    text = _EMAIL.sub("[email hidden]", text)

    def phone(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return "[phone hidden]" if digits >= 10 else match.group(0)

    return _PHONE.sub(phone, text)


def mrkdwn(text: str, limit: int = SECTION_TEXT) -> dict[str, str]:
    return {"type": "mrkdwn", "text": trim(text, limit) or " "}


def plain(text: str, limit: int = HEADER_TEXT) -> dict[str, Any]:
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
    items = [mrkdwn(p, CONTEXT_TEXT) for p in parts if p][:10]
    return {"type": "context", "elements": items or [mrkdwn(" ")]}


def divider() -> Block:
    return {"type": "divider"}


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


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:g}"


def score_bar(score: float | None, width: int = 10) -> str:
    if score is None:
        return "·" * width
    filled = round(max(0.0, min(100.0, score)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def age(seconds: float) -> str:
    """'just now', '4 min', '2 h 5 min', '3 d' — for the App Home."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago" if minutes else f"{hours} h ago"
    return f"{hours // 24} d ago"
