# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""A pytest plugin: no secret may appear in any log record the test suite produces.

Registered from tests/conftest.py (`pytest_plugins = ["tests.secrets_guard"]`). At start it

- adds a handler on the root logger that keeps every record, formatted with its arguments
  (and its traceback, if any), and lowers the level of tt's own loggers and of the
  libraries that log requests (`tt`, `httpx`, `mcp`, `slack_bolt`, `slack_sdk`, `uvicorn`)
  to DEBUG, so that what an operator would see with debug logging on is checked too;
- learns every secret the tests use: the keys of each `Sandbox` created (both companies'
  API and webhook keys), the API key of each `TapTalentClient`, and every secret field of
  each `Settings` (TapTalent API and webhook keys, Slack bot, app and signing secrets, the
  MCP token). Tests can add more with `register_secret(value, kind)`; text that does not
  go through logging (a subprocess's output) can be checked with `scan_text(source, text)`.

At the end of the session, any secret found in a kept record fails the run, with a report
naming the kind of secret, the logger, and the first offending line with the secret masked.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest

# Loggers lowered to DEBUG for the session. Not httpcore (connection-level chatter with no
# header values) and not the root: third-party noise there would only slow the suite.
DEBUG_LOGGERS = ("tt", "httpx", "mcp", "slack_bolt", "slack_sdk", "uvicorn")
# Shorter values (or fragments) are not checked: they would match ordinary text. Nor are
# degenerate ones ("sk_test_" + "x" * 22, a deliberately wrong key: its "xxx…" part would
# match any test's padding).
MIN_SECRET_LENGTH = 6
MIN_DISTINCT_CHARACTERS = 4
# Secrets with these prefixes are also looked for without them: the rest is the secret.
KNOWN_PREFIXES = ("sk_test_", "sk_live_", "whsec_", "xoxb-", "xoxp-", "xapp-")
MIN_SUFFIX_LENGTH = 12


@dataclass(frozen=True)
class Captured:
    logger: str
    level: str
    text: str


@dataclass(frozen=True)
class Leak:
    kind: str
    logger: str
    level: str
    line: str  # the first offending line, every secret in it masked
    count: int = 1

    def describe(self) -> str:
        return (
            f"{self.kind} in {self.level} record(s) of logger {self.logger!r} "
            f"({self.count}x); first: {self.line}"
        )


def _checkable(value: str, min_length: int) -> bool:
    return len(value) >= min_length and len(set(value)) >= MIN_DISTINCT_CHARACTERS


def mask(text: str, secrets: Iterable[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, f"<{len(secret)} chars masked>")
    return text


def find_leaks(records: Iterable[Captured], secrets: dict[str, str]) -> list[Leak]:
    """Every (secret kind, logger) pair with a record holding a secret; pure, for tests."""
    wanted = {s: k for s, k in secrets.items() if _checkable(s, MIN_SECRET_LENGTH)}
    if not wanted:
        return []
    pattern = re.compile("|".join(re.escape(s) for s in sorted(wanted, key=len, reverse=True)))
    found: dict[tuple[str, str], Leak] = {}
    for record in records:
        for match in pattern.finditer(record.text):
            kind = wanted[match.group(0)]
            key = (kind, record.logger)
            if key in found:
                old = found[key]
                found[key] = Leak(old.kind, old.logger, old.level, old.line, old.count + 1)
                continue
            line = next(
                (ln for ln in record.text.splitlines() if match.group(0) in ln), record.text
            )
            found[key] = Leak(kind, record.logger, record.level, mask(line, wanted)[:500])
    return list(found.values())


class _KeepEverything(logging.Handler):
    def __init__(self, guard: SecretsGuard) -> None:
        super().__init__(logging.DEBUG)
        self.guard = guard
        self._exc_formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + self._exc_formatter.formatException(record.exc_info)
            if record.stack_info:
                text += "\n" + record.stack_info
        except Exception:  # a broken record is the test's problem, not the guard's
            text = f"{record.msg!r} % {record.args!r}"
        self.guard.keep(Captured(record.name, record.levelname, text))


class SecretsGuard:
    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}  # value -> kind
        self.records: list[Captured] = []
        self._lock = threading.Lock()
        self.handler = _KeepEverything(self)
        self._undo: list[Callable[[], None]] = []

    # What is secret ---------------------------------------------------------------------
    def register(self, value: object, kind: str) -> None:
        if not isinstance(value, str) or not _checkable(value, MIN_SECRET_LENGTH):
            return
        with self._lock:
            self.secrets.setdefault(value, kind)
            for prefix in KNOWN_PREFIXES:
                rest = value.removeprefix(prefix)
                if rest != value and _checkable(rest, MIN_SUFFIX_LENGTH):
                    self.secrets.setdefault(rest, f"{kind} (without its {prefix!r} prefix)")

    def unregister(self, value: str) -> None:
        with self._lock:
            for key in [value, *(value.removeprefix(p) for p in KNOWN_PREFIXES)]:
                self.secrets.pop(key, None)

    # What was logged --------------------------------------------------------------------
    def keep(self, captured: Captured) -> None:
        with self._lock:
            self.records.append(captured)

    def leaks(self) -> list[Leak]:
        with self._lock:
            records, secrets = list(self.records), dict(self.secrets)
        return find_leaks(records, secrets)

    # Installation -----------------------------------------------------------------------
    def install(self) -> None:
        root = logging.getLogger()
        root.addHandler(self.handler)
        self._undo.append(lambda: root.removeHandler(self.handler))
        for name in DEBUG_LOGGERS:
            logger = logging.getLogger(name)
            previous = logger.level
            logger.setLevel(logging.DEBUG)
            self._undo.append(functools.partial(logger.setLevel, previous))
        self._learn_from_constructors()

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def _wrap_init(self, cls: type, learn: Callable[[Any], None]) -> None:
        original = cls.__init__  # type: ignore[misc]
        own = "__init__" in vars(cls)

        @functools.wraps(original)
        def __init__(instance: Any, *args: Any, **kwargs: Any) -> None:
            original(instance, *args, **kwargs)
            try:
                learn(instance)
            except Exception:  # never break a test because of the guard
                logging.getLogger(__name__).debug("could not learn secrets", exc_info=True)

        cls.__init__ = __init__  # type: ignore[misc]

        def undo() -> None:
            if own:
                cls.__init__ = original  # type: ignore[misc]
            else:
                del cls.__init__  # type: ignore[misc]

        self._undo.append(undo)

    def _learn_from_constructors(self) -> None:
        from shared.config import Settings
        from shared.sandbox import Sandbox
        from shared.taptalent import TapTalentClient

        def sandbox(sb: Sandbox) -> None:
            self.register(sb.api_key, "sandbox API key")
            self.register(sb.other_api_key, "sandbox API key (second company)")
            self.register(sb.webhook_key, "sandbox webhook key")
            self.register(sb.other_webhook_key, "sandbox webhook key (second company)")

        def client(c: TapTalentClient) -> None:
            self.register(c._api_key.get_secret_value(), "TapTalent API key")

        def settings(s: Settings) -> None:
            for name, info in type(s).model_fields.items():
                value = getattr(s, name, None)
                if value is not None and hasattr(value, "get_secret_value"):
                    self.register(value.get_secret_value(), info.alias or name.upper())

        self._wrap_init(Sandbox, sandbox)
        self._wrap_init(TapTalentClient, client)
        self._wrap_init(Settings, settings)


_guard = SecretsGuard()


def guard() -> SecretsGuard:
    return _guard


def register_secret(value: str, kind: str = "test secret") -> None:
    """Make the guard look for `value` in every log record of the session."""
    _guard.register(value, kind)


def scan_text(source: str, text: str) -> None:
    """Check output that did not go through this process's logging (a subprocess's)."""
    for line in text.splitlines():
        _guard.keep(Captured(source, "OUTPUT", line))


# Hooks ------------------------------------------------------------------------------------
_LEAKS = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    _guard.install()


# What the xdist workers found (`pytest -n`): each worker guards its own tests, and the
# controller reports and fails the run for all of them.
_WORKER_LEAKS: list[str] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leaks = [leak.describe() for leak in _guard.leaks()]
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller reports
        workeroutput["secrets_guard_leaks"] = leaks
        return
    leaks += _WORKER_LEAKS
    session.config.stash[_LEAKS] = leaks
    if leaks and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    _WORKER_LEAKS.extend(getattr(node, "workeroutput", {}).get("secrets_guard_leaks", []))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    leaks = config.stash.get(_LEAKS, [])
    if not leaks:
        if config.get_verbosity() > 0:
            terminalreporter.write_line(
                f"secrets guard: {len(_guard.records)} log records checked against "
                f"{len(_guard.secrets)} secret values, none found"
            )
        return
    terminalreporter.section("secrets in logs", sep="=", red=True, bold=True)
    terminalreporter.write_line(
        f"{len(leaks)} kind(s) of secret appeared in log output (tests/secrets_guard.py):"
    )
    for leak in leaks:
        terminalreporter.write_line(f"  - {leak}")


def pytest_unconfigure(config: pytest.Config) -> None:
    _guard.uninstall()
