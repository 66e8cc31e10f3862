"""What may stand for a speaker: the words and patterns that the quotation attributions
(:mod:`briefing.quotes.extract`) and the reporting clauses (:mod:`briefing.quotes.clauses`) share.

Abbreviation periods inside a sentence are swapped for :data:`DOT` before any pattern runs, so
that "Dr." does not end a speaker phrase; offsets are unchanged.
"""

from __future__ import annotations

import re

from briefing.quotes.cues import PACK, alternation, cue_forms
from briefing.quotes.spans import DOT
from briefing.quotes.speakers import parse_speaker

__all__ = [
    "AGE",
    "CUES",
    "DAYS",
    "DESCRIBED",
    "DOT",
    "FINITE_VERBS",
    "GROUP_NOUNS",
    "LEADING",
    "NAME_FIRST",
    "PRONOUN",
    "PRONOUN_OPENS",
    "QUANTIFIERS",
    "RECIPIENT_OR_TIME",
    "THAT_LATER",
    "TOLD_WHOM",
    "after_dateline",
    "names_a_person",
    "plausible_speaker",
    "strip_lead",
]

# beside a quotation, verbs of manner count too ("“Go back,” Trump barked"); in reported speech they do not
CUES = alternation([*cue_forms(manner=True), "according"])

DAYS = "|".join(PACK.weekdays)


# Periods that end nothing (Dr. Mr. U.S. F.) are swapped for a look-alike (DOT) before the
# patterns run, so no pattern stops a speaker phrase at "Dr."; offsets are unchanged.


# an age between a name and its description: "Ramil Carr, 31, a photographer, said"
AGE = r"(?:\d{1,3},\s+)?"


# the wider place after where someone is from: "from Wembley, London", "of Austin, Texas"
_PLACE = r",\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?(?=,)"

# a name and its description between commas (the patterns after this one look for it before a verb)
# (the description may hold one of its own: "Mark Holden, chairman of Freedom Partners, the network's funding arm,")
DESCRIBED = (
    rf"(?P<name>[A-Z][^,;:“”\"«»()]{{1,60}}),\s+{AGE}"
    rf"(?P<appositive>(?:[^,;:“”\"«»]{{0,80}}?\s)?(?:from|of|in|for)\s+[A-Z][^,;:“”\"«»]{{1,80}}{_PLACE}"
    rf"|[^,;:“”\"«»]{{2,160}}(?:,\s+(?:the|a|an)\s+[^,;:“”\"«»]{{2,80}})?)"
    # (a clause about the organisation may follow: "…, spokesman for the IAAF, which handed out the bans, said")
    rf"(?:,\s+(?:which|that)\s+[^,;:“”\"«»]{{2,80}})?,"
)


# a one-word name before a lower-case word: "Trump went even further"
NAME_FIRST = re.compile(
    rf"^(?!\w+ing\b|(?:{DAYS}|Today|Yesterday)\b)"
    r"(?P<subject>[A-Z][a-z][\w'’-]*)(?=\s+(?:\w+ly\s+)?[a-z]{2,}\b)"
)


# whom a speaker told: "reporters", "the court", "The Wall Street Journal", "POLITICO"
TOLD_WHOM = (
    r"(?:reporters|journalists|me|us|him|her|them|the\s+[a-z]+"
    r"|(?:the\s+|The\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z0-9][\w.&’'-]*){0,3}"
    # "the BBC News website", "BBC Radio 4's Today programme"
    r"(?:\s+(?:website|programme|program|newspaper|paper|magazine|radio|show|channel|network|station|agency))?)"
)


# between a cue and its "that": a recipient, a time or a place ("told reporters on Monday that"),
# never a clause of its own ("said the plan was late but that …")
RECIPIENT_OR_TIME = (
    r"(?:(?!(?:but|and|or|was|is|were|are|had|has|have|would|will|could|should|did|do|does)\b)"
    r"[^\s,.;:“”\"]+\s+){0,6}?"
)

THAT_LATER = re.compile(rf"\s+{RECIPIENT_OR_TIME}(?=that\b)")

# a pronoun that may be a reporting subject, alone
PRONOUN = re.compile(r"^(?:" + "|".join(PACK.subject_pronouns) + r")$", re.IGNORECASE)


# heads of unnamed, lower-case speaker phrases ("representatives of the armed opposition")
GROUP_NOUNS = PACK.group_nouns

_TIME_LEAD = re.compile(r"^(?:" + "|".join(PACK.time_leads) + r")\b", re.IGNORECASE)

_FUNCTION_WORDS = PACK.function_words


# "another source", "top black lawmakers", "several officials": who they are is in the words after
QUANTIFIERS = PACK.quantifiers

_PREPOSITIONS = PACK.prepositions

_DETERMINERS = PACK.determiners

_NOT_SPEAKER_STARTS = PACK.not_speaker_starts

FINITE_VERBS = PACK.finite_verbs


#: a form of "be" right before a verb of saying makes it passive: its subject is told, not telling
_PASSIVE = PACK.passive_auxiliaries


def plausible_speaker(phrase: str, longest: int = 10) -> bool:
    """Whether ``phrase`` can name who spoke: a name, a pronoun, a described group ("elected officials from both
    parties"), a determined noun phrase — not a clause of the writer's, a time or a run of function words."""
    words = phrase.split()
    if not words or len(words) > longest:
        return False
    if all(w.lower() in _FUNCTION_WORDS for w in words):
        return False
    if words[-1].lower() in _PASSIVE:
        return False  # "Those signing up will only be | told …": told something, not telling
    if PRONOUN.match(phrase.strip()):
        return True
    first = words[0].lower()
    if first in _NOT_SPEAKER_STARTS:
        return False
    if first in _PREPOSITIONS:
        return False  # "Alongside BLM calls for action, …": a phrase of the writer's, with a noun in it
    if _TIME_LEAD.match(phrase):
        return False
    if first in GROUP_NOUNS or first in QUANTIFIERS or not GROUP_NOUNS.isdisjoint(phrase.lower().split()[:3]):
        return True  # "officials", "several officials", "elected officials from both parties"
    return any(w[:1].isupper() for w in words) or first in _DETERMINERS


# someone's post at an organisation: "a spokesman for the UN's World Summit on the Information Society"
_POST_AT = re.compile(
    r"(?:a|an|the)\s+(?:[a-z-]+\s+)?(?:spokes(?:man|woman|person)|official|representative|source|aide|lawyer)\s+"
    r"(?:for|of|at|from|with)\s",
    re.IGNORECASE,
)


def names_a_person(phrase: str) -> bool:
    """A long speaker phrase is still safe when it ends in a full name ("Member of … Alexei Malashenko") or
    opens with someone's post at an organisation ("a spokesman for …")."""
    if len(phrase.split()) > 16:
        return False
    if _POST_AT.match(phrase):
        return True
    speaker = parse_speaker(phrase.replace(DOT, "."))
    return speaker.named and len(speaker.name.split()) >= 2 and speaker.type != "media"


#: a sentence or a paragraph that opens on "he" or "she", within its first words: "He said: …", "In a speech, he called
#: for …", "And that he wants …"
PRONOUN_OPENS = re.compile(r"\W*(?:[\w'’-]+,?\s+){0,3}?(?:[Hh]e|[Ss]he)\s")

LEADING = re.compile(r"^(?:(?:" + "|".join(PACK.leading_words) + r")\b[\s,]*)+", re.IGNORECASE)

_TRAILING_ADVERB_WORDS = PACK.trailing_adverbs | frozenset(PACK.weekdays)

_TRAILING_ADVERBS = re.compile(rf"(?:\s+(?:{alternation(_TRAILING_ADVERB_WORDS)}))+$")


# a time or a place before the subject: "On Monday the minister", "During Tuesday night's debate, Cruz"
_OPENING_PHRASE = re.compile(
    # (past a name inside the phrase, to the subject after it: "On the Asian tsunami he", "In his New Year message the
    # Liberal Democrat leader", "At a press conference in London the prime minister")
    r"^(?:On|At|In|During)\s+[^,]*?\s+(?=(?:he|she|they|we)$)"
    r"|^(?:On|At|In|During)\s+(?:(?:the|a|an|his|her|its|their)\s+)?[^,]*?[A-Z][^,]*?\s+(?=(?:the|a|an)\s)"
    r"|^(?:On|At|In|During|Last|This|Earlier|Later)\s+\S+[^,]*?\s+(?=(?:the|a|an)\b|[A-Z])"
    r"|^(?:On|At|In|During|After|Before|Amid|Following|Since)\s+[^,]{2,60},\s+(?=[A-Z])"
    # a participle: "Continuing to explain his perspective, Carson", "Speaking at the conference he"
    r"|^[A-Z][a-z]{2,}ing\s+[^,]{2,80},\s+(?=[A-Z])"
    r"|^[A-Z][a-z]{2,}ing\s+[^,]{2,80}?\s+(?=(?:he|she|they|we)$)"
)


def strip_lead(phrase: str) -> str:
    """Drop what is not the speaker: "On Monday the minister" → "the minister", "She also" → "She"."""
    phrase = phrase.strip()
    phrase = phrase[after_dateline(phrase, 0, len(phrase)) :]  # "COLUMBIA, S.C. — Gov. Mike Pence"
    phrase = _OPENING_PHRASE.sub("", phrase)
    phrase = LEADING.sub("", phrase)
    if phrase.rpartition(" ")[2] not in _TRAILING_ADVERB_WORDS:
        return phrase.strip()  # (most phrases: the pattern, anchored at the end, is tried at every position)
    return _TRAILING_ADVERBS.sub("", phrase).strip()


# a dateline before an article's first sentence: "WASHINGTON ― ", "FLINT, Mich., Oct. 4 (UPI) — "
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,[^—―–\n]{1,40})?(?:\s*\([^()\n]{1,20}\))?\s*[—―–]\s+")


def after_dateline(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` begins once a dateline at its start is left out (``start`` if it has none)."""
    if not text[start : start + 2].isupper():
        return start  # two capitals first, or no dateline (the pattern is not tried)
    dateline = _DATELINE.match(text, start, end)
    return dateline.end() if dateline is not None else start
