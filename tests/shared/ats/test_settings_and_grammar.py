"""Kombo settings choose the ATS; the link, push and reject commands parse, round-trip
and teach."""

from pathlib import Path

import pytest

from shared.commands import CommandError, Link, Push, Reject, help_text, parse
from shared.config import Settings
from shared.kombo import EU_BASE_URL, US_BASE_URL
from shared.kombo_setup import open_ats
from tests.conftest import make_settings


async def test_a_real_kombo_key_uses_kombo_eu_by_default(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, KOMBO_API_KEY="ks_prod_secret123", KOMBO_INTEGRATION_ID="greenhouse:8Xk"
    )
    async with open_ats(settings, sandbox_mode=True) as ats:
        assert ats is not None and ats.sandbox is None
        assert ats.client.base_url == EU_BASE_URL
        assert ats.client.integration_id == "greenhouse:8Xk"
        assert "ks_prod_secret123" not in repr(ats.client)
    assert "ks_prod_secret123" in settings.secrets()
    assert "ks_prod_secret123" not in repr(settings)


async def test_us_base_url_and_missing_integration(tmp_path: Path) -> None:
    us = make_settings(
        tmp_path,
        KOMBO_API_KEY="ks_prod_x",
        KOMBO_INTEGRATION_ID="lever:1",
        KOMBO_BASE_URL=US_BASE_URL,
    )
    async with open_ats(us, sandbox_mode=False) as ats:
        assert ats is not None and ats.client.base_url == US_BASE_URL
    with pytest.raises(ValueError, match="KOMBO_INTEGRATION_ID"):
        async with open_ats(make_settings(tmp_path, KOMBO_API_KEY="ks_prod_x"), sandbox_mode=False):
            pass


async def test_no_key_no_sandbox_means_no_ats() -> None:
    async with open_ats(Settings(), sandbox_mode=False) as ats:
        assert ats is None


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("link job:4201", Link(job=4201)),
        ("link job:4201 ats:KJ0001 mirror:on", Link(job=4201, ats="KJ0001", mirror=True)),
        ("link ats:KJ0001 job:4201 mirror", Link(job=4201, ats="KJ0001", mirror=True)),
        ("push 505706 to:ats", Push(job_candidate=505706, to="ats")),
        ("push top:5 job:4201 to:ats", Push(top=5, job=4201, to="ats")),
        ("reject 505706", Reject(job_candidate=505706)),
        (
            'reject 505706 reason:"Not enough experience" note:"Thanks!"',
            Reject(job_candidate=505706, reason="Not enough experience", note="Thanks!"),
        ),
    ],
)
def test_commands_parse_and_round_trip(text: str, model: object) -> None:
    parsed = parse(text)
    assert parsed == model
    assert parse(parsed.to_text()) == parsed


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("push 7", "push needs a destination (to:ats or to:talynce)"),
        ("push 7 to:kombo", "destination must be ats"),
        ("push top:5 to:ats", "top:N needs the job too"),
        ("push to:ats", "give either a job candidate id or top:N"),
        ("push top:99 job:1 to:ats", "from 1 to 50"),
        ("link", "link needs a job"),
        ('link job:1 ats:"two words"', "ATS job id must be"),
        ("reject", "reject needs a job candidate id"),
        ('reject 7 reason:""', "reason"),
    ],
)
def test_mistakes_say_what_is_allowed(text: str, says: str) -> None:
    with pytest.raises(CommandError) as caught:
        parse(text)
    assert says in str(caught.value)
    assert caught.value.example is not None and parse(caught.value.example.removeprefix("/tt "))


def test_help_teaches_the_ats_commands() -> None:
    overview = help_text(None)
    for name in ("link", "push", "reject"):
        assert name in overview
    assert "push top:5 job:42 to:ats" in help_text("push")
    assert "mirror" in help_text("link")
