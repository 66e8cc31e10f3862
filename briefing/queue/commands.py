"""``briefing queue init``, ``briefing worker`` and ``briefing schedule run --executor queue``: the command line's side.

Errors are raised as :class:`~briefing.errors.BriefingError` for :mod:`briefing.cli` to report.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TextIO

from briefing.errors import ConfigError
from briefing.queue.database import queue_url, require_procrastinate

__all__ = ["clock_command", "init_command", "worker_command"]

log = logging.getLogger("briefing.queue")


def _database(args: argparse.Namespace) -> str:
    require_procrastinate()
    return queue_url(args.database or os.environ.get("BRIEFING_DATABASE_URL"))


def init_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``briefing queue init``: create the queue's tables; a second time, say they are there. Returns 0."""
    from briefing.queue.database import init_queue

    out = out or sys.stdout
    url = _database(args)
    shown = _shown(url)
    state = init_queue(url)
    if state == "created":
        message = f"created the queue in {shown}: start workers and clocks on it (docs/scaling.md)"
    elif state == "updated":
        message = f"the queue is in {shown} already; added the tables of shared fetching it lacked"
    else:
        message = f"the queue is in {shown} already; nothing to do"
    if not args.quiet:
        out.write(message + "\n")
    return 0


def worker_command(args: argparse.Namespace) -> int:
    """``briefing worker``: run jobs until SIGTERM or Ctrl-C. Returns 0 once stopped."""
    from briefing.queue.worker import QueueWorker, WorkerSettings
    from briefing.schedule.commands import default_state_dir

    url = _database(args)
    heartbeat = _span(args.heartbeat, "--heartbeat")
    stalled = _span(args.stalled_after, "--stalled-after")
    settings = WorkerSettings(
        database_url=url,
        state_dir=args.state or default_state_dir(),
        schedules_dir=args.schedules,
        concurrency=args.concurrency,
        heartbeat_seconds=float(heartbeat),
        stalled_seconds=float(stalled),
        host_gap_seconds=args.host_gap,
        **({"name": args.name} if args.name else {}),
        **({"machine": args.machine} if args.machine else {}),
    )
    worker = QueueWorker(settings)
    worker.run()
    return 0


def clock_command(args: argparse.Namespace, grace: int, reload_every: float) -> int:
    """``briefing schedule run --executor queue``: lead or stand by until SIGTERM or Ctrl-C. Returns 0 once stopped."""
    from briefing.queue.clock import ClockSettings, QueueClock

    url = _database(args)
    fetch_every = _span(args.fetch_every, "--fetch-every")
    clock = QueueClock(
        ClockSettings(
            schedules_dir=args.schedules,
            database_url=url,
            grace_seconds=grace,
            reload_seconds=reload_every,
            fetch_seconds=fetch_every,
        )
    )

    from briefing.schedule.commands import run_until_signalled

    run_until_signalled(clock.run, clock.stop, log)
    return 0


def _span(value: str, option: str) -> int:
    from briefing.schedule.spec import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise ConfigError(f"{option}: {exc}", field=option.lstrip("-").replace("-", "_")) from None


def _shown(url: str) -> str:
    """The URL for people: no password, and a socket folder given as ``host=`` written as a path, not %2F."""
    from urllib.parse import unquote

    import sqlalchemy as sa

    return unquote(sa.engine.make_url(url).render_as_string(hide_password=True))
