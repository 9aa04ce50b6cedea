"""Use cases that reach Talynce: push a job candidate (or a job's top n) to the linked
Talynce job. Reading back the screening is the Talynce section of `shared.actions.status`."""

from shared.actions.talynce.common import require_talynce
from shared.actions.talynce.push import push_to_talynce, push_top_to_talynce
from shared.actions.talynce.questions import PUSH_FIELDS_SENTENCE, talynce_question

__all__ = [
    "PUSH_FIELDS_SENTENCE",
    "push_to_talynce",
    "push_top_to_talynce",
    "require_talynce",
    "talynce_question",
]
