"""Schema migrations, in the style of simonw/llm: a list of small named functions.

Each runs once, in order, inside its own transaction, and is recorded by name in
`_migrations`. Never edit or reorder one that has shipped: add a new function at the end.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import aiosqlite

from shared.store.db import Clock, fetch_all, fetch_one

Migration = Callable[[aiosqlite.Connection], Awaitable[None]]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


@migration
async def m001_rescore_groups(db: aiosqlite.Connection) -> None:
    # One row per rescore request a person made; it may span several API rescores
    # (250 candidates each). snapshot_json keeps the scores before, for the alert.
    await db.execute(
        """
        CREATE TABLE rescore_groups (
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            stage TEXT,
            origin_json TEXT NOT NULL,
            snapshot_json TEXT NOT NULL,
            created_at REAL NOT NULL,
            notify_state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (notify_state IN ('waiting', 'due', 'sent')),
            notified_at REAL,
            notice_json TEXT
        )
        """
    )
    await db.execute("CREATE INDEX rescore_groups_by_created ON rescore_groups (created_at)")


@migration
async def m002_rescores(db: aiosqlite.Connection) -> None:
    # group_id may be NULL: a webhook can report a rescore before its group is recorded.
    await db.execute(
        """
        CREATE TABLE rescores (
            rescore_id TEXT PRIMARY KEY,
            group_id TEXT REFERENCES rescore_groups (id),
            job_id TEXT NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('pending', 'completed', 'failed', 'expired')),
            total_queued INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            next_poll_at REAL,
            poll_attempts INTEGER NOT NULL DEFAULT 0,
            result_json TEXT,
            ended_at REAL
        )
        """
    )
    await db.execute("CREATE INDEX rescores_by_group ON rescores (group_id)")
    await db.execute("CREATE INDEX rescores_by_due_poll ON rescores (state, next_poll_at)")


@migration
async def m003_webhook_deliveries(db: aiosqlite.Connection) -> None:
    await db.execute(
        """
        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY,
            dedupe_key TEXT NOT NULL UNIQUE,
            event TEXT NOT NULL,
            received_at REAL NOT NULL,
            body TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'received'
                CHECK (state IN ('received', 'processed', 'ignored', 'failed')),
            processed_at REAL,
            error TEXT
        )
        """
    )
    await db.execute(
        "CREATE INDEX webhook_deliveries_by_state ON webhook_deliveries (state, received_at)"
    )
    await db.execute(
        "CREATE INDEX webhook_deliveries_by_received ON webhook_deliveries (received_at)"
    )


@migration
async def m004_audit_log(db: aiosqlite.Connection) -> None:
    await db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            surface TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            details_json TEXT NOT NULL,
            result TEXT NOT NULL
        )
        """
    )
    await db.execute("CREATE INDEX audit_log_by_action ON audit_log (action, at)")
    await db.execute("CREATE INDEX audit_log_by_at ON audit_log (at)")


@migration
async def m005_idempotency_keys(db: aiosqlite.Connection) -> None:
    # expires_at lets one DELETE clear old keys whatever ttl each was claimed with.
    await db.execute(
        """
        CREATE TABLE idempotency_keys (
            key TEXT PRIMARY KEY,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        )
        """
    )
    await db.execute("CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at)")


@migration
async def m006_ops_notices(db: aiosqlite.Connection) -> None:
    # One row per operation whose end must be announced, whatever its kind. A sender
    # claims it (owner + lease) before posting and marks it sent after; a claim that
    # outlives its lease (the owner died) can be taken over. 'due' was never read: gone.
    await db.execute(
        """
        CREATE TABLE notices (
            kind TEXT NOT NULL,
            operation_id TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'unsent' CHECK (state IN ('unsent', 'sent')),
            owner TEXT,
            lease_until REAL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            sent_at REAL,
            PRIMARY KEY (kind, operation_id)
        )
        """
    )
    await db.execute("CREATE INDEX notices_by_sent ON notices (state, sent_at)")
    await db.execute(
        "UPDATE rescore_groups SET notify_state = 'waiting' WHERE notify_state = 'due'"
    )
    await db.execute(
        """
        INSERT INTO notices (kind, operation_id, state, created_at, sent_at)
        SELECT 'rescore', id, 'sent', created_at, notified_at FROM rescore_groups
        WHERE notify_state = 'sent'
        """
    )


@migration
async def m007_ops_idempotency_outcome(db: aiosqlite.Connection) -> None:
    # What a write claimed under a key came to, so a repeat can show it instead of acting.
    await db.execute("ALTER TABLE idempotency_keys ADD COLUMN outcome TEXT")


@migration
async def m008_ops_operations(db: aiosqlite.Connection) -> None:
    # Long operations of every kind but rescores (which keep their own tables): one row
    # each, recorded before anything is answered, ended by a webhook, a poll or expiry.
    # `subject` is what it is about (a job id, a candidate), for a webhook that names only
    # that; `data_json` is whatever the kind needs to poll and report.
    await db.execute(
        """
        CREATE TABLE operations (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            origin_json TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'completed', 'failed', 'expired')),
            data_json TEXT NOT NULL DEFAULT '{}',
            result_json TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            next_poll_at REAL,
            poll_attempts INTEGER NOT NULL DEFAULT 0,
            ended_at REAL,
            PRIMARY KEY (kind, id)
        )
        """
    )
    await db.execute("CREATE INDEX operations_by_state ON operations (kind, state, created_at)")


@migration
async def m009_kombo_job_links(db: aiosqlite.Connection) -> None:
    # A TapTalent job linked to a job in the customer's ATS (through Kombo).
    await db.execute(
        """
        CREATE TABLE kombo_job_links (
            job_id TEXT PRIMARY KEY,
            ats_job_id TEXT NOT NULL,
            ats_job_name TEXT NOT NULL,
            mirror INTEGER NOT NULL DEFAULT 0,
            linked_by TEXT NOT NULL,
            linked_at REAL NOT NULL
        )
        """
    )


@migration
async def m010_kombo_pushes(db: aiosqlite.Connection) -> None:
    # One row per job candidate pushed to the ATS; the steps done so far make a push
    # resumable after a crash (application first, then the result link, then the note).
    await db.execute(
        """
        CREATE TABLE kombo_pushes (
            job_candidate_id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            ats_job_id TEXT NOT NULL,
            application_id TEXT,
            remote_url TEXT,
            stage_id TEXT,
            outcome TEXT,
            result_link_added INTEGER NOT NULL DEFAULT 0,
            note_added INTEGER NOT NULL DEFAULT 0,
            origin_json TEXT NOT NULL,
            fields_json TEXT NOT NULL DEFAULT '[]',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )
        """
    )
    await db.execute(
        "CREATE UNIQUE INDEX kombo_pushes_by_application ON kombo_pushes (application_id)"
    )


@migration
async def m011_kombo_webhook_deliveries(db: aiosqlite.Connection) -> None:
    # Kombo's webhooks, deduplicated on Kombo's event id; kept apart from TapTalent's
    # deliveries so each system's processor owns its own rows.
    await db.execute(
        """
        CREATE TABLE kombo_webhook_deliveries (
            event_id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            received_at REAL NOT NULL,
            body TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'received'
                CHECK (state IN ('received', 'processed', 'ignored', 'failed')),
            processed_at REAL,
            error TEXT
        )
        """
    )
    await db.execute(
        "CREATE INDEX kombo_webhook_deliveries_by_state ON kombo_webhook_deliveries (state)"
    )


async def applied_migrations(conn: aiosqlite.Connection) -> list[str]:
    rows = await fetch_all(conn, "SELECT name FROM _migrations ORDER BY applied_at, rowid")
    return [row["name"] for row in rows]


async def migrate(conn: aiosqlite.Connection, clock: Clock) -> list[str]:
    """Apply the migrations this file has not had yet; return their names."""
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
    )
    done = set(await applied_migrations(conn))
    applied: list[str] = []
    for fn in MIGRATIONS:
        name = fn.__name__
        if name in done:
            continue
        try:
            await conn.execute("BEGIN IMMEDIATE")
            # Another process may have applied it since we looked: check under the lock.
            if await fetch_one(conn, "SELECT 1 FROM _migrations WHERE name = ?", (name,)) is None:
                await fn(conn)
                await conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, clock())
                )
                applied.append(name)
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
    return applied


@migration
async def m012_links_system_job_links(db: aiosqlite.Connection) -> None:
    # A TapTalent job linked to a job in another system (InstaView, Talynce): one row per
    # job and system. The ATS keeps its own table (m009), which also holds mirroring.
    await db.execute(
        """
        CREATE TABLE system_job_links (
            system TEXT NOT NULL,
            job_id TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            remote_name TEXT NOT NULL DEFAULT '',
            linked_by TEXT NOT NULL,
            linked_at REAL NOT NULL,
            PRIMARY KEY (system, job_id)
        )
        """
    )


@migration
async def m013_talynce_pushes(db: aiosqlite.Connection) -> None:
    # One row per job candidate pushed to Talynce: recorded as 'sending' before the request,
    # then 'pushed', 'masked' or 'unknown' (no answer: the next push checks Talynce first).
    await db.execute(
        """
        CREATE TABLE talynce_pushes (
            job_candidate_id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            talynce_job_id TEXT NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('sending', 'pushed', 'masked', 'unknown')),
            talynce_candidate_id TEXT,
            created INTEGER,
            application_status TEXT,
            fields_json TEXT NOT NULL DEFAULT '[]',
            omitted_json TEXT NOT NULL DEFAULT '{}',
            origin_json TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )
        """
    )


@migration
async def m014_instaview_candidates(db: aiosqlite.Connection) -> None:
    # The InstaView candidate tt created for a TapTalent candidate and job (reused by the
    # next invite), and what was sent. `state` 'sending' marks a create whose answer has
    # not come back yet: the next invite looks it up in InstaView before sending again.
    await db.execute(
        """
        CREATE TABLE instaview_candidates (
            candidate_key TEXT NOT NULL,
            job_id TEXT NOT NULL,
            job_candidate_id TEXT NOT NULL,
            instaview_job_id TEXT NOT NULL,
            instaview_candidate_id TEXT,
            state TEXT NOT NULL CHECK (state IN ('sending', 'created')),
            fields_json TEXT NOT NULL,
            gdpr_expiry TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (candidate_key, job_id)
        )
        """
    )
