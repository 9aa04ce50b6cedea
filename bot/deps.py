"""What listeners need at request time, handed to them through bolt's context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.writers import Writers
from shared.config import Settings
from shared.toolkit import Toolkit

CONTEXT_KEY = "tt"


class ToolkitSource(Protocol):
    """The service (or a test double): its toolkit exists only while it runs."""

    @property
    def tk(self) -> Toolkit: ...


@dataclass
class BotDeps:
    source: ToolkitSource
    settings: Settings
    writers: Writers

    @property
    def tk(self) -> Toolkit:
        return self.source.tk

    @property
    def show_private(self) -> bool:
        return self.settings.tt_show_contact_details


def deps_of(context: Any) -> BotDeps:
    deps = context[CONTEXT_KEY]
    assert isinstance(deps, BotDeps)
    return deps
