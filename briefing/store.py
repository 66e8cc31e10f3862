"""The state of scheduled briefs: which articles each schedule has briefed, its runs, and each email delivery.

SQLite in the state folder by default (``state.sqlite``); any SQLAlchemy database URL may
be given instead, such as ``postgresql+psycopg://…`` for a shared server. Three tables:

``briefed``
    one row per (schedule, article key, content digest): a run briefs only articles whose
    key and digest are not here, so an article that changed counts as new.
``runs``
    every run with its start, end, status (``running``, ``ok``, ``nothing-new``,
    ``failed``, ``interrupted``), article and story counts, output files and a detail line;
    a run of the queue (:mod:`briefing.queue`) also has the time it was due and the worker
    that ran it (columns added to a database made before them when it is opened).
``deliveries``
    one row per (run, recipient): ``pending`` until the mail server accepts it, then
    ``sent``; ``failed`` ones are tried again at later runs until they are ``expired``.
    The unique key on (run, recipient) is what keeps a brief from going to anyone twice.
``messages``
    on PostgreSQL only, a run's email as sent, while any of its deliveries is yet to be sent:
    a retry then sends these bytes from any machine sharing the database, whatever state folder
    it has (the state folder's ``outbox`` keeps its copy for audits, as on SQLite, where the
    email is read from that file).

A run's rows are written in one transaction after its brief is on disk
(:meth:`StateStore.complete_run`), so a crash before that leaves the articles to be
briefed again, and a crash after it leaves the emails pending, to be sent at the next run.

On PostgreSQL a run of a schedule, and a scheduler, also hold a lock in the database
(:meth:`StateStore.exclusive`, an advisory lock of the server session, released if the
process dies), so machines sharing the database with state folders of their own do not run
one schedule twice at once or start two schedulers on one job store. SQLite needs no such
lock: its file lives in the state folder, whose lock files already do that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from briefing.errors import StateError

__all__ = ["DeliveryRecord", "RunRecord", "StateStore", "advisory_key", "postgresql_connect_args", "sqlite_url"]

_metadata = sa.MetaData()
_JOBS = "apscheduler_jobs"  # the scheduler's job store, written by APScheduler itself

_runs = sa.Table(
    "runs",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("schedule", sa.String(200), nullable=False, index=True),
    sa.Column("trigger", sa.String(20), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ended_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("articles", sa.Integer, nullable=False, default=0),
    sa.Column("stories", sa.Integer, nullable=False, default=0),
    sa.Column("outputs", sa.Text, nullable=False, default="[]"),
    sa.Column("detail", sa.Text, nullable=False, default=""),
    # added with the queue (briefing/queue/): when the run was due, and who ran it; empty for other runs
    sa.Column("due_at", sa.DateTime(timezone=True)),
    sa.Column("worker", sa.String(200)),
)
#: columns of ``runs`` that a database made by an earlier version lacks; :func:`_add_columns` adds them
_ADDED_RUN_COLUMNS = ("due_at", "worker")

_briefed = sa.Table(
    "briefed",
    _metadata,
    sa.Column("schedule", sa.String(200), primary_key=True),
    sa.Column("article_key", sa.String(2000), primary_key=True),
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
    sa.Column("briefed_at", sa.DateTime(timezone=True), nullable=False),
)

_deliveries = sa.Table(
    "deliveries",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
    sa.Column("schedule", sa.String(200), nullable=False, index=True),
    sa.Column("recipient", sa.String(320), nullable=False),
    sa.Column("message_path", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("error", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.UniqueConstraint("run_id", "recipient", name="one_delivery_per_recipient"),
)


_messages = sa.Table(
    "messages",
    _metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), primary_key=True),
    sa.Column("message", sa.LargeBinary, nullable=False),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRecord:
    """One run of a schedule, as ``briefing schedule history`` shows it."""

    id: int
    schedule: str
    trigger: str
    #: when the run was due, for a run of the queue; None for a run started any other way
    due_at: datetime | None
    started_at: datetime
    ended_at: datetime | None
    status: str
    #: the worker that ran it (``host:pid`` or the name it was given), for a run of the queue; else None
    worker: str | None
    articles: int
    stories: int
    outputs: tuple[str, ...]
    detail: str
    deliveries: tuple[DeliveryRecord, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryRecord:
    """One email of one run to one recipient."""

    id: int
    run_id: int
    schedule: str
    recipient: str
    message_path: str
    status: str
    attempts: int
    error: str
    created_at: datetime
    sent_at: datetime | None


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored here is UTC
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


class StateStore:
    """Runs, briefed articles and deliveries of every schedule, in one SQL database.

    Raises:
        StateError: from any method, when the database cannot be opened, read or written.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._engine: Engine = _engine(url)
            with self._engine.begin() as conn:
                _create_tables(conn, _metadata)
            _add_columns(self._engine)
        except SQLAlchemyError as exc:
            raise _state_error(f"cannot open the state database {_safe(url)}", exc) from exc

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    @property
    def keeps_messages(self) -> bool:
        """Whether emails waiting to be sent are kept in the database (PostgreSQL: a database machines share)."""
        return self._engine.dialect.name == "postgresql"

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self._engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise _state_error(f"the state database {_safe(self.url)} failed", exc) from exc

    def transaction(self) -> AbstractContextManager[Connection]:
        """One transaction on the database, for the tables a part of briefing keeps here besides the schedules'
        (committed when the block ends; any database error raised as :class:`StateError`)."""
        return self._begin()

    def create(self, metadata: sa.MetaData) -> None:
        """Create the tables of ``metadata`` that are not there yet (safe while other processes do the same)."""
        with self._begin() as conn:
            _create_tables(conn, metadata)

    @contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """Hold the database's lock called ``name`` for the block; yields False when another session holds it.

        PostgreSQL's session-level advisory locks: no table, no waiting, and released by the
        server when the holding process dies. Other databases have none here and always
        yield True (SQLite's file is in the state folder, guarded by its lock files).

        Raises:
            StateError: the database cannot be reached.
        """
        if self._engine.dialect.name != "postgresql":
            yield True
            return
        key = advisory_key(name)
        try:
            conn = self._engine.connect()
            held = bool(conn.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar())
            conn.commit()  # the lock belongs to the session, not to this transaction
        except SQLAlchemyError as exc:
            raise _state_error(f"the state database {_safe(self.url)} failed", exc) from exc
        try:
            yield held
        finally:
            try:
                if held:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    conn.commit()
                conn.close()
            except SQLAlchemyError:
                conn.invalidate()  # a session that may still hold the lock must not go back to the pool

    # runs ---------------------------------------------------------------------------------

    def start_run(
        self,
        schedule: str,
        *,
        trigger: str,
        now: datetime | None = None,
        due_at: datetime | None = None,
        worker: str | None = None,
        status: str = "running",
        detail: str = "",
    ) -> int:
        """Record a run as ``running`` and return its id.

        ``due_at`` and ``worker``: when a run of the queue was due and who runs it. ``status`` and
        ``detail``: a run that ends as it starts (a queued run whose schedule file is gone: ``failed``).
        """
        with self._begin() as conn:
            result = conn.execute(
                _runs.insert().values(
                    schedule=schedule,
                    trigger=trigger,
                    started_at=(now or _now()).astimezone(UTC),
                    ended_at=None if status == "running" else _now(),
                    status=status,
                    articles=0,
                    stories=0,
                    outputs="[]",
                    detail=detail,
                    due_at=due_at.astimezone(UTC) if due_at is not None else None,
                    worker=worker,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        detail: str = "",
        articles: int = 0,
        stories: int = 0,
        outputs: Sequence[str] = (),
    ) -> None:
        """Close a run that briefed nothing (``nothing-new``) or failed (``failed``)."""
        with self._begin() as conn:
            conn.execute(
                _runs.update()
                .where(_runs.c.id == run_id)
                .values(
                    status=status,
                    ended_at=_now(),
                    detail=detail,
                    articles=articles,
                    stories=stories,
                    outputs=json.dumps(list(outputs)),
                )
            )

    def complete_run(
        self,
        run_id: int,
        schedule: str,
        *,
        articles: Sequence[tuple[str, str]],
        stories: int,
        outputs: Sequence[str],
        recipients: Sequence[str] = (),
        message_path: str = "",
        message: bytes | None = None,
        detail: str = "",
    ) -> None:
        """In one transaction: mark ``articles`` (key, digest) briefed, queue one email per recipient, close the run.

        ``message``: the email's bytes, kept in the database until every recipient has it when the
        database is PostgreSQL (:attr:`keeps_messages`); elsewhere it is read from ``message_path``.
        Call only once the brief's files are written.
        """
        now = _now()
        with self._begin() as conn:
            seen = {(k, d) for k, d in articles}
            for key, digest in sorted(seen):
                exists = conn.execute(
                    sa.select(_briefed.c.run_id).where(
                        _briefed.c.schedule == schedule, _briefed.c.article_key == key, _briefed.c.digest == digest
                    )
                ).first()
                if exists is None:
                    conn.execute(
                        _briefed.insert().values(
                            schedule=schedule, article_key=key, digest=digest, run_id=run_id, briefed_at=now
                        )
                    )
            if message is not None and recipients and self.keeps_messages:
                conn.execute(_messages.insert().values(run_id=run_id, message=message))
            for recipient in dict.fromkeys(recipients):
                conn.execute(
                    _deliveries.insert().values(
                        run_id=run_id,
                        schedule=schedule,
                        recipient=recipient,
                        message_path=message_path,
                        status="pending",
                        attempts=0,
                        error="",
                        created_at=now,
                    )
                )
            conn.execute(
                _runs.update()
                .where(_runs.c.id == run_id)
                .values(
                    status="ok",
                    ended_at=now,
                    articles=len(seen),
                    stories=stories,
                    outputs=json.dumps(list(outputs)),
                    detail=detail,
                )
            )

    def note_outputs(self, run_id: int, outputs: Sequence[str]) -> None:
        """Record the files a running run is about to write, so that if its process dies
        before the run is complete the next run can remove them (:meth:`mark_interrupted`)."""
        with self._begin() as conn:
            conn.execute(
                _runs.update()
                .where(_runs.c.id == run_id, _runs.c.status == "running")
                .values(outputs=json.dumps(list(outputs)))
            )

    def mark_interrupted(self, schedule: str, *, now: datetime | None = None) -> list[tuple[str, ...]]:
        """Close runs of ``schedule`` left ``running`` by a process that died; for each, the
        files it meant to write (:meth:`note_outputs`), none of which counts as a brief.

        Call only while holding the schedule's run lock, when no run of it can be live. ``now``: when the run that
        found them began (they had ended by then: recorded so, a run's end never falls after the next one's start).
        """
        with self._begin() as conn:
            rows = conn.execute(
                sa.select(_runs.c.id, _runs.c.outputs).where(_runs.c.schedule == schedule, _runs.c.status == "running")
            ).all()
            if not rows:
                return []
            conn.execute(
                _runs.update()
                .where(_runs.c.id.in_([r.id for r in rows]))
                .values(
                    status="interrupted",
                    ended_at=(now or _now()).astimezone(UTC),
                    detail="the process stopped before the run ended",
                    outputs="[]",
                )
            )
            return [tuple(json.loads(r.outputs or "[]")) for r in rows]

    def runs(self, schedule: str | None = None, *, limit: int = 20) -> list[RunRecord]:
        """The latest runs, newest first, with their deliveries."""
        with self._begin() as conn:
            query = sa.select(_runs).order_by(_runs.c.id.desc()).limit(limit)
            if schedule is not None:
                query = query.where(_runs.c.schedule == schedule)
            rows = conn.execute(query).mappings().all()
            ids = [row["id"] for row in rows]
            deliveries: dict[int, list[DeliveryRecord]] = {}
            if ids:
                found = conn.execute(
                    sa.select(_deliveries).where(_deliveries.c.run_id.in_(ids)).order_by(_deliveries.c.id)
                )
                for d in found.mappings():
                    deliveries.setdefault(d["run_id"], []).append(_delivery(d))
        return [_run(row, tuple(deliveries.get(row["id"], ()))) for row in rows]

    def scheduled_jobs(self) -> dict[str, tuple[datetime | None, bytes]]:
        """The scheduler's jobs by id, as its job store keeps them (APScheduler's table ``apscheduler_jobs``).

        Each is its next run time (None: paused) and its pickled state; no job when no scheduler has
        used this database.
        """
        with self._begin() as conn:
            if not sa.inspect(conn).has_table(_JOBS):
                return {}
            jobs = sa.table(_JOBS, sa.column("id"), sa.column("next_run_time"), sa.column("job_state"))
            rows = conn.execute(sa.select(jobs.c.id, jobs.c.next_run_time, jobs.c.job_state)).all()
        return {
            str(job_id): (None if when is None else datetime.fromtimestamp(when, UTC), bytes(state))
            for job_id, when, state in rows
        }

    def run_done(self, schedule: str, due_at: datetime) -> int | None:
        """The id of a run of ``schedule`` due at ``due_at`` (a run of the queue) that ended ``ok`` or
        ``nothing-new``, if there is one."""
        with self._begin() as conn:
            found = conn.execute(
                sa.select(_runs.c.id).where(
                    _runs.c.schedule == schedule,
                    _runs.c.due_at == due_at.astimezone(UTC),
                    _runs.c.status.in_(("ok", "nothing-new")),
                )
            ).first()
        return None if found is None else int(found[0])

    def ended_run_start(self, schedule: str, *, before: int) -> datetime | None:
        """When the latest run of ``schedule`` before run ``before`` that ended ``ok`` or ``nothing-new`` started;
        None when there is none."""
        with self._begin() as conn:
            found = conn.execute(
                sa.select(sa.func.max(_runs.c.started_at)).where(
                    _runs.c.schedule == schedule, _runs.c.status.in_(("ok", "nothing-new")), _runs.c.id < before
                )
            ).scalar()
        return _utc(found)

    def last_run(self, schedule: str) -> RunRecord | None:
        """The latest run of ``schedule``, if any."""
        found = self.runs(schedule, limit=1)
        return found[0] if found else None

    # articles -----------------------------------------------------------------------------

    def briefed_digests(self, schedule: str) -> set[str]:
        """The content digests of every article ``schedule`` has briefed."""
        with self._begin() as conn:
            rows = conn.execute(sa.select(_briefed.c.digest).where(_briefed.c.schedule == schedule)).scalars()
            return {str(d) for d in rows}

    # deliveries ---------------------------------------------------------------------------

    def deliveries_due(self, schedule: str) -> list[DeliveryRecord]:
        """Deliveries of ``schedule`` not yet sent (pending or failed), oldest first."""
        with self._begin() as conn:
            rows = conn.execute(
                sa.select(_deliveries)
                .where(_deliveries.c.schedule == schedule, _deliveries.c.status.in_(("pending", "failed")))
                .order_by(_deliveries.c.id)
            ).mappings()
            return [_delivery(row) for row in rows]

    def record_delivery(self, delivery_id: int, *, status: str, error: str = "") -> None:
        """Record one attempt at a delivery: ``sent``, ``failed`` (tried again later) or ``expired``."""
        values: dict[str, Any] = {"status": status, "error": error, "attempts": _deliveries.c.attempts + 1}
        if status == "sent":
            values["sent_at"] = _now()
        if status == "expired":
            values["attempts"] = _deliveries.c.attempts
        with self._begin() as conn:
            conn.execute(
                _deliveries.update()
                .where(_deliveries.c.id == delivery_id, _deliveries.c.status != "sent")
                .values(**values)
            )
            if status in ("sent", "expired") and self.keeps_messages:
                # the bytes go once no recipient of the run waits for them any more
                run_id = sa.select(_deliveries.c.run_id).where(_deliveries.c.id == delivery_id).scalar_subquery()
                waiting = (
                    sa.select(_deliveries.c.id)
                    .where(_deliveries.c.run_id == run_id, _deliveries.c.status.in_(("pending", "failed")))
                    .exists()
                )
                conn.execute(_messages.delete().where(_messages.c.run_id == run_id, ~waiting))

    def message(self, run_id: int) -> bytes | None:
        """The email of run ``run_id`` as the database keeps it (:attr:`keeps_messages`); None when it keeps none."""
        if not self.keeps_messages:
            return None
        with self._begin() as conn:
            found = conn.execute(sa.select(_messages.c.message).where(_messages.c.run_id == run_id)).scalar()
        return None if found is None else bytes(found)


#: seconds a run waits for another process to finish writing to the SQLite state before giving up
BUSY_TIMEOUT = 30.0


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers (history, list) never block a run
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if sa.engine.make_url(url).get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True, connect_args=postgresql_connect_args(url))
    return sa.create_engine(url, pool_pre_ping=True)


#: TCP keepalives of a PostgreSQL connection, in seconds: silent this long, probed this often, given up after this
#: many unanswered probes — a peer that vanished (power, network) is noticed within about a minute
KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT = 30, 10, 3


def postgresql_connect_args(url: str) -> dict[str, Any]:
    """What every PostgreSQL connection is opened with besides ``url``: TCP keepalives, both ways.

    libpq's ``keepalives*`` let this process notice a server that vanished; the server's own
    ``tcp_keepalives_*``, set for the session through ``options``, let the server notice that this
    process's machine vanished, and end its session — and with it the advisory locks it held (a
    run's lock on its schedule, a clock's lead) — within about a minute rather than the system's
    two hours. Both are ignored on a Unix socket. What the URL sets itself is kept: its keepalive
    settings, and its ``options`` after ours (the last ``-c`` of a setting wins).
    """
    query = sa.engine.make_url(url).query
    args: dict[str, Any] = {}
    for name, value in (
        ("keepalives", 1),
        ("keepalives_idle", KEEPALIVE_IDLE),
        ("keepalives_interval", KEEPALIVE_INTERVAL),
        ("keepalives_count", KEEPALIVE_COUNT),
    ):
        if name not in query:
            args[name] = value
    server = (
        f"-c tcp_keepalives_idle={KEEPALIVE_IDLE} -c tcp_keepalives_interval={KEEPALIVE_INTERVAL} "
        f"-c tcp_keepalives_count={KEEPALIVE_COUNT}"
    )
    given = query.get("options")
    given_text = " ".join(given) if isinstance(given, tuple) else given
    args["options"] = f"{server} {given_text}" if given_text else server
    return args


def advisory_key(name: str) -> int:
    """The key of PostgreSQL's advisory lock called ``name``: the first 8 bytes of SHA-256 of ``briefing:NAME``."""
    return int.from_bytes(hashlib.sha256(f"briefing:{name}".encode()).digest()[:8], "big", signed=True)


def _create_tables(conn: Connection, metadata: sa.MetaData) -> None:
    """Create the tables of ``metadata`` that are not there yet, in ``conn``'s transaction.

    On PostgreSQL under a lock held to the transaction's end: two processes that find a table missing at once
    (two workers starting, or running their first brief with a memory) would both create it, and the second
    would fail on the catalogue's unique index; with the lock, the second waits and finds it there.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key("create-tables")})
    metadata.create_all(conn)


def _add_columns(engine: Engine) -> None:
    """Add to ``runs`` the columns a database made by an earlier version of briefing lacks.

    Each in a transaction of its own: two processes opening one old database at once may both
    try, and the one that comes second finds the column there (PostgreSQL's IF NOT EXISTS; on
    SQLite, which has none, its error says so and is let pass).
    """
    with engine.connect() as conn:
        present = {column["name"] for column in sa.inspect(conn).get_columns("runs")}
    for name in _ADDED_RUN_COLUMNS:
        if name in present:
            continue
        kind = _runs.c[name].type.compile(dialect=engine.dialect)
        guard = "IF NOT EXISTS " if engine.dialect.name == "postgresql" else ""
        try:
            with engine.begin() as conn:
                conn.execute(sa.text(f"ALTER TABLE runs ADD COLUMN {guard}{name} {kind}"))  # our own names
        except SQLAlchemyError as exc:
            if "duplicate column" not in _reason(exc):
                raise


def _run(row: Any, deliveries: tuple[DeliveryRecord, ...]) -> RunRecord:
    started = _utc(row["started_at"])
    assert started is not None
    return RunRecord(
        id=int(row["id"]),
        schedule=str(row["schedule"]),
        trigger=str(row["trigger"]),
        due_at=_utc(row["due_at"]),
        started_at=started,
        ended_at=_utc(row["ended_at"]),
        status=str(row["status"]),
        worker=None if row["worker"] is None else str(row["worker"]),
        articles=int(row["articles"] or 0),
        stories=int(row["stories"] or 0),
        outputs=tuple(json.loads(row["outputs"] or "[]")),
        detail=str(row["detail"] or ""),
        deliveries=deliveries,
    )


def _delivery(row: Any) -> DeliveryRecord:
    created = _utc(row["created_at"])
    assert created is not None
    return DeliveryRecord(
        id=int(row["id"]),
        run_id=int(row["run_id"]),
        schedule=str(row["schedule"]),
        recipient=str(row["recipient"]),
        message_path=str(row["message_path"]),
        status=str(row["status"]),
        attempts=int(row["attempts"] or 0),
        error=str(row["error"] or ""),
        created_at=created,
        sent_at=_utc(row["sent_at"]),
    )


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "(unreadable URL)"


def _state_error(what: str, exc: SQLAlchemyError) -> StateError:
    """A one-line error for a database failure, with what to do about the usual ones."""
    reason = _reason(exc)
    if "locked" in reason or "busy" in reason:
        return StateError(
            f"{what}: {reason} (another process kept it for {BUSY_TIMEOUT:g} s)",
            hint="a scheduler or another run is writing to it: wait for it to finish, or stop it",
        )
    if "not a database" in reason or "malformed" in reason or "corrupt" in reason:
        return StateError(
            f"{what}: the file is damaged ({reason})",
            hint="move the file aside and run again: a new one is made, its history is lost, and each schedule "
            "briefs again the articles its sources still hold",
        )
    return StateError(f"{what}: {reason}")


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return str(original or exc).splitlines()[0]
