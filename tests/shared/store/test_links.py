"""Job links to InstaView and Talynce: one per job and system, re-linking replaces it,
and they survive reopening the file."""

from shared.store import Store


async def test_a_job_links_to_each_system_once_and_relinking_replaces(store, clock) -> None:
    assert await store.system_link("instaview", "4201") is None
    await store.link_system_job("instaview", "4201", "iv-job-1", "Backend", linked_by="U1")
    await store.link_system_job("talynce", "4201", "tj-9", linked_by="U1")
    clock.advance(60)
    again = await store.link_system_job(
        "instaview", "4201", "iv-job-2", "Backend II", linked_by="U2"
    )

    found = await store.system_link("instaview", "4201")
    assert found == again
    assert (found.remote_id, found.remote_name, found.linked_by) == ("iv-job-2", "Backend II", "U2")
    assert [link.system for link in await store.system_links("4201")] == ["instaview", "talynce"]
    assert await store.system_links("4202") == []


async def test_links_survive_reopening(db_path, clock) -> None:
    async with Store.connect(db_path, clock=clock) as first:
        await first.link_system_job("talynce", "7", "tj-1", "Data", linked_by="cli:ana")
    async with Store.connect(db_path, clock=clock) as second:
        found = await second.system_link("talynce", "7")
    assert found is not None and found.remote_id == "tj-1"
