"""Async client for the TapTalent Partner API.

    from shared.taptalent import TapTalentClient, RetryPolicy

    async with TapTalentClient(api_key=key) as client:
        async for candidate in client.job_candidates.iter(job_id):
            ...

Errors live in `shared.taptalent.errors`, models in `shared.taptalent.models`.
"""

from shared.taptalent._client import DEFAULT_BASE_URL, TapTalentClient
from shared.taptalent._retry import RetryPolicy

__all__ = ["DEFAULT_BASE_URL", "RetryPolicy", "TapTalentClient"]
