"""One candidate as a list row: who, how well they score, and why, plus the row's menu.

Rows are built from results already passed through `privacy.for_channel`; every text here
is escaped (`esc`) and sits in verbatim mrkdwn, so candidate text makes no link or mention.
"""

from __future__ import annotations

import re

from bot.blocks import ids
from bot.blocks.kit import OPTION_VALUE, Block, plain
from bot.blocks.payloads import MenuChoice, encode
from bot.blocks.text import esc, trim
from shared.actions.models import CandidateRow, Id
from shared.actions.presentation import score_bar, score_text

_LEADING_IS = re.compile(r"^(is|was)\s+", re.IGNORECASE)


def role_line(title: str | None, company: str | None) -> str:
    if title and company:
        return f"{trim(esc(title), 120)} at {trim(esc(company), 120)}"
    return trim(esc(title or company or ""), 120)


def summary_without_repeats(row: CandidateRow) -> str | None:
    """The summary line minus the name, title and company the row already shows above it
    ("Ana (Engineer at Acme) meets every criterion." → "Meets every criterion.")."""
    text = (row.summary_line or "").strip()
    names = [n for n in (row.name, row.name.split(" ")[0] if row.name else "") if n]
    for name in names:
        if text.lower().startswith(name.lower()):
            text = text[len(name) :].lstrip(" ,")
            break
    else:
        return text or None
    if text.startswith("("):
        inside, _, rest = text[1:].partition(")")
        known = [p.lower() for p in (row.title, row.company) if p]
        if rest and any(k in inside.lower() for k in known):
            text = rest.lstrip(" ,")
    text = _LEADING_IS.sub("", text)
    return (text[:1].upper() + text[1:]) if text else None


def candidate_text(row: CandidateRow, *, job_title: str | None = None) -> str:
    """Three compact lines: who, how well they score, and why (first line of the summary)."""
    rank = f"{row.rank}. " if row.rank is not None else ""
    first = f"*{rank}{trim(esc(row.name), 120)}*"
    role = role_line(row.title, row.company)
    if role:
        first += f"  ·  {role}"
    second = [f"`{score_bar(row.score)}` *{score_text(row.score)}*"]
    if row.must_have:
        second.append(f"Must Have {row.must_have}")
    if row.stage:
        second.append(trim(esc(row.stage), 60))
    if job_title:
        second.append(f"in {trim(esc(job_title), 80)}")
    second.append(f"id {esc(row.job_candidate_id)}")
    lines = [first, "  ·  ".join(second)]
    summary = summary_without_repeats(row)
    if summary:
        lines.append(trim(esc(summary), 400))
    return "\n".join(lines)


def candidate_menu(job_candidate_id: Id, job_id: Id | None) -> Block:
    choices = (
        ("Details", MenuChoice(action="d", job_candidate=job_candidate_id)),
        (
            "Move to another stage…",
            MenuChoice(action="m", job_candidate=job_candidate_id, job=job_id),
        ),
        ("Send to ATS", MenuChoice(action="p", job_candidate=job_candidate_id)),
        ("Reject in the ATS…", MenuChoice(action="r", job_candidate=job_candidate_id)),
        ("Invite to assessment…", MenuChoice(action="a", job_candidate=job_candidate_id)),
        ("Invite to AI interview", MenuChoice(action="i", job_candidate=job_candidate_id)),
    )
    options = [{"text": plain(t, 75), "value": encode(v, OPTION_VALUE)} for t, v in choices]
    # Six actions: Slack's overflow menu holds at most five, a select up to a hundred.
    return {
        "type": "static_select",
        "action_id": ids.CANDIDATE_MENU,
        "placeholder": plain("Actions…", 150),
        "options": options,
    }
