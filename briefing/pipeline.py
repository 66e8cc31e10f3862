"""The orchestrator, in two phases as in Pelican: build the whole :class:`Brief`, then render and write it.

``build_brief`` reads, splits, summarizes and extracts quotes; nothing is rendered or
written, so ``--dry-run`` and most tests stop there. ``publish`` renders a built brief in
one format and writes it atomically.

Each phase is made of smaller steps that a caller choosing its own articles and writing its
own files (a schedule's run) composes the same way: :func:`read_sources`,
:func:`select_articles` and :func:`assemble_brief` for the first, :func:`render_brief` for the
second. Only ``build_brief`` and ``publish`` log what they read, formed and how long it took.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefing.analysis import Analysis, AnalysisCache, analyse_all
from briefing.config import BriefConfig, since_time
from briefing.errors import NoArticlesError
from briefing.ingest import InboxClaim, IngestResult, read_inputs, require_articles
from briefing.ingest.select import KeywordFilter
from briefing.models import (
    Article,
    Brief,
    Development,
    PersonQuoted,
    Quote,
    Remembered,
    RenderedOutput,
    Sentence,
    Speaker,
    Story,
    Summary,
    Thread,
    to_jsonable,
)
from briefing.nlp.language import brief_language
from briefing.people import People, name_key, read_people
from briefing.progress import NO_PROGRESS, Progress, StageTimes
from briefing.quotes.rank import DescribeAlike, analyst_views, key_quotes, merge_repeats
from briefing.render.i18n import brief_title
from briefing.summarize import algorithm_name

if TYPE_CHECKING:
    from briefing.cluster import ClusterSettings, Grouping
    from briefing.ingest.fetch import Fetcher

__all__ = [
    "BuildStats",
    "ThreadSeen",
    "assemble_brief",
    "build_brief",
    "cluster_settings",
    "publish",
    "read_sources",
    "render_brief",
    "select_articles",
]

#: the output name that means standard output
STDOUT = "-"

log = logging.getLogger("briefing.pipeline")


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadSeen:
    """One thread of a built brief, for a schedule's memory (:class:`briefing.cluster.memory.ThreadMemory`): its
    stories' ids, what it is about (its top terms) and the key of the remembered thread it continues (``""``: none)."""

    stories: tuple[str, ...]
    terms: dict[str, float]
    continues: str = ""


#: given each thread's top terms, the remembered thread each continues: its key and its stories, the latest first
#: (``("", ())`` for none) — a schedule's memory, :meth:`briefing.cluster.memory.ThreadMemory.recall`
RecallThreads = Callable[[Sequence[Mapping[str, float]]], Sequence[tuple[str, tuple[Development, ...]]]]


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildStats:
    """What a build did, for the run's closing line."""

    articles: int
    skipped: int
    stories: int
    seconds: float
    #: reprints folded into stories, and second readings of one URL dropped
    duplicates: int = 0
    #: articles left out by ``since``
    too_old: int = 0
    #: articles left out by ``keywords`` and ``exclude``
    filtered: int = 0
    #: inbox files this build took: hand them to :func:`publish`, which moves them once the brief is written
    claims: tuple[InboxClaim, ...] = ()
    #: every thread of the brief (a story alone is one), when earlier briefs' threads were asked for
    threads: tuple[ThreadSeen, ...] = ()


def build_brief(
    inputs: Sequence[str],
    config: BriefConfig,
    *,
    stdin: BinaryIO | None = None,
    clock: Callable[[], datetime] | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress = NO_PROGRESS,
) -> tuple[Brief, BuildStats]:
    """Read ``inputs`` and build the brief (phase one: nothing is rendered or written).

    Articles about one event become one story (unless ``config.group_stories`` is off),
    with a multi-document summary, the quotes of all its reports merged, and every outlet
    that carried it. Stories come most important first: carried by more outlets, quoting
    more analysts, more recent. ``progress`` hears of each stage: read, analyse, cluster, assemble.
    The inputs read, the stories formed and each stage's time are logged at INFO (``-v``).

    Raises:
        NothingNewError: every input is an inbox or a feed, and none had anything new.
        NoArticlesError: no usable article was found; the message names what was skipped.
    """
    started = time.perf_counter()
    progress = StageTimes(progress, log)
    now = (clock or (lambda: datetime.now().astimezone()))()
    progress.start("read", len(inputs), description="reading inputs")
    since = since_time(config.since, now) if config.since else None
    ingested = read_sources(inputs, config, now=now, since=since, stdin=stdin, fetcher=fetcher, progress=progress)
    ingested = require_articles(ingested, inputs, since=since)
    progress.end()
    chosen = select_articles(ingested, config)
    if not chosen.articles:
        for claim in ingested.claims:
            claim.close()
        raise NoArticlesError(
            f"none of the {len(ingested.articles)} articles read mentions "
            + (", ".join(config.keywords) if config.keywords else "anything not excluded"),
            hint="check --keywords and --exclude",
        )
    try:
        brief, stats = assemble_brief(chosen, config, inputs=inputs, now=now, progress=progress)
    except BaseException:
        for claim in ingested.claims:
            claim.close()
        raise
    for n, story in enumerate(brief.stories, start=1):
        reports = len(story.articles) + len(story.copies)
        log.info(
            "story %d: %s (%d %s; %s)",
            n,
            story.headline,
            reports,
            "report" if reports == 1 else "reports",
            ", ".join(story.outlets),
        )
    return brief, replace(
        stats,
        seconds=time.perf_counter() - started,
        filtered=len(ingested.articles) - len(chosen.articles),
    )


def read_sources(
    inputs: Sequence[str],
    config: BriefConfig,
    *,
    now: datetime,
    since: datetime | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress = NO_PROGRESS,
) -> IngestResult:
    """Read every article from ``inputs`` within ``config``'s limits (``max_bytes``, ``stale_after_hours``,
    ``fetch_budget``: the last for a fetcher made here, when ``fetcher`` is not given) and ``allow_hosts``.

    Whatever was read is returned, even no article at all, and nothing is logged above DEBUG:
    :func:`build_brief` then insists on an article (:func:`briefing.ingest.require_articles`),
    while a schedule's run counts an empty read as nothing new. ``since`` leaves out articles
    published before it; ``build_brief`` passes ``config.since``, a schedule none (it briefs
    what it has not briefed, whatever its date). ``progress`` hears of each input read.
    """
    return read_inputs(
        inputs,
        stdin=stdin,
        max_bytes=config.max_bytes,
        fetcher=fetcher,
        since=since,
        now=now,
        stale_after=timedelta(hours=config.stale_after_hours),
        progress=progress,
        fetch_budget=config.fetch_budget,
        allow_hosts=config.allow_hosts,
        language=config.language,
        default_language=config.default_language,
    )


def select_articles(ingested: IngestResult, config: BriefConfig) -> IngestResult:
    """``ingested`` with only the articles that ``config.keywords`` and ``config.exclude`` let through."""
    keep = KeywordFilter(config.keywords, config.exclude)
    if not keep.active:
        return ingested
    return replace(ingested, articles=tuple(a for a in ingested.articles if keep(a)))


def assemble_brief(
    ingested: IngestResult,
    config: BriefConfig,
    *,
    inputs: Sequence[str],
    now: datetime,
    progress: Progress = NO_PROGRESS,
    recall: Callable[[Collection[str]], Mapping[str, Remembered]] | None = None,
    analyses: AnalysisCache | None = None,
    earlier: RecallThreads | None = None,
) -> tuple[Brief, BuildStats]:
    """Build the brief from articles already read (``ingested.articles``, at least one).

    The second half of :func:`build_brief`, for callers that choose the articles
    themselves — a schedule briefs only the ones it has not briefed before. ``progress``
    hears of the stages analyse, cluster and assemble. ``recall``, given the people the
    brief quotes by name but neither a people file nor any of its articles describes, says
    how earlier briefs' articles described them (a schedule's memory,
    :class:`briefing.people.memory.PeopleMemory`). ``analyses``: analyses kept from earlier runs, used for the
    articles they hold, and given those of the others (:func:`briefing.analysis.analyse_all`). ``earlier``, given
    what each of the brief's threads is about, says which thread of earlier briefs it continues and their stories
    there (a schedule's memory, :class:`briefing.cluster.memory.ThreadMemory`): the stories list them, and
    ``BuildStats.threads`` says what to remember of this brief's.
    """
    from briefing.summarize.multi import summarize_story  # NumPy and SciPy: loaded only when a brief is built

    started = time.perf_counter()
    articles = ingested.articles
    people = read_people(config.people)  # (before the long work: a mistake in the file stops the run at once)
    algorithm = algorithm_name(config.algorithm)
    # each article on its own first (over several processes in a large run), then what needs them all
    progress.start("analyse", len(articles), description="analysing articles")
    of = analyse_all(
        articles,
        algorithm=config.algorithm,
        count=config.summary_sentences,
        workers=config.workers,
        progress=progress,
        cache=analyses,
    )
    progress.start("cluster", description="grouping stories")
    counts = _counts(articles, of)
    groups, dropped = _group(articles, config, of, counts)
    progress.start("assemble", len(groups), description="assembling the brief")
    order = [i for g in groups for i in (*g.articles, *g.copies)]  # a second reading of one URL is left out
    # who the people files say a speaker is wins over what the article implies, before one description is chosen
    found = merge_repeats([people.apply(of[i].quotes, articles[i].published) for i in order])
    alike = DescribeAlike(found)
    if recall is not None:
        # what earlier briefs learned, for the people nothing here describes (a people file's are described by it)
        alike.remember(recall([name for name in alike.undescribed() if people.find(name) is None]))
    quotes_of = dict(zip(order, found, strict=True))
    # the analysts' views, shown in full in their appendix, are not shown again as a story's key quotes
    views = analyst_views(alike(q) for quotes in found for q in quotes)
    in_views = {(q.article_id, q.start) for view in views for q in view.quotes}
    stories: list[Story] = []
    quoted_in: dict[str, list[Quote]] = {}  # each story's quotes, by its id, for the index of people
    for group in groups:
        members = (*group.articles, *group.copies)
        sentences = summarize_story(
            [(articles[i], of[i].sentences) for i in group.articles],
            algorithm,
            config.summary_sentences,
            picks=[of[i].picks for i in group.articles],
            counts=[of[i].terms for i in group.articles],
        )
        story_quotes = [alike(q) for i in members for q in quotes_of[i]]
        lead = articles[group.articles[0]]
        quoted_in[lead.id] = story_quotes
        stories.append(
            Story(
                id=lead.id,
                headline=lead.title,
                articles=tuple(articles[i] for i in group.articles),
                copies=tuple(articles[i] for i in group.copies),
                summary=Summary(sentences=sentences, algorithm=algorithm),
                quotes=key_quotes(
                    [q for q in story_quotes if (q.article_id, q.start) not in in_views],
                    sentences,
                    config.quotes_per_story,
                ),
                analyst_views=analyst_views(story_quotes),
            )
        )
        progress.advance()
    seen: list[ThreadSeen] = []
    if earlier is not None:
        stories, seen = _earlier(stories, groups, counts, earlier)
    stories, threads = _threads(stories, [g.thread for g in groups])
    stories = _by_importance(stories, now)
    # the most important in full; the rest as headlines (a morning's 500 articles are not a 200-page read)
    cut = config.max_stories or len(stories)
    stories, also_reported = stories[:cut], stories[cut:]
    # with one story, the story itself is the glance: an overview would repeat its first sentences
    glance = _at_a_glance(stories, config.overview_sentences) if len(stories) > 1 else ()
    overview = Summary(sentences=glance, algorithm=algorithm)
    language = config.brief_language or brief_language(articles)
    brief = Brief(
        title=brief_title(config.title, language),
        generated_at=now,
        stories=tuple(stories),
        overview=overview,
        analyst_views=views,
        also_reported=tuple(also_reported),
        people=_people_quoted([*stories, *also_reported], quoted_in, people, alike),
        threads=threads,
        skipped=ingested.skipped,
        source_health=ingested.health,
        settings=_settings(config, inputs),
        language=language,
    )
    stats = BuildStats(
        articles=len(articles),
        skipped=len(ingested.skipped),
        stories=len(stories) + len(also_reported),
        seconds=time.perf_counter() - started,
        duplicates=dropped + sum(len(g.copies) for g in groups),
        too_old=ingested.too_old,
        claims=ingested.claims,
        threads=tuple(seen),
    )
    progress.end()
    return brief, stats


def _counts(articles: Sequence[Article], analysed: Sequence[Analysis]) -> list[dict[str, float]]:
    """Each article's weighted term counts (:func:`briefing.nlp.vectors.article_terms`), from its sentences'."""
    from briefing.languages import tools_for
    from briefing.nlp.vectors import article_terms

    return [article_terms(a.title, x.terms, tools_for(a).language) for a, x in zip(articles, analysed, strict=True)]


def _group(
    articles: Sequence[Article],
    config: BriefConfig,
    analysed: Sequence[Analysis],
    counts: Sequence[Mapping[str, float]],
) -> tuple[tuple[Grouping, ...], int]:
    """Stories as groups of article indices, and how many second readings of one URL were dropped."""
    from briefing.cluster import LEDE_SENTENCES, Grouping, group_articles
    from briefing.languages import tools_for
    from briefing.nlp.vectors import article_terms

    if not config.group_stories:
        return tuple(Grouping(articles=(i,), thread=i) for i in range(len(articles))), 0
    languages = [tools_for(a).language for a in articles]
    ledes = [
        article_terms(a.title, x.terms[:LEDE_SENTENCES], lang)
        for a, x, lang in zip(articles, analysed, languages, strict=True)
    ]
    result = group_articles(articles, cluster_settings(config), counts=counts, ledes=ledes)
    for dropped, kept in result.same_url:
        log.info("%s: the same article as %s; read once", articles[dropped].origin, articles[kept].origin)
    return result.groups, len(result.same_url)


def cluster_settings(config: BriefConfig) -> ClusterSettings:
    """How ``config`` groups articles into threads (``cluster_threshold``) and stories (``story_threshold``)."""
    from briefing.cluster import ClusterSettings

    return ClusterSettings(
        threshold=config.cluster_threshold,
        story_threshold=config.story_threshold or None,
    )


def _earlier(
    stories: Sequence[Story],
    groups: Sequence[Grouping],
    counts: Sequence[Mapping[str, float]],
    earlier: RecallThreads,
) -> tuple[list[Story], list[ThreadSeen]]:
    """The stories with the earlier developments of the threads they continue, and every thread (in order of
    their numbers) with its top terms and the remembered thread it continues."""
    from briefing.cluster.stories import thread_terms

    numbers = sorted({g.thread for g in groups})
    members = {n: [k for k, g in enumerate(groups) if g.thread == n] for n in numbers}
    terms = thread_terms(
        counts, [[i for k in members[n] for i in (*groups[k].articles, *groups[k].copies)] for n in numbers]
    )
    found = earlier(terms)
    out = list(stories)
    seen: list[ThreadSeen] = []
    for n, about, (key, developments) in zip(numbers, terms, found, strict=True):
        for k in members[n]:
            out[k] = replace(stories[k], earlier=tuple(developments))
        seen.append(ThreadSeen(stories=tuple(stories[k].id for k in members[n]), terms=about, continues=key))
    return out, seen


def _threads(stories: Sequence[Story], numbers: Sequence[int]) -> tuple[list[Story], tuple[Thread, ...]]:
    """Each story with its thread's id, given each one's thread number (:attr:`Grouping.thread`), and the
    threads of more than one story. A thread is named by its earliest story (undated ones after the dated, in
    the order given); the threads come in order of their earliest stories."""

    def earliest(k: int) -> tuple[int, float, int]:
        published = stories[k].published
        return (0, published.timestamp(), k) if published is not None else (1, 0.0, k)

    members: dict[int, list[int]] = {}
    for k, number in enumerate(numbers):
        members.setdefault(number, []).append(k)
    out = list(stories)
    threads: list[tuple[tuple[int, float, int], Thread]] = []
    for ks in members.values():
        ordered = sorted(ks, key=earliest)
        name = stories[ordered[0]].id
        for k in ks:
            out[k] = replace(stories[k], thread=name)
        if len(ordered) > 1:
            threads.append((earliest(ordered[0]), Thread(id=name, stories=tuple(stories[k].id for k in ordered))))
    return out, tuple(t for _, t in sorted(threads, key=lambda t: t[0]))


def _at_a_glance(stories: Sequence[Story], count: int) -> tuple[Sentence, ...]:
    """The overview: one line per story, in the stories' order (most important first) — its first summary sentence —
    for the first ``count`` stories. (A second line of a story would read as another story's.)"""
    return tuple(story.summary.sentences[0] for story in stories if story.summary.sentences)[:count]


def _people_quoted(
    stories: Sequence[Story], quoted_in: Mapping[str, Sequence[Quote]], people: People, alike: DescribeAlike
) -> tuple[PersonQuoted, ...]:
    """Every named speaker of the stories' quotes once — as the brief describes them, where that description comes
    from, with how many quotes are theirs and the stories they are quoted in, in the brief's order — most quoted
    first."""
    found: dict[str, tuple[Speaker, list[str], int]] = {}  # by the name as it is matched ("Артём", "Артем")
    for story in stories:
        for quote in quoted_in.get(story.id, ()):
            speaker = quote.speaker
            if speaker is None or not speaker.named or not speaker.name[:1].isupper():
                continue  # (a name starts with a capital: "calculations by the council" names no one)
            key = name_key(speaker.name)
            known, where, count = found.get(key, (speaker, [], 0))
            if story.id not in where:
                where.append(story.id)
            if not (known.role or known.organization) and (speaker.role or speaker.organization):
                known = speaker
            found[key] = (known, where, count + 1)
    entries = []
    for speaker, where, count in found.values():
        name = speaker.name
        remembered = alike.remembered.get(name) if people.find(name) is None else None
        by = "people file" if people.find(name) is not None else "memory" if remembered is not None else "article"
        entries.append(
            PersonQuoted(
                speaker=speaker,
                quotes=count,
                stories=tuple(where),
                described_by=by,
                described_in=alike.described_in(name) if by == "article" else "",
                remembered=remembered,
            )
        )
    order = {entry.speaker.name: n for n, entry in enumerate(entries)}
    return tuple(sorted(entries, key=lambda e: (-e.quotes, order[e.speaker.name])))


def _by_importance(stories: Sequence[Story], now: datetime) -> list[Story]:
    """Most outlets first, then analyst coverage, then recency; input order breaks ties."""

    def weight(item: tuple[int, Story]) -> tuple[float, int]:
        n, story = item
        dates = [a.published for a in (*story.articles, *story.copies) if a.published is not None]
        if dates:
            hours = max(0.0, (now - max(dates)).total_seconds() / 3600)
            recency = 1.0 / (1.0 + hours / 24.0)
        else:
            recency = 0.5
        return (-(len(story.outlets) + 0.5 * len(story.analyst_views) + recency), n)

    return [story for _, story in sorted(enumerate(stories), key=weight)]


def _settings(config: BriefConfig, inputs: Sequence[str]) -> dict[str, object]:
    out = to_jsonable(vars(config))
    out["inputs"] = list(inputs)
    return dict(out)


def render_brief(brief: Brief, fmt: str, config: BriefConfig, *, progress: Progress = NO_PROGRESS) -> bytes:
    """Render ``brief`` as ``fmt`` with ``config``'s templates, PDF tagging and workers; nothing is written or logged.

    :func:`publish` writes what this returns; a schedule's run writes several formats, its
    manifest and its email from it. ``progress`` hears of a long PDF's pages.

    Raises:
        ConfigError: unknown format. TemplateError, RenderError: the brief could not be rendered.
    """
    from briefing.render import render

    return render(
        brief,
        fmt,
        templates=config.templates,
        tagged_pdf=config.tagged_pdf,
        workers=config.workers,
        progress=progress,
    )


def publish(
    brief: Brief,
    out: Path,
    fmt: str,
    config: BriefConfig,
    *,
    claims: Sequence[InboxClaim] = (),
    progress: Progress = NO_PROGRESS,
) -> RenderedOutput:
    """Render ``brief`` as ``fmt`` and write it to ``out`` atomically (phase two); ``-`` is standard output.

    Inbox files the build took (``claims``) are moved aside only after the file is
    written; a journal written just before makes a crash in between safe (see
    :mod:`briefing.ingest.inbox`). A brief sent to standard output leaves no file to
    check, so a crash before the move leaves the files in the inbox, to be briefed again.
    ``progress`` hears of the stages render (with the pages of a long PDF) and write, whose times are
    logged at INFO (``-v``).

    Raises:
        TemplateError, RenderError: the brief could not be rendered.
        OutputError: the file could not be written.
    """
    from briefing.atomic import write_atomic
    from briefing.deliver.files import write_stdout

    to_stdout = str(out) == STDOUT
    progress = StageTimes(progress, log)
    try:
        what = "laying out the PDF's pages" if fmt == "pdf" else f"rendering {fmt.upper()}"
        progress.start("render", description=what)
        data = render_brief(brief, fmt, config, progress=progress)
        progress.start("write", description="writing the brief")
        for claim in claims:
            claim.prepare([] if to_stdout else [(out, data)])
        if to_stdout:
            write_stdout(data, binary=fmt == "pdf")
        else:
            write_atomic(out, data)
        for claim in claims:
            claim.commit()
        progress.end()
    finally:
        for claim in claims:
            claim.close()
    return RenderedOutput(format=fmt, path=str(out), size=len(data))
