"""The summarizer interface: pick sentences, verbatim, in reading order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from briefing.models import Sentence

__all__ = ["Summarizer", "lead"]


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


def lead(sentences: Sequence[Sentence], count: int) -> tuple[Sentence, ...]:
    """The first ``count`` sentences: the baseline news summary (LEAD-N)."""
    return tuple(sentences[: max(count, 0)])


class LeadSummarizer:
    """LEAD-N: the first sentences of the article, the inverted pyramid's own summary."""

    name = "lead"

    def summarize(self, sentences: Sequence[Sentence], count: int, *, title: str = "") -> tuple[Sentence, ...]:
        return lead(sentences, count)
