"""Assessment flows (`GET /assessment-flows`, `GET /assessment-flows/:id`): the sandbox
shows one flow per company, made of its two oldest assessments (**choice**: the public
notes describe flows but the sandbox has no way to create them yet)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import validation as v
from shared.sandbox.clock import iso
from shared.sandbox.errors import not_found
from shared.sandbox.routes.common import authenticate, ok
from shared.sandbox.runtime import Runtime
from shared.sandbox.state import Company

FLOW_ID_OFFSET = 900  # flow ids: 900 + the company id's last digits, never an assessment id


def company_flows(company: Company) -> list[dict[str, Any]]:
    steps = sorted(company.assessments.values(), key=lambda a: a.id)[:2]
    if not steps:
        return []
    first = steps[0].id
    invited = {i.candidate_id for i in company.invitations.values() if i.assessment_id == first}
    return [
        {
            "flowId": FLOW_ID_OFFSET + company.id % 100,
            "flowName": f"{steps[0].hiring_for_role or steps[0].test_name} hiring flow",
            "description": "Voice screen, then the second interview for those who pass.",
            "steps": [
                {
                    "assessmentId": a.id,
                    "passThreshold": 60,
                    "name": a.test_name,
                    "type": "ASSESSMENT",
                }
                for a in steps
            ],
            "candidateCount": len(invited),
            "createdAt": iso(steps[-1].created_ms),
        }
    ]


def routes(rt: Runtime) -> list[Route]:
    async def list_flows(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        return ok(rt.speaker.newer({"flows": company_flows(company)}))

    async def get_flow(request: Request) -> JSONResponse:
        company = authenticate(rt, request)
        wanted = v.path_id(request, "flowId")
        found = next((f for f in company_flows(company) if f["flowId"] == wanted), None)
        if found is None:
            raise not_found("Assessment flow")
        return ok(rt.speaker.newer(found))

    return [
        Route("/assessment-flows", list_flows, methods=["GET"]),
        Route("/assessment-flows/{flowId}", get_flow, methods=["GET"]),
    ]
