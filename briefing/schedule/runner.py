"""One run of a schedule: brief what is new, write it with its manifest, record it, email it.

``briefing schedule trigger`` and the scheduler call the same :func:`run_schedule`, so a
triggered run is exactly a scheduled one. The order of its steps is what makes a brief
neither lost nor sent twice:

1. take the schedule's lock (one run of a schedule at a time, across processes) and
   close any run a dead process left ``running``;
2. send the emails earlier runs could not (to the recipients still waiting);
3. read the sources, keep what the keywords let through and what this schedule has not
   briefed (an article is identified by its address or path and its content's digest,
   so a changed article counts as new); with nothing new, record ``nothing-new`` and stop;
4. render every format and the email, write the files (atomically, named after the run's
   time and id, each created and never written over), the email to the state folder's
   outbox, and last the run's manifest;
5. only once every file is written, in one transaction, mark the articles briefed, queue one
   delivery per recipient and record the run; then move inbox files aside (their journal
   moves them at the next run should this fail);
6. send the email, recording each recipient's outcome; a failure stays queued for step 2
   of the next run, and the brief's files stay on disk.

A crash before step 5 leaves the articles unbriefed, so the next run briefs them again;
a crash after it leaves the email queued, so the next run sends it (with the same
Message-ID, which mail clients treat as one message).
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import shlex
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.parser import BytesHeaderParser
from functools import partial
from glob import escape as glob_escape
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from briefing import __version__
from briefing.config import FORMATS, BriefConfig, load_config
from briefing.errors import BriefingError, DeliveryError, ScheduleBusyError, ScheduleError, StateError
from briefing.locks import try_lock
from briefing.models import Article, Brief, SkippedInput, SourceHealth, to_jsonable
from briefing.schedule.spec import ScheduleSpec, format_subject
from briefing.store import DeliveryRecord, StateStore

if TYPE_CHECKING:
    from briefing.analysis import AnalysisCache
    from briefing.cluster.memory import ThreadMemory
    from briefing.deliver.smtp import SmtpSettings
    from briefing.ingest import IngestResult
    from briefing.ingest.fetch import Fetcher
    from briefing.ingest.inbox import InboxClaim
    from briefing.people.memory import PeopleMemory
    from briefing.pipeline import BuildStats

__all__ = [
    "RunManifest",
    "RunOutcome",
    "SourceReader",
    "article_digest",
    "article_key",
    "run_schedule",
    "send_held_back",
]

log = logging.getLogger("briefing.schedule")

#: a delivery that keeps failing is given up after this long: an old brief is no longer news
RETRY_FOR = timedelta(days=3)
#: reads a schedule's sources for a run (``spec``, its settings, the run's time and id): the queue's workers read
#: feeds and pages from the articles fetched once for every schedule (:mod:`briefing.queue.shared`)
SourceReader = Callable[[ScheduleSpec, BriefConfig, datetime, int], "IngestResult"]
_MIME = {"pdf": "application/pdf", "html": "text/html", "md": "text/markdown", "json": "application/json"}


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOutcome:
    """What one run did, for the command line and the log."""

    schedule: str
    run_id: int
    status: str
    articles: int = 0
    stories: int = 0
    outputs: tuple[str, ...] = ()
    manifest: str = ""
    sent: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    #: deliveries of earlier runs sent during this one
    resent: int = 0
    detail: str = ""

    def summary(self) -> str:
        """One line: what was briefed, written and sent."""
        if self.status == "nothing-new":
            text = f"{self.schedule}: nothing new, nothing sent"
        else:
            text = (
                f"{self.schedule}: {self.stories} {'story' if self.stories == 1 else 'stories'} from "
                f"{self.articles} new {'article' if self.articles == 1 else 'articles'}; wrote "
                + ", ".join(Path(p).name for p in self.outputs)
            )
            if self.sent:
                text += f"; emailed {len(self.sent)} {'recipient' if len(self.sent) == 1 else 'recipients'}"
            if self.failed:
                text += f"; {len(self.failed)} email(s) failed, to be retried: {self.failed[0][1]}"
        if self.resent:
            text += f"; sent {self.resent} email(s) held back from earlier runs"
        return text


def article_key(article: Article) -> str:
    """What identifies an article across runs: its address without tracking parameters, or its file's path."""
    from briefing.cluster.dedup import canonical_url

    if article.url:
        return canonical_url(article.url) or article.url
    origin = article.origin
    if "://" not in origin and not origin.startswith("<"):
        try:
            return str(Path(origin).resolve())
        except (OSError, ValueError):
            pass
    return origin


def article_digest(article: Article) -> str:
    """SHA-256 of the article's title and text, whitespace normalised: a changed article gets a new digest."""
    text = " ".join(article.title.split()) + "\n" + " ".join(article.text.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_schedule(
    spec: ScheduleSpec,
    *,
    state_dir: Path,
    store: StateStore,
    smtp: SmtpSettings | None,
    trigger: str = "manual",
    clock: Callable[[], datetime] | None = None,
    fetcher: Fetcher | None = None,
    due_at: datetime | None = None,
    worker: str | None = None,
    sources: SourceReader | None = None,
    analyses: AnalysisCache | None = None,
) -> RunOutcome:
    """Run ``spec`` once, now (the steps are in the module's docstring).

    ``due_at`` and ``worker`` are recorded with the run: when a run of the queue was due, and the
    worker running it (:mod:`briefing.queue.worker`). ``sources`` reads the schedule's sources instead of
    :func:`~briefing.pipeline.read_sources` (with ``fetcher``), and ``analyses`` keeps the articles' analyses
    across runs (:func:`~briefing.analysis.analyse_all`): the queue's workers give both.

    Raises:
        ScheduleBusyError: another run of this schedule is under way (here, or on PostgreSQL, on a machine
            sharing it); nothing is recorded.
        ScheduleError: the schedule emails its brief and no mail server is set.
        ConfigError: email is asked for but BRIEFING_SMTP_* is not set, or a setting is wrong.
        BriefingError: the brief could not be built, rendered or written (recorded as ``failed``).
    """
    if spec.email is not None and smtp is None:
        raise ScheduleError(
            f"{spec.name}: the schedule emails its brief but no mail server is set",
            hint="set BRIEFING_SMTP_HOST and BRIEFING_SMTP_FROM (see docs/schedules.md)",
        )
    with _run_lock(state_dir, spec.name), store.exclusive(f"schedule:{spec.name}") as alone:
        if not alone:
            raise ScheduleBusyError(
                f"{spec.name} is running already on another machine sharing the state database",
                hint="wait for that run to finish",
            )
        # (the time once the locks are held: a run that ended as this one waited for them ended before it began)
        now = (clock or (lambda: datetime.now(UTC)))().astimezone(ZoneInfo(spec.timezone))
        interrupted = store.mark_interrupted(spec.name, now=now)
        if interrupted:
            removed = _remove_unfinished([p for outputs in interrupted for p in outputs])
            log.warning(
                "%s: %d earlier run(s) stopped before finishing; their articles will be briefed now%s",
                spec.name,
                len(interrupted),
                f" (removed their unfinished files: {', '.join(removed)})" if removed else "",
            )
        run_id = store.start_run(spec.name, trigger=trigger, now=now, due_at=due_at, worker=worker)
        log.info("%s: run %d started (%s)", spec.name, run_id, trigger)
        try:
            resent = _retry_deliveries(spec.name, store, smtp, now) if smtp is not None else 0
            outcome = _brief(
                spec,
                run_id,
                now,
                state_dir=state_dir,
                store=store,
                fetcher=fetcher,
                sender=smtp.sender if smtp is not None else "",
                sources=sources,
                analyses=analyses,
            )
        except BriefingError as exc:
            store.finish_run(run_id, status="failed", detail=str(exc))
            log.error("%s: run %d failed: %s", spec.name, run_id, exc)
            raise
        except BaseException as exc:
            store.finish_run(run_id, status="failed", detail=f"{type(exc).__name__}: {exc}")
            raise
        if outcome.status == "ok" and spec.email is not None and smtp is not None:
            sent, failed = _deliver_run(run_id, spec.name, store, smtp)
            outcome = replace(outcome, sent=sent, failed=failed)
        outcome = replace(outcome, resent=resent)
        log.info("%s", outcome.summary())
        return outcome


def send_held_back(
    spec: ScheduleSpec,
    *,
    state_dir: Path,
    store: StateStore,
    smtp: SmtpSettings,
    clock: Callable[[], datetime] | None = None,
) -> int:
    """Send the emails of ``spec``'s earlier runs still waiting (step 2 of a run, alone); returns how many went.

    The queue's worker calls it for a job whose run ended already: its worker died after recording the run,
    before or while sending, so its recipients are sent the email now rather than at the schedule's next run
    (a recipient the dead worker reached before it could record so gets the same message again, with the same
    Message-ID, which mail clients treat as one).

    Raises:
        ScheduleBusyError: a run of the schedule is under way (it sends them itself at its next run).
    """
    now = (clock or (lambda: datetime.now(UTC)))().astimezone(ZoneInfo(spec.timezone))
    with _run_lock(state_dir, spec.name), store.exclusive(f"schedule:{spec.name}") as alone:
        if not alone:
            raise ScheduleBusyError(
                f"{spec.name} is running already on another machine sharing the state database",
                hint="wait for that run to finish",
            )
        return _retry_deliveries(spec.name, store, smtp, now)


def _brief(
    spec: ScheduleSpec,
    run_id: int,
    now: datetime,
    *,
    state_dir: Path,
    store: StateStore,
    fetcher: Fetcher | None,
    sender: str,
    sources: SourceReader | None = None,
    analyses: AnalysisCache | None = None,
) -> RunOutcome:
    from briefing.pipeline import assemble_brief, read_sources, render_brief, select_articles

    config = _config(spec)
    # the pipeline's own steps, quietly: a schedule's log is its own lines below, and no
    # ``since`` (a schedule briefs what it has not briefed, whatever its date)
    if sources is not None:
        ingested = sources(spec, config, now, run_id)
    else:
        ingested = read_sources(spec.sources, config, now=now, fetcher=fetcher)
    for item in ingested.skipped:
        log.warning("%s: skipped %s: %s", spec.name, item.name, item.reason)
    try:
        chosen = select_articles(ingested, config)
        briefed = store.briefed_digests(spec.name)
        identity = {a.id: (article_key(a), article_digest(a)) for a in chosen.articles}
        # new: content this schedule has not briefed, under any address (a reprint elsewhere is not news)
        fresh = tuple(a for a in chosen.articles if identity[a.id][1] not in briefed)
        problems = _problems(ingested)
        if not fresh:
            for claim in ingested.claims:
                claim.commit()  # every file in it was briefed before or left out by the keywords
            detail = f"{len(ingested.articles)} read, none new" + (f"; {problems}" if problems else "")
            store.finish_run(run_id, status="nothing-new", detail=detail)
            return RunOutcome(schedule=spec.name, run_id=run_id, status="nothing-new", detail=detail)
        memory = _memory(spec, store)
        recall = (
            partial(memory.recall, now=now, max_age=timedelta(seconds=spec.people_memory_seconds))
            if memory is not None and spec.people_memory_seconds is not None
            else None
        )
        threads = _thread_memory(spec, store)
        earlier = (
            partial(threads.recall, now=now, max_age=timedelta(seconds=spec.thread_memory_seconds))
            if threads is not None and spec.thread_memory_seconds is not None
            else None
        )
        brief, stats = assemble_brief(
            replace(chosen, articles=fresh),
            config,
            inputs=spec.sources,
            now=now,
            recall=recall,
            analyses=analyses,
            earlier=earlier,
        )
        files = {fmt: render_brief(brief, fmt, config) for fmt in spec.outputs}
        # unique by construction (run ids are), sortable by time, and never written over (see below)
        stem = f"{spec.name}-{now:%Y-%m-%d-%H%M}-r{run_id}"
        paths = {fmt: Path(spec.output_dir) / f"{stem}{FORMATS[fmt][0]}" for fmt in files}
        manifest_path = Path(spec.output_dir) / f"{stem}.manifest.json"
        snapshot_path = Path(spec.output_dir) / f"{stem}.articles.jsonl"
        message_path = _outbox(state_dir) / f"{spec.name}-run-{run_id}.eml"
        message = _message(spec, brief, config, files, now, stats.articles, sender) if spec.email else None
        snapshot = _snapshot(fresh)
        manifest = RunManifest(
            spec=spec,
            run_id=run_id,
            generated_at=now,
            config=config,
            articles=fresh,
            identity=identity,
            paths=paths,
            files=files,
            articles_path=snapshot_path,
            articles_jsonl=snapshot,
            skipped=brief.skipped,
            source_health=brief.source_health,
        ).to_json()
        for claim in ingested.claims:
            claim.prepare([*((paths[f], files[f]) for f in files), (manifest_path, manifest)])
        from briefing.atomic import write_atomic

        # Until the run is recorded these files are not a brief: noted first, so that the next
        # run removes them if this process dies, and removed here if writing them fails.
        # Each file of the brief is created, never replaced (replace=False): a name taken already,
        # by whatever wrote it, fails this run and leaves that file as it was.
        planned = [*paths.values(), snapshot_path, *([message_path] if message is not None else []), manifest_path]
        store.note_outputs(run_id, [str(p) for p in planned])
        written: list[str] = []
        try:
            for fmt, data in files.items():
                write_atomic(paths[fmt], data, replace=False)
                written.append(str(paths[fmt]))
            write_atomic(snapshot_path, snapshot, replace=False)
            written.append(str(snapshot_path))
            if message is not None:
                # the state folder's own copy, read by this run's deliveries only; named by run id alone, so a
                # file left by a state database since moved aside (its ids start again at 1) is written over
                write_atomic(message_path, message)
                written.append(str(message_path))
            # the manifest last of the files, and before any state changes: a run whose manifest
            # cannot be written (a full disk) has briefed nothing and queued nothing
            write_atomic(manifest_path, manifest, replace=False)
            written.append(str(manifest_path))
            outputs = [str(p) for p in paths.values()]
            # every change of state in one transaction, once every file of the run is on disk
            store.complete_run(
                run_id,
                spec.name,
                articles=[identity[a.id] for a in fresh],
                stories=stats.stories,
                outputs=[*outputs, str(manifest_path)],
                recipients=spec.email.to if spec.email else (),
                message_path=str(message_path) if message is not None else "",
                message=message,
                detail=problems,
            )
        except BaseException:
            _remove_unfinished([str(p) for p in planned], written=written)
            raise
        for claim in ingested.claims:
            _commit_claim(claim)
        if memory is not None:
            _remember(memory, brief, spec.name, now)
        if threads is not None:
            _remember_threads(threads, brief, stats, spec.name, now)
    finally:
        for claim in ingested.claims:
            claim.close()
    return RunOutcome(
        schedule=spec.name,
        run_id=run_id,
        status="ok",
        articles=len(fresh),
        stories=stats.stories,
        outputs=tuple(outputs),
        manifest=str(manifest_path),
        detail=problems,
    )


def _memory(spec: ScheduleSpec, store: StateStore) -> PeopleMemory | None:
    """The memory of who people are, when the schedule keeps one (``people_memory``, on by default)."""
    if spec.people_memory_seconds is None:
        return None
    from briefing.people.memory import PeopleMemory

    return PeopleMemory(store)


def _remember(memory: PeopleMemory, brief: Brief, schedule: str, now: datetime) -> None:
    """Remember how the brief's articles described people, after the run is recorded: a failure is logged, never
    the run's (the memory only describes later briefs' bare names; this run's brief is written and recorded)."""
    try:
        added = memory.remember(brief, schedule=schedule, now=now)
    except StateError as exc:
        log.warning("%s: who the brief's people are was not remembered: %s", schedule, exc)
        return
    except Exception as exc:  # (the run is recorded already: nothing here may undo it)
        log.warning("%s: who the brief's people are was not remembered (%s: %s)", schedule, type(exc).__name__, exc)
        return
    if added:
        log.debug("%s: remembered %d description(s) of people", schedule, added)


def _thread_memory(spec: ScheduleSpec, store: StateStore) -> ThreadMemory | None:
    """The memory of the schedule's earlier stories, when it keeps one (``thread_memory``, on by default)."""
    if spec.thread_memory_seconds is None:
        return None
    from briefing.cluster.memory import ThreadMemory

    return ThreadMemory(store, spec.name)


def _remember_threads(memory: ThreadMemory, brief: Brief, stats: BuildStats, schedule: str, now: datetime) -> None:
    """Remember the brief's stories by thread, after the run is recorded: a failure, whatever it is, is logged and
    never the run's (the run's brief is written and recorded; only later briefs' earlier developments miss it)."""
    try:
        added = memory.remember(brief, [(t.stories, t.terms, t.continues) for t in stats.threads], now=now)
    except Exception as exc:  # (any: the run is recorded already, and must not be marked failed)
        log.warning("%s: the brief's stories were not remembered: %s", schedule, exc)
        return
    log.debug("%s: remembered %d stor%s by thread", schedule, added, "y" if added == 1 else "ies")


def _commit_claim(claim: InboxClaim) -> None:
    """Move an inbox's files aside once the run is recorded; a failure is logged, never the run's.

    The run is recorded already, so it must not be marked failed now: the inbox's journal names
    the files and the brief written, and the next run that opens the inbox moves them.
    """
    try:
        claim.commit()
    except OSError as exc:
        log.warning(
            "%s: the files briefed could not be moved aside yet (%s); the next run moves them",
            claim.folder,
            exc.strerror or exc,
        )


def _config(spec: ScheduleSpec) -> BriefConfig:
    return load_config(
        {
            "title": spec.title,
            "summary_sentences": spec.summary_sentences,
            "max_stories": spec.max_stories,
            "tagged_pdf": spec.tagged_pdf,
            "templates": spec.templates or None,
            "people": spec.people or None,
            "keywords": spec.keywords or None,
            "exclude": spec.exclude or None,
            "language": spec.language or None,
            "brief_language": spec.brief_language or None,
        }
    )


def _problems(ingested: IngestResult) -> str:
    parts = [
        f"{h.name}: {h.status}" + (f" ({h.detail})" if h.detail else "")
        for h in ingested.health
        if h.status in ("failed", "empty", "stale", "skipped", "refused")
    ]
    if ingested.skipped:
        parts.append(f"{len(ingested.skipped)} input(s) skipped")
    return "; ".join(parts)


def _message(
    spec: ScheduleSpec,
    brief: Brief,
    config: BriefConfig,
    files: Mapping[str, bytes],
    now: datetime,
    articles: int,
    sender: str,
) -> bytes:
    from briefing.render.email import build_message, render_email_html, render_email_text

    assert spec.email is not None
    subject = format_subject(
        spec.email.subject, title=spec.title, date=now, name=spec.name, stories=len(brief.stories), articles=articles
    )
    attachments = [
        (f"{spec.name}-{now:%Y-%m-%d}{FORMATS[fmt][0]}", _MIME[fmt], files[fmt]) for fmt in spec.email.attach
    ]
    message = build_message(
        subject=subject,
        sender=sender,
        recipients=spec.email.to,
        text=render_email_text(brief, config.templates),
        html=render_email_html(brief, config.templates),
        attachments=attachments,
        date=now,
    )
    return bytes(message)


def _snapshot(articles: Sequence[Article]) -> bytes:
    """The briefed articles as JSONL, so ``briefing generate FILE`` can rebuild the brief from exactly them."""
    lines = []
    for a in articles:
        record = {
            "id": a.id,
            "title": a.title,
            "text": a.text,
            "url": a.url,
            "source": a.outlet,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunManifest:
    """What a run's manifest records, gathered once its files are rendered and before any is written.

    The manifest (``STEM.manifest.json``) says where the brief came from and how to make it
    again: the schedule file and its digest, the settings, each article briefed with its key
    and digest, each file written with its size and digest, and the program's versions.
    """

    spec: ScheduleSpec
    run_id: int
    #: the run's time, in the schedule's timezone
    generated_at: datetime
    config: BriefConfig
    #: the articles briefed (the new ones), in input order
    articles: tuple[Article, ...]
    #: article id -> (key, content digest), as :func:`article_key` and :func:`article_digest` give them
    identity: Mapping[str, tuple[str, str]]
    #: format -> the file it is written to, in the schedule's order of formats
    paths: Mapping[str, Path]
    #: format -> the file's bytes
    files: Mapping[str, bytes]
    #: the briefed articles as JSONL (:func:`_snapshot`), and where they are written
    articles_path: Path
    articles_jsonl: bytes
    #: the inputs skipped and the feeds' and pages' health, as in the brief
    skipped: tuple[SkippedInput, ...]
    source_health: tuple[SourceHealth, ...]

    def regenerate(self) -> str:
        """The ``briefing generate`` command that rebuilds the brief from the articles file, beside the first output."""
        spec, config = self.spec, self.config
        first = next(iter(self.paths.values()))
        again = first.with_name(f"{first.stem}-again{first.suffix}")
        command = ["briefing", "generate", str(self.articles_path), "-o", str(again), "--title", spec.title]
        if spec.summary_sentences:
            command += ["--summary-sentences", str(spec.summary_sentences)]
        if spec.max_stories is not None:
            command += ["--max-stories", str(spec.max_stories)]
        for folder in config.templates:
            command += ["--templates", str(folder)]
        for people in config.people:
            command += ["--people", str(people)]
        if spec.brief_language:
            command += ["--brief-language", spec.brief_language]
        return shlex.join(command)

    def to_json(self) -> bytes:
        """The manifest file's bytes: indented JSON, UTF-8, ending in a newline."""
        spec, config = self.spec, self.config
        settings = dict(to_jsonable(vars(config)))
        data = {
            "manifest": 1,
            "schedule": spec.name,
            "schedule_file": spec.path,
            "schedule_sha256": spec.digest,
            "run": self.run_id,
            "generated_at": self.generated_at.isoformat(),
            "timezone": spec.timezone,
            "title": spec.title,
            "sources": list(spec.sources),
            "inputs": [
                {
                    "id": a.id,
                    "title": a.title,
                    "outlet": a.outlet,
                    "url": a.url,
                    "path": a.origin if "://" not in a.origin else None,
                    "published": a.published.isoformat() if a.published else None,
                    "key": self.identity[a.id][0],
                    "sha256": self.identity[a.id][1],
                }
                for a in self.articles
            ],
            "skipped": [to_jsonable(s) for s in self.skipped],
            "source_health": [to_jsonable(h) for h in self.source_health],
            "settings": settings,
            "outputs": [
                {
                    "format": fmt,
                    "path": str(self.paths[fmt]),
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                for fmt, data in self.files.items()
            ],
            "articles_file": {
                "path": str(self.articles_path),
                "sha256": hashlib.sha256(self.articles_jsonl).hexdigest(),
            },
            "regenerate": self.regenerate(),
            "email": {"to": list(spec.email.to), "attach": list(spec.email.attach)} if spec.email else None,
            "versions": _versions(),
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"briefing": __version__, "python": platform.python_version()}
    for name in (
        "sumy",
        "Jinja2",
        "weasyprint",
        "trafilatura",
        "feedparser",
        "httpx",
        "numpy",
        "scipy",
        "nltk",
        "PyStemmer",
        "APScheduler",
        "SQLAlchemy",
        "css-inline",
    ):
        try:
            found[name.lower()] = version(name)
        except PackageNotFoundError:
            continue
    return found


def _remove_unfinished(paths: Sequence[str], *, written: Sequence[str] | None = None) -> list[str]:
    """Remove the files of a run that was never recorded, and any temporary file left
    beside them by a write cut short; return the names of those removed.

    ``written``: which of ``paths`` the run is known to have written (None: any of them may be
    its own). A file it did not write is left alone: its name was taken by someone else's.
    """
    removed: list[str] = []
    for name in paths:
        path = Path(name)
        own = [path] if written is None or name in written else []
        candidates = [*own, *path.parent.glob(f".{glob_escape(path.name)}.*.part")] if path.parent.is_dir() else []
        for candidate in candidates:
            try:
                candidate.unlink()
                removed.append(candidate.name)
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("cannot remove %s: %s", candidate, exc.strerror or exc)
    return removed


def _outbox(state_dir: Path) -> Path:
    return Path(state_dir) / "outbox"


# delivery -------------------------------------------------------------------------------------


def _deliver_run(
    run_id: int, schedule: str, store: StateStore, smtp: SmtpSettings
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    due = [d for d in store.deliveries_due(schedule) if d.run_id == run_id]
    return _send_due(due, store, smtp)


def _retry_deliveries(schedule: str, store: StateStore, smtp: SmtpSettings, now: datetime) -> int:
    due = []
    for delivery in store.deliveries_due(schedule):
        if now - delivery.created_at > RETRY_FOR:
            store.record_delivery(delivery.id, status="expired", error=delivery.error or "not sent in time")
            log.warning(
                "%s: gave up emailing run %d to %s: %s", schedule, delivery.run_id, delivery.recipient, delivery.error
            )
        else:
            due.append(delivery)
    if not due:
        return 0
    log.info("%s: sending %d email(s) held back from earlier runs", schedule, len(due))
    sent, _ = _send_due(due, store, smtp)
    return len(sent)


def _send_due(
    due: Sequence[DeliveryRecord], store: StateStore, smtp: SmtpSettings
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    from briefing.deliver.smtp import send

    sent: list[str] = []
    failed: list[tuple[str, str]] = []
    by_message: dict[str, list[DeliveryRecord]] = {}
    for d in due:
        by_message.setdefault(d.message_path, []).append(d)
    for path, group in by_message.items():
        try:
            # on PostgreSQL the database keeps the bytes, so any machine sharing it can send them; else the outbox
            kept = store.message(group[0].run_id)
            data = kept if kept is not None else Path(path).read_bytes()
        except OSError as exc:
            for d in group:
                store.record_delivery(d.id, status="failed", error=f"the email file is gone: {exc.strerror or exc}")
                failed.append((d.recipient, "the email file is gone"))
            continue
        try:
            _check_headers(data)
            refused = send(smtp, [_envelope(d.recipient) for d in group], data)
        except Exception as exc:
            # Whatever goes wrong with one delivery is that delivery's failure, recorded with its
            # message and tried again at later runs: it never stops this run nor blocks the next.
            error = str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
            for d in group:
                store.record_delivery(d.id, status="failed", error=error)
                failed.append((d.recipient, error))
            log.error("email to %s failed: %s", ", ".join(d.recipient for d in group), error)
            continue
        for d in group:
            reply = refused.get(_envelope(d.recipient))
            if reply is not None:
                store.record_delivery(d.id, status="failed", error=f"refused: {reply}")
                failed.append((d.recipient, f"refused: {reply}"))
                log.error("email to %s refused: %s", d.recipient, reply)
            else:
                store.record_delivery(d.id, status="sent")
                sent.append(d.recipient)
    return tuple(sent), tuple(failed)


def _envelope(recipient: str) -> str:
    """The bare address of ``Name <addr>``, for the SMTP envelope."""
    from email.utils import parseaddr

    return parseaddr(recipient)[1] or recipient


def _check_headers(data: bytes) -> None:
    """A stored message must still parse: a damaged file is better reported than sent."""
    headers = BytesHeaderParser().parsebytes(data)
    if not headers.get("Message-ID"):
        raise DeliveryError("a queued email has no Message-ID; it is damaged", temporary=False)


# locking --------------------------------------------------------------------------------------


@contextmanager
def _run_lock(state_dir: Path, name: str) -> Iterator[None]:
    """Hold ``STATE/locks/NAME.lock`` for the run: a second run of one schedule, in any process, is refused."""
    folder = Path(state_dir) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    handle = try_lock(folder / f"{name}.lock")
    if handle is None:
        raise ScheduleBusyError(f"{name} is running already (its lock is held)", hint="wait for that run to finish")
    try:
        yield
    finally:
        handle.close()
