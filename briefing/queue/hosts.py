"""Politeness across workers: no two requests to one host, from any worker, start closer than a gap.

Each host has a row in :data:`~briefing.queue.database.fetch_hosts` holding the earliest time its next
request may start. A fetcher about to request a host reserves a turn with one statement, an upsert that
takes the row's lock: its turn is that time or now, whichever is later, and the row moves on by the gap.
Two workers reserving at once are put in line by the row's lock, so their turns are a gap apart; the
times are the database's own clock, so the workers' clocks do not matter. A worker that dies after
reserving leaves a turn unused, nothing worse.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from briefing.errors import StateError

__all__ = ["DatabaseHostGate"]

_RESERVE = sa.text(
    """
    INSERT INTO fetch_hosts AS h (host, next_allowed_at)
    VALUES (:host, clock_timestamp() + make_interval(secs => :gap))
    ON CONFLICT (host) DO UPDATE
        SET next_allowed_at = GREATEST(h.next_allowed_at, clock_timestamp()) + make_interval(secs => :gap)
    RETURNING next_allowed_at - make_interval(secs => :gap) AS turn, clock_timestamp() AS now
    """
)


class DatabaseHostGate:
    """A :class:`~briefing.ingest.fetch.HostGate` kept in the queue's database, shared by every worker."""

    def __init__(self, engine: Engine, gap: float) -> None:
        if gap < 0:
            raise ValueError("the gap between two requests to a host cannot be negative")
        self.engine = engine
        self.gap = gap

    def reserve(self, host: str) -> float:
        """Reserve ``host``'s next turn; the seconds until it comes.

        Raises:
            StateError: the database failed (the fetch must not go on unspaced: the check fails, and is tried again).
        """
        seconds, _ = self.take(host)
        return seconds

    def take(self, host: str) -> tuple[float, float]:
        """Reserve ``host``'s next turn: the seconds until it comes, and the turn itself as seconds of the
        database's clock since the epoch (for tests and the log).

        Raises:
            StateError: the database failed.
        """
        if self.gap == 0:
            return 0.0, 0.0
        try:
            with self.engine.begin() as conn:
                turn, now = conn.execute(_RESERVE, {"host": host or "-", "gap": self.gap}).one()
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise StateError(f"cannot reserve a turn to fetch from {host}: {reason[0] if reason else exc}") from exc
        return max(0.0, (turn - now).total_seconds()), turn.timestamp()
