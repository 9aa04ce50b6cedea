"""One push to Talynce in words: the result of each outcome, and its audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from shared.actions.ats.common import actor_of
from shared.actions.convert import candidate_name
from shared.actions.models import JobRef
from shared.actions.talynce.common import SYSTEM
from shared.actions.talynce.models import TalynceOutcome, TalyncePushResult
from shared.store import Origin
from shared.store.talynce import TalyncePush
from shared.taptalent.models import JobCandidate
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.handoff import Outbound
    from shared.talynce.models import Candidate

CTC_FIELDS = {"expected_ctc": "expected CTC", "current_ctc": "current CTC"}
MASKED = (
    "They are masked in Talynce's talent pool: their contact and CTC fields stay hidden until "
    "someone reveals them in Talynce (tt never does)."
)


def ctc_sentence(sent: list[str], left_out: dict[str, str]) -> str:
    """What became of the CTC, without the amounts (salary stays out of channels)."""
    parts = [f"{CTC_FIELDS[name]} sent in LPA" for name in sent]
    reasons: dict[str, list[str]] = {}
    for name, why in left_out.items():
        reasons.setdefault(why.removeprefix("left out: "), []).append(CTC_FIELDS.get(name, name))
    parts += [f"{' and '.join(names)} left out ({why})" for why, names in reasons.items()]
    if not parts:
        return "TapTalent has no CTC for them, so none was sent."
    return f"CTC: {'; '.join(parts)}."


def when(record: TalyncePush) -> str:
    return datetime.fromtimestamp(record.updated_at, UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class Sent:
    """What one push sends and for whom; builds its result and its audit entry."""

    key: str
    jc: JobCandidate
    name: str
    job: JobRef
    talynce_job_id: str
    out: Outbound
    origin: Origin

    @classmethod
    def of(
        cls, jc: JobCandidate, job: JobRef, talynce_job_id: str, out: Outbound, origin: Origin
    ) -> Sent:
        return cls(str(jc.id), jc, candidate_name(jc), job, talynce_job_id, out, origin)

    @property
    def ctc_sent(self) -> list[str]:
        return [name for name in CTC_FIELDS if name in self.out.body]

    def _base(self, outcome: TalynceOutcome, message: str, **extra: object) -> TalyncePushResult:
        return TalyncePushResult.model_validate(
            {
                "job_candidate_id": self.jc.id,
                "name": self.name,
                "job": self.job,
                "talynce_job_id": self.talynce_job_id,
                "outcome": outcome,
                "fields": self.out.fields,
                "ctc_sent": self.ctc_sent,
                "ctc_left_out": self.out.omitted,
                "score": self.jc.profile_match_score,
                "actor": actor_of(self.origin),
                "message": message,
                **extra,
            }
        )

    def result(
        self,
        candidate: Candidate | None,
        created: bool | None,
        *,
        earlier: bool = False,
        refused_masked: bool = False,
    ) -> TalyncePushResult:
        if refused_masked or candidate is None:
            text = (
                f"Talynce refused to update {self.name}. {MASKED} Nothing was changed; once "
                "they are revealed there, push again."
            )
            return self._base("masked", text, changed=False, masked=True)
        app = candidate.application_for(self.talynce_job_id)
        status = app.status if app is not None else None
        if earlier:
            head = f"{self.name}'s earlier push did reach Talynce; nothing was sent again."
        elif created:
            head = f"{self.name} is new in Talynce (created)."
        else:
            head = f"{self.name} was already in Talynce (matched by e-mail)."
        applied = (
            f" Applied to the linked job ({status or 'status not given'}) with the TapTalent "
            "score and summary in the notes."
            if app is not None
            else " Talynce did not show the application to the linked job."
        )
        masked = f" {MASKED}" if candidate.masked else ""
        ctc = "" if earlier else " " + ctc_sentence(self.ctc_sent, self.out.omitted)
        outcome: TalynceOutcome = (
            "masked" if candidate.masked else ("created" if created else "matched")
        )
        return self._base(
            outcome,
            head + applied + masked + ctc,
            changed=not earlier,
            created=created,
            masked=candidate.masked,
            applied=app is not None,
            application_status=status,
            talynce_candidate_id=candidate.id,
        )

    def result_from(self, record: TalyncePush) -> TalyncePushResult:
        """Pushed before: say when, by whom, and what happened then; send nothing."""
        who = record.origin.user or record.origin.kind
        text = (
            f"{self.name} was already pushed to Talynce ({when(record)}, by {who}); nothing "
            f"was sent again. Then: {record.message}"
        )
        return self._base(
            "already_pushed",
            text,
            changed=False,
            created=record.created,
            applied=True,
            application_status=record.application_status,
            talynce_candidate_id=record.talynce_candidate_id,
        )

    async def audit(self, tk: Toolkit, result: str, talynce_candidate_id: str | None) -> None:
        """Field names only, never values (docs/connectors.md)."""
        await tk.store.audit(
            actor=actor_of(self.origin),
            surface=self.origin.kind,
            action="talynce.push",
            target=f"job_candidate:{self.key}",
            details={
                "system": SYSTEM,
                "talynce_job_id": self.talynce_job_id,
                "talynce_candidate_id": talynce_candidate_id,
                "fields": self.out.fields,
                "left_out": sorted(self.out.omitted),
            },
            result=result,
        )


def batch_message(job: JobRef, total: int, pushed: list[TalyncePushResult], failed: int) -> str:
    counts: dict[str, int] = {}
    for p in pushed:
        counts[p.outcome] = counts.get(p.outcome, 0) + 1
    said = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) or "none"
    tail = f", {failed} failed." if failed else "."
    return f"Pushed the top {total} of {job.title} to Talynce: {said}{tail}"
