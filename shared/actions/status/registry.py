"""The sections of the status view, in the order shown: adding a system is one line."""

from __future__ import annotations

from shared.actions.status import assessments, ats, instaview, talynce, taptalent
from shared.actions.status.section import Section

SECTIONS: tuple[Section, ...] = (
    taptalent.SECTION,
    ats.SECTION,
    instaview.SECTION,
    talynce.SECTION,
    assessments.SECTION,
)
