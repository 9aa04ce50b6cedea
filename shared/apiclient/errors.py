"""Error classes every system's client builds its own hierarchy on.

Each system names its classes (``shared.instaview.errors.NotFoundError`` ...) by mixing
its own base (which sets ``system``) with these. ``str(error)`` is a sentence saying what
went wrong and what to do; it never holds the API key (bodies are scrubbed first).
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx


class ClientError(Exception):
    """Base of every error a system client raises."""

    system: ClassVar[str] = "The other system"


class ConnectionFailed(ClientError):
    """No answer: DNS, refused connection, reset, TLS, ..."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class TimedOut(ConnectionFailed):
    """The answer did not come in time."""


class BadResponse(ClientError):
    """A 2xx answer that cannot be read (not JSON, or not the documented shape)."""

    def __init__(self, message: str, *, response: httpx.Response | None = None) -> None:
        super().__init__(message)
        self.response = response


class StatusError(ClientError):
    """The system answered with an error status.

    ``status_code``, ``code`` (the system's error code), ``message`` (its own wording),
    ``details`` (a dict; field -> message for validation errors), ``method``, ``path``.
    """

    default_status: ClassVar[int] = 0

    def __init__(
        self,
        message: str = "",
        *,
        status_code: int | None = None,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        method: str = "",
        path: str = "",
        response: httpx.Response | None = None,
        body: Any = None,
    ) -> None:
        self.status_code = status_code if status_code is not None else self.default_status
        self.code = code
        self.message = message
        self.details = dict(details or {})
        self.method = method
        self.path = path
        self.response = response
        self.body = body
        super().__init__(self._explain())

    def where(self, prefix: str) -> str:
        """`` to GET /x/1`` (with ``prefix`` "to"), or nothing when unknown."""
        target = f"{self.method} {self.path}".strip()
        return f" {prefix} {target}" if target else ""

    def sentence(self) -> str:
        """The system's message as one sentence ending in a full stop."""
        text = self.message.strip() or f"HTTP {self.status_code}"
        return text if text.endswith((".", "!", "?")) else f"{text}."

    def details_text(self) -> str:
        return "; ".join(f"{field}: {text}" for field, text in self.details.items())

    def _explain(self) -> str:
        label = f"{self.status_code} {self.code}" if self.code else str(self.status_code)
        return f"{self.system} answered {label}{self.where('to')}: {self.sentence()}"


class FieldProblems(ClientError, ValueError):
    """Values a call would send that the system's documented rules refuse.

    Raised before anything is sent. ``problems`` maps each field (dotted path) to what is
    wrong and what is allowed; ``str(error)`` lists them all.
    """

    def __init__(self, what: str, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        listed = "; ".join(f"{field}: {text}" for field, text in self.problems.items())
        super().__init__(f"{self.system} would refuse this {what}. {listed}")


def scrub_value(value: Any, secret: str) -> Any:
    """``value`` with every occurrence of ``secret`` replaced by ``***`` (deeply)."""
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, "***")
    if isinstance(value, dict):
        return {scrub_value(k, secret): scrub_value(v, secret) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_value(v, secret) for v in value]
    return value


def body_or_none(response: httpx.Response) -> Any:
    """The JSON body, or None when there is none or it is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


def details_dict(raw: Any) -> dict[str, Any]:
    """Details as field -> message, from a dict, a ``[{field|path, message}]`` list or text."""
    if raw is None:
        return {}
    if isinstance(raw, dict):
        return dict(raw)
    if isinstance(raw, list):
        out: dict[str, Any] = {}
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                field = item.get("field") or item.get("path") or item.get("property") or index
                if isinstance(field, list):
                    field = ".".join(str(part) for part in field)
                out[str(field)] = item.get("message", item)
            else:
                out[str(index)] = item
        return out
    return {"detail": raw}


def request_method(response: httpx.Response) -> str:
    try:
        return response.request.method
    except RuntimeError:
        return ""
