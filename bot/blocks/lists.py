"""Candidate lists: top candidates (with Next, Previous, Rescore, Refresh) and search.

A message holds at most 50 blocks, and each row is a block (it carries its own menu). A
list longer than what fits is shown up to the fit and says so; Next continues after the
last row shown, so nobody is skipped.
"""

from __future__ import annotations

from bot.blocks import ids
from bot.blocks.kit import (
    MESSAGE_BLOCKS,
    Block,
    Message,
    actions,
    button,
    context,
    header,
    message,
    section,
)
from bot.blocks.payloads import TopQuery
from bot.blocks.privacy import for_channel
from bot.blocks.rescores import rescore_button
from bot.blocks.rows import candidate_menu, candidate_text
from bot.blocks.text import esc, trim
from shared.actions.models import SearchResult, TopCandidatesResult
from shared.actions.presentation import plural, skipped_note


def _top_context(result: TopCandidatesResult, shown: int, cut: bool) -> list[str]:
    parts = [f"Job {esc(result.job.id)}"]
    if result.total_scored is not None:
        parts.append(f"{result.total_scored:,} scored")
    if result.unscored:
        parts.append(f"{result.unscored:,} not scored yet")
    if shown:
        parts.append(f"showing {result.offset + 1}–{result.offset + shown}")
    if result.min_score is not None:
        parts.append(f"min score {result.min_score:g}")
    if result.stage is not None:
        parts.append(f"stage {trim(esc(result.stage.name), 60)}")
    if result.include_rejected:
        parts.append("including rejected")
    notes = ["  ·  ".join(parts)]
    if cut:
        notes.append(f"Slack fits {shown} rows in one message: *Next* shows the rest.")
    if result.tie is not None:
        notes.append(f"⚖️ {esc(result.tie.note)}")
    if skipped := skipped_note(result.skipped):
        notes.append(f"⚠️ {esc(skipped)}")
    return notes


def top_candidates_message(
    result: TopCandidatesResult, *, show_private: bool = False, notice: str | None = None
) -> Message:
    """The ranked list: header, one row per candidate with a menu, and the footer buttons."""
    result = for_channel(result, show_private)
    query = TopQuery.of(result)
    fixed = 3 + (1 if notice else 0)  # header, context, footer (+ the notice)
    rows = result.candidates[: MESSAGE_BLOCKS - fixed]
    cut = len(rows) < len(result.candidates)
    blocks: list[Block] = [section(notice)] if notice else []
    blocks.append(header(f"Top candidates · {result.job.title}"))
    blocks.append(context(*_top_context(result, len(rows), cut)))
    if not rows:
        hint = (
            "Try a lower `min:` or another `stage:`."
            if (result.min_score is not None or result.stage is not None)
            else "Candidates appear here once TapTalent has scored them."
        )
        blocks.append(section(f"No scored candidates match. {hint}"))
    for row in rows:
        blocks.append(
            section(
                candidate_text(row),
                accessory=candidate_menu(row.job_candidate_id, result.job.id),
                block_id=f"row:{row.job_candidate_id}",
            )
        )
    footer: list[Block] = []
    if result.offset > 0:
        back = query.at(result.offset - result.limit)
        footer.append(button(f"Previous {result.limit}", ids.PREVIOUS_PAGE, back))
    if result.has_more or cut:
        more = query.at(result.offset + len(rows))
        footer.append(button(f"Next {result.limit}", ids.NEXT_PAGE, more, style="primary"))
    footer.append(rescore_button(result.job.id, result.job.title))
    footer.append(button("Refresh", ids.REFRESH, query))
    blocks.append(actions("top:footer", footer))
    text = f"Top candidates for {esc(result.job.title)} (job {esc(result.job.id)})"
    return message(text, blocks)


def search_message(result: SearchResult, *, show_private: bool = False) -> Message:
    result = for_channel(result, show_private)
    matches = result.matches[: MESSAGE_BLOCKS - 2]  # header and context
    blocks: list[Block] = [header(f"Search: {result.text}")]
    where = f" of {esc(result.job.title)} (job {esc(result.job.id)})" if result.job else ""
    shown = f", showing {len(matches)}" if len(matches) < result.total_matches else ""
    notes = [
        f"{plural(result.total_matches, 'match', 'matches')}{shown} among "
        f"{plural(result.scanned, 'job candidate')}{where}"
        + (f"  ·  min score {result.min_score:g}" if result.min_score is not None else "")
    ]
    if len(matches) < len(result.matches):
        notes.append(f"Slack fits {len(matches)} rows in one message: add words to narrow it.")
    blocks.append(context(*notes))
    if not matches:
        blocks.append(section("Nobody matches every word. Try fewer words or another job."))
    for m in matches:
        job_id = m.job_id if m.job_id is not None else (result.job.id if result.job else None)
        blocks.append(
            section(
                candidate_text(m, job_title=None if result.job else m.job_title),
                accessory=candidate_menu(m.job_candidate_id, job_id),
                block_id=f"row:{m.job_candidate_id}",
            )
        )
    return message(f"Search results for “{esc(result.text)}”", blocks)
