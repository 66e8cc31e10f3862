"""A schedule's sources for a run of the queue: its feeds and pages from the articles fetched once for every
schedule, its files and folders as always.

A run of the queue does not fetch the web addresses among its sources: :class:`SharedSources` reads
their articles from the database, where the checks of :mod:`briefing.queue.fetching` store them, and
gives the run what :func:`briefing.pipeline.read_sources` would — the articles in the order of the
sources, their health (from each feed's last check) and what was skipped. Files, folders, feed files
and inboxes are read as in any run.

Which of a feed's articles a run reads: those in the feed's latest read (``present``), and those seen
since the schedule's previous run that ended (``ok`` or ``nothing-new``) began, less
:data:`RUN_OVERLAP` (the workers' clocks and the database's differ a little, and a check's transaction may
begin before a run and end after it). So an article that came and went between two runs is read by the
second. What the schedule briefed already is left out by the run, by its content digest, as always: the
overlap costs a read, never a second brief.

A run whose feed is being checked at that moment (its job under way on some worker) waits for the check
to end, up to :attr:`SharedSources.wait_seconds`, so that it briefs what the check brings.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from briefing.config import BriefConfig
from briefing.errors import StateError
from briefing.ingest import IngestResult
from briefing.models import Article, SkippedInput, SourceHealth
from briefing.queue.database import feed_entries, feeds, fetched_articles
from briefing.queue.fetching import health_of, stored_article
from briefing.schedule.spec import ScheduleSpec
from briefing.store import StateStore

__all__ = ["RUN_OVERLAP", "SharedSources", "is_address"]

log = logging.getLogger("briefing.queue")

#: how far before the previous run's start a run reads the articles its feeds gave
RUN_OVERLAP = timedelta(minutes=10)


def is_address(source: str) -> bool:
    """Whether a schedule's source is a web address (a feed or a page), fetched by the queue for every schedule."""
    return source.startswith(("http://", "https://"))


@dataclass(slots=True)
class _Read:
    """What the database gives for one address."""

    articles: list[Article] = field(default_factory=list)
    health: list[SourceHealth] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    feed: bool = True


class SharedSources:
    """The :data:`~briefing.schedule.runner.SourceReader` of the queue's runs (the module's docstring)."""

    def __init__(
        self, engine: Engine, store: StateStore, *, wait_seconds: float = 120.0, poll_seconds: float = 0.5
    ) -> None:
        self.engine = engine
        self.store = store
        self.wait_seconds = wait_seconds
        self.poll_seconds = poll_seconds

    def __call__(self, spec: ScheduleSpec, config: BriefConfig, now: datetime, run_id: int) -> IngestResult:
        """Read ``spec``'s sources for its run ``run_id``.

        Raises:
            StateError: the database failed.
        """
        from briefing.pipeline import read_sources

        addresses = [s for s in dict.fromkeys(spec.sources) if is_address(s)]
        local = [s for s in spec.sources if not is_address(s)]
        here = read_sources(local, config, now=now) if local else IngestResult(articles=(), skipped=())
        self._wait_for_checks(spec.name, addresses)
        try:
            shared = self._read(spec.name, addresses, run_id, config, now)
        except SQLAlchemyError as exc:
            raise StateError(f"{spec.name}: cannot read its feeds' articles: {_reason(exc)}") from exc
        articles: list[Article] = []
        health: list[SourceHealth] = list(here.health)
        skipped: list[SkippedInput] = list(here.skipped)
        counts: list[tuple[str, int, int]] = []
        taken, read = 0, set()
        local_counts = iter(here.counts)
        for source in spec.sources:
            if is_address(source):
                if source in read:
                    continue
                read.add(source)
                got = shared[source]
                articles.extend(got.articles)
                health.extend(got.health)
                skipped.extend(got.skipped)
                counts.append((source, len(got.articles), len(got.skipped)))
            else:
                name, count, missed = next(local_counts)
                articles.extend(here.articles[taken : taken + count])
                taken += count
                counts.append((name, count, missed))
        return IngestResult(
            articles=tuple(_unique_ids(articles)),
            skipped=tuple(skipped),
            health=tuple(health),
            claims=here.claims,
            briefs=here.briefs,
            feeds=(*here.feeds, *(a for a in addresses if shared[a].feed)),
            counts=tuple(counts),
        )

    def _wait_for_checks(self, schedule: str, addresses: Sequence[str]) -> None:
        """Wait while a check of one of ``addresses`` is under way, up to :attr:`wait_seconds`."""
        from briefing.queue.jobs import check_lock

        if not addresses:
            return
        locks = [check_lock(a) for a in addresses]
        query = sa.text("SELECT count(*) FROM procrastinate_jobs WHERE lock = ANY(:locks) AND status = 'doing'")
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                with self.engine.connect() as conn:
                    busy = int(conn.execute(query, {"locks": locks}).scalar_one())
            except SQLAlchemyError:
                return  # the read that follows reports the database's failure
            if not busy or time.monotonic() > deadline:
                return
            if not told:
                log.info("%s: waiting for %d of its feeds' checks under way", schedule, busy)
                told = True
            time.sleep(self.poll_seconds)

    def _read(
        self, schedule: str, addresses: Sequence[str], run_id: int, config: BriefConfig, now: datetime
    ) -> dict[str, _Read]:
        out = {address: _Read() for address in addresses}
        if not addresses:
            return out
        since = self.store.ended_run_start(schedule, before=run_id)
        with self.engine.connect() as conn:
            wanted: sa.ColumnElement[bool] = feed_entries.c.present
            if since is not None:
                wanted = sa.or_(wanted, feed_entries.c.last_seen_at >= since - RUN_OVERLAP)
            rows = conn.execute(
                sa.select(fetched_articles, feed_entries.c.feed_url)
                .join(feed_entries, feed_entries.c.article_id == fetched_articles.c.id)
                .where(feed_entries.c.feed_url.in_(addresses), wanted)
                .order_by(
                    feed_entries.c.feed_url,
                    feed_entries.c.present.desc(),
                    feed_entries.c.position,
                    feed_entries.c.first_seen_at,
                    fetched_articles.c.id,
                )
            ).mappings()
            for row in rows:
                article = stored_article(row)
                if config.language and article.language != config.language:
                    article = replace(article, language=config.language)
                out[str(row["feed_url"])].articles.append(article)
            states = {
                str(r["url"]): r for r in conn.execute(sa.select(feeds).where(feeds.c.url.in_(addresses))).mappings()
            }
        for address in addresses:
            _health(address, states.get(address), out[address], config, now)
        return out


def _health(address: str, state: Any, got: _Read, config: BriefConfig, now: datetime) -> None:
    """The source health of ``address`` for this run, from how its last checks went."""
    if state is None or state["status"] == "new":
        got.health.append(
            SourceHealth(
                name=address, url=address, kind="feed", status="skipped", detail="not fetched yet: its check is queued"
            )
        )
        return
    kept = health_of(str(state["health"]))
    if kept:
        got.feed = kept[0].kind == "feed"
    if state["status"] == "failed":
        error, failures = str(state["error"]), int(state["failures"])
        since_good = "" if state["fetched_at"] is None else "; the articles of its last good check are read"
        got.health.append(
            SourceHealth(
                name=kept[0].name if kept else address,
                url=address,
                kind=kept[0].kind if kept else "feed",
                status="failed",
                detail=f"{error} ({failures} failed check(s) in a row{since_good})",
                articles=len(got.articles),
            )
        )
        if state["fetched_at"] is None:
            got.skipped.append(SkippedInput(name=address, reason=error))
        return
    if not kept:
        got.health.append(SourceHealth(name=address, url=address, kind="feed", status="ok", articles=len(got.articles)))
        return
    own = kept[0]
    dated = [a.published for a in got.articles if a.published is not None]
    newest = max(dated) if dated else own.newest
    status, detail = own.status, own.detail
    if own.kind == "feed" and status in ("ok", "stale"):  # (a page is never stale, as in any run)
        stale = newest is not None and newest < now.astimezone(UTC) - timedelta(hours=config.stale_after_hours)
        status = "stale" if stale else "ok"
        detail = (
            f"newest entry {newest.isoformat(timespec='minutes')}"
            if stale and newest
            else (own.detail if own.status == "ok" else "")
        )
    got.health.append(replace(own, status=status, detail=detail, articles=len(got.articles), newest=newest))
    got.health.extend(kept[1:])


def _unique_ids(articles: Sequence[Article]) -> list[Article]:
    """The articles with ids unique in the run (``aleppo``, ``aleppo-2``, …), as one read of them all gives."""
    seen: set[str] = set()
    out = []
    for article in articles:
        base = article.id or "article"
        new, n = base, 1
        while new in seen:
            n += 1
            new = f"{base}-{n}"
        seen.add(new)
        out.append(article if new == article.id else replace(article, id=new))
    return out


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
