"""``client.assessment_flows``: the flows the public notes describe (list, one flow).

Assigning a candidate to a flow is described but its path could not be read, so tt does
not call it (docs/partner-api.md).
"""

from __future__ import annotations

from shared.taptalent.models import Id, unwrap_data
from shared.taptalent.models.assessments import readable_page
from shared.taptalent.models.flows import AssessmentFlow, FlowList
from shared.taptalent.resources._base import Resource, parse, segment


class AssessmentFlows(Resource):
    async def list(self) -> FlowList:
        """Every flow with its steps and how many candidates are in it (no paging is
        documented: **choice**)."""
        body = unwrap_data(await self._get("/assessment-flows"))
        return parse(
            FlowList, readable_page(body, "flows", AssessmentFlow), "GET /assessment-flows"
        )

    async def get(self, flow_id: Id) -> AssessmentFlow:
        path = f"/assessment-flows/{segment(flow_id)}"
        return parse(AssessmentFlow, unwrap_data(await self._get(path)), f"GET {path}")
