"""The use cases. Slack, MCP and the CLI call these and nothing below them, so they agree."""

from shared.actions.candidates import get_job_candidate, search_candidates
from shared.actions.errors import (
    ActionError,
    InvalidInput,
    NotAllowed,
    NotFound,
    OutOfCredits,
    Unavailable,
)
from shared.actions.follow import (
    close_request,
    follow,
    follow_rescore,
    release_request,
    request_ended,
)
from shared.actions.jobs import get_job, list_jobs
from shared.actions.moves import move_candidate
from shared.actions.ranking import top_candidates
from shared.actions.rescoring import build_report, rescore, rescore_status

__all__ = [
    "ActionError",
    "InvalidInput",
    "NotAllowed",
    "NotFound",
    "OutOfCredits",
    "Unavailable",
    "build_report",
    "close_request",
    "follow",
    "follow_rescore",
    "get_job",
    "get_job_candidate",
    "list_jobs",
    "move_candidate",
    "release_request",
    "request_ended",
    "rescore",
    "rescore_status",
    "search_candidates",
    "top_candidates",
]
