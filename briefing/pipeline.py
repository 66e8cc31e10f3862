"""The orchestrator, in two phases as in Pelican: build the whole :class:`Brief`, then render and write it.

``build_brief`` reads, splits, summarizes and extracts quotes; nothing is rendered or
written, so ``--dry-run`` and most tests stop there. ``publish`` renders a built brief in
one format and writes it atomically.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from briefing.config import BriefConfig
from briefing.ingest import read_articles
from briefing.models import Brief, Quote, RenderedOutput, Story, Summary, to_jsonable
from briefing.nlp import sentences as split_sentences
from briefing.quotes import RuleQuoteExtractor
from briefing.quotes.rank import analyst_views, key_quotes, merge_repeats
from briefing.summarize import get_summarizer

__all__ = ["BuildStats", "build_brief", "publish"]

log = logging.getLogger("briefing.pipeline")


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildStats:
    """What a build did, for the run's closing line."""

    articles: int
    skipped: int
    stories: int
    seconds: float


def build_brief(
    inputs: Sequence[str],
    config: BriefConfig,
    *,
    stdin: BinaryIO | None = None,
    clock: Callable[[], datetime] | None = None,
) -> tuple[Brief, BuildStats]:
    """Read ``inputs`` and build the brief (phase one: nothing is rendered or written).

    Raises:
        NoArticlesError: no usable article was found; the message names what was skipped.
    """
    started = time.perf_counter()
    now = (clock or (lambda: datetime.now().astimezone()))()
    ingested = read_articles(inputs, stdin=stdin, max_bytes=config.max_bytes)
    summarizer = get_summarizer(config.algorithm)
    extractor = RuleQuoteExtractor()
    stories: list[Story] = []
    every_quote: list[Quote] = []
    split = [split_sentences(article) for article in ingested.articles]
    quoted = merge_repeats(
        [extractor.extract(article, sentences) for article, sentences in zip(ingested.articles, split, strict=True)]
    )
    for article, sentences, quotes in zip(ingested.articles, split, quoted, strict=True):
        summary = Summary(
            sentences=summarizer.summarize(sentences, config.summary_sentences, title=article.title),
            algorithm=summarizer.name,
        )
        every_quote.extend(quotes)
        stories.append(
            Story(
                id=article.id,
                headline=article.title,
                articles=(article,),
                summary=summary,
                quotes=key_quotes(quotes, summary.sentences, config.quotes_per_story),
                analyst_views=analyst_views(quotes),
            )
        )
    pool = [s for story in stories for s in story.summary.sentences]
    overview = Summary(
        sentences=summarizer.summarize(pool, config.overview_sentences, title=config.title)
        if config.overview_sentences
        else (),
        algorithm=summarizer.name,
    )
    brief = Brief(
        title=config.title,
        generated_at=now,
        stories=tuple(stories),
        overview=overview,
        analyst_views=analyst_views(every_quote),
        skipped=ingested.skipped,
        settings=_settings(config, inputs),
    )
    stats = BuildStats(
        articles=len(ingested.articles),
        skipped=len(ingested.skipped),
        stories=len(stories),
        seconds=time.perf_counter() - started,
    )
    return brief, stats


def _settings(config: BriefConfig, inputs: Sequence[str]) -> dict[str, object]:
    out = to_jsonable({k: v for k, v in vars(config).items() if k != "templates"})
    out["templates"] = [str(p) for p in config.templates]
    out["inputs"] = list(inputs)
    return dict(out)


def publish(brief: Brief, out: Path, fmt: str, config: BriefConfig) -> RenderedOutput:
    """Render ``brief`` as ``fmt`` and write it to ``out`` atomically (phase two).

    Raises:
        TemplateError, RenderError: the brief could not be rendered.
        OutputError: the file could not be written.
    """
    from briefing.deliver.files import write_atomic
    from briefing.render import render

    data = render(brief, fmt, templates=config.templates)
    write_atomic(out, data)
    return RenderedOutput(format=fmt, path=str(out), size=len(data))
