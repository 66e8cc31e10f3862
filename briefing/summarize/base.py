"""The summarizer interface: pick sentences, verbatim, in reading order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from briefing.models import Sentence

__all__ = ["Summarizer", "lead", "obvious"]


class Summarizer(Protocol):
    """Chooses up to ``count`` of ``sentences`` as the summary.

    Implementations must return a subset of the sentences they were given (the same
    objects, so every one keeps its article and offsets), in the order given, and must
    cope with any number of sentences, zero included. ``title`` is the headline, which
    some algorithms use as a hint.
    """

    name: str

    def summarize(self, sentences: Sequence[Sentence], count: int, *, title: str = "") -> tuple[Sentence, ...]:
        """Return the chosen sentences in the order they were given."""
        ...


def obvious(sentences: Sequence[Sentence], count: int) -> tuple[Sentence, ...] | None:
    """The answer when there is nothing to choose, else ``None``.

    Nothing asked or nothing given: nothing. No more sentences than asked: all of them.
    Two sentences or fewer: the lead — any centrality over two sentences is meaningless
    (LexRank's is NaN).
    """
    if count <= 0 or not sentences:
        return ()
    if len(sentences) <= count:
        return tuple(sentences)
    if len(sentences) <= 2:
        return lead(sentences, count)
    return None


def lead(sentences: Sequence[Sentence], count: int) -> tuple[Sentence, ...]:
    """The first ``count`` sentences: the baseline news summary (LEAD-N)."""
    return tuple(sentences[: max(count, 0)])


class LeadSummarizer:
    """LEAD-N: the first sentences of the article, the inverted pyramid's own summary."""

    name = "lead"

    def summarize(self, sentences: Sequence[Sentence], count: int, *, title: str = "") -> tuple[Sentence, ...]:
        return lead(sentences, count)
