"""Slack messages for assessments: the list, one assessment's questions, the confirmation
of an invitation, and its outcome.

Names and questions are TapTalent's text: escaped (no links, no mentions) and trimmed.
A long question list shows what fits in one message and says how many it leaves out.
"""

from __future__ import annotations

from pydantic import BaseModel

from bot.blocks.kit import MESSAGE_BLOCKS, Block, Message, context, message, section, sections
from bot.blocks.payloads import WriteRequest
from bot.blocks.rescores import confirm_buttons
from bot.blocks.text import esc, trim
from shared.actions.assessments import (
    AssessmentDetail,
    AssessmentsResult,
    AssessmentSummary,
    InvitePreview,
    InviteResult,
)
from shared.actions.presentation import plural, score_text, skipped_note

LIST_LIMIT = 40  # rows in one message; the rest are counted
QUESTION_CHARS = 600
# Room kept for the heading, the facts and the closing note.
QUESTION_BLOCKS = MESSAGE_BLOCKS - 5


def _name(a: AssessmentSummary) -> str:
    return f"*{trim(esc(a.name), 120)}* (`{esc(a.id)}`)"


def _row(a: AssessmentSummary) -> str:
    job = f" · job {esc(a.job_id)}" if a.job_id else ""
    subs = "" if a.submissions is None else f" · {plural(a.submissions, 'submission')}"
    status = f" · {esc(a.status)}" if a.status else ""
    return f"• {_name(a)}{job}{status} · {plural(a.questions, 'question')}{subs}"


def assessments_message(r: AssessmentsResult) -> Message:
    whose = f" of *{trim(esc(r.job.title), 100)}* (job {esc(r.job.id)})" if r.job else ""
    head = f"📋 {plural(len(r.assessments), 'assessment')}{whose}"
    lines = [_row(a) for a in r.assessments[:LIST_LIMIT]]
    notes = []
    if len(r.assessments) > LIST_LIMIT:
        notes.append(f"…and {len(r.assessments) - LIST_LIMIT} more (`/tt assessments job:<id>`).")
    if note := skipped_note(r.skipped):
        notes.append(esc(note))
    notes.append(
        "`/tt assessment <id>` shows its questions; `/tt assess <job candidate id>` invites."
    )
    blocks: list[Block] = sections([head, *lines])[: MESSAGE_BLOCKS - 1]
    blocks.append(context(*notes))
    return message(head, blocks)


def assessment_message(d: AssessmentDetail) -> Message:
    a = d.assessment
    facts = [f"job {esc(a.job_id)}" if a.job_id else "", esc(a.status or ""), esc(a.kind or "")]
    facts += [f"{esc(a.minutes)} min" if a.minutes else ""]
    facts += [plural(a.submissions, "submission") if a.submissions is not None else ""]
    head = f"📋 {_name(a)}\n" + " · ".join(f for f in facts if f)
    about = [
        f"{label}: {trim(esc(v), 300)}"
        for label, v in (("Role", d.role), ("Purpose", d.purpose))
        if v
    ]
    if d.skills:
        about.append(trim("Skills: " + esc(", ".join(d.skills)), 500))
    lines = [
        f"{q.order}. {trim(esc(q.text), QUESTION_CHARS)}"
        + (f" _({q.seconds} s)_" if q.seconds else "")
        for q in d.questions
    ]
    blocks = [section("\n".join([head, *about]))]
    question_blocks = sections(
        [f"*Questions ({len(d.questions)})*", *lines] if lines else ["No questions yet."]
    )
    shown = question_blocks[:QUESTION_BLOCKS]
    blocks += shown
    blocks += _submission_blocks(d)
    notes = []
    if len(shown) < len(question_blocks):
        left = sum(block["text"]["text"].count("\n") + 1 for block in question_blocks[len(shown) :])
        notes.append(f"…and {plural(left, 'more question')} not shown here.")
    if d.unreadable_questions:
        notes.append(f"{plural(d.unreadable_questions, 'question')} could not be read.")
    notes.append("Questions are TapTalent's text (some AI-written).")
    blocks.append(context(*notes))
    return message(f"{a.name} ({a.id})", blocks)


SUBMISSIONS_SHOWN = 10


def _submission_blocks(d: AssessmentDetail) -> list[Block]:
    """The best who completed it: one section (names escaped), and how many in all."""
    if not d.submissions_total:
        return [section("Nobody has completed it yet.")]
    lines = [f"*Completed by {d.submissions_total}*, best first:"]
    for s in d.submissions[:SUBMISSIONS_SHOWN]:
        jc = f" (job candidate {esc(s.job_candidate_id)})" if s.job_candidate_id else ""
        lines.append(f"• {trim(esc(s.name), 80)}{jc}: {score_text(s.score)}")
    return [section(trim("\n".join(lines), 2900))]


def assess_confirmation(preview: InvitePreview, request: WriteRequest) -> Message:
    """Ephemeral, for `/tt assess …`: what will be sent, with Confirm and Cancel."""
    score = (
        f" (match score {score_text(preview.match_score)})"
        if preview.match_score is not None
        else ""
    )
    text = (
        f"{esc(preview.question)}{score} The invitation is recorded in the audit log under "
        "your name; the score comes back in a thread here."
    )
    yes = "Create and invite" if preview.generate else "Invite"
    return message(text, [section(text), confirm_buttons(request, yes)])


def already_message(preview: InvitePreview) -> Message:
    name = trim(esc(preview.name), 120)
    where = _name(preview.assessment) if preview.assessment else "the assessment"
    text = f"ℹ️ *{name}* is already invited to {where}; nothing to send. The score comes here."
    return message(text, [section(text)])


def invite_sentence(r: InviteResult, user: str | None) -> str:
    name = f"*{trim(esc(r.name), 120)}*"
    if not r.changed:
        return f"ℹ️ {name} is already invited to {_name(r.assessment)}; nothing was sent again."
    who = f"<@{user}>" if user else "tt"
    made = "created " + _name(r.assessment) + " from the job and " if r.generated else ""
    to = "it" if r.generated else _name(r.assessment)
    return (
        f"📨 {who} {made}invited {name} (job candidate {esc(r.job_candidate_id)}) to {to}. "
        "TapTalent e-mails them the link; the score is posted in this thread."
    )


def invite_message(r: InviteResult, user: str | None) -> Message:
    text = invite_sentence(r, user)
    return message(text, [section(text)])


def pending_invite_message(job_candidate_id: object, user: str) -> Message:
    text = f"⏳ <@{user}> is inviting job candidate {esc(job_candidate_id)} to an assessment…"
    return message(text, [section(text)])


def assessment_answer(result: BaseModel, user: str | None) -> Message | None:
    match result:
        case AssessmentsResult():
            return assessments_message(result)
        case AssessmentDetail():
            return assessment_message(result)
        case InviteResult():
            return invite_message(result, user)
    return None
