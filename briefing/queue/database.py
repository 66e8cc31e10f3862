"""The queue's PostgreSQL database: the URL it needs, its connections, its tables and ``briefing queue init``.

Besides procrastinate's own tables (``procrastinate_jobs``, ``procrastinate_workers``, …) and the
state of the schedules (:mod:`briefing.store`: ``runs``, ``briefed``, ``deliveries``), the queue
keeps one table:

``due_runs``
    one row per (schedule, due time) a clock handled: ``enqueued`` with the id of its job, or
    ``coalesced`` when a job of the schedule was waiting already (that job briefs what is new
    then; a run slower than its schedule leaves at most one job waiting). Its primary key is
    what makes a due run enqueued once, however many clocks race: the row and the job are
    written in one transaction, and a second clock's row is not written at all.
"""

from __future__ import annotations

import hashlib
import importlib.util
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from briefing.errors import ConfigError, StateError

__all__ = [
    "advisory_key",
    "check_ready",
    "connect_kwargs",
    "due_runs",
    "init_queue",
    "queue_engine",
    "queue_url",
    "require_procrastinate",
]

metadata = sa.MetaData()

due_runs = sa.Table(
    "due_runs",
    metadata,
    sa.Column("schedule", sa.String(200), primary_key=True),
    sa.Column("due_at", sa.DateTime(timezone=True), primary_key=True),
    sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
    #: the clock that wrote it (host:pid)
    sa.Column("clock", sa.String(200), nullable=False),
    #: procrastinate's job; for a coalesced run, the job waiting already
    sa.Column("job_id", sa.BigInteger),
    sa.Column("state", sa.String(20), nullable=False),
)

_HINT = (
    "give --database postgresql+psycopg://USER@HOST/DB (or set BRIEFING_DATABASE_URL); "
    "docs/scaling.md shows how to start one"
)


def queue_url(url: str | None) -> str:
    """The SQLAlchemy URL of the queue's database, naming psycopg 3 as its driver (``postgresql://`` is taken as it).

    Raises:
        ConfigError: no URL, a URL that cannot be read, another database than PostgreSQL, or another driver.
    """
    if not url:
        raise ConfigError("the queue needs a PostgreSQL database and none was given", field="database", hint=_HINT)
    try:
        parsed = sa.engine.make_url(url)
    except ArgumentError:
        raise ConfigError("cannot read the database URL", field="database", hint=_HINT) from None
    backend = parsed.get_backend_name()
    shown = parsed.render_as_string(hide_password=True)
    if backend != "postgresql":
        what = "SQLite, which lives on one machine" if backend == "sqlite" else backend
        raise ConfigError(f"the queue needs PostgreSQL, and {shown} is {what}", field="database", hint=_HINT)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.get_driver_name() != "psycopg":
        raise ConfigError(
            f"the queue talks to PostgreSQL through psycopg 3, and {shown} names {parsed.get_driver_name()}",
            field="database",
            hint="write the URL as postgresql+psycopg://…",
        )
    return parsed.render_as_string(hide_password=False)


def require_procrastinate() -> None:
    """Raise a clear error when the queue's extra is not installed.

    Raises:
        ConfigError: procrastinate cannot be imported.
    """
    if importlib.util.find_spec("procrastinate") is None:
        raise ConfigError("the queue needs the procrastinate package", hint="pip install 'briefing[queue]'")


def queue_engine(url: str) -> Engine:
    """An SQLAlchemy engine on the queue's database (``url`` as :func:`queue_url` gives it), with TCP keepalives
    (:func:`~briefing.store.postgresql_connect_args`)."""
    from briefing.store import postgresql_connect_args

    return sa.create_engine(url, pool_pre_ping=True, connect_args=postgresql_connect_args(url))


def connect_kwargs(url: str) -> dict[str, Any]:
    """What psycopg's ``connect()`` takes for ``url`` (host, port, user, database and the URL's query options, with
    TCP keepalives as :func:`~briefing.store.postgresql_connect_args` adds them), for procrastinate's pool."""
    from briefing.store import postgresql_connect_args

    engine = sa.create_engine(url)
    try:
        _, kwargs = engine.dialect.create_connect_args(engine.url)
    finally:
        engine.dispose()
    kwargs.pop("context", None)  # SQLAlchemy's adapters, not an option of libpq
    return {**kwargs, **postgresql_connect_args(url)}


def advisory_key(name: str) -> int:
    """The key of the advisory lock called ``name`` (the state store's locks hash their names the same way)."""
    return int.from_bytes(hashlib.sha256(f"briefing:{name}".encode()).digest()[:8], "big", signed=True)


def init_queue(url: str) -> bool:
    """Create procrastinate's schema, the queue's table and the state's tables; False when the queue was there.

    One transaction, under a lock, so two ``queue init`` at once create it once; the state's tables
    (and columns a database made by an earlier version lacks) are created either way.

    Raises:
        StateError: the database cannot be reached or written.
    """
    from procrastinate.schema import SchemaManager

    from briefing.store import StateStore

    engine = queue_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key("queue-init")})
            there = conn.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None
            if not there:
                # procrastinate's schema is many statements: psycopg sends a query without parameters as it is
                conn.connection.driver_connection.execute(SchemaManager.get_schema())  # type: ignore[union-attr]
            metadata.create_all(conn)
    except SQLAlchemyError as exc:
        raise _error(url, exc) from exc
    finally:
        engine.dispose()
    StateStore(url).close()  # runs (with due_at and worker), briefed, deliveries
    return not there


def check_ready(engine: Engine, url: str) -> None:
    """Make sure ``queue init`` has been run on the database.

    Raises:
        StateError: the database cannot be reached, or has no queue yet.
    """
    try:
        with engine.connect() as conn:
            jobs = conn.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar()
            due = conn.execute(sa.text("SELECT to_regclass('due_runs')")).scalar()
    except SQLAlchemyError as exc:
        raise _error(url, exc) from exc
    if jobs is None or due is None:
        raise StateError(
            f"the database {_safe(url)} has no queue yet",
            hint=f"run `briefing queue init --database {_safe(url)}` once",
        )


def _error(url: str, exc: SQLAlchemyError) -> StateError:
    original = getattr(exc, "orig", None)
    reason = str(original or exc).strip().splitlines()[0] if str(original or exc).strip() else type(exc).__name__
    return StateError(f"the queue's database {_safe(url)} failed: {reason}")


def _safe(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)
