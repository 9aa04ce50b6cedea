"""The interview lifecycle and the signed webhooks it sends.

    SCHEDULED --start--> IN_PROGRESS --call ends--> COMPLETED --analysis--> analysis COMPLETED
                                        \\--> FAILED (interview.failed)   \\--> analysis FAILED

Each step is one call of `step()`, which emits its event. Timers drive the steps in real
time (a test interview starts at once and lasts seconds); `finish()` runs the remaining
steps now, so tests drive the machinery without sleeping.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from datetime import datetime
from typing import Any

from shared.instaview.webhooks import SIGNATURE_HEADER, sign
from shared.instaview_sandbox.analysis import analyse
from shared.instaview_sandbox.config import InstaViewSandboxConfig
from shared.instaview_sandbox.state import AnalysisRec, InterviewRec, Store, iso, utcnow
from shared.sandbox.tasks import TaskGroup
from shared.sandbox.webhooks import WebhookDispatcher, encode_body


class Lifecycle:
    def __init__(
        self,
        config: InstaViewSandboxConfig,
        store: Store,
        dispatcher: WebhookDispatcher,
        tasks: TaskGroup,
    ) -> None:
        self.config = config
        self.store = store
        self.dispatcher = dispatcher
        self._tasks = tasks  # test interviews: drain() waits for them
        self._later = TaskGroup()  # real interviews: may be hours away
        self._timers: dict[str, asyncio.Task[Any]] = {}
        self._fates = random.Random(f"{config.seed}:instaview-fates")
        # Around each timed step; a kept emulator (`kept.py`) puts its file lock here, so a
        # step runs on the latest saved records and is saved before anyone else looks.
        self.guard: Callable[[], AbstractAsyncContextManager[None]] = nullcontext

    def fate(self) -> str:
        draw = self._fates.random()
        if draw < self.config.interview_failure_rate:
            return "call_fails"
        if draw < self.config.interview_failure_rate + self.config.analysis_failure_rate:
            return "analysis_fails"
        return "completes"

    def start_timer(self, interview: InterviewRec) -> None:
        group = self._tasks if interview.is_test else self._later
        self._timers[interview.id] = group.spawn(self._run(interview))

    async def finish(self, interview_id: str) -> InterviewRec:
        """Run every remaining step now (the interview and its analysis end)."""
        interview = self.store.interviews[interview_id]
        timer = self._timers.pop(interview_id, None)
        if timer is not None and timer is not asyncio.current_task():
            timer.cancel()
        while self.step(interview):
            pass
        return interview

    async def aclose(self) -> None:
        await self._later.cancel_all()

    def rearm(self) -> None:
        """A timer for every unfinished interview that has none here (after adopting the
        records another process saved: its interviews go on in this one)."""
        for interview in list(self.store.interviews.values()):
            unfinished = interview.status in ("SCHEDULED", "IN_PROGRESS") or (
                interview.analysis_status == "PENDING"
            )
            if unfinished and interview.id not in self._timers:
                self.start_timer(interview)

    async def _run(self, interview: InterviewRec) -> None:
        config = self.config
        wait = 0.0 if interview.is_test else _seconds_until(interview.schedule_time)
        await asyncio.sleep(wait)
        await self._timed_step(interview.id)
        await asyncio.sleep(
            config.test_duration if interview.is_test else config.interview_duration
        )
        if await self._timed_step(interview.id):
            await asyncio.sleep(config.analysis_delay)
            await self._timed_step(interview.id)
        self._timers.pop(interview.id, None)

    async def _timed_step(self, interview_id: str) -> bool:
        async with self.guard():
            interview = self.store.interviews.get(interview_id)  # the latest record
            return interview is not None and self.step(interview)

    def step(self, interview: InterviewRec) -> bool:
        """Advance one step and emit its event; False once nothing is left to do."""
        now = utcnow()
        interview.updated_at = now
        if interview.status == "SCHEDULED":
            interview.status = "IN_PROGRESS"
            attempt = {"id": self.store.new_id(), "status": "IN_PROGRESS", "startedAt": iso(now)}
            interview.call_attempts.append(attempt)
            self._emit("interview.started", interview)
            return True
        if interview.status == "IN_PROGRESS":
            attempt = interview.call_attempts[-1]
            attempt["endedAt"] = iso(now)
            if interview.fate == "call_fails":
                interview.status = attempt["status"] = "FAILED"
                self._emit("interview.failed", interview, error="The candidate did not answer.")
                return False
            interview.status = attempt["status"] = "COMPLETED"
            interview.analysis_status = "PENDING"
            self._emit("interview.completed", interview)
            return True
        if interview.status == "COMPLETED" and interview.analysis_status == "PENDING":
            self._analyse(interview, now)
        return False

    def _analyse(self, interview: InterviewRec, now: datetime) -> None:
        candidate = self.store.candidates[interview.candidate_id]
        if interview.fate == "analysis_fails":
            interview.analysis_status = "FAILED"
            self._emit("analysis.failed", interview, error="The recording could not be analysed.")
            return
        job = self.store.jobs.get(interview.job_id or "")
        agent = self.store.agents[interview.agent_id]
        general = analyse(self.config.seed, candidate, job, agent)
        record = AnalysisRec(self.store.new_id(), interview.id, candidate.id, general, now)
        self.store.analyses[record.id] = record
        interview.analysis, interview.analysis_status = record, "COMPLETED"
        candidate.analysis_ids.append(record.id)
        candidate.overall_rating = general["overallRating"]
        candidate.updated_at = now
        self._emit("analysis.completed", interview, analysis=record.wire())

    def _emit(self, event: str, interview: InterviewRec, **extra: Any) -> None:
        attempt = interview.call_attempts[-1] if interview.call_attempts else {}
        data = {
            "interviewId": interview.id,
            "callAttemptId": attempt.get("id"),
            "candidateId": interview.candidate_id,
            "jobId": interview.job_id,
            "status": interview.status,
            **extra,
        }
        self.emit(event, data)

    def emit(self, event: str, data: dict[str, Any]) -> None:
        """Send ``event`` to every webhook subscribed to it, each signed with its secret."""
        for hook in list(self.store.webhooks.values()):
            if event not in hook.events:
                continue
            body = {
                "event": event,
                "timestamp": iso(utcnow()),
                "deliveryId": str(uuid.uuid4()),
                "data": data,
            }
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(hook.secret, encode_body(body)),
                "X-InstaView-Event": event,
                "User-Agent": "InstaView-Webhooks/1.0 (tt emulator)",
            }
            self.dispatcher.enqueue(f"instaview:{hook.id}", hook.url, event, body, headers)


def _seconds_until(moment: datetime) -> float:
    return max(0.0, (moment - utcnow()).total_seconds())
