"""German speaker phrases in the nominative: a body or a role named without a name keeps the case the sentence put it
in ("nach Angaben des Gerichts", "laut einem Sprecher des Ministeriums"); the brief and the matching of one speaker
across sentences want the word as a heading writes it ("Gericht", "Sprecher")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.quotes.grammar import Grammar

#: the endings of a masculine or neuter noun's genitive singular, longest first ("Bundestages", "Gerichts")
_GENITIVE = ("es", "s")
#: the shortest stem taken from a genitive: shorter words on "-s" are more often whole ("Bus", "Rat")
_SHORTEST_STEM = 4


def phrase_in_nominative(phrase: str) -> str:
    """``phrase`` with its head — its first noun, after any adjectives — in the nominative when it is a role's or a
    body's noun in the genitive singular ("Gerichts", "Gesundheitsministeriums") or the dative plural on "-ern"
    ("Vertretern der Regierung"), and the adjectives before it in their form after the definite article
    ("palästinensischen Gesundheitsministeriums" → "palästinensische Gesundheitsministerium"); what follows the head
    keeps its case ("Sprecher des Bundestages"). As it is when its head is no such noun."""
    from briefing.quotes.grammar import load_grammar

    words = phrase.split()
    at = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if at is None:
        return phrase
    g = load_grammar("de")
    head = words[at]
    stem = next(
        (
            head[: -len(ending)]
            for ending in _GENITIVE
            if head.endswith(ending) and len(head) - len(ending) >= _SHORTEST_STEM and _known(head[: -len(ending)], g)
        ),
        "",
    )
    if not stem and head.endswith("ern") and _known(head[:-1], g):
        stem = head[:-1]
    if not stem:
        return phrase
    before = [w[:-1] if w.endswith("en") else w for w in words[:at]]
    return " ".join([*before, stem, *words[at + 1 :]])


def _known(word: str, g: Grammar) -> bool:
    """Whether ``word`` is a role or a body a type lexicon knows."""
    return bool(g.role.match(word)) or any(t.search(word) for t in g.types.values())
