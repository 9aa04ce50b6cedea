"""`link job:42 [ats:<id>] [instaview:<id>] [talynce:<id>] [mirror:on]`: link a TapTalent
job to its counterparts in the other systems, or list the jobs to pick from.

Each system other than the ATS is one module here with a `RemoteSystem` (check an id,
optionally list choices), registered in `SYSTEMS`; the ATS keeps its own use case
(`shared.actions.ats.links`, with mirroring).
"""

from shared.actions.linking.base import RemoteSystem
from shared.actions.linking.link import link_job, linked_systems
from shared.actions.linking.registry import SYSTEMS

__all__ = ["SYSTEMS", "RemoteSystem", "link_job", "linked_systems"]
