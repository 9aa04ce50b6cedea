"""The log filter scrubs every configured secret from every record, whoever logs it."""

from __future__ import annotations

import logging

import pytest

from shared.config import Settings
from shared.logs import MASK, SecretScrubber


def test_every_configured_secret_is_scrubbed_from_message_args_and_traceback(
    caplog: pytest.LogCaptureFixture,
):
    settings = Settings(  # type: ignore[call-arg]
        TAPTALENT_API_KEY="sk_live_" + "k" * 24,
        TAPTALENT_WEBHOOK_KEY="whsec-" + "w" * 20,
        SLACK_BOT_TOKEN="xoxb-" + "b" * 30,
        TT_MCP_TOKEN="mcp-" + "m" * 30,
    )
    secrets = settings.secrets()
    previous = logging.getLogRecordFactory()
    scrubber = SecretScrubber(secrets, previous)
    logging.setLogRecordFactory(scrubber)
    try:
        with caplog.at_level(logging.DEBUG):
            logging.getLogger("httpx").info("Authorization: Bearer %s", secrets[0])
            logging.getLogger("tt.bot").warning(f"token {secrets[2]} and {secrets[3]}")
            try:
                raise ValueError(f"bad key {secrets[1]}")
            except ValueError:
                logging.getLogger("tt.webhooks").exception("failed")
    finally:
        logging.setLogRecordFactory(previous)
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert all(secret not in text for secret in secrets)
    assert text.count(MASK) >= 4
    assert "Authorization: Bearer [secret]" in caplog.text
