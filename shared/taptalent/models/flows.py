"""Assessment flows: ordered steps, each an existing assessment with a pass threshold.

The public notes describe the list and one flow (`/assessment-flows`, `candidateCount` on
each); the exact shapes are tt's **choice** (docs/partner-api.md): read tolerantly.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field

from shared.taptalent.models._base import Id, Moment, TapTalentModel


class FlowStep(TapTalentModel):
    assessment_id: Id
    pass_threshold: float | None = None
    type: str | None = None
    name: str | None = None
    instructions: str | None = None
    pass_action: str | None = None


class AssessmentFlow(TapTalentModel):
    flow_id: Id = Field(validation_alias=AliasChoices("flowId", "id"), serialization_alias="flowId")
    flow_name: str | None = Field(default=None, validation_alias=AliasChoices("flowName", "name"))
    description: str | None = None
    steps: list[FlowStep] = Field(default_factory=list)
    candidate_count: int | None = None
    created_at: Moment = None

    @property
    def id(self) -> Id:
        return self.flow_id


class FlowList(TapTalentModel):
    flows: list[AssessmentFlow] = Field(
        default_factory=list, validation_alias=AliasChoices("flows", "assessmentFlows")
    )
    skipped: int = 0
