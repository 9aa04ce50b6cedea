"""The alert posted when a rescore request ends: counts, biggest changes, the new top 5."""

from __future__ import annotations

from bot.blocks import ids
from bot.blocks.candidates import Message, button, rescore_button
from bot.blocks.text import Block, context, esc, header, section, sections, trim
from bot.blocks.writes import change_line, top_line
from shared.actions.models import RescoreReport

_HEADS = {
    "completed": "✅ Rescore complete",
    "partial": "⚠️ Rescore partly complete",
    "failed": "❌ Rescore failed",
    "expired": "⌛ Rescore did not report back",
}


def _what_to_do(report: RescoreReport) -> str | None:
    reasons = " ".join(report.errors).lower()
    if report.capped_by_credits or "credit" in reasons:
        return (
            "Add scoring credits in the TapTalent dashboard, then press *Rescore job* "
            "to score the rest."
        )
    if report.state == "expired":
        return "Check the job in TapTalent; `/tt rescore-status <id>` asks TapTalent again."
    if report.state in ("failed", "partial"):
        return "Try *Rescore job* again; if it keeps failing, check the job in TapTalent."
    return None


def rescore_alert(report: RescoreReport) -> Message:
    job = f"*{trim(esc(report.job.title), 120)}* (job {esc(report.job.id)})"
    head = _HEADS[report.state]
    who = (
        f"requested by <@{report.origin.user}>"
        if (report.origin.kind == "slack" and report.origin.user)
        else (f"requested from {esc(report.origin.kind.upper())}")
    )
    summary = (
        f"{head}: {job}\n{report.processed:,} rescored, {report.failed:,} failed, "
        f"{report.changed:,} score{'' if report.changed == 1 else 's'} changed"
    )
    blocks: list[Block] = [
        header(f"{head.split(' ', 1)[1]} · {report.job.title}"),
        section(summary),
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
    buttons: list[Block] = [
        button("See top candidates", ids.OPEN_TOP, {"j": report.job.id}, style="primary")
    ]
    if report.state != "completed":
        buttons.append(rescore_button(report.job.id, report.job.title))
    blocks.append({"type": "actions", "block_id": "alert:actions", "elements": buttons})
    text = (
        f"{head}: {esc(report.job.title)} (job {esc(report.job.id)}) — "
        f"{report.processed} rescored, {report.failed} failed"
    )
    return {"text": text, "blocks": blocks}
