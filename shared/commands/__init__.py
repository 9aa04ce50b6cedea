"""The `/tt` command language, shared by Slack and the CLI.

    from shared.commands import parse, CommandError, help_text
    cmd = parse("top-candidates job:42 limit:5")   # TopCandidates(job=42, limit=5, ...)

`parse` returns one pydantic model per command (each has a `name` ClassVar and
`to_text()`), or raises CommandError with a message fit to show the person who typed it.
"""

from shared.commands.errors import CommandError
from shared.commands.help import help_text
from shared.commands.models import (
    COMMAND_NAMES,
    AnyCommand,
    Assess,
    Command,
    Help,
    Interview,
    InterviewStatus,
    Link,
    ListAssessments,
    ListJobs,
    Move,
    Push,
    Reject,
    Rescore,
    RescoreStatus,
    Search,
    ShowAssessment,
    ShowJob,
    Status,
    TopCandidates,
    Upload,
    resolve_command,
)
from shared.commands.parser import parse
from shared.commands.spec import COMMANDS, CommandSpec, Option
from shared.commands.text import MAX_LENGTH, UPLOAD_MAX_LENGTH

__all__ = [
    "COMMANDS",
    "COMMAND_NAMES",
    "MAX_LENGTH",
    "UPLOAD_MAX_LENGTH",
    "AnyCommand",
    "Assess",
    "Command",
    "CommandError",
    "CommandSpec",
    "Help",
    "Interview",
    "InterviewStatus",
    "Link",
    "ListAssessments",
    "ListJobs",
    "Move",
    "Option",
    "Push",
    "Reject",
    "Rescore",
    "RescoreStatus",
    "Search",
    "ShowAssessment",
    "ShowJob",
    "Status",
    "TopCandidates",
    "Upload",
    "help_text",
    "parse",
    "resolve_command",
]
