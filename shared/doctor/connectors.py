"""The other systems tt talks to (Kombo, InstaView, Talynce), checked the same way.

Each system is one `Connector` (its own module: `doctor/kombo.py`, ...), listed once in
`run.CONNECTORS`. For each one that is configured (its key set) or emulated (sandbox
mode), the doctor makes one read with the system's own client, which proves the key and
the base URL, then says whether the webhook secret is set where the system signs its
webhooks, and where those webhooks must point. Secrets are never printed: only whether
they are set, and their length.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from pydantic import SecretStr

from shared.config import Settings
from shared.doctor.report import Check
from shared.taptalent import RetryPolicy

Mode = Literal["live", "emulator", "off"]
# A doctor answers in seconds: retry what is safe, but not for long.
RETRY = RetryPolicy(max_attempts=2, total_budget=15.0)
# Opens the system's client (real, or on a fresh emulator) and makes the one read: the
# URL it read and what it saw, e.g. ("GET https://…/agents", "3 agent(s)").
Reader = Callable[[Settings, Mode, httpx.AsyncBaseTransport | None], Awaitable[tuple[str, str]]]


@dataclass(frozen=True)
class Webhooks:
    """A system that signs the webhooks it sends tt."""

    secret: Callable[[Settings], SecretStr | None]
    secret_var: str  # "KOMBO_WEBHOOK_SECRET"
    path: str  # "/webhooks/kombo"
    where_to_set: str  # where the customer registers tt's URL and finds the secret
    without: str  # what a user loses while it is not set


@dataclass(frozen=True)
class Connector:
    name: str  # "Kombo"
    key_var: str
    base_var: str
    key_source: str  # where a key comes from, for the fix
    mode: Callable[[Settings], Mode]
    base_url: Callable[[Settings], str]
    read: Reader
    auth_errors: tuple[type[Exception], ...]
    connection_errors: tuple[type[Exception], ...]
    errors: tuple[type[Exception], ...]  # the client's base error(s)
    missing: Callable[[Settings], Check | None] = lambda settings: None
    # Errors whose fix is not the base URL's: (error class, the fix), first match wins.
    fixes: tuple[tuple[type[Exception], str], ...] = ()
    webhooks: Webhooks | None = None


def secret_is_set(secret: SecretStr | None) -> bool:
    return secret is not None and bool(secret.get_secret_value())


async def connector_checks(
    connector: Connector, settings: Settings, transport: httpx.AsyncBaseTransport | None
) -> list[Check]:
    mode = connector.mode(settings)
    if mode == "off":
        return [
            Check(
                connector.name,
                "skip",
                f"Not configured ({connector.key_var} is not set, and TapTalent is not in "
                "sandbox mode).",
            )
        ]
    checks = [await key_check(connector, settings, mode, transport)]
    if connector.webhooks is not None:
        checks.append(webhook_check(connector, connector.webhooks, settings, mode))
    return checks


async def key_check(
    c: Connector, settings: Settings, mode: Mode, transport: httpx.AsyncBaseTransport | None
) -> Check:
    name = f"{c.name} key and base URL"
    if mode == "live" and (missing := c.missing(settings)) is not None:
        return missing
    base = c.base_url(settings) if mode == "live" else f"the built-in {c.name} emulator"
    try:
        read, seen = await c.read(settings, mode, transport)
    except c.auth_errors as exc:
        return Check(
            name,
            "fail",
            f"{c.name} refused the API key: {c.key_var} is wrong, revoked, or not a key for "
            f"{base}. {c.name} said: {exc}",
            fix=f"Copy the key {c.key_source} into {c.key_var}, then run tt doctor again.",
        )
    except c.connection_errors as exc:
        return Check(
            name,
            "fail",
            str(exc),  # the client's sentence names the system and the host
            fix=f"Check the network and {c.base_var} (now {base}).",
        )
    except c.errors as exc:
        fix = next((fix for kind, fix in c.fixes if isinstance(exc, kind)), None)
        return Check(
            name,
            "fail",
            f"{c.name} at {base} answered with an error: {exc}",
            fix=fix
            or f"Check {c.base_var} (now {base}); if it is right, try again later or ask "
            f"{c.name}'s support.",
        )
    if mode == "emulator":
        return Check(name, "pass", f"Sandbox mode: the built-in emulator answered {read}: {seen}.")
    return Check(name, "pass", f"{read} answered: {seen}.")


def webhook_check(c: Connector, hooks: Webhooks, settings: Settings, mode: Mode) -> Check:
    name = f"{c.name} webhooks"
    where = (
        f"{c.name} must POST to https://<your public host>{hooks.path} (this service listens "
        f"on {settings.host}:{settings.port}); {hooks.where_to_set}."
    )
    secret = hooks.secret(settings)
    if mode == "emulator":
        return Check(
            name,
            "pass",
            "Sandbox mode: the built-in emulator signs its webhooks with its own secret.",
        )
    if secret_is_set(secret):
        assert secret is not None
        length = len(secret.get_secret_value())
        return Check(name, "pass", f"{hooks.secret_var} is set ({length} characters). {where}")
    return Check(
        name,
        "warn",
        f"{hooks.secret_var} is not set, so tt cannot verify {c.name}'s webhooks and refuses "
        f"them: {hooks.without}. {where}",
        fix=f"Set {hooks.secret_var} to the signing secret {c.name} gives for tt's webhook.",
    )


@dataclass(frozen=True)
class Endpoint:
    """Where the one read goes: the configured system, or a fresh emulator in-process."""

    key: str
    base_url: str
    transport: httpx.AsyncBaseTransport | None
    emulator: Any = None

    def shown(self, path: str) -> str:
        """``GET <base><path>``; an emulator's made-up host is left out."""
        base = "" if self.emulator is not None else self.base_url.rstrip("/")
        return f"GET {base}{path}"


def endpoint(
    mode: Mode,
    key: SecretStr | None,
    base_url: str,
    transport: httpx.AsyncBaseTransport | None,
    emulator: Callable[[], Any],
    emulator_url: str,
) -> Endpoint:
    """The live system from the settings (`transport`: tests), or `emulator()` (an object
    with `api_key` and an ASGI `app`) at `emulator_url`."""
    if mode == "live":
        assert key is not None
        return Endpoint(key.get_secret_value(), base_url, transport)
    made = emulator()
    return Endpoint(made.api_key, emulator_url, httpx.ASGITransport(app=made.app), made)
