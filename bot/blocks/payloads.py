"""What buttons, menus and modals carry, as small typed models.

A click needs no server-side session: the message itself is the state. Each payload is a
pydantic model with one-letter aliases (a button value holds at most 2,000 characters and
an option value 150), encoded as compact JSON without Nones. `decode` returns None for a
value that is not ours (an old message, a forged click): listeners then do nothing.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.actions.models import Id, TopCandidatesResult
from shared.commands import UPLOAD_MAX_LENGTH

P = TypeVar("P", bound=BaseModel)


class Payload(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="ignore")


def encode(value: BaseModel, limit: int) -> str:
    """Compact JSON; raises if it would not fit where it goes (a bug, not a user error)."""
    text = json.dumps(
        value.model_dump(mode="json", by_alias=True, exclude_none=True), separators=(",", ":")
    )
    if len(text) > limit:
        raise ValueError(f"{type(value).__name__} too long for Slack ({len(text)} > {limit})")
    return text


def decode(model: type[P], text: str | None) -> P | None:
    if not text:
        return None
    try:
        return model.model_validate(json.loads(text))
    except (ValueError, ValidationError):
        return None


class JobValue(Payload):
    """Top candidates of a job, or Rescore job."""

    job: Id = Field(alias="j")


class CandidateValue(Payload):
    """Move this job candidate (from the Details modal)."""

    job_candidate: Id = Field(alias="jc")
    job: Id | None = Field(default=None, alias="j")


class MenuChoice(Payload):
    """One option of a row's overflow menu: d(etails), m(ove), p(ush to the ATS),
    r(eject in the ATS), a(ssess: invite to an assessment) or i(nvite to an AI interview)."""

    action: Literal["d", "m", "p", "r", "a", "i"] = Field(alias="a")
    job_candidate: Id = Field(alias="jc")
    job: Id | None = Field(default=None, alias="j")


class JobsPageValue(Payload):
    page: int = Field(default=1, ge=1, alias="p")
    status: str | None = Field(default=None, alias="st")


class NoValue(Payload):
    """A button that needs nothing (Help)."""


class TopQuery(Payload):
    """What a top-candidates message shows, so Next, Previous and Refresh rerun it."""

    job: Id = Field(alias="j")
    offset: int = Field(default=0, ge=0, alias="o")
    limit: int = Field(default=10, ge=1, le=50, alias="l")
    min_score: float | None = Field(default=None, alias="m")
    stage: str | None = Field(default=None, alias="s")
    include_rejected: bool | None = Field(default=None, alias="r")

    @classmethod
    def of(cls, result: TopCandidatesResult) -> TopQuery:
        stage = None
        if result.stage is not None:
            stage = str(result.stage.id) if result.stage.id is not None else result.stage.name
        return cls(
            job=result.job.id,
            offset=result.offset,
            limit=result.limit,
            min_score=result.min_score,
            stage=stage,
            include_rejected=result.include_rejected or None,
        )

    def at(self, offset: int) -> TopQuery:
        return self.model_copy(update={"offset": max(0, offset)})

    def args(self) -> dict[str, Any]:
        """Keyword arguments for `shared.actions.top_candidates`."""
        return {
            "job": self.job,
            "limit": self.limit,
            "offset": self.offset,
            "min_score": self.min_score,
            "stage": self.stage,
            "include_rejected": bool(self.include_rejected),
        }


class WriteRequest(Payload):
    """A write waiting for Confirm: a typed command (`/tt rescore …`, `/tt move …`),
    compressed so 5,000 candidate ids fit and parsed again when confirmed; or "rescore the
    candidates a run left out", named by its request (the ids are read from the store)."""

    packed: str | None = Field(default=None, alias="z")
    # A command too long for a button (an upload's many links), kept server-side under
    # this key (`bot.uploads.keep_draft`).
    draft: str | None = Field(default=None, alias="d")
    not_done_of: str | None = Field(default=None, alias="g")
    job: Id | None = Field(default=None, alias="j")
    thread: str | None = Field(default=None, alias="th")

    @classmethod
    def of(cls, text: str, *, thread: str | None = None) -> WriteRequest:
        packed = base64.b64encode(zlib.compress(text.encode(), 9)).decode()
        return cls(packed=packed, thread=thread)

    @property
    def command(self) -> str | None:
        if not self.packed:
            return None
        try:
            inflate = zlib.decompressobj()
            raw = inflate.decompress(base64.b64decode(self.packed), UPLOAD_MAX_LENGTH)
            if inflate.unconsumed_tail:  # longer than any command: never a cut-off one
                return None
            return raw.decode()
        except (binascii.Error, zlib.error, UnicodeDecodeError):
            return None


class Where(Payload):
    """Where a modal was opened from, so a move made in it can update that message."""

    response_url: str | None = Field(default=None, alias="ru")
    query: TopQuery | None = Field(default=None, alias="q")
    channel: str | None = Field(default=None, alias="ch")


class MoveMeta(Where):
    """The move modal's state between its two steps."""

    job_candidate: Id = Field(alias="jc")
    name: str = Field(default="this candidate", alias="n")
    from_stage: str | None = Field(default=None, alias="f")
    from_stage_id: str | None = Field(default=None, alias="fi")
    job_title: str | None = Field(default=None, alias="t")
    stage_names: dict[str, str] = Field(default_factory=dict, alias="sn")
    stage: str | None = Field(default=None, alias="s")
    stage_name: str | None = Field(default=None, alias="sl")


class AtsMeta(Payload):
    """An ATS modal's state (Send to ATS, Reject in the ATS): the job candidate, and the
    message it was opened from, whose thread hears of the ATS's later changes."""

    job_candidate: Id = Field(alias="jc")
    channel: str | None = Field(default=None, alias="ch")
    thread: str | None = Field(default=None, alias="ts")
