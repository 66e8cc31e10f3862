"""The worker of the queue: ``briefing worker`` runs due runs as they come, until SIGTERM or Ctrl-C.

A job (:class:`~briefing.queue.jobs.DueRun`) is run by the same :func:`~briefing.schedule.runner.run_schedule`
as ``briefing schedule trigger`` and the scheduler: the same state tables, files, manifest and
email; the run also records when it was due and which worker ran it. The schedule file is read
when the job runs, from the folder the clock recorded in the job, or from the worker's own
``--schedules`` folder when it was given one (a machine with the folder elsewhere): a job runs
the schedule as its file is then. A job whose file is gone, or no longer valid, is recorded as a
``failed`` run saying so; nothing is retried (the next due run tries again).

Jobs run in threads of the worker (``--concurrency``); procrastinate's lock keeps two runs of one
schedule apart across every worker. A run of the schedule started otherwise (``schedule trigger``
on some machine) holds the schedule's lock in the database: the job waits for it to end, for up to
:attr:`WorkerSettings.busy_wait_seconds`, then is recorded as ``failed``.

Every worker sends a heartbeat to the database and, as often, sweeps for workers whose heartbeat
stopped (:func:`~briefing.queue.jobs.bring_back_stalled`) — once it has itself reached the database
for ``--stalled-after`` on end, so that after an outage no live worker is taken for stopped before
its heartbeats got through again. A stopped worker's jobs go back in the queue, and
the run that takes one up marks the dead worker's run ``interrupted`` and removes its unfinished
files, as any run of the schedule does (:mod:`briefing.schedule.runner`). A job whose due run
already ended (its worker died after recording it, before telling the queue) is not run again.

Workers also check feeds (:func:`~briefing.queue.fetching.check_feed`, the jobs the clock enqueues when a
feed is due), each request waiting for its host's turn in the database (``--host-gap``), and a run reads
its feeds' and pages' articles from what those checks stored (:class:`~briefing.queue.shared.SharedSources`)
instead of fetching them; its articles' analyses are kept in the database by their words and settings
(:class:`~briefing.queue.analyses.DatabaseAnalysisCache`), so an article many schedules brief is analysed once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import BriefingError, ConfigError, ScheduleBusyError, ScheduleError, StateError
from briefing.queue.clock import default_name
from briefing.queue.database import check_ready, connect_kwargs, queue_engine
from briefing.queue.jobs import (
    CHECK_TASK,
    QUEUE,
    TASK,
    DueRun,
    FeedCheck,
    bring_back_stalled,
    pinned_queue,
    prune_jobs,
)

if TYPE_CHECKING:
    from procrastinate.worker import Worker
    from sqlalchemy.engine import Engine

    from briefing.store import StateStore

__all__ = ["QueueWorker", "WorkerSettings"]

log = logging.getLogger("briefing.queue")

#: seconds between two prunings of what the queue keeps past its use (the first is at the worker's start)
PRUNE_EVERY = 24 * 3600.0


@dataclass(frozen=True, kw_only=True)
class WorkerSettings:
    """The worker's database, state folder and pace."""

    #: the queue's database (:func:`~briefing.queue.database.queue_url`); the state of the schedules too
    database_url: str
    #: this machine's state folder: run locks and the outbox of emails
    state_dir: Path
    #: the schedules folder to read instead of the one recorded in each job (None: the job's)
    schedules_dir: Path | None = None
    #: jobs run at once, each in a thread
    concurrency: int = 1
    #: the worker's name in the history (``runs.worker``) and the log
    name: str = field(default_factory=default_name)
    #: the machine it takes pinned jobs of (a schedule's ``machine``, an inbox's clock): this one's host name
    machine: str = field(default_factory=socket.gethostname)
    #: seconds between two heartbeats, and between two sweeps for stopped workers
    heartbeat_seconds: float = 10.0
    #: seconds without a heartbeat after which a worker's jobs are put back in the queue; the same on every worker
    stalled_seconds: float = 60.0
    #: seconds a job waits for a run of its schedule started elsewhere to end
    busy_wait_seconds: float = 120.0
    #: seconds a job whose database failed under it waits for the database to answer again, to be taken up again
    outage_seconds: float = 300.0
    #: seconds between two looks for jobs besides the database's notifications (a job whose schedule was busy)
    poll_seconds: float = 1.0
    #: seconds between the starts of two requests to one host, from any worker; the same on every worker
    host_gap_seconds: float = 1.0


class QueueWorker:
    """Runs the queue's jobs until :meth:`stop` is called, finishing the jobs in hand first."""

    def __init__(self, settings: WorkerSettings) -> None:
        if settings.concurrency < 1:
            raise ConfigError("--concurrency must be at least 1", field="concurrency")
        if settings.host_gap_seconds < 0:
            raise ConfigError("--host-gap cannot be negative", field="host_gap")
        if settings.stalled_seconds < 3 * settings.heartbeat_seconds:
            raise ConfigError(
                "--stalled-after must be at least three heartbeats",
                field="stalled_after",
                hint="a worker one heartbeat late would have its jobs taken from it",
            )
        self.settings = settings
        self._stopping = threading.Event()
        self._worker: Worker | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._store: StateStore | None = None
        self._engine: Engine | None = None

    def stop(self) -> None:
        """Ask the worker to stop once its jobs in hand are done (safe from a signal handler or another thread)."""
        self._stopping.set()
        worker, loop = self._worker, self._loop
        if worker is not None and loop is not None:
            loop.call_soon_threadsafe(worker.stop)

    def run(self, *, ready: Callable[[], None] | None = None) -> None:
        """Run jobs until stopped.

        Raises:
            StateError: the database cannot be reached, or has no queue (``briefing queue init``).
        """
        from procrastinate.exceptions import ProcrastinateException

        from briefing.store import StateStore

        engine = queue_engine(self.settings.database_url)
        try:
            check_ready(engine, self.settings.database_url)
            self._engine = engine
            self._store = StateStore(self.settings.database_url)
            self._prune()
            try:
                asyncio.run(self._serve(ready))
            except ProcrastinateException as exc:
                raise StateError(f"the queue failed: {exc.__cause__ or exc}") from exc
            finally:
                self._store.close()
        finally:
            engine.dispose()

    async def _serve(self, ready: Callable[[], None] | None) -> None:
        from procrastinate import App, PsycopgConnector
        from procrastinate.worker import Worker

        settings = self.settings
        app = App(
            connector=PsycopgConnector(
                conninfo="",
                kwargs=connect_kwargs(settings.database_url),
                min_size=1,
                # a connection for each job's end, the notifications, the heartbeat and the fetching of jobs
                max_size=settings.concurrency + 3,
            )
        )
        app.task(name=TASK, queue=QUEUE)(self._job)
        app.task(name=CHECK_TASK, queue=QUEUE)(self._check)
        async with app.open_async():
            worker = Worker(
                app=app,
                queues=[QUEUE, pinned_queue(settings.machine)],
                name=settings.name,
                concurrency=settings.concurrency,
                install_signal_handlers=False,  # ours below: they also stop a job waiting for a busy schedule
                update_heartbeat_interval=settings.heartbeat_seconds,
                stalled_worker_timeout=settings.stalled_seconds,
                fetch_job_polling_interval=settings.poll_seconds,
            )
            self._worker, self._loop = worker, asyncio.get_running_loop()
            handled = self._handle_signals()
            sweeper = asyncio.create_task(self._sweep(), name="briefing sweep")
            log.info(
                "worker %s started: %d job(s) at a time, state in %s, machine %s",
                settings.name,
                settings.concurrency,
                settings.state_dir,
                settings.machine,
            )
            if ready is not None:
                ready()
            try:
                if self._stopping.is_set():
                    worker.stop()  # type: ignore[no-untyped-call]  # procrastinate's Worker is not annotated
                await worker.run()  # type: ignore[no-untyped-call]
            finally:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper
                for signum in handled:
                    self._loop.remove_signal_handler(signum)
                self._worker = None
                log.info("worker %s stopped", settings.name)

    def _handle_signals(self) -> list[int]:
        if threading.current_thread() is not threading.main_thread() or self._loop is None:
            return []
        for signum in (signal.SIGTERM, signal.SIGINT):
            self._loop.add_signal_handler(signum, self._signalled, signum)
        return [signal.SIGTERM, signal.SIGINT]

    def _signalled(self, signum: int) -> None:
        log.info("received %s: finishing the job(s) in hand", signal.Signals(signum).name)
        self.stop()

    def _prune(self) -> None:
        """Delete what the queue keeps past its use: analyses no run used for a month, jobs ended a month ago and
        due runs as old (each schedule's latest stays). At the worker's start, then daily; a failure is logged."""
        from briefing.queue.analyses import prune_analyses

        assert self._engine is not None
        try:
            analysed = prune_analyses(self._engine)
            jobs, due = prune_jobs(self._engine)
        except StateError as exc:
            log.warning("%s; tried again in a day", exc)
            return
        if analysed or jobs or due:
            log.info(
                "pruned what is older than a month: %d analyses no run used, %d ended jobs, %d due runs",
                analysed,
                jobs,
                due,
            )

    async def _sweep(self) -> None:
        """Bring back the jobs of stopped workers, every heartbeat, once this worker has reached the database for
        ``stalled_seconds`` on end: after its start, or an outage, every live worker has sent a heartbeat by then,
        so none is taken for stopped because its heartbeats could not get through either."""
        assert self._engine is not None
        failing = ""
        since = pruned = time.monotonic()
        while True:
            await asyncio.sleep(self.settings.heartbeat_seconds)
            if time.monotonic() - pruned > PRUNE_EVERY:
                pruned = time.monotonic()
                await asyncio.to_thread(self._prune)
            try:
                if time.monotonic() - since < self.settings.stalled_seconds:
                    await asyncio.to_thread(_reach, self._engine)
                    back = []
                else:
                    back = await asyncio.to_thread(
                        bring_back_stalled, self._engine, stalled_after=self.settings.stalled_seconds
                    )
            except StateError as exc:
                since = time.monotonic()
                if str(exc) != failing:  # once per outage, not every heartbeat
                    log.warning("%s; trying again every heartbeat", exc)
                    failing = str(exc)
                continue
            if failing:
                log.info("the database answers again")
                failing = ""
            for job in back:
                if isinstance(job, FeedCheck):
                    log.warning("%s: its check is back in the queue: its worker stopped answering", job.url)
                    continue
                log.warning(
                    "%s: the run due at %s is back in the queue: its worker stopped answering",
                    job.schedule,
                    f"{job.due_at:%Y-%m-%d %H:%M:%S %Z}",
                )

    def _job(self, **kwargs: Any) -> str:
        """The task: run one due run; returns what became of it (procrastinate logs it).

        The database failing under the run (a restart, a failover) does not fail the job: once the database
        answers again the job is taken up again from the start, as a brought-back job is — its run, if it
        was recorded, is not run again and its emails are sent; if not, it is marked interrupted and run anew.
        A database still failing after :attr:`WorkerSettings.outage_seconds` fails the job.
        """
        run = DueRun.from_task_kwargs(kwargs)
        deadline = time.monotonic() + self.settings.outage_seconds
        while True:
            try:
                return self._run_due(run)
            except StateError as exc:
                if self._stopping.is_set() or time.monotonic() > deadline:
                    raise  # nothing can be recorded: procrastinate marks the job failed and logs why
                log.warning(
                    "%s: the run due at %s met a failing database (%s); it is taken up again once the database answers",
                    run.schedule,
                    _when(run.due_at),
                    exc,
                )
                self._wait_for_database(deadline)

    def _wait_for_database(self, deadline: float) -> None:
        """Return once the database answers, or the worker is stopping, or ``deadline`` (monotonic) has passed."""
        assert self._engine is not None
        while not self._stopping.is_set() and time.monotonic() < deadline:
            try:
                _reach(self._engine)
                return
            except StateError:
                self._stopping.wait(1.0)

    def _run_due(self, run: DueRun) -> str:
        """Run one due run, unless it ended already; returns what became of it.

        Raises:
            StateError: the database failed.
        """
        from briefing.deliver.smtp import SmtpSettings
        from briefing.schedule.runner import run_schedule
        from briefing.schedule.spec import load_schedule

        store = self._store
        assert store is not None
        name = self.settings.name
        done = store.run_done(run.schedule, run.due_at) is not None
        folder = self.settings.schedules_dir or Path(run.folder)
        path = folder / f"{run.schedule}.toml"
        if done:
            log.info("%s: the run due at %s ended already; not run again", run.schedule, _when(run.due_at))
            self._send_held_back(path)
            return "done before"
        if not path.is_file():
            return self._failed(run, f"the schedule file {path} is gone; nothing was run")
        try:
            spec = load_schedule(path)
            smtp = SmtpSettings.from_env(os.environ)
        except ConfigError as exc:
            return self._failed(run, f"{exc}; nothing was run")
        if run.digest and spec.digest != run.digest:
            log.info("%s: its file changed since the run was enqueued; the file as it is now is run", spec.name)
        from briefing.queue.analyses import DatabaseAnalysisCache
        from briefing.queue.shared import SharedSources

        assert self._engine is not None
        sources = SharedSources(self._engine, store, wait_seconds=self.settings.busy_wait_seconds)
        analyses = DatabaseAnalysisCache(self._engine)
        deadline = time.monotonic() + self.settings.busy_wait_seconds
        while True:
            try:
                outcome = run_schedule(
                    spec,
                    state_dir=self.settings.state_dir,
                    store=store,
                    smtp=smtp,
                    trigger="queue",
                    due_at=run.due_at,
                    worker=name,
                    sources=sources,
                    analyses=analyses,
                )
                return outcome.status
            except ScheduleBusyError as exc:
                if self._stopping.is_set() or time.monotonic() > deadline:
                    return self._failed(run, f"{exc}, and stayed so; nothing was run")
                self._stopping.wait(1.0)
            except StateError:
                raise
            except ScheduleError as exc:  # refused before the run began (it emails, and no mail server is set)
                return self._failed(run, str(exc))
            except BriefingError:
                return "failed"  # recorded by run_schedule, with its message

    def _send_held_back(self, path: Path) -> None:
        """Send what the run of a job that ended already left unsent: its worker died, or its database failed,
        after the run was recorded."""
        from briefing.deliver.smtp import SmtpSettings
        from briefing.schedule.runner import send_held_back
        from briefing.schedule.spec import load_schedule

        assert self._store is not None
        try:
            spec = load_schedule(path)
            smtp = SmtpSettings.from_env(os.environ)
            if spec.email is None or smtp is None:
                return
            sent = send_held_back(spec, state_dir=self.settings.state_dir, store=self._store, smtp=smtp)
        except ScheduleBusyError:
            return  # the run under way sent them at its start, or its next run will
        except ConfigError as exc:
            log.warning("%s: its held-back emails wait for its next run: %s", path.stem, exc)
            return
        if sent:
            log.info("%s: sent %d email(s) its run had left unsent", spec.name, sent)

    def _check(self, **kwargs: Any) -> str:
        """The task: check one feed; returns how it went (procrastinate logs it). A database that fails fails the
        job (procrastinate logs why); the feed is checked again at its next interval."""
        from briefing.queue.fetching import check_feed
        from briefing.queue.hosts import DatabaseHostGate

        assert self._engine is not None
        check = FeedCheck.from_task_kwargs(kwargs)
        gate = DatabaseHostGate(self._engine, self.settings.host_gap_seconds)
        return check_feed(self._engine, check.url, due_at=check.due_at, gate=gate).status

    def _failed(self, run: DueRun, detail: str) -> str:
        assert self._store is not None
        self._store.start_run(
            run.schedule,
            trigger="queue",
            due_at=run.due_at,
            worker=self.settings.name,
            status="failed",
            detail=detail,
        )
        log.error("%s: the run due at %s failed: %s", run.schedule, _when(run.due_at), detail)
        return "failed"


def _reach(engine: Engine) -> None:
    """Raise StateError unless the database answers."""
    import sqlalchemy as sa
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StateError(f"the queue's database does not answer: {reason}") from exc


def _when(due_at: datetime) -> str:
    return f"{due_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"
