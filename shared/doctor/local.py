"""Checks that need no API call: webhooks, the database, MCP over HTTP."""

from __future__ import annotations

import asyncio
import ipaddress
import sqlite3
import tempfile
from pathlib import Path

from shared.config import Settings
from shared.doctor.report import Check

WEBHOOK_PATH = "/webhooks/taptalent"
MIN_TOKEN_LENGTH = 32
TOKEN_RECIPE = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"


def webhook_check(settings: Settings, sandbox_mode: bool) -> Check:
    where = (
        f"TapTalent must POST to https://<your public host>{WEBHOOK_PATH} (this service "
        f"listens on {settings.host}:{settings.port}); set that URL in TapTalent's dashboard "
        "(company admins only). It must answer within 5 seconds, which tt does."
    )
    key = settings.taptalent_webhook_key
    if key is not None and key.get_secret_value():
        return Check(
            "Webhooks",
            "pass",
            f"TAPTALENT_WEBHOOK_KEY is set ({len(key.get_secret_value())} characters). {where}",
        )
    if sandbox_mode:
        return Check(
            "Webhooks",
            "pass",
            "Sandbox mode: webhooks from the built-in sandbox carry its own key.",
        )
    if settings.taptalent_webhook_allow_empty_key:
        return Check(
            "Webhooks",
            "warn",
            "TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY is set and TAPTALENT_WEBHOOK_KEY is not: "
            f"webhooks without a key are accepted, so anyone who knows the URL can send tt "
            f"rescore results. {where}",
            fix="Set a webhook secret in TapTalent's dashboard and TAPTALENT_WEBHOOK_KEY, "
            "then unset TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY.",
        )
    return Check(
        "Webhooks",
        "warn",
        "TAPTALENT_WEBHOOK_KEY is not set, so tt refuses every webhook; rescores still "
        f"finish, found by polling after TT_POLL_AFTER ({settings.tt_poll_after:g} s). {where}",
        fix="Set TAPTALENT_WEBHOOK_KEY to the webhook secret shown in TapTalent's dashboard.",
    )


async def database_check(path: Path) -> Check:
    existed = await asyncio.to_thread(path.exists)
    problem = await asyncio.to_thread(_write_problem, path)
    if problem is None:
        state = "exists" if existed else "will be created at start"
        return Check("Database", "pass", f"{path} is writable ({state}).")
    return Check(
        "Database",
        "fail",
        f"tt cannot write its database at {path}: {problem}.",
        fix="Point TT_DB_PATH at a file in a directory tt may write to "
        "(e.g. var/tt.sqlite3 under the working directory), or fix that directory's permissions.",
    )


def _write_problem(path: Path) -> str | None:
    """Why tt could not write `path` (None when it can), found by trying, not by guessing:
    permission bits say little when running as root or on a read-only mount."""
    try:
        if path.exists():
            with sqlite3.connect(path, timeout=2) as db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
            return None
        # tt creates missing directories at start; the nearest existing one must take files.
        existing = next(p for p in path.absolute().parents if p.exists())
        if not existing.is_dir():
            return f"{existing} is a file, not a directory"
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".tt-doctor-"):
            return None
    except sqlite3.Error as exc:
        return f"SQLite says {exc}"
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def is_loopback(host: str) -> bool:
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def mcp_check(settings: Settings) -> Check:
    host = settings.host
    token = settings.tt_mcp_token.get_secret_value() if settings.tt_mcp_token else ""
    if is_loopback(host):
        return Check(
            "MCP over HTTP",
            "pass",
            f"The service listens on loopback (HOST={host}): only this machine reaches /mcp.",
        )
    if not token:
        return Check(
            "MCP over HTTP",
            "fail",
            f"HOST={host} listens beyond loopback and TT_MCP_TOKEN is not set, so /mcp "
            "refuses every call.",
            fix=f"Set TT_MCP_TOKEN to a long random secret ({TOKEN_RECIPE}), "
            "or set HOST=127.0.0.1.",
        )
    if len(token) < MIN_TOKEN_LENGTH:
        return Check(
            "MCP over HTTP",
            "warn",
            f"HOST={host} listens beyond loopback and TT_MCP_TOKEN has only {len(token)} "
            "characters.",
            fix=f"Use at least {MIN_TOKEN_LENGTH} random characters ({TOKEN_RECIPE}).",
        )
    return Check(
        "MCP over HTTP",
        "pass",
        f"HOST={host} listens beyond loopback; TT_MCP_TOKEN guards /mcp.",
    )
