"""Extractive summaries: a registry of summarizers by name, and helpers over articles and briefs.

Every summary is made of sentences taken verbatim from the articles, each keeping its
article, paragraph and offsets, so a reader can trace any line of a brief to its source.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from briefing.errors import ConfigError
from briefing.models import Sentence, Summary
from briefing.summarize.base import LeadSummarizer, Summarizer, lead
from briefing.summarize.sumy_adapter import SUMY_ALGORITHMS, SumySummarizer

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "VECTORIZED",
    "LeadSummarizer",
    "Summarizer",
    "SumySummarizer",
    "get_summarizer",
    "lead",
    "summarize",
]

#: sumy's algorithms with a vectorized twin here (same name, same picks, much faster)
VECTORIZED: tuple[str, ...] = ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "reduction")
#: Every algorithm ``--algorithm`` accepts: ours, then sumy's originals as ``sumy-NAME``.
ALGORITHMS: tuple[str, ...] = (
    "news",
    "lead",
    *VECTORIZED,
    "edmundson",
    *(f"sumy-{name}" for name in SUMY_ALGORITHMS if name != "edmundson"),
)
DEFAULT_ALGORITHM = "news"


def get_summarizer(name: str) -> Summarizer:
    """Return the summarizer registered under ``name``.

    Raises:
        ConfigError: no algorithm has that name.
    """
    key = name.strip().lower().replace("_", "-").replace(":", "-")
    for alias, canonical in (("lex-rank", "lexrank"), ("text-rank", "textrank"), ("sum-basic", "sumbasic")):
        key = key.replace(alias, canonical)
    if key in ALGORITHMS:
        return _build(key)
    raise ConfigError(
        f"unknown summarization algorithm {name!r}",
        field="algorithm",
        hint=f"choose one of: {', '.join(ALGORITHMS)}",
    )


@functools.cache
def _build(key: str) -> Summarizer:
    # One instance per algorithm and process: the vectorized summarizers keep a stem cache.
    if key == "lead":
        return LeadSummarizer()
    if key == "edmundson":
        return SumySummarizer("edmundson")
    if key.startswith("sumy-"):
        return SumySummarizer(key.removeprefix("sumy-"), display_name=key)
    from briefing.summarize.fast import FAST_ALGORITHMS
    from briefing.summarize.news import NewsSummarizer

    return (NewsSummarizer if key == "news" else FAST_ALGORITHMS[key]).with_defaults()


def summarize(
    sentences: Sequence[Sentence], count: int, *, algorithm: str | Summarizer = DEFAULT_ALGORITHM, title: str = ""
) -> Summary:
    """Summarize ``sentences`` (one article's, or several articles') into at most ``count`` sentences."""
    summarizer = get_summarizer(algorithm) if isinstance(algorithm, str) else algorithm
    return Summary(sentences=summarizer.summarize(sentences, count, title=title), algorithm=summarizer.name)
