"""Spans of an article's text — paragraphs, sentences, found quotes — and the questions every extractor asks of
them: which span holds a position, which paragraph a position is in, whether a range overlaps any, and which of a
set of found items are outermost, and the quote a found span makes. No word of any language: the English rules and
the engine share them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from briefing.models import Article, Quote, QuoteKind, Speaker
from briefing.quotes.calibration import confidence

__all__ = ["DOT", "Spans", "container", "described_throughout", "found_quote", "outermost", "paragraph_of"]

#: what a period that ends no sentence ("Dr.", an initial) is swapped for before patterns run: one character, so
#: offsets hold, and no pattern stops a speaker phrase at it
DOT = "\u2024"


class _Item(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_T = TypeVar("_T", bound=_Item)


def _first(span: tuple[int, int]) -> int:
    return span[0]


def _second(span: tuple[int, int]) -> int:
    return span[1]


class Spans:
    """Spans of text, asked whether any of them overlaps a range in logarithmic time (an article's
    quotations against each of its sentences)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        reach = -1
        self._ends = []  # the furthest end of the spans up to each one
        for _, e in ordered:
            reach = max(reach, e)
            self._ends.append(reach)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span begins before ``end`` and ends after ``start``."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start


def container(pos: int, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The span holding ``pos``, or ``None`` when none does (``spans`` in order, not overlapping)."""
    i = bisect.bisect_right(spans, pos, key=_first) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i][0], spans[i][1]
    return None


def paragraph_of(pos: int, paragraphs: Sequence[tuple[int, int]]) -> int:
    """The number (from 1) of the first paragraph that ends after ``pos``; the last one if none does."""
    return min(bisect.bisect_right(paragraphs, pos, key=_second) + 1, len(paragraphs))


def outermost(found: Iterable[_T]) -> list[_T]:
    """In reading order, without items found twice or lying wholly inside another
    (two quoted fragments of one sentence give the same mixed quote)."""
    kept: list[_T] = []
    reach = -1
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.end <= reach:
            continue
        kept.append(f)
        reach = f.end
    return kept


def found_quote(
    article: Article,
    paragraphs: Sequence[tuple[int, int]],
    span: tuple[int, int],
    kind: QuoteKind,
    speaker: Speaker | None,
    cue: str,
    parts: tuple[tuple[int, int], ...],
    rule: str,
) -> Quote:
    """The quote a rule found at ``span`` of ``article``: its words as written, its paragraph (from 1), its parts
    when it has more than one, and its rule's measured confidence."""
    start, end = span
    return Quote(
        text=article.text[start:end],
        article_id=article.id,
        start=start,
        end=end,
        kind=kind,
        speaker=speaker,
        paragraph=paragraph_of(start, paragraphs),
        cue=cue,
        parts=parts if len(parts) > 1 else (),
        rule=rule,
        confidence=confidence(rule),
    )


def described_throughout(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Each person quoted bare given the description the article gives them anywhere, first given first: news quotes
    someone before it says what they are as often as after ("«…», — говорит Кулеса. … — говорит Лукаш Кулеса,
    научный руководитель …")."""
    described: dict[str, Speaker] = {}
    for q in quotes:
        if q.speaker is not None and q.speaker.named and (q.speaker.role or q.speaker.organization):
            described.setdefault(q.speaker.name, q.speaker)
    return tuple(
        replace(q, speaker=described[q.speaker.name])
        if q.speaker is not None
        and q.speaker.named
        and not (q.speaker.role or q.speaker.organization)
        and q.speaker.name in described
        else q
        for q in quotes
    )
