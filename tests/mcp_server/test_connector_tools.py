"""link_job to InstaView and Talynce, push_candidate to Talynce, and get_job_candidate's
view of every system, through the real MCP client."""

from __future__ import annotations

from mcp import Client

from shared.toolkit import Toolkit
from tests.mcp_server.conftest import data
from tests.mcp_server.test_ats_tools import JOB, first_id
from tests.mcp_server.test_errors import error_text

TITLE = "Senior Backend Engineer"


async def test_link_push_and_read_back_through_mcp(client: Client, tk: Toolkit) -> None:
    assert tk.talynce is not None and tk.talynce.sandbox is not None
    assert tk.instaview is not None and tk.instaview.sandbox is not None
    talynce_job = tk.talynce.sandbox.job_id(TITLE)
    iv_job = tk.instaview.sandbox.job_id(TITLE)
    jc = await first_id(tk)

    refused = await client.call_tool("push_candidate", {"to": "talynce", "job_candidate_id": jc})
    assert refused.is_error and "not linked to a Talynce job" in error_text(refused)
    assert "Call link_job" in error_text(refused)

    choices = data(await client.call_tool("link_job", {"job_id": JOB}))
    assert choices["instaview_choices"][0] == {"id": iv_job, "name": TITLE}
    bad = await client.call_tool("link_job", {"job_id": JOB, "talynce_job_id": "42"})
    assert bad.is_error and "UUIDs" in error_text(bad)
    linked = data(
        await client.call_tool(
            "link_job",
            {"job_id": JOB, "instaview_job_id": iv_job, "talynce_job_id": talynce_job},
        )
    )
    assert linked["linked"] is True and "ats_job" not in linked
    assert [(o["system"], o["id"]) for o in linked["others"]] == [
        ("instaview", iv_job),
        ("talynce", talynce_job),
    ]

    pushed = data(
        await client.call_tool("push_candidate", {"to": "talynce", "job_candidate_id": jc})
    )
    [one] = pushed["pushed"]
    assert one["outcome"] == "created" and one["changed"] is True and one["talynce_id"]
    assert "CTC" in pushed["message"]  # what became of the CTC is said
    [entry] = await tk.store.audit_entries(action="talynce.push")
    assert entry.surface == "mcp" and "application.notes" in entry.details["fields"]

    card = data(await client.call_tool("get_job_candidate", {"job_candidate_id": jc}))
    lines = {line.split(" [")[0]: line for line in card["systems"]}
    assert set(lines) == {"TapTalent", "ATS", "InstaView", "Talynce", "Assessment"}
    assert lines["Talynce"].startswith("Talynce [ok]: Applied · screening")
    assert lines["InstaView"] == "InstaView [none]: Not invited to an AI interview."
    assert lines["ATS"] == "ATS [not_linked]: The job is not linked to an ATS job."
