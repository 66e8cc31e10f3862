"""Extractive summaries: a registry of summarizers by name, and helpers over articles and briefs.

Every summary is made of sentences taken verbatim from the articles, each keeping its
article, paragraph and offsets, so a reader can trace any line of a brief to its source.
Each summarizer reads one language (ISO 639-1, English by default): its Snowball stemmer,
its stop words, and for ``news`` its page furniture and quotation marks.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from briefing.errors import ConfigError
from briefing.models import Sentence, Summary
from briefing.nlp.language_rules import DEFAULT_LANGUAGE, language_code, snowball_name
from briefing.summarize.base import LeadSummarizer, Summarizer, lead
from briefing.summarize.sumy_adapter import SUMY_ALGORITHMS, SumySummarizer

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "VECTORIZED",
    "LeadSummarizer",
    "Summarizer",
    "SumySummarizer",
    "algorithm_name",
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


def algorithm_name(name: str) -> str:
    """The name ``name`` is registered under, as summaries record it ("Lex-Rank" → "lexrank").

    Raises:
        ConfigError: no algorithm has that name.
    """
    key = name.strip().lower().replace("_", "-").replace(":", "-")
    for alias, canonical in (("lex-rank", "lexrank"), ("text-rank", "textrank"), ("sum-basic", "sumbasic")):
        key = key.replace(alias, canonical)
    if key in ALGORITHMS:
        return key
    raise ConfigError(
        f"unknown summarization algorithm {name!r}",
        field="algorithm",
        hint=f"choose one of: {', '.join(ALGORITHMS)}",
    )


def get_summarizer(name: str, language: str = DEFAULT_LANGUAGE) -> Summarizer:
    """Return the summarizer registered under ``name``, for articles in ``language`` (a code or a name).

    An article's summarizer is its language tools' (:func:`briefing.languages.tools_for`), which
    pass its language: without one, this is English's.

    Raises:
        ConfigError: no algorithm has that name.
    """
    return _build(algorithm_name(name), language_code(language))


@functools.cache
def _build(key: str, language: str) -> Summarizer:
    # One instance per algorithm, language and process: the vectorized summarizers keep a stem cache.
    if key == "lead":
        return LeadSummarizer()
    name = snowball_name(language)
    if key == "edmundson":
        return SumySummarizer("edmundson", language=name)
    if key.startswith("sumy-"):
        return SumySummarizer(key.removeprefix("sumy-"), language=name, display_name=key)
    from briefing.summarize.fast import FAST_ALGORITHMS
    from briefing.summarize.news import NewsSummarizer

    return (NewsSummarizer if key == "news" else FAST_ALGORITHMS[key]).with_defaults(name)


def summarize(
    sentences: Sequence[Sentence],
    count: int,
    *,
    algorithm: str | Summarizer = DEFAULT_ALGORITHM,
    title: str = "",
    language: str = DEFAULT_LANGUAGE,
) -> Summary:
    """Summarize ``sentences`` (one article's, or several articles') into at most ``count`` sentences.

    ``language`` chooses the stemmer and stop words of an algorithm given by name.
    """
    summarizer = get_summarizer(algorithm, language) if isinstance(algorithm, str) else algorithm
    return Summary(sentences=summarizer.summarize(sentences, count, title=title), algorithm=summarizer.name)
