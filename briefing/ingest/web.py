"""Feeds and web pages as inputs: fetch, tell feeds from pages, read each entry's full article.

For a feed (a URL or a local ``.rss``/``.atom``/``.xml`` file) every entry's link is
fetched and its main text and metadata extracted with trafilatura; when the page cannot
be had (or holds no article text) the entry's own content from the feed is used instead.
A web page URL is read the same way as one entry. All fetching happens up front and
concurrently (:meth:`WebReader.prefetch`); :meth:`WebReader.read` then adds each input's
articles in input order. Every feed and page gets a :class:`~briefing.models.SourceHealth`,
and so does every entry page left unfetched because the run's fetch budget was spent or
because it is at a loopback, private or reserved address (then the entry's own text stands
in). The hosts and ports of the input addresses are named by the user: they are fetched
whatever their address, as are ``allow_hosts``.

Given a :class:`PageMemory`, an entry whose page was read before and that has not changed since is
not fetched again: the article remembered for it stands in (the queue's shared fetching keeps them in
its database, :mod:`briefing.queue.fetching`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote, urlsplit

from briefing.errors import ConfigError, InputError
from briefing.ingest.decode import decode_bytes
from briefing.ingest.feeds import FeedEntry, ParsedFeed, html_paragraphs, looks_like_feed, parse_feed
from briefing.ingest.readers import first_words, read_html
from briefing.models import Article, SourceHealth, SourceStatus
from briefing.regular import read_regular

if TYPE_CHECKING:
    from briefing.ingest.fetch import Fetcher, FetchResult

__all__ = ["PageMemory", "WebReader"]

log = logging.getLogger("briefing.ingest.web")

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"


class PageMemory(Protocol):
    """The articles feed entries' pages gave before, so that the page of an unchanged entry is not fetched again."""

    def recall(self, entry: FeedEntry) -> Article | None:
        """The article read for ``entry`` before, while the entry (its link, title, date and text) is unchanged;
        None: fetch its page."""
        ...

    def keep(self, entry: FeedEntry, article: Article) -> None:
        """``article`` is what ``entry`` gave from its page, now (fetched, or recalled)."""
        ...


class _Sink(Protocol):
    def skip(self, name: str, reason: str) -> None: ...

    def add(self, article: Article) -> Article: ...


@dataclass(slots=True)
class _Feed:
    name: str
    url: str
    parsed: ParsedFeed | None = None
    error: str = ""
    not_modified: bool = False


class WebReader:
    """Reads the feed and page inputs of one run into a collector."""

    def __init__(
        self,
        sink: _Sink,
        *,
        fetcher: Fetcher | None,
        now: datetime,
        stale_after: timedelta,
        max_bytes: int,
        fetch_budget: float | None = None,
        allow_hosts: Sequence[str] = (),
        pages: PageMemory | None = None,
    ) -> None:
        from briefing.ingest.fetch import Fetcher, FetchSettings

        self._sink = sink
        self._memory = pages
        self._recalled: dict[FeedEntry, Article] = {}
        self._own_fetcher = fetcher is None
        self._fetcher = fetcher or Fetcher(
            FetchSettings() if fetch_budget is None else FetchSettings(budget=fetch_budget)
        )
        for entry in allow_hosts:
            try:
                self._fetcher.allow_host(entry)
            except ValueError as exc:
                raise ConfigError(f"allow_hosts: {exc}", field="allow_hosts") from None
        self._now = now
        self._stale_after = stale_after
        self._max_bytes = max_bytes
        self._inputs: dict[str, FetchResult | _Feed] = {}
        self._pages: dict[str, FetchResult] = {}
        self._reported: set[str] = set()
        self._entry_rows: list[SourceHealth] = []  # of the feed being read: added after the feed's own
        self.health: list[SourceHealth] = []

    def close(self) -> None:
        """Close the fetcher if this reader made it."""
        if self._own_fetcher:
            self._fetcher.close()

    def prefetch(self, urls: Sequence[str], feed_files: Sequence[str]) -> None:
        """Fetch every input URL, parse every feed, then fetch every feed entry's page, concurrently.

        The input URLs' hosts are named by the user, so they are fetched whatever their address; an entry's page
        at the same host and port is too, any other at a loopback, private or reserved address is refused.
        """
        for url in urls:
            self._fetcher.allow_url(url)
        for url, result in zip(
            urls, self._fetcher.fetch_many(urls, conditional=True, accept=_FEED_ACCEPT), strict=True
        ):
            if result.ok and not result.not_modified and _is_feed(result):
                self._inputs[url] = self._parse(url, url, result.content)
            elif result.not_modified:
                self._inputs[url] = _Feed(name=url, url=url, not_modified=True)
            else:
                self._inputs[url] = result
        for item in feed_files:
            path = Path(item)
            try:
                if path.stat().st_size > self._max_bytes:
                    self._inputs[item] = _Feed(name=item, url="", error=f"too large (over {self._max_bytes:,} bytes)")
                    continue
                data = read_regular(path, self._max_bytes)
            except OSError as exc:
                self._inputs[item] = _Feed(name=item, url="", error=f"cannot be read ({exc.strerror or exc})")
                continue
            self._inputs[item] = self._parse(item, "", data)
        entries = [
            e
            for feed in self._inputs.values()
            if isinstance(feed, _Feed) and feed.parsed is not None
            for e in feed.parsed.entries
            if e.link.startswith(("http://", "https://"))
        ]
        if self._memory is not None:
            for entry in entries:
                known = self._memory.recall(entry)
                if known is not None:
                    self._recalled[entry] = known
        links = [e.link for e in entries if e not in self._recalled]
        unique = list(dict.fromkeys(links))
        for link, result in zip(unique, self._fetcher.fetch_many(unique, accept=_HTML_ACCEPT), strict=True):
            self._pages[link] = result

    def is_feed(self, item: str) -> bool:
        """Whether the input ``item`` (a URL or a file) was fetched or read as a feed."""
        return isinstance(self._inputs.get(item), _Feed)

    def read(self, item: str) -> None:
        """Add the articles of one feed or page input to the collector, and record its health."""
        got = self._inputs.get(item)
        if got is None:
            return
        if isinstance(got, _Feed):
            self._read_feed(got)
        else:
            self._read_page(item, got)

    def _parse(self, name: str, url: str, data: bytes) -> _Feed:
        try:
            return _Feed(name=name, url=url, parsed=parse_feed(data, name=name))
        except InputError as exc:
            return _Feed(name=name, url=url, error=str(exc).removeprefix(f"{name}: "))

    def _read_feed(self, feed: _Feed) -> None:
        if feed.not_modified:
            self.health.append(
                SourceHealth(
                    name=feed.name,
                    url=feed.url,
                    kind="feed",
                    status="not-modified",
                    detail="unchanged since the last poll",
                )
            )
            return
        if feed.parsed is None:
            self._sink.skip(feed.name, feed.error)
            self.health.append(
                SourceHealth(name=feed.name, url=feed.url, kind="feed", status="failed", detail=feed.error)
            )
            return
        parsed = feed.parsed
        outlet = parsed.title or _host(parsed.link or feed.url)
        count = 0
        newest: datetime | None = None
        for n, entry in enumerate(parsed.entries, start=1):
            article = self._entry_article(entry, feed=feed, outlet=outlet, n=n)
            if article is None:
                continue
            added = self._sink.add(article)
            count += 1
            if added.published is not None and (newest is None or added.published > newest):
                newest = added.published
        name = parsed.title or feed.name
        if not parsed.entries:
            status, detail = "empty", "the feed has no entries"
        elif count == 0:
            status, detail = "failed", "no entry could be read"
        elif newest is not None and newest < self._now - self._stale_after:
            status, detail = "stale", f"newest entry {newest.isoformat(timespec='minutes')}"
        else:
            status, detail = "ok", parsed.warning
        if status == "empty":
            log.warning("%s: the feed has no entries", feed.name)
        elif status == "stale":
            log.warning("%s: stale feed (%s)", feed.name, detail)
        self.health.append(
            SourceHealth(
                name=name,
                url=feed.url or feed.name,
                kind="feed",
                status=status,  # type: ignore[arg-type]
                detail=detail,
                articles=count,
                newest=newest,
            )
        )
        self.health.extend(self._entry_rows)
        self._entry_rows.clear()

    def _entry_article(self, entry: FeedEntry, *, feed: _Feed, outlet: str, n: int) -> Article | None:
        label = entry.link or f"{feed.name} entry {n}"
        article: Article | None = self._recalled.get(entry)
        page = None if article is not None else self._pages.get(entry.link)
        if page is not None and page.ok:
            article = self._page_article(entry.link, page)
        elif page is not None:
            log.info("%s: %s; using the feed's own text", entry.link, page.error)
        from_page = article is not None
        if article is None:
            paragraphs = html_paragraphs(entry.content_html)
            if not paragraphs:
                self._sink.skip(label, "neither the page nor the feed entry has article text")
                if page is not None:
                    self._report_entry_page(page, used_feed=False)
                return None
            article = Article(id="", title="", text="\n\n".join(paragraphs))
            if page is not None:
                self._report_entry_page(page)
        made = Article(
            id=_slug(entry.link, entry.title) or f"entry-{n}",
            title=entry.title or article.title or first_words(article.text),
            text=article.text,
            source=entry.source or _site_name(article, entry.link) or outlet,
            url=entry.link or article.url,
            published=entry.published or article.published,
            origin=feed.name,
            date_note="" if entry.published else _date_note(entry, article),
            language=article.language,
        )
        if from_page and self._memory is not None:
            self._memory.keep(entry, made)
        return made

    def _report_entry_page(self, page: FetchResult, *, used_feed: bool = True) -> None:
        """A row in Source health for an entry page refused or left out by the fetch budget, once per address."""
        if not (page.skipped or page.refused) or page.url in self._reported:
            return
        self._reported.add(page.url)
        fallback = "the feed's own text used instead" if used_feed else "the feed entry has no text either"
        status: SourceStatus = "skipped" if page.skipped else "refused"
        self._entry_rows.append(
            SourceHealth(name=page.url, url=page.url, kind="page", status=status, detail=f"{page.error}; {fallback}")
        )

    def _page_article(self, url: str, page: FetchResult) -> Article | None:
        if page.content_type and "html" not in page.content_type and page.content_type != "text/plain":
            return None
        try:
            text = decode_bytes(page.content, name=url)
            return next(read_html(text, name=url, stem=_slug(url, "") or "page", warn=lambda _m: None))
        except (InputError, StopIteration):
            return None

    def _read_page(self, url: str, result: FetchResult) -> None:
        if not result.ok:
            self._sink.skip(url, result.error)
            status: SourceStatus = "skipped" if result.skipped else "refused" if result.refused else "failed"
            self.health.append(SourceHealth(name=url, url=url, kind="page", status=status, detail=result.error))
            return
        article = self._page_article(url, result)
        if article is None:
            why = (
                f"not a feed or a web page ({result.content_type})"
                if result.content_type and "html" not in result.content_type
                else "no article text found in the page"
            )
            self._sink.skip(url, why)
            self.health.append(SourceHealth(name=url, url=url, kind="page", status="failed", detail=why))
            return
        added = self._sink.add(
            Article(
                id=article.id,
                title=article.title,
                text=article.text,
                source=article.source or _host(result.final_url or url),
                url=article.url or result.final_url or url,
                published=article.published,
                origin=url,
                date_note=article.date_note,
                language=article.language,
            )
        )
        self.health.append(
            SourceHealth(name=added.outlet, url=url, kind="page", status="ok", articles=1, newest=added.published)
        )


def _host(url: str) -> str:
    """The URL's host name, or an empty string for an address that cannot be read."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _site_name(article: Article, link: str) -> str:
    """The page's own publisher name, when it gave one (not just its host name)."""
    name = article.source.strip()
    host = _host(link).removeprefix("www.")
    if not name or name.lower().removeprefix("www.") == host:
        return ""
    return name


def _is_feed(result: FetchResult) -> bool:
    return looks_like_feed(result.content) or (
        result.content_type in _FEED_TYPES
        and not result.content.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    )


def _date_note(entry: FeedEntry, article: Article) -> str:
    if entry.published_raw and article.published is None:
        return f"date {entry.published_raw[:60]!r} could not be read"
    return article.date_note


_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def _slug(url: str, title: str) -> str:
    """A readable article id from the URL's last path segment, or the title."""
    try:
        path = unquote(urlsplit(url).path).rstrip("/")
    except ValueError:
        path = ""
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", last, flags=re.IGNORECASE)
    for candidate in (last, title):
        slug = _SLUG_CHARS.sub("-", candidate.lower()).strip("-")[:60].strip("-")
        if slug and not slug.isdigit():
            return slug
    return ""
