"""The typed objects that flow between the pipeline's stages.

Every model is a frozen, keyword-only dataclass: a stage takes models and returns new
ones, it never mutates what it was given. Offsets (``start``/``end``) are always
character offsets into the owning :class:`Article`'s ``text``, so that
``article.text[start:end]`` is exactly the sentence or quote — this is what lets every
line of a brief be traced back to its source.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any, Literal

__all__ = [
    "AnalystView",
    "Article",
    "Brief",
    "Citation",
    "Development",
    "PersonQuoted",
    "Quote",
    "QuoteKind",
    "Remembered",
    "RenderedOutput",
    "Sentence",
    "SkippedInput",
    "SourceHealth",
    "SourceStatus",
    "Speaker",
    "SpeakerType",
    "Story",
    "Summary",
    "Thread",
    "to_jsonable",
]

SpeakerType = Literal["analyst", "official", "media", "organization", "other"]
QuoteKind = Literal["direct", "mixed", "indirect"]
SourceStatus = Literal["ok", "failed", "empty", "stale", "not-modified", "skipped", "refused"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article, as read from a file, stdin, a feed or a page.

    ``text`` holds the body only (the title is separate); paragraphs are separated by a
    blank line. ``origin`` says where it was read from (a path, ``-`` or a URL).
    ``published`` is timezone-aware when known; a date that could not be trusted (in the
    future, or unreadable) is left out and ``date_note`` says why. ``language`` is the ISO 639-1
    code of the language it is written in (``ru``), as given by its file or told from its words when
    read; empty for an article made in code that said none (stages then take English).
    """

    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: datetime | None = None
    origin: str = ""
    date_note: str = ""
    language: str = ""

    @property
    def outlet(self) -> str:
        """The outlet's name (``source``), else the URL's host, else "": no outlet is known (a file's name is none;
        a folder's ``.briefing-source`` names the outlet of the files in it)."""
        if self.source:
            return self.source
        if self.url:
            from urllib.parse import urlsplit

            try:
                host = urlsplit(self.url).hostname
            except ValueError:  # a malformed address names nothing
                host = None
            if host:
                return host
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of an article: ``text`` is ``article.text[start:end]``, verbatim.

    ``paragraph`` counts from 1 in the article's body; ``index`` counts sentences from 0.
    """

    text: str
    article_id: str
    paragraph: int
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """An extractive summary: sentences taken verbatim from the sources, in reading order."""

    sentences: tuple[Sentence, ...]
    algorithm: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """Who said something: a person, an unnamed source, a publication or an organisation.

    ``name`` is the canonical name ("Andrew Kazantsev") or, for unnamed speakers, their
    description ("one of the locals"); ``named`` tells the two apart.
    """

    name: str
    role: str = ""
    organization: str = ""
    type: SpeakerType = "other"
    named: bool = True

    @property
    def label(self) -> str:
        """Name with role and organisation, as a reader wants it on one line."""
        extra = ", ".join(part for part in (self.role, self.organization) if part)
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """Where something also appears: an article and a paragraph in it, from 1."""

    article_id: str
    paragraph: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Something a speaker said, found in an article.

    ``text`` is ``article.text[start:end]``; a quote split by an attribution
    (“…,” he said, “…”) keeps every piece in ``parts`` and spans from the first to the last.
    """

    text: str
    article_id: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    paragraph: int
    cue: str = ""
    parts: tuple[tuple[int, int], ...] = ()
    #: other articles of the brief that carry the same words (wire copy, a quote picked up by several outlets)
    also_in: tuple[Citation, ...] = ()
    #: the id of the rule that found it (``en.after.inverted``: language, stage, name), so a wrong quote can be traced
    rule: str = ""
    #: how often a quote found by this rule has its words and its speaker right, 0 to 1, measured on annotated news
    #: (``None``: not measured)
    confidence: float | None = None

    @property
    def content(self) -> str:
        """The words quoted, for display: outer quotation marks dropped, the pieces of a split
        quote joined with an ellipsis where the attribution stood, on one line (a quotation over
        several paragraphs reads as one in every format)."""
        pieces = [self.text] if len(self.parts) < 2 else [self._piece(p) for p in self.parts]
        content = " … ".join(p for p in (_unquote(piece) for piece in pieces) if p)
        content = _LINE_BREAKS.sub(" ", content)
        if self.kind != "direct" and content.startswith("that "):
            content = content[5:]  # reported speech reads better without its conjunction
        return content

    def _piece(self, part: tuple[int, int]) -> str:
        return self.text[part[0] - self.start : part[1] - self.start]


_OPENING = '“„«"‹»›'
_CLOSING = '”“»"›«‹'  # (each opening mark's closer at its index: German »…« and ›…‹ last)


def _unquote(text: str) -> str:
    """Drop a quotation's own outer marks (and the comma before a closing mark), keep inner ones."""
    text = text.strip().strip("—–- ")
    if text[:1] in _OPENING:
        text = _drop_reopenings(text[1:], text[0])
    closing = text[-1:]
    if closing and closing in _CLOSING:
        opener = _OPENING[_CLOSING.index(closing)]
        if closing == opener:  # straight quotes: an odd count means the last one is unmatched
            unmatched = text.count(closing) % 2 == 1
        else:
            unmatched = text.count(closing) > text.count(opener)
        if unmatched:
            text = text[:-1]
    return text.strip().rstrip(",;:—– ").strip()


_SENTENCE_END = re.compile(r"[.!?…]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def _drop_reopenings(text: str, opener: str) -> str:
    """Drop the marks re-opening a quotation at a paragraph or sentence of its own (“A.\n\n“B.”), which
    only say it goes on; a quotation nested there, closed within its sentence, keeps its marks."""
    if opener not in text:
        return text
    closers = _CLOSING[_OPENING.index(opener)]
    own_end = len(text.rstrip().rstrip(closers))  # (the quotation's own closing mark is no nested one's)
    out: list[str] = []
    at = 0
    for m in re.finditer(rf"(?:^|(?<=[.!?…]))[”\"’]?\s+({re.escape(opener)})(?=\w)", text):
        mark = m.start(1)
        sentence_end = _SENTENCE_END.search(text, mark + 1, own_end)
        stop = sentence_end.start() if sentence_end else own_end
        if any(c in text[mark + 1 : stop] for c in closers):
            continue  # “He said no. “Never” was the word.”: a quotation of its own
        out.append(text[at:mark])
        at = mark + 1
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalystView:
    """What one named analyst said across the brief's articles, each quote traceable: the
    views shown in full (``quotes``, in reading order) and where the others are (``more``)."""

    speaker: Speaker
    quotes: tuple[Quote, ...]
    more: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Remembered:
    """How earlier briefs' articles described a person: the description seen most often within the memory's age (the
    latest among equals), how many articles gave it, and the latest of them — its id, outlet and date."""

    speaker: Speaker
    times: int
    article: str
    outlet: str = ""
    seen: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonQuoted:
    """A named person quoted in the brief: who they are, as the brief describes them, where that description comes
    from (``"people file"``, ``"article"`` — one of the brief's, ``described_in`` — or ``"memory"``, what earlier
    briefs learned, ``remembered``), how many of the articles' quotes are theirs, and the ids of the stories they
    are quoted in."""

    speaker: Speaker
    quotes: int
    stories: tuple[str, ...]
    described_by: str = "article"
    described_in: str = ""
    remembered: Remembered | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Development:
    """A story of an earlier brief of the same schedule, in a thread a story of this brief continues: its headline,
    when it was first reported (``None``: its reports were undated) and when that brief was made."""

    headline: str
    published: datetime | None = None
    briefed: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """Articles about one event, with their summary, key quotes and analyst views.

    ``articles`` are the distinct reports the summary and quotes are drawn from, the lead
    first; ``copies`` are near-identical reprints of them (wire copy), listed as outlets
    that carried the story but not read twice. ``thread`` is the id of the ongoing matter
    it belongs to (a takeover battle, a trial, a feud: the stories of one thread share it,
    :attr:`Brief.threads`); a story alone is its own thread, its own id. ``earlier`` are the
    stories of earlier briefs of the same schedule in the thread it continues, the latest first
    (a schedule's memory, :mod:`briefing.cluster.memory`).
    """

    id: str
    headline: str
    articles: tuple[Article, ...]
    summary: Summary
    quotes: tuple[Quote, ...] = ()
    analyst_views: tuple[AnalystView, ...] = ()
    copies: tuple[Article, ...] = ()
    thread: str = ""
    earlier: tuple[Development, ...] = ()

    @property
    def lead(self) -> Article:
        """The article the story is told from (the first one)."""
        return self.articles[0]

    @property
    def published(self) -> datetime | None:
        """When the story was first reported, when any article carries a date."""
        dates = [a.published for a in (*self.articles, *self.copies) if a.published is not None]
        return min(dates) if dates else None

    @property
    def first_reported_by(self) -> Article:
        """The earliest dated report (reprints included), or the lead when none is dated."""
        dated = [a for a in (*self.articles, *self.copies) if a.published is not None]
        return min(dated, key=lambda a: a.published or datetime.min) if dated else self.lead

    @property
    def outlets(self) -> tuple[str, ...]:
        """Every outlet that carried the story, the lead's first, each once."""
        return tuple(dict.fromkeys(a.outlet for a in (*self.articles, *self.copies)))

    @property
    def also_reported_by(self) -> tuple[str, ...]:
        """The outlets other than the lead's."""
        return tuple(o for o in self.outlets if o != self.lead.outlet)


@dataclass(frozen=True, slots=True, kw_only=True)
class Thread:
    """Stories of a brief about one ongoing matter, each about one of its events: the thread's ``id`` (its
    earliest story's) and its stories' ids, the earliest first (undated ones after the dated, in the order read)."""

    id: str
    stories: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SkippedInput:
    """An input that could not be used, and why: reported, never silently dropped."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceHealth:
    """How a feed or web page fared in this run, for the brief's "Source health" appendix.

    ``status`` is ``ok``, ``failed`` (could not be fetched or read: ``detail`` says why),
    ``empty`` (a feed with no entries), ``stale`` (nothing newer than the stale limit),
    ``not-modified`` (the server said nothing changed since the last poll), ``skipped``
    (not fetched, or cut short, because the run's fetch budget was spent) or ``refused``
    (at, or redirected to, a loopback, private or reserved address the user did not name).
    """

    name: str
    url: str
    kind: Literal["feed", "page"]
    status: SourceStatus
    detail: str = ""
    articles: int = 0
    newest: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """Everything a brief shows, built before anything is rendered.

    ``language`` (ISO 639-1) is the language the brief's own labels and dates are written in.
    """

    title: str
    generated_at: datetime
    stories: tuple[Story, ...]
    overview: Summary
    analyst_views: tuple[AnalystView, ...] = ()
    #: the stories past ``max_stories``, least important last: shown as one-line headlines
    also_reported: tuple[Story, ...] = ()
    #: every named person quoted in the brief's articles, most quoted first: its "People in this brief" index
    people: tuple[PersonQuoted, ...] = ()
    #: the threads of more than one story (shown in full or also reported), in order of their earliest story
    threads: tuple[Thread, ...] = ()
    skipped: tuple[SkippedInput, ...] = ()
    source_health: tuple[SourceHealth, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    language: str = "en"

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article in the brief, reprints included, in story order (the stories also reported last)."""
        return tuple(a for s in (*self.stories, *self.also_reported) for a in (*s.articles, *s.copies))

    @property
    def source_problems(self) -> tuple[SourceHealth, ...]:
        """The feeds and pages that failed, were empty, stale, skipped or refused."""
        return tuple(h for h in self.source_health if h.status not in ("ok", "not-modified"))

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct outlets the brief draws on, in order of first appearance (the unknown ones left out)."""
        return tuple(dict.fromkeys(a.outlet for a in self.articles if a.outlet))

    @property
    def unknown_outlets(self) -> int:
        """How many of the brief's articles name no outlet."""
        return sum(1 for a in self.articles if not a.outlet)

    @property
    def people_shown(self) -> tuple[PersonQuoted, ...]:
        """The people quoted in the stories shown in full (those only in Also reported are left to the JSON)."""
        shown = {s.id for s in self.stories}
        return tuple(p for p in self.people if shown.intersection(p.stories))

    def also_in_thread(self, story: Story, limit: int | None = None) -> tuple[Story, ...]:
        """The brief's other stories of ``story``'s thread, the earliest first: what its "Also in this thread" lists
        (none for a story alone). With ``limit``, at most that many: those nearest the story in the thread's order
        (a long saga's story lists its neighbours, not the whole saga)."""
        for thread in self.threads:
            if story.id in thread.stories:
                others = [s for s in thread.stories if s != story.id]
                if limit is not None and len(others) > max(0, limit):
                    limit = max(0, limit)
                    start = min(max(0, thread.stories.index(story.id) - limit // 2), len(others) - limit)
                    others = others[start : start + limit]
                return tuple(self.story(s) for s in others)
        return ()

    def story(self, story_id: str) -> Story:
        """The story (shown in full or also reported) with this id; ``KeyError`` when the brief has none."""
        for s in (*self.stories, *self.also_reported):
            if s.id == story_id:
                return s
        raise KeyError(story_id)

    def article(self, article_id: str) -> Article:
        """The article with this id; ``KeyError`` when the brief has none."""
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedOutput:
    """A brief rendered in one format and written to ``path``."""

    format: str
    path: str
    size: int


def to_jsonable(value: Any) -> Any:
    """Turn models (and what they hold) into JSON-ready dicts, lists and strings.

    Dates become ISO 8601 strings; computed properties that readers need
    (``Article.outlet``, ``Story.published``) are included.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Article):
            out["outlet"] = value.outlet
        elif isinstance(value, Story):
            out["published"] = to_jsonable(value.published)
            out["outlets"] = list(value.outlets)
        elif isinstance(value, Quote):
            out["content"] = value.content
        return out
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, PurePath):  # (a template folder, a people file)
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
