"""The job list and one job with its pipeline (stages with counts) and criteria."""

from __future__ import annotations

from bot.blocks import ids
from bot.blocks.ats import ats_link_line
from bot.blocks.connectors import remote_job_line
from bot.blocks.kit import (
    Block,
    Message,
    actions,
    button,
    context,
    header,
    message,
    section,
    sections,
)
from bot.blocks.payloads import JobsPageValue, JobValue
from bot.blocks.text import esc, trim
from shared.actions.models import JobDetail, JobsPage, JobSummary
from shared.actions.presentation import plural


def _facts(job: JobSummary) -> str:
    parts = [f"job {esc(job.id)}"]
    parts += [esc(p) for p in (job.status, job.location, job.work_mode) if p]
    if job.candidates is not None:
        parts.append(f"{job.candidates:,} candidates")
    return "  ·  ".join(parts)


def top_button(job_id: object) -> Block:
    return button("Top candidates", ids.OPEN_TOP, JobValue(job=job_id))


def jobs_message(page: JobsPage) -> Message:
    title = f"Jobs{f' ({page.status})' if page.status else ''}"
    where = f"Page {page.page}" + (f" of {page.pages}" if page.pages else "")
    if page.total is not None:
        where += f"  ·  {plural(page.total, 'job')}"
    blocks: list[Block] = [header(title), context(where)]
    if not page.jobs:
        blocks.append(
            section(
                "No jobs here. `/tt jobs` lists every job; "
                "`status:` filters (e.g. `status:ACTIVE`)."
            )
        )
    for job in page.jobs[:45]:
        blocks.append(
            section(
                f"*{trim(esc(job.title), 200)}*\n{_facts(job)}",
                accessory=top_button(job.id),
                block_id=f"job:{job.id}",
            )
        )
    nav: list[Block] = []
    if page.page > 1:
        back = JobsPageValue(page=page.page - 1, status=page.status)
        nav.append(button("Previous page", ids.indexed(ids.JOBS_PAGE, 1), back))
    if page.has_more:
        more = JobsPageValue(page=page.page + 1, status=page.status)
        nav.append(button("Next page", ids.indexed(ids.JOBS_PAGE, 2), more))
    if nav:
        blocks.append(actions("jobs:nav", nav))
    return message(f"{title}, {where.lower()}", blocks)


def job_message(job: JobDetail) -> Message:
    blocks: list[Block] = [header(job.title), context(_facts(job))]
    if job.salary:
        blocks.append(context(f"Salary: {esc(job.salary)}"))
    if job.stages:
        lines = ["*Pipeline*"]
        for s in job.stages:
            count = "" if s.count is None else f" — {s.count:,}"
            ident = f" (id {esc(s.id)})" if s.id is not None else ""
            lines.append(f"• {trim(esc(s.name), 80)} `{esc(s.type)}`{ident}{count}")
        if job.rejected:
            lines.append(f"• Rejected — {job.rejected:,}")
        blocks += sections(lines)
    if job.criteria:
        lines = ["*Criteria*"]
        lines += [
            f"• {trim(esc(c.criterion), 200)}"
            + (f" ({esc(c.level.replace('_', ' ').title())})" if c.level else "")
            for c in job.criteria
        ]
        blocks += sections(lines)
    if job.description:
        blocks.append(section(trim(esc(job.description), 600)))
    if job.ats is not None:
        blocks.append(context(ats_link_line(job.ats)))
    if job.links:
        blocks.append(context(*(remote_job_line(link) for link in job.links[:9])))
    blocks.append(actions("job:actions", [top_button(job.id)]))
    return message(f"{esc(job.title)} (job {esc(job.id)})", blocks[:50])
