"""One pydantic model per command: what `parse` returns and what surfaces dispatch on.

Models validate with the same rules as the parser (shared/commands/values.py), so MCP
tools or tests can build them directly. `to_text()` writes a model back as command text
(without the `/tt` prefix) that parses to an equal model.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from shared.commands import interview_values as iv_values
from shared.commands import values
from shared.commands.text import normalize_key, quote

JobRef = Annotated[int | str, BeforeValidator(values.to_id)]
Score = Annotated[float, BeforeValidator(values.to_score)]
Limit = Annotated[int, BeforeValidator(values.to_limit)]
Stage = Annotated[str, BeforeValidator(values.to_stage)]


def _optional_status(value: object) -> str | None:
    return None if value is None else values.to_status(value)


def _optional_ids(value: object) -> list[int | str] | None:
    return None if value is None else values.to_id_list(value)


# Bare words the parser gives a meaning of their own when they are a command's only
# argument: `/tt rescore help` shows help rather than looking up a rescore called "help".
HELP_WORDS = frozenset({"help", "--help", "-h", "?"})


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    # Normalised keys this command accepts; a bare word equal to one of them is read as
    # that key, so to_text must write such a value in key:value form.
    keys: ClassVar[frozenset[str]] = frozenset()

    def to_text(self) -> str:
        raise NotImplementedError

    @classmethod
    def _is_bare_safe(cls, word: str) -> bool:
        return (
            word.lower() not in HELP_WORDS
            and normalize_key(word) not in cls.keys
            and quote(word) == word
        )


class Help(Command):
    name: ClassVar[str] = "help"
    aliases: ClassVar[tuple[str, ...]] = ("--help", "-h", "?")

    topic: str | None = None

    @field_validator("topic", mode="before")
    @classmethod
    def _known_command(cls, value: object) -> str | None:
        if value is None:
            return None
        found = resolve_command(value) if isinstance(value, str) else None
        if found is None:
            raise ValueError("topic must be a command: " + ", ".join(COMMAND_NAMES))
        return found

    def to_text(self) -> str:
        return "help" if self.topic is None else f"help {self.topic}"


class ListJobs(Command):
    name: ClassVar[str] = "jobs"
    keys: ClassVar[frozenset[str]] = frozenset({"status", "page"})

    status: Annotated[str | None, BeforeValidator(_optional_status)] = None
    page: Annotated[int, BeforeValidator(values.to_page)] = 1

    def to_text(self) -> str:
        parts = ["jobs"]
        if self.status:
            parts.append(f"status:{self.status}")
        if self.page != 1:
            parts.append(f"page:{self.page}")
        return " ".join(parts)


class ShowJob(Command):
    name: ClassVar[str] = "job"
    keys: ClassVar[frozenset[str]] = frozenset({"job"})

    job: JobRef

    def to_text(self) -> str:
        job = str(self.job)
        return f"job {job}" if self._is_bare_safe(job) else f"job job:{job}"


class TopCandidates(Command):
    name: ClassVar[str] = "top-candidates"
    aliases: ClassVar[tuple[str, ...]] = ("top", "tc")

    job: JobRef
    limit: Limit = 10
    min_score: Score | None = None
    stage: Stage | None = None
    include_rejected: bool = False

    def to_text(self) -> str:
        parts = ["top-candidates", f"job:{self.job}"]
        if self.limit != 10:
            parts.append(f"limit:{self.limit}")
        if self.min_score is not None:
            parts.append(f"min:{values.format_number(self.min_score)}")
        if self.stage is not None:
            parts.append(f"stage:{quote(self.stage)}")
        if self.include_rejected:
            parts.append("all")
        return " ".join(parts)


class Search(Command):
    name: ClassVar[str] = "search"
    keys: ClassVar[frozenset[str]] = frozenset({"job", "min", "min_score", "score", "limit"})

    text: Annotated[str, BeforeValidator(values.to_words)]
    job: JobRef | None = None
    min_score: Score | None = None
    limit: Limit = 10

    def to_text(self) -> str:
        words = [w if self._is_bare_safe(w) else _force_quote(w) for w in self.text.split(" ")]
        parts = ["search", *words]
        if self.job is not None:
            parts.append(f"job:{self.job}")
        if self.min_score is not None:
            parts.append(f"min:{values.format_number(self.min_score)}")
        if self.limit != 10:
            parts.append(f"limit:{self.limit}")
        return " ".join(parts)


class Rescore(Command):
    name: ClassVar[str] = "rescore"

    job: JobRef
    stage: Stage | None = None
    candidates: Annotated[list[int | str] | None, BeforeValidator(_optional_ids)] = None

    def to_text(self) -> str:
        parts = ["rescore", f"job:{self.job}"]
        if self.stage is not None:
            parts.append(f"stage:{quote(self.stage)}")
        if self.candidates:
            parts.append("candidates:" + ",".join(str(c) for c in self.candidates))
        return " ".join(parts)


class RescoreStatus(Command):
    name: ClassVar[str] = "rescore-status"
    keys: ClassVar[frozenset[str]] = frozenset({"id", "rescore_id"})

    rescore_id: Annotated[str, BeforeValidator(values.to_rescore_id)]

    def to_text(self) -> str:
        if self._is_bare_safe(self.rescore_id):
            return f"rescore-status {self.rescore_id}"
        return f"rescore-status id:{self.rescore_id}"


class Move(Command):
    name: ClassVar[str] = "move"
    keys: ClassVar[frozenset[str]] = frozenset({"stage", "candidate", "jc", "job_candidate"})

    job_candidate: JobRef
    stage: Stage

    def to_text(self) -> str:
        jc = str(self.job_candidate)
        target = jc if self._is_bare_safe(jc) else f"candidate:{jc}"
        return f"move {target} stage:{quote(self.stage)}"


def _optional_ats_id(value: object) -> str | None:
    return None if value is None else values.to_ats_id(value)


def _optional_id(value: object) -> int | str | None:
    return None if value is None else values.to_id(value)


def _optional_system_job_id(value: object) -> str | None:
    return None if value is None else values.to_system_job_id(value)


class Link(Command):
    name: ClassVar[str] = "link"
    keys: ClassVar[frozenset[str]] = frozenset({"job", "ats", "instaview", "talynce", "mirror"})

    job: JobRef
    ats: Annotated[str | None, BeforeValidator(_optional_ats_id)] = None
    instaview: Annotated[str | None, BeforeValidator(_optional_system_job_id)] = None
    talynce: Annotated[str | None, BeforeValidator(_optional_system_job_id)] = None
    mirror: bool = False

    def to_text(self) -> str:
        parts = ["link", f"job:{self.job}"]
        if self.ats is not None:
            parts.append(f"ats:{quote(self.ats)}")
        if self.instaview is not None:
            parts.append(f"instaview:{quote(self.instaview)}")
        if self.talynce is not None:
            parts.append(f"talynce:{quote(self.talynce)}")
        if self.mirror:
            parts.append("mirror:on")
        return " ".join(parts)


class Push(Command):
    name: ClassVar[str] = "push"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"candidate", "jc", "job_candidate", "top", "job", "to"}
    )

    job_candidate: Annotated[int | str | None, BeforeValidator(_optional_id)] = None
    top: Annotated[
        int | None, BeforeValidator(lambda v: None if v is None else values.to_top(v))
    ] = None
    job: Annotated[int | str | None, BeforeValidator(_optional_id)] = None
    to: Annotated[str, BeforeValidator(values.to_destination)]

    @model_validator(mode="after")
    def _one_target(self) -> Push:
        # PydanticCustomError: the parser shows the sentence as it is (no "Value error,").
        if (self.job_candidate is None) == (self.top is None):
            raise PydanticCustomError(
                "push_target", "give either a job candidate id or top:N with job:<job id>"
            )
        if self.top is not None and self.job is None:
            raise PydanticCustomError("push_job", "top:N needs the job too (job:<job id>)")
        if self.job_candidate is not None and self.job is not None:
            raise PydanticCustomError(
                "push_job", "job: goes with top:N; a job candidate id already names its job"
            )
        return self

    def to_text(self) -> str:
        if self.top is not None:
            return f"push top:{self.top} job:{self.job} to:{self.to}"
        jc = str(self.job_candidate)
        target = jc if self._is_bare_safe(jc) else f"candidate:{jc}"
        return f"push {target} to:{self.to}"


class Reject(Command):
    name: ClassVar[str] = "reject"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"candidate", "jc", "job_candidate", "reason", "note"}
    )

    job_candidate: JobRef
    reason: Annotated[
        str | None, BeforeValidator(lambda v: None if v is None else values.to_text_value(v))
    ] = None
    note: Annotated[
        str | None, BeforeValidator(lambda v: None if v is None else values.to_text_value(v))
    ] = None

    def to_text(self) -> str:
        jc = str(self.job_candidate)
        parts = ["reject", jc if self._is_bare_safe(jc) else f"candidate:{jc}"]
        if self.reason is not None:
            parts.append(f"reason:{_force_quote(self.reason)}")
        if self.note is not None:
            parts.append(f"note:{_force_quote(self.note)}")
        return " ".join(parts)


class Upload(Command):
    name: ClassVar[str] = "upload"
    keys: ClassVar[frozenset[str]] = frozenset({"job"})

    job: JobRef
    urls: Annotated[list[str], BeforeValidator(values.to_url_list)]

    def to_text(self) -> str:
        links = [u if _link_is_bare_safe(u) else _force_quote(u) for u in self.urls]
        return " ".join(["upload", f"job:{self.job}", *links])


def _link_is_bare_safe(url: str) -> bool:
    """`https://…` reads back as one plain word (the tokenizer's `//` rule)."""
    scheme, _, rest = url.partition(":")
    plain = quote(scheme + rest) == scheme + rest if rest.startswith("//") else False
    return plain and url[0] not in "'\"“”‘’«»„"


class ListAssessments(Command):
    name: ClassVar[str] = "assessments"
    keys: ClassVar[frozenset[str]] = frozenset({"job"})

    job: Annotated[int | str | None, BeforeValidator(_optional_id)] = None

    def to_text(self) -> str:
        return "assessments" if self.job is None else f"assessments job:{self.job}"


class ShowAssessment(Command):
    name: ClassVar[str] = "assessment"
    keys: ClassVar[frozenset[str]] = frozenset({"id", "assessment"})

    assessment: JobRef

    def to_text(self) -> str:
        ref = str(self.assessment)
        return f"assessment {ref}" if self._is_bare_safe(ref) else f"assessment id:{ref}"


class Assess(Command):
    name: ClassVar[str] = "assess"
    keys: ClassVar[frozenset[str]] = frozenset({"candidate", "jc", "job_candidate", "assessment"})

    job_candidate: JobRef
    assessment: Annotated[
        str | None, BeforeValidator(lambda v: None if v is None else values.to_assessment_ref(v))
    ] = None

    def to_text(self) -> str:
        jc = str(self.job_candidate)
        parts = ["assess", jc if self._is_bare_safe(jc) else f"candidate:{jc}"]
        if self.assessment is not None:
            parts.append(f"assessment:{quote(self.assessment)}")
        return " ".join(parts)


class Status(Command):
    """`status <job candidate id>`: the candidate in every connected system."""

    name: ClassVar[str] = "status"
    keys: ClassVar[frozenset[str]] = frozenset({"candidate", "jc", "job_candidate"})

    job_candidate: Annotated[int | str, BeforeValidator(values.to_status_subject)]

    def to_text(self) -> str:
        jc = str(self.job_candidate)
        return f"status {jc}" if self._is_bare_safe(jc) else f"status candidate:{jc}"


class Interview(Command):
    name: ClassVar[str] = "interview"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"candidate", "jc", "job_candidate", "agent", "at", "when", "schedule"}
    )

    job_candidate: JobRef
    agent: Annotated[
        str | None, BeforeValidator(lambda v: None if v is None else iv_values.to_agent(v))
    ] = None
    at: Annotated[
        str | None, BeforeValidator(lambda v: None if v is None else iv_values.to_at(v))
    ] = None

    def to_text(self) -> str:
        jc = str(self.job_candidate)
        parts = ["interview", jc if self._is_bare_safe(jc) else f"candidate:{jc}"]
        if self.agent is not None:
            parts.append(f"agent:{quote(self.agent)}")
        if self.at is not None:
            parts.append(f"at:{quote(self.at)}")
        return " ".join(parts)


class InterviewStatus(Command):
    name: ClassVar[str] = "interview-status"
    keys: ClassVar[frozenset[str]] = frozenset({"id", "interview_id"})

    id: Annotated[str, BeforeValidator(iv_values.to_interview_ref)]

    def to_text(self) -> str:
        if self._is_bare_safe(self.id):
            return f"interview-status {self.id}"
        return f"interview-status id:{self.id}"


def _force_quote(word: str) -> str:
    quoted = quote(word)
    if quoted != word:
        return quoted
    return f'"{word}"' if '"' not in word else f"'{word}'"


COMMAND_MODELS: tuple[type[Command], ...] = (
    Help,
    ListJobs,
    ShowJob,
    TopCandidates,
    Search,
    Rescore,
    RescoreStatus,
    Move,
    Link,
    Push,
    Reject,
    Upload,
    ListAssessments,
    ShowAssessment,
    Assess,
    Status,
    Interview,
    InterviewStatus,
)
COMMAND_NAMES: tuple[str, ...] = tuple(model.name for model in COMMAND_MODELS)
_BY_WORD: dict[str, str] = {
    normalize_key(word): model.name
    for model in COMMAND_MODELS
    for word in (model.name, *model.aliases)
}

AnyCommand = (
    Help
    | ListJobs
    | ShowJob
    | TopCandidates
    | Search
    | Rescore
    | RescoreStatus
    | Move
    | Link
    | Push
    | Reject
    | Upload
    | ListAssessments
    | ShowAssessment
    | Assess
    | Status
    | Interview
    | InterviewStatus
)


def resolve_command(word: str) -> str | None:
    """The command a word names (`top`, `TC`, `rescore_status` ...), or None."""
    return _BY_WORD.get(normalize_key(word))
