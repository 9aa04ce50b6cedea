"""CTC goes to Talynce in LPA only when TapTalent's figure converts without guessing."""

from __future__ import annotations

import pytest

from shared.talynce import to_lpa
from tests.shared.clients import candidates_with_ctc


@pytest.mark.parametrize(
    ("amount", "currency", "period", "lpa"),
    [
        (1_850_000, "INR", "ANNUALLY", 18.5),
        (3_250_000, "inr", "annually", 32.5),
        (1_234_567, "INR", "YEARLY", 12.35),
        (0, "INR", "ANNUALLY", 0.0),
    ],
)
def test_inr_per_year_converts(amount, currency, period, lpa):
    result = to_lpa(amount, currency, period)
    assert result.converted and result.lpa == lpa and result.reason is None


@pytest.mark.parametrize(
    ("amount", "currency", "period", "reason"),
    [
        (150_000, "INR", "MONTHLY", "it is per monthly, not per year"),
        (150_000, "USD", "ANNUALLY", "it is in USD, and converting to INR would need a rate"),
        (1_850_000, None, "ANNUALLY", "the currency is not stated"),
        (1_850_000, "INR", None, "the period is not stated (annual or monthly)"),
        (None, "INR", "ANNUALLY", "TapTalent has no figure"),
        (-5, "INR", "ANNUALLY", "the figure -5 is not an amount"),
    ],
)
def test_anything_else_is_left_out_with_the_reason(amount, currency, period, reason):
    result = to_lpa(amount, currency, period)
    assert not result.converted and result.lpa is None
    assert result.reason == reason


async def test_taptalent_figures_convert_only_when_in_inr_per_year(sandbox):
    rupees = await candidates_with_ctc(sandbox, 2, amount=1_850_000, currency="INR")
    dollars = await candidates_with_ctc(sandbox, 2, amount=150_000, currency="USD")
    for jc in rupees:
        result = to_lpa(jc.expected_ctc, jc.currency_expected_ctc, jc.expected_ctc_period)
        assert result.lpa == 18.5
        current = to_lpa(jc.current_ctc, jc.currency_current_ctc, jc.current_ctc_period)
        assert current.lpa == 14.8
    for jc in dollars:
        result = to_lpa(jc.expected_ctc, jc.currency_expected_ctc, jc.expected_ctc_period)
        assert result.lpa is None and "USD" in (result.reason or "")
