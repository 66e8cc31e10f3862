"""An article's field: whether its words are government's or business's, and the type a person quoted in it and
described nowhere takes from it.

News names the people its readers know without saying what they are: "Tony Blair said …" in a report about the
Commons, "Carlos Ghosn said …" in one about a carmaker's results. A reader types them by what the report is about;
so does this. The field is read from the type lexicons a pack already has: how often the article's text matches the
official lexicon against the lexicons of organisations (companies, their officers, banks). A report whose matches lean
one way by far (:data:`LEANING`, at least :data:`FEWEST` of them) gives its lean to each person it quotes whom
nothing describes — no role, no organisation, typed "other" — as their type; a description anywhere, in the article
or in another of the brief's (:class:`~briefing.quotes.rank.DescribeAlike`), comes first. No word of any language:
the English rules and the engine share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from briefing.models import Quote, SpeakerType
from briefing.quotes.alternation import alternation

__all__ = ["FEWEST", "LEANING", "READ", "Field", "typed_by_field"]

#: how many times one side's matches must outnumber the other's for the article to lean to it
LEANING = 2.0
#: the fewest matches of the side it leans to (a short item, or one that names few posts, leans nowhere)
FEWEST = 5
#: how many of an article's first characters its field is read from
READ = 4000


class Field:
    """The lexicons an article's field is read with: the official one, and the organisations' (companies, their
    officers, banks), each as its stems (matched from a word's start) and its words (whole, with a plural "s").

    One pass over the lower-cased text with one pattern, both sides' entries as trees of shared prefixes
    (:func:`~briefing.quotes.alternation.alternation`): counting what an article speaks of, it leaves out what the
    lexicons' own patterns refine (what may stand before an entry or after a stem), and costs a tenth of them."""

    __slots__ = ("_pattern",)

    def __init__(
        self,
        official: Iterable[tuple[Iterable[str], Iterable[str]]],
        organization: Iterable[tuple[Iterable[str], Iterable[str]]],
    ) -> None:
        self._pattern = re.compile(rf"\b(?:(?P<official>{_entries(official)})|{_entries(organization)})")

    def lean(self, text: str) -> SpeakerType | None:
        """``"official"`` or ``"organization"`` when ``text``'s words lean that way by far, else ``None``: read from
        its first :data:`READ` characters, where news says what it is about (the rest of a long report costs time
        and, on the annotated BBC sets, changes no article's lean)."""
        government = business = 0
        for m in self._pattern.finditer(text[:READ].lower()):
            if m.group("official") is not None:
                government += 1
            else:
                business += 1
        if government >= FEWEST and government >= LEANING * business:
            return "official"
        if business >= FEWEST and business >= LEANING * government:
            return "organization"
        return None


def _entries(lexicons: Iterable[tuple[Iterable[str], Iterable[str]]]) -> str:
    """One pattern for the stems and the words of ``lexicons`` (lower case)."""
    stems: list[str] = []
    words: list[str] = []
    for lexicon_stems, lexicon_words in lexicons:
        stems += (s.lower() for s in lexicon_stems)
        words += (w.lower() for w in lexicon_words)
    return rf"{alternation(stems) or '(?!)'}|(?:{alternation(words) or '(?!)'})s?\b"


def typed_by_field(quotes: Sequence[Quote], field: Field, text: str) -> tuple[Quote, ...]:
    """``quotes`` with each person named and described nowhere (no role, no organisation, typed "other") typed as
    the article ``text``'s ``field`` leans; the others as they are. The field is read only when someone is to be
    typed by it."""
    bare = [
        q.speaker is not None
        and q.speaker.named
        and q.speaker.type == "other"
        and not (q.speaker.role or q.speaker.organization)
        for q in quotes
    ]
    lean = field.lean(text) if any(bare) else None
    if lean is None:
        return tuple(quotes)
    return tuple(
        replace(q, speaker=replace(q.speaker, type=lean)) if undescribed and q.speaker is not None else q
        for q, undescribed in zip(quotes, bare, strict=True)
    )
