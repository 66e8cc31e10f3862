"""Per-article analysis — sentences, quotes, the article's own summary — in one pass, in this
process or spread over worker processes.

Everything done to one article alone happens here, in one pass while its text is fresh in
the caches: the splitter and the quote finder share its boilerplate mask, and the
summarizer picks its candidate sentences. What needs several articles (stories, the
multi-document summary, merging a quote several outlets carried) is left to the pipeline.

The work is pure Python under the GIL, so threads would not help; a large run is spread
over processes instead. A process pool costs its start-up and the copying of articles
and results between processes, so it is used only from :data:`POOL_FROM` articles on.
The results do not depend on how many processes computed them.

Given an :class:`AnalysisCache`, an article analysed before with the same words and settings is
not analysed again: :func:`analysis_key` is a digest of what the analysis reads (the title, the
text, the language), the algorithm and sentence count, briefing's version and the analysing code
itself (:func:`code_digest`), so a change to any of them makes a new key. The queue's workers keep
one in their database (:mod:`briefing.queue.analyses`), so an article that twenty schedules brief is
analysed once.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from briefing import __version__
from briefing.languages import tools_for
from briefing.models import Article, Citation, Quote, Sentence
from briefing.progress import NO_PROGRESS, Progress

__all__ = [
    "POOL_FROM",
    "Analysis",
    "AnalysisCache",
    "analyse",
    "analyse_all",
    "analysis_key",
    "code_digest",
    "worker_count",
]

log = logging.getLogger("briefing.analysis")

#: fewer articles than this are analysed in this process whatever ``workers`` says
POOL_FROM = 200
#: articles sent to a worker at a time: large enough that pickling overhead is small
CHUNK = 32


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one article yields on its own."""

    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    #: the article's own summary: its candidates for its story's summary
    picks: tuple[Sentence, ...]
    #: each sentence's weighted term counts (:func:`briefing.nlp.vectors.terms`), for stories and their summaries
    terms: tuple[dict[str, float], ...]


def analyse(article: Article, *, algorithm: str, count: int) -> Analysis:
    """Split ``article``, find its quotes, its own ``count``-sentence summary and its sentences' terms,
    each with the article's language tools (:func:`briefing.languages.tools_for`): what each stage
    alone gives it, in one pass."""
    tools = tools_for(article)
    sentences = tools.sentences(article)
    quotes = tools.quotes.extract(article, sentences)
    picks = tools.summarize(article, sentences, algorithm, count)
    counts = tuple(tools.terms(s.text) for s in sentences)
    return Analysis(sentences=sentences, quotes=quotes, picks=picks, terms=counts)


class AnalysisCache(Protocol):
    """Analyses kept by :func:`analysis_key`, across runs (and, in a database, across machines)."""

    def analyses(
        self, keys: Sequence[str], compute: Callable[[Sequence[str]], Mapping[str, Analysis]]
    ) -> dict[str, Analysis]:
        """The analysis of every key in ``keys``: the ones kept, and for the others what ``compute`` gives for them
        (then kept). An analysis may refer to the article it was made of by another id; the caller rebinds it."""
        ...


#: the analysing code, whose every byte is in :func:`code_digest`: a change to a rule or a pack makes new keys
_ANALYSING_CODE = ("analysis.py", "languages.py", "models.py", "nlp", "quotes", "summarize")


@functools.cache
def code_digest() -> str:
    """SHA-256 of the analysing code and data (splitter, quote engine and packs, summarizers, models), as
    installed: two workers share analyses only when they would compute the same ones."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _ANALYSING_CODE:
        place = root / name
        files = sorted(place.rglob("*")) if place.is_dir() else [place]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".toml", ".txt", ".json"):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def analysis_key(article: Article, *, algorithm: str, count: int) -> str:
    """What :func:`analyse` gives ``article`` depends on: its title, text and language, ``algorithm`` and ``count``,
    briefing's version and code (:func:`code_digest`) — as one SHA-256 (its id, outlet and dates play no part)."""
    language = tools_for(article).language
    parts = (__version__, code_digest(), algorithm, str(count), language, article.title, article.text)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def worker_count(workers: int, articles: int) -> int:
    """How many processes analyse ``articles`` articles: ``workers`` (0: one per available
    core), but one below :data:`POOL_FROM` articles, and never more than there are chunks."""
    if workers == 0:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if articles < POOL_FROM:
        return 1
    return max(1, min(workers, -(-articles // CHUNK)))


def analyse_all(
    articles: Sequence[Article],
    *,
    algorithm: str,
    count: int,
    workers: int = 1,
    progress: Progress = NO_PROGRESS,
    cache: AnalysisCache | None = None,
) -> list[Analysis]:
    """:func:`analyse` every article, in order; over ``workers`` processes in a large run (:func:`worker_count`).

    ``progress`` hears of each article analysed (in this process, as the workers' results come in). With
    ``cache``, only the articles it does not hold are analysed (one of each :func:`analysis_key`), and what is
    analysed is kept there; the results are the same.
    """
    if cache is None:
        return _analyse_all(articles, algorithm=algorithm, count=count, workers=workers, progress=progress)
    keys = [analysis_key(a, algorithm=algorithm, count=count) for a in articles]
    first: dict[str, int] = {}
    for n, key in enumerate(keys):
        first.setdefault(key, n)
    computed: list[str] = []

    def compute(wanted: Sequence[str]) -> dict[str, Analysis]:
        todo = [articles[first[key]] for key in wanted]
        done = _analyse_all(todo, algorithm=algorithm, count=count, workers=workers, progress=progress)
        computed.extend(wanted)
        return dict(zip(wanted, done, strict=True))

    found = cache.analyses(list(first), compute)
    for _ in range(len(articles) - len(computed)):
        progress.advance()
    log.info(
        "analysed %d of %d article(s); %d from the cache", len(computed), len(articles), len(articles) - len(computed)
    )
    return [_rebind(found[key], article.id) for key, article in zip(keys, articles, strict=True)]


def _rebind(analysis: Analysis, article_id: str) -> Analysis:
    """``analysis`` as made of the article called ``article_id`` (a kept one may name the article by another id)."""
    if all(s.article_id == article_id for s in analysis.sentences) and all(
        q.article_id == article_id for q in analysis.quotes
    ):
        return analysis
    olds = {s.article_id for s in analysis.sentences} | {q.article_id for q in analysis.quotes}

    def sentence(s: Sentence) -> Sentence:
        return s if s.article_id == article_id else replace(s, article_id=article_id)

    def quote(q: Quote) -> Quote:
        also = tuple(
            Citation(article_id=article_id, paragraph=c.paragraph) if c.article_id in olds else c for c in q.also_in
        )
        return replace(q, article_id=article_id, also_in=also)

    return Analysis(
        sentences=tuple(sentence(s) for s in analysis.sentences),
        quotes=tuple(quote(q) for q in analysis.quotes),
        picks=tuple(sentence(s) for s in analysis.picks),
        terms=analysis.terms,
    )


def _analyse_all(
    articles: Sequence[Article], *, algorithm: str, count: int, workers: int, progress: Progress
) -> list[Analysis]:
    jobs = [(a, algorithm, count) for a in articles]
    processes = worker_count(workers, len(jobs))
    if processes <= 1:
        return [_counted(_job(job), progress) for job in jobs]
    for tools in sorted({tools_for(a) for a in articles}, key=lambda t: t.language):
        tools.summarizer(algorithm)  # load each summarizer (and its stemmer) once, before the workers fork
    with ProcessPoolExecutor(max_workers=processes, mp_context=_context()) as pool:
        return [_counted(result, progress) for result in pool.map(_job, jobs, chunksize=CHUNK)]


def _counted(result: Analysis, progress: Progress) -> Analysis:
    progress.advance()
    return result


def _job(job: tuple[Article, str, int]) -> Analysis:
    article, algorithm, count = job
    return analyse(article, algorithm=algorithm, count=count)


def _context() -> multiprocessing.context.BaseContext:
    # Forking is quick and the workers inherit everything already loaded; but forking a
    # process that runs other threads (the scheduler's) can copy a lock held mid-use, so
    # then the workers start from a clean server process instead.
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
