"""Text helpers: escaping, trimming, masking contact details, small visual bits.

Candidate data comes from resumes and AI summaries, so it is untrusted: everything that
goes into `mrkdwn` passes through `esc`, which keeps `<!channel>` and `<https://…|…>` from
pinging or linking (Slack only parses those inside angle brackets).
"""

from __future__ import annotations

import re

_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")


def esc(text: object) -> str:
    """Escape the three characters Slack gives meaning to in mrkdwn."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trim(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters with an ellipsis, never inside an `&lt;` entity."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: limit - 1].rstrip())
    return cut + "…"


def redact(text: str) -> str:
    """Hide e-mail addresses and phone numbers that free text (summaries) may carry."""
    text = _EMAIL.sub("[email hidden]", text)

    def phone(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return "[phone hidden]" if digits >= 10 else match.group(0)

    return _PHONE.sub(phone, text)


def age(seconds: float) -> str:
    """'just now', '4 min', '2 h 5 min', '3 d' — for the App Home."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago" if minutes else f"{hours} h ago"
    return f"{hours // 24} d ago"
