"""Uploads in a channel: the confirmation (how many links, batches, which job), what
started, and where the report will come. However many links, each message stays within
Slack's limits: a few links are shown, the rest counted."""

from __future__ import annotations

from bot.blocks.kit import Message, context, message, section
from bot.blocks.payloads import WriteRequest
from bot.blocks.rescores import confirm_buttons
from bot.blocks.text import esc, trim
from shared.actions.presentation import plural
from shared.actions.uploads import UPLOAD_CHUNK, UploadPreview, UploadStarted

LINKS_SHOWN = 3
PROBLEMS_SHOWN = 5


def _links(urls: list[str]) -> str:
    shown = ", ".join(f"`{trim(esc(u), 100)}`" for u in urls[:LINKS_SHOWN])
    more = len(urls) - LINKS_SHOWN
    return shown + (f" and {plural(more, 'more link')}" if more > 0 else "")


def _job(preview_job: object, title: str) -> str:
    return f"*{trim(esc(title), 120)}* (job {esc(preview_job)})"


def upload_confirmation(preview: UploadPreview, urls: list[str], request: WriteRequest) -> Message:
    """Ephemeral: what the upload would do, before it does it."""
    batches = plural(preview.batches, "batch", "batches")
    text = (
        f"📄 Upload {plural(preview.urls, 'résumé link')} to "
        f"{_job(preview.job.id, preview.job.title)}? TapTalent downloads and parses them in "
        f"{batches} of up to {UPLOAD_CHUNK}, then scores the new candidates. "
        "The report follows in a thread."
    )
    return message(text, [section(text), context(_links(urls)), confirm_buttons(request, "Upload")])


def upload_pending_message(job: object, user: str) -> Message:
    text = f"⏳ <@{user}> is uploading résumés to job {esc(job)}…"
    return message(text, [section(text)])


def upload_started_message(started: UploadStarted, user: str) -> Message:
    """Posted in the channel; the report is threaded under it."""
    where = _job(started.job.id, started.job.title)
    sending = [c for c in started.chunks if c.state == "pending"]
    text = (
        f"📄 <@{user}> is uploading {plural(started.count('pending'), 'résumé link')} to "
        f"{where} in {plural(len(sending), 'batch', 'batches')}. "
        "I'll post the report in this thread once they are parsed and scored."
    )
    if not sending:
        text = f"⚠️ <@{user}>'s upload to {where}: no batch is being parsed as far as tt knows."
    blocks = [section(text)]
    problems = [c for c in started.chunks if c.state in ("unknown", "refused")]
    for c in problems[:PROBLEMS_SHOWN]:
        what = (
            "outcome unknown (it may have been uploaded, so it was not sent again; check "
            "the job before sending it again)"
            if c.state == "unknown"
            else "refused"
        )
        blocks.append(
            section(
                f"⚠️ Batch {c.number} ({plural(c.urls, 'link')}): {what}: "
                f"{trim(esc(c.reason or ''), 300)}"
            )
        )
    if len(problems) > PROBLEMS_SHOWN:
        blocks.append(context(f"… and {len(problems) - PROBLEMS_SHOWN} more batches like these"))
    ids = started.batch_ids
    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    blocks.append(
        context(f"Upload `{esc(started.upload_id)}`" + (f" · batches {shown}" if ids else ""))
    )
    return message(text, blocks)
