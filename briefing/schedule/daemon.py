"""The scheduler daemon: APScheduler 3.x with a persistent job store, kept in step with the schedules folder.

One job per schedule file, stored with SQLAlchemy in the state database (``apscheduler_jobs``),
so a restart remembers when each schedule last ran. Each job carries its
:class:`~briefing.schedule.spec.ScheduleSpec`: the folder is read again every few
seconds, and a job is added, replaced or removed when its file is added, changed or
removed. A file that turns invalid is reported and its job keeps the last valid version.

Jobs run at most one at a time per schedule (``max_instances=1``, and the run lock in
:mod:`briefing.schedule.runner` keeps out ``briefing schedule trigger`` too). Runs missed
while the daemon was down are coalesced into one, run at start-up if they are no later
than the grace time (APScheduler's own default of one second would silently skip them).

A lock on ``STATE/scheduler.lock`` keeps a second daemon off the same state: APScheduler
would otherwise run every job once per daemon. On PostgreSQL the daemon also holds a lock in
the database (:meth:`~briefing.store.StateStore.exclusive`), which keeps out a daemon on
another machine, or with another state folder, that shares the database.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from briefing.errors import BriefingError, ScheduleError
from briefing.schedule.spec import ScheduleSpec, load_folder

__all__ = ["DaemonSettings", "SchedulerDaemon", "scheduled_run"]

log = logging.getLogger("briefing.schedule")

LOCK_FILE = "scheduler.lock"


@dataclass(frozen=True, kw_only=True)
class DaemonSettings:
    """Where the daemon reads schedules and keeps state, and how it treats late runs."""

    schedules_dir: Path
    state_dir: Path
    database_url: str
    #: seconds a run may start late and still happen (a schedule's ``grace`` overrides it)
    grace_seconds: int = 3600
    #: seconds between two reads of the schedules folder
    reload_seconds: float = 5.0
    #: runs of different schedules at the same time
    workers: int = 2


def scheduled_run(spec: ScheduleSpec, state_dir: str, database_url: str) -> None:
    """The job APScheduler runs (stored by reference): run ``spec`` once, log the outcome, never raise."""
    from briefing.deliver.smtp import SmtpSettings
    from briefing.schedule.runner import run_schedule
    from briefing.store import StateStore

    try:
        store = StateStore(database_url)
        try:
            run_schedule(
                spec,
                state_dir=Path(state_dir),
                store=store,
                smtp=SmtpSettings.from_env(os.environ),
                trigger="scheduled",
            )
        finally:
            store.close()
    except BriefingError as exc:
        log.error("%s: %s", spec.name, exc)
    except Exception:  # a job must not take the scheduler down; the traceback goes to the log
        log.exception("%s: the run failed unexpectedly", spec.name)


class SchedulerDaemon:
    """Runs every schedule in a folder on time until :meth:`stop` is called."""

    def __init__(self, settings: DaemonSettings) -> None:
        self.settings = settings
        self._stop = threading.Event()
        self._reported: dict[str, str] = {}
        self._scheduler: Any = None

    def stop(self) -> None:
        """Ask the daemon to stop (safe from a signal handler); running briefs are finished first."""
        self._stop.set()

    def run(self, *, ready: Callable[[], None] | None = None) -> None:
        """Hold the state lock, start the scheduler, follow the folder until stopped, then shut down cleanly.

        Raises:
            ScheduleError: another daemon holds the state folder, or (PostgreSQL) the database.
            ConfigError: the schedules folder does not exist.
            StateError: the job store cannot be opened.
        """
        from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

        from briefing.store import StateStore

        load_folder(self.settings.schedules_dir)  # fails now, not in the loop, when the folder is missing
        with contextlib.ExitStack() as held:
            held.callback(_lock_state(self.settings.state_dir).close)
            store = StateStore(self.settings.database_url)  # creates the tables, or fails with a clear message
            held.callback(store.close)
            if not held.enter_context(store.exclusive("scheduler")):
                raise ScheduleError(
                    "another scheduler is using the state database (on another machine, or with another --state)",
                    hint="stop it first: APScheduler's job store must not be shared by two schedulers",
                )
            scheduler = _scheduler_class()(
                jobstores={"default": SQLAlchemyJobStore(url=self.settings.database_url)},
                executors={"default": ThreadPoolExecutor(self.settings.workers)},
                job_defaults={
                    "coalesce": True,
                    "max_instances": 1,
                    "misfire_grace_time": self.settings.grace_seconds,
                },
                timezone=UTC,
            )
            self._scheduler = scheduler
            scheduler.add_listener(_skipped, EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
            scheduler.start(paused=True)
            try:
                self.sync()
                scheduler.resume()
                log.info(
                    "scheduler started: %d schedule(s) from %s, state in %s",
                    len(scheduler.get_jobs()),
                    self.settings.schedules_dir,
                    self.settings.state_dir,
                )
                if ready is not None:
                    ready()
                while not self._stop.wait(self.settings.reload_seconds):
                    self.sync()
            finally:
                log.info("scheduler stopping: waiting for running briefs to finish")
                scheduler.stopping = True
                scheduler.shutdown(wait=True)
                log.info("scheduler stopped")

    def sync(self) -> None:
        """Bring the jobs in line with the schedule files: add new ones, replace changed ones, drop removed ones."""
        scheduler = self._scheduler
        try:
            specs, problems = load_folder(self.settings.schedules_dir)
        except BriefingError as exc:
            self._report("<folder>", str(exc))
            return
        broken: dict[str, list[str]] = {}
        for problem in problems:
            broken.setdefault(problem.name, []).append(str(problem))
        for name, lines in broken.items():
            self._report(name, *lines, f"{name}: its last valid version stays scheduled, if any")
        jobs = {job.id: job for job in scheduler.get_jobs()}
        for spec in specs:
            self._reported.pop(spec.name, None)
            job = jobs.get(spec.name)
            if job is not None and job.args and job.args[0] == spec:
                continue
            try:
                scheduler.add_job(
                    scheduled_run,
                    trigger=spec.trigger(),
                    args=[spec, str(self.settings.state_dir), self.settings.database_url],
                    id=spec.name,
                    name=spec.title,
                    replace_existing=True,
                    misfire_grace_time=spec.grace_seconds or self.settings.grace_seconds,
                )
            except Exception as exc:  # one schedule the scheduler cannot take must not stop the others
                log.debug("cannot schedule %s", spec.name, exc_info=True)
                broken[spec.name] = [f"{spec.path}: cannot be scheduled: {exc}"]
                self._report(
                    spec.name, *broken[spec.name], f"{spec.name}: its last valid version stays scheduled, if any"
                )
                continue
            added = scheduler.get_job(spec.name)
            when = added.next_run_time if added is not None else None
            log.info(
                "%s %s: %s (%s), next run %s",
                "changed" if job is not None else "scheduled",
                spec.name,
                spec.when,
                spec.timezone,
                _local(when, spec.timezone),
            )
        names = {spec.name for spec in specs}
        for name in jobs:
            if name not in names and name not in broken:
                scheduler.remove_job(name)
                log.info("removed %s: its schedule file is gone", name)

    def _report(self, name: str, *lines: str) -> None:
        text = "\n".join(lines)
        if self._reported.get(name) != text:  # once per change, not every few seconds
            self._reported[name] = text
            for line in lines:
                log.error("%s", line)


def _scheduler_class() -> Any:
    """APScheduler's BackgroundScheduler, made to start no job once it is stopping.

    APScheduler 3.x's scheduler thread looks for due jobs once more after ``shutdown()`` has
    closed the executors (while the briefs under way finish, which can take a while): a run
    falling due then fails to start, and its next run time moves on, so the run is lost. Here
    that last look does nothing, so the run stays due in the job store and happens at the next
    start (within the grace time).
    """
    from apscheduler.schedulers.background import BackgroundScheduler

    class _StoppableScheduler(BackgroundScheduler):  # type: ignore[misc]
        stopping = False

        def _process_jobs(self) -> float | None:
            if self.stopping:
                return None
            result: float | None = super()._process_jobs()
            return result

    return _StoppableScheduler


def _skipped(event: Any) -> None:
    """APScheduler's missed and overlapping runs, in our log (its own logger is not shown to users)."""
    from apscheduler.events import EVENT_JOB_MISSED

    # a missed run's event has one time; an overlapping run's event has a list of them
    times = getattr(event, "scheduled_run_times", None) or [getattr(event, "scheduled_run_time", None)]
    due = ", ".join(f"{t:%Y-%m-%d %H:%M:%S %Z}" for t in times if t is not None) or "now"
    if event.code == EVENT_JOB_MISSED:
        log.warning("%s: the run due at %s was skipped: it is later than the grace time", event.job_id, due)
    else:
        log.warning("%s: the run due at %s was skipped: the previous run is still going", event.job_id, due)


def _local(when: datetime | None, timezone: str) -> str:
    if when is None:
        return "never"
    from zoneinfo import ZoneInfo

    return when.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S %Z")


def _lock_state(state_dir: Path) -> IO[str]:
    """Take ``STATE/scheduler.lock`` or say which process holds it."""
    from briefing.locks import holder, try_lock

    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / LOCK_FILE
    handle = try_lock(path)
    if handle is None:
        raise ScheduleError(
            f"another scheduler ({holder(path)}) is running on the state folder {state_dir}",
            hint="stop it first, or give this one its own --state DIR (one job store must not be shared)",
        )
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}, started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
    handle.flush()
    return handle
