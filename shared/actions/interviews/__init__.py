"""AI interviews through InstaView: invite a job candidate (`invite_to_interview`, with
`interview_preview` for the confirmation every surface asks), and follow the interview
(`interview_status` asks InstaView; `interview_state` reads only the store, for the
cross-system status view). The interview itself is a pending operation of the kind
`interview` (`shared.operations.kinds.interview`), ended by webhook or polling."""

from shared.actions.interviews.invite import invite_to_interview
from shared.actions.interviews.models import (
    AgentChoices,
    AgentInfo,
    InterviewAnalysis,
    InterviewInvite,
    InterviewPlan,
    InterviewProgress,
    InterviewState,
)
from shared.actions.interviews.plan import interview_preview
from shared.actions.interviews.status import interview_state, interview_status

__all__ = [
    "AgentChoices",
    "AgentInfo",
    "InterviewAnalysis",
    "InterviewInvite",
    "InterviewPlan",
    "InterviewProgress",
    "InterviewState",
    "interview_preview",
    "interview_state",
    "interview_status",
    "invite_to_interview",
]
