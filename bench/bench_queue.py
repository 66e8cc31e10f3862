"""The queue on this machine: briefs per minute for 1 and 2 workers, what one scheduled run costs, and what the
shared analyses save.

    python bench/bench_queue.py                       # about 3 minutes on two cores
    python bench/bench_queue.py --json bench/results/queue.json

Everything runs here, offline: a PostgreSQL server of its own (initdb in a temporary folder, a Unix socket, as
the tests start one), feeds on loopback — each feed on an address of its own (127.0.0.2, 127.0.0.3, …), so
each is a host of its own as real feeds are — their entries' pages, and an SMTP server (aiosmtpd). The articles
are generated (``bench/corpus.py``). Three measurements, printed as tables:

1. **one scheduled run, stage by stage** (in this process): a schedule of 3 feeds of 10 entries each, written to
   PDF and emailed with the PDF attached. Once as the embedded default runs it (fetching its feeds and pages
   itself), once as a worker of the queue does (reading them from the database, the feeds checked beforehand),
   with the time of a feed's check beside it;
2. **the analyses shared**: 20 schedules over the same 20 feeds (3 feeds each, every feed in 3 schedules), each run
   once without the cache and once with it, in turns, in this process — the time of the runs and the articles
   analysed;
3. **briefs per minute**: schedules' due runs enqueued at once and run by 1, then 2, worker processes
   (``briefing worker --concurrency 1`` each), from the first job to the last (each worker started and ready
   beforehand), with the analyses' cache emptied before each round.

Figures depend on the machine and its load (``docs/performance.md`` says how to read them); compare within one
run.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus  # noqa: E402
from briefing.models import Article  # noqa: E402

# the PostgreSQL server --------------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres() -> Iterator[Callable[[str], str]]:
    """A PostgreSQL server in a temporary folder, on a Unix socket; yields a maker of databases (name -> URL).

    (tests/pg.py starts the tests' server the same way; this one is for a benchmark, outside pytest.)
    """
    found = shutil.which("initdb")
    programs = Path(found).resolve().parent if found else None
    if programs is None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        programs = versions[-1].parent if versions else None
    if programs is None:
        raise SystemExit("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    base = Path(tempfile.mkdtemp(prefix="briefing-bench-postgresql-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        import pwd

        owner = pwd.getpwnam("postgres")
        os.chown(base, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]

    def run(*command: str) -> None:
        subprocess.run([*as_owner, *command], capture_output=True, text=True, timeout=120, check=True)

    data = base / "data"
    run(str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "briefing", "-E", "UTF8", "--no-sync")
    options = f"-k {base} -c listen_addresses='' -p 5432 -c fsync=off"
    run(str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"), "-w", "start")

    def create(name: str) -> str:
        import psycopg

        with psycopg.connect(host=str(base), port=5432, user="briefing", dbname="postgres", autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")  # a name of our own making
        return f"postgresql+psycopg://briefing@/{name}?host={base}&port=5432"

    try:
        yield create
    finally:
        run(str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


# the feeds -----------------------------------------------------------------------------------------------------


class Site:
    """Feeds on loopback, each on an address of its own, with their entries' pages; ETag and 304 as servers do."""

    def __init__(self, feeds: int, entries: int, *, seed: int = 7) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        made = list(Corpus(seed).stories(feeds * entries))
        self.articles = [replace(a, published=now - timedelta(minutes=5 * n)) for n, a in enumerate(made)]
        self.servers: list[ThreadingHTTPServer] = []
        self.urls: list[str] = []
        for n in range(feeds):
            mine = self.articles[n * entries : (n + 1) * entries]
            server = ThreadingHTTPServer((f"127.0.0.{n + 2}", 0), _handler(mine))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)
            self.urls.append(f"http://127.0.0.{n + 2}:{server.server_address[1]}/feed.xml")

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _handler(articles: list[Article]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = self.headers.get("Host", "")
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>{escape(a.title)}</title><link>http://{host}/{a.id}.html</link>"
                    f"<guid>{a.id}</guid><pubDate>{format_datetime(a.published or datetime.now(UTC))}</pubDate>"
                    f"<description>{escape(a.text.split(chr(10))[0])}</description></item>"
                    for a in articles
                )
                body = (
                    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    f"<title>{escape(articles[0].source)}</title><link>http://{host}/</link>{items}</channel></rss>"
                ).encode()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", "", etag)
                else:
                    self._send(200, body, "application/rss+xml", etag)
                return
            article = next((a for a in articles if self.path == f"/{a.id}.html"), None)
            if article is None:
                self._send(404, b"not here", "text/plain", "")
                return
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n\n"))
            page = (
                f"<!DOCTYPE html><html><head><title>{escape(article.title)}</title>"
                f'<meta property="og:site_name" content="{escape(article.source)}"></head><body><article>'
                f"<h1>{escape(article.title)}</h1>{paragraphs}</article></body></html>"
            ).encode()
            self._send(200, page, "text/html; charset=utf-8", "")

        def _send(self, status: int, body: bytes, kind: str, etag: str) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def schedule(folder: Path, name: str, sources: list[str], *, email: bool = False, formats: str = '["pdf"]') -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        f'title = "{name}"\nevery = "1h"\ntimezone = "UTC"\nsources = {json.dumps(sources)}\n'
        f'formats = {formats}\noutput_dir = "../briefs"\npeople_memory = false\n'
    )
    if email:
        text += '[email]\nto = ["desk@example.org"]\nattach = ["pdf"]\n'
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")


# 1. one run, stage by stage ----------------------------------------------------------------------------------


class Stages:
    """Seconds spent in the run's stages, measured by wrapping the functions the runner calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def wrapped(self) -> Iterator[None]:
        import briefing.analysis as analysis
        import briefing.deliver.smtp as smtp
        import briefing.pipeline as pipeline
        import briefing.queue.shared as shared
        import briefing.schedule.runner as runner

        patches = [
            (pipeline, "read_sources", "fetch"),
            (shared.SharedSources, "__call__", "fetch"),
            (analysis, "analyse_all", "analysis"),
            (pipeline, "assemble_brief", "assemble"),
            (pipeline, "render_brief", "render"),
            (runner, "_message", "render"),
            (smtp, "send", "send"),
        ]
        saved = []
        for owner, name, stage in patches:
            real = getattr(owner, name)
            saved.append((owner, name, real))
            setattr(owner, name, self._timed(real, stage))
        # the pipeline holds its own reference to analyse_all
        saved.append((pipeline, "analyse_all", pipeline.analyse_all))
        pipeline.analyse_all = analysis.analyse_all  # type: ignore[attr-defined]
        try:
            yield
        finally:
            for owner, name, real in reversed(saved):
                setattr(owner, name, real)

    def _timed(self, real: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

        return timed


def one_run(url: str, site: Site, work: Path, smtp_port: int, *, repeat: int = 3) -> dict[str, Any]:
    """A schedule of 3 feeds to PDF, emailed: its run as the embedded default makes it, and as the queue's (the
    median of ``repeat`` runs of each, after one of each to load what a process loads once)."""
    from briefing.deliver.smtp import SmtpSettings
    from briefing.queue.analyses import DatabaseAnalysisCache
    from briefing.queue.database import queue_engine, queue_url
    from briefing.queue.fetching import check_feed
    from briefing.queue.hosts import DatabaseHostGate
    from briefing.queue.shared import SharedSources
    from briefing.schedule.runner import run_schedule
    from briefing.schedule.spec import load_schedule
    from briefing.store import StateStore, sqlite_url

    smtp = SmtpSettings(host="127.0.0.1", sender="briefs@example.org", port=smtp_port, security="none")
    folder = work / "one" / "schedules"
    feeds = site.urls[:3]
    engine = queue_engine(queue_url(url))
    checks = []
    for feed in feeds:  # the queue's checks, as a worker makes them (host gap 0: nothing waits)
        started = time.perf_counter()
        done = check_feed(engine, feed, due_at=datetime.now(UTC), gate=DatabaseHostGate(engine, 0.0))
        checks.append((time.perf_counter() - started, done.requests))
    kinds = ("embedded", "queue", "queue-kept")
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for n in range(repeat + 1):
        for kind in kinds:
            name = f"{kind}-{n}"
            schedule(folder, name, feeds, email=True)
            # the embedded default: SQLite, the run fetching its feeds and their pages itself (0.5 s between two
            # requests to one host: the fetcher's default); the queue: reading them from the database, the first
            # schedule to brief the articles (no analysis kept), then another (their analyses kept)
            store = StateStore(sqlite_url(work / "one" / f"{name}.sqlite") if kind == "embedded" else queue_url(url))
            extra: dict[str, Any] = {}
            if kind != "embedded":
                extra = {"sources": SharedSources(engine, store), "analyses": DatabaseAnalysisCache(engine)}
            if kind == "queue":
                with engine.begin() as conn:
                    conn.exec_driver_sql("DELETE FROM analyses")
            stages = Stages()
            started = time.perf_counter()
            with stages.wrapped():
                spec = load_schedule(folder / f"{name}.toml")
                outcome = run_schedule(spec, state_dir=work / "one", store=store, smtp=smtp, **extra)
            if n:  # the first of each loads what a process loads once
                rows[kind].append(_stage_row(stages.seconds, time.perf_counter() - started, outcome.articles))
            store.close()
    engine.dispose()
    results: dict[str, Any] = {kind: _median_row(found) for kind, found in rows.items()}
    results["check"] = {
        "seconds": statistics.median(s for s, _ in checks),
        "requests": statistics.median(r for _, r in checks),
        "gap": 0.0,
    }
    results["repeat"] = repeat
    return results


def _median_row(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: statistics.median(r[key] for r in rows) for key in rows[0]}


def _stage_row(seconds: dict[str, float], total: float, articles: int) -> dict[str, Any]:
    row = {
        "fetch": seconds.get("fetch", 0.0),
        "analysis": seconds.get("analysis", 0.0),
        "stories": seconds.get("assemble", 0.0) - seconds.get("analysis", 0.0),
        "render": seconds.get("render", 0.0),
        "send": seconds.get("send", 0.0),
        "total": total,
        "articles": articles,
    }
    row["other"] = total - sum(row[k] for k in ("fetch", "analysis", "stories", "render", "send"))
    return row


# 2. the analyses shared ----------------------------------------------------------------------------------------


def shared_analyses(url: str, site: Site, work: Path, schedules: int) -> dict[str, Any]:
    """``schedules`` schedules over the same feeds, each run without the cache and with it, in turns."""
    import briefing.analysis as analysis
    from briefing.queue.analyses import DatabaseAnalysisCache
    from briefing.queue.database import queue_engine, queue_url
    from briefing.queue.shared import SharedSources
    from briefing.schedule.runner import run_schedule
    from briefing.schedule.spec import load_schedule
    from briefing.store import StateStore

    folder = work / "shared" / "schedules"
    n = len(site.urls)
    for i in range(schedules):
        sources = [site.urls[(i + k) % n] for k in range(3)]
        for variant in ("without", "with"):
            schedule(folder, f"{variant}-{i:02d}", sources, formats='["json"]')
    engine = queue_engine(queue_url(url))
    store = StateStore(queue_url(url))
    analysed = {"without": 0, "with": 0}
    seconds = {"without": 0.0, "with": 0.0}
    articles = {"without": 0, "with": 0}
    real = analysis.analyse
    variant_now = ["without"]

    def counted(article: Article, *, algorithm: str, count: int) -> analysis.Analysis:
        analysed[variant_now[0]] += 1
        return real(article, algorithm=algorithm, count=count)

    analysis.analyse = counted  # type: ignore[assignment]
    try:
        for i in range(schedules):
            for variant in ("without", "with"):
                variant_now[0] = variant
                spec = load_schedule(folder / f"{variant}-{i:02d}.toml")
                started = time.perf_counter()
                outcome = run_schedule(
                    spec,
                    state_dir=work / "shared",
                    store=store,
                    smtp=None,
                    sources=SharedSources(engine, store),
                    analyses=DatabaseAnalysisCache(engine) if variant == "with" else None,
                )
                seconds[variant] += time.perf_counter() - started
                articles[variant] += outcome.articles
    finally:
        analysis.analyse = real
        store.close()
        engine.dispose()
    return {"schedules": schedules, "seconds": seconds, "analysed": analysed, "articles": articles}


# 3. briefs per minute ------------------------------------------------------------------------------------------


#: a worker of the benchmark: one run at a time, no gap between requests (its runs fetch nothing)
WORKER = [sys.executable, "-m", "briefing", "worker", "--concurrency", "1", "--host-gap", "0"]


def throughput(url: str, site: Site, work: Path, workers: int, runs: int) -> dict[str, Any]:
    """``runs`` due runs of as many schedules (3 feeds each, to PDF), run by ``workers`` worker processes."""
    import sqlalchemy as sa

    from briefing.queue.database import queue_engine, queue_url
    from briefing.queue.jobs import DueRun, enqueue

    folder = work / f"tput{workers}" / "schedules"
    n = len(site.urls)
    names = [f"tput{workers}-{i:02d}" for i in range(runs)]
    for i, name in enumerate(names):
        schedule(folder, name, [site.urls[(i + k) % n] for k in range(3)])
    engine = queue_engine(queue_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM analyses"))  # each round starts with none kept
    procs = []
    logs = []
    try:
        for w in range(workers):
            log_path = work / f"worker-{workers}-{w}.log"
            logs.append(log_path)
            handle = log_path.open("wb")
            procs.append(
                subprocess.Popen(
                    [*WORKER, "--database", url, "--state", str(work / f"w{w}"), "--name", f"w{w}"],
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    cwd=ROOT,
                    env={**os.environ, "PYTHONPATH": str(ROOT)},
                )
            )
        deadline = time.monotonic() + 120
        while not all("started" in p.read_text(errors="replace") for p in logs):
            if time.monotonic() > deadline:
                raise SystemExit("the workers did not start: " + " ".join(p.read_text() for p in logs))
            time.sleep(0.2)
        due = datetime.now(UTC).replace(microsecond=0)
        load = os.getloadavg()[0]  # what else the machine runs shows here: its cores are shared
        started = time.perf_counter()
        for name in names:
            enqueue(engine, DueRun(schedule=name, due_at=due, folder=str(folder)), clock="bench")
        query = sa.text("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")
        while True:
            with engine.connect() as conn:
                if not conn.execute(query).scalar():
                    break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        with engine.connect() as conn:
            statuses = dict(
                conn.execute(
                    sa.text("SELECT status, count(*) FROM runs WHERE schedule LIKE :p GROUP BY status"),
                    {"p": f"tput{workers}-%"},
                ).all()
            )
            by_worker = dict(
                conn.execute(
                    sa.text("SELECT worker, count(*) FROM runs WHERE schedule LIKE :p GROUP BY worker"),
                    {"p": f"tput{workers}-%"},
                ).all()
            )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(120)
        engine.dispose()
    return {
        "workers": workers,
        "runs": runs,
        "seconds": elapsed,
        "per_minute": runs / elapsed * 60,
        "status": statuses,
        "by_worker": by_worker,
        "load_before": load,
    }


# the whole ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=20, help="feeds served (default 20)")
    parser.add_argument("--entries", type=int, default=10, help="entries of each feed (default 10)")
    parser.add_argument("--schedules", type=int, default=20, help="schedules sharing analyses (default 20)")
    parser.add_argument("--runs", type=int, default=24, help="runs in each throughput round (default 24)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--only", choices=("run", "analyses", "throughput"), help="measure this alone (default: all three)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # the email's CSS, which WeasyPrint never renders
    from aiosmtpd.controller import Controller

    from briefing.queue.database import init_queue, queue_engine, queue_url
    from briefing.queue.fetching import check_feed
    from briefing.queue.hosts import DatabaseHostGate

    class Sink:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            return "250 OK"

    import socket

    with socket.socket() as probe:  # a free port (aiosmtpd checks its server by connecting to it)
        probe.bind(("127.0.0.1", 0))
        smtp_port = int(probe.getsockname()[1])
    mail = Controller(Sink(), hostname="127.0.0.1", port=smtp_port)
    mail.start()
    site = Site(args.feeds, args.entries)
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-queue-"))
    try:
        with postgres() as create:
            url = create("bench")
            init_queue(queue_url(url))
            every = args.only is None
            one = one_run(url, site, work, smtp_port) if every or args.only == "run" else {}
            engine = queue_engine(queue_url(url))
            for feed in site.urls:  # every feed stored once, as the clock's checks would
                check_feed(engine, feed, due_at=datetime.now(UTC), gate=DatabaseHostGate(engine, 0.0))
            engine.dispose()
            cache = shared_analyses(url, site, work, args.schedules) if every or args.only == "analyses" else {}
            wanted = every or args.only == "throughput"
            rounds = [throughput(url, site, work, w, args.runs) for w in (1, 2)] if wanted else []
    finally:
        site.close()
        mail.stop()
        shutil.rmtree(work, ignore_errors=True)
    report = {
        "machine": {
            "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "commit": _commit(),
        "feeds": args.feeds,
        "entries": args.entries,
        "one_run": one,
        "shared_analyses": cache,
        "throughput": rounds,
    }
    _print(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _print(report: dict[str, Any]) -> None:
    if report["one_run"]:
        _print_run(report)
    if report["shared_analyses"]:
        _print_cache(report["shared_analyses"])
    if report["throughput"]:
        _print_throughput(report["throughput"])


def _print_run(report: dict[str, Any]) -> None:
    one = report["one_run"]
    print(
        f"one scheduled run: 3 feeds x {report['entries']} entries, PDF, emailed "
        f"(seconds, median of {one['repeat']})"
    )
    print(f"{'':28}{'fetch':>8}{'analysis':>10}{'stories':>9}{'render':>8}{'send':>7}{'other':>7}{'total':>8}")
    for name, label in (
        ("embedded", "embedded (fetches itself)"),
        ("queue", "queue (reads the database)"),
        ("queue-kept", "queue, analyses kept"),
    ):
        r = one[name]
        cells = "".join(
            f"{r[k]:>{w}.2f}"
            for k, w in (("fetch", 8), ("analysis", 10), ("stories", 9), ("render", 8), ("send", 7), ("other", 7))
        )
        print(f"{label:28}{cells}{r['total']:>8.2f}   {r['articles']} articles")
    check = one["check"]
    print(f"a feed's check (queue job): {check['seconds']:.2f} s for {check['requests']:.0f} requests, host gap 0")


def _print_cache(cache: dict[str, Any]) -> None:
    print(f"\n{cache['schedules']} schedules over the same feeds, each run once (in turns):")
    for variant in ("without", "with"):
        print(
            f"  {variant:>7} the cache: {cache['seconds'][variant]:6.1f} s, "
            f"{cache['analysed'][variant]} analyses for {cache['articles'][variant]} articles briefed"
        )


def _print_throughput(rounds: list[dict[str, Any]]) -> None:
    print("\nbriefs per minute (3 feeds each, PDF):")
    for r in rounds:
        done = f"{r['runs']} runs in {r['seconds']:.1f} s, by {r['by_worker']}"
        done += f"; load average before {r['load_before']:.2f}"
        print(f"  {r['workers']} worker(s): {r['per_minute']:.1f} ({done}) {r['status']}")


if __name__ == "__main__":
    raise SystemExit(main())
