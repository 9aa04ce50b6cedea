"""The one alert an interview ends with: InstaView's AI analysis beside the TapTalent score,
or a plain sentence saying it failed or expired.

Plain text: every surface escapes it (Slack: no links, no mentions; contact details
masked) and trims it; InstaView's words are cut short here and labelled as AI analysis.
"""

from __future__ import annotations

from shared.actions.interviews.common import KIND
from shared.actions.interviews.models import InterviewAnalysis
from shared.actions.presentation import score_text
from shared.notify import OperationNotice
from shared.store.operations import Operation

POINTS_SHOWN = 4
POINT_LIMIT = 200
EVALUATION_LIMIT = 500
AI_LABEL = "InstaView's AI analysis (written by AI, not by a recruiter):"


def cut(text: str, limit: int) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def rating(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}/100"


def points(label: str, items: list[str]) -> str | None:
    shown = [cut(p, POINT_LIMIT) for p in items[:POINTS_SHOWN] if str(p).strip()]
    if not shown:
        return None
    more = f" (+{len(items) - POINTS_SHOWN} more)" if len(items) > POINTS_SHOWN else ""
    return f"{label}: " + "; ".join(shown) + more


def analysis_lines(analysis: InterviewAnalysis, score: float | None) -> list[str]:
    lines = [
        AI_LABEL,
        f"Overall rating {rating(analysis.overall_rating)} · company fit "
        f"{rating(analysis.company_fit)} · TapTalent score {score_text(score)}",
    ]
    lines += [
        line
        for line in (
            points("Strong points", analysis.strong_points),
            points("Weak points", analysis.weak_points),
        )
        if line
    ]
    if analysis.evaluation:
        lines.append(f"Evaluation: {cut(analysis.evaluation, EVALUATION_LIMIT)}")
    return lines


def interview_notice(op: Operation) -> OperationNotice:
    data, result = op.data, op.result or {}
    who = f"{data.get('name') or 'Candidate'} (job candidate {op.subject}"
    who += f", {data['job_title']})" if data.get("job_title") else ")"
    if op.state == "completed":
        analysis = InterviewAnalysis.model_validate(result.get("analysis") or {})
        title = f"AI interview analysed: {who}"
        lines = analysis_lines(analysis, data.get("score"))
    elif op.state == "failed":
        title = f"AI interview failed: {who}"
        reason = cut(str(result.get("reason") or "InstaView gave no reason."), POINT_LIMIT)
        lines = [reason, "Invite them again for another try if you wish."]
    else:
        title = f"AI interview expired: {who}"
        lines = [
            cut(str(result.get("reason") or "InstaView gave no outcome in time."), POINT_LIMIT),
            "Check the interview in InstaView.",
        ]
    lines.append(f"Agent: {data.get('agent') or 'n/a'} · InstaView interview {op.id}")
    return OperationNotice(
        kind=KIND, operation_id=op.id, origin=op.origin, title=title, lines=lines
    )
