"""What tt sends to another system about a TapTalent candidate, built in one place.

Pure functions: TapTalent models in, the other system's request body out, with the field
names sent (for the audit log: names, never values) and, where the system keeps a
retention date, that date. The use cases in `shared.actions` send what these build;
docs/connectors.md describes the result field by field.
"""

from shared.handoff.common import Outbound, field_names
from shared.handoff.instaview import cv_text, gdpr_expiry, instaview_candidate
from shared.handoff.talynce import talynce_candidate

__all__ = [
    "Outbound",
    "cv_text",
    "field_names",
    "gdpr_expiry",
    "instaview_candidate",
    "talynce_candidate",
]
