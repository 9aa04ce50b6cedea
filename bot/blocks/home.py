"""The App Home tab: pending rescores with their age, the last alerts, quick actions."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.blocks import ids
from bot.blocks.candidates import button
from bot.blocks.common import help_button
from bot.blocks.text import VIEW_BLOCKS, Block, age, context, divider, esc, header, section, trim
from shared.actions.models import Id, RescoreReport


@dataclass
class PendingItem:
    """One rescore request still running (it may span several TapTalent rescore ids)."""

    job_id: Id
    rescore_ids: list[str]
    age_seconds: float
    queued: int = 0
    requested_by: str | None = None
    surface: str = "slack"


@dataclass
class AlertItem:
    report: RescoreReport
    age_seconds: float


@dataclass
class HomeData:
    pending: list[PendingItem] = field(default_factory=list)
    alerts: list[AlertItem] = field(default_factory=list)
    recent_jobs: list[tuple[Id, str]] = field(default_factory=list)  # (id, title)


def _who(user: str | None, surface: str) -> str:
    return f"<@{user}>" if surface == "slack" and user else esc(surface.upper())


def home_view(data: HomeData) -> Block:
    blocks: list[Block] = [
        header("TapTalent in Slack"),
        context("Type `/tt help` anywhere to see every command."),
    ]
    quick: list[Block] = [
        button(f"Top candidates · {trim(title, 40)}", ids.OPEN_TOP, {"j": job_id})
        for job_id, title in data.recent_jobs[:4]
    ]
    quick.append(help_button())
    blocks.append({"type": "actions", "block_id": "home:quick", "elements": quick})

    blocks += [divider(), section("*Rescores in progress*")]
    if not data.pending:
        blocks.append(context("None right now."))
    for p in data.pending[:15]:
        ids_text = ", ".join(f"`{esc(r)}`" for r in p.rescore_ids[:3])
        more = f" +{len(p.rescore_ids) - 3}" if len(p.rescore_ids) > 3 else ""
        blocks.append(
            section(
                f"⏳ Job {esc(p.job_id)} · {p.queued:,} candidates · {ids_text}{more}\n"
                f"started {age(p.age_seconds)} by {_who(p.requested_by, p.surface)}"
            )
        )

    blocks += [divider(), section("*Last alerts*")]
    if not data.alerts:
        blocks.append(context("No rescore has finished yet."))
    for a in data.alerts[:10]:
        r = a.report
        state = {"completed": "✅", "partial": "⚠️", "failed": "❌", "expired": "⌛"}[r.state]
        job = f"*{trim(esc(r.job.title), 100)}* (job {esc(r.job.id)})"
        blocks.append(
            section(
                f"{state} {job} · {age(a.age_seconds)}\n"
                f"{r.processed:,} rescored, {r.failed:,} failed, {r.changed:,} changed",
                accessory=button("Top candidates", ids.OPEN_TOP, {"j": r.job.id}),
                block_id=f"alert:{r.group_id}",
            )
        )
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}
