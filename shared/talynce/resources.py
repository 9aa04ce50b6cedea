"""``client.candidates``: list, get, create or match by e-mail, update."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pydantic import ValidationError

from shared.talynce import rules
from shared.talynce.errors import APIResponseValidationError, TalynceValidationError
from shared.talynce.models import Candidate, CandidateInput, CandidatePage, CandidateUpsert

if TYPE_CHECKING:
    from shared.talynce._client import TalynceClient

PATH = "/candidates"


class Candidates:
    def __init__(self, client: TalynceClient) -> None:
        self._client = client

    async def list(
        self,
        *,
        search: str | None = None,
        job_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> CandidatePage:
        """One page (``limit`` 1..100). ``search`` matches name or e-mail; ``job_id``
        keeps the candidates applied to that job."""
        if problems := rules.page_problems(limit, offset):
            raise TalynceValidationError("list request", problems)
        params = {"search": search, "job_id": job_id, "limit": limit, "offset": offset}
        _, body = await self._client.call("GET", PATH, params=params, idempotent=True)
        data = body.get("data") if isinstance(body, dict) else None
        meta = body.get("meta") if isinstance(body, dict) else None
        if not isinstance(data, list) or not isinstance(meta, dict):
            raise APIResponseValidationError(
                "Talynce's answer to GET /candidates is not {data: [...], meta: {...}}."
            )
        items = [_parse(item, "GET /candidates") for item in data]
        try:
            return CandidatePage(
                items=items,
                total=meta.get("total", len(items)),
                limit=meta.get("limit", limit),
                offset=meta.get("offset", offset),
            )
        except ValidationError as exc:
            raise APIResponseValidationError(
                f"Talynce's list meta is not {{total, limit, offset}} numbers: {meta!r}"
            ) from exc

    async def iter(
        self, *, search: str | None = None, job_id: str | None = None, limit: int = 100
    ) -> AsyncIterator[Candidate]:
        offset = 0
        while True:
            page = await self.list(search=search, job_id=job_id, limit=limit, offset=offset)
            for candidate in page.items:
                yield candidate
            if not page.has_next:
                return
            offset += len(page.items)

    async def get(self, candidate_id: str) -> Candidate:
        """The candidate with ``applications`` (status, screening and match scores, notes)."""
        path = f"{PATH}/{_segment(candidate_id)}"
        _, body = await self._client.call("GET", path, idempotent=True)
        return _parse(_data(body), f"GET {path}")

    async def create(
        self, candidate: CandidateInput | None = None, /, **fields: Any
    ) -> CandidateUpsert:
        """Create the candidate, or match the existing one with the same e-mail (Talynce
        answers 201 or 200; ``outcome`` says which). An ``application`` is applied either way.

        Safe to retry: Talynce deduplicates on e-mail, so a repeat matches instead of
        creating twice (**choice**, docs/connectors.md).
        """
        body = _body(candidate, fields)
        if problems := rules.candidate_problems(body, creating=True):
            raise TalynceValidationError("candidate", problems)
        status, answer = await self._client.call("POST", PATH, json=body, idempotent=True)
        return CandidateUpsert(
            candidate=_parse(_data(answer), f"POST {PATH}"), created=status == 201
        )

    async def update(
        self, candidate_id: str, changes: CandidateInput | None = None, /, **fields: Any
    ) -> Candidate:
        """Partial update; ``application={"job_id", "status", "notes"}`` applies the
        candidate to a job. A masked candidate's contact and CTC fields raise
        `TalentPoolRevealRequired`."""
        body = _body(changes, fields)
        if not body:
            raise TalynceValidationError("update", {"body": "set at least one field"})
        if problems := rules.candidate_problems(body, creating=False):
            raise TalynceValidationError("update", problems)
        path = f"{PATH}/{_segment(candidate_id)}"
        _, answer = await self._client.call("PUT", path, json=body, idempotent=True)
        return _parse(_data(answer), f"PUT {path}")


def _body(model: CandidateInput | None, fields: dict[str, Any]) -> dict[str, Any]:
    try:
        return (model or CandidateInput(**fields)).to_body()
    except ValidationError as exc:
        problems = {".".join(str(p) for p in e["loc"]): e["msg"] for e in exc.errors()}
        raise TalynceValidationError("candidate", problems) from None


def _data(body: Any) -> Any:
    return body.get("data", body) if isinstance(body, dict) else body


def _parse(data: Any, where: str) -> Candidate:
    try:
        return Candidate.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(p) for p in first["loc"]) or "body"
        raise APIResponseValidationError(
            f"Talynce's answer to {where} does not look like a candidate: "
            f"{location}: {first['msg']}"
        ) from exc


def _segment(value: str) -> str:
    text = str(value).strip()
    if text in ("", ".", ".."):
        raise TalynceValidationError("request", {"id": f"{text!r} is not a candidate id"})
    return quote(text, safe="")
