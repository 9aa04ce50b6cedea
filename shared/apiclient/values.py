"""Checks of values that several systems' rules share."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

# Deliberately plain: one @, no spaces, a dot in the domain (what "a valid e-mail format"
# means for everyday addresses; the systems' own validators are not published).
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email(value: Any) -> bool:
    return isinstance(value, str) and EMAIL.match(value) is not None


def is_uuid(value: Any) -> bool:
    """A UUID in its 36-character text form."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def is_iso_date(value: Any) -> bool:
    """``YYYY-MM-DD``."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
