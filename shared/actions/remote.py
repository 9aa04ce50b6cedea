"""Errors from the InstaView and Talynce clients (the `shared.apiclient` family) as action
errors. Their sentences already name the system and say what to do; this only sorts them:
refused input, refused access, not found, or unavailable."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from shared.actions.errors import InvalidInput, NotAllowed, NotFound, Unavailable
from shared.apiclient.errors import ClientError, FieldProblems, StatusError


@contextlib.contextmanager
def translate_remote(subject: str) -> Iterator[None]:
    """Client errors of another system as action errors; ``subject`` names what was asked."""
    try:
        yield
    except FieldProblems as exc:  # refused before sending: nothing left tt
        raise InvalidInput(str(exc)) from exc
    except StatusError as exc:
        status = exc.status_code
        if status in (400, 409, 422):
            raise InvalidInput(str(exc)) from exc
        if status in (401, 403):
            raise NotAllowed(str(exc)) from exc
        if status == 404:
            raise NotFound(str(exc)) from exc
        raise Unavailable(str(exc), f"Nothing else was changed for {subject}.") from exc
    except ClientError as exc:
        raise Unavailable(str(exc), f"Nothing else was changed for {subject}.") from exc
