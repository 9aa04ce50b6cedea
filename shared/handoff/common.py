"""The shape every hand-off returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Outbound:
    """A body for ``system``, what it holds, and what was left out and why.

    ``fields``: the dotted wire names sent (``application.notes``), for the audit log.
    ``retention``: when the system deletes the data (InstaView's ``gdprExpiryDate``), or
    None where the system has no such date. ``omitted``: field -> why it is not sent.
    """

    system: str
    body: dict[str, Any]
    retention: date | None = None
    omitted: dict[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        return field_names(self.body)


def field_names(body: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Every field name in ``body``, nested ones dotted; custom ``metadata`` counts as one."""
    names: list[str] = []
    for key, value in body.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and key != "metadata":
            names.extend(field_names(value, f"{name}."))
        else:
            names.append(name)
    return sorted(names)


def join_text(*parts: str | None, sep: str = ", ") -> str | None:
    text = sep.join(p.strip() for p in parts if p and p.strip())
    return text or None
