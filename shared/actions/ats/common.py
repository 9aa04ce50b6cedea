"""What the ATS use cases share: the connection check, error wording, word matching."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from shared.actions.ats.models import AtsJobInfo, AtsStage
from shared.actions.errors import ActionError, InvalidInput, NotAllowed, NotFound, Unavailable
from shared.kombo_setup import HOW_TO_CONNECT, Ats
from shared.store import Origin
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.kombo.models import Job

SYSTEM = "kombo"
_WORD = re.compile(r"[a-z0-9]+")


class NotConnected(ActionError):
    """No ATS is connected (TapTalent on a real key, no KOMBO_API_KEY)."""


def require_ats(tk: Toolkit) -> Ats:
    if tk.ats is None:
        raise NotConnected("No ATS is connected.", HOW_TO_CONNECT)
    return tk.ats


def system_label(ats: Ats) -> str:
    """The system a write changed, for the audit: ``kombo:greenhouse:8Xk``."""
    return f"{SYSTEM}:{ats.client.integration_id}"


def actor_of(origin: Origin) -> str:
    return origin.user or origin.kind


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def ats_job_info(job: Job) -> AtsJobInfo:
    return AtsJobInfo(
        id=job.id,
        name=job.name,
        status=job.status,
        remote_url=job.remote_url,
        stages=[AtsStage(id=s.id, name=s.name) for s in job.ordered_stages()],
    )


@contextlib.contextmanager
def translate_ats(subject: str) -> Iterator[None]:
    """Kombo errors as action errors; their sentences already say what to do."""
    from shared.kombo import errors as k  # here: Kombo's modules load only with an ATS

    try:
        yield
    except k.InputInvalidError as exc:
        raise InvalidInput(str(exc)) from exc
    except k.RemoteInputInvalidError as exc:
        raise InvalidInput(str(exc)) from exc
    except (k.PermissionMissingError, k.ActionDisabledError, k.AuthenticationError) as exc:
        raise NotAllowed(str(exc)) from exc
    except k.IntegrationNotFoundError as exc:
        raise NotAllowed(str(exc)) from exc
    except k.NotFoundError as exc:
        raise NotFound(f"{subject[:1].upper()}{subject[1:]} was not found in the ATS.") from exc
    except k.JobClosedError as exc:
        raise InvalidInput(str(exc)) from exc
    except k.KomboAPIError as exc:
        raise Unavailable(str(exc)) from exc
    except k.KomboError as exc:
        raise Unavailable(f"{exc}", f"Nothing else was changed for {subject}.") from exc
