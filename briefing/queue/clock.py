"""The clock of the queue: ``briefing schedule run --executor queue`` enqueues each due run instead of running it.

Any number of clocks may run; one leads. Leading is holding a PostgreSQL advisory lock on a
connection of its own: the others wait for that lock (in the server's queue of waiters, a
second at a time so they can stop), and the first in line takes it when the leader's session
ends — when it stops, or dies and the server closes its connection. A leader that loses its
connection stops enqueuing and waits in line again.

Each tick the leader reads the schedules folder (files added, changed or removed are followed,
as the scheduler does) and, for each schedule, looks at the latest due run enqueued in the
database (:data:`~briefing.queue.database.due_runs`). The schedule's times after it and no later
than now are due: the latest of them is enqueued, and earlier ones (due while no clock led) are
coalesced into it, as the scheduler coalesces runs missed while it was stopped; times later than
the grace time are skipped, and logged. A schedule with no due run yet is due first at its first
time after the clock first read it. Due times are the schedule's own (an interval counts from a
fixed start, a cron expression from the clock's time), so every clock works out the same ones,
and the due run's key in the database keeps even two clocks that both think they lead from
enqueuing one twice.

Each tick the leader also enqueues the checks of the feeds that are due (shared fetching,
:mod:`briefing.queue.fetching`): every web address the schedules name is a feed of the database,
checked every ``fetch_seconds`` (``--fetch-every``), or as often as the most frequent ``every``
schedule that names it, whichever is more often.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from briefing.errors import BriefingError, StateError
from briefing.queue.database import advisory_key, check_ready, due_runs, queue_engine
from briefing.queue.fetching import DEFAULT_INTERVAL_SECONDS
from briefing.queue.jobs import DueRun, enqueue, enqueue_checks
from briefing.queue.shared import is_address
from briefing.schedule.spec import ScheduleSpec, load_folder

__all__ = ["ClockSettings", "QueueClock", "default_name", "feed_intervals", "machine_of"]

log = logging.getLogger("briefing.queue")

#: seconds a standing-by clock waits in the server's lock queue before it looks whether it should stop
_WAIT_SLICE = "1s"
#: seconds before a clock whose database failed tries again
RETRY_SECONDS = 5.0
_TICK = timedelta(milliseconds=1)


def machine_of(spec: ScheduleSpec) -> str:
    """The machine whose workers alone run ``spec`` (empty: any worker): its ``machine`` key, else, for a schedule
    reading an inbox, this clock's machine — the one that reads the schedules folder the inbox is named from. An
    inbox's files are claimed with lock files and moved aside, which is only safe on the machine holding it."""
    if spec.machine:
        return spec.machine
    return socket.gethostname() if spec.has_inbox else ""


def default_name() -> str:
    """This process as the queue names it in the database: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True, kw_only=True)
class ClockSettings:
    """Where the clock reads schedules, which database it enqueues into, and how it treats late runs."""

    schedules_dir: Path
    #: the queue's database (:func:`~briefing.queue.database.queue_url`)
    database_url: str
    #: seconds a run may be enqueued late and still happen (a schedule's ``grace`` overrides it)
    grace_seconds: int = 3600
    #: seconds between two reads of the schedules folder
    reload_seconds: float = 5.0
    #: the clock's name in the database (``due_runs.clock``) and the log
    name: str = field(default_factory=default_name)
    #: seconds between two checks of a feed (an `every` schedule naming it more often checks it as often)
    fetch_seconds: int = DEFAULT_INTERVAL_SECONDS


class QueueClock:
    """Enqueues every schedule's due runs while it leads, until :meth:`stop` is called."""

    def __init__(self, settings: ClockSettings, *, now: Callable[[], datetime] | None = None) -> None:
        self.settings = settings
        self._now = now or (lambda: datetime.now(UTC))
        self._stop = threading.Event()
        self._first_seen: dict[str, datetime] = {}
        self._triggers: dict[str, tuple[ScheduleSpec, Any]] = {}
        self._reported: dict[str, str] = {}
        self.leading = False

    def stop(self) -> None:
        """Ask the clock to stop (safe from a signal handler)."""
        self._stop.set()

    def run(self, *, ready: Callable[[], None] | None = None) -> None:
        """Wait to lead, then enqueue due runs until stopped; stand by again whenever the lead is lost.

        ``ready`` is called once the clock has checked the database and stands in line to lead.

        Raises:
            ConfigError: the schedules folder does not exist.
            StateError: the database cannot be reached, or has no queue (``briefing queue init``).
        """
        load_folder(self.settings.schedules_dir)  # fails now, not in the loop, when the folder is missing
        engine = queue_engine(self.settings.database_url)
        try:
            check_ready(engine, self.settings.database_url)
            log.info("clock %s started: schedules from %s", self.settings.name, self.settings.schedules_dir)
            if ready is not None:
                ready()
            while not self._stop.is_set():
                try:
                    with self._lead(engine) as leading:
                        if leading is not None:
                            self._enqueue_until_lost(engine, leading)
                except (SQLAlchemyError, StateError) as exc:
                    log.error("clock %s: the database failed (%s); trying again", self.settings.name, _reason(exc))
                    self._stop.wait(RETRY_SECONDS)
        finally:
            self.leading = False
            engine.dispose()
            log.info("clock %s stopped", self.settings.name)

    @contextmanager
    def _lead(self, engine: Engine) -> Iterator[Connection | None]:
        """Wait for the clocks' lock on a connection of its own; yields that connection, or None once stopping."""
        conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        key = advisory_key("clock")
        held = False
        try:
            conn.execute(sa.text(f"SET lock_timeout = '{_WAIT_SLICE}'"))
            told = False
            while not self._stop.is_set():
                try:
                    conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": key})
                    held = True
                    break
                except sa.exc.OperationalError as exc:
                    if getattr(getattr(exc, "orig", None), "sqlstate", None) != "55P03":  # lock_not_available
                        raise
                    if not told:
                        log.info("clock %s standing by: another clock leads", self.settings.name)
                        told = True
            if not held:
                yield None
                return
            self.leading = True
            log.info("clock %s leads", self.settings.name)
            yield conn
        finally:
            self.leading = False
            try:
                if held:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.close()
            except SQLAlchemyError:
                conn.invalidate()  # a session that may hold the lock must not go back to the pool

    def _enqueue_until_lost(self, engine: Engine, lead: Connection) -> None:
        while not self._stop.is_set():
            try:
                lead.execute(sa.text("SELECT 1"))  # the lock lives as long as this session
            except SQLAlchemyError as exc:
                log.error("clock %s lost the lead: %s", self.settings.name, _reason(exc))
                lead.invalidate()
                return
            wait = self.tick(engine)
            self._stop.wait(wait)

    def tick(self, engine: Engine) -> float:
        """Enqueue what is due now; returns the seconds until something is due, at most the reload interval.

        Raises:
            StateError: the database failed.
        """
        specs = self._specs()
        now = self._now()
        checks = enqueue_checks(engine, feed_intervals(specs, self.settings.fetch_seconds), now)
        if checks:
            log.info("enqueued the checks of %d feed(s)", len(checks))
        try:
            with engine.connect() as conn:
                latest = {
                    str(name): _utc(when)
                    for name, when in conn.execute(
                        sa.select(due_runs.c.schedule, sa.func.max(due_runs.c.due_at)).group_by(due_runs.c.schedule)
                    )
                }
        except SQLAlchemyError as exc:
            raise StateError(f"cannot read the due runs: {_reason(exc)}") from exc
        soonest = now + timedelta(seconds=self.settings.reload_seconds)
        for spec in specs:
            last = latest.get(spec.name)
            due = self._due(spec, last, now)
            if due is not None:
                run = DueRun(
                    schedule=spec.name,
                    due_at=due,
                    folder=str(Path(self.settings.schedules_dir).resolve()),
                    digest=spec.digest,
                    machine=machine_of(spec),
                )
                state = enqueue(engine, run, clock=self.settings.name)
                last = due
                if state == "enqueued":
                    pinned = f" for the workers of {run.machine}" if run.machine else ""
                    log.info("%s: enqueued the run due at %s%s", spec.name, _local(due, spec.timezone), pinned)
                elif state == "coalesced":
                    log.info(
                        "%s: the run due at %s joins the run waiting already (the last is still going)",
                        spec.name,
                        _local(due, spec.timezone),
                    )
            following = _after(self._trigger(spec), max(last or now, now))
            if following is not None:
                soonest = min(soonest, following)
        return max(0.05, (soonest - self._now()).total_seconds())

    def _due(self, spec: ScheduleSpec, last: datetime | None, now: datetime) -> datetime | None:
        """The latest of the schedule's times after ``last`` and no later than ``now``, within the grace time."""
        trigger = self._trigger(spec)
        start = last if last is not None else self._first_seen.setdefault(spec.name, now)
        grace = timedelta(seconds=spec.grace_seconds or self.settings.grace_seconds)
        first = _after(trigger, start)
        if first is None or first > now:
            return None
        window = now - grace
        if first < window:
            log.warning(
                "%s: the runs due from %s to %s were skipped: they are later than the grace time",
                spec.name,
                _local(first, spec.timezone),
                _local(window, spec.timezone),
            )
            first = _after(trigger, window - _TICK)
            if first is None or first > now:
                return None
        latest, missed = first, 0
        while (following := _after(trigger, latest)) is not None and following <= now:
            latest, missed = following, missed + 1
        if missed:
            log.warning(
                "%s: %d run(s) due while no clock led are coalesced into the one due at %s",
                spec.name,
                missed,
                _local(latest, spec.timezone),
            )
        return latest

    def _trigger(self, spec: ScheduleSpec) -> Any:
        known = self._triggers.get(spec.name)
        if known is None or known[0] != spec:
            known = (spec, spec.trigger())
            self._triggers[spec.name] = known
        return known[1]

    def _specs(self) -> list[ScheduleSpec]:
        try:
            specs, problems = load_folder(self.settings.schedules_dir)
        except BriefingError as exc:
            self._report("<folder>", str(exc))
            return []
        broken: dict[str, list[str]] = {}
        for problem in problems:
            broken.setdefault(problem.name, []).append(str(problem))
        for name, lines in broken.items():
            self._report(name, *lines, f"{name}: nothing is enqueued for it until the file is fixed")
        for spec in specs:
            self._reported.pop(spec.name, None)
        return specs

    def _report(self, name: str, *lines: str) -> None:
        text = "\n".join(lines)
        if self._reported.get(name) != text:  # once per change, not every tick
            self._reported[name] = text
            for line in lines:
                log.error("%s", line)


def feed_intervals(specs: Sequence[ScheduleSpec], fetch_seconds: int) -> dict[str, int]:
    """Every web address among ``specs``' sources, with the seconds between two checks of it: ``fetch_seconds``,
    or the shortest ``every`` of the schedules naming it when that is shorter."""
    intervals: dict[str, int] = {}
    for spec in specs:
        every = min(spec.every_seconds or fetch_seconds, fetch_seconds)
        for source in spec.sources:
            if is_address(source):
                intervals[source] = min(intervals.get(source, every), every)
    return intervals


def _after(trigger: Any, when: datetime) -> datetime | None:
    """The trigger's first time strictly after ``when``, in UTC."""
    fire: datetime | None = trigger.get_next_fire_time(None, when + _TICK)
    return None if fire is None else fire.astimezone(UTC)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _local(when: datetime, timezone: str) -> str:
    from zoneinfo import ZoneInfo

    return when.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S %Z")


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__
