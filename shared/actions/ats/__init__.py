"""Use cases that reach the customer's ATS through Kombo: link, push, reject, mirror."""

from shared.actions.ats.common import NotConnected
from shared.actions.ats.links import link_job
from shared.actions.ats.mirror import mirror_move
from shared.actions.ats.push import push_candidate, push_top
from shared.actions.ats.refresh import refresh_pushed
from shared.actions.ats.reject import reject_in_ats

__all__ = [
    "NotConnected",
    "link_job",
    "mirror_move",
    "push_candidate",
    "push_top",
    "refresh_pushed",
    "reject_in_ats",
]
