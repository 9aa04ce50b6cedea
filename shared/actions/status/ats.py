"""The ATS (through Kombo): the application's stage, from tt's push record and Kombo."""

from __future__ import annotations

from shared.actions.ats.common import translate_ats
from shared.actions.status.models import SystemStatus
from shared.actions.status.section import Section, Subject
from shared.kombo_setup import HOW_TO_CONNECT


async def read(subject: Subject) -> SystemStatus:
    ats = subject.tk.ats
    if ats is None:
        return SECTION.not_connected(HOW_TO_CONNECT)
    record = await subject.tk.store.push_record(subject.key)
    if record is None or record.application_id is None:
        linked = subject.job_id and await subject.tk.store.job_link(subject.job_id)
        if not linked:
            return SECTION.says("not_linked", "The job is not linked to an ATS job.")
        return SECTION.says("none", "Not pushed to the ATS.")
    with translate_ats(f"application {record.application_id}"):
        apps = [a async for a in ats.client.applications.iter(ids=[record.application_id])]
    app = apps[0] if apps else None
    if app is None:
        return SECTION.says(
            "ok",
            "Pushed, but the ATS no longer shows the application.",
            application_id=record.application_id,
        )
    stage = app.current_stage.name if app.current_stage else app.current_stage_id
    outcome = (app.outcome or "").upper()
    summary = f"application stage: {stage or 'not given'}"
    if outcome in ("HIRED", "DECLINED"):
        summary += f" · {outcome.lower()}"
        if outcome == "DECLINED" and app.rejection_reason_name:
            summary += f" ({app.rejection_reason_name})"
    return SECTION.says(
        "ok",
        summary,
        application_id=app.id,
        application_stage=stage,
        outcome=app.outcome,
        url=app.remote_url or record.remote_url,
    )


SECTION = Section("ats", "ATS", read)
