"""Slack messages for the ATS actions (link, push, reject) and the ATS's own changes.

Names and reasons come from TapTalent or the ATS: escaped, so they carry no links or
mentions. Links to the ATS are tt's own (Kombo's ``remote_url``).
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
from bot.blocks.text import esc, trim
from shared.actions.ats.models import (
    AtsChange,
    LinkResult,
    PushBatchResult,
    PushResult,
    ReasonsResult,
    RejectResult,
)
from shared.actions.models import AtsLink
from shared.actions.presentation import plural

REASON_BLOCK, REASON_ACTION = "reason", "reason_pick"
NOTE_BLOCK, NOTE_ACTION = "note", "note_text"


def _link(url: str | None, label: str = "Open in the ATS") -> str:
    # remote_url is Kombo's link to the ATS; only http(s) becomes a link.
    if not url or not url.startswith(("https://", "http://")) or any(c in url for c in "|<> "):
        return ""
    return f" <{url}|{label}>"


def _message(text: str, *extra: str) -> Message:
    blocks: list[Block] = [section(text)]
    if extra:
        blocks.append(context(*extra))
    return message(text, blocks)


def ats_link_line(link: AtsLink) -> str:
    mirror = " · mirroring moves" if link.mirror else ""
    stages = f" · stages: {esc(', '.join(link.stages))}" if link.stages else ""
    name = f"*{trim(esc(link.ats_job_name), 100)}* (`{esc(link.ats_job_id)}`)"
    return f"🔗 In the ATS: {name}{mirror}{stages}{_link(link.remote_url)}"


def link_message(r: LinkResult, user: str | None) -> Message:
    if r.linked:
        return _linked_message(r, user)
    lines = [f"• `{esc(c.id)}` {esc(c.name)}" for c in r.choices[:20]]
    if r.other_choices:
        lines.append("*InstaView jobs:*" if r.choices else "")
        lines += [f"• `{esc(c.id)}` {esc(c.name)}" for c in r.other_choices[:20]]
    text = esc(r.message) + "\n" + "\n".join(line for line in lines if line)
    return _message(trim(text, 2900))


def _linked_message(r: LinkResult, user: str | None) -> Message:
    who = f"<@{user}> linked" if user else "Linked"
    where = []
    extra = []
    if r.ats_job is not None:
        where.append(f"*{esc(r.ats_job.name)}* in the ATS{_link(r.ats_job.remote_url)}")
        stages = ", ".join(esc(s.name) for s in r.ats_job.stages)
        mirror = "on" if r.mirror else "off"
        extra.append(trim(f"ATS stages: {stages} · mirroring {mirror}", 1900))
    for other in r.others:
        label = "InstaView" if other.system == "instaview" else "Talynce"
        name = f"*{esc(other.name)}*" if other.name else f"`{esc(other.id)}`"
        where.append(f"{name} in {label}")
        if other.note:
            extra.append(trim(f"{label}: {esc(other.note)}", 1900))
    text = f"🔗 {who} *{esc(r.job.title)}* (job {esc(r.job.id)}) to " + " and ".join(where) + "."
    return _message(trim(text, 2900), *extra[:9])


def push_sentence(p: PushResult, user: str | None) -> str:
    name = f"*{trim(esc(p.name), 120)}*"
    where = f"*{trim(esc(p.ats_job.name), 100)}*"
    if not p.changed:
        return f"ℹ️ {name} is already in {where} in the ATS; nothing changed.{_link(p.remote_url)}"
    who = f"<@{user}> sent" if user else "Sent"
    score = "" if p.score is None else f" (TapTalent score {p.score:g})"
    return f"✅ {who} {name}{score} to {where} in the ATS.{_link(p.remote_url)}"


def push_message(p: PushResult, user: str | None) -> Message:
    extra = [trim(esc("; ".join(p.steps)), 1900)] if p.steps else []
    extra += [trim(f"Kombo: {esc(w)}", 1900) for w in p.warnings[:3]]
    return _message(push_sentence(p, user), *extra)


def push_batch_message(r: PushBatchResult, user: str | None) -> Message:
    lines = [push_sentence(p, user) for p in r.pushed[:20]]
    lines += [f"⚠️ {esc(f.name)}: {esc(f.error)}" for f in r.failed[:10]]
    more = []  # kept whole below the trimmed lines, so the counts always reach the person
    if len(r.pushed) > 20:
        more.append(f"…and {plural(len(r.pushed) - 20, 'more candidate')} (see the audit log).")
    if len(r.failed) > 10:
        more.append(f"⚠️ …and {len(r.failed) - 10} more that failed.")
    tail = "\n" + "\n".join(more) if more else ""
    return _message(trim(esc(r.message) + "\n" + "\n".join(lines), 2900 - len(tail)) + tail)


def reasons_message(r: ReasonsResult) -> Message:
    lines = "\n".join(f"• {esc(reason)}" for reason in r.reasons)
    example = f'`/tt reject {esc(r.job_candidate_id)} reason:"..."`'
    return _message(trim(f"The ATS's rejection reasons:\n{lines}", 2900), f"Reject with {example}")


def reject_sentence(r: RejectResult, user: str | None) -> str:
    if not r.rejected:
        return f"ℹ️ {esc(r.message)}{_link(r.remote_url)}"
    who = f"<@{user}> rejected" if user else "Rejected"
    return (
        f"🚫 {who} job candidate {esc(r.job_candidate_id)} in the ATS: "
        f"“{trim(esc(r.reason), 300)}”.{_link(r.remote_url)}"
    )


def reject_message(r: RejectResult, user: str | None) -> Message:
    return _message(reject_sentence(r, user))


def ats_change_message(change: AtsChange) -> Message:
    return _message(f"🔄 {trim(esc(change.message), 2800)}{_link(change.remote_url)}")


def ats_confirmation(question: str, request: WriteRequest, yes: str) -> Message:
    """Ephemeral, for `/tt link|push|reject …`: the question, with Confirm and Cancel."""
    text = f"{esc(question)} The change is recorded in the audit log under your name."
    return message(text, [section(text), confirm_buttons(request, yes)])


def push_modal(name: str, meta: AtsMeta) -> Block:
    question = (
        f"Send *{trim(esc(name), 120)}* to the ATS with their TapTalent score and AI "
        "summary? Their name and e-mail go to the ATS."
    )
    return modal(
        "Send to ATS", [section(question)], callback_id=ids.ATS_PUSH, submit="Send", meta=meta
    )


def reject_modal(name: str, reasons: list[str], meta: AtsMeta) -> Block:
    options = [
        {"text": plain(reason, OPTION_TEXT), "value": trim(reason, OPTION_VALUE)}
        for reason in reasons[:100]
    ]
    blocks = [
        section(f"Reject *{trim(esc(name), 120)}* in the ATS? The ATS may tell the candidate."),
        {
            "type": "input",
            "block_id": REASON_BLOCK,
            "label": plain("Reason"),
            "element": {"type": "static_select", "action_id": REASON_ACTION, "options": options},
        },
        {
            "type": "input",
            "block_id": NOTE_BLOCK,
            "optional": True,
            "label": plain("Note (kept in the ATS)"),
            "element": {"type": "plain_text_input", "action_id": NOTE_ACTION, "max_length": 500},
        },
    ]
    return modal(
        "Reject in the ATS", blocks, callback_id=ids.ATS_REJECT, submit="Reject", meta=meta
    )


def ats_message(result: BaseModel, user: str | None) -> Message | None:
    """The message for an ATS result, or None when it is not one."""
    match result:
        case LinkResult():
            return link_message(result, user)
        case PushResult():
            return push_message(result, user)
        case PushBatchResult():
            return push_batch_message(result, user)
        case ReasonsResult():
            return reasons_message(result)
        case RejectResult():
            return reject_message(result, user)
    return None
