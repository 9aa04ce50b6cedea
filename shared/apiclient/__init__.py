"""What every JSON-over-HTTP client of another system shares (InstaView, Talynce, ...).

`JsonApi` sends one call with the house retry policy (`shared.taptalent.RetryPolicy`: the
same statuses, backoff, `Retry-After` floor and time budget for every system), a bound on
requests in flight, and the key kept out of reprs, errors and logs. Each system's client
owns one and supplies an `ErrorFactory` that turns failures into its own exceptions.
"""

from shared.apiclient._base import ErrorFactory, JsonApi, SystemClient, clean_query
from shared.taptalent._retry import RetryPolicy, parse_retry_after

__all__ = [
    "ErrorFactory",
    "JsonApi",
    "RetryPolicy",
    "SystemClient",
    "clean_query",
    "parse_retry_after",
]
