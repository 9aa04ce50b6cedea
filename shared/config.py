"""Settings read once from the environment (and `.env`), with the names of the public contract."""

from __future__ import annotations

import tempfile
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_BASE_URL = "https://partner-api.taptalent.io/v1/partner"
KOMBO_EU_BASE_URL = "https://api.kombo.dev/v1"  # US: https://api.us.kombo.dev/v1
INSTAVIEW_BASE_URL = "https://api.instaview.sk/v1/public"
TALYNCE_BASE_URL = "https://talynce.com/api/v1"
#: Days until data tt sends to InstaView expires (its `gdprExpiryDate`): **choice**, six
#: months, long enough for a hiring process and its follow-up (docs/connectors.md).
GDPR_RETENTION_DAYS = 180


def default_db_path() -> Path:
    """tt's database in the per-user data folder (`~/.local/share/tt` on Linux, honouring
    XDG_DATA_HOME; `~/Library/Application Support/tt` on macOS), whatever the working
    folder: an assistant may start the MCP server anywhere."""
    return Path(platformdirs.user_data_dir("tt", appauthor=False)) / "tt.sqlite3"


class Settings(BaseSettings):
    """Everything an operator can set. Secrets are `SecretStr` so they never print."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    taptalent_api_key: SecretStr | None = Field(default=None, alias="TAPTALENT_API_KEY")
    taptalent_base_url: str = Field(default=DEFAULT_BASE_URL, alias="TAPTALENT_BASE_URL")
    taptalent_webhook_key: SecretStr | None = Field(default=None, alias="TAPTALENT_WEBHOOK_KEY")
    # TapTalent sends an empty X-Webhook-Key when the company set no secret: accepted only
    # when the operator says so, and only while TAPTALENT_WEBHOOK_KEY is unset.
    taptalent_webhook_allow_empty_key: bool = Field(
        default=False, alias="TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY"
    )
    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    tt_alert_channel: str | None = Field(default=None, alias="TT_ALERT_CHANNEL")
    tt_writers: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="TT_WRITERS")
    tt_db_path: Path = Field(default_factory=default_db_path, alias="TT_DB_PATH")
    tt_mcp_token: SecretStr | None = Field(default=None, alias="TT_MCP_TOKEN")
    # Host names clients use to reach MCP over HTTP beyond loopback (`tt.example.com`): the
    # Host and Origin checks accept loopback names, the bind address, and these.
    tt_mcp_allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="TT_MCP_ALLOWED_HOSTS"
    )
    tt_mcp_read_only: bool = Field(default=False, alias="TT_MCP_READ_ONLY")
    tt_show_contact_details: bool = Field(default=False, alias="TT_SHOW_CONTACT_DETAILS")
    tt_poll_after: float = Field(default=120.0, alias="TT_POLL_AFTER", gt=0)
    tt_rescore_expiry: float = Field(default=6 * 3600.0, alias="TT_RESCORE_EXPIRY", gt=0)
    # How long an assessment invitation waits for the candidate's submission (14 days).
    tt_assessment_expiry: float = Field(default=14 * 86400.0, alias="TT_ASSESSMENT_EXPIRY", gt=0)
    # Kombo (the customer's ATS). Unset key: the emulator in sandbox mode, else no ATS.
    kombo_api_key: SecretStr | None = Field(default=None, alias="KOMBO_API_KEY")
    kombo_integration_id: str | None = Field(default=None, alias="KOMBO_INTEGRATION_ID")
    kombo_base_url: str = Field(default=KOMBO_EU_BASE_URL, alias="KOMBO_BASE_URL")
    kombo_webhook_secret: SecretStr | None = Field(default=None, alias="KOMBO_WEBHOOK_SECRET")
    instaview_api_key: SecretStr | None = Field(default=None, alias="INSTAVIEW_API_KEY")
    instaview_base_url: str = Field(default=INSTAVIEW_BASE_URL, alias="INSTAVIEW_BASE_URL")
    instaview_webhook_secret: SecretStr | None = Field(
        default=None, alias="INSTAVIEW_WEBHOOK_SECRET"
    )
    # The header the signature comes in: InstaView does not publish it (docs/connectors.md).
    instaview_signature_header: str = Field(
        default="X-InstaView-Signature", alias="INSTAVIEW_SIGNATURE_HEADER", min_length=1
    )
    # An agent id or name; unset: tt lists the agents and asks.
    instaview_default_agent: str | None = Field(default=None, alias="INSTAVIEW_DEFAULT_AGENT")
    tt_gdpr_retention_days: int = Field(
        default=GDPR_RETENTION_DAYS, alias="TT_GDPR_RETENTION_DAYS", ge=1, le=3650
    )
    talynce_api_key: SecretStr | None = Field(default=None, alias="TALYNCE_API_KEY")
    talynce_base_url: str = Field(default=TALYNCE_BASE_URL, alias="TALYNCE_BASE_URL")
    host: str = Field(default="127.0.0.1", alias="HOST")
    port: int = Field(default=3000, alias="PORT", ge=0, le=65535)

    @field_validator("tt_writers", "tt_mcp_allowed_hosts", mode="before")
    @classmethod
    def _split_writers(cls, value: object) -> object:
        # Operators write `TT_WRITERS=U123,S456`; pydantic-settings would expect JSON.
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @property
    def data_folder(self) -> Path:
        """Where tt keeps its files: the database, and the sandbox's world beside it."""
        return self.tt_db_path.parent

    def db_path_problem(self) -> str | None:
        """One sentence naming TT_DB_PATH when tt cannot write there; None when it can."""
        path = self.tt_db_path
        try:
            self.data_folder.mkdir(parents=True, exist_ok=True)
            # Really write: permission bits say nothing for root or on read-only mounts.
            with tempfile.NamedTemporaryFile(dir=self.data_folder, prefix=".tt-write-check"):
                pass
        except (FileExistsError, NotADirectoryError):
            reason = "part of that path is a file, not a folder"
        except OSError as exc:
            reason = exc.strerror or str(exc)
        else:
            if not path.exists() or path.is_file():
                return None
            reason = "that is a folder, not a file"
        return (
            f"tt cannot write its database at {path} ({reason}): set TT_DB_PATH to a file "
            f"in a folder you can write to."
        )

    @cached_property
    def sandbox_mode(self) -> bool:
        """No API key: tt runs against the built-in sandbox."""
        return self.taptalent_api_key is None or not self.taptalent_api_key.get_secret_value()

    @property
    def instaview_mode(self) -> Literal["live", "emulator", "off"]:
        """A key: the real InstaView. No key: its emulator in sandbox mode, else none."""
        return _mode(self.instaview_api_key, self.sandbox_mode)

    @property
    def talynce_mode(self) -> Literal["live", "emulator", "off"]:
        """A key: the real Talynce. No key: its emulator in sandbox mode, else none."""
        return _mode(self.talynce_api_key, self.sandbox_mode)

    def secrets(self) -> list[str]:
        """Every secret value set, for the log filter (`shared.logs`) and the leak tests."""
        fields = (
            self.taptalent_api_key,
            self.taptalent_webhook_key,
            self.slack_bot_token,
            self.slack_signing_secret,
            self.slack_app_token,
            self.tt_mcp_token,
            self.kombo_api_key,
            self.kombo_webhook_secret,
            self.instaview_api_key,
            self.instaview_webhook_secret,
            self.talynce_api_key,
        )
        return [f.get_secret_value() for f in fields if f is not None and f.get_secret_value()]


def _mode(key: SecretStr | None, sandbox_mode: bool) -> Literal["live", "emulator", "off"]:
    if key is not None and key.get_secret_value():
        return "live"
    return "emulator" if sandbox_mode else "off"
