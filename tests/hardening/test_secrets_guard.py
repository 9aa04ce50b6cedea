# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""The secrets guard (tests/secrets_guard.py) sees what it must, without failing this run."""

from __future__ import annotations

import logging
import uuid

from shared.config import Settings
from shared.sandbox import Sandbox, SandboxConfig
from shared.taptalent import TapTalentClient
from tests import secrets_guard
from tests.secrets_guard import Captured, find_leaks


def test_a_planted_leak_is_found_and_reported_masked():
    secret = "xoxb-" + uuid.uuid4().hex
    records = [
        Captured("tt.fine", "INFO", "nothing to see"),
        Captured("tt.bot", "DEBUG", f"posting with token {secret}\nsecond line"),
        Captured("tt.bot", "WARNING", f"again {secret}"),
        Captured("httpx", "INFO", f"suffix only: {secret.removeprefix('xoxb-')}"),
    ]
    guard = secrets_guard.SecretsGuard()
    guard.register(secret, "Slack bot token")
    leaks = {(leak.kind, leak.logger): leak for leak in find_leaks(records, guard.secrets)}
    assert set(leaks) == {
        ("Slack bot token", "tt.bot"),
        ("Slack bot token (without its 'xoxb-' prefix)", "httpx"),
    }
    bot = leaks[("Slack bot token", "tt.bot")]
    assert bot.count == 2 and bot.level == "DEBUG"
    assert bot.line == f"posting with token <{len(secret)} chars masked>"
    assert all(secret.removeprefix("xoxb-") not in leak.describe() for leak in leaks.values())


def test_short_or_degenerate_values_are_not_treated_as_secrets():
    records = [Captured("x", "INFO", "a 12345 b " + "x" * 50)]
    assert find_leaks(records, {"12345": "short", "x" * 22: "degenerate"}) == []
    guard = secrets_guard.SecretsGuard()
    guard.register("sk_test_" + "x" * 22, "a deliberately wrong key")
    assert list(guard.secrets) == ["sk_test_" + "x" * 22]  # not its "xxx…" part


def test_the_installed_guard_captures_debug_records_and_learns_secrets():
    guard = secrets_guard.guard()
    sandbox = Sandbox(SandboxConfig(seed=99, jobs=1, big_job_size=0, other_company_jobs=1))
    settings = Settings(SLACK_BOT_TOKEN="xoxb-" + uuid.uuid4().hex)  # type: ignore[call-arg]
    token = settings.slack_bot_token.get_secret_value()  # type: ignore[union-attr]
    client_key = "sk_test_" + uuid.uuid4().hex
    TapTalentClient(api_key=client_key)
    for value in (sandbox.api_key, sandbox.other_webhook_key, token, client_key):
        assert value in guard.secrets, value
    planted = "hardening-planted-" + uuid.uuid4().hex
    secrets_guard.register_secret(planted, "planted")
    try:
        before = len(guard.records)
        logging.getLogger("tt.hardening").debug("about to leak %s", planted)
        assert guard.records[before:] and planted in guard.records[-1].text
        assert any(leak.kind == "planted" for leak in guard.leaks())
    finally:
        # Forgotten again, so the session this test runs in does not fail because of it.
        guard.unregister(planted)
    assert not any(leak.kind == "planted" for leak in guard.leaks())
