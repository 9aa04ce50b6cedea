"""The App Home tab: pending rescores with their age, the last alerts, quick actions."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.blocks import ids
from bot.blocks.common import help_button
from bot.blocks.kit import VIEW_BLOCKS, Block, actions, button, context, divider, header, section
from bot.blocks.payloads import JobValue
from bot.blocks.text import age, esc, trim
from shared.actions.models import Id, RescoreReport
from shared.actions.presentation import STATE_ICONS, plural

QUICK_JOBS = 4
PENDING_SHOWN = 15
ALERTS_SHOWN = 10


@dataclass
class PendingItem:
    """One rescore request still running (it may span several TapTalent rescore ids)."""

    job_id: Id
    rescore_ids: list[str]
    age_seconds: float
    queued: int = 0
    requested_by: str | None = None
    surface: str = "slack"
    job_title: str | None = None


@dataclass
class AlertItem:
    report: RescoreReport
    age_seconds: float


@dataclass
class HomeData:
    pending: list[PendingItem] = field(default_factory=list)
    alerts: list[AlertItem] = field(default_factory=list)
    recent_jobs: list[tuple[Id, str]] = field(default_factory=list)  # (id, title)
    notice: str | None = None  # e.g. an error from an earlier click on this tab


def _who(user: str | None, surface: str) -> str:
    return f"<@{user}>" if surface == "slack" and user else esc(surface.upper())


def _pending(p: PendingItem) -> Block:
    title = (
        f"*{trim(esc(p.job_title), 100)}* (job {esc(p.job_id)})"
        if p.job_title
        else (f"Job {esc(p.job_id)}")
    )
    return section(
        f"⏳ {title} · {plural(p.queued, 'candidate')}\n"
        f"started {age(p.age_seconds)} by {_who(p.requested_by, p.surface)}"
    )


def _alert(a: AlertItem) -> Block:
    r = a.report
    job = f"*{trim(esc(r.job.title), 100)}* (job {esc(r.job.id)})"
    return section(
        f"{STATE_ICONS[r.state]} {job} · {age(a.age_seconds)}\n"
        f"{r.processed:,} rescored, {r.failed:,} failed, {r.changed:,} changed",
        accessory=button("Top candidates", ids.OPEN_TOP, JobValue(job=r.job.id)),
        block_id=f"alert:{r.group_id}",
    )


def home_view(data: HomeData) -> Block:
    blocks: list[Block] = [
        header("TapTalent in Slack"),
        context("Type `/tt help` anywhere to see every command."),
    ]
    if data.notice:
        blocks.append(section(data.notice))
    quick: list[Block] = [
        button(f"Top candidates · {trim(title, 40)}", ids.indexed(ids.OPEN_TOP, i), JobValue(job=j))
        for i, (j, title) in enumerate(data.recent_jobs[:QUICK_JOBS])
    ]
    quick.append(help_button())
    blocks.append(actions("home:quick", quick))

    blocks += [divider(), section("*Rescores in progress*")]
    if not data.pending:
        blocks.append(context("None right now."))
    blocks += [_pending(p) for p in data.pending[:PENDING_SHOWN]]

    blocks += [divider(), section("*Last alerts*")]
    if not data.alerts:
        blocks.append(context("No rescore has finished yet."))
    blocks += [_alert(a) for a in data.alerts[:ALERTS_SHOWN]]
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}
