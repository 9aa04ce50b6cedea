"""CTC goes to Talynce in LPA only when TapTalent's figure converts without guessing."""

from __future__ import annotations

import pytest

from shared.talynce import to_lpa
from tests.shared.clients import taptalent_over


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


async def test_taptalent_sandbox_figures_convert_only_for_the_inr_job(sandbox):
    async with taptalent_over(sandbox) as taptalent:
        inr = (await taptalent.job_candidates.list(4202, per_page=20)).candidates
        aud = (await taptalent.job_candidates.list(4201, per_page=20)).candidates
    stated = [jc for jc in inr if jc.expected_ctc is not None]
    assert stated, "the Data Scientist job (INR) has salary expectations"
    for jc in stated:
        result = to_lpa(jc.expected_ctc, jc.currency_expected_ctc, jc.expected_ctc_period)
        assert result.lpa == round(jc.expected_ctc / 100_000, 2)
    for jc in (jc for jc in aud if jc.expected_ctc is not None):
        result = to_lpa(jc.expected_ctc, jc.currency_expected_ctc, jc.expected_ctc_period)
        assert result.lpa is None and "AUD" in (result.reason or "")
