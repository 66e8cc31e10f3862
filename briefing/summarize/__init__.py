"""Extractive summaries: a registry of summarizers by name, and helpers over articles and briefs.

Every summary is made of sentences taken verbatim from the articles, each keeping its
article, paragraph and offsets, so a reader can trace any line of a brief to its source.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.errors import ConfigError
from briefing.models import Sentence, Summary
from briefing.summarize.base import LeadSummarizer, Summarizer, lead
from briefing.summarize.sumy_adapter import SUMY_ALGORITHMS, SumySummarizer

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "LeadSummarizer",
    "Summarizer",
    "SumySummarizer",
    "get_summarizer",
    "lead",
    "summarize",
]

#: Every algorithm ``--algorithm`` accepts.
ALGORITHMS: tuple[str, ...] = ("lead", *SUMY_ALGORITHMS)
DEFAULT_ALGORITHM = "textrank"


def get_summarizer(name: str) -> Summarizer:
    """Return the summarizer registered under ``name``.

    Raises:
        ConfigError: no algorithm has that name.
    """
    key = name.strip().lower().replace("_", "-")
    key = {"lex-rank": "lexrank", "text-rank": "textrank", "sum-basic": "sumbasic"}.get(key, key)
    if key == "lead":
        return LeadSummarizer()
    if key in SUMY_ALGORITHMS:
        return SumySummarizer(key)
    raise ConfigError(
        f"unknown summarization algorithm {name!r}",
        field="algorithm",
        hint=f"choose one of: {', '.join(ALGORITHMS)}",
    )


def summarize(
    sentences: Sequence[Sentence], count: int, *, algorithm: str | Summarizer = DEFAULT_ALGORITHM, title: str = ""
) -> Summary:
    """Summarize ``sentences`` (one article's, or several articles') into at most ``count`` sentences."""
    summarizer = get_summarizer(algorithm) if isinstance(algorithm, str) else algorithm
    return Summary(sentences=summarizer.summarize(sentences, count, title=title), algorithm=summarizer.name)
