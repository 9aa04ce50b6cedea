"""Async client for Talynce's candidate API (seed 002; docs/connectors.md).

    from shared.talynce import TalynceClient, to_lpa

    async with TalynceClient(api_key=key) as client:
        result = await client.candidates.create(full_name="Jane Doe", email="jane@x.io")

Errors live in `shared.talynce.errors`, models in `shared.talynce.models`.
"""

from shared.talynce._client import DEFAULT_BASE_URL, TalynceClient
from shared.talynce.ctc import CtcConversion, to_lpa
from shared.taptalent._retry import RetryPolicy

__all__ = ["DEFAULT_BASE_URL", "CtcConversion", "RetryPolicy", "TalynceClient", "to_lpa"]
