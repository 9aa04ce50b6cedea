from shared.kombo.resources.applications import Applications
from shared.kombo.resources.jobs import Jobs
from shared.kombo.resources.lookups import Candidates, RejectionReasons, Users

__all__ = ["Applications", "Candidates", "Jobs", "RejectionReasons", "Users"]
