"""Faults in the middle of a scheduled run: the process killed, the disk full, the state database
locked or damaged. Whatever happens, a brief is written once, no article is lost or briefed
twice, no half-written file is left as a brief, and errors are one clear line."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

import briefing.store as store_module
from briefing.cli import main
from tests.conftest import EXAMPLES, ROOT
from tests.mailserver import DroppingRelay, MailServer
from tests.test_schedule import NEW_ARTICLE, runs, trigger, trigger_args, write_schedule


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "articles")
    (tmp_path / "schedules").mkdir()
    write_schedule(tmp_path, email=False)
    return tmp_path


def _args(workspace: Path) -> list[str]:
    return trigger_args(workspace)


def _assert_briefed_once(workspace: Path) -> None:
    """One brief on disk, whole; every article in exactly one recorded run; no leftovers."""
    briefs = workspace / "briefs"
    assert not list(briefs.glob(".*")), "a temporary file was left behind"
    pdfs, pages = sorted(briefs.glob("*.pdf")), sorted(briefs.glob("*.html"))
    assert len(pdfs) == 1 and len(pages) == 1, sorted(p.name for p in briefs.iterdir())
    assert len(PdfReader(pdfs[0]).pages) > 1
    assert pages[0].read_text(encoding="utf-8").rstrip().endswith("</html>")
    records = runs(workspace)
    done = [r for r in records if r["status"] == "ok"]
    assert len(done) == 1 and done[0]["articles"] == 10, records
    assert {r["status"] for r in records} <= {"ok", "interrupted", "failed", "nothing-new"}
    assert not list((workspace / "state").glob("outbox/*.eml"))


def _child(workspace: Path, prelude: str = "") -> subprocess.Popen[bytes]:
    code = f"{prelude}\nimport sys\nfrom briefing.cli import main\nsys.exit(main({_args(workspace)!r} + ['-q']))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, cwd=ROOT)


def test_killed_after_writing_the_brief_before_recording_it(workspace: Path) -> None:
    # the worst moment: the files are on disk, the state does not know them
    prelude = (
        "import os, signal\nfrom briefing.store import StateStore\n"
        "StateStore.complete_run = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)"
    )
    child = _child(workspace, prelude)
    _, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err.decode()
    assert list((workspace / "briefs").glob("*.pdf")), "the brief was written before the kill"
    assert main(_args(workspace)) == 0
    _assert_briefed_once(workspace)
    assert [r["status"] for r in runs(workspace)] == ["interrupted", "ok"]


@pytest.mark.parametrize("after", [0.8, 1.6, 2.4])
def test_killed_at_any_moment_then_restarted(workspace: Path, after: float) -> None:
    child = _child(workspace)
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    assert main(_args(workspace)) == 0
    _assert_briefed_once(workspace)


def test_disk_full_while_writing(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing import atomic

    real_create = atomic._create_temporary

    def full_disk_for_html(path: Path) -> tuple[int, str]:
        fd, name = real_create(path)
        if ".html." in name:  # the PDF is written first, then the disk is full
            os.close(fd)
            fd = os.open("/dev/full", os.O_WRONLY)  # every write fails with ENOSPC
        return fd, name

    monkeypatch.setattr(atomic, "_create_temporary", full_disk_for_html)
    assert main(_args(workspace)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "No space left on device" in err[0] and ".html" in err[0] and "Traceback" not in "\n".join(err)
    assert not list((workspace / "briefs").glob("*")), "the PDF written before the HTML failed is not a brief"
    assert [r["status"] for r in runs(workspace)] == ["failed"]
    monkeypatch.undo()
    assert main(_args(workspace)) == 0  # nothing was marked briefed: the next run briefs everything
    _assert_briefed_once(workspace)


def test_disk_full_at_the_manifest_changes_no_state(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest is the run's last file: when it cannot be written, nothing is marked briefed, no email is
    queued and no inbox file moved, and the next run briefs the same articles and sends one email."""
    from briefing import atomic

    inbox = workspace / "inbox"
    inbox.mkdir()
    (inbox / "pilots.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    path = write_schedule(workspace)  # with email
    path.write_text(
        path.read_text().replace('sources = ["../articles"]', 'sources = ["../articles", "inbox:../inbox"]'),
        encoding="utf-8",
    )
    real_create = atomic._create_temporary

    def full_disk_for_the_manifest(target: Path) -> tuple[int, str]:
        fd, name = real_create(target)
        if target.name.endswith(".manifest.json"):  # every other file of the run is written
            os.close(fd)
            fd = os.open("/dev/full", os.O_WRONLY)  # every write fails with ENOSPC
        return fd, name

    server = MailServer().start()
    try:
        monkeypatch.setattr(atomic, "_create_temporary", full_disk_for_the_manifest)
        assert trigger(workspace, server.env(), monkeypatch) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert "No space left on device" in err[0] and ".manifest.json" in err[0]
        assert [r["status"] for r in runs(workspace)] == ["failed"]
        assert runs(workspace)[0]["deliveries"] == [], "no email queued"
        store = store_module.StateStore(store_module.sqlite_url(workspace / "state" / "state.sqlite"))
        try:
            assert store.briefed_digests("desk") == set(), "no article marked briefed"
            assert store.deliveries_due("desk") == []
        finally:
            store.close()
        assert not list((workspace / "briefs").glob("*")), "the files written before the manifest are removed"
        assert not list((workspace / "state").glob("outbox/*.eml"))
        assert (inbox / "pilots.txt").is_file(), "the inbox file stays to be briefed"
        assert server.received == []
        monkeypatch.undo()
        assert trigger(workspace, server.env(), monkeypatch) == 0  # the same articles, briefed now
        assert trigger(workspace, server.env(), monkeypatch) == 0  # and only once
    finally:
        server.stop()
    history = runs(workspace)
    assert [(r["status"], r["articles"]) for r in history] == [("failed", 0), ("ok", 11), ("nothing-new", 0)]
    assert len(server.received) == 1
    assert not (inbox / "pilots.txt").exists() and (inbox / ".processed" / "pilots.txt").is_file()
    assert len(list((workspace / "briefs").glob("*.manifest.json"))) == 1


def test_state_database_locked(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_args(workspace), "-q"]) == 0
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.3)
    database = workspace / "state" / "state.sqlite"
    other = sqlite3.connect(database)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(_args(workspace)) == 1  # a run writes; readers (history) are not blocked, by design
    finally:
        other.rollback()
        other.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert str(database) in err[0] and "locked" in err[0]
    assert any("wait for it to finish" in line for line in err) and "Traceback" not in "\n".join(err)
    assert main(_args(workspace)) == 0  # once the other process is done, runs go on
    assert [r["status"] for r in runs(workspace)] == ["ok", "nothing-new"]


def test_state_database_damaged(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = workspace / "state" / "state.sqlite"
    database.parent.mkdir()
    database.write_bytes(b"this is not a database\n" * 200)
    assert main(_args(workspace)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert str(database) in err[0] and "damaged" in err[0]
    assert any("move the file aside" in line for line in err) and "Traceback" not in "\n".join(err)
    assert not (workspace / "briefs").exists(), "nothing is briefed without a state to record it"
    database.rename(database.with_suffix(".damaged"))
    assert main(_args(workspace)) == 0
    _assert_briefed_once(workspace)


@pytest.mark.parametrize("drops", [1, 3])
def test_the_mail_server_dropping_the_connection_mid_message(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, drops: int
) -> None:
    """The connection is cut while the message is being sent: it is sent again, and arrives once.

    One drop is retried within the run; three drops use up the run's three attempts, so the email
    stays queued and goes with the next run.
    """
    from briefing.deliver import smtp

    write_schedule(workspace)  # with email
    server = MailServer().start()
    relay = DroppingRelay(server.port, drops=drops).start()
    waits: list[float] = []
    real_send = smtp.send
    monkeypatch.setattr(smtp, "send", lambda *a, **k: real_send(*a, **k, sleep=waits.append))
    env = server.env(BRIEFING_SMTP_PORT=str(relay.port), BRIEFING_SMTP_RETRIES="3")
    try:
        first = trigger(workspace, env, monkeypatch)
        assert relay.cut == drops
        if drops == 1:
            assert first == 0 and waits == [2.0]
        else:
            assert first == 1 and waits == [2.0, 4.0]
            assert server.received == []
            assert {status for _, status, _ in runs(workspace)[0]["deliveries"]} == {"failed"}
            assert trigger(workspace, env, monkeypatch) == 0  # nothing new to brief; the queued email goes
        assert trigger(workspace, env, monkeypatch) == 0
    finally:
        relay.stop()
        server.stop()
    assert len(server.received) == 1, "delivered exactly once"
    assert sorted(server.received[0].recipients) == ["desk@example.org", "head@example.org"]
    assert server.received[0].message.get_content_type() == "multipart/mixed"
    assert {status for _, status, _ in runs(workspace)[0]["deliveries"]} == {"sent"}
