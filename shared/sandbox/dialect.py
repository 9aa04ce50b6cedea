"""How the sandbox speaks: which of the documented answer shapes it sends.

- ``seed``: exactly the shapes of the seed's tables (seeds 000 and 003). Rescore answers
  are ``{"data": ...}`` with no ``status``; the stage endpoints answer at the top level
  with no ``status``; a job's ``pipelineStage`` has no stage ids; bulk-fetched job
  candidates carry only the listed fields; strings where the seed types an integer are
  refused with the documented 400.
- ``tt``: the shapes tt's own sandbox always sent (``status`` everywhere, stage ids in
  pipelines, every field on every job candidate), lenient about id types.
- ``mixed``: any documented variant, picked per answer from a seeded RNG (deterministic
  for the same seed and the same traffic), and as strict as ``seed`` about requests.

The serializer builds one canonical (tt) shape; this layer reshapes it per answer. It
never mutates what it is given: the serializer caches profiles.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from shared.sandbox.clock import parse_iso

Dialect = Literal["seed", "tt", "mixed"]
DIALECTS: tuple[str, ...] = get_args(Dialect)
JsonDict = dict[str, Any]

#: Job Candidate Object Fields of "Bulk Fetch Job Candidates" (also the rescore candidates).
FETCHED_FIELDS = frozenset(
    {
        "id",
        "jobId",
        "candidateId",
        "profileMatchScore",
        "evaluationStatus",
        "criteriaMatches",
        "recommendToRecruitingFirm",
        "aiSummary",
        "candidate_details",
        "customFields",
    }
)
#: Candidate Object Fields of "Get Candidates for a Job".
LISTED_FIELDS = frozenset(
    {
        "jobCandidateId",
        "jobId",
        "stageId",
        "status",
        "createdAt",
        "updatedAt",
        "profileMatchScore",
        "criteriaMatches",
        "recommendToRecruitingFirm",
        "aiSummary",
        "candidate_details",
        "customFields",
    }
)
_ID_FIELDS = ("id", "jobCandidateId", "jobId", "candidateId", "stageId")
_DATE_FIELDS = ("createdAt", "updatedAt", "hiredAt", "rejectedAt")


@dataclass(frozen=True)
class Variants:
    """The optional documented variants one answer uses (``mixed`` only)."""

    string_ids: bool = False  # "an older page shows string ids"
    epoch_dates: bool = False  # createdAt and friends as epoch milliseconds
    camel_profile: bool = False  # the profile under candidateDetails
    comma_skills: bool = False  # skills: "comma-separated or array"


class Speaker:
    """Reshapes the sandbox's canonical answers into one dialect."""

    def __init__(self, dialect: str, seed: int) -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"dialect must be one of {', '.join(DIALECTS)} (got {dialect!r})")
        self.dialect = dialect
        self._rng = random.Random(f"{seed}:dialect")

    @property
    def strict_ids(self) -> bool:
        """Refuse strings where the seed types an integer (jobId, stageId, rescore ids)."""
        return self.dialect != "tt"

    def _coin(self) -> bool:
        return self._rng.random() < 0.5

    def _seed_shape(self) -> bool:
        """Whether this answer takes the seed's own shape (always, never, or by coin)."""
        return self._coin() if self.dialect == "mixed" else self.dialect == "seed"

    def _variants(self) -> Variants:
        if self.dialect != "mixed":
            return Variants()
        return Variants(self._coin(), self._coin(), self._coin(), self._coin())

    # --- jobs -----------------------------------------------------------------------------

    def job(self, body: JsonDict) -> JsonDict:
        """The documented job example lists pipeline stages without ids."""
        if not self._seed_shape():
            return body
        stages = [{k: v for k, v in s.items() if k != "id"} for s in body["pipelineStage"]]
        return {**body, "pipelineStage": stages}

    def jobs(self, bodies: Iterable[JsonDict]) -> list[JsonDict]:
        return [self.job(b) for b in bodies]

    # --- envelopes --------------------------------------------------------------------------

    def rescore_started(self, data: JsonDict) -> JsonDict:
        """202 of POST /job-candidates/rescore: its table lists only ``data.*``."""
        if self.dialect == "mixed" and "creditsAvailable" not in data and self._coin():
            data = {k: v for k, v in data.items() if k != "totalQueued"}
        return self._data_envelope(data)

    def rescore_status(self, data: JsonDict) -> JsonDict:
        """GET /job-candidates/rescore/:id: its table lists only ``data.*``."""
        return self._data_envelope(data)

    def _data_envelope(self, data: JsonDict) -> JsonDict:
        return {"data": data} if self._seed_shape() else {"status": "success", "data": data}

    def stage_page(self, items: list[JsonDict], pagination: JsonDict) -> JsonDict:
        """The stage endpoints: ``candidates`` and ``pagination`` at the top level."""
        variants = self._variants()
        items = [self._stage_item(item, variants) for item in items]
        if self.dialect == "seed":
            return {"candidates": items, "pagination": pagination}
        if self.dialect == "tt":
            return {"status": "success", "candidates": items, "pagination": pagination}
        page = {"candidates": items, "pagination": pagination}
        shape = self._rng.randrange(4)
        if shape == 0:
            return page
        if shape == 1:
            return {"status": "success", **page}
        return {"status": "success", "data": page} if shape == 2 else {"data": page}

    def _stage_item(self, item: JsonDict, variants: Variants) -> JsonDict:
        if variants == Variants():
            return item
        out = dict(item)
        out["jobCandidateDetails"] = _vary_record(item["jobCandidateDetails"], variants)
        out["candidate_details"] = _vary_profile(item["candidate_details"], variants)
        return out

    # --- job candidates -----------------------------------------------------------------------

    def listed(self, items: list[JsonDict]) -> list[JsonDict]:
        """Items of GET /job-candidates/job/:jobId/candidates."""
        return self._records(items, LISTED_FIELDS)

    def fetched(self, items: list[JsonDict]) -> list[JsonDict]:
        """Items of POST /job-candidates/bulk-fetch and of a rescore's candidates."""
        return self._records(items, FETCHED_FIELDS)

    def _records(self, items: list[JsonDict], documented: frozenset[str]) -> list[JsonDict]:
        if self.dialect == "tt":
            return items
        only_listed = self._seed_shape()
        variants = self._variants()
        out = []
        for item in items:
            record = {k: v for k, v in item.items() if k in documented} if only_listed else item
            record = _vary_record(record, variants)
            if variants.camel_profile or variants.comma_skills:
                profile = _vary_profile(record.pop("candidate_details", None), variants)
                record["candidateDetails" if variants.camel_profile else "candidate_details"] = (
                    profile
                )
            out.append(record)
        return out

    # --- assessments (the "newer endpoints") ------------------------------------------------

    def newer(self, data: Any) -> JsonDict:
        """``{"status": "success", "data": ...}``; the seed's list example sends its ids as
        strings and its dates as epoch milliseconds (``mixed``: either, per answer)."""
        if self._seed_shape():
            data = _documented_newer(data)
        return {"status": "success", "data": data}

    # --- writes -------------------------------------------------------------------------------

    def batch_accepted(self, data: JsonDict) -> JsonDict:
        """POST …/bulk/resume: the table lists ``success`` and ``data.*``; the newer
        endpoints' ``status`` and the older page's string ids are documented too."""
        if self.dialect != "mixed":
            return {"success": True, "data": data}
        if self._coin():
            data = {
                k: str(v) if k in ("batchId", "jobId") and v is not None else v
                for k, v in data.items()
            }
        return (
            {"status": "success", "data": data} if self._coin() else {"success": True, "data": data}
        )

    def moved(self, message: str, data: JsonDict) -> JsonDict:
        """PUT /job-candidates/:id/stage: the table lists status, message and data."""
        if self.dialect == "mixed" and self._coin():
            return {"status": "success", "message": message}
        return {"status": "success", "message": message, "data": data}

    def updated(self, message: str, data: JsonDict) -> JsonDict:
        """PATCH /job-candidates/:id: the seed shows no response table (**choice**: seed
        answers status and message only; tt adds the record; mixed does either)."""
        if self._seed_shape():
            return {"status": "success", "message": message}
        return {"status": "success", "message": message, "data": data}


_NEWER_IDS = frozenset(
    {"assessmentId", "companyId", "jobId", "candidateId", "jobCandidateId", "invitationId"}
)
_NEWER_DATES = frozenset({"createdAt", "lastUpdatedOn", "invitedAt", "submittedAt"})


def _documented_newer(value: Any) -> Any:
    """Ids as digit strings and ISO dates as epoch ms, all the way down."""
    if isinstance(value, list):
        return [_documented_newer(item) for item in value]
    if not isinstance(value, dict):
        return value
    out: JsonDict = {}
    for key, item in value.items():
        if key in _NEWER_IDS and isinstance(item, int) and not isinstance(item, bool):
            out[key] = str(item)
        elif key in _NEWER_DATES and isinstance(item, str):
            parsed = parse_iso(item)
            out[key] = parsed[0] if parsed else item
        else:
            out[key] = _documented_newer(item)
    return out


def _vary_record(record: JsonDict, variants: Variants) -> JsonDict:
    if not (variants.string_ids or variants.epoch_dates):
        return record
    out = dict(record)
    if variants.string_ids:
        for key in _ID_FIELDS:
            if isinstance(out.get(key), int):
                out[key] = str(out[key])
    if variants.epoch_dates:
        for key in _DATE_FIELDS:
            parsed = parse_iso(out[key]) if isinstance(out.get(key), str) else None
            if parsed is not None:
                out[key] = parsed[0]
    return out


def _vary_profile(profile: Any, variants: Variants) -> Any:
    if not variants.comma_skills or not isinstance(profile, dict):
        return profile
    skills = profile.get("skills")
    if isinstance(skills, list) and all(isinstance(s, str) for s in skills):
        return {**profile, "skills": ", ".join(skills)}
    return profile
