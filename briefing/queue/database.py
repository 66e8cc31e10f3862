"""The queue's PostgreSQL database: the URL it needs, its connections, its tables and ``briefing queue init``.

Besides procrastinate's own tables (``procrastinate_jobs``, ``procrastinate_workers``, …) and the
state of the schedules (:mod:`briefing.store`: ``runs``, ``briefed``, ``deliveries``), the queue
keeps these tables:

``due_runs``
    one row per (schedule, due time) a clock handled: ``enqueued`` with the id of its job, or
    ``coalesced`` when a job of the schedule was waiting already (that job briefs what is new
    then; a run slower than its schedule leaves at most one job waiting). Its primary key is
    what makes a due run enqueued once, however many clocks race: the row and the job are
    written in one transaction, and a second clock's row is not written at all.
``feeds``
    one row per feed or page address some schedule names (shared fetching, :mod:`.fetching`): when it
    is next checked (``next_check_at``, in the clocks' time) and how often, its ``ETag`` and
    ``Last-Modified``, how its last check went (``status``, ``error``, ``failures`` in a row) and the
    health of its last read.
``fetched_articles``
    every article a feed or page gave, once per (canonical address, content digest): the article a
    schedule's run of the queue reads instead of fetching it itself.
``feed_entries``
    which articles each feed gave: ``present`` in its latest read or not, its place there, when it
    was first and last seen, and the digest of its entry (an unchanged entry's page is not fetched again).
``fetch_hosts``
    one row per host: the earliest time its next request may start (:mod:`.hosts`), so that no two
    requests to one host, from any worker, start closer than the gap.
``analyses``
    each article's analysis, by :func:`~briefing.analysis.analysis_key` (:mod:`.analyses`): an article
    that many schedules brief is analysed once.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from briefing.errors import ConfigError, StateError
from briefing.store import advisory_key

__all__ = [
    "advisory_key",
    "analyses",
    "check_ready",
    "connect_kwargs",
    "due_runs",
    "feed_entries",
    "feeds",
    "fetch_hosts",
    "fetched_articles",
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

_WHEN = sa.DateTime(timezone=True)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    #: seconds between two checks: the clock's --fetch-every, or the shortest `every` of the schedules naming it
    sa.Column("interval_seconds", sa.Integer, nullable=False),
    #: when the clock enqueues its next check (the clocks' time); a failed check puts it off (backoff)
    sa.Column("next_check_at", _WHEN, nullable=False),
    sa.Column("checked_at", _WHEN),
    #: the last check that gave the feed's content (a 200)
    sa.Column("fetched_at", _WHEN),
    #: new (never checked), ok, not-modified or failed
    sa.Column("status", sa.String(20), nullable=False, server_default="new"),
    sa.Column("error", sa.Text, nullable=False, server_default=""),
    #: failed checks in a row
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("etag", sa.Text, nullable=False, server_default=""),
    sa.Column("last_modified", sa.Text, nullable=False, server_default=""),
    #: JSON: the source health of its last read that gave content (the feed's own row, then its entry pages')
    sa.Column("health", sa.Text, nullable=False, server_default="[]"),
)

fetched_articles = sa.Table(
    "fetched_articles",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
    #: :func:`~briefing.schedule.runner.article_key` and :func:`~briefing.schedule.runner.article_digest`
    sa.Column("article_key", sa.Text, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("slug", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("published", _WHEN),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("date_note", sa.Text, nullable=False),
    sa.Column("language", sa.String(20), nullable=False),
    sa.Column("fetched_at", _WHEN, nullable=False),
    sa.UniqueConstraint("article_key", "digest", name="one_article_per_content"),
)

feed_entries = sa.Table(
    "feed_entries",
    metadata,
    sa.Column("feed_url", sa.Text, sa.ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
    sa.Column("article_id", sa.BigInteger, sa.ForeignKey("fetched_articles.id"), primary_key=True),
    #: in the feed's latest read that gave content
    sa.Column("present", sa.Boolean, nullable=False),
    #: its place in that read, from 0
    sa.Column("position", sa.Integer, nullable=False),
    #: SHA-256 of the feed entry (link, title, date, text), when its page gave the article: the page is not
    #: fetched again while the entry is unchanged; empty when the feed's own text stood in
    sa.Column("entry_digest", sa.String(64), nullable=False, server_default=""),
    sa.Column("first_seen_at", _WHEN, nullable=False),
    sa.Column("last_seen_at", _WHEN, nullable=False),
    sa.Index("feed_entries_seen", "feed_url", "last_seen_at"),
)

fetch_hosts = sa.Table(
    "fetch_hosts",
    metadata,
    sa.Column("host", sa.Text, primary_key=True),
    #: the earliest start of the host's next request (the database's clock)
    sa.Column("next_allowed_at", _WHEN, nullable=False),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    #: JSON (:mod:`briefing.queue.analyses`)
    sa.Column("analysis", sa.Text, nullable=False),
    sa.Column("created_at", _WHEN, nullable=False),
    sa.Column("used_at", _WHEN, nullable=False),
)

#: the tables ``queue init`` makes besides procrastinate's: a database without one of them needs it run (again)
_TABLES = ("due_runs", "feeds", "fetched_articles", "feed_entries", "fetch_hosts", "analyses")

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


def init_queue(url: str) -> str:
    """Create procrastinate's schema, the queue's tables and the state's tables.

    Returns ``created`` (there was no queue), ``updated`` (a queue made by an earlier version got the tables it
    lacked) or ``there`` (nothing was missing). One transaction, under a lock, so two ``queue init`` at once
    create it once; the state's tables (and columns a database made by an earlier version lacks) are created
    either way.

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
            lacking = [n for n in _TABLES if conn.execute(sa.text(f"SELECT to_regclass('{n}')")).scalar() is None]
            if not there:
                # procrastinate's schema is many statements: psycopg sends a query without parameters as it is
                conn.connection.driver_connection.execute(SchemaManager.get_schema())  # type: ignore[union-attr]
            metadata.create_all(conn)
    except SQLAlchemyError as exc:
        raise _error(url, exc) from exc
    finally:
        engine.dispose()
    StateStore(url).close()  # runs (with due_at and worker), briefed, deliveries
    return "created" if not there else "updated" if lacking else "there"


def check_ready(engine: Engine, url: str) -> None:
    """Make sure ``queue init`` has been run on the database.

    Raises:
        StateError: the database cannot be reached, or has no queue yet.
    """
    try:
        with engine.connect() as conn:
            jobs = conn.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar()
            ours = [conn.execute(sa.text(f"SELECT to_regclass('{name}')")).scalar() for name in _TABLES]
    except SQLAlchemyError as exc:
        raise _error(url, exc) from exc
    if jobs is None or ours[0] is None:
        raise StateError(
            f"the database {_safe(url)} has no queue yet",
            hint=f"run `briefing queue init --database {_safe(url)}` once",
        )
    if any(table is None for table in ours):
        raise StateError(
            f"the queue in {_safe(url)} was made by an earlier version of briefing and lacks the tables of shared "
            "fetching",
            hint=f"run `briefing queue init --database {_safe(url)}` again: it adds them",
        )


def _error(url: str, exc: SQLAlchemyError) -> StateError:
    original = getattr(exc, "orig", None)
    reason = str(original or exc).strip().splitlines()[0] if str(original or exc).strip() else type(exc).__name__
    return StateError(f"the queue's database {_safe(url)} failed: {reason}")


def _safe(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)
