"""Moves and rescores: the move modals, and the channel messages that say who did what."""

from __future__ import annotations

from typing import Any

from bot.blocks import ids
from bot.blocks.candidates import Message, button, candidate_text
from bot.blocks.text import (
    OPTION_TEXT,
    PRIVATE_METADATA,
    VIEW_BUTTON,
    VIEW_TITLE,
    Block,
    context,
    esc,
    header,
    plain,
    plural,
    score_text,
    section,
    sections,
    trim,
)
from shared.actions.models import (
    CandidateDetail,
    CandidateRow,
    MoveResult,
    RescoreGroupResult,
    RescoreStatusResult,
    ScoreChange,
    StageInfo,
)


def modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str = ids.INFO_VIEW,
    submit: str | None = None,
    close: str = "Close",
    meta: dict[str, Any] | None = None,
) -> Block:
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, VIEW_TITLE),
        "close": plain(close, VIEW_BUTTON),
        "blocks": blocks or [section(" ")],
    }
    if submit:
        view["submit"] = plain(submit, VIEW_BUTTON)
    if meta:
        view["private_metadata"] = ids.encode(meta, PRIVATE_METADATA)
    return view


def loading_modal(title: str = "TapTalent") -> Block:
    return modal(title, [section("⏳ Loading…")])


def notice_modal(title: str, text: str) -> Block:
    return modal(title, [section(text)])


def _stage_option(stage: StageInfo) -> dict[str, Any]:
    count = "" if stage.count is None else f" · {stage.count:,}"
    value = str(stage.id) if stage.id is not None else stage.name
    return {
        "text": plain(f"{stage.name} ({stage.type}){count}", OPTION_TEXT),
        "value": trim(value, 150),
    }


def move_pick_modal(
    detail: CandidateDetail, stages: list[StageInfo], meta: dict[str, Any]
) -> Block:
    """Step 1: pick a stage. The stage after the current one is preselected ("next stage")."""
    options = [_stage_option(s) for s in stages][:100]
    current = next(
        (
            i
            for i, s in enumerate(stages)
            if detail.stage_id is not None and str(s.id) == str(detail.stage_id)
        ),
        None,
    )
    select: Block = {
        "type": "static_select",
        "action_id": ids.STAGE_SELECT,
        "placeholder": plain("Choose a stage", 150),
        "options": options,
    }
    if current is not None and current + 1 < len(options):
        select["initial_option"] = options[current + 1]
    blocks: list[Block] = [
        section(candidate_text(detail)),
        context(
            f"Now in *{esc(detail.stage or 'an unknown stage')}*"
            + (f" of {trim(esc(detail.job.title), 100)}" if detail.job else "")
        ),
        {
            "type": "input",
            "block_id": ids.STAGE_BLOCK,
            "label": plain("Move to", 2000),
            "element": select,
        },
    ]
    return modal(
        "Move candidate",
        blocks,
        callback_id=ids.MOVE_PICK,
        submit="Next",
        close="Cancel",
        meta=meta,
    )


def move_confirm_modal(
    name: str, from_stage: str | None, to_stage: str, job_title: str | None, meta: dict[str, Any]
) -> Block:
    """Step 2: say exactly what will happen before it happens."""
    where = f" in *{trim(esc(job_title), 100)}*" if job_title else ""
    origin = f" from *{trim(esc(from_stage), 80)}*" if from_stage else ""
    text = (
        f"Move *{trim(esc(name), 120)}*{origin} to *{trim(esc(to_stage), 80)}*{where}?\n"
        "The move is recorded in the audit log under your name."
    )
    return modal(
        "Confirm move",
        [section(text)],
        callback_id=ids.MOVE_CONFIRM,
        submit="Move",
        close="Cancel",
        meta=meta,
    )


def move_sentence(result: MoveResult, user: str | None) -> str:
    who = f"<@{user}>" if user else "Someone"
    name = f"*{trim(esc(result.name), 120)}*"
    to = f"*{trim(esc(result.to_stage.name), 80)}*"
    job = f" in {trim(esc(result.job.title), 100)} (job {esc(result.job.id)})"
    if not result.moved:
        return f"ℹ️ {name} is already in {to}{job}; nothing changed."
    source = f" from *{trim(esc(result.from_stage.name), 80)}*" if result.from_stage else ""
    mirrored = f" {esc(result.ats.message)}" if result.ats else ""  # the ATS pairing, if any
    return f"✅ {who} moved {name}{source} to {to}{job}.{mirrored}"


def move_message(result: MoveResult, user: str | None) -> Message:
    text = move_sentence(result, user)
    return {
        "text": text,
        "blocks": [section(text), context(f"Job candidate id {esc(result.job_candidate_id)}")],
    }


def rescore_pending_message(job: object, user: str) -> Message:
    text = f"⏳ <@{user}> is starting a rescore of job {esc(job)}…"
    return {"text": text, "blocks": [section(text)]}


def rescore_started_message(result: RescoreGroupResult, user: str) -> Message:
    """Posted in the channel; the completion alert is threaded under it."""
    job = f"*{trim(esc(result.job.title), 120)}* (job {esc(result.job.id)})"
    stage = f", stage {trim(esc(result.stage.name), 80)}" if result.stage else ""
    if result.out_of_credits:
        text = (
            f"⚠️ <@{user}> asked to rescore {job}{stage}, but nothing was rescored: "
            "TapTalent has no scoring credits left"
            + (
                f" ({result.credits_available} available)"
                if result.credits_available is not None
                else ""
            )
            + ".\n*What to do:* add credits in the TapTalent dashboard, then rescore again."
        )
        return {"text": text, "blocks": [section(text)]}
    if not result.rescore_ids:
        text = f"ℹ️ <@{user}> asked to rescore {job}{stage}: {esc(result.message)}"
        return {"text": text, "blocks": [section(text)]}
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
    blocks.append(
        context(trim("Rescore ids: " + ", ".join(f"`{esc(r)}`" for r in result.rescore_ids), 2000))
    )
    return {"text": text, "blocks": blocks}


def change_line(change: ScoreChange) -> str:
    delta = change.delta
    arrow = "" if delta is None else (f" ({delta:+g})")
    return (
        f"• {trim(esc(change.name), 100)}: {score_text(change.before)} → "
        f"*{score_text(change.after)}*{arrow}"
    )


def top_line(row: CandidateRow) -> str:
    return f"{row.rank or '•'}. {trim(esc(row.name), 100)} — *{score_text(row.score)}*"


def rescore_status_message(result: RescoreStatusResult) -> Message:
    icon = {"completed": "✅", "failed": "❌", "pending": "⏳", "expired": "⌛"}[result.status]
    text = (
        f"{icon} Rescore `{esc(result.rescore_id)}` of job {esc(result.job_id)}: *{result.status}*"
    )
    blocks: list[Block] = [header(f"Rescore {result.status}"), section(text)]
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
                "TapTalent dashboard, then rescore again."
            )
        )
    if result.errors:
        blocks += sections(["*Why:*"] + [f"• {trim(esc(e), 300)}" for e in result.errors[:10]])
    if result.changes:
        blocks += sections(["*Biggest changes*"] + [change_line(c) for c in result.changes])
    if result.new_top:
        blocks += sections(["*Top now*"] + [top_line(r) for r in result.new_top])
        blocks.append(
            {
                "type": "actions",
                "block_id": "status:actions",
                "elements": [button("Top candidates", ids.OPEN_TOP, {"j": result.job_id})],
            }
        )
    return {"text": text, "blocks": blocks}
