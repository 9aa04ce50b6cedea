"""The Partner API error envelope: {"error": {"code", "type", "message", "details"}}."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse


class ApiError(Exception):
    """Raised anywhere in a handler; turned into the documented error envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        error_type: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.error_type = error_type
        self.message = message
        self.details = details or {}
        self.headers = headers
        self.extra = extra or {}

    def response(self) -> JSONResponse:
        return JSONResponse(envelope(self), status_code=self.status, headers=self.headers)


def envelope(error: ApiError) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": error.code,
        "type": error.error_type,
        "message": error.message,
        "details": error.details,
        **error.extra,
    }
    return {"error": body}


def invalid(details: dict[str, str]) -> ApiError:
    return ApiError(
        400, "INVALID_REQUEST", "validation_error", "One or more fields are invalid.", details
    )


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "UNAUTHORIZED", "authentication_error", message)


def not_found(what: str) -> ApiError:
    return ApiError(404, "NOT_FOUND", "not_found_error", f"{what} not found.")


def insufficient_credits(available: int) -> ApiError:
    return ApiError(
        402,
        "INSUFFICIENT_CREDITS",
        "payment_required",
        "Insufficient scoring credits.",
        {"creditsAvailable": available},
        extra={"creditsAvailable": available},
    )


def rate_limited(retry_after: float) -> ApiError:
    seconds = int(retry_after) if retry_after == int(retry_after) else retry_after
    return ApiError(
        429,
        "RATE_LIMITED",
        "rate_limit_error",
        "Too many requests. Retry later.",
        headers={"Retry-After": str(seconds)},
    )


def internal(status: int = 503) -> ApiError:
    return ApiError(
        status, "INTERNAL_ERROR", "api_error", "The service is temporarily unavailable."
    )
