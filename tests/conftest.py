"""Test-wide settings: keep the environment of the machine out of the tests."""

import os

import pytest
from hypothesis import settings

pytest_plugins = ["tests.secrets_guard"]

# CI runs the same examples every time (a red CI names a real regression); developers'
# runs stay random and keep exploring, saving what they find in .hypothesis/.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

for _var in (
    "TAPTALENT_API_KEY",
    "TAPTALENT_BASE_URL",
    "TAPTALENT_WEBHOOK_KEY",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "TT_ALERT_CHANNEL",
    "TT_WRITERS",
    "TT_DB_PATH",
    "TT_MCP_TOKEN",
    "KOMBO_API_KEY",
    "KOMBO_INTEGRATION_ID",
    "KOMBO_BASE_URL",
    "KOMBO_WEBHOOK_SECRET",
    "INSTAVIEW_API_KEY",
    "INSTAVIEW_BASE_URL",
    "INSTAVIEW_WEBHOOK_SECRET",
    "INSTAVIEW_SIGNATURE_HEADER",
    "INSTAVIEW_DEFAULT_AGENT",
    "TT_GDPR_RETENTION_DAYS",
    "TALYNCE_API_KEY",
    "TALYNCE_BASE_URL",
):
    os.environ.pop(_var, None)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# Shared fixtures: a sandbox and a toolkit wired to it in-process, on a real SQLite file.
from collections.abc import AsyncIterator  # noqa: E402
from pathlib import Path  # noqa: E402

from shared.config import Settings  # noqa: E402
from shared.sandbox import Sandbox, SandboxConfig  # noqa: E402
from shared.toolkit import Toolkit, open_toolkit  # noqa: E402


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"TT_DB_PATH": tmp_path / "tt.sqlite3", **overrides}
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    sb = Sandbox(SandboxConfig(seed=7, rescore_delay=0.05))
    try:
        yield sb
    finally:
        await sb.aclose()


@pytest.fixture
async def tk(sandbox: Sandbox, tmp_path: Path) -> AsyncIterator[Toolkit]:
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as toolkit:
        yield toolkit


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in its own folder, with its own per-user data folder (the default
    TT_DB_PATH and the sandbox's saved world): nothing from the checkout or the home folder
    gets in, and nothing a test does stays."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
