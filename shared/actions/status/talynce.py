"""Talynce: the application's status, ``screening_score`` and ``match_score``, read by
polling ``GET /candidates/{id}`` (Talynce has no public webhooks: **choice**,
docs/connectors.md). The Talynce candidate comes from tt's push record."""

from __future__ import annotations

from shared.actions.presentation import score_text
from shared.actions.remote import translate_remote
from shared.actions.status.models import SystemStatus
from shared.actions.status.section import Section, Subject
from shared.connectors_setup import TALYNCE_HOW_TO_CONNECT


async def read(subject: Subject) -> SystemStatus:
    talynce = subject.tk.talynce
    if talynce is None:
        return SECTION.not_connected(TALYNCE_HOW_TO_CONNECT)
    record = await subject.tk.store.talynce_push(subject.key)
    if record is None:
        job = subject.job_id
        if job is None or await subject.tk.store.system_link("talynce", job) is None:
            return SECTION.says("not_linked", "The job is not linked to a Talynce job.")
        return SECTION.says("none", "Not pushed to Talynce.")
    if record.state in ("sending", "unknown"):
        return SECTION.says(
            "none", "The push's outcome is unknown; pushing again checks Talynce first."
        )
    if record.talynce_candidate_id is None:
        return SECTION.says(
            "none", "Masked in Talynce's talent pool: Talynce refused the push.", masked=True
        )
    with translate_remote(f"Talynce candidate {record.talynce_candidate_id}"):
        candidate = await talynce.client.candidates.get(record.talynce_candidate_id)
    app = candidate.application_for(record.talynce_job_id)
    masked = " · masked in the talent pool" if candidate.masked else ""
    if app is None:
        return SECTION.says(
            "ok", f"In Talynce, not applied to the linked job{masked}.", masked=candidate.masked
        )
    screening = (
        f"screening {score_text(app.screening_score)}"
        if app.screening_score is not None
        else "screening not scored yet"
    )
    match = f" · match {score_text(app.match_score)}" if app.match_score is not None else ""
    return SECTION.says(
        "ok",
        f"{app.status or 'status not given'} · {screening}{match}{masked}",
        application_status=app.status,
        screening_score=app.screening_score,
        match_score=app.match_score,
        masked=candidate.masked,
        talynce_candidate_id=candidate.id,
    )


SECTION = Section("talynce", "Talynce", read)
