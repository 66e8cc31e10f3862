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

__all__ = ["FEWEST", "LEANING", "field_of", "typed_by_field"]

#: how many times one side's matches must outnumber the other's for the article to lean to it
LEANING = 2.0
#: the fewest matches of the side it leans to (a short item, or one that names few posts, leans nowhere)
FEWEST = 5


def field_of(
    text: str, official: re.Pattern[str] | None, organization: Iterable[re.Pattern[str] | None]
) -> SpeakerType | None:
    """``"official"`` or ``"organization"`` when the article's words lean that way by far, else ``None``:
    ``official`` is the pack's official lexicon, ``organization`` the lexicons of organisations (companies, their
    officers, banks)."""
    if official is None:
        return None
    government = sum(1 for _ in official.finditer(text))
    business = sum(sum(1 for _ in lexicon.finditer(text)) for lexicon in organization if lexicon is not None)
    if government >= FEWEST and government >= LEANING * business:
        return "official"
    if business >= FEWEST and business >= LEANING * government:
        return "organization"
    return None


def typed_by_field(quotes: Sequence[Quote], field: SpeakerType | None) -> tuple[Quote, ...]:
    """``quotes`` with each person named and described nowhere (no role, no organisation, typed "other") typed as
    the article's ``field`` leans; the others as they are."""
    if field is None:
        return tuple(quotes)
    return tuple(
        replace(q, speaker=replace(q.speaker, type=field))
        if q.speaker is not None
        and q.speaker.named
        and q.speaker.type == "other"
        and not (q.speaker.role or q.speaker.organization)
        else q
        for q in quotes
    )
