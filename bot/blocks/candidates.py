"""Candidate lists (top candidates, search) and the candidate Details modal.

Pure functions: typed results in, Block Kit dicts out. Channel messages never show contact
details or salary unless `show_private` (TT_SHOW_CONTACT_DETAILS) is on; free text is
escaped and, when private data is off, e-mail addresses and phone numbers are masked.
"""

from __future__ import annotations

from typing import Any

from bot.blocks import ids
from bot.blocks.query import TopQuery
from bot.blocks.text import (
    BUTTON_TEXT,
    CONFIRM_BUTTON,
    CONFIRM_TEXT,
    CONFIRM_TITLE,
    PRIVATE_METADATA,
    SECTION_TEXT,
    VIEW_BLOCKS,
    VIEW_BUTTON,
    VIEW_TITLE,
    Block,
    context,
    divider,
    esc,
    header,
    mrkdwn,
    plain,
    plural,
    redact,
    score_bar,
    score_text,
    section,
    sections,
    trim,
)
from shared.actions.models import (
    CandidateDetail,
    CandidateRow,
    Id,
    SearchResult,
    TopCandidatesResult,
)

Message = dict[str, Any]


def _free_text(text: str, show_private: bool) -> str:
    return esc(text if show_private else redact(text))


def role_line(title: str | None, company: str | None) -> str:
    if title and company:
        return f"{trim(esc(title), 120)} at {trim(esc(company), 120)}"
    return trim(esc(title or company or ""), 120)


def candidate_text(
    row: CandidateRow, *, show_private: bool = False, job_title: str | None = None
) -> str:
    """Three compact lines: who, how well they score, and why (first line of the summary)."""
    rank = f"{row.rank}. " if row.rank is not None else ""
    first = f"*{rank}{trim(esc(row.name), 120)}*"
    role = role_line(row.title, row.company)
    if role:
        first += f"  ·  {role}"
    second = [f"`{score_bar(row.score)}` *{score_text(row.score)}*"]
    if row.must_have_total:
        second.append(f"Must Have {row.must_have_met or 0}/{row.must_have_total}")
    if row.stage:
        second.append(trim(esc(row.stage), 60))
    if job_title:
        second.append(f"in {trim(esc(job_title), 80)}")
    second.append(f"id {esc(row.job_candidate_id)}")
    lines = [first, "  ·  ".join(second)]
    if row.summary_line:
        lines.append(trim(_free_text(row.summary_line, show_private), 400))
    return "\n".join(lines)


def candidate_menu(job_candidate_id: Id, job_id: Id | None) -> Block:
    options = [
        {"text": plain("Details"), "value": ids.encode_option({"a": "d", "jc": job_candidate_id})},
        {
            "text": plain("Move to another stage…"),
            "value": ids.encode_option({"a": "m", "jc": job_candidate_id, "j": job_id}),
        },
        {
            "text": plain("Send to ATS"),
            "value": ids.encode_option({"a": "p", "jc": job_candidate_id}),
        },
        {
            "text": plain("Reject in the ATS…"),
            "value": ids.encode_option({"a": "r", "jc": job_candidate_id}),
        },
    ]
    return {"type": "overflow", "action_id": ids.CANDIDATE_MENU, "options": options}


def confirm(title: str, text: str, yes: str, no: str = "Cancel") -> Block:
    return {
        "title": plain(title, CONFIRM_TITLE),
        "text": mrkdwn(text, CONFIRM_TEXT),
        "confirm": plain(yes, CONFIRM_BUTTON),
        "deny": plain(no, CONFIRM_BUTTON),
    }


def button(
    text: str,
    action_id: str,
    value: dict[str, Any],
    *,
    style: str | None = None,
    confirm_with: Block | None = None,
) -> Block:
    element: Block = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT),
        "action_id": action_id,
        "value": ids.encode(value),
    }
    if style:
        element["style"] = style
    if confirm_with:
        element["confirm"] = confirm_with
    return element


def rescore_button(job_id: Id, job_title: str) -> Block:
    return button(
        "Rescore job",
        ids.RESCORE_JOB,
        {"j": job_id},
        confirm_with=confirm(
            "Rescore this job?",
            f"TapTalent will rescore every candidate of *{trim(esc(job_title), 100)}* against "
            "its current criteria. This uses one scoring credit per candidate.",
            "Rescore",
        ),
    )


def _top_context(result: TopCandidatesResult) -> str:
    parts = [f"Job {esc(result.job.id)}"]
    if result.total_scored is not None:
        parts.append(f"{result.total_scored:,} scored")
    if result.unscored:
        parts.append(f"{result.unscored:,} not scored yet")
    if result.candidates:
        first = result.offset + 1
        parts.append(f"showing {first}–{result.offset + len(result.candidates)}")
    if result.min_score is not None:
        parts.append(f"min score {result.min_score:g}")
    if result.stage is not None:
        parts.append(f"stage {trim(esc(result.stage.name), 60)}")
    if result.include_rejected:
        parts.append("including rejected")
    return "  ·  ".join(parts)


def top_candidates_message(
    result: TopCandidatesResult, *, show_private: bool = False, notice: str | None = None
) -> Message:
    """The ranked list: header, one row per candidate with a menu, and the footer buttons."""
    query = TopQuery.of(result)
    blocks: list[Block] = []
    if notice:
        blocks.append(section(notice))
    blocks.append(header(f"Top candidates · {result.job.title}"))
    blocks.append(context(_top_context(result)))
    if not result.candidates:
        hint = (
            "Try a lower `min:` or another `stage:`."
            if (result.min_score is not None or result.stage is not None)
            else ("Candidates appear here once TapTalent has scored them.")
        )
        blocks.append(section(f"No scored candidates match. {hint}"))
    for row in result.candidates:
        blocks.append(
            section(
                candidate_text(row, show_private=show_private),
                accessory=candidate_menu(row.job_candidate_id, result.job.id),
                block_id=f"row:{row.job_candidate_id}",
            )
        )
    footer: list[Block] = []
    if result.offset > 0:
        footer.append(
            button(f"Previous {result.limit}", ids.PREVIOUS_PAGE, query.page(-1).to_value())
        )
    if result.has_more:
        footer.append(
            button(f"Next {result.limit}", ids.NEXT_PAGE, query.page(1).to_value(), style="primary")
        )
    footer.append(rescore_button(result.job.id, result.job.title))
    footer.append(button("Refresh", ids.REFRESH, query.to_value()))
    blocks.append({"type": "actions", "block_id": "top:footer", "elements": footer})
    text = f"Top candidates for {esc(result.job.title)} (job {esc(result.job.id)})"
    return {"text": text, "blocks": blocks}


def search_message(result: SearchResult, *, show_private: bool = False) -> Message:
    blocks: list[Block] = [header(f"Search: {result.text}")]
    where = f" of {esc(result.job.title)} (job {esc(result.job.id)})" if result.job else ""
    shown = f", showing {len(result.matches)}" if len(result.matches) < result.total_matches else ""
    blocks.append(
        context(
            f"{plural(result.total_matches, 'match', 'matches')}{shown} among "
            f"{plural(result.scanned, 'job candidate')}{where}"
            + (f"  ·  min score {result.min_score:g}" if result.min_score is not None else "")
        )
    )
    if not result.matches:
        blocks.append(section("Nobody matches every word. Try fewer words or another job."))
    for m in result.matches:
        job_id = m.job_id if m.job_id is not None else (result.job.id if result.job else None)
        blocks.append(
            section(
                candidate_text(
                    m, show_private=show_private, job_title=None if result.job else m.job_title
                ),
                accessory=candidate_menu(m.job_candidate_id, job_id),
                block_id=f"row:{m.job_candidate_id}",
            )
        )
    return {"text": f"Search results for “{esc(result.text)}”", "blocks": blocks}


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
        lines.append(trim(_free_text(detail.profile_summary, True), 1500))
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


def candidate_modal(
    detail: CandidateDetail, *, show_private: bool = False, meta: dict[str, Any] | None = None
) -> Block:
    """Everything about one job candidate: criteria breakdown, full summary, profile.

    `meta` (where the modal was opened from) rides along in private_metadata so that a
    move started from here can still update the message the list came from.
    """
    blocks: list[Block] = [header(detail.name)]
    facts = [role_line(detail.title, detail.company)]
    if detail.location:
        facts.append(trim(esc(detail.location), 100))
    if detail.job:
        facts.append(f"for {trim(esc(detail.job.title), 100)} (job {esc(detail.job.id)})")
    blocks.append(context(*(f for f in facts if f)))
    score = [f"`{score_bar(detail.score)}` *{score_text(detail.score)}*"]
    if detail.must_have_total:
        score.append(f"Must Have {detail.must_have_met or 0}/{detail.must_have_total}")
    if detail.stage:
        score.append(f"Stage: {trim(esc(detail.stage), 60)}")
    if detail.recommended:
        score.append("Recommended")
    blocks.append(section("  ·  ".join(score)))
    if detail.breakdown:
        parts = [f"{esc(k.replace('_', ' '))} {v:g}" for k, v in detail.breakdown.items()]
        blocks.append(context(trim("Score breakdown: " + "  ·  ".join(parts), 2000)))
    if detail.criteria:
        blocks += [divider(), section("*Criteria*"), *sections(_criteria_lines(detail))]
    if detail.ai_summary:
        summary = _free_text(detail.ai_summary, show_private)
        blocks += [divider(), section("*AI summary*\n" + trim(summary, SECTION_TEXT - 20))]
    profile = _profile_lines(detail)
    if profile:
        blocks += [divider(), section("*Profile*"), *sections(profile)]
    private = []
    if show_private and detail.contact:
        c = detail.contact
        private += [
            f"{label}: {esc(v)}"
            for label, v in (("Email", c.email), ("Phone", c.phone), ("LinkedIn", c.linkedin))
            if v
        ]
    if show_private and detail.salary:
        s = detail.salary
        private += [
            f"{label}: {esc(v)}"
            for label, v in (("Expected salary", s.expected), ("Current salary", s.current))
            if v
        ]
    if private:
        blocks += [divider(), *sections(private)]
    blocks.append(context(f"Job candidate id {esc(detail.job_candidate_id)}"))
    job_id = detail.job.id if detail.job else detail.job_id
    actions: list[Block] = [
        button("Move to another stage…", ids.MOVE, {"jc": detail.job_candidate_id, "j": job_id})
    ]
    blocks.append({"type": "actions", "block_id": "details:actions", "elements": actions})
    return {
        "type": "modal",
        "callback_id": ids.INFO_VIEW,
        "title": plain("Candidate", VIEW_TITLE),
        "close": plain("Close", VIEW_BUTTON),
        "private_metadata": ids.encode(meta or {}, PRIVATE_METADATA),
        "blocks": blocks[:VIEW_BLOCKS],
    }
