"""The queue (briefing[queue]): clocks and workers as users start them, on a PostgreSQL server of the tests' own.

Clocks (``briefing schedule run --executor queue``) and workers (``briefing worker``) run as processes of their
own, stopped with SIGTERM, or killed with SIGKILL where the scenario says so; every wait is for a condition in the
database, with a generous deadline, and nothing asserts how long anything took.
"""

from __future__ import annotations

import ast
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pytest

from briefing.cli import main
from briefing.store import RunRecord, StateStore
from tests.conftest import EXAMPLES, ROOT
from tests.mailserver import MailServer
from tests.pg import PostgresServer
from tests.test_schedule import wait_for

SUCCESS = ("ok", "nothing-new")
RECIPIENTS = ["desk@example.org", "head@example.org"]
#: generous: a loaded two-core machine runs four Python processes here
DEADLINE = 120.0


# procrastinate stays out of every command that is not the queue's -------------------------------


def test_help_and_the_commands_outside_the_queue_never_import_procrastinate(tmp_path: Path) -> None:
    (tmp_path / "schedules").mkdir()
    commands = [
        ["--help"],
        ["worker", "--help"],
        ["queue", "init", "--help"],
        ["schedule", "run", "--help"],
        ["schedule", "validate", "--schedules", str(tmp_path / "schedules")],
        ["schedule", "history", "--state", str(tmp_path / "state")],
        ["templates", "list"],
    ]
    code = (
        "import contextlib, io, sys, briefing.cli as c\n"
        f"for args in {commands!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n            c.main(args)\n        except SystemExit:\n            pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('procrastinate', 'psycopg_pool')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_only_the_queue_package_imports_procrastinate() -> None:
    found = []
    for path in sorted((ROOT / "briefing").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name.split(".")[0] == "procrastinate" for name in names):
                found.append(path.relative_to(ROOT).as_posix())
    assert found
    assert all(name.startswith("briefing/queue/") for name in found), found
    assert "briefing/queue/__init__.py" not in found  # importing the package loads nothing of procrastinate


# queue init -------------------------------------------------------------------------------------


def test_queue_init_creates_the_queue_once_and_says_so_the_second_time(
    new_database: Callable[[], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = new_database()
    assert main(["queue", "init", "--database", url]) == 0
    assert "created the queue" in capsys.readouterr().out
    assert main(["queue", "init", "--database", url]) == 0
    assert "already" in capsys.readouterr().out
    tables = {r[0] for r in _query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"procrastinate_jobs", "procrastinate_workers", "due_runs", "runs", "briefed", "deliveries"} <= tables
    columns = {
        r[0] for r in _query(url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'runs'")
    }
    assert {"due_at", "worker"} <= columns


@pytest.mark.parametrize(
    ("database", "message"),
    [
        (None, "error: the queue needs a PostgreSQL database and none was given"),
        ("sqlite:///{tmp}/state.sqlite", "error: the queue needs PostgreSQL, and sqlite:///"),
        ("mysql://someone@db/briefing", "error: the queue needs PostgreSQL, and mysql://someone@db/briefing is mysql"),
        ("postgresql+psycopg2://someone@db/briefing", "through psycopg 3"),
    ],
)
@pytest.mark.parametrize("command", [["queue", "init"], ["worker"], ["schedule", "run", "--executor", "queue"]])
def test_the_queue_refuses_anything_but_postgresql_in_one_line_with_a_hint(
    command: list[str],
    database: str | None,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("BRIEFING_DATABASE_URL", raising=False)
    (tmp_path / "schedules").mkdir()
    args = [*command, "--state", str(tmp_path / "state")] if command[0] != "queue" else list(command)
    if command[0] == "schedule":
        args += ["--schedules", str(tmp_path / "schedules")]
    if database is not None:
        args += ["--database", database.format(tmp=tmp_path)]
    assert main(args) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("error: ") and message in err[0]
    assert err[1].startswith("hint: ")
    assert not (tmp_path / "state").exists()


# enqueuing: one job per due run, at most one waiting per schedule ------------------------------


def test_a_due_run_is_enqueued_once_and_a_waiting_job_takes_in_the_later_ones(
    new_database: Callable[[], str],
) -> None:
    from briefing.queue.database import queue_engine
    from briefing.queue.jobs import DueRun, enqueue

    url = new_database()
    assert main(["queue", "init", "--database", url, "-q"]) == 0
    engine = queue_engine(url)
    try:
        due = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)

        def run(at: datetime, name: str = "desk") -> DueRun:
            return DueRun(schedule=name, due_at=at, folder="/srv/schedules", digest="d")

        assert enqueue(engine, run(due), clock="a") == "enqueued"
        assert enqueue(engine, run(due), clock="b") == "known"  # a second clock, racing
        assert enqueue(engine, run(due + timedelta(minutes=1)), clock="a") == "coalesced"  # one is waiting
        assert enqueue(engine, run(due, "wire"), clock="a") == "enqueued"  # another schedule's own lock
    finally:
        engine.dispose()
    jobs = _query(url, "SELECT args->>'schedule', lock, queueing_lock, status FROM procrastinate_jobs ORDER BY id")
    assert jobs == [
        ("desk", "briefing:desk", "briefing:desk", "todo"),
        ("wire", "briefing:wire", "briefing:wire", "todo"),
    ]
    rows = _query(url, "SELECT schedule, state, clock, job_id FROM due_runs ORDER BY schedule, due_at")
    assert [r[:3] for r in rows] == [("desk", "enqueued", "a"), ("desk", "coalesced", "a"), ("wire", "enqueued", "a")]
    assert rows[0][3] == rows[1][3]  # the coalesced due run names the job waiting


def test_a_clock_that_takes_over_enqueues_the_latest_missed_run_and_skips_those_past_the_grace_time(
    new_database: Callable[[], str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from briefing.queue.clock import ClockSettings, QueueClock
    from briefing.queue.database import queue_engine

    url = new_database()
    assert main(["queue", "init", "--database", url, "-q"]) == 0
    _workspace(tmp_path, ["desk"], every="1m")
    now = [datetime(2026, 11, 25, 7, 0, 30, tzinfo=UTC)]
    clock = QueueClock(
        ClockSettings(
            schedules_dir=tmp_path / "schedules", database_url=url, grace_seconds=600, reload_seconds=60, name="c"
        ),
        now=lambda: now[0],
    )
    engine = queue_engine(url)
    try:
        assert clock.tick(engine) == pytest.approx(30.0, abs=0.5)  # first seen: due first at 07:01
        now[0] = datetime(2026, 11, 25, 7, 1, 0, tzinfo=UTC)
        clock.tick(engine)
        now[0] = datetime(2026, 11, 25, 7, 4, 10, tzinfo=UTC)  # 07:02, 07:03 and 07:04 were due meanwhile
        clock.tick(engine)
        now[0] = datetime(2026, 11, 25, 9, 0, 5, tzinfo=UTC)  # hours later: only the last ten minutes count
        clock.tick(engine)
        clock.tick(engine)  # nothing more is due
    finally:
        engine.dispose()
    due = [
        r[0] for r in _query(url, "SELECT to_char(due_at AT TIME ZONE 'UTC', 'HH24:MI') FROM due_runs ORDER BY due_at")
    ]
    assert due == ["07:01", "07:04", "09:00"]
    assert "desk: 2 run(s) due while no clock led are coalesced into the one due at 2026-11-25 10:04:00 MSK" in (
        caplog.text
    )
    assert "desk: the runs due from 2026-11-25 10:05:00 MSK to 2026-11-25 11:50:05 MSK were skipped" in caplog.text


# clocks and workers as processes ----------------------------------------------------------------


def test_two_clocks_and_two_workers_run_every_due_run_once_and_a_schedule_never_twice_at_once(
    new_database: Callable[[], str], tmp_path: Path, mail: MailServer
) -> None:
    url = _initialised(new_database)
    names = ["desk", "wire", "world"]
    _workspace(tmp_path, names, every="2s", email=True)

    def successful(at_least: int) -> bool:
        return all(len([r for r in _runs(url, name) if r.status in SUCCESS]) >= at_least for name in names)

    with Processes(tmp_path, mail.env()) as procs:
        workers = [procs.worker(url, tmp_path, f"w{i}") for i in (1, 2)]
        clocks = [procs.clock(url, tmp_path, f"clock{i}") for i in (1, 2)]
        wait_for(lambda: successful(3), timeout=DEADLINE, what="three runs of each schedule")
        # a correction to one article: every schedule's next run briefs it, and emails it
        article = tmp_path / "articles" / "rates" / "estmark-times-rate-rise.md"
        corrected = article.with_name(".corrected")
        corrected.write_text(article.read_text(encoding="utf-8") + "\nThis article was corrected.\n", encoding="utf-8")
        corrected.replace(article)
        wait_for(lambda: successful(6), timeout=DEADLINE, what="six runs of each schedule")
        for process in clocks:
            procs.stop(process)
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the jobs enqueued to be run")
        for process in workers:
            procs.stop(process)
    runs = _runs(url)
    assert {r.status for r in runs} <= set(SUCCESS), [
        (r.schedule, r.status, r.detail) for r in runs if r.status not in SUCCESS
    ]
    assert {r.worker for r in runs} <= {"w1", "w2"}
    assert all(r.trigger == "queue" and r.due_at is not None for r in runs)
    # exactly one run per (schedule, due time), and one for every due run that was given a job
    keys = Counter((r.schedule, r.due_at) for r in runs)
    assert set(keys.values()) == {1}
    due = _query(url, "SELECT schedule, due_at, state, clock FROM due_runs")
    assert {(s, d) for s, d, state, _ in due if state == "enqueued"} == set(keys)
    assert len({c for *_, c in due}) == 1  # one clock led: the other stood by all along
    for name in names:
        mine = sorted((r for r in runs if r.schedule == name), key=lambda r: r.started_at)
        briefed = [i for i, r in enumerate(mine) if r.status == "ok"]
        assert len(briefed) == 2 and briefed[0] == 0, [r.status for r in mine]  # the first run, and the correction
        for earlier, later in itertools.pairwise(mine):
            assert earlier.ended_at is not None and earlier.ended_at <= later.started_at, (earlier, later)
    # every recipient has one email of each run that briefed something, and no other
    briefed_runs = [r for r in runs if r.status == "ok"]
    assert len(briefed_runs) == 2 * len(names)
    for recipient in RECIPIENTS:
        ids = _emails_to(mail, recipient)
        assert len(ids) == len(set(ids)) == len(briefed_runs), (recipient, ids)
    subjects = Counter(str(r.message["Subject"]).split(" — ")[0] for r in mail.received)
    assert subjects == {f"{name} brief": 2 for name in names}
    history = _history_json(url)
    assert {"schedule", "due_at", "status", "started_at", "finished_at", "worker"} <= set(history[0])
    assert {(h["schedule"], h["due_at"]) for h in history} == {(s, d.isoformat()) for s, d in keys if d}


def test_a_worker_killed_mid_run_has_its_job_finished_by_another_and_its_run_marked_interrupted(
    new_database: Callable[[], str], tmp_path: Path, mail: MailServer
) -> None:
    from briefing.queue.database import queue_engine
    from briefing.queue.jobs import DueRun, enqueue

    url = _initialised(new_database)
    _workspace(tmp_path, ["desk"], every="1h", email=True)
    hung = tmp_path / "hung"
    with Processes(tmp_path, mail.env()) as procs:
        doomed = procs.start(
            "w1",
            ["-c", HANG_ON_THE_MANIFEST, str(hung), *_worker_args(url, tmp_path, "w1")],
        )
        engine = queue_engine(url)
        try:
            due = datetime.now(UTC).replace(microsecond=0)
            folder = str(tmp_path / "schedules")
            assert enqueue(engine, DueRun(schedule="desk", due_at=due, folder=folder), clock="test") == "enqueued"
        finally:
            engine.dispose()
        wait_for(hung.exists, timeout=DEADLINE, what="the first worker to be in the middle of the run")
        engine = queue_engine(url)
        try:  # the next due run waits meanwhile (the queueing lock lets one wait)
            later = DueRun(schedule="desk", due_at=due + timedelta(hours=1), folder=folder)
            assert enqueue(engine, later, clock="test") == "enqueued"
        finally:
            engine.dispose()
        left = sorted(p.name for p in (tmp_path / "briefs").iterdir())
        assert left and not any(name.endswith(".manifest.json") for name in left)  # written so far: no manifest
        assert [(r.status, r.worker) for r in _runs(url)] == [("running", "w1")]
        doomed.kill()
        doomed.wait(30)
        procs.worker(url, tmp_path, "w2")
        wait_for(lambda: any(r.status == "ok" for r in _runs(url)), timeout=DEADLINE, what="the run brought back")
        wait_for(lambda: _delivered(url) == {"sent"}, timeout=DEADLINE, what="the brought-back run's emails")
        # the worker marks its job done just after the run: wait for that while it runs, then look
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the brought-back job to be marked done")
    finished, interrupted = _runs(url)
    assert (finished.status, finished.worker, finished.due_at) == ("ok", "w2", due)
    assert (interrupted.status, interrupted.worker, interrupted.due_at) == ("interrupted", "w1", due)
    assert all(Path(p).exists() for p in finished.outputs)
    now_there = {p.name for p in (tmp_path / "briefs").iterdir()}
    assert not set(left) & now_there  # the dead run's files were removed
    assert not any(name.startswith(".") for name in now_there)
    # one email to each recipient: the dead run had queued none
    assert [_emails_to(mail, r) for r in RECIPIENTS] == [[mail.received[0].message["Message-ID"]]] * 2
    jobs = _query(url, "SELECT id, status FROM procrastinate_jobs ORDER BY id")
    assert [status for _, status in jobs] == ["succeeded", "cancelled"]  # the waiting one gave way
    coalesced = _query(url, "SELECT state, job_id FROM due_runs ORDER BY due_at")
    assert coalesced == [("enqueued", jobs[0][0]), ("coalesced", jobs[0][0])]


@pytest.mark.parametrize(
    ("when", "emails"),
    [
        pytest.param("before", 1, id="before-sending"),
        # the server said 250, the worker died before recording it: the email goes again, the same message
        pytest.param("after", 2, id="between-the-servers-250-and-the-record"),
    ],
)
def test_a_worker_killed_after_recording_its_run_has_another_send_the_email_once_more_at_most(
    new_database: Callable[[], str], tmp_path: Path, mail: MailServer, when: str, emails: int
) -> None:
    from briefing.queue.database import queue_engine
    from briefing.queue.jobs import DueRun, enqueue

    url = _initialised(new_database)
    _workspace(tmp_path, ["desk"], every="1h", email=True)
    hung = tmp_path / "hung"
    hang = ["-c", HANG_AROUND, str(hung), "briefing.deliver.smtp.send", when, "600"]
    with Processes(tmp_path, mail.env()) as procs:
        doomed = procs.start("w1", [*hang, *_worker_args(url, tmp_path, "w1")])
        engine = queue_engine(url)
        try:
            due = datetime.now(UTC).replace(microsecond=0)
            run = DueRun(schedule="desk", due_at=due, folder=str(tmp_path / "schedules"))
            assert enqueue(engine, run, clock="test") == "enqueued"
        finally:
            engine.dispose()
        wait_for(hung.exists, timeout=DEADLINE, what="the first worker to be sending the email")
        assert [(r.status, r.worker) for r in _runs(url)] == [("ok", "w1")]  # recorded, its emails queued
        assert _delivered(url) == {"pending"}
        assert len(mail.received) == emails - 1
        doomed.kill()
        doomed.wait(30)
        procs.worker(url, tmp_path, "w2")
        wait_for(lambda: _delivered(url) == {"sent"}, timeout=DEADLINE, what="another worker to send the email")
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the brought-back job to end")
        assert f"sent {len(RECIPIENTS)} email(s) its run had left unsent" in procs.log("w2")
    assert [(r.status, r.worker, r.due_at) for r in _runs(url)] == [("ok", "w1", due)]  # not run again
    assert _query(url, "SELECT status FROM procrastinate_jobs") == [("succeeded",)]
    for recipient in RECIPIENTS:
        ids = _emails_to(mail, recipient)
        assert len(ids) == emails and len(set(ids)) == 1, ids  # a resend is the same message
    assert {r.message["Subject"] for r in mail.received} == {mail.received[0].message["Subject"]}


def test_when_the_leading_clock_is_killed_the_one_standing_by_leads_and_runs_go_on(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = _initialised(new_database)
    _workspace(tmp_path, ["desk"], every="1s")
    host = socket.gethostname()
    with Processes(tmp_path) as procs:
        procs.worker(url, tmp_path, "w1")
        first = procs.clock(url, tmp_path, "clock1")
        wait_for(lambda: len(_due_by(url, f"{host}:{first.pid}")) >= 2, timeout=DEADLINE, what="the first clock's runs")
        second = procs.clock(url, tmp_path, "clock2")
        wait_for(lambda: "standing by" in procs.log("clock2"), timeout=DEADLINE, what="the second clock to stand by")
        first.kill()
        first.wait(30)
        led_before = _due_by(url, f"{host}:{first.pid}")
        wait_for(lambda: len(_due_by(url, f"{host}:{second.pid}")) >= 3, timeout=DEADLINE, what="the standby's runs")
        procs.stop(second)
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the jobs enqueued to be run")
    taken_over = _due_by(url, f"{host}:{second.pid}")
    assert min(taken_over) > max(led_before)
    assert "standing by" in procs.log("clock2") and "leads" in procs.log("clock2")
    runs = _runs(url)
    keys = Counter((r.schedule, r.due_at) for r in runs if r.status in SUCCESS)
    assert set(keys.values()) == {1}
    enqueued = {("desk", d) for d, state in _query(url, "SELECT due_at, state FROM due_runs") if state == "enqueued"}
    assert enqueued == set(keys)


def test_a_postgresql_restart_mid_run_runs_no_schedule_twice_at_once_and_every_queued_job_completes(
    own_postgresql: PostgresServer, tmp_path: Path, mail: MailServer
) -> None:
    url = own_postgresql.new_database()
    assert main(["queue", "init", "--database", url, "-q"]) == 0
    names = ["desk", "wire"]
    _workspace(tmp_path, names, every="2s", email=True)
    paused = tmp_path / "paused"
    pause = ["-c", HANG_AROUND, str(paused), "briefing.atomic.write_atomic", "before", "8"]
    with Processes(tmp_path, mail.env()) as procs:
        procs.start("w1", [*pause, *_worker_args(url, tmp_path, "w1")])
        procs.worker(url, tmp_path, "w2")
        clock = procs.clock(url, tmp_path, "clock1")
        # w1 is in the middle of a run, holding its schedule's locks, as the server goes down and comes back
        wait_for(paused.exists, timeout=DEADLINE, what="a run to be under way on the first worker")
        assert [r.status for r in _runs(url) if r.worker == "w1"] == ["running"]
        own_postgresql.restart()
        started = datetime.now(UTC)
        wait_for(
            lambda: all(
                any(r.status in SUCCESS and r.started_at > started for r in _runs(url, name)) for name in names
            ),
            timeout=DEADLINE,
            what="runs of every schedule after the restart",
        )
        procs.stop(clock)
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="every queued job to complete")
        wait_for(lambda: _delivered(url) <= {"sent"}, timeout=DEADLINE, what="every email to be sent")
        for name in ("w1", "w2"):
            procs.stop(procs.running[name][0])
    runs = _runs(url)
    assert {r.status for r in runs} <= {*SUCCESS, "interrupted"}, [(r.schedule, r.status, r.detail) for r in runs]
    paused_run = min((r for r in runs if r.worker == "w1"), key=lambda r: r.id)
    assert paused_run.status in SUCCESS  # the run under way at the restart was finished
    # a due run succeeded once at most, and no two runs of a schedule were under way at once
    assert set(Counter((r.schedule, r.due_at) for r in runs if r.status in SUCCESS).values()) == {1}
    for name in names:
        mine = sorted((r for r in runs if r.schedule == name), key=lambda r: r.started_at)
        for earlier, later in itertools.pairwise(mine):
            assert earlier.ended_at is not None and earlier.ended_at <= later.started_at, (earlier, later)
    # every job ended: run, or given way to the one of its schedule brought back
    jobs = Counter(status for (status,) in _query(url, "SELECT status FROM procrastinate_jobs"))
    assert set(jobs) <= {"succeeded", "cancelled"}, jobs
    enqueued = {
        (s, d) for s, d, state in _query(url, "SELECT schedule, due_at, state FROM due_runs") if state == "enqueued"
    }
    assert {(r.schedule, r.due_at) for r in runs if r.status in SUCCESS} == enqueued
    # and each recipient has each brief: once, or again as the same message if the server took it as the
    # database went down, before it was recorded
    briefed = [r for r in runs if r.status == "ok"]
    for recipient in RECIPIENTS:
        ids = _emails_to(mail, recipient)
        assert len(set(ids)) == len(briefed) and len(ids) <= 2 * len(briefed), (recipient, ids)


def test_a_schedule_pinned_to_a_machine_is_run_by_its_workers_alone_and_an_inbox_by_the_clocks_machines(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    from briefing.queue.clock import ClockSettings, QueueClock
    from briefing.queue.database import queue_engine, queue_url

    url = _initialised(new_database)
    _workspace(tmp_path, ["anywhere", "there"], every="1h")
    with (tmp_path / "schedules" / "there.toml").open("a", encoding="utf-8") as file:
        file.write('machine = "far-away"\n')
    (tmp_path / "inbox").mkdir()
    shutil.copy(tmp_path / "articles" / "rates" / "estmark-times-rate-rise.md", tmp_path / "inbox")
    (tmp_path / "schedules" / "drop.toml").write_text(
        'title = "drop brief"\nevery = "1h"\ntimezone = "UTC"\nsources = ["inbox:../inbox"]\nformats = ["json"]\n'
        'output_dir = "../briefs"\n',
        encoding="utf-8",
    )
    settings = ClockSettings(
        schedules_dir=tmp_path / "schedules", database_url=queue_url(url), reload_seconds=60, name="clock"
    )
    now = [datetime.now(UTC)]
    clock = QueueClock(settings, now=lambda: now[0])
    engine = queue_engine(queue_url(url))
    try:
        clock.tick(engine)  # the schedules are seen: each is due an hour later
        now[0] += timedelta(hours=1, seconds=1)
        clock.tick(engine)
    finally:
        engine.dispose()
    queues = dict(_query(url, "SELECT args->>'schedule', queue_name FROM procrastinate_jobs"))
    here = socket.gethostname()
    assert queues == {"anywhere": "briefing", "there": "briefing@far-away", "drop": f"briefing@{here}"}
    with Processes(tmp_path) as procs:
        near = procs.worker(url, tmp_path, "near")
        wait_for(
            lambda: {r.schedule for r in _runs(url) if r.status in SUCCESS} == {"anywhere", "drop"},
            timeout=DEADLINE,
            what="the runs any worker of this machine may take",
        )
        assert _query(url, "SELECT status FROM procrastinate_jobs WHERE args->>'schedule' = 'there'") == [("todo",)]
        far = procs.start("far", [*_worker_args(url, tmp_path, "far"), "--machine", "far-away"])
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the pinned run to be taken")
        procs.stop(near)
        procs.stop(far)
    assert sorted((r.schedule, r.status, r.worker) for r in _runs(url)) == [
        ("anywhere", "ok", "near"),
        ("drop", "ok", "near"),
        ("there", "ok", "far"),
    ]
    assert not list((tmp_path / "inbox").glob("*.md"))  # the inbox's file was taken, on its machine
    assert "machine far-away" in procs.log("far")


def test_pruning_deletes_jobs_ended_a_month_ago_of_briefings_queues_and_old_due_runs_but_each_schedules_latest(
    new_database: Callable[[], str],
) -> None:
    import sqlalchemy as sa

    from briefing.queue.database import queue_engine
    from briefing.queue.jobs import DueRun, enqueue, prune_jobs

    url = _initialised(new_database)
    now = datetime.now(UTC).replace(microsecond=0)
    engine = queue_engine(url)
    try:
        with engine.begin() as conn:  # a job of another application's queue, ended long ago: not ours to delete
            conn.execute(
                sa.text(
                    "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status) "
                    "VALUES ('other', 'other.task', '{}', 'succeeded')"
                )
            )
        runs = [
            ("desk", now - timedelta(days=60), "", "succeeded"),
            ("desk", now - timedelta(days=59), "far-away", "failed"),
            ("desk", now - timedelta(days=1), "", "succeeded"),  # ended a day ago: kept
            ("quiet", now - timedelta(days=60), "", "succeeded"),  # its latest due run: kept, its job not
            ("late", now - timedelta(days=45), "", "todo"),  # never run: kept
        ]
        for schedule, due, machine, status in runs:
            run = DueRun(schedule=schedule, due_at=due, folder="/schedules", machine=machine)
            assert enqueue(engine, run, clock="test") == "enqueued"
            with engine.begin() as conn:
                conn.execute(
                    sa.text(
                        "UPDATE procrastinate_jobs SET status = CAST(:status AS procrastinate_job_status) "
                        "WHERE args->>'due_at' = :due"
                    ),
                    {"status": status, "due": due.isoformat()},
                )
                conn.execute(  # every event of the job happened when it was due
                    sa.text(
                        "UPDATE procrastinate_events SET at = :due WHERE job_id = (SELECT max(id) FROM procrastinate_jobs)"
                    ),
                    {"due": due},
                )
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE procrastinate_events SET at = now() - interval '90 days' WHERE job_id = 1"))
        assert prune_jobs(engine) == (3, 2)
        assert prune_jobs(engine) == (0, 0)
    finally:
        engine.dispose()
    left = _query(url, "SELECT queue_name, args->>'schedule', status FROM procrastinate_jobs ORDER BY id")
    assert left == [("other", None, "succeeded"), ("briefing", "desk", "succeeded"), ("briefing", "late", "todo")]
    kept = _query(url, "SELECT schedule, due_at FROM due_runs ORDER BY schedule, due_at")
    assert kept == [
        ("desk", now - timedelta(days=1)),
        ("late", now - timedelta(days=45)),
        ("quiet", now - timedelta(days=60)),
    ]


def test_a_job_whose_schedule_is_gone_fails_and_one_whose_run_ended_already_is_not_run_again(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    from briefing.queue.database import queue_engine, queue_url
    from briefing.queue.jobs import DueRun, enqueue
    from briefing.queue.worker import QueueWorker, WorkerSettings

    url = _initialised(new_database)
    _workspace(tmp_path, ["desk"], every="1h")
    due = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    store = StateStore(url)  # desk's run due at 07:00 ended, and its worker died before telling the queue
    try:
        store.finish_run(store.start_run("desk", trigger="queue", due_at=due, worker="dead"), status="nothing-new")
    finally:
        store.close()
    engine = queue_engine(queue_url(url))
    try:
        for name in ("desk", "evening"):
            run = DueRun(schedule=name, due_at=due, folder=str(tmp_path / "schedules"))
            assert enqueue(engine, run, clock="test") == "enqueued"
    finally:
        engine.dispose()
    worker = QueueWorker(
        WorkerSettings(database_url=queue_url(url), state_dir=tmp_path / "state", name="here", heartbeat_seconds=1.0)
    )
    ready = threading.Event()
    thread = threading.Thread(target=worker.run, kwargs={"ready": ready.set}, daemon=True)
    thread.start()
    try:
        assert ready.wait(60)
        wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the jobs to be run")
    finally:
        worker.stop()
        thread.join(60)
    assert not thread.is_alive()
    gone, done = _runs(url)
    assert (gone.schedule, gone.status, gone.due_at, gone.worker) == ("evening", "failed", due, "here")
    assert "evening.toml is gone" in gone.detail and gone.ended_at is not None
    assert (done.schedule, done.worker) == ("desk", "dead")  # and no second run of desk due at 07:00


# helpers -----------------------------------------------------------------------------------------


@pytest.fixture
def mail() -> Iterator[MailServer]:
    server = MailServer().start()
    try:
        yield server
    finally:
        server.stop()


HANG_ON_THE_MANIFEST = """
import sys, time, pathlib
import briefing.atomic as atomic
real = atomic.write_atomic
def hang(path, data, *args, **kwargs):
    # the run's last file: its brief is written, its state not yet recorded
    if str(path).endswith(".manifest.json"):
        pathlib.Path(sys.argv[1]).write_text("hung", encoding="utf-8")
        time.sleep(600)
    return real(path, data, *args, **kwargs)
atomic.write_atomic = hang
from briefing.cli import main
sys.exit(main(sys.argv[2:]))
"""


HANG_AROUND = """
import importlib, pathlib, sys, time
marker, target, when, seconds = sys.argv[1:5]
module_name, _, attribute = target.rpartition(".")
module = importlib.import_module(module_name)
real = getattr(module, attribute)
def pause():
    # the first time only: the worker stops answering for SECONDS (600: for good, until it is killed)
    if not pathlib.Path(marker).exists():
        pathlib.Path(marker).write_text("hung", encoding="utf-8")
        time.sleep(float(seconds))
def hang(*args, **kwargs):
    if when == "before":
        pause()
    result = real(*args, **kwargs)
    if when == "after":
        pause()
    return result
setattr(module, attribute, hang)
from briefing.cli import main
sys.exit(main(sys.argv[5:]))
"""


class Processes:
    """Clocks and workers started as processes of their own, each logging to a file; any left is killed at the end."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        #: added to every process's environment (a mail server's BRIEFING_SMTP_*)
        self.env = env or {}
        self.running: dict[str, tuple[subprocess.Popen[bytes], IO[bytes]]] = {}

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        for process, log in self.running.values():
            if process.poll() is None:
                process.kill()
                process.wait(30)
            log.close()

    def start(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("wb")
        env = {**os.environ, **self.env, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, *args] if args[0] == "-c" else [sys.executable, "-m", "briefing", *args]
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.folder)
        self.running[name] = (process, log)
        return process

    def worker(self, url: str, folder: Path, name: str) -> subprocess.Popen[bytes]:
        return self.start(name, _worker_args(url, folder, name))

    def clock(self, url: str, folder: Path, name: str) -> subprocess.Popen[bytes]:
        args = ["schedule", "run", "--executor", "queue", "--database", url, "--schedules", str(folder / "schedules")]
        return self.start(name, [*args, "--reload-every", "1s"])

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """SIGTERM, and the process ends cleanly (exit 0), finishing what it holds."""
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0, self.logs()

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def logs(self) -> str:
        return "\n".join(f"--- {name}\n{self.log(name)}" for name in self.running)


def _worker_args(url: str, folder: Path, name: str) -> list[str]:
    state = ["--state", str(folder / f"state-{name}")]
    pace = ["--heartbeat", "1s", "--stalled-after", "3s"]
    return ["worker", "--database", url, *state, "--name", name, *pace]


def _initialised(new_database: Callable[[], str]) -> str:
    url = new_database()
    assert main(["queue", "init", "--database", url, "-q"]) == 0
    return url


def _workspace(folder: Path, names: list[str], *, every: str, email: bool = False) -> None:
    """The examples as ``folder/articles``, and a schedule for each name briefing them to JSON in ``folder/briefs``,
    emailed (with the JSON attached) to :data:`RECIPIENTS` if ``email``."""
    shutil.copytree(EXAMPLES, folder / "articles")
    (folder / "schedules").mkdir()
    mailing = f'[email]\nto = {json.dumps(RECIPIENTS)}\nattach = ["json"]\n' if email else ""
    for name in names:
        (folder / "schedules" / f"{name}.toml").write_text(
            f'title = "{name} brief"\nevery = "{every}"\ntimezone = "Europe/Moscow"\nsources = ["../articles"]\n'
            f'formats = ["json"]\noutput_dir = "../briefs"\n{mailing}',
            encoding="utf-8",
        )


def _emails_to(mail: MailServer, recipient: str) -> list[str]:
    """The Message-IDs of the emails the server accepted for ``recipient``, in the order it accepted them."""
    return [str(r.message["Message-ID"]) for r in mail.received if recipient in r.recipients]


def _runs(url: str, schedule: str | None = None) -> list[RunRecord]:
    store = StateStore(url)
    try:
        return store.runs(schedule, limit=10_000)
    finally:
        store.close()


def _history_json(url: str) -> list[dict[str, Any]]:
    out = subprocess.run(
        [sys.executable, "-m", "briefing", "schedule", "history", "--database", url, "--json", "--limit", "10000"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    runs: list[dict[str, Any]] = json.loads(out)["runs"]
    return runs


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()


def _delivered(url: str) -> set[str]:
    """The statuses of the deliveries recorded."""
    return {status for (status,) in _query(url, "SELECT status FROM deliveries")}


def _unfinished_jobs(url: str) -> list[tuple[Any, ...]]:
    return _query(url, "SELECT id FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")


def _due_by(url: str, clock: str) -> list[datetime]:
    return [row[0] for row in _query(url, f"SELECT due_at FROM due_runs WHERE clock = '{clock}' ORDER BY due_at")]
