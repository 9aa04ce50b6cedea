"""Mirror a tt move into the ATS when the job's link says so: match the stage by name,
then by type; with no match, say so and leave the ATS alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.actions.ats.common import actor_of, system_label, translate_ats, words
from shared.actions.ats.models import MirrorResult
from shared.actions.errors import ActionError
from shared.actions.models import StageInfo
from shared.store import Origin
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.kombo.models import Stage

#: Words an ATS stage name carries for each TapTalent stage type (**choice**: Kombo stages
#: have no type, so the type is matched against the ATS stage's name).
TYPE_WORDS: dict[str, frozenset[str]] = {
    "SOURCED": frozenset({"sourced", "sourcing", "prospect", "prospects"}),
    "APPLIED": frozenset({"applied", "applicants", "application", "new", "inbox"}),
    "SCREEN": frozenset({"screen", "screening", "phone", "call"}),
    "ASSESSMENT": frozenset({"assessment", "technical", "task", "test", "take", "portfolio"}),
    "SHORTLISTED": frozenset({"shortlist", "shortlisted", "final", "onsite"}),
    "OFFER": frozenset({"offer"}),
    "ONBOARDING": frozenset({"onboarding", "preboarding"}),
    "HIRED": frozenset({"hired", "hire"}),
}


def pair_stage(target: StageInfo, stages: list[Stage]) -> tuple[Stage, str] | None:
    """The ATS stage for a tt stage, and how it was matched ("name" or "type")."""
    active = [s for s in stages if (s.status or "ACTIVE").upper() == "ACTIVE"]
    for stage in active:
        if stage.name.strip().casefold() == target.name.strip().casefold():
            return stage, "name"
    hints = TYPE_WORDS.get(target.type.upper(), frozenset())
    for stage in active:
        if hints & words(stage.name):
            return stage, "type"
    return None


async def mirror_move(
    tk: Toolkit, job_candidate_id: object, job_id: object, target: StageInfo, origin: Origin
) -> MirrorResult | None:
    """After a tt move: move the pushed application too, when the job link mirrors.

    Returns None when there is nothing to mirror (no ATS, no mirroring link, not pushed).
    Never raises for the ATS's sake: the tt move has happened; the result says what the
    ATS did.
    """
    if tk.ats is None:
        return None
    link = await tk.store.job_link(str(job_id))
    record = await tk.store.push_record(str(job_candidate_id))
    if link is None or not link.mirror or record is None or record.application_id is None:
        return None
    ats = tk.ats
    result = MirrorResult(
        application_id=record.application_id, remote_url=record.remote_url, moved=False, message=""
    )
    try:
        with translate_ats(f"ATS job {link.ats_job_id}"):
            job = await ats.client.jobs.get(link.ats_job_id)
            pairing = pair_stage(target, job.ordered_stages() if job else [])
            if pairing is None:
                names = ", ".join(s.name for s in job.ordered_stages()) if job else "none"
                return result.model_copy(
                    update={
                        "message": f"No stage of {link.ats_job_name} in the ATS matches "
                        f"{target.name} ({target.type}); the ATS was left alone "
                        f"(its stages: {names})."
                    }
                )
            stage, how = pairing
            if record.stage_id != stage.id:
                await ats.client.applications.move(record.application_id, stage.id)
    except ActionError as exc:
        await _audit(tk, origin, job_candidate_id, record.application_id, target, None, str(exc))
        return result.model_copy(update={"message": f"The ATS application did not move: {exc}"})
    await tk.store.update_application_state(record.application_id, stage.id, record.outcome)
    await _audit(tk, origin, job_candidate_id, record.application_id, target, stage, "moved")
    return result.model_copy(
        update={
            "moved": True,
            "ats_stage": stage.name,
            "matched_by": how,
            "message": f"In the ATS: {target.name} → {stage.name} (matched by {how}).",
        }
    )


async def mirror_plan(
    tk: Toolkit, job_candidate_id: object, job_id: object, target: StageInfo
) -> str | None:
    """What a move to `target` will do in the ATS, said in the confirmation before it.

    None when nothing would be mirrored (no ATS, no mirroring link, not pushed). Writes
    nothing; the move itself pairs the stage again, since the ATS may change meanwhile.
    """
    if tk.ats is None:
        return None
    link = await tk.store.job_link(str(job_id))
    record = await tk.store.push_record(str(job_candidate_id))
    if link is None or not link.mirror or record is None or record.application_id is None:
        return None
    try:
        with translate_ats(f"ATS job {link.ats_job_id}"):
            job = await tk.ats.client.jobs.get(link.ats_job_id)
    except ActionError as exc:
        return f"The ATS could not be asked which of its stages matches: {exc}"
    pairing = pair_stage(target, job.ordered_stages() if job else [])
    if pairing is None:
        return (
            f"No stage of {link.ats_job_name} in the ATS matches {target.name} "
            f"({target.type}): the ATS will be left alone."
        )
    stage, how = pairing
    return f"In the ATS too: {target.name} → {stage.name} (matched by {how})."


async def _audit(
    tk: Toolkit,
    origin: Origin,
    job_candidate_id: object,
    application_id: str,
    target: StageInfo,
    stage: Stage | None,
    result: str,
) -> None:
    assert tk.ats is not None
    await tk.store.audit(
        actor=actor_of(origin),
        surface=origin.kind,
        action="ats.move",
        target=f"job_candidate:{job_candidate_id}",
        details={
            "system": system_label(tk.ats),
            "application_id": application_id,
            "tt_stage": target.name,
            "ats_stage": stage.name if stage else None,
        },
        result=result if result == "moved" else f"error: {result}",
    )
