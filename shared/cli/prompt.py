"""The one question a write asks on a terminal."""

from __future__ import annotations


def ask(question: str) -> bool:
    """`question [y/N]` on the terminal: True only for y or yes (end of input is a no)."""
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes")
