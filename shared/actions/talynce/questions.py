"""What a push to Talynce sends, said before it is sent: every surface's confirmation."""

from __future__ import annotations

from shared.commands import Push

#: The fields that may leave TapTalent for Talynce (shared/handoff/talynce.py builds them).
PUSH_FIELDS_SENTENCE = (
    "Leaves TapTalent for Talynce: name, e-mail, phone, location, skills, current company "
    "and title, CTC in LPA (only when TapTalent's figure is in INR per year), the TapTalent "
    "ids, and the TapTalent score and AI summary (in the application's notes)."
)


def talynce_question(command: Push) -> str:
    """The confirmation question for `push … to:talynce`."""
    who = (
        f"the top {command.top} of job {command.job}"
        if command.top is not None
        else f"job candidate {command.job_candidate}"
    )
    return f"Send {who} to Talynce and apply them to the linked job? {PUSH_FIELDS_SENTENCE}"
