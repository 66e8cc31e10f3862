"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser.

:func:`parse_feed` turns a feed's bytes into a :class:`ParsedFeed`; it never fetches
anything itself (feedparser is given bytes, never a URL). A feed that declares XML
entities is refused before it is parsed: entity expansion ("billion laughs") and
external entities are the classic attacks on feed readers, and no real news feed needs
either. :func:`html_paragraphs` turns an entry's HTML content into plain paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from briefing.errors import InputError
from briefing.ingest.readers import parse_date

__all__ = ["FeedEntry", "ParsedFeed", "html_paragraphs", "looks_like_feed", "parse_feed"]

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)\b")
_PROLOG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*",
    re.DOTALL,
)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One entry of a feed: its link, title, date and whatever content the feed carries."""

    title: str
    link: str
    published: datetime | None
    published_raw: str
    content_html: str
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedFeed:
    """A parsed feed; ``warning`` is set when the XML was malformed but read leniently."""

    title: str
    link: str
    entries: tuple[FeedEntry, ...]
    warning: str = ""


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts like an RSS, RDF or Atom document."""
    head = data[:4096]
    m = _PROLOG.match(head)
    rest = head[m.end() :] if m else head
    return bool(_FEED_ROOT.match(rest.lstrip()))


def parse_feed(data: bytes, *, name: str) -> ParsedFeed:
    """Parse a feed document.

    Raises:
        InputError: the document declares XML entities, is not a feed, or is too broken to read.
    """
    prolog = data[:65536]
    if _ENTITY_DECL.search(prolog):
        raise InputError(f"{name}: the feed declares XML entities, which briefing refuses to expand")
    import feedparser  # imported here: reading folders of files never needs it

    parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries and (problem is not None or not parsed.get("version")):
        why = _bozo_reason(problem) if problem is not None else "no RSS or Atom root element"
        raise InputError(f"{name}: not a readable feed ({why})")
    out = [_entry(e) for e in entries]
    warning = f"malformed XML read leniently ({_bozo_reason(problem)})" if problem is not None else ""
    return ParsedFeed(
        title=" ".join(str(feed.get("title", "")).split()),
        link=str(feed.get("link", "")),
        entries=tuple(out),
        warning=warning,
    )


def _bozo_reason(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def _entry(e: Any) -> FeedEntry:
    raw = str(e.get("published") or e.get("updated") or e.get("created") or "")
    published = parse_date(raw) if raw else None
    if published is None:
        # feedparser's own reading of odd formats, normalised to UTC
        parsed = e.get("published_parsed") or e.get("updated_parsed")
        if parsed:
            year, month, day, hour, minute, second = (int(x) for x in parsed[:6])
            published = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    content = ""
    for item in e.get("content") or []:
        value = str(item.get("value", ""))
        if len(value) > len(content):
            content = value
    summary = str(e.get("summary", ""))
    source = e.get("source") or {}
    return FeedEntry(
        title=" ".join(str(e.get("title", "")).split()),
        link=str(e.get("link", "")).strip(),
        published=published,
        published_raw=raw,
        content_html=content if len(content) >= len(summary) else summary,
        source=str(source.get("title", "")) if hasattr(source, "get") else "",
    )


_BLOCKS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt", "figcaption")


def html_paragraphs(html: str) -> list[str]:
    """The text of an HTML fragment as paragraphs: one per block element, or per ``<br>`` run."""
    if "<" not in html:
        return [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("//script|//style|//noscript|//iframe|//object|//embed"):
        bad.drop_tree()
    blocks = [el for el in root.iter(*_BLOCKS) if not any(a.tag in _BLOCKS for a in el.iterancestors())]
    if blocks:
        texts = [el.text_content() for el in blocks]
    else:
        for br in root.iter("br"):
            br.tail = "\n\n" + (br.tail or "")
        texts = re.split(r"\n\s*\n", root.text_content())
    return [" ".join(t.split()) for t in texts if t.strip()]
