"""manifest.yml agrees with the code: the command, the events, and only the scopes used.

Read line by line (PyYAML is not a dependency); the checks are about what the bot needs.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.listeners.commands import COMMAND

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def _items_under(text: str, key: str) -> list[str]:
    """The `- item` lines of the YAML list right under `key:` (comments stripped)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{key}:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    items = []
    for line in lines[start + 1 :]:
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped:
            continue
        if len(line) - len(line.lstrip()) <= indent:
            break
        if stripped.lstrip().startswith("- "):
            items.append(stripped.lstrip()[2:].strip())
    return items


def test_manifest_declares_the_command_events_and_minimal_scopes():
    text = MANIFEST.read_text()
    assert re.search(rf"^\s*- command: {re.escape(COMMAND)}$", text, re.MULTILINE)
    assert re.search(r"^\s*usage_hint: .+", text, re.MULTILINE)
    assert _items_under(text, "bot_events") == ["app_home_opened"]
    assert set(_items_under(text, "bot")) == {
        "commands",
        "chat:write",
        "chat:write.public",
        "usergroups:read",
    }
    assert re.search(r"home_tab_enabled: true", text)
    assert re.search(r"interactivity:\n\s+is_enabled: true", text)
    # HTTP mode's URLs are documented as comments, all on the service's one route.
    urls = re.findall(r"#.*(?:url|request_url): (\S+)", text)
    assert len(urls) == 3 and all(u.endswith("/slack/events") for u in urls)
