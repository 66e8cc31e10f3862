"""Scheduled briefs end to end: schedule files, trigger, state, manifest, email through a real SMTP server,
the real scheduler, restarts, a failing mail server, and two daemons on one state folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import ScheduleError
from briefing.schedule.daemon import DaemonSettings, SchedulerDaemon
from briefing.schedule.spec import load_folder, load_schedule, parse_duration
from briefing.store import StateStore, sqlite_url
from tests.conftest import EXAMPLES, ROOT
from tests.mailserver import MailServer

NEW_ARTICLE = """Lyss harbour pilots join dockworkers' strike
Harbour pilots at the Port of Halvard joined the dockworkers' strike on Wednesday, leaving the last ships able to \
move without a pilot on board, the pilots' association said.

"We cannot guide ships into a port where nobody will unload them," said Maren Holt, chair of the Halvard Pilots' \
Association, at a news conference on the quay.

The port authority said it would ask the courts to order the pilots back to work by Friday.
"""


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the examples (so a test can add an article) and a schedules folder beside it."""
    shutil.copytree(EXAMPLES, tmp_path / "articles")
    (tmp_path / "schedules").mkdir()
    return tmp_path


def write_schedule(
    workspace: Path, name: str = "desk", *, when: str = 'every = "1h"', email: bool = True, extra: str = ""
) -> Path:
    text = f"""title = "Morning brief"
{when}
timezone = "Europe/Moscow"
sources = ["../articles"]
formats = ["pdf", "html"]
output_dir = "../briefs"
{extra}
"""
    if email:
        text += """
[email]
to = ["desk@example.org", "Head of desk <head@example.org>"]
subject = "{title} — {date:%d %B %Y}"
attach = ["pdf"]
"""
    path = workspace / "schedules" / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mail() -> Iterator[MailServer]:
    server = MailServer().start()
    try:
        yield server
    finally:
        server.stop()


def trigger_args(workspace: Path, name: str = "desk") -> list[str]:
    """``briefing schedule trigger NAME`` on the workspace's schedules and state."""
    return [
        "schedule",
        "trigger",
        name,
        "--schedules",
        str(workspace / "schedules"),
        "--state",
        str(workspace / "state"),
    ]


def trigger(workspace: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, name: str = "desk") -> int:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return main([*trigger_args(workspace, name), "-q"])


def runs(workspace: Path) -> list[dict[str, object]]:
    store = StateStore(sqlite_url(workspace / "state" / "state.sqlite"))
    try:
        return [
            {
                "status": r.status,
                "articles": r.articles,
                "trigger": r.trigger,
                "deliveries": [(d.recipient, d.status, d.attempts) for d in r.deliveries],
                "outputs": r.outputs,
            }
            for r in reversed(store.runs(limit=100))
        ]
    finally:
        store.close()


# schedule files ---------------------------------------------------------------------------------


def test_a_good_schedule_file_is_read_with_paths_from_its_folder(workspace: Path) -> None:
    path = write_schedule(workspace, extra='keywords = ["Halvard", "port strike"]\nsummary_sentences = 2')
    spec = load_schedule(path)
    assert spec.name == "desk"
    assert spec.every_seconds == 3600
    assert spec.sources == (str((workspace / "articles").resolve()),)
    assert spec.output_dir == str((workspace / "briefs").resolve())
    assert spec.keywords == ("Halvard", "port strike")
    assert spec.email is not None and spec.email.to == ("desk@example.org", "Head of desk <head@example.org>")
    assert spec.outputs == ("pdf", "html")
    nxt = spec.next_run(datetime(2026, 11, 25, 4, 0, tzinfo=UTC))
    assert nxt is not None and nxt.utcoffset() == timedelta(hours=3)  # Moscow time


def test_a_schedule_can_tag_its_pdfs(workspace: Path) -> None:
    from briefing.config import BriefConfig
    from briefing.errors import ConfigError
    from briefing.schedule.runner import _config

    assert load_schedule(write_schedule(workspace)).tagged_pdf is None
    assert _config(load_schedule(write_schedule(workspace))).tagged_pdf is BriefConfig().tagged_pdf is False
    spec = load_schedule(write_schedule(workspace, extra="tagged_pdf = true"))
    assert spec.tagged_pdf is True and _config(spec).tagged_pdf is True
    with pytest.raises(ConfigError, match="tagged_pdf"):
        load_schedule(write_schedule(workspace, extra='tagged_pdf = "yes"'))


def test_a_schedule_can_set_the_articles_and_the_briefs_language(workspace: Path) -> None:
    from briefing.errors import ConfigError
    from briefing.schedule.runner import _config

    spec = load_schedule(write_schedule(workspace))
    assert (spec.language, spec.brief_language) == ("", "")
    assert (_config(spec).language, _config(spec).brief_language) == ("", "")
    spec = load_schedule(write_schedule(workspace, extra='language = "ru"\nbrief_language = "de"'))
    assert (spec.language, spec.brief_language) == ("ru", "de")
    assert (_config(spec).language, _config(spec).brief_language) == ("ru", "de")
    with pytest.raises(ConfigError, match="language must be a language code the detector knows"):
        load_schedule(write_schedule(workspace, extra='language = "Russian"'))
    with pytest.raises(ConfigError, match="brief_language must be a language the brief is translated into"):
        load_schedule(write_schedule(workspace, extra='brief_language = "uk"'))
    _specs, problems = load_folder(write_schedule(workspace, extra="brief_language = 7").parent)
    assert [(p.field, p.message) for p in problems] == [
        (
            "brief_language",
            "brief_language must be a language the brief is translated into, not 7; use one of en, ru, de, fr",
        )
    ]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ('title = "x\n', None, "not valid TOML"),
        ('every = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"', "title", "missing"),
        ('title = "x"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"', "cron", "exactly one"),
        (
            'title = "x"\ncron = "0 7 * * *"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"',
            "cron",
            "exactly one",
        ),
        ('title = "x"\ncron = "0 25 * * MON-FRI"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"', "cron", "23"),
        ('title = "x"\ncron = "0 7 * *"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"', "cron", "fields"),
        ('title = "x"\nevery = "soon"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"', "every", "duration"),
        (
            'title = "x"\nevery = "1h"\ntimezone = "Europe/Atlantis"\nsources = ["a"]\noutput_dir = "o"',
            "timezone",
            "unknown timezone",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\ncolor = "red"',
            "color",
            "unknown field",
        ),
        ('title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]', "output_dir", "missing"),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\nmachine = "desk pc"',
            "machine",
            "not a host name",
        ),
        ('title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = []\noutput_dir = "o"', "sources", "at least one"),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\nformats = ["docx"]',
            "formats",
            "docx",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\n[email]\nto = ["desk"]',
            "email.to",
            "not an email address",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\n[email]\n'
            'to = ["a@b.org"]\nsubject = "{title.__class__}"',
            "email.subject",
            "unknown name",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\n[email]\n'
            'to = ["a@b.org"]\nsubject = "{date:{title.__class__.__mro__}}"',
            "email.subject",
            "cannot hold another field",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\n[email]\n'
            'to = ["a@b.org"]\nsubject = "{title!r}"',
            "email.subject",
            "no conversions",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"\n[email]\n'
            'to = ["a@b.org"]\nbcc = ["c@d.org"]',
            "email.bcc",
            "unknown field",
        ),
        (
            'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["file:///etc"]\noutput_dir = "o"',
            "sources",
            "only http",
        ),
    ],
)
def test_a_bad_schedule_file_is_reported_with_path_and_field(
    tmp_path: Path, body: str, field: str | None, message: str
) -> None:
    (tmp_path / "bad.toml").write_text(body, encoding="utf-8")
    (tmp_path / "good.toml").write_text(
        'title = "x"\nevery = "1h"\ntimezone = "UTC"\nsources = ["a"]\noutput_dir = "o"', encoding="utf-8"
    )
    specs, problems = load_folder(tmp_path)
    assert [s.name for s in specs] == ["good"]  # a bad file does not stop the others
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path.endswith("bad.toml")
    assert problem.field == field
    assert message in problem.message
    assert str(problem).startswith(str(tmp_path / "bad.toml"))


def test_validate_command_lists_good_and_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.toml").write_text(
        'title = "x"\ncron = "0 7 * * MON-FRI"\ntimezone = "Europe/Moscow"\nsources = ["a"]\noutput_dir = "o"',
        encoding="utf-8",
    )
    (tmp_path / "bad.toml").write_text('title = "x"\nevery = "1h"\ntimezone = "Nowhere/Land"', encoding="utf-8")
    code = main(["schedule", "validate", "--schedules", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 2
    assert "ok    good: cron 0 7 * * MON-FRI (Europe/Moscow)" in out
    assert f"error {tmp_path / 'bad.toml'}: timezone: unknown timezone 'Nowhere/Land'" in out


def test_validate_reports_every_problem_of_every_file_with_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "desk.toml").write_text(
        'title = "x"\nevery = "soon"\ntimezone = "Europe/Londn"\nsorces = ["a"]\noutput_dir = "o"\n'
        'formats = ["pdf", "docx"]\n[email]\nto = ["desk"]\natach = ["pdf"]\n',
        encoding="utf-8",
    )
    (tmp_path / "evening.toml").write_text('title = "x"\ncron = "0 7 * *"\ntimezone = "UTC"', encoding="utf-8")
    code = main(["schedule", "validate", "--schedules", str(tmp_path)])
    errors = [line for line in capsys.readouterr().out.splitlines() if line.startswith("error ")]
    desk, evening = tmp_path / "desk.toml", tmp_path / "evening.toml"
    assert code == 2
    assert errors == [
        f"error {desk}: sorces: unknown field; did you mean sources?",
        f"error {desk}: every: cannot read 'soon' as a duration; write it like 10s, 30m, 6h, 1d or 1h30m",
        f"error {desk}: timezone: unknown timezone 'Europe/Londn'; did you mean Europe/London?",
        f"error {desk}: sources: missing",
        f"error {desk}: formats: unknown format 'docx'; use pdf, html, md, json",
        f"error {desk}: email.atach: unknown field; did you mean attach?",
        f"error {desk}: email.to: 'desk' is not an email address",
        f"error {evening}: cron: '0 7 * *': Wrong number of fields; got 4, expected 5; write minute hour day "
        'month weekday, e.g. "0 7 * * MON-FRI"',
        f"error {evening}: sources: missing",
        f"error {evening}: output_dir: missing",
    ]
    # one file read alone (trigger, run) names its first problem and how many more there are
    from briefing.errors import ConfigError

    with pytest.raises(ConfigError, match=r"desk.toml: sorces: unknown field; .* \(and 6 more problems\)") as info:
        load_schedule(desk)
    assert info.value.field == "sorces"
    assert info.value.hint and "briefing schedule validate" in info.value.hint


def test_validate_warns_of_an_email_without_a_mail_server(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schedule(workspace)
    write_schedule(workspace, "quiet", email=False)
    for key in [k for k in os.environ if k.startswith("BRIEFING_SMTP_")]:
        monkeypatch.delenv(key)
    args = ["schedule", "validate", "--schedules", str(workspace / "schedules")]
    assert main(args) == 0  # a warning, not an error
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warn ")]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warn  {workspace / 'schedules' / 'desk.toml'}: email: no mail server is set")
    assert "BRIEFING_SMTP_HOST" in warnings[0] and "BRIEFING_SMTP_FROM" in warnings[0]
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("BRIEFING_SMTP_FROM", "briefs@example.org")
    assert main(args) == 0
    assert "warn " not in capsys.readouterr().out


def test_validate_refuses_addresses_no_mail_server_can_take(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An international domain is deliverable (in IDNA's ASCII form); a local part that is not ASCII, or a domain
    IDNA cannot write, is refused with the reason, before any run could queue an email no server takes."""
    path = write_schedule(workspace)
    body = path.read_text(encoding="utf-8")
    args = ["schedule", "validate", "--schedules", str(workspace / "schedules")]
    path.write_text(body.replace('"desk@example.org"', '"Desk <desk@exämple.org>"'), encoding="utf-8")
    assert main(args) == 0
    for address, reason in [
        ("dësk@example.org", "the part before the @ is not ASCII"),
        ("desk@exämple-.org", "is not a valid international domain name"),
    ]:
        path.write_text(body.replace('"desk@example.org"', f'"{address}"'), encoding="utf-8")
        assert main(args) == 2
        errors = [line for line in capsys.readouterr().out.splitlines() if line.startswith("error ")]
        assert len(errors) == 1 and errors[0].startswith(f"error {path}: email.to: {address!r}"), errors
        assert reason in errors[0]


def test_list_shows_the_next_run_in_the_schedules_timezone(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_schedule(workspace, when='cron = "0 7 * * MON-FRI"', email=False)
    code = main(["schedule", "list", "--schedules", str(workspace / "schedules"), "--state", str(workspace / "state")])
    out = capsys.readouterr().out
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("desk"))
    assert "cron 0 7 * * MON-FRI (Europe/Moscow)" in line
    assert " 07:00:00 MSK" in line
    assert "never" in line


def test_an_interval_schedule_runs_at_the_same_times_whenever_asked(workspace: Path) -> None:
    from zoneinfo import ZoneInfo

    spec = load_schedule(write_schedule(workspace, when='every = "30m"', email=False))
    now = datetime(2026, 11, 25, 4, 10, 7, tzinfo=UTC)
    half_past_seven = datetime(2026, 11, 25, 7, 30, tzinfo=ZoneInfo("Europe/Moscow"))
    assert spec.next_run(now) == spec.next_run(now + timedelta(seconds=1)) == half_past_seven
    assert spec.trigger().get_next_fire_time(None, now) == half_past_seven  # the scheduler's trigger agrees


def test_list_shows_the_next_run_the_scheduler_has_stored(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_schedule(workspace, when='every = "1h"', email=False)
    args = ["schedule", "list", "--schedules", str(workspace / "schedules"), "--state", str(workspace / "state")]
    assert main(args) == 0
    assert not (workspace / "state").exists()  # listing creates no state
    with Running(daemon_for(workspace)) as running:
        scheduler = running.daemon._scheduler
        scheduler.pause()
        scheduler.modify_job("desk", next_run_time=datetime(2031, 1, 6, 4, 0, tzinfo=UTC))
    capsys.readouterr()

    def desk_line() -> str:
        assert main(args) == 0
        return next(line for line in capsys.readouterr().out.splitlines() if line.startswith("desk"))

    assert "2031-01-06 07:00:00 MSK" in desk_line()
    # a file changed since the scheduler read it is rescheduled when it does: the new file's time
    write_schedule(workspace, when='cron = "0 7 * * MON-FRI"', email=False)
    line = desk_line()
    assert "2031" not in line and " 07:00:00 MSK" in line


def test_durations() -> None:
    assert parse_duration("10s") == 10
    assert parse_duration("30m") == 1800
    assert parse_duration("1h30m") == 5400
    with pytest.raises(ValueError, match="duration"):
        parse_duration("30 minutes")
    with pytest.raises(ValueError, match="more than zero"):
        parse_duration("0s")
    assert parse_duration("365d") == parse_duration("52w1d") == 365 * 86400
    for too_long in ("365d1s", "53w", "99999999999w", "9" * 5000 + "s"):
        with pytest.raises(ValueError, match=r"longer than a year|cannot read"):
            parse_duration(too_long)


@pytest.mark.parametrize("field", ["every", "grace"])
def test_a_duration_longer_than_a_year_is_refused_and_the_other_schedules_listed(
    workspace: Path, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schedule(workspace, email=False)
    when = 'every = "99999999999w"' if field == "every" else 'every = "1h"\ngrace = "99999999999w"'
    write_schedule(workspace, "huge", when=when, email=False)
    folder = str(workspace / "schedules")
    assert main(["schedule", "validate", "--schedules", folder]) == 2
    out = capsys.readouterr().out
    assert f"error {workspace / 'schedules' / 'huge.toml'}: {field}: the duration '99999999999w' is longer" in out
    assert "ok    desk: every 1h (Europe/Moscow)" in out
    assert main(["schedule", "list", "--schedules", folder, "--state", str(workspace / "state")]) == 2
    captured = capsys.readouterr()
    assert "desk" in captured.out and "huge.toml: " + field in captured.err
    assert "Traceback" not in captured.err


def test_a_fifo_named_like_a_schedule_is_reported_not_read(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_schedule(workspace, email=False)
    fifo = workspace / "schedules" / "pipe.toml"
    os.mkfifo(fifo)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(load_folder(workspace / "schedules")), daemon=True)
    reader.start()
    reader.join(30)
    if reader.is_alive():
        os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # let the blocked reader go, then fail
        pytest.fail("reading the schedules folder waited on a FIFO")
    specs, problems = found[0]  # type: ignore[misc]
    assert [s.name for s in specs] == ["desk"]
    assert [str(p) for p in problems] == [f"{fifo}: not a regular file"]
    assert main(["schedule", "validate", "--schedules", str(workspace / "schedules")]) == 2
    assert f"error {fifo}: not a regular file" in capsys.readouterr().out


def test_a_schedule_the_scheduler_cannot_take_stops_no_other(workspace: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_schedule(workspace, "bad", email=False)
    write_schedule(workspace, "good", email=False)
    added: list[str] = []

    class Scheduler:  # the scheduler as sync() sees it; it fails on one schedule
        def get_jobs(self) -> list[object]:
            return []

        def get_job(self, name: str) -> None:
            return None

        def add_job(self, *args: object, id: str, **kwargs: object) -> None:
            if id == "bad":
                raise OverflowError("date value out of range")
            added.append(id)

    daemon = daemon_for(workspace)
    daemon._scheduler = Scheduler()
    with caplog.at_level("ERROR", logger="briefing"):
        daemon.sync()
    assert added == ["good"]
    assert f"{workspace / 'schedules' / 'bad.toml'}: cannot be scheduled: date value out of range" in caplog.text


@pytest.mark.parametrize("option", ["--reload-every", "--grace"])
def test_a_huge_daemon_option_is_a_one_line_error(
    workspace: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["schedule", "run", "--schedules", str(workspace / "schedules"), "--state", str(workspace / "state")]
    assert main([*args, option, "99999999999w"]) == 2
    err = capsys.readouterr().err
    assert f"error: {option}: the duration '99999999999w' is longer than a year" in err
    assert "Traceback" not in err


# trigger: the issue's scenario ------------------------------------------------------------------


def test_trigger_briefs_emails_then_only_what_is_new(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schedule(workspace)
    assert trigger(workspace, mail.env(), monkeypatch) == 0

    # the brief and its manifest are on disk
    briefs = workspace / "briefs"
    pdfs = sorted(briefs.glob("desk-*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    manifest = json.loads(next(briefs.glob("*.manifest.json")).read_text(encoding="utf-8"))
    assert manifest["schedule"] == "desk"
    assert len(manifest["inputs"]) == 10
    assert all(len(item["sha256"]) == 64 and item["path"] for item in manifest["inputs"])
    assert {o["format"] for o in manifest["outputs"]} == {"pdf", "html"}
    import hashlib

    for output in manifest["outputs"]:
        assert hashlib.sha256(Path(output["path"]).read_bytes()).hexdigest() == output["sha256"]
    assert manifest["versions"]["briefing"] and manifest["versions"]["apscheduler"].startswith("3.")
    assert manifest["regenerate"].startswith("briefing generate ")
    assert manifest["settings"]["title"] == "Morning brief"

    # one email, to both recipients, with text, HTML and the PDF
    assert len(mail.received) == 1
    got = mail.received[0]
    assert sorted(got.recipients) == ["desk@example.org", "head@example.org"]
    assert got.sender == "briefs@example.org"
    message = got.message
    assert message.get_content_type() == "multipart/mixed"
    assert message["Subject"].startswith("Morning brief — ")
    assert message["To"] == "desk@example.org, Head of desk <head@example.org>"
    assert message["Message-ID"]
    alternative = next(p for p in message.iter_parts() if p.get_content_type() == "multipart/alternative")
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "MORNING BRIEF" in text and "Port of Halvard" in text
    assert 'style="' in html and "Port of Halvard" in html
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    assert attachments[0].get_filename().endswith(".pdf")

    # nothing new: nothing sent, recorded as such
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert len(mail.received) == 1
    assert len(list(briefs.glob("desk-*.pdf"))) == 1

    # one new article: a brief of that article alone
    (workspace / "articles" / "pilots-join-strike.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert len(mail.received) == 2
    latest = mail.received[1].message
    text = latest.get_body(("plain",)).get_content()
    assert "Harbour pilots at the Port of Halvard joined" in text
    assert "Bank of Estmark" not in text
    assert "1 article" in text
    newest = max(briefs.glob("*.manifest.json"), key=lambda p: json.loads(p.read_text())["run"])
    assert [i["title"] for i in json.loads(newest.read_text())["inputs"]] == [
        "Lyss harbour pilots join dockworkers' strike"
    ]

    history = runs(workspace)
    assert [r["status"] for r in history] == ["ok", "nothing-new", "ok"]
    assert [r["articles"] for r in history] == [10, 0, 1]
    assert history[0]["deliveries"] == [("desk@example.org", "sent", 1), ("Head of desk <head@example.org>", "sent", 1)]
    assert history[1]["deliveries"] == []

    capsys.readouterr()
    assert main(["schedule", "history", "desk", "--state", str(workspace / "state")]) == 0
    out = capsys.readouterr().out
    assert "nothing-new" in out and "email to desk@example.org: sent" in out
    assert main(["schedule", "history", "--json", "--state", str(workspace / "state")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in data["runs"]] == ["ok", "nothing-new", "ok"]


def test_a_changed_article_counts_as_new(workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch) -> None:
    write_schedule(workspace, email=False)
    assert trigger(workspace, {}, monkeypatch) == 0
    target = next((workspace / "articles").rglob("*.txt"))
    target.write_text(
        target.read_text(encoding="utf-8") + "\nThe talks resume on Monday, officials said.\n", encoding="utf-8"
    )
    assert trigger(workspace, {}, monkeypatch) == 0
    assert [r["articles"] for r in runs(workspace)] == [10, 1]


def test_keywords_and_exclude_choose_the_articles(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_schedule(workspace, email=False, extra='keywords = ["Halvard"]\nexclude = ["automated cranes"]')
    assert trigger(workspace, {}, monkeypatch) == 0
    manifest = json.loads(next((workspace / "briefs").glob("*.manifest.json")).read_text())
    expected = {
        str(p.resolve())
        for p in (workspace / "articles").rglob("*.*")
        if not p.name.startswith(".")  # (a folder's .briefing-source is no article)
        and "Halvard" in (t := p.read_text(encoding="utf-8"))
        and "automated cranes" not in t
    }
    assert 0 < len(expected) < 10
    assert {item["path"] for item in manifest["inputs"]} == expected


def test_an_inbox_source_is_briefed_once(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = workspace / "inbox"
    inbox.mkdir()
    (inbox / "pilots.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    path = write_schedule(workspace, email=False)
    path.write_text(path.read_text().replace('sources = ["../articles"]', 'sources = ["inbox:../inbox"]'))
    assert trigger(workspace, {}, monkeypatch) == 0
    assert not (inbox / "pilots.txt").exists()
    assert (inbox / ".processed" / "pilots.txt").is_file()
    assert trigger(workspace, {}, monkeypatch) == 0
    assert [r["status"] for r in runs(workspace)] == ["ok", "nothing-new"]


GOLDEN_MANIFEST = Path(__file__).resolve().parent / "golden" / "schedule-manifest.json"


def test_a_runs_manifest_matches_the_golden_file_and_its_log_is_the_schedules_own(
    workspace: Path, mail: MailServer, caplog: pytest.LogCaptureFixture, update_golden: bool
) -> None:
    from briefing.deliver.smtp import SmtpSettings
    from briefing.schedule.runner import run_schedule

    (workspace / "articles" / "unreadable.txt").write_bytes(b"\x00\x01 binary")
    path = write_schedule(workspace, extra='keywords = ["Halvard", "Estmark"]\nsummary_sentences = 2')
    path.write_text(path.read_text().replace('formats = ["pdf", "html"]', 'formats = ["md", "html", "json"]'))
    spec = load_schedule(workspace / "schedules" / "desk.toml")
    store = StateStore(sqlite_url(workspace / "state.sqlite"))
    try:
        with caplog.at_level("INFO", logger="briefing"):
            outcome = run_schedule(
                spec,
                state_dir=workspace / "state",
                store=store,
                smtp=SmtpSettings.from_env(mail.env()),
                clock=lambda: datetime(2026, 11, 25, 4, 0, tzinfo=UTC),
            )
    finally:
        store.close()
    assert outcome.status == "ok" and len(mail.received) == 1
    # the schedule's own lines: none of generate's -v lines (inputs read, stories formed, stage times)
    unreadable = workspace.resolve() / "articles" / "unreadable.txt"
    assert [r.getMessage() for r in caplog.records if r.name.startswith("briefing")] == [
        "desk: run 1 started (manual)",
        f"desk: skipped {unreadable}: not text (binary data: NUL bytes)",
        outcome.summary(),
    ]
    assert outcome.summary().startswith("desk: 2 stories from 7 new articles; wrote desk-2026-11-25-0700-r1.md, ")

    # the manifest, with the workspace's path, the outputs' digests and the installed versions left out
    manifest = json.loads(Path(outcome.manifest).read_text(encoding="utf-8"))
    assert Path(outcome.manifest).read_bytes() == (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    import hashlib

    for output in manifest["outputs"]:
        data = Path(output["path"]).read_bytes()
        assert (output["bytes"], output["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        output["bytes"], output["sha256"] = "<size>", "<sha256>"
    assert {"briefing", "python", "apscheduler"} <= set(manifest["versions"])
    manifest["versions"] = "<versions>"
    text = json.dumps(manifest, ensure_ascii=False, indent=2).replace(str(workspace.resolve()), "<workspace>") + "\n"
    if update_golden:
        GOLDEN_MANIFEST.write_text(text, encoding="utf-8")
    assert GOLDEN_MANIFEST.is_file(), "run pytest --update-golden once to create the golden file"
    assert text == GOLDEN_MANIFEST.read_text(encoding="utf-8"), "the manifest changed: review it, then --update-golden"


def test_runs_in_the_same_second_never_write_over_each_others_briefs(workspace: Path) -> None:
    """A brief's name holds its run's id (NAME-YYYY-MM-DD-HHMM-rRUN), so runs in one second each keep their own."""
    from briefing.schedule.runner import run_schedule

    path = write_schedule(workspace, email=False)
    path.write_text(path.read_text().replace('formats = ["pdf", "html"]', 'formats = ["md"]'), encoding="utf-8")
    spec = load_schedule(path)
    store = StateStore(sqlite_url(workspace / "state.sqlite"))
    outcomes = []
    try:
        for n in range(4):
            text = NEW_ARTICLE.replace("on Wednesday", f"on day {n} of the strike")
            (workspace / "articles" / f"pilots-{n}.txt").write_text(text, encoding="utf-8")
            outcomes.append(
                run_schedule(
                    spec,
                    state_dir=workspace / "state",
                    store=store,
                    smtp=None,
                    clock=lambda: datetime(2026, 11, 25, 4, 0, 0, tzinfo=UTC),  # one and the same second
                )
            )
    finally:
        store.close()
    assert [o.status for o in outcomes] == ["ok"] * 4
    names = [Path(o.outputs[0]).name for o in outcomes]
    assert names == [f"desk-2026-11-25-0700-r{o.run_id}.md" for o in outcomes]
    briefs = workspace / "briefs"
    assert sorted(p.name for p in briefs.glob("*.md")) == sorted(names)
    assert len(list(briefs.glob("*.manifest.json"))) == 4
    for n, outcome in enumerate(outcomes):
        manifest = json.loads(Path(outcome.manifest).read_text(encoding="utf-8"))
        assert manifest["run"] == outcome.run_id
        assert f"on day {n} of the strike" in Path(outcome.outputs[0]).read_text(encoding="utf-8")


def test_a_schedule_that_emails_needs_a_mail_server(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schedule(workspace)
    monkeypatch.delenv("BRIEFING_SMTP_HOST", raising=False)
    assert trigger(workspace, {}, monkeypatch) == 1
    err = capsys.readouterr().err
    assert "no mail server is set" in err and "BRIEFING_SMTP_HOST" in err
    assert not (workspace / "briefs").exists()


def test_an_unknown_schedule_names_the_known_ones(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schedule(workspace, email=False)
    assert trigger(workspace, {}, monkeypatch, name="sport") == 1
    err = capsys.readouterr().err
    assert "no schedule named 'sport'" in err and "desk" in err


def test_names_that_could_leave_their_folder_are_refused(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schedule's name becomes part of its briefs' file names: it is letters, digits, '.', '-', '_' only."""
    write_schedule(workspace, email=False)
    folder = workspace / "schedules"
    body = (folder / "desk.toml").read_text(encoding="utf-8")
    odd = ["-rf.toml", "a b.toml", "x;touch pwned.toml", "new\nline.toml", "über.toml", "back\\slash.toml"]
    for name in odd:
        (folder / name).write_text(body, encoding="utf-8")
    specs, problems = load_folder(folder)
    assert [s.name for s in specs] == ["desk"]
    assert sorted(Path(p.path).name for p in problems) == sorted(odd)
    assert {p.field for p in problems} == {"name"}
    for name in ("../desk", "../../etc/passwd", "/etc/passwd", "desk/../desk"):
        assert trigger(workspace, {}, monkeypatch, name=name) == 1
        assert f"no schedule named {name!r}" in capsys.readouterr().err
    assert not (workspace / "briefs").exists() or not list((workspace / "briefs").iterdir())
    assert trigger(workspace, {}, monkeypatch) == 0
    written = list((workspace / "briefs").iterdir())
    assert written and all(p.parent == workspace / "briefs" and p.name.startswith("desk-") for p in written)


# delivery failures and crashes ------------------------------------------------------------------


def test_a_failing_mail_server_then_a_working_one_delivers_exactly_once(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_schedule(workspace)
    down = MailServer()  # not started: connections are refused
    assert trigger(workspace, down.env(), monkeypatch) == 1
    err = capsys.readouterr().err
    assert "cannot reach 127.0.0.1" in err or "failed" in err
    assert len(list((workspace / "briefs").glob("*.pdf"))) == 1  # the brief stays on disk
    first = runs(workspace)[0]
    assert first["status"] == "ok"
    assert {status for _, status, _ in first["deliveries"]} == {"failed"}

    server = MailServer(port=down.port).start()
    try:
        assert trigger(workspace, server.env(), monkeypatch) == 0  # nothing new, but the held-back email goes
        assert len(server.received) == 1
        assert sorted(server.received[0].recipients) == ["desk@example.org", "head@example.org"]
        assert trigger(workspace, server.env(), monkeypatch) == 0
        assert len(server.received) == 1  # never twice
    finally:
        server.stop()
    history = runs(workspace)
    assert history[0]["deliveries"] == [("desk@example.org", "sent", 2), ("Head of desk <head@example.org>", "sent", 2)]
    assert [r["status"] for r in history] == ["ok", "nothing-new", "nothing-new"]


def test_a_refused_recipient_is_retried_alone(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_schedule(workspace)
    mail.handler.refuse = {"head@example.org"}
    assert trigger(workspace, mail.env(), monkeypatch) == 1
    assert [m.recipients for m in mail.received] == [["desk@example.org"]]
    mail.handler.refuse = set()
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert [m.recipients for m in mail.received] == [["desk@example.org"], ["head@example.org"]]
    assert mail.received[0].message["Message-ID"] == mail.received[1].message["Message-ID"]


def test_a_temporary_refusal_is_retried_with_backoff_within_the_run(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.deliver import smtp

    waits: list[float] = []
    real_send = smtp.send
    monkeypatch.setattr(smtp, "send", lambda *a, **k: real_send(*a, **k, sleep=waits.append))
    write_schedule(workspace)
    mail.handler.fail_data = "451 4.3.0 try again later"
    assert trigger(workspace, mail.env(BRIEFING_SMTP_RETRIES="3"), monkeypatch) == 1
    assert waits == [2.0, 4.0]
    assert runs(workspace)[0]["deliveries"][0][1] == "failed"


def test_an_international_domain_is_emailed_and_later_runs_go_on(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """desk@exämple.org goes to the server as desk@xn--exmple-cua.org, in the envelope and in To."""
    path = write_schedule(workspace)
    path.write_text(path.read_text(encoding="utf-8").replace("desk@example.org", "desk@exämple.org"), encoding="utf-8")
    assert main(["schedule", "validate", "--schedules", str(workspace / "schedules")]) == 0
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert len(mail.received) == 1
    assert sorted(mail.received[0].recipients) == ["desk@xn--exmple-cua.org", "head@example.org"]
    assert mail.received[0].message["To"] == "desk@xn--exmple-cua.org, Head of desk <head@example.org>"
    (workspace / "articles" / "pilots-join-strike.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert len(mail.received) == 2
    history = runs(workspace)
    assert [(r["status"], r["articles"]) for r in history] == [("ok", 10), ("ok", 1)]
    assert [r["deliveries"] for r in history] == [
        [("desk@exämple.org", "sent", 1), ("Head of desk <head@example.org>", "sent", 1)]
    ] * 2


def test_a_delivery_failing_in_any_way_is_recorded_and_never_stops_a_run(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any exception from one delivery is that delivery's failure, with its message: the run records its brief,
    later runs still read their sources and brief what is new, and the email goes once it can."""
    from briefing.deliver import smtp

    def broken(*_a: object, **_k: object) -> dict[str, str]:
        raise UnicodeEncodeError("ascii", "desk@exämple.org", 7, 8, "ordinal not in range(128)")

    write_schedule(workspace)
    monkeypatch.setattr(smtp, "send", broken)
    assert trigger(workspace, mail.env(), monkeypatch) == 1  # the brief is written; its email failed
    (workspace / "articles" / "pilots-join-strike.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert trigger(workspace, mail.env(), monkeypatch) == 1  # the retry fails again; the new article is briefed
    history = runs(workspace)
    assert [(r["status"], r["articles"]) for r in history] == [("ok", 10), ("ok", 1)]
    store = StateStore(sqlite_url(workspace / "state" / "state.sqlite"))
    try:
        first = store.runs(limit=100)[-1]
    finally:
        store.close()
    assert {(d.status, d.attempts) for d in first.deliveries} == {("failed", 2)}
    assert all(d.error.startswith("UnicodeEncodeError: 'ascii' codec can't encode") for d in first.deliveries)
    monkeypatch.undo()
    assert trigger(workspace, mail.env(), monkeypatch) == 0  # nothing new; both runs' emails go, once
    assert len(mail.received) == 2
    assert [r["status"] for r in runs(workspace)] == ["ok", "ok", "nothing-new"]


def test_a_crash_before_the_state_is_committed_briefs_again(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_schedule(workspace)

    def crash(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt  # stands for the process being killed between writing and recording

    monkeypatch.setattr(StateStore, "complete_run", crash)
    assert trigger(workspace, mail.env(), monkeypatch) == 130
    monkeypatch.undo()
    assert mail.received == []
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert len(mail.received) == 1
    assert [r["status"] for r in runs(workspace)] == ["failed", "ok"]


def test_a_crash_after_the_state_is_committed_sends_the_email_next_time(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.schedule import runner

    write_schedule(workspace)

    def crash(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_deliver_run", crash)
    assert trigger(workspace, mail.env(), monkeypatch) == 130
    monkeypatch.undo()
    assert mail.received == []
    assert trigger(workspace, mail.env(), monkeypatch) == 0  # nothing new; the queued email goes
    assert trigger(workspace, mail.env(), monkeypatch) == 0
    assert len(mail.received) == 1
    assert [r["articles"] for r in runs(workspace)] == [10, 0, 0]


def test_starttls_and_login(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    certs = type("Certs", (), {"server_cert": ca.issue_cert("127.0.0.1", "localhost")})()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = MailServer("starttls", certs=certs).start()
    try:
        write_schedule(workspace)
        for key, value in server.env(BRIEFING_SMTP_CAFILE=str(ca_file)).items():
            monkeypatch.setenv(key, value)
        assert main([*trigger_args(workspace), "-vv"]) == 0
        assert len(server.received) == 1
        assert server.received[0].tls and server.received[0].login == MailServer.USER
        captured = capsys.readouterr()
        assert MailServer.PASSWORD not in captured.err + captured.out  # never in a log
        for path in (workspace / "state").rglob("*"):
            if path.is_file():
                assert MailServer.PASSWORD.encode() not in path.read_bytes(), path

        # a wrong password is refused, recorded, and not retried within the run
        write_schedule(workspace, "second")
        monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "wrong")
        assert trigger(workspace, {}, monkeypatch, name="second") == 1
        assert "refused the login" in capsys.readouterr().err
    finally:
        server.stop()


def test_implicit_tls(workspace: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    certs = type("Certs", (), {"server_cert": ca.issue_cert("127.0.0.1")})()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = MailServer("ssl", certs=certs).start()
    try:
        write_schedule(workspace)
        assert trigger(workspace, server.env(BRIEFING_SMTP_CAFILE=str(ca_file)), monkeypatch) == 0
        assert len(server.received) == 1 and server.received[0].tls
    finally:
        server.stop()


def test_an_untrusted_certificate_is_refused(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    trustme = pytest.importorskip("trustme")
    certs = type("Certs", (), {"server_cert": trustme.CA().issue_cert("127.0.0.1")})()
    server = MailServer("starttls", certs=certs).start()
    try:
        write_schedule(workspace)
        assert trigger(workspace, server.env(), monkeypatch) == 1
        assert "TLS with 127.0.0.1" in capsys.readouterr().err
        assert server.received == []
    finally:
        server.stop()


# the scheduler ----------------------------------------------------------------------------------


def daemon_for(workspace: Path, **kwargs: float) -> SchedulerDaemon:
    return SchedulerDaemon(
        DaemonSettings(
            schedules_dir=workspace / "schedules",
            state_dir=workspace / "state",
            database_url=sqlite_url(workspace / "state" / "state.sqlite"),
            reload_seconds=kwargs.get("reload", 0.2),
            grace_seconds=int(kwargs.get("grace", 3600)),
        )
    )


class Running:
    """A daemon in a thread, stopped and joined on exit."""

    def __init__(self, daemon: SchedulerDaemon) -> None:
        self.daemon = daemon
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.daemon.run(ready=self.ready.set)
        except BaseException as exc:
            self.error = exc
            self.ready.set()

    def __enter__(self) -> Running:
        self.thread.start()
        assert self.ready.wait(30)
        if self.error:
            raise self.error
        return self

    def __exit__(self, *exc: object) -> None:
        self.daemon.stop()
        self.thread.join(60)
        assert not self.thread.is_alive(), "the scheduler did not stop"


def test_the_scheduler_runs_an_every_second_schedule_and_follows_the_folder(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in mail.env().items():
        monkeypatch.setenv(key, value)
    write_schedule(workspace, when='every = "1s"')
    with Running(daemon_for(workspace)) as running:
        wait_for(lambda: len(mail.received) == 1, what="the first brief")
        wait_for(lambda: len(runs(workspace)) >= 3, what="later runs")
        assert len(mail.received) == 1  # later runs find nothing new and send nothing
        (workspace / "articles" / "pilots.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        wait_for(lambda: len(mail.received) == 2, what="the brief of the new article")
        assert "Harbour pilots" in mail.received[1].message.get_body(("plain",)).get_content()

        # a schedule file added while running is picked up; one removed is dropped
        write_schedule(workspace, "evening", when='every = "1s"', email=False)
        wait_for(
            lambda: any(Path(o).name.startswith("evening-") for r in runs(workspace) for o in r["outputs"]),
            what="the added schedule's first brief",
        )
        (workspace / "schedules" / "evening.toml").unlink()
        wait_for(lambda: running.daemon._scheduler.get_job("evening") is None, what="the removed schedule's job")
        # a file turned invalid keeps its last valid version scheduled
        (workspace / "schedules" / "desk.toml").write_text("title = ", encoding="utf-8")
        time.sleep(0.6)
        assert running.daemon._scheduler.get_job("desk") is not None
    statuses = [r["status"] for r in runs(workspace)]
    assert "running" not in statuses and "failed" not in statuses
    assert all(r["trigger"] == "scheduled" for r in runs(workspace))


def test_the_scheduler_reports_each_problem_of_a_bad_file_once(
    workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    class NoJobs:  # the scheduler as sync() sees it, with no job yet
        def get_jobs(self) -> list[object]:
            return []

    (workspace / "schedules" / "desk.toml").write_text('title = "x"\nevery = "soon"\n', encoding="utf-8")
    daemon = daemon_for(workspace)
    daemon._scheduler = NoJobs()
    with caplog.at_level("ERROR", logger="briefing"):
        for _ in range(3):  # three reloads of an unchanged folder
            daemon.sync()
    lines = [r.getMessage() for r in caplog.records]
    path = workspace / "schedules" / "desk.toml"
    assert lines == [
        f"{path}: every: cannot read 'soon' as a duration; write it like 10s, 30m, 6h, 1d or 1h30m",
        f"{path}: timezone: missing",
        f"{path}: sources: missing",
        f"{path}: output_dir: missing",
        "desk: its last valid version stays scheduled, if any",
    ]


def test_a_restart_neither_loses_nor_repeats_a_run(
    workspace: Path, mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in mail.env().items():
        monkeypatch.setenv(key, value)
    write_schedule(workspace, when='every = "1h"')
    # first life: the job is stored; then, as if the daemon had stopped just before a run was due,
    # its next run is set to a moment that passes while no daemon is running
    with Running(daemon_for(workspace)) as running:
        scheduler = running.daemon._scheduler
        first = scheduler.get_job("desk").next_run_time
        assert timedelta(0) < first - datetime.now(UTC) <= timedelta(hours=1)
        assert (first.minute, first.second) == (0, 0)  # every hour on the hour, whenever the scheduler started
        scheduler.pause()
        scheduler.modify_job("desk", next_run_time=datetime.now(UTC) + timedelta(seconds=1))
    assert runs(workspace) == []
    time.sleep(1.5)
    # second life: the missed run happens once, at start-up
    with Running(daemon_for(workspace)) as running:
        wait_for(lambda: len(mail.received) == 1, what="the missed run")
        time.sleep(1.0)
        next_run = running.daemon._scheduler.get_job("desk").next_run_time
    assert len(runs(workspace)) == 1 and len(mail.received) == 1
    assert next_run - datetime.now(UTC) > timedelta(minutes=58)  # back on the hourly rhythm
    # third life: nothing is due, nothing runs
    with Running(daemon_for(workspace)):
        time.sleep(1.0)
    assert len(runs(workspace)) == 1 and len(mail.received) == 1


def test_a_run_falling_due_while_the_scheduler_stops_happens_at_the_next_start(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.schedule import runner

    write_schedule(workspace, when='every = "1h"', email=False)
    started = threading.Event()
    release = threading.Event()
    real_run = runner.run_schedule

    def slow_run(spec: object, **kwargs: object) -> object:
        if getattr(spec, "name", "") == "other":
            started.set()
            release.wait(30)  # a brief still rendering while the scheduler is asked to stop
        return real_run(spec, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "run_schedule", slow_run)
    write_schedule(workspace, "other", when='every = "1h"', email=False)
    running = Running(daemon_for(workspace))
    with running:
        scheduler = running.daemon._scheduler
        scheduler.modify_job("other", next_run_time=datetime.now(UTC))  # starts now and hangs
        assert started.wait(30)
        scheduler.modify_job("desk", next_run_time=datetime.now(UTC) + timedelta(seconds=1.5))
        running.daemon.stop()
        time.sleep(0.5)  # stopping: waiting for "other"; meanwhile "desk" falls due
        threading.Timer(2.0, release.set).start()
    monkeypatch.undo()
    assert [Path(o).name.split("-")[0] for r in runs(workspace) for o in r["outputs"]][:1] == ["other"]
    assert not any(Path(o).name.startswith("desk-") for r in runs(workspace) for o in r["outputs"])
    with Running(daemon_for(workspace)):
        wait_for(
            lambda: any(Path(o).name.startswith("desk-") for r in runs(workspace) for o in r["outputs"]),
            what="the run that fell due during the stop",
        )


def test_a_run_later_than_the_grace_time_is_skipped_and_logged(
    workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_schedule(workspace, when='every = "1h"', email=False)
    with Running(daemon_for(workspace, grace=1)) as running:
        running.daemon._scheduler.pause()
        running.daemon._scheduler.modify_job("desk", next_run_time=datetime.now(UTC) + timedelta(seconds=0.5))
    time.sleep(2.5)  # due while no scheduler runs, and by start-up later than the grace time
    with caplog.at_level("WARNING", logger="briefing"), Running(daemon_for(workspace, grace=1)):
        wait_for(lambda: "later than the grace time" in caplog.text, what="the skipped run's log line")
    assert runs(workspace) == []


def test_a_second_daemon_on_the_same_state_refuses_to_start(workspace: Path) -> None:
    write_schedule(workspace, email=False)
    with Running(daemon_for(workspace)):
        with pytest.raises(ScheduleError, match=r"another scheduler .*pid") as info:
            daemon_for(workspace).run()
        assert info.value.hint and "--state" in info.value.hint


def test_trigger_while_the_same_schedule_runs_is_refused(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.schedule.runner import _run_lock

    write_schedule(workspace, email=False)
    with _run_lock(workspace / "state", "desk"):
        assert trigger(workspace, {}, monkeypatch) == 1
    assert "desk is running already" in capsys.readouterr().err


# the daemon as users run it ---------------------------------------------------------------------


def test_the_daemon_command_delivers_on_time_and_stops_on_sigterm(workspace: Path, mail: MailServer) -> None:
    write_schedule(workspace, when='every = "2s"')
    env = {**os.environ, **mail.env(), "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "briefing",
        "schedule",
        "run",
        "--schedules",
        str(workspace / "schedules"),
        "--state",
        str(workspace / "state"),
        "--reload-every",
        "1s",
    ]
    daemon = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        started = time.monotonic()
        wait_for(lambda: len(mail.received) == 1, what="the scheduled brief")
        assert time.monotonic() - started < 60
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert "another scheduler" in second.stderr and "pid" in second.stderr
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
    assert daemon.returncode == 0, err
    assert "scheduled desk: every 2s (Europe/Moscow)" in err
    assert "received SIGTERM" in err and "scheduler stopped" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", ["missed", "max_instances"])
def test_skipped_runs_are_logged_in_words(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobExecutionEvent, JobSubmissionEvent

    from briefing.schedule.daemon import _skipped

    due = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)
    if kind == "missed":
        event: object = JobExecutionEvent(EVENT_JOB_MISSED, "desk", "default", due)
        expected = "it is later than the grace time"
    else:
        event = JobSubmissionEvent(EVENT_JOB_MAX_INSTANCES, "desk", "default", [due])
        expected = "the previous run is still going"
    with caplog.at_level("WARNING", logger="briefing"):
        _skipped(event)
    assert f"desk: the run due at 2026-11-25 04:00:00 UTC was skipped: {expected}" in caplog.text


def test_a_templates_folder_beside_the_schedules_is_used(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "schedules" / "templates").mkdir()
    (workspace / "schedules" / "templates" / "_cover.html").write_text(
        '<header class="cover"><h1 class="title">House style: {{ brief.title }}</h1></header>', encoding="utf-8"
    )
    write_schedule(workspace, email=False)
    assert trigger(workspace, {}, monkeypatch) == 0
    page = next((workspace / "briefs").glob("*.html")).read_text(encoding="utf-8")
    assert "House style: Morning brief" in page
