"""TapTalent salary figures as Talynce CTC in LPA (lakh rupees per annum), never guessed.

A figure converts only when it is in INR and per year: 1 LPA = 100,000 INR a year. Any
other currency would need an exchange rate (which rate, which day?), and any other period
an assumption about bonuses and months: both are guesses, so the figure is left out and
the reason says why.
"""

from __future__ import annotations

from dataclasses import dataclass

RUPEES_PER_LAKH = 100_000
ANNUAL_PERIODS = frozenset({"ANNUALLY", "ANNUAL", "YEARLY", "PER_ANNUM", "PER ANNUM", "YEAR"})


@dataclass(frozen=True)
class CtcConversion:
    """``lpa`` when the figure converts; otherwise None and ``reason`` says why."""

    lpa: float | None
    reason: str | None = None

    @property
    def converted(self) -> bool:
        return self.lpa is not None


def to_lpa(amount: float | None, currency: str | None, period: str | None) -> CtcConversion:
    """Convert one TapTalent CTC figure (``expectedCTC`` with ``currencyExpectedCTC`` and
    ``expectedCTCPeriod``, or the current one)."""
    if amount is None:
        return CtcConversion(None, "TapTalent has no figure")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
        return CtcConversion(None, f"the figure {amount!r} is not an amount")
    code = (currency or "").strip().upper()
    if not code:
        return CtcConversion(None, "the currency is not stated")
    if code != "INR":
        return CtcConversion(None, f"it is in {code}, and converting to INR would need a rate")
    every = (period or "").strip().upper()
    if not every:
        return CtcConversion(None, "the period is not stated (annual or monthly)")
    if every not in ANNUAL_PERIODS:
        return CtcConversion(None, f"it is per {every.lower()}, not per year")
    return CtcConversion(round(amount / RUPEES_PER_LAKH, 2))
