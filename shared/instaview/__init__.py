"""Async client for InstaView's AI interview API (seed 001; docs/connectors.md).

    from shared.instaview import InstaViewClient

    async with InstaViewClient(api_key=key) as client:
        agents = await client.agents.all()
        candidate = await client.candidates.create(first_name="Ana", last_name="Costa", ...)

Errors live in `shared.instaview.errors`, models in `shared.instaview.models`, the request
rules in `shared.instaview.rules`, webhook checks in `shared.instaview.webhooks`.
"""

from shared.instaview._client import DEFAULT_BASE_URL, InstaViewClient, rate_limit_from_headers
from shared.taptalent._retry import RetryPolicy

__all__ = ["DEFAULT_BASE_URL", "InstaViewClient", "RetryPolicy", "rate_limit_from_headers"]
