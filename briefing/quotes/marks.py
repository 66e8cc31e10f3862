"""Pair quotation marks by position and nesting, never by counting them.

Counting marks (as textacy does) loses a whole paragraph to one stray mark and closes
an outer quotation at the first inner closing mark. Here every mark is classified as
opening or closing from its shape and its neighbours, pairs are made with a stack, and
an opening mark left unclosed at the end of a paragraph ends its quotation there —
unless the next paragraph opens with a quotation mark, the convention for a quotation
that runs over several paragraphs. A typewriter mark that opens a sentence inside a
typewriter quotation re-opens it in the same way (the paragraph break before it lost, as
in text converted without its breaks); one that follows a sentence introducing a quotation
("He added: "…") ends the open one before that sentence, its closing mark forgotten. A
stray closing mark is ignored. Nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QUOTATION_MARKS", "QuoteSpan", "find_quotations"]

# opening mark -> the closing marks that may end it
_CLOSERS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "«": "»",
    '"': '"”',  # a typewriter opener closed by a typographic mark: "… behind him,” said Gorski
    "‹": "›",
}
_AMBIGUOUS = '"'
# German and some Swiss and Austrian printing turn the chevrons inward: »…« and ›…‹
_INWARD: dict[str, str] = {**{o: c for o, c in _CLOSERS.items() if o not in "«‹"}, "»": "«", "›": "‹"}
_FIRST_CHEVRON = re.compile("[«»]")


def _closers(text: str) -> dict[str, str]:
    """The marks that close each opening mark in ``text``: chevrons inward (»…«) when its first chevron opens that
    way — before a word, not after one — outward («…») otherwise."""
    first = _FIRST_CHEVRON.search(text)
    if first is not None and first.group() == "»" and not _around(text, first.start())[1].isspace():
        before = _around(text, first.start())[0]
        if before.isspace() or not before.isalnum():
            return _INWARD
    return _CLOSERS


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``start`` is its opening mark, ``end`` is just past its closing mark (or the text it runs to).

    ``closed`` is false when no closing mark was found; ``depth`` is 0 for a quotation not inside another.
    """

    start: int
    end: int
    depth: int
    closed: bool


#: every quotation mark the pairing reads, opening or closing, in any language's convention
QUOTATION_MARKS = '“”„«»"‹›'
_MARKS = re.compile(f"[{QUOTATION_MARKS}]")


def _around(text: str, i: int) -> tuple[str, str]:
    """The characters before and after ``i`` (a space beyond either end of the text)."""
    return (text[i - 1] if i > 0 else " "), (text[i + 1] if i + 1 < len(text) else " ")


# the end of a sentence, just before a mark
_SENTENCE_ENDS = re.compile(r"[.!?…]\s+$")


# a sentence that only introduces the next quotation: "He added:", "In a statement, it said:"
_INTRODUCES = re.compile(
    r"[.!?](?=\s+(?P<clause>[A-Z][^.!?\"“”]{0,60}?\b(?:said|says|added|adds|told|tells|continued|explained|"
    r"insisted|declared|warned|stated)\b[^.!?\"“”]{0,40}):\s*$)"
)


def _attribution_between(text: str, start: int, i: int) -> int | None:
    """Where a typewriter quotation opened at ``start`` ended, unclosed, when the opening mark at ``i``
    follows a sentence introducing another quotation; ``None`` if it does not."""
    if text[i - 2 : i] != ": " or not _opens_here(text, i):
        return None
    # only a quotation that opened a sentence or followed a colon: a fragment left open in the writer's
    # sentence ('had been "ambitious') is not a quotation that ended
    opened = text[max(0, start - 2) : start] == ": " or _SENTENCE_ENDS.search(text, max(0, start - 8), start)
    if start > 0 and not opened:
        return None
    m = _INTRODUCES.search(text, max(start, i - 110), i)
    return m.end() if m is not None else None


def _opens_here(text: str, i: int) -> bool:
    """Whether a mark at ``i`` that could open or close (a straight double quote) opens a quotation."""
    before, after = _around(text, i)
    if before.isspace() or before in "([{—–-:;/\u00a0" or i == 0:
        return not after.isspace()
    return False


def _closes_here(text: str, i: int) -> bool:
    """Whether a mark at ``i`` stands where only a closing mark can: after a word or a stop, before a space."""
    before, after = _around(text, i)
    return not before.isspace() and (after.isspace() or after in ",.;:!?")


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Return every quotation in ``text``, outer ones before the ones nested in them.

    ``paragraphs`` are the paragraph spans of ``text`` (see ``split_paragraphs``).
    """
    paragraphs = list(paragraphs)  # the continuation rule below moves a paragraph's start
    closers = _closers(text)
    openers = "".join(o for o in closers if o != _AMBIGUOUS) + _AMBIGUOUS
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        for mark in _MARKS.finditer(text, p_start, p_end):
            i, c = mark.start(), mark.group()
            top = stack[-1][0] if stack else ""
            if c == _AMBIGUOUS:
                if top == _AMBIGUOUS and not _opens_here(text, i):
                    _close(stack, i + 1, found)
                elif top == _AMBIGUOUS and _opens_here(text, i) and _SENTENCE_ENDS.search(text, max(p_start, i - 8), i):
                    # "… any changes. "Public sector schemes …": a typewriter mark opening a sentence while one is
                    # open re-opens the same quotation, as at the start of its next paragraph (the break between
                    # them lost); a quotation nested in a typewriter one would open with a single mark
                    continue
                elif top == _AMBIGUOUS and (cut := _attribution_between(text, stack[-1][1], i)) is not None:
                    # "… because I was a Muslim. He added: "The authorities …": the first quotation was
                    # left open, and the next one's attribution stands between them
                    _close(stack, cut, found, closed=False)
                    stack.append((c, i))
                elif _opens_here(text, i):
                    stack.append((c, i))
                elif top == _AMBIGUOUS:
                    _close(stack, i + 1, found)
                elif top in ("“", "„"):
                    # a typographic opener closed by a typewriter mark: “… the FBI," Chaffetz said
                    _close(stack, i + 1, found)
            elif top and c in closers[top] and not (c == "“" and top == "“"):
                _close(stack, i + 1, found)
            elif c == "“" and top == "“" and _closes_here(text, i):
                # “It's unusual,“ said Noble — an opening mark typed where the closing one belongs: it
                # follows a word or a stop and stands before a space, so it closes
                _close(stack, i + 1, found)
            elif c in closers:
                stack.append((c, i))
            else:
                # a closing mark for an opener further down the stack (a nested mark left open)
                for k in range(len(stack) - 1, -1, -1):
                    if c in closers[stack[k][0]]:
                        while len(stack) > k + 1:
                            _close(stack, i, found, closed=False)
                        _close(stack, i + 1, found)
                        break
                else:
                    if c == "”" and (i == p_start or _opens_here(text, i)):
                        # ”Fear. I am truly afraid …” — a closing mark typed where an opening one belongs:
                        # nothing is open and it starts the paragraph or a word, so it opens
                        stack.append(("“", i))
        if stack:
            nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
            # The convention for a quotation over several paragraphs: each paragraph opens
            # with a mark and only the last one closes. So a quotation continues only if it
            # opened its paragraph (or followed a colon); a stray mid-sentence opener does not.
            lead = text[p_start : stack[0][1]].rstrip()
            starts_paragraph = not lead or lead.endswith(":")
            continues = nxt is not None and text[nxt] in openers and len(stack) == 1 and starts_paragraph
            if not continues:
                end = p_end
                while stack:
                    _close(stack, end, found, closed=False)
            else:
                # the next paragraph's opening mark re-opens the same quotation: skip it
                assert nxt is not None
                paragraphs[n + 1] = (nxt + 1, paragraphs[n + 1][1])
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def _close(stack: list[tuple[str, int]], end: int, found: list[QuoteSpan], *, closed: bool = True) -> None:
    _, start = stack.pop()
    found.append(QuoteSpan(start=start, end=end, depth=len(stack), closed=closed))
