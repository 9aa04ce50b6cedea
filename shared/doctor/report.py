"""What `tt doctor` found: one `Check` per line of the checklist, and the whole `Report`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["pass", "warn", "fail", "skip"]

_MARKS: dict[Status, str] = {"pass": "✓", "warn": "!", "fail": "✗", "skip": "–"}


@dataclass
class Check:
    """One line of the checklist: what was checked, what was seen, and how to fix it."""

    name: str
    status: Status
    detail: str
    fix: str | None = None
    differences: list[str] = field(default_factory=list)


@dataclass
class Report:
    target: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed (warnings and skipped checks do not fail the doctor)."""
        return all(check.status != "fail" for check in self.checks)

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "target": self.target, "checks": [asdict(c) for c in self.checks]}

    def as_text(self) -> str:
        lines = [f"tt doctor: {self.target}", ""]
        width = max((len(c.name) for c in self.checks), default=0)
        for check in self.checks:
            lines.append(f"{_MARKS[check.status]} {check.name.ljust(width)}  {check.detail}")
            lines += [f"    - {difference}" for difference in check.differences]
            if check.fix and check.status in ("fail", "warn"):
                lines.append(f"    fix: {check.fix}")
        lines += ["", self.summary()]
        return "\n".join(lines)

    def summary(self) -> str:
        counts = {s: sum(c.status == s for c in self.checks) for s in _MARKS}
        if counts["fail"]:
            return (
                f"{counts['fail']} of {len(self.checks)} checks failed; "
                "fix them in order, from the top."
            )
        if counts["warn"]:
            return f"No check failed; {counts['warn']} warning(s) above are worth a look."
        return "Everything tt needs is in order."
