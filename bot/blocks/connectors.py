"""Slack messages for the Talynce push, the cross-system status view, and the job view's
InstaView and Talynce links.

Every text from another system (names, statuses, their error sentences) is escaped, so it
carries no links or mentions. Nothing here holds contact details or salary: the use cases
never put them in these results.
"""

from __future__ import annotations

from pydantic import BaseModel

from bot.blocks.kit import Block, Message, context, header, message, section, sections
from bot.blocks.text import esc, trim
from shared.actions.models import RemoteJob
from shared.actions.presentation import plural
from shared.actions.status import CandidateStatus
from shared.actions.talynce.models import TalynceBatchResult, TalyncePushResult

LABELS = {"instaview": "InstaView", "talynce": "Talynce"}
MARKS = {"ok": "✅", "none": "➖", "not_connected": "⚪", "not_linked": "➖", "failed": "⚠️"}
SHOWN = 20


def remote_job_line(job: RemoteJob) -> str:
    label = LABELS.get(job.system, esc(job.system))
    name = f"*{trim(esc(job.name), 100)}* (`{esc(job.id)}`)" if job.name else f"`{esc(job.id)}`"
    return f"🔗 In {label}: {name}"


def status_lines(status: CandidateStatus) -> list[str]:
    return [
        f"{MARKS.get(s.state, '•')} *{esc(s.label)}*: {trim(esc(s.summary), 400)}"
        for s in status.systems
    ]


def status_message(status: CandidateStatus) -> Message:
    where = (
        f"for {trim(esc(status.job.title), 100)} (job {esc(status.job.id)})" if status.job else ""
    )
    blocks: list[Block] = [header(status.name)]
    if where:
        blocks.append(context(where))
    blocks += sections(status_lines(status))
    blocks.append(context(f"Job candidate id {esc(status.job_candidate_id)}"))
    text = f"{esc(status.name)} in every connected system"
    return message(text, blocks)


def talynce_push_sentence(p: TalyncePushResult, user: str | None) -> str:
    name = f"*{trim(esc(p.name), 120)}*"
    if p.outcome == "already_pushed":
        return f"ℹ️ {name} was already pushed to Talynce; nothing was sent again."
    if p.outcome == "masked" and not p.changed:
        return f"🔒 {name} is masked in Talynce's talent pool: nothing was changed."
    who = f"<@{user}> sent" if user else "Sent"
    how = {"created": "new in Talynce", "matched": "matched by e-mail"}.get(p.outcome, "masked")
    score = "" if p.score is None else f", TapTalent score {p.score:g}"
    return f"✅ {who} {name} to Talynce ({how}{score})."


def talynce_push_message(p: TalyncePushResult, user: str | None) -> Message:
    first = talynce_push_sentence(p, user)
    return message(first, [section(first), context(trim(esc(p.message), 1900))])


def talynce_batch_message(r: TalynceBatchResult, user: str | None) -> Message:
    lines = [talynce_push_sentence(p, user) for p in r.pushed[:SHOWN]]
    lines += [f"⚠️ {esc(f.name)}: {trim(esc(f.error), 300)}" for f in r.failed[:10]]
    more = []
    if len(r.pushed) > SHOWN:
        more.append(f"…and {plural(len(r.pushed) - SHOWN, 'more candidate')} (see the audit log).")
    if len(r.failed) > 10:
        more.append(f"⚠️ …and {len(r.failed) - 10} more that failed.")
    tail = "\n" + "\n".join(more) if more else ""
    text = trim(esc(r.message) + "\n" + "\n".join(lines), 2900 - len(tail)) + tail
    return message(text, [section(text)])


def connectors_message(result: BaseModel, user: str | None) -> Message | None:
    """The message for a Talynce or status result, or None when it is not one."""
    match result:
        case CandidateStatus():
            return status_message(result)
        case TalyncePushResult():
            return talynce_push_message(result, user)
        case TalynceBatchResult():
            return talynce_batch_message(result, user)
    return None
