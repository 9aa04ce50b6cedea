"""The candidate Details modal: criteria breakdown, full summary, profile.

Built from `privacy.for_channel(detail)`: with TT_SHOW_CONTACT_DETAILS off, every text
from the résumé is masked and contact details and salary are left out.
"""

from __future__ import annotations

from bot.blocks import ids
from bot.blocks.connectors import status_lines
from bot.blocks.kit import (
    SECTION_TEXT,
    Block,
    actions,
    button,
    context,
    divider,
    header,
    modal,
    section,
    sections,
)
from bot.blocks.payloads import CandidateValue, Where
from bot.blocks.privacy import for_channel
from bot.blocks.rows import role_line
from bot.blocks.text import esc, trim
from shared.actions.models import CandidateDetail
from shared.actions.presentation import score_bar, score_text
from shared.actions.status import CandidateStatus


def _criteria_lines(detail: CandidateDetail) -> list[str]:
    lines = []
    for c in detail.criteria:
        mark = "✅" if c.met else ("❌" if c.met is False else "•")
        level = f" ({esc(c.level.replace('_', ' ').title())})" if c.level else ""
        evidence = f" — {trim(esc(c.evidence), 300)}" if c.evidence else ""
        lines.append(f"{mark} *{trim(esc(c.criterion), 200)}*{level}{evidence}")
    return lines


def _profile_lines(detail: CandidateDetail) -> list[str]:
    lines = []
    if detail.profile_summary:
        lines.append(trim(esc(detail.profile_summary), 1500))
    if detail.skills:
        lines.append("*Skills:* " + trim(esc(", ".join(detail.skills)), 1000))
    for e in detail.experience[:8]:
        role = role_line(e.title, e.company) or "Role"
        lines.append(f"• {role}" + (f" ({esc(e.period)})" if e.period else ""))
    for ed in detail.education[:4]:
        what = ", ".join(esc(p) for p in (ed.degree, ed.school, ed.year) if p)
        if what:
            lines.append(f"🎓 {trim(what, 300)}")
    return lines


def _private_lines(detail: CandidateDetail) -> list[str]:
    pairs: list[tuple[str, str | None]] = []
    if detail.contact:
        c = detail.contact
        pairs += [("Email", c.email), ("Phone", c.phone), ("LinkedIn", c.linkedin)]
    if detail.salary:
        pairs += [
            ("Expected salary", detail.salary.expected),
            ("Current salary", detail.salary.current),
        ]
    return [f"{label}: {esc(v)}" for label, v in pairs if v]


def _score_line(detail: CandidateDetail) -> str:
    score = [f"`{score_bar(detail.score)}` *{score_text(detail.score)}*"]
    if detail.must_have:
        score.append(f"Must Have {detail.must_have}")
    if detail.stage:
        score.append(f"Stage: {trim(esc(detail.stage), 60)}")
    if detail.recommended:
        score.append("Recommended")
    return "  ·  ".join(score)


def candidate_modal(
    detail: CandidateDetail,
    *,
    show_private: bool = False,
    where: Where | None = None,
    systems: CandidateStatus | None = None,
) -> Block:
    """Everything about one job candidate, with `systems` (the status view) when given.
    `where` (the message the modal was opened from) rides along so that a move started
    here can still update that message."""
    detail = for_channel(detail, show_private)
    facts = [role_line(detail.title, detail.company)]
    if detail.location:
        facts.append(trim(esc(detail.location), 100))
    if detail.job:
        facts.append(f"for {trim(esc(detail.job.title), 100)} (job {esc(detail.job.id)})")
    blocks: list[Block] = [
        header(detail.name),
        context(*(f for f in facts if f)),
        section(_score_line(detail)),
    ]
    if systems is not None:
        blocks += [section("*In every system*"), *sections(status_lines(systems))]
    if detail.breakdown:
        parts = [f"{esc(k.replace('_', ' '))} {v:g}" for k, v in detail.breakdown.items()]
        blocks.append(context(trim("Score breakdown: " + "  ·  ".join(parts), 2000)))
    if detail.criteria:
        blocks += [divider(), section("*Criteria*"), *sections(_criteria_lines(detail))]
    if detail.ai_summary:
        summary = trim(esc(detail.ai_summary), SECTION_TEXT - 20)
        blocks += [divider(), section("*AI summary*\n" + summary)]
    profile = _profile_lines(detail)
    if profile:
        blocks += [divider(), section("*Profile*"), *sections(profile)]
    private = _private_lines(detail) if show_private else []
    if private:
        blocks += [divider(), *sections(private)]
    blocks = blocks[:97]  # room for the id line and the Move button within 100
    blocks.append(context(f"Job candidate id {esc(detail.job_candidate_id)}"))
    job_id = detail.job.id if detail.job else detail.job_id
    move = CandidateValue(job_candidate=detail.job_candidate_id, job=job_id)
    blocks.append(actions("details:actions", [button("Move to another stage…", ids.MOVE, move)]))
    return modal("Candidate", blocks, callback_id=ids.INFO_VIEW, meta=where or Where())
