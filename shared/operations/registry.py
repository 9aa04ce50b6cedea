"""The one place operation kinds are registered. Adding a kind: write its module under
`shared/operations/kinds/` and add it to `KINDS` below."""

from __future__ import annotations

from shared.operations.kind import OperationKind
from shared.operations.kinds.assessment import AssessmentKind
from shared.operations.kinds.interview import InterviewKind
from shared.operations.kinds.rescore import RescoreKind
from shared.operations.kinds.upload import UploadKind

KINDS: tuple[OperationKind, ...] = (RescoreKind(), UploadKind(), AssessmentKind(), InterviewKind())


def kind_for_event(event: str, kinds: tuple[OperationKind, ...] = KINDS) -> OperationKind | None:
    return next((k for k in kinds if event in k.events), None)
