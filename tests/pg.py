"""A PostgreSQL server of the test session's own, for the tests of the state (test_postgresql.py) and the queue
(test_queue.py).

The server is started in a temporary folder, listening on a Unix socket only (no network). Where its programs are
not installed the tests that ask for it are skipped, unless ``BRIEFING_REQUIRE_POSTGRESQL`` is set (CI installs
them, so there they must run). ``new_database`` is a session fixture, made known to every test module by conftest,
as is ``own_postgresql``, a server of one test's own, for a test that restarts it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SOCKET_PORT = 5432  # names the socket file only: the server listens on no TCP port


def _unavailable(reason: str) -> None:
    if os.environ.get("BRIEFING_REQUIRE_POSTGRESQL"):
        pytest.fail(f"PostgreSQL is required here but {reason}")
    pytest.skip(reason)


def _server_programs() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # where pg_ctl is too, though PATH may hold a link to initdb alone
    # Debian and Ubuntu keep them out of PATH, one folder per major version
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return versions[-1].parent if versions else None


class PostgresServer:
    """A PostgreSQL server in a temporary folder of its own, on a Unix socket there; started, restarted, stopped."""

    def __init__(self) -> None:
        try:
            import psycopg  # noqa: F401  (the driver the URLs name)
        except ImportError:
            _unavailable("the psycopg driver is not installed")
        programs = _server_programs()
        if programs is None:
            _unavailable("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        assert programs is not None
        self.programs = programs
        # not under pytest's own temporary folder, which only its owner may enter
        self.base = Path(tempfile.mkdtemp(prefix="briefing-postgresql-"))
        self.as_owner: list[str] = []
        if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres account
            import pwd

            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                _unavailable("running as root and there is no postgres account to run the server")
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.data = self.base / "data"
        self._counter = itertools.count(1)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "briefing", "-E", "UTF8", "--no-sync")

    def _run(self, program: str, *args: str) -> None:
        command = [*self.as_owner, str(self.programs / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()}")

    def _pg_ctl(self, action: str, *args: str) -> None:
        options = f"-k {self.base} -c listen_addresses='' -p {SOCKET_PORT} -c fsync=off"
        log = str(self.base / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", *args, action)

    def start(self) -> PostgresServer:
        """Start the server; returns it."""
        self._pg_ctl("start")
        return self

    def restart(self) -> None:
        """Stop the server, ending every session at once as a crash or a failover would, and start it again."""
        self._pg_ctl("restart", "-m", "immediate")

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._pg_ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def log(self) -> str:
        """What the server logged."""
        return (self.base / "server.log").read_text(encoding="utf-8", errors="replace")

    def new_database(self) -> str:
        """An empty database on the server; returns its URL."""
        import psycopg

        name = f"briefing{next(self._counter)}"
        with psycopg.connect(
            host=str(self.base), port=SOCKET_PORT, user="briefing", dbname="postgres", autocommit=True
        ) as db:
            db.execute(f"CREATE DATABASE {name}")  # a name of our own making
        return f"postgresql+psycopg://briefing@/{name}?host={self.base}&port={SOCKET_PORT}"


@pytest.fixture(scope="session")
def new_database() -> Iterator[Callable[[], str]]:
    """A factory of empty databases on a PostgreSQL server of the session's own; each call gives a URL."""
    server = PostgresServer().start()
    try:
        yield server.new_database
    finally:
        server.stop()


@pytest.fixture
def own_postgresql() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the test's own, which it may restart."""
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()
