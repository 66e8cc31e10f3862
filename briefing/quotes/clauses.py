"""Reported speech without quotation marks: the clause "SPEAKER [has] CUE [that] CONTENT".

:func:`reporting_clause` finds who reports a view in a sentence ("Analysts said the rise …",
"Kerr Putney, the city's police chief, said that …", "…, saying that …"), and where the reported
content begins; :func:`cue_words` finds the reporting verbs it starts from. Used by
:class:`~briefing.quotes.extract.RuleQuoteExtractor` for indirect quotes, and for the clause
around a short quotation (a mixed quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.quotes.cues import PACK, PROGRESSIVE_PATTERN, alternation, cue_forms
from briefing.quotes.phrases import (
    AGE,
    DESCRIBED,
    DOT,
    FINITE_VERBS,
    GROUP_NOUNS,
    NAME_FIRST,
    QUANTIFIERS,
    THAT_LATER,
    TOLD_WHOM,
    names_a_person,
    plausible_speaker,
    strip_lead,
)
from briefing.quotes.speakers import parse_speaker

__all__ = [
    "DETERMINED",
    "ELIDED",
    "FINITE_CUE_PATTERN",
    "GATE",
    "NOMINAL_CUES",
    "PARTICIPLE",
    "PASSIVE",
    "PROGRESSIVE_CUES",
    "SPEAKING_SUBJECT",
    "SUBJECT",
    "content_begins",
    "cue_words",
    "headline_cues",
    "reporting_clause",
]

_TITLE_WORD_RE = re.compile(r"\b[A-Z][a-z]+\b")


def headline_cues(sentence: str) -> str:
    """A headline (a paragraph of its own) in title case with its verbs of saying in lower case ("Clinton Says
    Crash Seems Like …" → "Clinton says Crash Seems Like …"), so that the patterns below read it; any other
    sentence as it is."""
    words = sentence.split()
    if len(words) < 4 or sum(w[:1].isupper() for w in words) < 0.7 * len(words):
        return sentence
    return _TITLE_WORD_RE.sub(_headline_verb, sentence)


def _headline_verb(m: re.Match[str]) -> str:
    # headlines report in the present ("Says", "Warns") or with "Said"; "Think About It" is no report
    word = m.group().lower()
    return word if word in _FINITE_CUES and (word.endswith("s") or word == "said") else m.group()


# Reporting verbs are found by looking each lower-case word up in a set, which is many times
# faster than one regular expression with every form as an alternative.
_FINITE_CUES = frozenset(cue_forms())

FINITE_CUE_PATTERN = alternation(_FINITE_CUES)  # (for the patterns that look for any verb of saying)

PROGRESSIVE_CUES = frozenset(cue_forms(progressive=True))


# views held: "is sure that", "are convinced that"
_BELIEFS = PACK.beliefs

# (not the end of a compound: "hand-written", "so-called")
_LOWER_WORD = re.compile(r"\b(?<!-)[a-z]+\b")


# verbs that report only when "that" follows (they are not in the lexicon of cues): of finding and showing
# ("the poll found that …", not "police found the body" or "a radio show"), and the present of verbs whose
# -s form is more often a plural noun ("the report states that …", not "the United States")
_THAT_CUES = PACK.cues_before_that

_FINDING_FORMS = PACK.finding_cues

_EVIDENCE_BEFORE = re.compile(
    r"\b(?:polls?|polling|surveys?|study|studies|data|figures|analysis|report|research|statistics|census|results|"
    r"numbers|averages?|video|footage|documents|records|filings|tally)"
    r"\b(?:\s+\S+){0,9}\s+$",
    re.IGNORECASE,
)

_THAT_SOON = re.compile(r"(?:\s+[\w,'’-]+){0,4}?\s+that\b")

# Every pattern of reported speech needs one of these words (lower-cased): a sentence without
# any is passed over in one set test, which is most of the sentences of an article.
GATE = _FINITE_CUES | _THAT_CUES | PROGRESSIVE_CUES | _BELIEFS | PACK.gate_words

_AUXILIARY = re.compile(r"(?:\b(?:is|was|are|were|been)|[’']s|[’']re) $")


# "added to the uncertainty", "called off the match": the verb reports nothing
_NOT_REPORTING = re.compile(r"\s+(?:to\s+(?:the|a|an|its|their|his|her|have|be)|off|up|into)\b")  # ("is said to have")

_THAT_NEXT = re.compile(r"\s+that\b")

# "shrugged off claims from Michael Howard that …": the plural noun, not the verb
_CLAIMS_NOUN = re.compile(r"\s+(?:from|by|of|about|over)\b")


def noun_claims(word: str, text: str, end: int) -> bool:
    """Whether ``word`` ending at ``end`` is "claims" the noun ("rejected claims from …"), not the verb."""
    return word == "claims" and _CLAIMS_NOUN.match(text, end) is not None


def cue_words(sentence: str) -> Iterator[re.Match[str]]:
    """Reporting verbs in ``sentence``: finite forms ("said"), and -ing forms or views held
    right after an auxiliary ("is claiming", "he's sure that")."""
    for m in _LOWER_WORD.finditer(sentence):
        word = m.group()
        if word in _THAT_CUES:
            if _THAT_SOON.match(sentence, m.end()) or (
                word in _FINDING_FORMS and _EVIDENCE_BEFORE.search(sentence, max(0, m.start() - 90), m.start())
            ):
                yield m  # "… that …", or what a poll or a study showed: "a WBUR poll showed Rubio in third"
        elif word in _FINITE_CUES:
            if not _NOT_REPORTING.match(sentence, m.end()) and not noun_claims(word, sentence, m.end()):
                yield m
        elif word in PROGRESSIVE_CUES or word in _BELIEFS:
            if _AUXILIARY.search(sentence, max(0, m.start() - 6), m.start()) and (
                word in PROGRESSIVE_CUES or _THAT_NEXT.match(sentence, m.end())
            ):
                yield m


# what may stand between a speaker and the verb: "has", "is", "then", "repeatedly", "once again"
_BETWEEN = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|are|been|will|would|does|do|did|then|also|again|once|later|earlier|still|"
    r"now|never|not|\w+ly)|,\s*(?:however|though|meanwhile|too|in\s+turn|for\s+(?:his|her|their|its)\s+part),)*\s*$"
)

_BOUNDARY = re.compile(
    r"(?:^|[,;:][”\"»]?\s+|\b(?:and|but|while|as|after|when|because|although|though|so|which|whom|where)\s+)"
)

NOMINAL_CUES = PACK.nominal_cues

_NOMINAL_CUE = re.compile(
    r"(?P<speaker>[A-Z][\w.\u2024' -]{1,60}?)[’']s\s+(?P<cue>"
    + "|".join(sorted(NOMINAL_CUES, key=len, reverse=True))
    + r")\s+(?=that\b)"
)


# "claims from Conservative leader Michael Howard that …": whose the claim is, after it
_NOMINAL_FROM = re.compile(
    r"\b(?P<cue>claims)\s+(?:from|by)\s+"
    r"(?P<speaker>[A-Za-z][^,;:“”\"«»()]{1,80}?)\s+that\b"
)


@dataclass(frozen=True, slots=True)
class _Clause:
    phrase: str
    cue: str
    content_start: int  # offset into the sentence
    subordinate: bool = False  # "While he said …, he …": the content ends with the clause
    relative: bool = False  # "Jay-Z, who said …, will become …": the content ends where the main clause resumes


def reporting_clause(sentence: str, *, before: int | None = None, nominal: bool = True) -> _Clause | None:
    """Find "SPEAKER [has] CUE [object] [that] CONTENT" in a sentence.

    ``before`` limits the search to cues before that offset (the content must then cover it);
    ``nominal=False`` says the sentence has none of :data:`NOMINAL_CUES` ("X's claim that").
    """
    m = _NOMINAL_CUE.search(sentence) if nominal else None
    if m and (before is None or m.end() <= before):
        return _Clause(m.group("speaker"), m.group("cue"), m.end())
    m = _NOMINAL_FROM.search(sentence) if nominal and ("claims from" in sentence or "claims by" in sentence) else None
    if m and (before is None or m.end() <= before) and plausible_speaker(m.group("speaker")):
        return _Clause(m.group("speaker"), m.group("cue"), m.end() + 1)
    for cue in cue_words(sentence):
        if before is not None and cue.start() >= before:
            break
        prefix = sentence[: cue.start()]
        # (what stands between is a few words: looking at the last 200 characters spares a
        # search from every position of a long prefix)
        prefix = prefix[: _BETWEEN.search(prefix, max(0, len(prefix) - 200)).start()]  # type: ignore[union-attr]
        in_clause = _OBJECT_CLAUSE.search(prefix, max(0, len(prefix) - 30)) is not None
        later = next(cue_words(sentence[cue.end() :]), None) if in_clause else None
        if later is not None and not (
            prefix.endswith(", who") and not sentence[: cue.end() + later.start()].endswith(", ")
        ):
            # "an oncologist who advised Obama …, said", "Despite what he wrote …, Cross said": the verb of a
            # clause inside the sentence, when the sentence's own reporting verb comes later (but in "Thomas
            # Perez, who said he expects …" the later verb is the view's own)
            continue
        relative = _RELATIVE_TAIL.search(prefix)
        if relative is not None:
            # "The complaint, which was filed in court, alleged that …": the speaker is before the relative clause
            prefix = prefix[: relative.start()]
        described = _DESCRIBED_SUBJECT.search(prefix)
        if described is None or not parse_speaker(described.group("name").replace(DOT, ".")).named:
            described = _ROLE_DESCRIBED_SUBJECT.search(prefix)
        subordinate = False
        if described is not None and parse_speaker(described.group("name").replace(DOT, ".")).named:
            # "Kerr Putney, the city's police chief, said that …": the subject is the name before the
            # description (a long description is no reason to doubt it)
            phrase = f"{strip_lead(described.group('name'))}, {described.group('appositive')}"
        else:
            described = None
            boundaries = list(_BOUNDARY.finditer(prefix))
            phrase = strip_lead(prefix[boundaries[-1].end() :] if boundaries else prefix)
            lead = prefix[boundaries[-1].start() :] if boundaries else prefix
            subordinate = _SUBORDINATOR.match(lead.lower()) is not None
        relative_speaker = (
            phrase == "who"
            and prefix.endswith(", who")
            and not PASSIVE.search(sentence, 0, cue.start())  # not "…, who is noted for …"
        )
        if relative_speaker:
            # "… Sen. Dianne Feinstein, the ranking Democrat, who said none of the emails …": whom the clause is about
            antecedent = prefix[: -len(phrase) - 2]
            named = _NAMED_ANTECEDENT.search(antecedent)
            if named is not None:
                # a person named last, with a place or a description after the name
                description = named.group("description")
                phrase = named.group("name") + (f", {description}" if description else "")
            else:
                # or the noun phrase right before: "The last question came from a young child, who said …"
                noun = _LAST_NOUN_PHRASE.search(antecedent)
                if noun is not None:
                    phrase = noun.group()
                else:
                    ends = [b.end() for b in _BOUNDARY.finditer(antecedent)]
                    phrase = strip_lead(antecedent[ends[-1] :] if ends else antecedent)
                    if not FINITE_VERBS.isdisjoint(phrase.lower().split()):
                        phrase = ""  # a clause, not a noun: "It was negotiated with help from …"
        if not phrase and ELIDED.search(prefix):
            # "Massie backed Paul, but now said Trump had …": the verb's subject is the sentence's
            subject = SPEAKING_SUBJECT.match(strip_lead(sentence))
            phrase = subject.group("subject") if subject else ""
        if phrase.endswith(" to"):
            # an infinitive: "The pressure prompted the prime minister to say …" is the prime minister's; in
            # "Continuing to explain his view, Carson …" or "It is hard to say whether …" no one is named
            control = _CONTROL.search(phrase)
            if control is None:
                continue
            phrase = control.group("object")
        counted = _COUNTED.match(phrase) is not None  # "22 percent say", "1,409 teachers said"
        if not phrase or not (described or counted or plausible_speaker(phrase) or names_a_person(phrase)):
            continue
        first_words = phrase.lower().split()[:3]
        if (
            not counted
            and not phrase[:1].isupper()
            and not phrase[:1].isdigit()
            and first_words[0] not in _LOWER_STARTS
            and GROUP_NOUNS.isdisjoint(first_words)
        ):
            continue  # "elected officials from both parties say", "restructuring experts say" pass
        content_start = content_begins(sentence, cue.end())
        passive = PASSIVE.search(sentence, 0, cue.start())
        agent = _BY_AGENT.match(sentence, cue.end()) if passive else None
        if agent is not None and plausible_speaker(agent.group("agent")):
            # "Rubio was asked by the moderator whether …": the one who spoke is the agent
            phrase, content_start = agent.group("agent"), content_begins(sentence, agent.end())
        elif passive and passive.group().split()[0] == "be":
            continue  # "the allocation could not be clarified until …": no one is said to speak
        if len(sentence[content_start:].split()) < 3:
            continue
        if cue.group() in ("told", "tells") and _TOLD_ONLY.match(sentence, cue.end()):
            continue  # "…,'' Laszlo Bock told The New York Times in 2013.": whom, not what
        return _Clause(phrase, cue.group(), content_start, subordinate=subordinate, relative=relative_speaker)
    return _participle_clause(sentence, before)


_SUBORDINATOR = re.compile(r"(?:while|although|though|because|when|after|if)\s")

ELIDED = re.compile(r"\b(?:and|but)\s*$")

_LAST_NOUN_PHRASE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|some|many|several|other)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+$", re.IGNORECASE
)


# the end of a relative clause's antecedent that names someone: "Sen. Dianne Feinstein of California, the ranking
# Democrat on the committee" (before ", who said")
_NAMED_ANTECEDENT = re.compile(
    r"(?P<name>[A-Z](?<!\w[A-Z])[a-z]+(?:\s+[A-Z]\.)?\s+(?:al-|de |van |von )?[A-Z][\w’'-]+)"
    r"(?:\s+of\s+[A-Z][\w.\u2024’'-]*(?:\s+[A-Z][\w.\u2024’'-]*)*)?"
    r"(?:,\s+(?P<description>(?:the|a|an)\s+[^,;:“”\"]{2,100}))?$"
)

_CONTROL = re.compile(
    r"\b(?:prompted|prompts|prompting|led|leads|forced|forces|persuaded|encouraged|urged|asked|allowed|caused|"
    r"invited|pushed|pressed)\s+(?P<object>[^,;:]{2,60}?)\s+to$"
)


# a number of people: "22 percent", "53% of Democrats", "1,409 teachers" (not "72 minutes with …", "40 minute podcast")
_COUNTED = re.compile(
    r"^\d[\d,.]*\s*(?:%|percent|per\s+cent)(?:\s+of\s+[A-Za-z]+)?$|^\d[\d,.]*(?:\s+[a-z]+)?\s+[a-z]{3,}s$"
    # "more than 4 in 10", "three-quarters of the voters", "half of Republicans"
    r"|^(?:(?:about|nearly|almost|roughly|more\s+than|fewer\s+than|less\s+than)\s+)?"
    r"(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine)\s+in\s+(?:10|ten|\d+)"
    r"|(?:two|three)-(?:thirds|quarters)|half|a\s+(?:third|quarter|majority)|one-(?:third|quarter))"
    r"(?:\s+of\s+(?:the\s+)?[A-Za-z]+(?:\s+[a-z]+)?)?$",
    re.IGNORECASE,
)

_OBJECT_CLAUSE = re.compile(r"\b(?:who|which|what)(?:\s+(?:he|she|they|it|we|I))?$")


# a subject described between commas right before its verb: "Kerr Putney, the city's police chief,"
_DESCRIBED_SUBJECT = re.compile(rf"(?:^|[.;:]\s+|,\s+(?:and|but)\s+){DESCRIBED}\s*$")


# the same after a role: "Nevada's governor, Brian Sandoval, a Republican, said"
_ROLE_DESCRIBED_SUBJECT = re.compile(
    r"(?:^|[.;:]\s+|,\s+(?:and|but)\s+)[^,;:“”\"«»]{2,60},\s+(?P<name>[A-Z][^,;:“”\"«»()]{1,60}),\s+"
    rf"{AGE}(?P<appositive>[a-z0-9][^,;:“”\"«»]{{2,160}}),\s*$"
)

PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$")

_BY_AGENT = re.compile(r"\s+by\s+(?P<agent>[^,;:“”\"«»()]{2,80}?)(?=\s+(?:whether|if|that|to|about|why|how|what)\b|,)")


# ", saying that …", ", calling it “…”", ", telling reporters …": the speaker is the sentence's subject
PARTICIPLE = re.compile(rf",[”\"’]?\s+(?:(?:also|again|later)\s+)?(?P<cue>{PROGRESSIVE_PATTERN})\b")


# a sentence's subject: a noun phrase, a name or a pronoun, before what looks like its verb
DETERMINED = r"(?:The|A|An|His|Her|Their|Its)\s+(?:[\w.\u2024'’-]+\s+){0,3}?[\w'’-]+"

_FULL_NAME_OR_PRONOUN = r"(?:[A-Z][\w.\u2024'’-]*\s+){1,3}[A-Z][\w'’-]*|He|She|They|We|I"

# (a word on "-s" before an auxiliary is a plural noun, not the verb: "Premiership clubs have seen …")
_VERB_NEXT = (
    r"(?=\s+(?:\w+ly\s+)?(?:has|had|is|was|were|are|will|would|also|then|again|[a-z]{2,}ed"
    r"|[a-z]{2,}s(?!\s+(?:have|had|are|were|will|would|can|could|may|might|must|should|do|did)\b))\b)"
)

SUBJECT = re.compile(rf"^(?P<subject>{DETERMINED}|{_FULL_NAME_OR_PRONOUN}|[A-Z][\w'’-]*){_VERB_NEXT}")


# the same where a verb of saying is known to follow (a participle, "and called"): a full name or a
# pronoun then needs only a lower-case word after it, so irregular verbs count ("Ted Cruz made", "He went")
SPEAKING_SUBJECT = re.compile(
    rf"^(?P<subject>(?:{DETERMINED}|[A-Z][\w'’-]*){_VERB_NEXT}|(?:{_FULL_NAME_OR_PRONOUN})(?=\s+(?:\w+ly\s+)?[a-z]{{2,}}\b))"
)


def content_begins(sentence: str, cue_end: int) -> int:
    """Where reported content begins after a cue: at its "that" ("told reporters on Monday that"), or the next word."""
    rest = sentence[cue_end:]
    that = THAT_LATER.match(rest)
    if that is None and sentence.endswith(("told", "tells", "telling"), 0, cue_end):
        # "told the AP her group never …": the content follows whom they told
        that = _TOLD_THEN.match(rest)
    return cue_end + (that.end() if that else len(rest) - len(rest.lstrip()))


_TOLD_ONLY = re.compile(rf"\s+{TOLD_WHOM}(?:\s+(?:in|during|on|at|last|this|earlier)(?:\s+[\w’'-]+){{1,4}})?[.!?]?\s*$")

_TOLD_THEN = re.compile(
    rf"\s+{TOLD_WHOM}\s+(?=(?:he|she|they|it|we|I|there|the|a|an|his|her|their|its|this|these|those)\s"
    r"|[A-Z][\w’'-]*\s+(?:is|was|are|were|has|had|have|would|will|could|should|can|did)\b)"
    # or up to the comma of an attribution inside the content: "The difference now, he told me on Friday, is …"
    rf"|\s+{TOLD_WHOM}(?:\s+(?:on|in|at|last|this|earlier)(?:\s+[\w’'-]+){{1,3}})?(?=,)"
)


def _participle_clause(sentence: str, before: int | None) -> _Clause | None:
    m = PARTICIPLE.search(sentence)
    if m is None or (before is not None and m.start("cue") >= before):
        return None
    lead = strip_lead(sentence[: m.start()])
    inner = reporting_clause(lead, nominal=False) if next(cue_words(lead), None) else None
    if inner is not None:
        # "…, even a top GOP strategist said Clinton will have to choose, saying, “…”": who said it before
        content_start = content_begins(sentence, m.end())
        return _Clause(inner.phrase, m.group("cue"), content_start)
    subject = SPEAKING_SUBJECT.match(lead)
    if subject is None:
        # "Trump went after Bush, calling him …"; "Speaking in Salem, Trump went after Bush, calling …"
        subject = NAME_FIRST.match(strip_lead(lead.rpartition(", ")[2]))
    if subject is None or not plausible_speaker(subject.group("subject")):
        return None
    content_start = content_begins(sentence, m.end())
    if len(sentence[content_start:].split()) < 3 and before is None:
        return None
    return _Clause(subject.group("subject"), m.group("cue"), content_start)


# a relative clause closing what comes before a verb: "The complaint, which was filed in court, alleged …"
# (or a participle: "Others, reacting to the video's release, shouted")
_RELATIVE_TAIL = re.compile(r",\s+(?:who|which|whose|[a-z]{3,}ing)\b(?:[^,;:]|(?<=\d),(?=\d))*,$")

_LOWER_STARTS = PACK.lower_starts | GROUP_NOUNS | QUANTIFIERS
