"""Help, errors and refusals: the ephemeral messages that teach the right form."""

from __future__ import annotations

import re

from bot.blocks import ids
from bot.blocks.candidates import Message, button
from bot.blocks.text import MESSAGE_BLOCKS, Block, context, esc, section, sections, trim

_EXAMPLE = re.compile(r"(Example: |Usage: |• )(/tt [^\n]+?)(?=$|\n)", re.MULTILINE)


def _code_examples(text: str) -> str:
    """Show `/tt …` examples as code so people can copy them (after escaping)."""
    return _EXAMPLE.sub(lambda m: f"{m.group(1)}`{m.group(2)}`", text)


def help_message(text: str) -> Message:
    lines = [_code_examples(esc(line)) for line in text.splitlines()]
    blocks: list[Block] = sections(lines)[: MESSAGE_BLOCKS - 1]
    blocks.append(context("Writes (rescore, move) are confirmed, attributed and audited."))
    return {"text": trim(esc(text), 3000), "blocks": blocks}


def error_message(message: str, example: str | None = None) -> Message:
    text = f"⚠️ {esc(message)}"
    blocks: list[Block] = [section(text)]
    if example:
        blocks.append(section(f"Try: `{trim(esc(example), 2900)}`"))
    blocks.append(context("`/tt help` lists every command."))
    return {"text": trim(text, 3000), "blocks": blocks}


def denied_message(what: str) -> Message:
    text = (
        f"🔒 You can't {what}: only the people and user groups listed in `TT_WRITERS` "
        "may rescore or move candidates. Ask a workspace admin to add you; "
        "everything else (`/tt top-candidates`, `/tt search`, …) still works."
    )
    return {"text": text, "blocks": [section(text)]}


def repeat_message() -> Message:
    text = "⏳ You just ran that; I'm ignoring the repeat so nothing happens twice."
    return {"text": text, "blocks": [section(text)]}


def help_button() -> Block:
    return button("Help", ids.HELP, {"t": "help"})
