"""What an upload's surfaces show: the preview, what started, and the report at the end."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.actions.models import Id, JobRef
from shared.store import Origin

#: A chunk's life: `queued` (recorded, not sent yet), `sending` (asked, no answer yet),
#: `pending` (a batch TapTalent is parsing), then `completed` or `failed` (the batch ended),
#: `refused` (TapTalent said no: nothing was created), `unknown` (no clear answer: it may
#: exist; never resent) or `not_sent` (tt stopped before sending it).
ChunkState = Literal[
    "queued", "sending", "pending", "completed", "failed", "refused", "unknown", "not_sent"
]
CHUNK_ENDS: frozenset[str] = frozenset({"completed", "failed", "refused", "unknown", "not_sent"})


class Chunk(BaseModel):
    """One batch of up to 200 URLs, as the operation's data keeps it."""

    number: int = Field(description="1 for the first 200 URLs, 2 for the next, ...")
    urls: int
    first_url: str = ""
    links: list[str] = Field(default_factory=list, description="The URLs sent, in order")
    state: ChunkState = "queued"
    batch_id: str | None = None
    parsed: int | None = None
    failed: int | None = None
    reason: str | None = None
    candidates: list[str] | None = Field(
        default=None, description="Candidate ids the batch created, once asked for"
    )

    @property
    def ended(self) -> bool:
        return self.state in CHUNK_ENDS


class UploadPreview(BaseModel):
    """What `upload_resumes` would do, for the confirmation."""

    job: JobRef
    urls: int
    batches: int = Field(description="One TapTalent batch per 200 URLs")


class UploadStarted(BaseModel):
    upload_id: str
    job: JobRef
    urls: int
    chunks: list[Chunk]
    requested_by: Origin
    message: str

    @property
    def batch_ids(self) -> list[str]:
        return [c.batch_id for c in self.chunks if c.batch_id]

    def count(self, *states: str) -> int:
        return sum(c.urls for c in self.chunks if c.state in states)


class NewcomerRow(BaseModel):
    rank: int
    job_candidate_id: Id
    name: str
    score: float | None = None
    new: bool = Field(description="Arrived with this upload")


class UploadReport(BaseModel):
    """How an upload ended: counts, what went wrong, and the job's top 5 afterwards."""

    upload_id: str
    job: JobRef
    origin: Origin
    urls: int
    parsed: int
    failed: int
    chunks: list[Chunk]
    top: list[NewcomerRow] = Field(default_factory=list)
    unscored: int = Field(0, description="New candidates not scored when the report was made")
    best_new: float | None = Field(None, description="The best score among the new candidates")
    expired: bool = False
