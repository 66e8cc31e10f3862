"""A PostgreSQL server of the test session's own, for the tests of the state (test_postgresql.py) and the queue
(test_queue.py).

The server is started in a temporary folder, listening on a Unix socket only (no network). Where its programs are
not installed the tests that ask for it are skipped, unless ``BRIEFING_REQUIRE_POSTGRESQL`` is set (CI installs
them, so there they must run). ``new_database`` is a session fixture, made known to every test module by conftest.
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


@pytest.fixture(scope="session")
def new_database() -> Iterator[Callable[[], str]]:
    """A factory of empty databases on a PostgreSQL server of the session's own; each call gives a URL."""
    try:
        import psycopg  # the driver the URLs name
    except ImportError:
        _unavailable("the psycopg driver is not installed")
    programs = _server_programs()
    if programs is None:
        _unavailable("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    assert programs is not None
    # not under pytest's own temporary folder, which only its owner may enter
    base = Path(tempfile.mkdtemp(prefix="briefing-postgresql-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres account
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no postgres account to run the server")
        os.chown(base, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]

    def run(*command: str) -> None:
        done = subprocess.run([*as_owner, *command], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode:
            raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr.strip()}")

    data = base / "data"
    run(str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "briefing", "-E", "UTF8", "--no-sync")
    options = f"-k {base} -c listen_addresses='' -p {SOCKET_PORT} -c fsync=off"
    run(str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"), "-w", "start")
    counter = itertools.count(1)

    def create() -> str:
        name = f"briefing{next(counter)}"
        with psycopg.connect(
            host=str(base), port=SOCKET_PORT, user="briefing", dbname="postgres", autocommit=True
        ) as db:
            db.execute(f"CREATE DATABASE {name}")  # a name of our own making
        return f"postgresql+psycopg://briefing@/{name}?host={base}&port={SOCKET_PORT}"

    try:
        yield create
    finally:
        run(str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)
