"""Accessors for the sandbox that tests can rely on without repeating a None check."""

from shared.sandbox import Sandbox


def big_job(sandbox: Sandbox) -> int:
    """The id of the sandbox's big job; every test plan but the empty one has it."""
    job = sandbox.big_job_id
    assert job is not None, "this sandbox's plan has no big job"
    return job
