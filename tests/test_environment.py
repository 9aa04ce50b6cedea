"""The machine's environment stays out of the tests, whatever settings tt grows."""

import os

from shared.config import Settings
from tests.conftest import settings_env_names


def test_every_setting_is_scrubbed_from_the_environment() -> None:
    names = settings_env_names()
    assert len(names) == len(Settings.model_fields)
    assert {"TAPTALENT_API_KEY", "TT_POLL_AFTER", "TT_MCP_READ_ONLY", "PORT"} <= set(names)
    assert [name for name in names if name in os.environ] == []
