"""Display facts derived once, so Slack, MCP and the terminal say the same thing.

Each surface chooses its own layout and markup; what a fact *is* (a plural, a score bar, a
state's heading, how a next step reads as a command) is decided here. Result models expose
the per-result facts as properties (`CandidateRow.must_have`, `JobsPage.pages`,
`TopCandidatesResult.tie`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from shared.actions.errors import ActionError, NextStep
from shared.commands.spec import COMMANDS

RescorePhase = Literal["pending", "completed", "partial", "failed", "expired"]

STATE_ICONS: dict[str, str] = {
    "pending": "⏳",
    "completed": "✅",
    "partial": "⚠️",
    "failed": "❌",
    "expired": "⌛",
}
STATE_HEADINGS: dict[str, str] = {
    "pending": "Rescore in progress",
    "completed": "Rescore complete",
    "partial": "Rescore partly complete",
    "failed": "Rescore failed",
    "expired": "Rescore did not report back",
}


def state_heading(state: RescorePhase, *, icon: bool = False) -> str:
    """'Rescore partly complete', or with `icon` '⚠️ Rescore partly complete'."""
    text = STATE_HEADINGS[state]
    return f"{STATE_ICONS[state]} {text}" if icon else text


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 candidate', '1,204 candidates', '2 matches' (pass `many` when 's' is wrong)."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def score_text(score: float | None) -> str:
    """A score as people read it: '87.25', '100', or '—' when not scored (two decimals at most,
    so two different scores never read alike)."""
    return "—" if score is None else f"{round(score, 2):g}"


def score_bar(score: float | None, width: int = 10) -> str:
    """'████████░░' for 80; dots when not scored."""
    if score is None:
        return "·" * width
    filled = round(max(0.0, min(100.0, score)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def must_have(met: int | None, total: int | None) -> str | None:
    """'3/4' Must Have criteria met, or None when the job has none."""
    return None if not total else f"{met or 0}/{total}"


def page_count(total: int | None, per_page: int) -> int | None:
    return None if total is None else max(1, -(-total // max(1, per_page)))


def skipped_note(count: int) -> str | None:
    """The sentence every surface shows when a list left out records it could not read."""
    if count <= 0:
        return None
    verb = "was" if count == 1 else "were"
    return f"{plural(count, 'record')} TapTalent sent could not be read and {verb} left out."


def tie_note(score: float, count: int) -> str:
    """The sentence every surface shows when a list is cut inside a tie."""
    return f"{plural(count, 'candidate')} tie at {score_text(score)}; shown in id order."


def command_line(step: NextStep, prog: str, name: str | None = None) -> str:
    """A next step as `/tt` or `tt` command text: 'tt top-candidates job:42'."""
    spec = COMMANDS[name or step.commands[0]]
    parts = [prog, spec.name]
    if name is None or name == step.commands[0]:
        for field, value in step.args.items():
            option = spec.option_for_field(field)
            if option is not None:
                parts.append(spec.token_for(option, value))
    return " ".join(parts)


def command_step(step: NextStep, prog: str, code: Callable[[str], str] = str) -> str:
    """A next step in the command language: 'Use `tt jobs` to see the job ids.'"""
    lines = [code(command_line(step, prog, name)) for name in step.commands]
    return f"Use {' or '.join(lines)} {step.purpose}."


def explain(error: ActionError, step_text: Callable[[NextStep], str]) -> str:
    """The whole sentence of an error, its next step worded by the surface."""
    parts = [error.message, error.hint or "", step_text(error.next_step) if error.next_step else ""]
    return " ".join(p for p in parts if p)
