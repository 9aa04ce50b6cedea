"""``client.jobs``: list, walk, read and create job postings."""

from __future__ import annotations

from collections.abc import AsyncIterator

from shared.taptalent._limits import LIST_PER_PAGE, check_page, check_per_page_choice
from shared.taptalent.models import Id, Job, JobCreate, JobList, unwrap_data
from shared.taptalent.resources._base import Resource, parse, segment


class Jobs(Resource):
    async def list(self, page_number: int = 1, per_page: int = 20) -> JobList:
        """One page of jobs (``perPage`` one of 10, 20, 40, 80, 100) and ``total_jobs``."""
        check_page(page_number, "pageNumber")
        check_per_page_choice(per_page, LIST_PER_PAGE)
        body = await self._get("/jobs", {"pageNumber": page_number, "perPage": per_page})
        return parse(JobList, unwrap_data(body), "GET /jobs")

    async def iter(self, per_page: int = 100) -> AsyncIterator[Job]:
        """Every job, page by page."""
        check_per_page_choice(per_page, LIST_PER_PAGE)
        page_number, seen = 1, 0
        while True:
            page = await self.list(page_number=page_number, per_page=per_page)
            for job in page.jobs:
                yield job
            seen += len(page.jobs)
            done_by_total = page.total_jobs is not None and seen >= page.total_jobs
            if len(page.jobs) < per_page or done_by_total:
                return
            page_number += 1

    async def get(self, job_id: Id) -> Job:
        """One job with its pipeline stages and ``criterion_details``."""
        path = f"/jobs/{segment(job_id)}"
        return parse(Job, unwrap_data(await self._get(path)), f"GET {path}")

    async def create(self, job: JobCreate) -> Job:
        """Create a job. ``JobCreate`` already checked TapTalent's rules; sent once only."""
        body = await self._post("/jobs", job.to_body(), idempotent=False)
        return parse(Job, unwrap_data(body), "POST /jobs")
