"""The summarizer interface: pick sentences, verbatim, in reading order."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Protocol

from briefing.models import Sentence
from briefing.nlp.language_rules import DEFAULT_LANGUAGE, rules_for

__all__ = ["Summarizer", "lead", "obvious", "opens_on_reference"]


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


# what opens an English sentence on someone or something named before: "He said …", "The company warned …"
_REFERENCES = (
    "He",
    "She",
    "It",
    "They",
    "His",
    "Her",
    "Its",
    "Their",
    "This",
    "These",
    "Those",
    "There",
    "The company",
    "The firm",
    "The group",
    "The move",
    "The deal",
    "The bill",
    "The plan",
    "The report",
    "The decision",
    "The measure",
)


@functools.cache
def _reference_opener(language: str) -> re.Pattern[str]:
    """The words that open a sentence on someone or something named before, in ``language``."""
    rules = rules_for(language) if language != DEFAULT_LANGUAGE else None
    words = rules.references if rules is not None else _REFERENCES
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or "(?!)"
    # (after an opening quotation mark, "It" is the speaker's own word, and the attribution names the speaker)
    return re.compile(rf"[^\w“\"«„‘'‹]*(?:{alternation})(?!\w)")


def opens_on_reference(text: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether a sentence opens on someone or something named before it ("She denies …", "The firm said …"):
    a summary takes it only together with the sentence before it, or a reader meets a stranger."""
    return _reference_opener(language).match(text) is not None
