"""Help, errors and refusals: the ephemeral messages that teach the right form."""

from __future__ import annotations

import re

from bot.blocks import ids
from bot.blocks.kit import (
    MESSAGE_BLOCKS,
    Block,
    Message,
    button,
    context,
    message,
    section,
    sections,
)
from bot.blocks.payloads import NoValue
from bot.blocks.text import esc, trim
from shared.actions import ActionError
from shared.actions.errors import NextStep
from shared.actions.presentation import command_step, explain

PROG = "/tt"
_EXAMPLE = re.compile(r"(Example: |Usage: |• )(/tt [^\n]+?)(?=$|\n)", re.MULTILINE)


def _code_examples(text: str) -> str:
    """Show `/tt …` examples as code so people can copy them (after escaping)."""
    return _EXAMPLE.sub(lambda m: f"{m.group(1)}`{m.group(2)}`", text)


def help_message(text: str) -> Message:
    lines = [_code_examples(esc(line)) for line in text.splitlines()]
    blocks: list[Block] = sections(lines)[: MESSAGE_BLOCKS - 1]
    blocks.append(context("Writes (rescore, move) are confirmed, attributed and audited."))
    return message(esc(text), blocks)


def next_step_text(step: NextStep) -> str:
    """A next step in Slack's words: "Use `/tt jobs` to see the job ids."."""
    return command_step(step, PROG, code=lambda line: f"`{line}`")


def error_text(error: ActionError) -> str:
    """An action error as one Slack sentence, its next step naming `/tt` commands."""
    return explain(error, next_step_text)


def error_message(text: str, example: str | None = None, *, escaped: bool = False) -> Message:
    """`text` is plain (escaped here) unless `escaped` (it then holds our own markup)."""
    body = f"⚠️ {text if escaped else esc(text)}"
    blocks: list[Block] = [section(body)]
    if example:
        blocks.append(section(f"Try: `{trim(esc(example), 2900)}`"))
    blocks.append(context("`/tt help` lists every command."))
    return message(body, blocks)


def denied_message(what: str) -> Message:
    """For a recruiter: who to ask, not how the operator configures it."""
    text = (
        f"🔒 You can't {what}: rescoring and moving candidates are open to a chosen few "
        "in this workspace. Ask a Slack admin to add you; everything else "
        "(`/tt top-candidates`, `/tt search`, …) still works."
    )
    return message(text, [section(text)])


def repeat_message() -> Message:
    text = "⏳ You just ran that; I'm ignoring the repeat so nothing happens twice."
    return message(text, [section(text)])


def help_button() -> Block:
    return button("Help", ids.HELP, NoValue())
