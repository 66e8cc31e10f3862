"""Jobs of the queue — a schedule's due run, a feed's check — what they carry, how they are enqueued once, how they
come back.

A job is "run schedule S for the time T it was due". It carries the schedule's name, T, the
schedules folder the clock read and the file's digest then; the worker reads the file again when
it runs the job (:mod:`briefing.queue.worker`). Every job of a schedule has the schedule's
procrastinate *lock* (no two run at once) and *queueing lock* (at most one waits).

:func:`enqueue` writes the due run's row (:data:`~briefing.queue.database.due_runs`) and its job
in one transaction, so a due run is enqueued once however many clocks race.

:func:`bring_back_stalled` is the sweep a killed worker needs: its job stays ``doing`` (and so
holds the schedule's lock) until a live worker sees that the dead one's heartbeat stopped and
puts the job back in the queue. A job of the schedule that waits meanwhile would keep it out
(the queueing lock), so that one is cancelled and its due run counted as coalesced into the job
brought back. The jobs of feeds' checks come back the same way.

A feed's check (:class:`FeedCheck`, run by :func:`briefing.queue.fetching.check_feed`) is enqueued by
:func:`enqueue_checks` when the feed's ``next_check_at`` comes, with a lock and queueing lock of its
own (one check of a feed at a time, at most one waiting) and a higher priority than runs, so a worker
checks the feeds that are due before it runs the briefs that read them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from briefing.errors import StateError
from briefing.queue.database import advisory_key, due_runs, feeds

if TYPE_CHECKING:
    from procrastinate import App

__all__ = [
    "CHECK_PRIORITY",
    "CHECK_TASK",
    "QUEUE",
    "TASK",
    "DueRun",
    "FeedCheck",
    "bring_back_stalled",
    "check_lock",
    "enqueue",
    "enqueue_checks",
    "lock_name",
    "ours",
    "pinned_queue",
    "prune_jobs",
]

log = logging.getLogger("briefing.queue")

#: procrastinate's name of the task, and the queue its jobs go to (the database may hold other queues)
TASK = "briefing.run_schedule"
QUEUE = "briefing"
#: procrastinate's name of the task checking a feed, and its jobs' priority (runs have 0: checks go first)
CHECK_TASK = "briefing.check_feed"
CHECK_PRIORITY = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class DueRun:
    """One run of a schedule, due at a time, as a job carries it."""

    schedule: str
    #: when it was due, in UTC: with the schedule's name, the key of the run
    due_at: datetime
    #: the schedules folder the clock read (a worker started with --schedules reads its own instead)
    folder: str
    #: the schedule file's SHA-256 when it was enqueued
    digest: str = ""
    #: the machine (host name) whose workers alone may run it (empty: any worker)
    machine: str = ""

    @property
    def queue(self) -> str:
        """The procrastinate queue of its job: :data:`QUEUE`, or its machine's."""
        return pinned_queue(self.machine) if self.machine else QUEUE

    def task_kwargs(self) -> dict[str, str]:
        """The job's arguments (JSON in the database)."""
        return {
            "schedule": self.schedule,
            "due_at": self.due_at.astimezone(UTC).isoformat(),
            "folder": self.folder,
            "digest": self.digest,
            "machine": self.machine,
        }

    @classmethod
    def from_task_kwargs(cls, kwargs: Mapping[str, Any]) -> DueRun:
        """The due run a job's arguments describe.

        Raises:
            ValueError: an argument is missing or is not what :meth:`task_kwargs` writes.
        """
        try:
            due_at = datetime.fromisoformat(str(kwargs["due_at"]))
            return cls(
                schedule=str(kwargs["schedule"]),
                due_at=due_at if due_at.tzinfo else due_at.replace(tzinfo=UTC),
                folder=str(kwargs["folder"]),
                digest=str(kwargs.get("digest", "")),
                machine=str(kwargs.get("machine", "")),
            )
        except KeyError as exc:
            raise ValueError(f"the job has no {exc.args[0]!r}") from None


def pinned_queue(machine: str) -> str:
    """The procrastinate queue of the jobs only the workers of ``machine`` (a host name) take."""
    return f"{QUEUE}@{machine}"


def ours(queue_name: str) -> bool:
    """Whether a procrastinate queue is briefing's: :data:`QUEUE` or a machine's pinned queue."""
    return queue_name == QUEUE or queue_name.startswith(f"{QUEUE}@")


def lock_name(schedule: str) -> str:
    """procrastinate's lock and queueing lock of a schedule's jobs."""
    return f"briefing:{schedule}"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedCheck:
    """One check of a feed (or page) address, due at a time, as a job carries it."""

    url: str
    #: when the clock meant it to happen, in UTC
    due_at: datetime

    def task_kwargs(self) -> dict[str, str]:
        """The job's arguments (JSON in the database)."""
        return {"url": self.url, "due_at": self.due_at.astimezone(UTC).isoformat()}

    @classmethod
    def from_task_kwargs(cls, kwargs: Mapping[str, Any]) -> FeedCheck:
        """The check a job's arguments describe.

        Raises:
            ValueError: an argument is missing or is not what :meth:`task_kwargs` writes.
        """
        try:
            due_at = datetime.fromisoformat(str(kwargs["due_at"]))
            return cls(url=str(kwargs["url"]), due_at=due_at if due_at.tzinfo else due_at.replace(tzinfo=UTC))
        except KeyError as exc:
            raise ValueError(f"the job has no {exc.args[0]!r}") from None


def check_lock(url: str) -> str:
    """procrastinate's lock and queueing lock of a feed's checks (a digest: an address may be long)."""
    return f"briefing:feed:{hashlib.sha256(url.encode('utf-8')).hexdigest()[:32]}"


def enqueue_checks(engine: Engine, intervals: Mapping[str, int], now: datetime) -> list[str]:
    """Record the feeds the schedules name, each with its interval in seconds, and enqueue a check of each one
    whose ``next_check_at`` has come (``now``, the clock's time); returns their addresses.

    A feed new to the database is due at once. Each check enqueued moves the feed's ``next_check_at`` on by
    its interval from ``now``, in the transaction that enqueues it; a feed whose check waits already is
    left alone (its queueing lock), as is one another clock is enqueuing (its row locked: SKIP LOCKED).

    Raises:
        StateError: the database failed.
    """
    from procrastinate.exceptions import AlreadyEnqueued, ProcrastinateException
    from sqlalchemy.dialects.postgresql import insert

    if not intervals:
        return []
    enqueued: list[str] = []
    try:
        with engine.begin() as conn:
            rows = [{"url": u, "interval_seconds": s, "next_check_at": now} for u, s in sorted(intervals.items())]
            upsert = insert(feeds).values(rows)
            conn.execute(
                upsert.on_conflict_do_update(
                    index_elements=[feeds.c.url],
                    set_={"interval_seconds": upsert.excluded.interval_seconds},
                    where=feeds.c.interval_seconds != upsert.excluded.interval_seconds,
                )
            )
            due = conn.execute(
                sa.select(feeds.c.url)
                .where(feeds.c.url.in_(list(intervals)), feeds.c.next_check_at <= now)
                .order_by(feeds.c.next_check_at, feeds.c.url)
                .with_for_update(skip_locked=True)
            ).scalars()
            for url in list(due):
                check = FeedCheck(url=url, due_at=now)
                try:
                    with conn.begin_nested():
                        _app().configure_task(
                            CHECK_TASK,
                            queue=QUEUE,
                            lock=check_lock(url),
                            queueing_lock=check_lock(url),
                            priority=CHECK_PRIORITY,
                            task_kwargs=dict(check.task_kwargs()),
                            connection=conn.connection.driver_connection,
                        ).defer()
                    enqueued.append(url)
                except AlreadyEnqueued:
                    pass  # a check of it waits already: it is the one due now
                conn.execute(
                    feeds.update()
                    .where(feeds.c.url == url)
                    .values(next_check_at=now + timedelta(seconds=intervals[url]))
                )
    except (SQLAlchemyError, ProcrastinateException) as exc:
        raise StateError(f"cannot enqueue the feeds' checks: {_reason(exc)}") from exc
    return enqueued


@cache
def _app() -> App:
    """procrastinate's application as the clock and the sweep use it: every query on a connection of ours."""
    from procrastinate import App, SyncPsycopgConnector

    return App(connector=SyncPsycopgConnector())


def enqueue(engine: Engine, run: DueRun, *, clock: str) -> str:
    """Record ``run`` as due and enqueue its job, in one transaction.

    Returns ``enqueued``; ``coalesced`` when a job of the schedule is waiting already (the due run
    is recorded, with that job's id, and no job is added); ``known`` when the due run was recorded
    before (by another clock, or by this one before it lost and regained the lead): nothing is done.

    Raises:
        StateError: the database failed.
    """
    from procrastinate.exceptions import AlreadyEnqueued, ProcrastinateException
    from sqlalchemy.dialects.postgresql import insert

    lock = lock_name(run.schedule)
    try:
        with engine.begin() as conn:
            row = conn.execute(
                insert(due_runs)
                .values(
                    schedule=run.schedule,
                    due_at=run.due_at,
                    enqueued_at=datetime.now(UTC),
                    clock=clock,
                    state="enqueued",
                )
                .on_conflict_do_nothing()
                .returning(due_runs.c.schedule)
            ).first()
            if row is None:
                return "known"
            try:
                # a savepoint: the queueing lock's refusal is an error in the transaction, undone alone
                with conn.begin_nested():
                    job_id: int | None = (
                        _app()
                        .configure_task(
                            TASK,
                            queue=run.queue,
                            lock=lock,
                            queueing_lock=lock,
                            task_kwargs=dict(run.task_kwargs()),
                            connection=conn.connection.driver_connection,
                        )
                        .defer()
                    )
                state = "enqueued"
            except AlreadyEnqueued:
                job_id = conn.execute(
                    sa.text("SELECT id FROM procrastinate_jobs WHERE queueing_lock = :lock AND status = 'todo'"),
                    {"lock": lock},
                ).scalar()
                state = "coalesced"
            conn.execute(
                due_runs.update()
                .where(due_runs.c.schedule == run.schedule, due_runs.c.due_at == run.due_at)
                .values(job_id=job_id, state=state)
            )
            return state
    except (SQLAlchemyError, ProcrastinateException) as exc:
        when = f"{run.due_at:%Y-%m-%d %H:%M:%S %Z}"
        raise StateError(f"cannot enqueue {run.schedule} due at {when}: {_reason(exc)}") from exc


def bring_back_stalled(engine: Engine, *, stalled_after: float) -> list[DueRun | FeedCheck]:
    """Put back in the queue the jobs of workers whose heartbeat is older than ``stalled_after`` seconds.

    One sweep at a time across every worker (a lock of the transaction; a worker that finds it
    taken does nothing this time), so a job brought back is never brought back again by a second
    sweep after a live worker took it. Returns the due runs and feeds' checks brought back.

    Raises:
        StateError: the database failed.
    """
    from procrastinate import sql
    from procrastinate.exceptions import ProcrastinateException

    app = _app()
    connector = app.connector.get_sync_connector()
    back: list[DueRun | FeedCheck] = []
    try:
        with engine.begin() as conn:
            sweeping = conn.execute(
                sa.text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": advisory_key("queue-sweep")}
            ).scalar()
            if not sweeping:
                return []
            raw = conn.connection.driver_connection
            stalled = connector.execute_query_all_with_connection(
                raw,
                query=sql.queries["select_stalled_jobs_by_heartbeat"],
                queue=None,  # every queue: the machines' pinned queues too
                task_name=None,
                seconds_since_heartbeat=stalled_after,
            )
            for job in (job for job in stalled if ours(job["queue_name"])):
                if job["queueing_lock"]:
                    waiting = conn.execute(
                        sa.text(
                            "SELECT id FROM procrastinate_jobs WHERE queueing_lock = :lock AND status = 'todo' "
                            "FOR UPDATE"
                        ),
                        {"lock": job["queueing_lock"]},
                    ).scalars()
                    for other in list(waiting):
                        app.job_manager.cancel_job_by_id(int(other), connection=raw)
                        coalesced = due_runs.update().where(due_runs.c.job_id == other)
                        conn.execute(coalesced.values(state="coalesced", job_id=job["id"]))
                connector.execute_query_all_with_connection(
                    raw,
                    query=sql.queries["retry_job"],
                    job_id=job["id"],
                    retry_at=datetime.now(UTC),
                    new_priority=None,
                    new_queue_name=None,
                    new_lock=None,
                )
                try:
                    made = FeedCheck if job["task_name"] == CHECK_TASK else DueRun
                    back.append(made.from_task_kwargs(job["args"]))
                except ValueError:
                    log.warning("brought back job %s, whose arguments are not its task's", job["id"])
    except (SQLAlchemyError, ProcrastinateException) as exc:
        raise StateError(f"cannot bring back the jobs of stopped workers: {_reason(exc)}") from exc
    return back


def prune_jobs(engine: Engine, *, kept_for: timedelta = timedelta(days=30)) -> tuple[int, int]:
    """Delete the ended jobs of briefing's queues whose last event is older than ``kept_for``, and the due runs
    older than that but each schedule's latest (the clock's start for it); returns how many of each.

    The history of runs is the ``runs`` table, which keeps them; a job is the queue's bookkeeping, and a queue that
    keeps every job grows by one row per due run for good.

    Raises:
        StateError: the database failed.
    """
    ended = "('succeeded', 'failed', 'cancelled', 'aborted')"
    try:
        with engine.begin() as conn:
            jobs = conn.execute(
                sa.text(
                    "DELETE FROM procrastinate_jobs WHERE id IN ("
                    " SELECT job.id FROM procrastinate_jobs job"
                    f" WHERE job.status::text IN {ended}"
                    " AND (job.queue_name = :queue OR job.queue_name LIKE :pinned)"
                    " AND (SELECT max(event.at) FROM procrastinate_events event WHERE event.job_id = job.id)"
                    " < now() - :kept)"
                ),
                {"queue": QUEUE, "pinned": f"{QUEUE}@%", "kept": kept_for},
            ).rowcount
            latest = (
                sa.select(due_runs.c.schedule, sa.func.max(due_runs.c.due_at).label("due_at"))
                .group_by(due_runs.c.schedule)
                .subquery()
            )
            runs = conn.execute(
                due_runs.delete().where(
                    due_runs.c.due_at < sa.func.now() - kept_for,
                    due_runs.c.due_at
                    < sa.select(latest.c.due_at).where(latest.c.schedule == due_runs.c.schedule).scalar_subquery(),
                )
            ).rowcount
    except SQLAlchemyError as exc:
        raise StateError(f"the queue's old jobs cannot be pruned: {_reason(exc)}") from exc
    return int(jobs or 0), int(runs or 0)


def _reason(exc: BaseException) -> str:
    while exc.__cause__ is not None and not str(exc).strip():
        exc = exc.__cause__
    original = getattr(exc, "orig", None) or exc.__cause__ or exc
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__
