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
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from briefing.languages import tools_for
from briefing.models import Article, Quote, Sentence
from briefing.progress import NO_PROGRESS, Progress

__all__ = ["POOL_FROM", "Analysis", "analyse", "analyse_all", "worker_count"]

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
) -> list[Analysis]:
    """:func:`analyse` every article, in order; over ``workers`` processes in a large run (:func:`worker_count`).

    ``progress`` hears of each article analysed (in this process, as the workers' results come in).
    """
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
