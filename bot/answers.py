"""The answer to a `/tt` command: which Block Kit builder renders which use-case result."""

from __future__ import annotations

from pydantic import BaseModel

from bot.blocks.assessments import assessment_answer
from bot.blocks.ats import ats_message
from bot.blocks.common import help_message
from bot.blocks.connectors import connectors_message
from bot.blocks.interviews import interview_message
from bot.blocks.jobs import job_message, jobs_message
from bot.blocks.kit import Message
from bot.blocks.lists import search_message, top_candidates_message
from bot.blocks.moves import move_message
from bot.blocks.rescores import rescore_status_message
from shared.actions.dispatch import HelpResult
from shared.actions.models import (
    JobDetail,
    JobsPage,
    MoveResult,
    RescoreStatusResult,
    SearchResult,
    TopCandidatesResult,
)


def answer(result: BaseModel, *, user: str | None, show_private: bool = False) -> Message:
    match result:
        case HelpResult():
            return help_message(result.text)
        case JobsPage():
            return jobs_message(result)
        case JobDetail():
            return job_message(result)
        case TopCandidatesResult():
            return top_candidates_message(result, show_private=show_private)
        case SearchResult():
            return search_message(result, show_private=show_private)
        case RescoreStatusResult():
            return rescore_status_message(result)
        case MoveResult():
            return move_message(result, user)
    ats = (
        ats_message(result, user)
        or connectors_message(result, user)
        or interview_message(result, user)
    )
    if ats is not None:
        return ats
    assessed = assessment_answer(result, user)
    if assessed is not None:
        return assessed
    raise TypeError(f"no Slack rendering for {type(result).__name__}")
