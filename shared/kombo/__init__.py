"""Async client for Kombo's unified ATS API (seed 004; see docs/kombo.md).

    from shared.kombo import KomboClient

    async with KomboClient(api_key=key, integration_id="greenhouse:8Xk") as kombo:
        async for job in kombo.jobs.iter(statuses=["OPEN"]):
            ...

Errors live in `shared.kombo.errors` (keyed on Kombo's ``error.code``), models in
`shared.kombo.models`, webhook signatures in `shared.kombo.signature`.
"""

from shared.kombo._client import EU_BASE_URL, US_BASE_URL, KomboClient

__all__ = ["EU_BASE_URL", "US_BASE_URL", "KomboClient"]
