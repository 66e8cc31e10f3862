"""Shared fetching (briefing[queue]): every feed checked once per interval for all the schedules naming it, the
articles stored once and read by the schedules' runs, their analyses kept; on the tests' own PostgreSQL server and
HTTP server on loopback.

Workers run in a thread of the test where nothing kills them, as processes where one is killed. Every wait is for a
condition, with a generous deadline; the clock's time is the test's own, so "once per interval" is counted, never
timed.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import briefing.analysis as analysis
from bench.corpus import Corpus
from briefing.cli import main
from briefing.models import Article
from tests.test_feeds import page_html, rss
from tests.test_queue import DEADLINE, Processes, _initialised, _query, _runs, _unfinished_jobs
from tests.test_schedule import wait_for

T0 = datetime(2026, 11, 25, 7, 0, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    headers: dict[str, str]
    status: int


class FeedSite:
    """Feeds and their entries' pages on the test's HTTP server. Every request is recorded with its headers and
    the status it got; a feed has an ETag and a Last-Modified of its current body, and answers 304 to either."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.hits: list[Hit] = []
        self.feeds: dict[str, list[Article]] = {}
        self.pages: dict[str, Article] = {}
        self._lock = threading.Lock()
        server.expect_request(re.compile("^/")).respond_with_handler(self._handle)

    def feed(self, name: str, articles: list[Article]) -> str:
        """Serve ``articles`` (their pages too) as the feed ``name``; its address."""
        with self._lock:
            self.feeds[name] = list(articles)
            for article in articles:
                self.pages[article.id] = article
        return self.server.url_for(f"/feeds/{name}.xml")

    def page_url(self, article: Article) -> str:
        return self.server.url_for(f"/pages/{article.id}.html")

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for hit in self.hits if hit.path == path)

    def of(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def _handle(self, request: Request) -> Response:
        path = request.path
        response = self._respond(path, request)
        with self._lock:
            self.hits.append(Hit(path, dict(request.headers), response.status_code))
        return response

    def _respond(self, path: str, request: Request) -> Response:
        if path.startswith("/feeds/"):
            name = path.removeprefix("/feeds/").removesuffix(".xml")
            with self._lock:
                articles = self.feeds.get(name)
            if articles is None:
                return Response("no such feed", status=404)
            body = rss(name.replace("-", " ").title(), [(a, self.page_url(a)) for a in articles])
            tag = hashlib.sha256(body.encode()).hexdigest()[:16]
            etag = f'"{tag}"'
            modified = format_datetime(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=int(tag[:6], 16)), True)
            if request.headers.get("If-None-Match") == etag or request.headers.get("If-Modified-Since") == modified:
                return Response(status=304, headers={"ETag": etag})
            return Response(body, content_type="application/rss+xml", headers={"ETag": etag, "Last-Modified": modified})
        if path.startswith("/pages/"):
            with self._lock:
                article = self.pages.get(path.removeprefix("/pages/").removesuffix(".html"))
            if article is None:
                return Response("gone", status=404)
            return Response(page_html(article), content_type="text/html; charset=utf-8")
        return Response("not here", status=404)


@pytest.fixture
def site(httpserver: HTTPServer) -> FeedSite:
    return FeedSite(httpserver)


def _schedule(folder: Path, name: str, sources: list[str], *, every: str = "1h", formats: str = '["json"]') -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.toml").write_text(
        f'title = "{name}"\nevery = "{every}"\ntimezone = "UTC"\nsources = {json.dumps(sources)}\n'
        f'formats = {formats}\noutput_dir = "../briefs"\npeople_memory = false\n',
        encoding="utf-8",
    )


@contextlib.contextmanager
def worker_thread(url: str, folder: Path, name: str, *, host_gap: float = 0.0) -> Iterator[None]:
    """A worker of the queue in a thread of the test, stopped (its jobs in hand finished) when the block ends."""
    from briefing.queue.database import queue_url
    from briefing.queue.worker import QueueWorker, WorkerSettings

    worker = QueueWorker(
        WorkerSettings(
            database_url=queue_url(url),
            state_dir=folder / f"state-{name}",
            name=name,
            heartbeat_seconds=1.0,
            stalled_seconds=3.0,
            host_gap_seconds=host_gap,
            poll_seconds=0.2,
        )
    )
    ready = threading.Event()
    thread = threading.Thread(target=worker.run, kwargs={"ready": ready.set}, daemon=True)
    thread.start()
    try:
        assert ready.wait(60), "the worker did not start"
        yield
    finally:
        worker.stop()
        thread.join(120)
    assert not thread.is_alive()


def _engine(url: str) -> Any:
    from briefing.queue.database import queue_engine, queue_url

    return queue_engine(queue_url(url))


def _clock(url: str, folder: Path, now: list[datetime], *, fetch: int = 600) -> Any:
    from briefing.queue.clock import ClockSettings, QueueClock
    from briefing.queue.database import queue_url

    settings = ClockSettings(
        schedules_dir=folder, database_url=queue_url(url), reload_seconds=60, name="clock", fetch_seconds=fetch
    )
    return QueueClock(settings, now=lambda: now[0])


def _drain(url: str) -> None:
    wait_for(lambda: not _unfinished_jobs(url), timeout=DEADLINE, what="the jobs of the queue to be done")


def _run(url: str, schedule: str, folder: Path, due: datetime) -> None:
    from briefing.queue.jobs import DueRun, enqueue

    engine = _engine(url)
    try:
        assert enqueue(engine, DueRun(schedule=schedule, due_at=due, folder=str(folder)), clock="test") == "enqueued"
    finally:
        engine.dispose()


def _articles(n: int, seed: int = 7) -> list[Article]:
    """``n`` news articles, published in the last hours (no feed of them is stale)."""
    recent = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    return [
        replace(a, published=recent - timedelta(minutes=i)) for i, a in enumerate(Corpus(seed).stories(n, sentences=8))
    ]


# once per interval for every schedule naming a feed; the second time "not modified" ---------------------------


def test_300_schedules_over_20_feeds_fetch_each_feed_once_per_interval_the_second_time_conditionally(
    new_database: Callable[[], str], tmp_path: Path, site: FeedSite
) -> None:
    url = _initialised(new_database)
    articles = _articles(40)
    feeds = [site.feed(f"desk-{n}", articles[2 * n : 2 * n + 2]) for n in range(20)]
    schedules = tmp_path / "schedules"
    for n in range(300):
        _schedule(schedules, f"s{n:03d}", [feeds[n % 20], feeds[(7 * n + 3) % 20]])
    now = [T0]
    clock = _clock(url, schedules, now, fetch=600)
    engine = _engine(url)
    try:
        with worker_thread(url, tmp_path, "w1"):
            clock.tick(engine)  # every feed is new: all due; no schedule is due before 08:00
            _drain(url)
            clock.tick(engine)  # the same minute: nothing is due again
            _drain(url)
            assert [site.count(f"/feeds/desk-{n}.xml") for n in range(20)] == [1] * 20
            assert {site.count(f"/pages/{a.id}.html") for a in articles} == {1}
            now[0] = T0 + timedelta(minutes=10)  # one interval on
            clock.tick(engine)
            _drain(url)
            # two schedules' runs read what the checks stored: nothing is fetched for them
            before = len(site.hits)
            _run(url, "s000", schedules, T0 + timedelta(minutes=10))
            _run(url, "s001", schedules, T0 + timedelta(minutes=10))
            _drain(url)
            assert len(site.hits) == before
    finally:
        engine.dispose()
    for n in range(20):
        first, second = site.of(f"/feeds/desk-{n}.xml")
        assert first.status == 200 and "If-None-Match" not in first.headers
        assert second.status == 304
        assert second.headers.get("If-None-Match", "").startswith('"')
        assert second.headers.get("If-Modified-Since", "").endswith("GMT")
    assert {site.count(f"/pages/{a.id}.html") for a in articles} == {1}, "a 304 fetches no page"
    assert _query(url, "SELECT DISTINCT status, failures FROM feeds") == [("not-modified", 0)]
    assert _query(url, "SELECT count(*) FROM fetched_articles") == [(40,)]
    runs = _runs(url)
    assert sorted((r.schedule, r.status, r.articles) for r in runs) == [("s000", "ok", 4), ("s001", "ok", 4)]
    for run in runs:
        brief = json.loads(Path(run.outputs[0]).read_text(encoding="utf-8"))
        read = {a["url"] for story in brief["stories"] for a in story["articles"] + story.get("copies", [])}
        spec_feeds = {0: (0, 3), 1: (1, 10)}[int(run.schedule[1:])]
        assert read == {site.page_url(a) for n in spec_feeds for a in articles[2 * n : 2 * n + 2]}


# consecutive runs of one schedule on alternating workers ------------------------------------------------------


def test_consecutive_runs_on_alternating_workers_brief_every_article_once(
    new_database: Callable[[], str], tmp_path: Path, site: FeedSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.queue.shared as shared
    from briefing.queue.jobs import enqueue_checks

    monkeypatch.setattr(shared, "RUN_OVERLAP", timedelta(0))  # the window exactly: since the last run began
    url = _initialised(new_database)
    a, b, c, d, e, f, g = _articles(7, seed=11)
    # corrected: its first paragraph, so the feed's entry (which carries it) changes too, and its page is fetched again
    f2 = replace(f, text="The ministry corrected the figures on Tuesday evening.\n\n" + f.text)
    rounds = [
        # (what the feed holds at each check, then whether a run of the schedule follows, on which worker)
        ([a, b, c], "w1"),
        ([c, d, e], None),
        ([e, f], "w2"),  # d came and went between the two runs: still briefed
        ([f2, g], "w1"),  # f corrected under the same address: briefed again, as new
        ([g], "w2"),  # nothing new
    ]
    schedules = tmp_path / "schedules"
    feed = site.feed("wire", [a])
    _schedule(schedules, "desk", [feed])
    engine = _engine(url)
    try:
        for n, (entries, worker) in enumerate(rounds):
            site.feed("wire", entries)
            when = T0 + timedelta(minutes=10 * n)
            with worker_thread(url, tmp_path, worker or "w0"):
                assert enqueue_checks(engine, {feed: 600}, when) == [feed]
                _drain(url)
                if worker is not None:
                    _run(url, "desk", schedules, when)
                    _drain(url)
    finally:
        engine.dispose()
    runs = sorted(_runs(url), key=lambda r: r.id)
    assert [(r.worker, r.status) for r in runs] == [("w1", "ok"), ("w2", "ok"), ("w1", "ok"), ("w2", "nothing-new")]
    assert runs[-1].detail == "1 read, none new"  # only g: the articles seen before the last run began are not read
    briefed: dict[int, set[tuple[str, str]]] = {}
    for run_id, key, digest in _query(url, "SELECT run_id, article_key, digest FROM briefed"):
        briefed.setdefault(run_id, set()).add((key, digest))
    per_run = [briefed[r.id] for r in runs[:3]]
    for one, other in itertools.combinations(per_run, 2):
        assert not one & other, "an article briefed twice"
    every = set(_query(url, "SELECT article_key, digest FROM fetched_articles"))
    assert set().union(*per_run) == every and len(every) == 8  # seven articles and f's corrected version
    latest = {
        row[0]: row[1:] for row in _query(url, "SELECT url, article_key, digest FROM fetched_articles ORDER BY id")
    }
    assert {k for k, _ in per_run[1]} == {latest[site.page_url(x)][0] for x in (d, e, f)}
    assert per_run[2] == {latest[site.page_url(f2)], latest[site.page_url(g)]}


# an article in several schedules is analysed once --------------------------------------------------------------


def test_an_article_two_schedules_brief_is_analysed_once_and_briefed_as_a_run_fetching_itself_would(
    new_database: Callable[[], str],
    tmp_path: Path,
    site: FeedSite,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from briefing.queue.jobs import enqueue_checks

    url = _initialised(new_database)
    articles = _articles(5, seed=23)
    shared, extra = site.feed("shared", articles[:3]), site.feed("extra", articles[3:])
    schedules = tmp_path / "schedules"
    _schedule(schedules, "alpha", [shared])
    _schedule(schedules, "beta", [shared, extra])
    analysed: list[str] = []
    real = analysis.analyse

    def counted(article: Article, *, algorithm: str, count: int) -> analysis.Analysis:
        analysed.append(article.title)  # the hook: each article the analysis is run on
        return real(article, algorithm=algorithm, count=count)

    monkeypatch.setattr(analysis, "analyse", counted)
    caplog.set_level("INFO", logger="briefing.analysis")
    engine = _engine(url)
    try:
        with worker_thread(url, tmp_path, "w1"):
            assert sorted(enqueue_checks(engine, {shared: 600, extra: 600}, T0)) == sorted([shared, extra])
            _drain(url)
            _run(url, "alpha", schedules, T0)
            _drain(url)
            assert sorted(analysed) == sorted(a.title for a in articles[:3])
            _run(url, "beta", schedules, T0)
            _drain(url)
    finally:
        engine.dispose()
    assert Counter(analysed) == Counter(a.title for a in articles), "every article analysed once, whoever briefs it"
    assert "analysed 3 of 3 article(s); 0 from the cache" in caplog.text
    assert "analysed 2 of 5 article(s); 3 from the cache" in caplog.text
    assert _query(url, "SELECT count(*) FROM analyses") == [(5,)]
    # the same brief as the embedded default's run, which fetches and analyses everything itself
    beta = next(r for r in _runs(url) if r.schedule == "beta")
    assert main(["schedule", "trigger", "beta", "--schedules", str(schedules), "--state", str(tmp_path / "alone")]) == 0
    alone = [p for p in (tmp_path / "briefs").glob("beta-*.json") if not p.name.endswith(".manifest.json")]
    assert len(alone) == 2
    from_queue = json.loads(Path(beta.outputs[0]).read_text(encoding="utf-8"))
    by_itself = json.loads(next(p for p in alone if str(p) != beta.outputs[0]).read_text(encoding="utf-8"))
    assert from_queue["stories"] == by_itself["stories"] and len(from_queue["stories"]) >= 2
    assert [h["status"] for h in from_queue["source_health"]] == [h["status"] for h in by_itself["source_health"]]


# what goes wrong: a feed that 404s, a host down, a worker killed mid-fetch -----------------------------------------


def test_a_feed_that_404s_and_a_host_down_are_reported_and_checked_less_often_while_the_others_go_on(
    new_database: Callable[[], str], tmp_path: Path, site: FeedSite
) -> None:
    url = _initialised(new_database)
    articles = _articles(2, seed=31)
    good = site.feed("good", articles)
    missing = site.server.url_for("/feeds/missing.xml")
    with socket.socket() as closed:  # a port nothing listens on: the host is down
        closed.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{closed.getsockname()[1]}/feed.xml"
    schedules = tmp_path / "schedules"
    _schedule(schedules, "desk", [good, missing, down])
    now = [T0]
    clock = _clock(url, schedules, now, fetch=600)
    engine = _engine(url)

    def state(address: str) -> tuple[Any, ...]:
        return _query(url, f"SELECT status, failures, next_check_at, error FROM feeds WHERE url = '{address}'")[0]

    try:
        with worker_thread(url, tmp_path, "w1"):
            clock.tick(engine)
            _drain(url)
            _run(url, "desk", schedules, T0)
            _drain(url)
            assert state(good)[:2] == ("ok", 0)
            assert state(missing)[:2] == ("failed", 1) and state(missing)[3].startswith("HTTP 404")
            assert state(down)[:2] == ("failed", 1) and "refused" in state(down)[3]
            for minutes in (10, 20, 30):
                now[0] = T0 + timedelta(minutes=minutes)
                clock.tick(engine)
                _drain(url)
                if minutes == 10:  # a second failure in a row: the next check comes two intervals later
                    assert state(missing)[1:3] == (2, T0 + timedelta(minutes=30))
                    assert state(down)[1:3] == (2, T0 + timedelta(minutes=30))
            _run(url, "desk", schedules, T0 + timedelta(minutes=30))
            _drain(url)
    finally:
        engine.dispose()
    assert site.count("/feeds/good.xml") == 4  # every interval
    assert site.count("/feeds/missing.xml") == 3  # at 0, 10 and 30: not at 20
    assert state(missing)[1] == 3 and state(missing)[2] == T0 + timedelta(minutes=70)
    first, last = sorted(_runs(url), key=lambda r: r.id)
    assert (first.status, first.articles) == ("ok", 2)
    assert "missing.xml: failed (HTTP 404" in first.detail and "refused" in first.detail
    assert last.status == "nothing-new" and "(3 failed check(s) in a row)" in last.detail
    brief = json.loads(Path(first.outputs[0]).read_text(encoding="utf-8"))
    assert {s["name"] for s in brief["skipped"]} == {missing, down}
    assert {h["url"]: h["status"] for h in brief["source_health"]} == {good: "ok", missing: "failed", down: "failed"}


HANG_WHEN_STORING = """
import sys, time, pathlib
import briefing.queue.fetching as fetching
def hang(*args, **kwargs):
    # the feed and its pages are fetched; nothing of it is stored yet
    pathlib.Path(sys.argv[1]).write_text("hung", encoding="utf-8")
    time.sleep(600)
fetching._store = hang
from briefing.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_worker_killed_mid_fetch_leaves_nothing_half_stored_and_another_fetches_the_feed_in_full(
    new_database: Callable[[], str], tmp_path: Path, site: FeedSite
) -> None:
    from briefing.queue.jobs import enqueue_checks
    from tests.test_queue import _worker_args

    url = _initialised(new_database)
    articles = _articles(3, seed=41)
    feed = site.feed("wire", articles)
    hung = tmp_path / "hung"
    with Processes(tmp_path) as procs:
        doomed = procs.start("w1", ["-c", HANG_WHEN_STORING, str(hung), *_worker_args(url, tmp_path, "w1")])
        engine = _engine(url)
        try:
            assert enqueue_checks(engine, {feed: 600}, T0) == [feed]
        finally:
            engine.dispose()
        wait_for(hung.exists, timeout=DEADLINE, what="the first worker to be in the middle of the check")
        assert site.count("/feeds/wire.xml") == 1
        doomed.kill()
        doomed.wait(30)
        with worker_thread(url, tmp_path, "w2"):
            wait_for(
                lambda: _query(url, "SELECT status FROM feeds") == [("ok",)],
                timeout=DEADLINE,
                what="the check brought back and done",
            )
            _drain(url)
    first, second = site.of("/feeds/wire.xml")
    assert first.status == second.status == 200
    assert "If-None-Match" not in second.headers, "the dead worker's validators were never stored"
    assert _query(url, "SELECT count(*) FROM fetched_articles") == [(3,)]
    assert _query(url, "SELECT count(*), bool_and(present) FROM feed_entries") == [(3, True)]
    assert _query(url, "SELECT status FROM procrastinate_jobs") == [("succeeded",)]  # the same job, run again


# politeness: one host's requests a gap apart, whichever worker makes them ----------------------------------------


def test_the_host_gate_spaces_turns_a_gap_apart_across_sessions_and_hosts_apart(
    new_database: Callable[[], str],
) -> None:
    from briefing.queue.hosts import DatabaseHostGate

    url = _initialised(new_database)
    engines = [_engine(url), _engine(url)]  # two workers' own connections
    turns: list[float] = []
    lock = threading.Lock()

    def take(engine: Any) -> None:
        gate = DatabaseHostGate(engine, 0.2)
        for _ in range(5):
            _, turn = gate.take("news.example")
            with lock:
                turns.append(turn)

    try:
        threads = [threading.Thread(target=take, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        ordered = sorted(turns)
        assert all(later - earlier >= 0.2 - 1e-3 for earlier, later in itertools.pairwise(ordered)), ordered
        other = DatabaseHostGate(engines[0], 0.2)
        assert other.take("other.example")[0] == 0.0, "another host has turns of its own"
        assert DatabaseHostGate(engines[0], 0).take("news.example") == (0.0, 0.0)
    finally:
        for engine in engines:
            engine.dispose()
    assert _query(url, "SELECT host FROM fetch_hosts ORDER BY host") == [("news.example",), ("other.example",)]


def test_a_queue_made_before_shared_fetching_asks_for_queue_init_again(
    new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.errors import StateError
    from briefing.queue.database import check_ready, queue_url

    url = _initialised(new_database)
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE feed_entries, fetched_articles")
        with pytest.raises(StateError, match="made by an earlier version") as raised:
            check_ready(engine, queue_url(url))
        assert "queue init" in (raised.value.hint or "")
        assert main(["queue", "init", "--database", url]) == 0
        assert "already; added the tables of shared fetching it lacked" in capsys.readouterr().out
        check_ready(engine, queue_url(url))
        assert main(["queue", "init", "--database", url]) == 0
        assert "already; nothing to do" in capsys.readouterr().out
    finally:
        engine.dispose()


# the analyses kept in the database ------------------------------------------------------------------------------


def test_an_analysis_comes_back_from_its_json_as_it_was_made() -> None:
    from briefing.analysis import analyse
    from briefing.ingest import read_inputs
    from briefing.queue.analyses import decode, encode
    from tests.conftest import EXAMPLES_BY_LANGUAGE

    found = read_inputs([str(EXAMPLES_BY_LANGUAGE)]).articles
    made = [(a, analyse(a, algorithm="news", count=3)) for a in found]
    assert sum(len(x.quotes) for _, x in made) > 40 and any(q.parts for _, x in made for q in x.quotes)
    for article, result in made:
        assert decode(encode(result), article.id) == result, article.id
        assert decode(encode(result), "another") == analysis._rebind(result, "another")  # the id is not kept


def test_two_workers_wanting_one_articles_analysis_at_once_analyse_it_once(new_database: Callable[[], str]) -> None:
    from briefing.analysis import Analysis, analyse
    from briefing.queue.analyses import DatabaseAnalysisCache

    url = _initialised(new_database)
    made = {f"k{n}": analyse(a, algorithm="news", count=3) for n, a in enumerate(_articles(3, seed=5), start=1)}
    computed: dict[str, list[str]] = {"a": [], "b": []}
    a_computing, b_computed, go = threading.Event(), threading.Event(), threading.Event()
    results: dict[str, dict[str, Analysis]] = {}

    def compute_a(keys: Any) -> dict[str, Analysis]:
        computed["a"].extend(keys)
        a_computing.set()
        assert go.wait(60)
        return {k: made[k] for k in keys}

    def compute_b(keys: Any) -> dict[str, Analysis]:
        computed["b"].extend(keys)
        b_computed.set()
        return {k: made[k] for k in keys}

    engines = [_engine(url), _engine(url)]
    try:
        first = threading.Thread(
            target=lambda: results.__setitem__("a", DatabaseAnalysisCache(engines[0]).analyses(["k1", "k2"], compute_a))
        )
        second = threading.Thread(
            target=lambda: results.__setitem__("b", DatabaseAnalysisCache(engines[1]).analyses(["k2", "k3"], compute_b))
        )
        first.start()
        assert a_computing.wait(60)
        second.start()  # k2 is being analysed by the first: the second analyses k3, then waits for k2
        assert b_computed.wait(60)
        go.set()
        first.join(60)
        second.join(60)
    finally:
        for engine in engines:
            engine.dispose()
    assert sorted(computed["a"]) == ["k1", "k2"] and computed["b"] == ["k3"]
    assert results["b"]["k2"] == analysis._rebind(made["k2"], "")  # read back as the first wrote it
    assert set(results["a"]) == {"k1", "k2"} and set(results["b"]) == {"k2", "k3"}
    assert _query(url, "SELECT count(*) FROM analyses") == [(3,)]
