"""The one MCP setting not (yet) in shared/config.py: public host names for MCP over HTTP.

Kept here so as not to edit shared/ while others finish it; it belongs beside
TT_MCP_TOKEN in `shared.config.Settings`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class McpSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    #: Host names clients use to reach MCP over HTTP beyond loopback (`tt.example.com`).
    #: The Host and Origin checks accept loopback names, the bind address, and these.
    tt_mcp_allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="TT_MCP_ALLOWED_HOSTS"
    )

    @field_validator("tt_mcp_allowed_hosts", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value
