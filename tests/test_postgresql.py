"""The state of scheduled briefs on PostgreSQL, the shared database a team would name with ``--database``.

A real PostgreSQL server is started for the session (tests/pg.py: a temporary folder, a Unix socket only, no
network). Where its programs are not installed the tests are skipped, unless ``BRIEFING_REQUIRE_POSTGRESQL`` is set
(CI installs them, so there they must run).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from briefing.cli import main
from briefing.store import StateStore, sqlite_url
from tests.conftest import EXAMPLES, ROOT


def _history(url: str) -> list[object]:
    """Drive a state store through what scheduled runs do, and return everything it then reports."""
    store = StateStore(url)
    try:
        morning = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
        first = store.start_run("desk", trigger="cron", now=morning)
        store.note_outputs(first, ["/briefs/desk-1.pdf", "/briefs/desk-1.html"])
        store.complete_run(
            first,
            "desk",
            articles=[("port-strike/a.md", "d1"), ("port-strike/b.md", "d2"), ("port-strike/a.md", "d1")],
            stories=2,
            outputs=["/briefs/desk-1.pdf"],
            recipients=["desk@example.org", "head@example.org", "desk@example.org"],
            message_path="/state/outbox/1.eml",
            detail="two stories — «ok»",
        )
        due = store.deliveries_due("desk")
        store.record_delivery(due[0].id, status="sent")
        store.record_delivery(due[1].id, status="failed", error="550 mailbox unavailable")
        second = store.start_run("desk", trigger="manual", now=morning.replace(hour=7))
        store.finish_run(second, status="nothing-new", detail="no new articles")
        dead = store.start_run("desk", trigger="cron", now=morning.replace(hour=8))
        store.note_outputs(dead, ["/briefs/desk-3.pdf"])
        other = store.start_run("weekly", trigger="cron", now=morning)
        interrupted = store.mark_interrupted("desk")
        runs = [
            (
                r.id,
                r.schedule,
                r.trigger,
                r.started_at,
                r.ended_at is not None,
                r.status,
                r.articles,
                r.stories,
                r.outputs,
                r.detail,
                [(d.recipient, d.status, d.attempts, d.error, d.message_path) for d in r.deliveries],
            )
            for r in store.runs(limit=10)
        ]
        last = store.last_run("desk")
        return [
            runs,
            interrupted,
            sorted(store.briefed_digests("desk")),
            [(d.recipient, d.status, d.attempts) for d in store.deliveries_due("desk")],
            last.id if last else None,
            other,
        ]
    finally:
        store.close()


def test_the_state_store_keeps_the_same_history_on_postgresql_as_on_sqlite(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    on_sqlite = _history(sqlite_url(tmp_path / "state.sqlite"))
    on_postgresql = _history(new_database())
    assert on_postgresql == on_sqlite
    runs = on_postgresql[0]
    assert isinstance(runs, list) and [run[5] for run in runs] == ["running", "interrupted", "nothing-new", "ok"]
    assert runs[-1][3] == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # times come back in UTC, with their zone


def _schedule(folder: Path, *, every: str) -> None:
    """The examples as ``folder/articles`` and a schedule ``desk`` briefing them to JSON in ``folder/schedules``."""
    shutil.copytree(EXAMPLES, folder / "articles")
    (folder / "schedules").mkdir()
    (folder / "schedules" / "desk.toml").write_text(
        f'title = "Desk brief"\nevery = "{every}"\ntimezone = "UTC"\nsources = ["../articles"]\n'
        'formats = ["json"]\noutput_dir = "../briefs"\n',
        encoding="utf-8",
    )


def test_a_scheduled_brief_keeps_its_state_on_postgresql(new_database: Callable[[], str], tmp_path: Path) -> None:
    """``briefing schedule trigger --database URL``: the first run briefs everything, the next only what is new."""
    url = new_database()
    _schedule(tmp_path, every="1h")
    args = ["schedule", "trigger", "desk", "--schedules", str(tmp_path / "schedules")]
    args += ["--state", str(tmp_path / "state"), "--database", url, "-q"]
    assert main(args) == 0
    assert main(args) == 0
    assert not (tmp_path / "state" / "state.sqlite").exists()  # the state went to PostgreSQL
    store = StateStore(url)
    try:
        latest, first = store.runs("desk")
        assert (first.status, first.articles) == ("ok", 10)
        assert latest.status == "nothing-new"
        assert len(store.briefed_digests("desk")) == 10
    finally:
        store.close()


def test_the_scheduler_keeps_its_jobs_on_postgresql(new_database: Callable[[], str], tmp_path: Path) -> None:
    """The daemon's APScheduler job store and the runs' state on one PostgreSQL database, across a restart."""
    import sqlalchemy as sa

    from briefing.schedule.daemon import DaemonSettings, SchedulerDaemon
    from tests.test_schedule import Running, wait_for

    url = new_database()
    _schedule(tmp_path, every="1s")
    settings = DaemonSettings(
        schedules_dir=tmp_path / "schedules", state_dir=tmp_path / "state", database_url=url, reload_seconds=0.2
    )

    def runs() -> list[str]:
        store = StateStore(url)
        try:
            return [run.status for run in store.runs("desk", limit=100)]
        finally:
            store.close()

    with Running(SchedulerDaemon(settings)):
        wait_for(lambda: len(runs()) >= 2, what="two scheduled runs")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            jobs = conn.execute(sa.text("SELECT id FROM apscheduler_jobs")).scalars().all()
    finally:
        engine.dispose()
    assert jobs == ["desk"]
    before = len(runs())
    with Running(SchedulerDaemon(settings)):  # a restart reads its jobs back from the database
        wait_for(lambda: len(runs()) > before, what="a run after the restart")
    statuses = runs()
    assert statuses[-1] == "ok" and set(statuses[:-1]) == {"nothing-new"}
    assert not (tmp_path / "state" / "state.sqlite").exists()


def test_a_lock_in_the_database_is_held_by_one_session_and_freed_when_it_dies(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database()
    first, second = StateStore(url), StateStore(url)
    try:
        with first.exclusive("schedule:desk") as mine:
            with second.exclusive("schedule:desk") as theirs, second.exclusive("schedule:evening") as other:
                assert (mine, theirs, other) == (True, False, True)
        with second.exclusive("schedule:desk") as theirs:
            assert theirs  # released on leaving the block

        # a process killed while it holds the lock: the server ends its session, and the lock with it
        with subprocess.Popen(
            [sys.executable, "-c", HOLD_AND_WAIT, url], stdout=subprocess.PIPE, text=True, cwd=ROOT
        ) as holder:
            try:
                assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
                with second.exclusive("schedule:desk") as theirs:
                    assert not theirs
            finally:
                holder.kill()
        deadline = time.monotonic() + 30
        while True:
            with second.exclusive("schedule:desk") as theirs:
                if theirs:
                    break
            assert time.monotonic() < deadline, "the lock outlived the process that held it"
            time.sleep(0.05)
    finally:
        first.close()
        second.close()
    # SQLite's file sits in the state folder, whose lock files keep runs apart: nothing to hold in it
    local = StateStore(sqlite_url(tmp_path / "state.sqlite"))
    try:
        with local.exclusive("schedule:desk") as one, local.exclusive("schedule:desk") as two:
            assert one and two
    finally:
        local.close()


HOLD_AND_WAIT = """
import sys, time
from briefing.store import StateStore
lock = StateStore(sys.argv[1]).exclusive("schedule:desk")
assert lock.__enter__()
print("held", flush=True)
time.sleep(120)
"""


def test_machines_sharing_the_database_run_a_schedule_once_and_keep_one_scheduler(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    """Two state folders (two machines) on one database: a run under way there refuses a second; so does a scheduler."""
    from briefing.errors import ScheduleError
    from briefing.schedule.daemon import DaemonSettings, SchedulerDaemon
    from tests.test_schedule import Running

    url = new_database()
    _schedule(tmp_path, every="1h")
    args = ["schedule", "trigger", "desk", "--schedules", str(tmp_path / "schedules"), "--database", url, "-q"]
    elsewhere = StateStore(url)
    try:
        with elsewhere.exclusive("schedule:desk") as held:  # a run of desk on the other machine
            assert held
            assert main([*args, "--state", str(tmp_path / "here")]) != 0
        assert main([*args, "--state", str(tmp_path / "here")]) == 0
        statuses = [run.status for run in elsewhere.runs("desk")]
        assert statuses == ["ok"]  # the refused run recorded nothing, and marked nothing interrupted

        def daemon(state: str) -> SchedulerDaemon:
            return SchedulerDaemon(
                DaemonSettings(schedules_dir=tmp_path / "schedules", state_dir=tmp_path / state, database_url=url)
            )

        with Running(daemon("one")):
            with pytest.raises(ScheduleError, match="another scheduler is using the state database"):
                daemon("two").run()
        with Running(daemon("two")):  # the first one stopped: the lock went with it
            pass
    finally:
        elsewhere.close()


def test_the_memory_of_who_people_are_is_kept_on_postgresql(
    new_database: Callable[[], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a schedule's briefs learned of people goes to the shared database, for every machine's later briefs."""
    url = new_database()
    _schedule(tmp_path, every="1h")
    args = ["schedule", "trigger", "desk", "--schedules", str(tmp_path / "schedules")]
    assert main([*args, "--state", str(tmp_path / "state"), "--database", url, "-q"]) == 0
    capsys.readouterr()
    # another machine, with a state folder of its own, reads it from the database
    assert main(["people", "list", "--state", str(tmp_path / "elsewhere"), "--database", url, "--json"]) == 0
    listed = {p["name"]: p for p in map(json.loads, capsys.readouterr().out.splitlines())}
    assert listed and all(p["latest"]["seen"] for p in listed.values())
    assert any(p["type"] == "analyst" for p in listed.values())
    assert not (tmp_path / "elsewhere").exists()


def test_a_state_database_made_before_the_queue_gets_its_new_columns(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    for url in (sqlite_url(tmp_path / "old.sqlite"), new_database()):
        engine = sa.create_engine(url)
        with engine.begin() as conn:  # the runs table as an earlier version made it
            conn.execute(
                sa.text(
                    "CREATE TABLE runs (id INTEGER PRIMARY KEY, schedule VARCHAR(200) NOT NULL, trigger VARCHAR(20) "
                    "NOT NULL, started_at TIMESTAMP WITH TIME ZONE NOT NULL, ended_at TIMESTAMP WITH TIME ZONE, "
                    "status VARCHAR(20) NOT NULL, articles INTEGER NOT NULL, stories INTEGER NOT NULL, "
                    "outputs TEXT NOT NULL, detail TEXT NOT NULL)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO runs VALUES (1, 'desk', 'manual', '2026-11-25 07:00:00+00', "
                    "'2026-11-25 07:00:05+00', 'ok', 10, 3, '[]', '')"
                )
            )
        engine.dispose()
        for _ in range(2):  # opened twice: the second time there is nothing to add
            store = StateStore(url)
            try:
                (run,) = store.runs()
                assert (run.status, run.due_at, run.worker) == ("ok", None, None)
            finally:
                store.close()


def test_every_postgresql_connection_asks_for_keepalives_both_ways_and_keeps_the_urls_own(
    new_database: Callable[[], str],
) -> None:
    from briefing.queue.database import connect_kwargs
    from briefing.store import postgresql_connect_args

    server = "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3"
    plain = postgresql_connect_args("postgresql+psycopg://briefing@db.example.org/briefing")
    assert plain == {
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "options": server,
    }
    own = postgresql_connect_args("postgresql+psycopg://b@db/b?keepalives_idle=5&options=-c%20tcp_keepalives_idle%3D5")
    assert "keepalives_idle" not in own and own["options"] == f"{server} -c tcp_keepalives_idle=5"  # the URL's win
    assert connect_kwargs("postgresql+psycopg://b@db/b")["options"] == server  # procrastinate's pool too
    # and the server takes them (on this Unix socket it reads them as 0: keepalives are TCP's)
    store = StateStore(new_database())
    try:
        assert store.runs() == []
    finally:
        store.close()


def test_on_postgresql_an_email_held_back_is_sent_from_the_database_by_another_machine(
    new_database: Callable[[], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state folder that rendered an email is gone; a run elsewhere sends the bytes the database kept."""
    from email import message_from_bytes

    from tests.mailserver import MailServer

    url = new_database()
    _schedule(tmp_path, every="1h")
    with (tmp_path / "schedules" / "desk.toml").open("a", encoding="utf-8") as file:
        file.write('\n[email]\nto = ["desk@example.org"]\nattach = ["json"]\n')
    args = ["schedule", "trigger", "desk", "--schedules", str(tmp_path / "schedules"), "--database", url, "-q"]
    down = MailServer()  # not started: connections are refused
    for key, value in down.env().items():
        monkeypatch.setenv(key, value)
    assert main([*args, "--state", str(tmp_path / "here")]) == 1  # the email failed, and is held back
    store = StateStore(url)
    try:
        (run,) = store.runs("desk")
        kept = store.message(run.id)
        assert kept is not None and kept == Path(run.deliveries[0].message_path).read_bytes()
        shutil.rmtree(tmp_path / "here")  # the machine that ran it is gone, its outbox with it
        server = MailServer(port=down.port).start()
        try:
            for key, value in server.env().items():
                monkeypatch.setenv(key, value)
            assert main([*args, "--state", str(tmp_path / "there")]) == 0
            assert len(server.received) == 1
        finally:
            server.stop()
        sent = message_from_bytes(server.received[0].data)
        assert sent["Message-ID"] == message_from_bytes(kept)["Message-ID"]
        assert [d.status for d in store.runs("desk")[-1].deliveries] == ["sent"]
        assert store.message(run.id) is None  # sent to everyone: the bytes are not kept any longer
    finally:
        store.close()
