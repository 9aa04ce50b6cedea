"""Which résumé URLs an upload accepts, checked before anything is sent.

Seed 000: every URL a non-blank string, publicly accessible, at most 5,000 a request.
TapTalent fetches each file itself, so tt also refuses what it could never fetch: a
scheme other than http(s), no host, or a host that only names this machine or a private
network (**choice**). Every refused URL is named, with what would be accepted.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from shared.actions.errors import InvalidInput

#: TapTalent's integration notes: at most 200 URLs per batch (seed 000 allows 5,000 a
#: request). Each chunk of an upload is one batch.
UPLOAD_CHUNK = 200
#: The most one upload takes: seed 000's per-request maximum (25 batches of 200).
UPLOAD_MAX_URLS = 5_000
URL_MAX_LENGTH = 2_048
#: How many refused URLs an error names one by one.
NAMED_MAX = 10
ALLOWED = (
    "public http:// or https:// links to PDF, DOC or DOCX files, like "
    "https://files.example.com/cv/jane-doe.pdf"
)
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")


def refusal(url: str) -> str | None:
    """Why TapTalent could not fetch `url`; None when it is a public http(s) URL."""
    if not url.strip():
        return "is blank"
    if len(url) > URL_MAX_LENGTH:
        return f"is longer than {URL_MAX_LENGTH:,} characters"
    if any(ch.isspace() for ch in url.strip()):
        return "contains a space (write it as %20)"
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return "is not a well-formed URL"
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        return f"is not an http(s) link ({shown})"
    if not host:
        return "has no host name"
    if _is_private(host):
        return "points at this machine or a private network, which TapTalent cannot reach"
    return None


def _is_private(host: str) -> bool:
    lowered = host.lower().rstrip(".")
    if lowered == "localhost" or lowered.endswith(_LOCAL_NAMES):
        return True
    try:
        address = ipaddress.ip_address(lowered)
    except ValueError:
        return "." not in lowered  # a bare name ("fileserver") only resolves inside a network
    return not address.is_global


def checked_urls(urls: list[str]) -> list[str]:
    """The URLs, stripped, in order; `InvalidInput` naming each refused one otherwise."""
    if not urls:
        raise InvalidInput("Give at least one résumé URL.", allowed=[ALLOWED])
    if len(urls) > UPLOAD_MAX_URLS:
        raise InvalidInput(
            f"That is {len(urls):,} URLs; one upload takes at most {UPLOAD_MAX_URLS:,} "
            f"({UPLOAD_MAX_URLS // UPLOAD_CHUNK} batches of {UPLOAD_CHUNK}). Split it.",
            allowed=[ALLOWED],
        )
    refused = [(i, url, why) for i, url in enumerate(urls, 1) if (why := refusal(url))]
    if refused:
        named = [f"URL {i} {show(url)} {why}" for i, url, why in refused[:NAMED_MAX]]
        more = len(refused) - len(named)
        tail = f"; and {more} more" if more else ""
        raise InvalidInput(
            f"{plural_urls(len(refused))} refused, nothing was uploaded: "
            + "; ".join(named)
            + f"{tail}. Allowed: {ALLOWED}.",
            allowed=[ALLOWED],
        )
    return [url.strip() for url in urls]


def chunks(urls: list[str]) -> list[list[str]]:
    return [urls[i : i + UPLOAD_CHUNK] for i in range(0, len(urls), UPLOAD_CHUNK)]


def show(url: str, limit: int = 80) -> str:
    shown = url if len(url) <= limit else url[: limit - 1] + "…"
    return f"“{shown}”"


def plural_urls(count: int) -> str:
    return f"{count:,} URL{'s' if count != 1 else ''}"
