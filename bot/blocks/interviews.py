"""Slack messages for AI interviews (InstaView): the confirmation of what leaves TapTalent,
the invite, the agents to pick from, and an interview's progress.

Names and InstaView's words are escaped (no links, no mentions) and trimmed; InstaView's
analysis is labelled as AI analysis. Contact values appear only in what the use case put
there (TT_SHOW_CONTACT_DETAILS); field names always.
"""

from __future__ import annotations

from pydantic import BaseModel

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
from bot.blocks.payloads import AtsMeta, WriteRequest
from bot.blocks.rescores import confirm_buttons
from bot.blocks.text import esc, redact, trim
from shared.actions.interviews import (
    AgentChoices,
    AgentInfo,
    InterviewInvite,
    InterviewPlan,
    InterviewProgress,
)
from shared.actions.interviews.notice import analysis_lines

AGENT_BLOCK, AGENT_ACTION = "agent", "agent_pick"


def _lines(lines: list[str], limit: int = 2900) -> str:
    return trim("\n".join(esc(line) for line in lines), limit)


def interview_confirmation(plan: InterviewPlan, request: WriteRequest) -> Message:
    """Ephemeral, for `/tt interview …`: what leaves TapTalent, with Invite and Cancel."""
    text = (
        "🎙️ " + _lines(plan.lines()) + "\nThe invite is recorded in the audit log under your name."
    )
    return message(
        trim(text, 2900), [section(trim(text, 2900)), confirm_buttons(request, "Invite")]
    )


def agents_message(r: AgentChoices) -> Message:
    lines = [f"• *{esc(a.name)}* — {esc(_kind(a))}" for a in r.agents[:30]]
    example = (
        f'`/tt interview {esc(r.job_candidate_id)} agent:"{esc(r.agents[0].name)}"`'
        if r.agents
        else ""
    )
    text = trim(esc(r.message) + "\n" + "\n".join(lines), 2900)
    return message(
        text, [section(text), context(f"For example {example}")] if example else [section(text)]
    )


def _kind(a: AgentInfo) -> str:
    parts = [p for p in (a.type, a.focus, a.language) if p]
    minutes = f", {a.duration:g} min" if a.duration else ""
    return ", ".join(parts) + minutes


def invite_sentence(r: InterviewInvite, user: str | None) -> str:
    who = f"<@{user}> invited" if user else "Invited"
    when = f"for {esc(r.at)}" if r.at else "to start as soon as possible"
    test = " (a sandbox test interview: it ends in seconds)" if r.is_test else ""
    return (
        f"🎙️ {who} *{trim(esc(r.name), 120)}* to an AI interview with "
        f"“{trim(esc(r.agent.name), 80)}” {when}{test}. The analysis will follow in this thread."
    )


def invite_message(r: InterviewInvite, user: str | None) -> Message:
    sent = f"Sent to InstaView: {', '.join(r.fields)}; InstaView deletes it on {r.gdpr_expiry}."
    steps = "Created the InstaView job and linked it. " if r.job_created else ""
    extra = trim(esc(f"{steps}{sent} Interview {r.interview_id}."), 1900)
    return message(invite_sentence(r, user), [section(invite_sentence(r, user)), context(extra)])


def progress_message(r: InterviewProgress) -> Message:
    lines = [r.message]
    if r.scheduled_at:
        lines.append(f"Scheduled: {r.scheduled_at} · call attempts: {r.call_attempts}")
    if r.analysis is not None:
        lines += analysis_lines(r.analysis, r.score)
    text = _lines([redact(line) for line in lines])
    return message(text, [section(text), context(esc(f"InstaView interview {r.interview_id}"))])


def pending_invite_message(name: str, user: str) -> Message:
    text = f"⏳ <@{user}> is inviting *{trim(esc(name), 120)}* to an AI interview…"
    return message(text, [section(text)])


def invite_modal(
    plan: InterviewPlan, agents: list[AgentInfo], default: AgentInfo | None, meta: AtsMeta
) -> Block:
    """The row menu's confirmation: what leaves TapTalent, and the agent to use."""
    options = [
        {"text": plain(a.name, OPTION_TEXT), "value": trim(a.id, OPTION_VALUE)}
        for a in agents[:100]
    ]
    select: Block = {"type": "static_select", "action_id": AGENT_ACTION, "options": options}
    if default is not None:
        select["initial_option"] = next(o for o in options if o["value"] == default.id)
    head = f"Invite *{trim(esc(plan.name), 120)}* to an AI interview in InstaView?"
    blocks = [
        section(head),
        section(_lines(plan.lines()[1:])),
        {"type": "input", "block_id": AGENT_BLOCK, "label": plain("Agent"), "element": select},
    ]
    return modal(
        "AI interview", blocks, callback_id=ids.INTERVIEW_INVITE, submit="Invite", meta=meta
    )


def interview_message(result: BaseModel, user: str | None) -> Message | None:
    """The message for an interview result, or None when it is not one."""
    match result:
        case AgentChoices():
            return agents_message(result)
        case InterviewInvite():
            return invite_message(result, user)
        case InterviewProgress():
            return progress_message(result)
    return None
