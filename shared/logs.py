"""Logging set-up for tt's processes, with one filter that scrubs every configured secret.

`configure_logging(settings, ...)` is what `tt serve` / `python -m bot`, the CLI and the
MCP server call. It installs a log-record factory, so every record any logger creates
(tt's, httpx's, uvicorn's, slack-bolt's) has each secret of `Settings.secrets()` replaced
by `[secret]` in its message, its arguments and its traceback before any handler sees it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import IO, Any

from shared.config import Settings

MASK = "[secret]"
#: Shorter values are too likely to occur by chance (and are not real secrets).
MIN_SECRET_LENGTH = 8

RecordFactory = Callable[..., logging.LogRecord]


class SecretScrubber:
    """A log-record factory wrapping the previous one, masking the given secrets."""

    def __init__(self, secrets: Iterable[str], inner: RecordFactory) -> None:
        self.inner = inner
        self.secrets: list[str] = []
        self.update(secrets)

    def update(self, secrets: Iterable[str]) -> None:
        found = {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}
        self.secrets = sorted(found | set(self.secrets), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.inner(*args, **kwargs)
        if not self.secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it for the handler to report
            return record
        cleaned = self.scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[0] is not None:
            # Formatted once, scrubbed, and kept as text only: a handler that formatted
            # the exception itself would bring the secret back.
            text = logging.Formatter().formatException(record.exc_info)
            if self.scrub(text) != text:
                record.exc_text, record.exc_info = self.scrub(text), None
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return record


def install_secret_scrubber(secrets: Iterable[str]) -> SecretScrubber:
    """Install the scrubber once per process; later calls add secrets to it."""
    current = logging.getLogRecordFactory()
    if isinstance(current, SecretScrubber):
        current.update(secrets)
        return current
    scrubber = SecretScrubber(secrets, current)
    logging.setLogRecordFactory(scrubber)
    return scrubber


def configure_logging(
    settings: Settings,
    *,
    level: int = logging.INFO,
    fmt: str = "%(asctime)s %(levelname)s %(name)s: %(message)s",
    stream: IO[str] | None = None,
) -> None:
    """The one place a tt process configures logging."""
    logging.basicConfig(level=level, format=fmt, stream=stream)
    install_secret_scrubber(settings.secrets())
