"""Moves: the two-step modal (pick a stage, confirm), the typed move's confirmation, and
the channel messages that say who moved whom where."""

from __future__ import annotations

from typing import Any

from bot.blocks import ids
from bot.blocks.kit import (
    OPTION_TEXT,
    OPTION_VALUE,
    Block,
    Message,
    context,
    message,
    modal,
    plain,
    section,
)
from bot.blocks.payloads import MoveMeta, WriteRequest
from bot.blocks.rescores import confirm_buttons
from bot.blocks.rows import candidate_text
from bot.blocks.text import esc, trim
from shared.actions.models import CandidateDetail, MoveResult, StageInfo
from shared.actions.previews import MovePreview


def loading_modal(title: str = "TapTalent") -> Block:
    return modal(title, [section("⏳ Loading…")], callback_id=ids.INFO_VIEW)


def notice_modal(title: str, text: str) -> Block:
    return modal(title, [section(text)], callback_id=ids.INFO_VIEW)


def _stage_option(stage: StageInfo) -> dict[str, Any]:
    count = "" if stage.count is None else f" · {stage.count:,}"
    value = str(stage.id) if stage.id is not None else stage.name
    return {
        "text": plain(f"{stage.name} ({stage.type}){count}", OPTION_TEXT),
        "value": trim(value, OPTION_VALUE),
    }


def move_pick_modal(detail: CandidateDetail, stages: list[StageInfo], meta: MoveMeta) -> Block:
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


def move_question(name: str, from_stage: str | None, to_stage: str, job_title: str | None) -> str:
    where = f" in *{trim(esc(job_title), 100)}*" if job_title else ""
    origin = f" from *{trim(esc(from_stage), 80)}*" if from_stage else ""
    return f"Move *{trim(esc(name), 120)}*{origin} to *{trim(esc(to_stage), 80)}*{where}?"


def move_confirm_modal(meta: MoveMeta, ats: str | None = None) -> Block:
    """Step 2: say exactly what will happen before it happens (in the ATS too, if the
    candidate was pushed to a job that mirrors moves)."""
    question = move_question(meta.name, meta.from_stage, meta.stage_name or "", meta.job_title)
    mirrored = f"\n{esc(ats)}" if ats else ""
    text = f"{question}{mirrored}\nThe move is recorded in the audit log under your name."
    return modal(
        "Confirm move",
        [section(text)],
        callback_id=ids.MOVE_CONFIRM,
        submit="Move",
        close="Cancel",
        meta=meta,
    )


def move_confirmation(preview: MovePreview, request: WriteRequest) -> Message:
    """Ephemeral, for `/tt move …`: the same question as the modal's, with Move and Cancel."""
    from_stage = preview.from_stage.name if preview.from_stage else None
    question = move_question(preview.name, from_stage, preview.to_stage.name, preview.job.title)
    if preview.changes_nothing:
        text = f"ℹ️ *{trim(esc(preview.name), 120)}* is already in *{esc(preview.to_stage.name)}*."
        return message(text, [section(text)])
    ats = f" {esc(preview.ats)}" if preview.ats else ""  # the ATS pairing, before the move
    text = f"{question}{ats} The move is recorded in the audit log under your name."
    return message(text, [section(text), confirm_buttons(request, "Move")])


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
    return message(
        text, [section(text), context(f"Job candidate id {esc(result.job_candidate_id)}")]
    )
