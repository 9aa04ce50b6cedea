"""The one error the command parser raises: a sentence a person can act on."""

from __future__ import annotations

from collections.abc import Iterable


class CommandError(ValueError):
    """Text that is not a valid command.

    `str(error)` is the whole friendly message (what was wrong, naming the offending token,
    what is allowed, and an example to copy). The parts stay available so a surface can
    render them differently, e.g. Slack buttons for `allowed` or a code block for `example`.
    """

    def __init__(
        self,
        message: str,
        *,
        token: str | None = None,
        allowed: Iterable[str] = (),
        example: str | None = None,
    ) -> None:
        self.message = message
        self.token = token
        self.allowed = tuple(allowed)
        self.example = example
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.example:
            return f"{self.message} Example: {self.example}"
        return self.message

    def __repr__(self) -> str:
        return f"CommandError({self.message!r}, token={self.token!r}, example={self.example!r})"
