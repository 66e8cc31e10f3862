"""``briefing schedule validate|list|run|trigger|history``: the command line's side of schedules.

Results go to stdout, diagnostics through logging; errors are raised as
:class:`~briefing.errors.BriefingError` for :mod:`briefing.cli` to report.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from briefing.errors import ConfigError, ScheduleError
from briefing.schedule.spec import ScheduleSpec, load_folder, parse_duration

if TYPE_CHECKING:
    from briefing.store import StateStore

__all__ = ["default_state_dir", "open_state", "run_command", "run_until_signalled"]

log = logging.getLogger("briefing.schedule")


def default_state_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$BRIEFING_STATE_DIR``, else the user's data folder: XDG on Linux, Application Support on macOS, AppData."""
    env = os.environ if env is None else env
    if env.get("BRIEFING_STATE_DIR"):
        return Path(env["BRIEFING_STATE_DIR"]).expanduser()
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "briefing"
    if sys.platform == "win32":
        return Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local") / "briefing"
    return Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "briefing"


def run_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Carry out ``briefing schedule ACTION``; returns the exit code."""
    out = out or sys.stdout
    state_dir: Path = args.state or default_state_dir()
    database = args.database or os.environ.get("BRIEFING_DATABASE_URL") or ""
    action = args.action
    if action == "validate":
        return _validate(args.schedules, out)
    if action == "list":
        return _list(args.schedules, state_dir, database, out)
    if action == "trigger":
        return _trigger(args.schedules, args.name, state_dir, database, out, quiet=args.quiet)
    if action == "history":
        return _history(args.name, args.limit, args.json, state_dir, database, out)
    if action == "run":
        return _daemon(args, state_dir, database)
    raise ConfigError(f"unknown action {action!r}")


def _database(state_dir: Path, database: str) -> str:
    from briefing.store import sqlite_url

    if database:
        return database
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create the state folder {state_dir}: {exc.strerror or exc}",
            field="state",
            hint="give a writable folder with --state DIR",
        ) from None
    return sqlite_url(state_dir / "state.sqlite")


def _validate(folder: Path, out: TextIO) -> int:
    specs, problems = load_folder(folder)
    for spec in specs:
        email = f", email to {len(spec.email.to)}" if spec.email else ""
        out.write(f"ok    {spec.name}: {spec.when} ({spec.timezone}), {', '.join(spec.outputs)}{email}\n")
    mail_server = _mail_server(os.environ)
    for spec in specs:
        if spec.email and mail_server:
            out.write(f"warn  {Path(folder) / Path(spec.path).name}: email: {mail_server}\n")
    for problem in problems:
        out.write(f"error {problem}\n")
    if not specs and not problems:
        out.write(f"no schedule files (*.toml) in {folder}\n")
    if problems:
        bad = len({p.path for p in problems})
        log.error("%d of %d schedule files have problems", bad, bad + len(specs))
        return 2
    return 0


def _mail_server(env: Mapping[str, str]) -> str:
    """What keeps email from being sent with these settings, or "" when a mail server is set."""
    from briefing.deliver.smtp import SmtpSettings

    try:
        if SmtpSettings.from_env(env) is not None:
            return ""
    except ConfigError as exc:
        return f"{exc}" + (f" ({exc.hint})" if exc.hint else "")
    return (
        "no mail server is set, so its runs would fail: set BRIEFING_SMTP_HOST and BRIEFING_SMTP_FROM "
        "(and BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD if the server asks for a login)"
    )


def _list(folder: Path, state_dir: Path, database: str, out: TextIO) -> int:
    specs, problems = load_folder(folder)
    store = _open_store(state_dir, database, create=False)
    jobs = store.scheduled_jobs() if store is not None else {}
    now = datetime.now(UTC)
    rows: list[tuple[str, ...]] = [("NAME", "WHEN", "NEXT RUN", "LAST RUN", "TITLE")]
    for spec in specs:
        next_run = _next_run(spec, jobs.get(spec.name), now)
        last = store.last_run(spec.name) if store is not None else None
        last_text = "never"
        if last is not None:
            when = last.started_at.astimezone(ZoneInfo(spec.timezone))
            last_text = f"{when:%Y-%m-%d %H:%M} {last.status}"
        rows.append(
            (
                spec.name,
                f"{spec.when} ({spec.timezone})",
                _when(next_run, now, spec.timezone),
                last_text,
                spec.title,
            )
        )
    if store is not None:
        store.close()
    _table(rows, out)
    for problem in problems:
        log.error("%s", problem)
    return 2 if problems else 0


def _next_run(spec: ScheduleSpec, job: tuple[datetime | None, bytes] | None, now: datetime) -> datetime | None:
    """When the scheduler runs ``spec`` next: as its job store says when the job there runs this very schedule
    (a file changed since is rescheduled when the scheduler reads it), else as the schedule's trigger says."""
    if job is not None and _runs_spec(job[1], spec):
        return job[0]
    return spec.next_run(now)


def _runs_spec(state: bytes, spec: ScheduleSpec) -> bool:
    """Whether a stored job's schedule (its first argument) is ``spec``, compared as the scheduler compares them."""
    import pickle

    try:
        args = pickle.loads(state)["args"]  # our own database, written by the scheduler briefing starts
        return bool(args and args[0] == spec)
    except Exception:  # a job stored by another version of briefing: the time is computed instead
        return False


def _when(next_run: datetime | None, now: datetime, timezone: str) -> str:
    if next_run is None:
        return "never"
    text = f"{next_run.astimezone(ZoneInfo(timezone)):%Y-%m-%d %H:%M:%S %Z}"
    return f"{text} (overdue)" if next_run < now else text


def _table(rows: list[tuple[str, ...]], out: TextIO) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")


def open_state(state: Path | None, database: str | None) -> StateStore | None:
    """The state store a ``--state`` folder and a ``--database`` URL name (their defaults as ``schedule`` commands
    take them), or ``None`` when there is none yet (no database named and no state file in the folder)."""
    url = database or os.environ.get("BRIEFING_DATABASE_URL") or ""
    return _open_store(state or default_state_dir(), url, create=False)


def _open_store(state_dir: Path, database: str, *, create: bool = True) -> StateStore | None:
    from briefing.store import StateStore

    if not database and not create and not (state_dir / "state.sqlite").is_file():
        return None
    return StateStore(_database(state_dir, database))


def _find(folder: Path, name: str) -> ScheduleSpec:
    from briefing.schedule.spec import load_schedule

    path = Path(folder) / f"{name}.toml"
    if not path.is_file():
        specs, _ = load_folder(folder)
        known = ", ".join(s.name for s in specs) or "none"
        raise ScheduleError(f"no schedule named {name!r} in {folder}", hint=f"schedules there: {known}")
    return load_schedule(path)


def _trigger(folder: Path, name: str, state_dir: Path, database: str, out: TextIO, *, quiet: bool) -> int:
    from briefing.deliver.smtp import SmtpSettings
    from briefing.schedule.runner import run_schedule

    spec = _find(folder, name)
    smtp = SmtpSettings.from_env(os.environ)
    store = _open_store(state_dir, database)
    assert store is not None
    try:
        outcome = run_schedule(spec, state_dir=state_dir, store=store, smtp=smtp, trigger="manual")
    finally:
        store.close()
    if not quiet:
        out.write(outcome.summary() + "\n")
    return 1 if outcome.failed else 0


def _history(name: str | None, limit: int, as_json: bool, state_dir: Path, database: str, out: TextIO) -> int:
    from briefing.models import to_jsonable

    if limit < 1:
        raise ConfigError("--limit must be at least 1", field="limit")
    store = _open_store(state_dir, database, create=False)
    runs = store.runs(name, limit=limit) if store is not None else []
    if store is not None:
        store.close()
    if as_json:
        # finished_at: ended_at under the name the queue's documents use (docs/scaling.md); both are kept
        records = [{**to_jsonable(r), "finished_at": to_jsonable(r.ended_at)} for r in runs]
        out.write(json.dumps({"runs": records}, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not runs:
        out.write("no runs yet\n" if name is None else f"no runs of {name} yet\n")
        return 0
    for run in runs:
        started = run.started_at.astimezone()
        took = f"{(run.ended_at - run.started_at).total_seconds():.1f} s" if run.ended_at else "—"
        counts = (
            f"{run.articles} article{'s' if run.articles != 1 else ''}, "
            f"{run.stories} {'story' if run.stories == 1 else 'stories'}"
            if run.status == "ok"
            else ""
        )
        queued = (f", due {run.due_at.astimezone():%Y-%m-%d %H:%M:%S}" if run.due_at else "") + (
            f", worker {run.worker}" if run.worker else ""
        )
        out.write(
            f"#{run.id}  {run.schedule}  {started:%Y-%m-%d %H:%M:%S %Z}  {run.status}  ({run.trigger}, {took}{queued})"
            + (f"  {counts}" if counts else "")
            + "\n"
        )
        if run.detail:
            out.write(f"    {run.detail}\n")
        for path in run.outputs:
            out.write(f"    wrote {path}\n")
        for d in run.deliveries:
            when = f" {d.sent_at.astimezone():%Y-%m-%d %H:%M:%S}" if d.sent_at else ""
            error = f": {d.error}" if d.error and d.status != "sent" else ""
            tries = f", {d.attempts} attempt{'s' if d.attempts != 1 else ''}"
            out.write(f"    email to {d.recipient}: {d.status}{when}{tries}{error}\n")
    return 0


def _daemon(args: argparse.Namespace, state_dir: Path, database: str) -> int:
    from briefing.schedule.daemon import DaemonSettings, SchedulerDaemon

    try:
        grace = parse_duration(args.grace)
    except ValueError as exc:
        raise ConfigError(f"--grace: {exc}", field="grace") from None
    try:
        reload_every = parse_duration(args.reload_every)
    except ValueError as exc:
        raise ConfigError(f"--reload-every: {exc}", field="reload_every") from None
    if getattr(args, "executor", "local") == "queue":
        from briefing.queue.commands import clock_command

        return clock_command(args, grace, float(reload_every))
    url = _database(state_dir, database)
    daemon = SchedulerDaemon(
        DaemonSettings(
            schedules_dir=args.schedules,
            state_dir=state_dir,
            database_url=url,
            grace_seconds=grace,
            reload_seconds=float(reload_every),
        )
    )

    run_until_signalled(daemon.run, daemon.stop, log)
    return 0


def run_until_signalled(run: Callable[[], None], stop: Callable[[], None], logger: logging.Logger) -> None:
    """``run()``, with SIGTERM and SIGINT calling ``stop()`` (logged) when this is the main thread, which alone may
    take signals: a scheduler, a clock or a worker ends the work in hand and returns."""

    def stopped(signum: int, _frame: FrameType | None) -> None:
        logger.info("received %s", signal.Signals(signum).name)
        stop()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stopped)
        signal.signal(signal.SIGINT, stopped)
    run()
