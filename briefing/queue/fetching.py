"""Shared fetching: each feed or page address the schedules name is fetched once per interval, for all of them.

The clock keeps a row per address in :data:`~briefing.queue.database.feeds` and, when its
``next_check_at`` comes, enqueues one job to check it (:func:`~briefing.queue.jobs.enqueue_checks`);
a worker runs :func:`check_feed`:

1. the feed is fetched with the ``ETag`` and ``Last-Modified`` its row keeps (a conditional GET):
   a ``304 Not Modified`` changes nothing but the time it was checked;
2. otherwise it is read as ``briefing generate`` reads it (:func:`briefing.ingest.read_inputs`), except
   that an entry whose page gave its article before, and which has not changed since, is not fetched
   again (:class:`~briefing.ingest.web.PageMemory`): its article stands in;
3. in one transaction, each article is stored once by its canonical address and content digest
   (:data:`~briefing.queue.database.fetched_articles`), the feed's entries are recorded
   (:data:`~briefing.queue.database.feed_entries`: present now or not, first and last seen), and the
   feed's row gets its new validators, health and status. Validators and articles are written together:
   a worker that dies mid-fetch leaves the old validators, so the next check fetches the feed in full
   rather than hearing "not modified" about articles never stored.

Every request waits for its host's turn in the database (:mod:`briefing.queue.hosts`), whichever worker
makes it. A check that fails (the host down, a 404, a feed that cannot be read) is recorded with its
reason and the count of failures in a row, and the next check is put off: the interval doubles with
each failure after the first, up to :data:`BACKOFF_CAP` (or the interval, if longer). The articles of
earlier checks stay readable meanwhile. A schedule's run reads the articles of its feeds from the
database (:mod:`briefing.queue.shared`) instead of fetching them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from briefing.config import BriefConfig, load_config
from briefing.errors import StateError
from briefing.ingest.feeds import FeedEntry
from briefing.ingest.fetch import HostGate
from briefing.models import Article, SourceHealth, to_jsonable
from briefing.queue.database import feed_entries, feeds, fetched_articles

__all__ = [
    "BACKOFF_CAP",
    "DEFAULT_INTERVAL_SECONDS",
    "CheckOutcome",
    "check_feed",
    "entry_digest",
    "health_of",
    "stored_article",
]

log = logging.getLogger("briefing.queue")

#: the longest a failing feed's next check is put off, unless its own interval is longer
BACKOFF_CAP = timedelta(hours=6)
#: seconds between two checks of a feed, unless the clock says otherwise (``--fetch-every``)
DEFAULT_INTERVAL_SECONDS = 15 * 60


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckOutcome:
    """What one check of a feed did."""

    url: str
    #: ok (content read), not-modified (the server said so) or failed
    status: str
    #: articles the feed gave, and how many of them were stored for the first time
    articles: int = 0
    new: int = 0
    #: requests made: the feed's own and its entries' pages
    requests: int = 0
    error: str = ""

    def summary(self) -> str:
        """One line for the log."""
        if self.status == "failed":
            return f"{self.url}: the check failed: {self.error}"
        if self.status == "not-modified":
            return f"{self.url}: not modified"
        return f"{self.url}: {self.articles} article(s), {self.new} new; {self.requests} request(s)"


def entry_digest(entry: FeedEntry) -> str:
    """SHA-256 of a feed entry as the feed gives it (link, title, date, text): a changed entry has another."""
    parts = (entry.link, entry.title, entry.published_raw, entry.content_html, entry.source)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class _Validators:
    """The feed's ``ETag`` and ``Last-Modified`` from its row, and the new ones once fetched (written with the
    articles, never before them)."""

    def __init__(self, url: str, etag: str, last_modified: str) -> None:
        self.url = url
        self.etag, self.last_modified = etag, last_modified
        self.changed = False

    def get(self, url: str) -> tuple[str, str]:
        return (self.etag, self.last_modified) if url == self.url else ("", "")

    def put(self, url: str, etag: str, last_modified: str) -> None:
        if url == self.url:
            self.etag, self.last_modified, self.changed = etag, last_modified, True


class _Pages:
    """The articles the feed's present entries gave from their pages, by entry; and what this check gave."""

    def __init__(self, known: dict[tuple[str, str], Article]) -> None:
        self.known = known
        #: an article's address -> the digest of the entry whose page gave it, this time
        self.digests: dict[str, str] = {}

    def recall(self, entry: FeedEntry) -> Article | None:
        return self.known.get((entry.link, entry_digest(entry)))

    def keep(self, entry: FeedEntry, article: Article) -> None:
        self.digests[article.url] = entry_digest(entry)


class _CountingGate:
    """The host gate, counting the requests it lets through (one reservation each)."""

    def __init__(self, gate: HostGate) -> None:
        self.gate = gate
        self.count = 0

    def reserve(self, host: str) -> float:
        self.count += 1
        return self.gate.reserve(host)


def check_feed(
    engine: Engine,
    url: str,
    *,
    due_at: datetime,
    gate: HostGate,
    config: BriefConfig | None = None,
    now: datetime | None = None,
) -> CheckOutcome:
    """Check the feed (or page) at ``url`` once, as the module's docstring says; ``due_at`` is when the clock
    meant it to be checked (a failure puts the next check off from there). ``config`` gives the limits
    (``fetch_budget``, ``max_bytes``, ``allow_hosts``, languages; by default the environment's settings).

    Raises:
        StateError: the database failed (nothing is stored; the check is made again at the next interval).
    """
    from briefing.ingest import read_inputs
    from briefing.ingest.fetch import Fetcher, FetchSettings

    config = config or load_config({})
    now = now or datetime.now(UTC)
    try:
        with engine.begin() as conn:
            # a feed checked without the clock (a test, a command) gets its row here
            conn.execute(
                insert(feeds)
                .values(url=url, interval_seconds=DEFAULT_INTERVAL_SECONDS, next_check_at=due_at)
                .on_conflict_do_nothing()
            )
            row = conn.execute(sa.select(feeds).where(feeds.c.url == url)).mappings().one()
            known = _page_articles(conn, url)
    except SQLAlchemyError as exc:
        raise StateError(f"cannot check {url}: the database failed: {_reason(exc)}") from exc
    validators = _Validators(url, str(row["etag"]), str(row["last_modified"]))
    pages = _Pages(known)
    counting = _CountingGate(gate)
    settings = FetchSettings(budget=float(config.fetch_budget))
    with Fetcher(settings, validators=validators, gate=counting) as fetcher:
        result = read_inputs(
            [url],
            fetcher=fetcher,
            now=now,
            max_bytes=config.max_bytes,
            stale_after=timedelta(hours=config.stale_after_hours),
            allow_hosts=config.allow_hosts,
            language=config.language,
            default_language=config.default_language,
            pages=pages,
        )
    own = next((h for h in result.health if h.url == url or h.name == url), None)
    status = own.status if own is not None else "failed"
    interval = int(row["interval_seconds"])
    try:
        with engine.begin() as conn:
            if status == "not-modified":
                conn.execute(
                    feeds.update()
                    .where(feeds.c.url == url)
                    .values(checked_at=sa.func.clock_timestamp(), status="not-modified", error="", failures=0)
                )
                outcome = CheckOutcome(url=url, status="not-modified", requests=counting.count)
            elif not result.articles and status in ("failed", "skipped", "refused"):
                error = (own.detail if own is not None else "") or next(
                    (s.reason for s in result.skipped), "nothing could be read"
                )
                failures = int(row["failures"]) + 1
                wait = _backoff(timedelta(seconds=interval), failures)
                conn.execute(
                    feeds.update()
                    .where(feeds.c.url == url)
                    .values(
                        checked_at=sa.func.clock_timestamp(),
                        status="failed",
                        error=error,
                        failures=failures,
                        next_check_at=sa.func.greatest(feeds.c.next_check_at, due_at + wait),
                    )
                )
                outcome = CheckOutcome(url=url, status="failed", requests=counting.count, error=error)
            else:
                new = _store(conn, url, result.articles, pages)
                values: dict[str, Any] = {
                    "checked_at": sa.func.clock_timestamp(),
                    "fetched_at": sa.func.clock_timestamp(),
                    "status": "ok",
                    "error": "",
                    "failures": 0,
                    "health": json.dumps(to_jsonable(list(result.health)), ensure_ascii=False),
                }
                if validators.changed:
                    values.update(etag=validators.etag, last_modified=validators.last_modified)
                conn.execute(feeds.update().where(feeds.c.url == url).values(**values))
                outcome = CheckOutcome(
                    url=url, status="ok", articles=len(result.articles), new=new, requests=counting.count
                )
    except SQLAlchemyError as exc:
        raise StateError(f"cannot record the check of {url}: {_reason(exc)}") from exc
    (log.warning if outcome.status == "failed" else log.info)("%s", outcome.summary())
    return outcome


def _backoff(interval: timedelta, failures: int) -> timedelta:
    """How long after its due time a feed that failed ``failures`` times in a row is checked next."""
    cap = max(interval, BACKOFF_CAP)
    longer: timedelta = interval * (2 ** min(failures - 1, 20))
    return min(longer, cap)


def _page_articles(conn: Connection, url: str) -> dict[tuple[str, str], Article]:
    """The articles the feed's present entries gave from their pages, by (address, entry digest)."""
    rows = conn.execute(
        sa.select(fetched_articles, feed_entries.c.entry_digest)
        .join(feed_entries, feed_entries.c.article_id == fetched_articles.c.id)
        .where(feed_entries.c.feed_url == url, feed_entries.c.present, feed_entries.c.entry_digest != "")
    ).mappings()
    return {(str(r["url"]), str(r["entry_digest"])): stored_article(r) for r in rows}


def stored_article(row: Any) -> Article:
    """The article a row of ``fetched_articles`` holds."""
    published = row["published"]
    return Article(
        id=str(row["slug"]),
        title=str(row["title"]),
        text=str(row["text"]),
        source=str(row["source"]),
        url=str(row["url"]),
        published=None if published is None else published.astimezone(UTC),
        origin=str(row["origin"]),
        date_note=str(row["date_note"]),
        language=str(row["language"]),
    )


def _store(conn: Connection, url: str, articles: Sequence[Article], pages: _Pages) -> int:
    """Store the articles of a read of the feed, and its entries; returns how many articles were new."""
    from briefing.schedule.runner import article_digest, article_key

    now = conn.execute(sa.select(sa.func.clock_timestamp())).scalar_one()
    new = 0
    ids: list[int] = []
    for position, article in enumerate(articles):
        key, digest = article_key(article), article_digest(article)
        inserted = conn.execute(
            insert(fetched_articles)
            .values(
                article_key=key,
                digest=digest,
                slug=article.id,
                title=article.title,
                text=article.text,
                source=article.source,
                url=article.url,
                published=article.published,
                origin=article.origin,
                date_note=article.date_note,
                language=article.language,
                fetched_at=now,
            )
            .on_conflict_do_nothing()
            .returning(fetched_articles.c.id)
        ).scalar()
        if inserted is None:
            inserted = conn.execute(
                sa.select(fetched_articles.c.id).where(
                    fetched_articles.c.article_key == key, fetched_articles.c.digest == digest
                )
            ).scalar_one()
        else:
            new += 1
        ids.append(int(inserted))
        entry = insert(feed_entries).values(
            feed_url=url,
            article_id=int(inserted),
            present=True,
            position=position,
            entry_digest=pages.digests.get(article.url, ""),
            first_seen_at=now,
            last_seen_at=now,
        )
        conn.execute(
            entry.on_conflict_do_update(
                index_elements=[feed_entries.c.feed_url, feed_entries.c.article_id],
                set_={
                    "present": True,
                    "position": entry.excluded.position,
                    "entry_digest": entry.excluded.entry_digest,
                    "last_seen_at": entry.excluded.last_seen_at,
                },
            )
        )
    gone = feed_entries.update().where(feed_entries.c.feed_url == url, feed_entries.c.present)
    if ids:
        gone = gone.where(feed_entries.c.article_id.not_in(ids))
    conn.execute(gone.values(present=False))
    return new


def health_of(text: str) -> list[SourceHealth]:
    """The source health rows a feed's row keeps (JSON, as :func:`check_feed` writes it)."""
    try:
        rows = json.loads(text or "[]")
    except ValueError:
        return []
    out = []
    for r in rows if isinstance(rows, list) else []:
        try:
            newest = r.get("newest")
            out.append(
                SourceHealth(
                    name=str(r["name"]),
                    url=str(r["url"]),
                    kind=r["kind"],
                    status=r["status"],
                    detail=str(r.get("detail", "")),
                    articles=int(r.get("articles", 0)),
                    newest=datetime.fromisoformat(newest) if newest else None,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return out


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
