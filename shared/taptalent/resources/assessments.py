"""``client.assessments``: list and read assessments."""

from __future__ import annotations

from shared.taptalent._limits import check_page, check_per_page_range
from shared.taptalent.models import Assessment, AssessmentPage, Id, unwrap_data
from shared.taptalent.resources._base import Resource, parse, segment


class Assessments(Resource):
    async def list(self, page_number: int = 1, per_page: int = 20) -> AssessmentPage:
        check_page(page_number, "pageNumber")
        check_per_page_range(per_page)
        body = await self._get("/assessment", {"pageNumber": page_number, "perPage": per_page})
        return parse(AssessmentPage, unwrap_data(body), "GET /assessment")

    async def get(self, assessment_id: Id) -> Assessment:
        """One assessment with its ``questions``."""
        path = f"/assessment/{segment(assessment_id)}"
        return parse(Assessment, unwrap_data(await self._get(path)), f"GET {path}")
