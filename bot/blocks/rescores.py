"""Rescores in a channel: the button, the confirmation, what started, and its status."""

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
from bot.blocks.payloads import JobValue, NoValue, WriteRequest
from bot.blocks.text import esc, trim
from shared.actions.models import (
    CandidateRow,
    Id,
    RescoreGroupResult,
    RescoreStatusResult,
    ScoreChange,
)
from shared.actions.presentation import STATE_ICONS, plural, score_text, state_heading
from shared.actions.previews import RescorePreview

IDS_SHOWN = 3


def rescore_button(job_id: Id, job_title: str) -> Block:
    """Opens a confirmation that says how many candidates (and credits) it would take."""
    return button("Rescore job", ids.RESCORE_JOB, JobValue(job=job_id))


def confirm_buttons(request: WriteRequest, yes: str) -> Block:
    return actions(
        "write:confirm",
        [
            button(yes, ids.CONFIRM_WRITE, request, style="primary"),
            button("Cancel", ids.CANCEL_WRITE, NoValue()),
        ],
    )


def rescore_confirmation(preview: RescorePreview, request: WriteRequest) -> Message:
    """Ephemeral: what a rescore would do, before it does it."""
    job = f"*{trim(esc(preview.job.title), 120)}* (job {esc(preview.job.id)})"
    stage = f", stage *{trim(esc(preview.stage.name), 80)}*" if preview.stage else ""
    who = plural(preview.candidates, "candidate")
    text = (
        f"🔄 Rescore {job}{stage}? TapTalent will score {who} again against the job's "
        f"current criteria. This spends {plural(preview.candidates, 'scoring credit')}, "
        "one per candidate."
    )
    if not preview.candidates:
        text = f"ℹ️ {job}{stage} has no candidates to rescore."
        return message(text, [section(text)])
    return message(text, [section(text), confirm_buttons(request, "Rescore")])


def rescore_pending_message(job: object, user: str) -> Message:
    text = f"⏳ <@{user}> is starting a rescore of job {esc(job)}…"
    return message(text, [section(text)])


def _ids_line(rescore_ids: list[str]) -> str:
    shown = ", ".join(f"`{esc(r)}`" for r in rescore_ids[:IDS_SHOWN])
    more = f" and {len(rescore_ids) - IDS_SHOWN} more" if len(rescore_ids) > IDS_SHOWN else ""
    label = "Rescore id" if len(rescore_ids) == 1 else "Rescore ids"
    return f"{label}: {shown}{more} · `/tt rescore-status {esc(rescore_ids[0])}` reports it all"


def rescore_started_message(result: RescoreGroupResult, user: str) -> Message:
    """Posted in the channel; the completion alert is threaded under it."""
    job = f"*{trim(esc(result.job.title), 120)}* (job {esc(result.job.id)})"
    stage = f", stage {trim(esc(result.stage.name), 80)}" if result.stage else ""
    if result.out_of_credits:
        credits = (
            f" ({result.credits_available:,} available)"
            if result.credits_available is not None
            else ""
        )
        text = (
            f"⚠️ <@{user}> asked to rescore {job}{stage}, but nothing was rescored: "
            f"TapTalent has no scoring credits left{credits}.\n"
            "*What to do:* add credits in the TapTalent dashboard, then rescore again."
        )
        return message(text, [section(text)])
    if not result.rescore_ids:
        text = f"ℹ️ <@{user}> asked to rescore {job}{stage}: {esc(result.message)}"
        return message(text, [section(text)])
    text = (
        f"🔄 <@{user}> started a rescore of {job}{stage}: "
        f"{plural(result.total_queued, 'candidate')} queued. "
        "I'll post the results in this thread."
    )
    blocks = [section(text)]
    if result.not_queued:
        blocks.append(
            section(
                f"⚠️ {plural(result.not_queued, 'candidate')} could not be queued: "
                f"{esc(result.not_queued_reason or 'TapTalent refused them')}. "
                "Rescore them again once that is sorted out."
            )
        )
    blocks.append(context(_ids_line(result.rescore_ids)))
    return message(text, blocks)


def change_line(change: ScoreChange) -> str:
    name = trim(esc(change.name), 100)
    if change.is_new:
        return f"• {name}: *{score_text(change.after)}* _(scored for the first time)_"
    arrow = "" if change.delta is None else f" ({change.delta:+g})"
    return f"• {name}: {score_text(change.before)} → *{score_text(change.after)}*{arrow}"


def top_line(row: CandidateRow) -> str:
    return f"{row.rank or '•'}. {trim(esc(row.name), 100)} — *{score_text(row.score)}*"


def rescore_status_message(result: RescoreStatusResult) -> Message:
    icon = STATE_ICONS[result.status]
    text = (
        f"{icon} Rescore `{esc(result.rescore_id)}` of job {esc(result.job_id)}: *{result.status}*"
    )
    blocks: list[Block] = [header(state_heading(result.status)), section(text)]
    counts = []
    if result.total_requested is not None:
        counts.append(f"{result.total_requested:,} requested")
    if result.total_processed is not None:
        counts.append(f"{result.total_processed:,} processed")
    if result.total_failed:
        counts.append(f"{result.total_failed:,} failed")
    if result.status == "completed":
        counts.append(f"{plural(result.changed, 'score')} changed")
    if counts:
        blocks.append(context("  ·  ".join(counts)))
    if result.capped_by_credits:
        blocks.append(
            section(
                "⚠️ Scoring credits ran out part way. Add credits in the "
                "TapTalent dashboard, then rescore the rest."
            )
        )
    if result.errors:
        blocks += sections(["*Why:*"] + [f"• {trim(esc(e), 300)}" for e in result.errors[:10]])
    if result.changes:
        blocks += sections(["*Biggest changes*"] + [change_line(c) for c in result.changes])
    if result.new_top:
        blocks += sections(["*Top now*"] + [top_line(r) for r in result.new_top])
        top = button("Top candidates", ids.OPEN_TOP, JobValue(job=result.job_id))
        blocks.append(actions("status:actions", [top]))
    return message(text, blocks)
