"""Read articles from files, folders, standard input, feeds, web pages and inboxes.

:func:`read_inputs` never raises for a bad input: an unreadable, empty, binary or
undecodable file, or a feed or page that cannot be fetched, is recorded as a
:class:`~briefing.models.SkippedInput` with its reason, and each feed and page gets a
:class:`~briefing.models.SourceHealth` entry. :func:`read_articles` is what commands use:
it fails with one message naming the reasons when nothing usable is left, and otherwise
logs each skipped input as a warning.

Every article leaves with a language (ISO 639-1): the one it was read with (a JSON or
Markdown ``language``, a page's ``<html lang>``), else the one told from its words
(:mod:`briefing.nlp.language`); ``language`` forces one on all of them, and
``default_language`` is taken for text too short or too unclear to tell.

Dates are checked on the way in: a date in the future is not trusted (the article keeps
a ``date_note`` saying so), a date without a timezone is taken as UTC, and with ``since``
articles published before it are left out (undated ones are kept: they cannot be judged).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefing.errors import InputError, NoArticlesError, NothingNewError
from briefing.ingest.decode import decode_bytes
from briefing.ingest.inbox import INBOX_PREFIX, InboxClaim, open_inbox
from briefing.ingest.readers import READERS, Reader, clean_text, parse_date, reader_for, sniff
from briefing.models import Article, SkippedInput, SourceHealth
from briefing.progress import NO_PROGRESS, Progress
from briefing.regular import NotRegularFileError, read_regular

if TYPE_CHECKING:
    from briefing.ingest.fetch import Fetcher
    from briefing.ingest.web import PageMemory

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INBOX_PREFIX",
    "READERS",
    "InboxClaim",
    "IngestResult",
    "is_own_brief",
    "parse_date",
    "read_articles",
    "read_inputs",
    "require_articles",
]

log = logging.getLogger("briefing.ingest")

#: Files larger than this are skipped: no news article is 20 MB of text.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """The articles read, in input order, and the inputs that were skipped with their reasons."""

    articles: tuple[Article, ...]
    skipped: tuple[SkippedInput, ...]
    health: tuple[SourceHealth, ...] = ()
    #: inbox files this run took; move them with :meth:`InboxClaim.commit` once the brief is written
    claims: tuple[InboxClaim, ...] = ()
    #: articles left out because they were published before ``since``
    too_old: int = 0
    #: briefs made by briefing found among the inputs (last run's, beside the articles): left out, not skipped
    briefs: tuple[str, ...] = ()
    #: the inputs that were read as feeds (files or URLs)
    feeds: tuple[str, ...] = ()
    #: each input, the articles it gave (before ``since``) and the files or entries of it skipped
    counts: tuple[tuple[str, int, int], ...] = ()


def read_inputs(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    since: datetime | None = None,
    now: datetime | None = None,
    stale_after: timedelta = timedelta(days=3),
    progress: Progress = NO_PROGRESS,
    fetch_budget: float | None = None,
    allow_hosts: Sequence[str] = (),
    language: str = "",
    default_language: str = "en",
    pages: PageMemory | None = None,
) -> IngestResult:
    """Read every article from ``inputs``.

    An input is a file, a folder (searched recursively), ``-`` for stdin, an RSS/Atom feed
    (a file or an ``http(s)`` URL), a web page URL, or ``inbox:FOLDER``. Feeds and pages are
    fetched with ``fetcher`` (when not given, one with default limits and ``fetch_budget`` seconds for all of
    the run's transfers, when that is given). Hosts at loopback, private or reserved addresses are fetched only
    when named: an input address's host and port, or one of ``allow_hosts``. Article ids are made
    unique within the run (``aleppo``, ``aleppo-2``, …). ``progress`` hears of each input read.
    Each article gets ``language`` when given one, else the language it was read with, else the one
    its words are in, else ``default_language``. ``pages``: the articles feed entries' pages gave before; an
    unchanged entry's page is not fetched again (:class:`~briefing.ingest.web.PageMemory`).
    """
    now = now or datetime.now(UTC)
    collector = _Collector(max_bytes=max_bytes, now=now, language=language, default_language=default_language)
    urls = [item for item in inputs if item.startswith(("http://", "https://"))]
    feed_files = [item for item in inputs if _is_feed_file(Path(item))]
    web = None
    if urls or feed_files:
        from briefing.ingest.web import WebReader

        web = WebReader(
            collector,
            fetcher=fetcher,
            now=now,
            stale_after=stale_after,
            max_bytes=max_bytes,
            fetch_budget=fetch_budget,
            allow_hosts=allow_hosts,
            pages=pages,
        )
        web.prefetch(urls, feed_files)
    claims: list[InboxClaim] = []
    counts: list[tuple[str, int, int]] = []
    for item in inputs:
        had, had_skipped = len(collector.articles), len(collector.skipped)
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            collector.read_bytes(stream.read(max_bytes + 1), name="<stdin>", stem="stdin", reader=None)
        elif web is not None and (item in urls or item in feed_files):
            web.read(item)
        elif item.startswith(INBOX_PREFIX):
            try:
                claim = open_inbox(Path(item[len(INBOX_PREFIX) :]))
            except InputError as exc:
                collector.warn(str(exc))
                continue
            claims.append(claim)
            taken = claim.take(collector.read_inbox_file, max_bytes)
            if not taken:
                log.info("%s: nothing new in the inbox", item)
        else:
            collector.read_path(Path(item))
        counts.append((item, len(collector.articles) - had, len(collector.skipped) - had_skipped))
        progress.advance()
    if web is not None:
        web.close()
    articles, too_old = _since(collector.articles, since)
    return IngestResult(
        articles=tuple(articles),
        skipped=tuple(collector.skipped),
        health=tuple(web.health) if web is not None else (),
        claims=tuple(claims),
        too_old=too_old,
        briefs=tuple(collector.briefs),
        feeds=tuple(item for item in dict.fromkeys(inputs) if web is not None and web.is_feed(item)),
        counts=tuple(counts),
    )


def _since(articles: Sequence[Article], since: datetime | None) -> tuple[list[Article], int]:
    if since is None:
        return list(articles), 0
    kept = [a for a in articles if a.published is None or a.published >= since]
    return kept, len(articles) - len(kept)


def _is_feed_file(path: Path) -> bool:
    """A local file that is a feed: by suffix, or an ``.xml`` file whose root is a feed."""
    suffix = path.suffix.lower()
    if suffix not in (".rss", ".atom", ".xml", ".rdf"):
        return False
    if suffix != ".xml":
        return path.is_file()
    try:
        head = read_regular(path, 4096)  # a FIFO named .xml would hold a plain open() for ever
    except OSError:
        return False
    from briefing.ingest.feeds import looks_like_feed

    return looks_like_feed(head)


def read_articles(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    since: datetime | None = None,
    now: datetime | None = None,
    stale_after: timedelta = timedelta(days=3),
    progress: Progress = NO_PROGRESS,
    language: str = "",
    default_language: str = "en",
) -> IngestResult:
    """Read ``inputs`` like :func:`read_inputs`, for a run that needs at least one article.

    Each skipped input is logged as a warning naming it and the reason, and each input with the
    articles it gave at INFO (``-v``).

    Raises:
        NothingNewError: every input is an inbox or a feed and none gave an article (an inbox with no
            files, feeds with no entries or none since ``since``), with nothing skipped.
        NoArticlesError: nothing usable was found; the message names what was skipped and why.
    """
    result = read_inputs(
        inputs,
        stdin=stdin,
        max_bytes=max_bytes,
        fetcher=fetcher,
        since=since,
        now=now,
        stale_after=stale_after,
        progress=progress,
        language=language,
        default_language=default_language,
    )
    return require_articles(result, inputs, since=since)


def require_articles(result: IngestResult, inputs: Sequence[str], *, since: datetime | None = None) -> IngestResult:
    """``result`` (of :func:`read_inputs` over ``inputs``, with ``since``) for a run that needs at least one article.

    The checks and log lines of :func:`read_articles`, for a caller that read the inputs itself.

    Raises:
        NothingNewError, NoArticlesError: as :func:`read_articles`; the inbox files taken are let go first.
    """
    for item in result.skipped:
        log.warning("skipped %s: %s", item.name, item.reason)
    for name, articles, skipped in result.counts:
        log.info("read %s: %s%s", name, _plural(articles, "article"), f", {skipped} skipped" if skipped else "")
    if not result.articles:
        for claim in result.claims:
            claim.close()
        if _nothing_new(inputs, result):
            where = ", ".join(dict.fromkeys(inputs))
            if result.too_old:
                raise NothingNewError(
                    f"nothing new in {where}: all {result.too_old} articles were published before "
                    f"{since:%Y-%m-%d %H:%M %Z}".rstrip(),
                    hint="widen --since, or leave it out",
                )
            raise NothingNewError(f"nothing new in {where}")
        if result.too_old:
            raise NoArticlesError(
                f"all {result.too_old} articles were published before {since:%Y-%m-%d %H:%M %Z}".rstrip(),
                hint="widen --since, or leave it out",
            )
        briefs = tuple(SkippedInput(name=name, reason=_OWN_BRIEF_REASON) for name in result.briefs)
        raise NoArticlesError(_nothing_usable(inputs, (*result.skipped, *briefs)), hint=_HINT)
    return result


def _nothing_new(inputs: Sequence[str], result: IngestResult) -> bool:
    """Whether a run that gave no article found nothing new rather than something wrong: every input is an inbox
    or a feed, and nothing was skipped (an unreadable file, a feed that failed) or left out as a brief."""
    routine = all(item.startswith(INBOX_PREFIX) or item in result.feeds for item in inputs)
    return bool(inputs) and routine and not result.skipped and not result.briefs


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


_HINT = "pass article files (.txt .md .html .json .jsonl .eml), folders, feeds or web page addresses"


def _nothing_usable(inputs: Sequence[str], skipped: Sequence[SkippedInput]) -> str:
    if len(skipped) == 1:
        return f"{skipped[0].name}: {skipped[0].reason}"
    where = ", ".join(inputs) if inputs else "the input"
    if not skipped:
        return f"no usable article in {where}"
    reasons = "; ".join(f"{s.name}: {s.reason}" for s in skipped[:3])
    more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return f"no usable article in {where} ({len(skipped)} inputs skipped: {reasons}{more})"


#: clocks differ and feeds round times: a date this far ahead of now is still trusted
_FUTURE_TOLERANCE = timedelta(minutes=15)
#: what briefing's own briefs carry — the generator of the HTML page, the JSON's "generator", the Markdown
#: colophon, in any of the brief's languages ("*Erstellt mit briefing 1.0 …") — at their start or end: the last
#: run's brief, left beside the articles, is not an article
_OWN_BRIEF = re.compile(
    r'<meta name="generator" content="briefing |"generator": "briefing |^\*[^*\n]{0,40}briefing \d', re.M
)
_OWN_BRIEF_WINDOW = 4096
_OWN_BRIEF_REASON = "a brief made by briefing, not an article"


class _Collector:
    def __init__(self, *, max_bytes: int, now: datetime, language: str = "", default_language: str = "en") -> None:
        self.max_bytes = max_bytes
        self.now = now
        self.language = language
        self.default_language = default_language
        self.articles: list[Article] = []
        self.skipped: list[SkippedInput] = []
        self.briefs: list[str] = []
        self._ids: set[str] = set()

    def skip(self, name: str, reason: str) -> None:
        log.debug("skipped %s: %s", name, reason)
        self.skipped.append(SkippedInput(name=name, reason=reason))

    def warn(self, message: str) -> None:
        name, _, reason = message.partition(": ")
        self.skip(name, reason or message)

    def read_path(self, path: Path) -> None:
        name = str(path)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                self.skip(name, "empty folder (no article files in it)")
            outlets = _FolderOutlets(path, self.warn)
            for file in files:
                reader = reader_for(file.suffix)
                if reader is None:
                    self.skip(str(file), f"unsupported file type {file.suffix or '(no suffix)'!r}")
                else:
                    self.read_file(file, reader, outlet=outlets.of(file.parent))
        elif path.is_file():
            # a file named explicitly is read even with an unknown suffix: as plain text
            outlet = _FolderOutlets(path.parent, self.warn).of(path.parent)
            self.read_file(path, reader_for(path.suffix) or READERS[".txt"], outlet=outlet)
        elif path.exists():
            self.skip(name, "not a regular file")
        else:
            self.skip(name, "no such file or folder")

    def read_file(self, path: Path, reader: Reader, *, outlet: str = "") -> None:
        name = str(path)
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                self.skip(name, f"too large ({size:,} bytes; the limit is {self.max_bytes:,})")
                return
            data = read_regular(path, self.max_bytes)  # what is opened is checked: a FIFO swapped in is skipped
        except NotRegularFileError:
            self.skip(name, "not a regular file")
            return
        except OSError as exc:
            self.skip(name, f"cannot be read ({exc.strerror or exc})")
            return
        self.read_bytes(data, name=name, stem=path.stem, reader=reader, outlet=outlet)

    def read_bytes(self, data: bytes, *, name: str, stem: str, reader: Reader | None, outlet: str = "") -> None:
        if len(data) > self.max_bytes:
            self.skip(name, f"too large (over {self.max_bytes:,} bytes)")
            return
        try:
            text = decode_bytes(data, name=name)
            if is_own_brief(text):
                # not a problem with the input, so not listed among the skipped: said only with -v
                log.info("%s: %s, left out", name, _OWN_BRIEF_REASON)
                self.briefs.append(name)
                return
            chosen = reader or sniff(text)
            for article in chosen(text, name=name, stem=stem, warn=self.warn):
                # an article that names no outlet of its own is its folder's (.briefing-source), if that says one
                self.add(article if article.source or not outlet else replace(article, source=outlet))
        except InputError as exc:
            self.warn(str(exc))
        except Exception as exc:  # a reader bug or a library failure must not end the run
            log.debug("reader failed on %s", name, exc_info=True)
            self.skip(name, f"could not be parsed ({type(exc).__name__}: {exc})")

    def read_inbox_file(self, path: Path, data: bytes) -> bool:
        """Read the bytes of one inbox file; True when they gave at least one article."""
        before = len(self.articles)
        self.read_bytes(data, name=str(path), stem=path.stem, reader=reader_for(path.suffix) or READERS[".txt"])
        return len(self.articles) > before

    def add(self, article: Article) -> Article:
        """Keep ``article`` under an id unique in the run, with its date checked and its language set."""
        article = self._checked_date(_clean(article))
        if self.language:
            if article.language != self.language:
                article = replace(article, language=self.language)
        elif not article.language:
            from briefing.nlp.language import detect_language  # the model is loaded on the first article to tell

            article = replace(
                article, language=detect_language(article.text, title=article.title, default=self.default_language)
            )
        base = article.id or "article"
        new_id, n = base, 1
        while new_id in self._ids:
            n += 1
            new_id = f"{base}-{n}"
        self._ids.add(new_id)
        if new_id != article.id:
            article = replace(article, id=new_id)
        self.articles.append(article)
        return article

    def _checked_date(self, article: Article) -> Article:
        when = article.published
        if when is None:
            return article
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
            article = replace(article, published=when)
        if when > self.now + _FUTURE_TOLERANCE:
            log.warning("%s: date %s is in the future; not trusted", article.origin or article.id, when.isoformat())
            return replace(article, published=None, date_note=f"date {when.isoformat()} is in the future; not trusted")
        return article


def _clean(article: Article) -> Article:
    text, title, source = clean_text(article.text), clean_text(article.title), clean_text(article.source)
    title = " ".join(title.split())
    if (text, title, source) == (article.text, article.title, article.source):
        return article
    return replace(article, text=text, title=title or article.id, source=source)


#: the file in a folder that names the outlet of the articles in it (and in the folders below it) that name none
OUTLET_FILE = ".briefing-source"
_OUTLET_FILE_BYTES = 1024


class _FolderOutlets:
    """The outlet each folder under an input folder gives its articles: its own ``.briefing-source``, else the
    nearest one above it, up to the input folder."""

    def __init__(self, root: Path, warn: Callable[[str], None]) -> None:
        self.root = root
        self.warn = warn
        self._known: dict[Path, str] = {}

    def of(self, folder: Path) -> str:
        """The outlet named for ``folder``, or ""."""
        if folder in self._known:
            return self._known[folder]
        outlet = self._read(folder / OUTLET_FILE)
        if not outlet and folder != self.root and self.root in folder.parents:
            outlet = self.of(folder.parent)
        self._known[folder] = outlet
        return outlet

    def _read(self, path: Path) -> str:
        try:
            data = read_regular(path, _OUTLET_FILE_BYTES)
        except FileNotFoundError:
            return ""
        except OSError as exc:
            self.warn(f"{path}: cannot be read ({exc.strerror or exc})")
            return ""
        lines = [line.strip() for line in clean_text(data.decode("utf-8", "replace")).splitlines()]
        name = next((line for line in lines if line and not line.startswith("#")), "")
        return " ".join(name.split())[:200]


def _walk(folder: Path) -> Iterable[Path]:
    """Files under ``folder``, sorted, hidden files and folders left out."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            yield path


def is_own_brief(text: str) -> bool:
    """Whether ``text`` is a brief written by briefing (HTML, Markdown or JSON), going by what its templates put
    at its start or end; a house template that leaves those out makes a brief that is read like any page."""
    head, tail = text[:_OWN_BRIEF_WINDOW], text[-_OWN_BRIEF_WINDOW:]
    # every mark holds "briefing ": a plain search for it spares the pattern on nearly every article
    return bool(
        ("briefing " in head and _OWN_BRIEF.search(text, 0, _OWN_BRIEF_WINDOW))
        or ("briefing " in tail and _OWN_BRIEF.search(text, max(0, len(text) - _OWN_BRIEF_WINDOW)))
    )
