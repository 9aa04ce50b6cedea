"""The alert posted when a rescore request ends: counts, biggest changes, the new top 5.

A run cut short by credits is never headed "complete", and offers to rescore only the
candidates it left out (the ids come from the stored report when the button is pressed).
"""

from __future__ import annotations

from bot.blocks import ids
from bot.blocks.kit import (
    Block,
    Message,
    actions,
    button,
    context,
    header,
    message,
    section,
    sections,
)
from bot.blocks.payloads import JobValue, WriteRequest
from bot.blocks.rescores import change_line, rescore_button, top_line
from bot.blocks.text import esc, trim
from shared.actions.models import RescoreReport
from shared.actions.presentation import plural, state_heading


def _what_to_do(report: RescoreReport) -> str | None:
    reasons = " ".join(report.errors).lower()
    if report.cut_short or "credit" in reasons:
        rest = (
            f"press *Rescore the {len(report.not_done_ids):,} not done*"
            if report.not_done_ids
            else "rescore the rest"
        )
        return f"Add scoring credits in the TapTalent dashboard, then {rest}."
    if report.state == "expired":
        return "Check the job in TapTalent; `/tt rescore-status <id>` asks TapTalent again."
    if report.state in ("failed", "partial"):
        return "Try *Rescore job* again; if it keeps failing, check the job in TapTalent."
    return None


def _counts(report: RescoreReport) -> str:
    new = sum(1 for c in report.changes if c.is_new)
    parts = [f"{report.processed:,} rescored", f"{report.failed:,} failed"]
    parts.append(f"{plural(report.changed, 'score')} changed")
    if new:
        parts.append(f"{new:,} scored for the first time")
    if report.not_done_ids:
        parts.append(f"{len(report.not_done_ids):,} not done (no credits left)")
    return ", ".join(parts)


def _buttons(report: RescoreReport) -> list[Block]:
    buttons: list[Block] = [
        button("See top candidates", ids.OPEN_TOP, JobValue(job=report.job.id), style="primary")
    ]
    if report.not_done_ids:
        again = WriteRequest(not_done_of=report.group_id, job=report.job.id)
        label = f"Rescore the {len(report.not_done_ids):,} not done"
        buttons.append(button(label, ids.RESCORE_NOT_DONE, again))
    elif report.state != "completed":
        buttons.append(rescore_button(report.job.id, report.job.title))
    return buttons


def rescore_alert(report: RescoreReport) -> Message:
    job = f"*{trim(esc(report.job.title), 120)}* (job {esc(report.job.id)})"
    head = state_heading(report.state, icon=True)
    who = (
        f"requested by <@{report.origin.user}>"
        if (report.origin.kind == "slack" and report.origin.user)
        else (f"requested from {esc(report.origin.kind.upper())}")
    )
    blocks: list[Block] = [
        header(f"{state_heading(report.state)} · {report.job.title}"),
        section(f"{head}: {job}\n{_counts(report)}"),
        context(f"{who}  ·  took {max(0.0, report.ended_at - report.requested_at):.0f} s"),
    ]
    if report.errors:
        blocks += sections(["*Why:*"] + [f"• {trim(esc(e), 300)}" for e in report.errors[:10]])
    todo = _what_to_do(report)
    if todo:
        blocks.append(section(f"*What to do:* {todo}"))
    if report.changes:
        blocks += sections(["*Biggest changes*"] + [change_line(c) for c in report.changes])
    if report.new_top:
        blocks += sections(["*New top 5*"] + [top_line(r) for r in report.new_top[:5]])
    blocks.append(actions("alert:actions", _buttons(report)))
    text = (
        f"{head}: {esc(report.job.title)} (job {esc(report.job.id)}) — "
        f"{report.processed:,} rescored, {report.failed:,} failed"
    )
    return message(text, blocks)
