"""Rule-based quote finding and attribution for news text, offline.

For each article, in reading order:

1. quotations are found by pairing marks (:mod:`briefing.quotes.marks`);
2. each outer quotation gets its speaker from an attribution after it (“…,” said X ·
   “…,” X said), inside it (“… — said X. — …”), or before it (X said: “…”); a
   quotation split by an attribution (“…,” he said, “…”) becomes one quote with two
   parts; a short quotation inside a reporting clause (X called it “a disgrace”) is a
   *mixed* quote whose text is the clause;
3. sentences without quotation marks are searched for reported speech: "According to
   X, …", "X is sure that …", "…, X stressed.", "as noted by X, …" (the clause that
   reports a view is found by :mod:`briefing.quotes.clauses`);
4. speakers are resolved per article (surnames, pronouns, "the publication") by a
   :class:`~briefing.quotes.speakers.SpeakerBook`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from briefing.models import Article, Quote, QuoteKind, Sentence, Speaker
from briefing.nlp import TITLES, mask, segment, split_paragraphs
from briefing.quotes.clauses import (
    DETERMINED,
    ELIDED,
    FINITE_CUE_PATTERN,
    GATE,
    NOMINAL_CUES,
    PARTICIPLE,
    PASSIVE,
    PROGRESSIVE_CUES,
    SPEAKING_SUBJECT,
    SUBJECT,
    content_begins,
    cue_words,
    headline_cues,
    noun_claims,
    reporting_clause,
)
from briefing.quotes.cues import alternation, past_and_present
from briefing.quotes.field import Field, typed_by_field
from briefing.quotes.marks import QuoteSpan, find_quotations
from briefing.quotes.mentions import (
    FULL_NAME,
    find_acronyms,
    find_body_names,
    find_introductions,
    find_mentions,
    find_names,
    find_subjects,
    written_as_body,
)
from briefing.quotes.phrases import (
    AGE,
    CUES,
    DAYS,
    DESCRIBED,
    DOT,
    FINITE_VERBS,
    NAME_FIRST,
    PRONOUN,
    PRONOUN_OPENS,
    RECIPIENT_OR_TIME,
    TOLD_WHOM,
    after_dateline,
    plausible_speaker,
    strip_lead,
)
from briefing.quotes.places import names_a_place
from briefing.quotes.spans import Spans, container, described_throughout, found_quote, outermost
from briefing.quotes.speakers import PACK, POSSESSIVE, SpeakerBook, classify, parse_speaker

__all__ = ["RuleQuoteExtractor"]

#: the lexicons an article's field is read with (:mod:`briefing.quotes.field`): government's, and organisations'
_FIELD = Field(
    [(PACK.lexicons.official.stems, PACK.lexicons.official.words)],
    [
        (lexicon.stems, lexicon.words)
        for lexicon in (PACK.lexicons.organization, PACK.lexicons.executive, PACK.lexicons.financial)
    ],
)

_CUE = rf"(?:{CUES})"
# a speaker phrase: no clause punctuation (abbreviation periods are protected beforehand)
_SPEAKER = r"[^,.;:!?“”\"«»—–()]{1,120}?"
# The patterns that run over a whole article begin with a character class, which lets the
# regular-expression engine skip to the next capital (or bracket) rather than try every
# position; "[A-Z](?<!\w[A-Z])" is a capital that starts a word, as "\b[A-Z]" would be.
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])\.(?:[A-Z]\.)+")
# a capitalised word of up to four letters and its period: an abbreviation ("Dr.", "Capt.") or
# an initial ("F. Scott"), kept when it is one of these or an initial before a capital
_SHORT_WORD_DOT = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{0,3}\.")
_ABBREVIATIONS = TITLES | {"st"}  # lower-case
_CAPITAL_NEXT = re.compile(r"\s*[A-Z]")


# A party-and-state tag after a politician's name, "Rep. Jane Roe (D-N.Y.)", is blanked out
# (same length, with the space before it) so it does not cut the speaker phrase in two.
_PARTY_TAG = re.compile(r"[\s(](?:(?<=\s)\(|(?<=\())(?:D|R|I|Dem|Rep|Ind|Lab|Con|LD)\s?[-–.,]\s?[A-Za-z. ]{2,16}\)")


# … and one between commas, "Mitch McConnell, R-Ky., said": blanked with its commas
_PARTY_TAG_COMMAS = re.compile(r",\s(?:D|R|I)-[A-Z][A-Za-z.]{1,10},(?=\s)")


def _protect(text: str) -> str:
    text = _PARTY_TAG.sub(lambda m: " " * len(m.group()), text)
    text = _PARTY_TAG_COMMAS.sub(lambda m: " " * len(m.group()), text)
    text = _ACRONYM.sub(lambda m: m.group().replace(".", DOT), text)

    def abbreviation(m: re.Match[str]) -> str:
        word = m.group()[:-1]
        if word.lower() in _ABBREVIATIONS or (len(word) == 1 and _CAPITAL_NEXT.match(text, m.end())):
            return word + DOT
        return m.group()

    return _SHORT_WORD_DOT.sub(abbreviation, text)


# where a speaker phrase after a cue ends: punctuation, or a clause that follows the name
_END = r"(?=\s*(?:[,.;:!?—–]|$|\s+(?:who|which|adding|in\s+an?\b|on\s+\w+day|at\s+the|during|after|before|when)\b))"

# whose words someone passes on: "Arab News quoted Prince Saud as saying", "Reuters cited him as telling the BBC"
_QUOTED_AS = rf"\b(?:{alternation(PACK.quoting_verbs)})\s+(?P<speaker>{_SPEAKER})\s+as\s+(?P<cue>saying|telling)\b"
# after the closing mark: “…,” Arab News quoted Prince Saud as saying
_AFTER_QUOTED_AS = re.compile(rf"^\s*,?\s*[—–-]?\s*(?P<source>[^,.;:!?“”\"«»—–()]{{1,80}}?)\s+{_QUOTED_AS}")
# before the opening mark: Arab News quoted Prince Saud as saying: “…”
_BEFORE_QUOTED_AS = re.compile(rf"{_QUOTED_AS}\s*[:,]?\s*$")
# a sentence: Reuters quoted Prince Saud as saying (that) the reforms had worked
_QUOTED_AS_CONTENT = re.compile(
    rf"^(?P<source>[^,;:“”\"«»]{{1,80}}?)\s+{_QUOTED_AS}(?:(?<=telling)\s+{TOLD_WHOM})?"
    r",?\s+(?:that\s+)?(?P<content>.+?)[.!?]?$"
)

# after the closing mark: “…,” said X  ·  “…,” told CNN one of the locals
_AFTER_INVERTED = re.compile(rf"^\s*,?\s*[—–-]?\s*(?P<cue>{_CUE})\s+(?P<speaker>{_SPEAKER}){_END}")
_TOLD_RECIPIENT = re.compile(r"^(?P<recipient>(?:[A-Z][\w.&-]*\s?){1,3})\s+(?P<speaker>.+)$")
# after the closing mark, no verb: “…” ― Pamela Padilla  (vox pops, captions, letters)
_AFTER_DASH = re.compile(r"^\s*[―—–]\s*(?P<speaker>[A-Z][^,.;:!?“”\"«»\n]{1,60}?)\s*(?=$|[,.;\n])")
# after the closing mark: “…,” X said
_AFTER_NORMAL = re.compile(
    rf"^\s*,?\s*[—–-]?\s*(?P<speaker>{_SPEAKER})\s+(?:has\s+|had\s+|will\s+|would\s+)?(?P<cue>{_CUE})\b(?:\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
)
# after the closing mark, a speaker described between commas: “…,” Jane Roe, an oversight panel member, said
# (an age may stand before the description: "Ramil Carr, 31, a photographer, said")
_AFTER_APPOSITIVE = re.compile(
    rf"^\s*,?\s*[—–-]?\s*(?P<name>[A-Z][^,.;:!?“”\"«»—–()]{{1,60}}?),\s+{AGE}"
    rf"(?P<appositive>[^,.;:!?“”\"«»]{{2,120}}?),\s+(?:has\s+|had\s+)?(?P<cue>{_CUE})\b"
)
# … the comma that should close the description left out, as it often is: "Anais Faraj, an analyst at Nomura told …"
_AFTER_APPOSITIVE_OPEN = re.compile(
    rf"^\s*,?\s*[—–-]?\s*(?P<name>[A-Z][\w'’.\u00ad-]+(?:\s+[A-Z][\w'’.\u00ad-]+){{1,3}}),\s+{AGE}"
    rf"(?P<appositive>(?:an?|the)\s+(?:(?!\b(?:has|had|have|is|was|are|were|who|which)\b)[^,.;:!?“”\"«»]){{2,80}}?)"
    rf"\s+(?P<cue>{_CUE})\b"
)
# … or described first: “…,” another friend, Mariam Emara told CNN
_AFTER_ROLE_NAME = re.compile(
    rf"^\s*,?\s*[—–-]?\s*(?P<appositive>(?:[Aa]n?|[Tt]he|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[^,.;:!?“”\"«»]{{1,80}}),"
    rf"\s+(?P<name>(?:[A-Z][\w.\u2024'’-]*\s+){{1,3}}[A-Z][\w'’-]+),?\s+(?:has\s+|had\s+)?(?P<cue>{_CUE})\b"
)
_SECOND_PART = re.compile(r"^\s*,?[^“”\"«».!?;:]{1,160}?,\s*[—–-]?\s*(?=[“\"«])|^\s*[,:]?\s*[—–-]?\s*")
_PREPOSITION = re.compile(r"(?:of|about(?!\s+\d))\b")  # (but "said about 20 people have …" reports a view)
# what may stand between a reporting verb and a quotation that is still the speaker's own words
_ADJUNCT = re.compile(
    r"(?:(?:in|on|at|during|after|before|while|with|from|to|of|about|late|earlier|this|last|told)\b[^“”\"«».;:]*)?[,:]\s*$"
    # or whom it was said to: "told Fox News: “…”", "told The Huffington Post: “…”"
    r"|(?:the\s+|The\s+)?(?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*:\s*$"
)
# reported speech that holds a quoted fragment is a mixed quote
_QUOTED = re.compile(r"[“«„][^”»“]{2,}[”»“]|(?<![\w,.])\"[^\"]{2,}\"")
# what may stand before a quotation that is the speaker's words alone: "He said:", "Then:", "— "
_OPENS_QUOTATION = re.compile(r"(?:[:—–]|\bsaid|\bsays)\s*$")
# a quotation that ends its own sentence: “… for now.” (the group: with what)
_CLOSED = re.compile(r"([.!?…])\s*[”\"»’']+$")
# the end of one sentence, and more text after it
_SENTENCE_THEN = re.compile(r"[.!?][”\"’]?\s+\S")


def _closing(text: str, start: int, end: int) -> str:
    """The mark ending the sentence that the quotation ``text[start:end]`` closes ("." "?" "!" "…"), or ""."""
    m = _CLOSED.search(text, start, end)
    return m.group(1) if m else ""


# what follows "He said" when it opens a new sentence with its own content, not an attribution
_NEW_CONTENT = re.compile(
    r"^\s+(?!(?:on|in|at|during|after|before|while|when|last|this|from|of|about|with)\b"
    # "to" whom it was said goes on with the attribution; "hopes to learn more …" is a statement of its own
    r"|to\s+(?:the|a|an|his|her|its|their|our|reporters|journalists|[A-Z]))[^.!?;]*?(?:\s\S+){3}"
)
# inside the quotation, after a comma or a dash: … do it, — said Churkin. — The agreement …
_INSIDE = re.compile(
    rf"(?:[,.!?]\s*[—–]?|[—–])\s*(?P<cue>{_CUE})(?:\s+(?P<recipient>[A-Z][\w.&-]*))?\s+(?P<speaker>{_SPEAKER})[.,]\s*[—–]\s*"
)
# before the opening mark: X said: “…  ·  said X: “…
# what may follow the verb before the quotation: a recipient ("told reporters"), or whom it is about ("said of Sanders")
_AFTER_CUE = (
    # whom it was told or whom it is of: "told reporters", "told CNN", "said of Mr X"; after "told" alone, a name of
    # several words ("told BBC News", "told the BBC News website"), which after "said" would be the speaker's
    r"(?:\s+(?:reporters|journalists|[A-Z][\w.]*|the\s+\w+|of\s+[A-Z][\w.\u2024'’-]*(?:\s+[A-Z][\w'’-]*)?)"
    r"|(?<=told)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){1,2}(?:[A-Z][\w.]*|website|programme|newspaper))?"
)
_BEFORE_NORMAL = re.compile(
    rf"(?:^|[,.;]\s+)(?P<speaker>{_SPEAKER})\s+(?:has\s+|had\s+)?(?P<cue>{_CUE}){_AFTER_CUE}\s*[:,]?\s*$"
)
_BEFORE_DESCRIBED = re.compile(
    rf"(?:^|[.;:,]\s+){DESCRIBED}\s+(?:has\s+|had\s+)?(?P<cue>{_CUE}){_AFTER_CUE}\s*[:,]?\s*$"
)
# said X: “…” (X is not what it is about: "said of Sanders:")
_BEFORE_INVERTED = re.compile(
    rf"(?:^|[,.;]\s+)(?P<cue>{_CUE})\s+(?!(?:of|about|to|on|in|at|for|with)\b)(?P<speaker>{_SPEAKER})\s*[:,]\s*$"
)
_NAME_COLON = re.compile(
    r"(?:^|[-–—]\s+|[.!?]\s+)(?:(?P<source>From)\s+|(?P<cue>Stated|Said|Added|Wrote|Continued|Asked)\s+)?"
    r"(?P<speaker>(?:the\s+)?[A-Z][\w.\u2024'’-]*(?:\s+(?:and\s+)?[A-Z][\w.\u2024'’-]*){0,3}|the\s+[a-z]+):\s*$"
)
#: the after-attributions that describe their speaker before the verb ("Jane Roe, an oversight panel member, said")
_DESCRIBED_AFTER = frozenset({"en.after.appositive", "en.after.role-name"})
_COLON_INTRO = re.compile(r"^(?P<clause>[^:;“”\"«»]{3,100}):\s*$")
# As The Post's Dana Milbank puts it, “…”
_PUTS_IT = re.compile(r"(?:^|[,.;]\s+)[Aa]s\s+(?P<speaker>[^,.;:!?“”\"«»]{2,80}?)\s+(?:puts|put|has\s+put)\s+it,?\s*$")
# reported speech without quotation marks
_ACCORDING_START = re.compile(r"^According to (?P<speaker>[^,]{2,120}),\s+(?P<content>.+?)[.!?]?$")
_ACCORDING_END = re.compile(r"^(?P<content>.+?),?\s+according to (?P<speaker>[^;:“”\"«»]{2,160}?)[.!?]?$")
_ACCORDING_MID = re.compile(r",\s+according to (?P<speaker>[^,]{2,80}),\s+")
_AS_NOTED = re.compile(
    r",?\s*as (?P<cue>noted|reported|said|stated) by (?P<speaker>[^,]{2,120}),\s+(?P<content>.+?)[.!?]?$"
)
# the verbs of "…, X said." after the content (a sentence without one of them is not tried)
_TRAILING_CUES = frozenset(
    "said says stressed added noted warned argued believes thinks insisted concluded explained reported reports "
    "wrote writes confirmed announced tweeted told tells say declared predicted estimated acknowledged admitted "
    "conceded".split()
)
_TRAILING = re.compile(
    r"^(?P<content>.+),\s+(?P<speaker>[^,]{2,80}?)\s+(?:has\s+|have\s+|had\s+)?"
    rf"(?P<cue>{alternation(_TRAILING_CUES)})(?:(?:(?<=told)|(?<=tells))\s+(?P<whom>{TOLD_WHOM}))?"
    # a time after the verb: "…, top lawmakers said Friday afternoon."
    rf"(?:\s+(?:on\s+|late\s+|early\s+)?(?:{DAYS}|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|\s+(?:last|this|earlier\s+this)\s+(?:week|month|year))?"
    # and the occasion: "…, he told the court in his filing."
    r"(?:\s+in\s+(?:a|an|his|her|their|its)\s+(?:[\w-]+\s+)?(?:statement|interview|filing|letter|email|speech))?"
    # and what the writer adds: "…, the Post reported, citing another source.", "…, two days after the vote."
    r"(?:,\s+(?:citing|quoting|adding|noting|referring|(?:a|one|two|three|four|five|six|seven)\s+(?:days?|weeks?|"
    r"months?|years?)\s+(?:after|before|later|earlier)|in\s+an?|according\s+to)\b[^;]{0,120}?)?"
    r"\.?$"
)
_TRAILING_INVERTED = re.compile(
    rf"^(?P<content>.+?),\s+(?P<cue>said|says|added|stressed|noted|warned|argued|insisted|explained)\s+"
    rf"(?P<speaker>{_SPEAKER})(?:,|\.?$)"
)
# Dr. Jane Doe, director of the X Institute, said the dispute was about more than wages.
_APPOSITIVE_SAID = re.compile(
    r"^(?P<speaker>[A-Z][^,]{1,60}(?:,\s+[^,]{2,100}){0,2}),\s+(?:has\s+|had\s+)?(?:also\s+)?"
    r"(?P<cue>said|says|argued|argues|warned|warns|noted|added|insisted|believes|thinks|told|estimated|"
    rf"predicted|suggested|stressed)(?:(?<=told)\s+{TOLD_WHOM})?\s+(?:{RECIPIENT_OR_TIME}that\s+)?(?P<content>.+?)[.!?]?$"
)
_ADDING = re.compile(r",\s+adding that\s+(?P<content>.+?)[.!?]?$")
# the words without which each pattern above cannot match
_APPOSITIVE_CUES = frozenset(
    "said says argued argues warned warns noted added insisted believes thinks told estimated predicted suggested "
    "stressed".split()
)


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    phrase: str
    cue: str
    parts: tuple[tuple[int, int], ...]
    unnamed: bool = False  # no speaker given, and none to be guessed ("Asked whether …, she said")
    main_after: bool = False  # a subordinate clause, the sentence's main clause after it ("While X said …, Y …")
    rule: str = ""  # the id of the rule that found it (see docs/languages.md)


class RuleQuoteExtractor:
    """Finds quotes and reported views in an article with hand-written rules (no model, no download)."""

    name = "rules"

    def extract(self, article: Article, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
        """Return the article's quotes in reading order, each with its speaker resolved."""
        text = article.text
        masked = mask(text)
        # the patterns below read ``text``, in which abbreviation periods are protected
        text = _protect(text)
        paragraphs = split_paragraphs(masked)
        sentence_spans = [(s.start, s.end, s.paragraph) for s in sentences] or [
            (s, e, p) for p, s, e in segment(masked)
        ]
        sentence_bounds = [(s, e) for s, e, _ in sentence_spans]
        found = self._direct_and_mixed(text, paragraphs, sentence_bounds)
        covered = Spans((f.start, f.end) for f in found)
        asks = "sked" in text  # ("asked", "Asked"): most articles put no question, and need no look for one
        for start, end, _ in sentence_spans:
            question = _question(text, start, end) if asks else None
            if question is not None:
                # "Asked whether …, Clinton said she …": the question, then the answer in the rest
                found.append(question)
                start = question.end + 1
            if covered.overlaps(start, end):
                continue
            item = self._view(text, start, end)
            if item is not None:
                found.append(item)
                other = _AND_ANOTHER.match(text, item.end) or _SEMICOLON.match(text, item.end)
                if item.main_after or other is not None:
                    # "While he said …, he clarified that …": the main clause may report a view of its own, and
                    # "…, and most Republicans say …" is another speaker's
                    rest = self._view(text, other.end() if other is not None else item.end + 1, end)
                    if rest is not None:
                        found.append(rest)
        seconds = [second for f in found if (second := _second_statement(text, f, sentence_spans)) is not None]
        taken = Spans((f.start, f.end) for f in found)
        found += [s for s in seconds if not taken.overlaps(s.start, s.end)]
        names = find_names(text)
        taken = Spans((f.start, f.end) for f in found)
        found += [
            f
            for f in _labelled(text, paragraphs, {m.group("surname") for m in names})
            if not taken.overlaps(f.start, f.end)
        ]
        found = outermost(found)
        mentioned = find_mentions(text, names)
        quoted = sorted((f.start, f.end) for f in found if f.kind == "direct")
        book = SpeakerBook(
            introductions=find_introductions(text, names),
            mentions=mentioned,
            subjects=partial(find_subjects, text, mentioned, lambda at: container(at, quoted) is not None),
        )
        resolved: list[tuple[_Found, Speaker | None]] = []
        for f in found:
            phrase = f.phrase.replace(DOT, ".")
            paragraph_start = (container(f.start, paragraphs) or (f.start, f.end))[0]
            if f.unnamed:
                resolved.append((f, None))
                continue
            pronoun = phrase.lower()
            if pronoun in ("it", "he", "she"):
                sentence_start = (container(f.start, sentence_bounds) or (paragraph_start,))[0]
            if pronoun == "it":
                # "The TUC said …. It calls for …": the organisation, publication or report that spoke (but in "It is
                # thought that …" no one is said to have spoken)
                if _IMPERSONAL.search(text, sentence_start, f.start):
                    resolved.append((f, None))
                    continue
                subject = _subject_before(text, paragraph_start, sentence_start)
                body = book.body(subject.replace(DOT, "."), f.start, paragraph_start)
                if body is not None:
                    resolved.append((f, body))
                    continue
            if pronoun in ("he", "she"):
                opens = sentence_start == paragraph_start and PRONOUN_OPENS.match(text, paragraph_start, f.start)
                if opens and (before := _paragraph_before(paragraph_start, paragraphs)):
                    # "He said:" opening a paragraph: the last sentence of the paragraph before
                    subject, previous = _sentence_subject_before(text, before[0], before[1])
                else:
                    subject, previous = _sentence_subject_before(text, paragraph_start, sentence_start)
                # (when someone spoke in the sentence before, "he" goes on being them, as below)
                known = None
                if subject and book.last_at < previous:
                    known = book.subject(subject.replace(DOT, "."), f.start)
                if known is not None:
                    # "Mr Mubanga is the first of them to speak. He told the Observer …": the person the
                    # sentence before was about, rather than whoever spoke last
                    resolved.append((f, known))
                    continue
                if _ASKED.match(text, sentence_start):
                    # "Asked if Mr Blunkett could return, he replied: …": who was asked, not whom the question names
                    paragraph_start = f.start
            resolved.append((f, book.resolve(phrase, f.start, paragraph_start, f.end) if phrase else book.last))
        resolved = _fill_between(text, resolved, sentence_spans)
        described = {
            initials
            for _, speaker in resolved
            if speaker is not None
            for initials in _INITIALS.findall(f"{speaker.role} {speaker.organization} {speaker.name}")
        }
        if described:
            acronyms = find_acronyms(text, described)
            resolved = [(f, _typed_by_initials(speaker, acronyms)) for f, speaker in resolved]
        resolved = [(f, _typed_by_body_name(speaker, text)) for f, speaker in resolved]
        as_body: dict[str, bool] = {}  # (whether the article writes a name as a body's, read once per name)
        resolved = [(f, _typed_as_written(speaker, text, as_body)) for f, speaker in resolved]
        partisan = [text[s:e] for s, e in sentence_bounds if _PARTY.search(text, s, e)]
        if partisan:
            resolved = [(f, _typed_by_party(speaker, partisan)) for f, speaker in resolved]
        quotes: list[Quote] = []
        for f, speaker in resolved:
            kind: QuoteKind = "mixed" if f.kind == "indirect" and _QUOTED.search(text, f.start, f.end) else f.kind
            quotes.append(found_quote(article, paragraphs, (f.start, f.end), kind, speaker, f.cue, f.parts, f.rule))
        # (someone quoted and described nowhere: typed as the article's field leans — a report about government's
        # people, or a company's)
        return typed_by_field(described_throughout(quotes), _FIELD, masked)

    # -- quotations ---------------------------------------------------------------------------

    def _direct_and_mixed(
        self, text: str, paragraphs: list[tuple[int, int]], spans: list[tuple[int, int]]
    ) -> list[_Found]:
        outer = [
            q
            for q in find_quotations(text, paragraphs)
            if q.depth == 0 and q.end - q.start > 3 and not _is_title(text, q)
        ]
        found: list[_Found] = []
        i = 0
        while i < len(outer):
            q = outer[i]
            p_start, p_end = container(q.start, paragraphs) or (q.start, q.end)
            s_start, s_end = container(q.start, spans) or (p_start, p_end)
            after = text[q.end : p_end]
            before = text[max(p_start, s_start) : q.start]
            phrase, cue, consumed, rule = "", "", 0, ""
            if q.closed or not _INTRODUCING.match(after):
                # (after a quotation left open, "He added: “…”" introduces the next one, not this)
                closing = _closing(text, q.start, q.end)
                phrase, cue, consumed, rule = self._after(after, closing=closing)
                if phrase and closing and rule in _DESCRIBED_AFTER and before.rstrip().endswith(":"):
                    # "Mr McLetchie asked: “…?” The Scottish Green Party's health spokeswoman, Eleanor Scott, said …":
                    # a quotation introduced with a colon that ends its sentence is the introducer's; the described
                    # speaker after it opens a sentence of their own
                    introduced = self._before(before)
                    if introduced[0]:
                        phrase, cue, consumed, rule = "", "", 0, ""
            parts: list[tuple[int, int]] = [(q.start, q.end)]
            end = q.end
            if phrase:
                # “…,” he said, “…” — the attribution is followed by the rest of the same quote
                rest = after[consumed:]
                # “…,” said X, director of Y, “…” — an appositive may stand before the second part, and
                # an object or a place after the verb (“…,” he told the host, “…”); “…,” X said, adding
                # later, “…” is a second statement, quoted on its own
                m = _SECOND_PART.match(rest)
                nxt = q.end + consumed + (m.end() if m else 0)
                participle = PARTICIPLE.match(rest)
                if i + 1 < len(outer) and outer[i + 1].start == nxt:
                    if participle:
                        second = outer[i + 1]
                        found.append(
                            _Found(
                                second.start,
                                second.end,
                                "direct",
                                phrase,
                                participle.group("cue"),
                                (),
                                rule="en.after.participle-next",
                            )
                        )
                    else:
                        parts.append((outer[i + 1].start, outer[i + 1].end))
                        end = outer[i + 1].end
                    i += 1
                # “A,” said X, the envoy. “B.” “C,” she added. — the speaker's next quotations
                # in the same paragraph, with no speaker of their own, continue the quote
                while i + 1 < len(outer) and self._continues(text, end, outer[i + 1], p_end, paragraphs):
                    i += 1
                    parts.append((outer[i].start, outer[i].end))
                    end = outer[i].end
            if not phrase:
                inside = _INSIDE.search(text, q.start + 1, q.end)
                # the dashes delimit the attribution, so a longer description is still safe here
                if inside and plausible_speaker(inside.group("speaker"), longest=16):
                    phrase, cue, rule = inside.group("speaker"), inside.group("cue"), "en.inside.dashes"
                    parts = [(q.start, inside.start()), (inside.end(), q.end)]
            if not phrase:
                phrase, cue, rule = self._before(before)
                if phrase and _EMBEDDED.search(before) and len(text[q.end : s_end].split()) >= 2:
                    # Obama called the Saudis “free riders” who rely on U.S. aid: a fragment inside the
                    # writer's sentence, not a quotation introduced by "X said:" — the clause is a mixed quote
                    mixed = self._mixed(text, q, s_start, s_end)
                    if mixed is not None:
                        found.append(mixed)
                        i += 1
                        continue
            kind: QuoteKind = "direct"
            start = q.start
            words_before = len(before.split())
            if phrase and consumed and len(parts) == 1 and words_before >= 2 and not _OPENS_QUOTATION.search(before):
                # The bill's failure was “heartbreaking,” she said. — the writer's words and the
                # speaker's fragment are one mixed quote, attributed after it
                kind, start = "mixed", max(p_start, s_start) + len(before) - len(before.lstrip())
            continues = text[q.start + 1 : q.end].lstrip(" “\"'‘«„")[:1].islower()
            parenthetical = phrase and "," not in phrase and cue and before.rstrip().endswith(",")
            if parenthetical and words_before >= 3 and continues:
                # The process …, he said, “now difficult”: the paraphrase before the
                # attribution and the quoted fragment are one mixed quote (a speaker with a
                # description between commas is no paraphrase, and a quotation that opens with a
                # capital is a sentence of its own: "…, I laughed and said, “I don't believe it.”")
                clause_end = before.rstrip().rfind(",", 0, len(before.rstrip()) - 1)
                if clause_end > 0 and not before[:clause_end].rstrip().endswith(("said", ":")):
                    kind, start = "mixed", max(p_start, s_start)
                    parts = [(start, start + clause_end), (q.start, q.end)]
            if not phrase:
                mixed = self._mixed(text, q, s_start, s_end)
                if mixed is not None:
                    found.append(mixed)
                    i += 1
                    continue
            if not phrase and q.start == s_start:
                phrase, rule = _previous_subject(text, p_start, s_start), "en.before.previous-subject"
            if not phrase and (colon := _COLON_INTRO.match(before)):
                # "Trump leaned in and boomed: “…”", "The piece used her words as its headline: “…”": a
                # quotation a clause introduces with a colon is one, its speaker the clause's subject
                clause = strip_lead(colon.group("clause").rpartition(", ")[2])
                subject = SPEAKING_SUBJECT.match(clause) or NAME_FIRST.match(clause)
                if subject is not None and plausible_speaker(subject.group("subject")):
                    phrase, rule = subject.group("subject"), "en.before.colon-clause"
            if not phrase and q.start == p_start:
                # "Caddell continued:\n\n“…”", "The New York Times reports:\n\n“…”": the paragraph before, ending on
                # a colon, introduces a quotation that opens its own
                phrase, cue, rule = self._introduced_before(text, p_start, paragraphs)
            if phrase or (q.end - q.start) > 60:
                found.append(
                    _Found(start, end, kind, phrase, cue, tuple(parts), rule=rule if phrase else "en.unattributed")
                )
            i += 1
        return found

    def _continues(
        self, text: str, end: int, nxt: QuoteSpan, p_end: int, paragraphs: Sequence[tuple[int, int]]
    ) -> bool:
        """Whether quotation ``nxt`` continues the quote that ends at ``end``: the same speaker
        goes on in the same paragraph, or in the next one when that paragraph is the quotation alone."""
        between = text[end : nxt.start]
        if nxt.start >= p_end:
            following = container(nxt.start, paragraphs)
            if following is None or following[0] != nxt.start or text[nxt.end : following[1]].strip():
                return False
            if text[p_end : nxt.start].strip():
                return False  # not the very next paragraph
            between = text[end:p_end]
            if any(mark in between for mark in '“”„«»"'):
                return False
            return len(between.split()) <= 40 and _INSIDE.search(text, nxt.start + 1, nxt.end) is None
        if any(mark in _TITLE_QUOTED.sub("", between) for mark in '“”„«»"'):
            return False  # a title may stand between them: “…,” he said on “Meet the Press.” “…”
        # only the rest of the attribution sentence may stand between them
        if len(between.split()) > 25 or not re.search(r"[.!?][”\"]?\s*$|^\s*$", between):
            return False
        if _SENTENCE_THEN.search(between):
            # “…,” she said. Williams was also far from content. “…”: a sentence of the writer's stands between, and
            # may be about someone else; the next quotation is taken on its own
            return False
        closing = _closing(text, max(0, end - 8), end)
        if between.strip() and closing and not self._after(between, closing=closing)[0]:
            # “… a great match.” Williams though blamed her defeat on injuries. “…,” she said: after a quotation that
            # ended its sentence, what stands between is its attribution ("Holmes asked in the New Year.") or a
            # sentence of its own, which may bring in another speaker
            return False
        phrase, _, _, _ = self._after(text[nxt.end : p_end], closing=_closing(text, nxt.start, nxt.end))
        if phrase and not PRONOUN.match(phrase):
            return False
        inside = _INSIDE.search(text, nxt.start + 1, nxt.end)
        return inside is None

    def _after(self, after: str, *, closing: str = "") -> tuple[str, str, int, str]:
        """The attribution right after a quotation: speaker phrase, cue, characters consumed, rule.

        ``closing``: the mark with which the quotation ended its own sentence (“… for now.”): then a
        capitalised "He said" after it starts a new sentence unless the attribution ends soon after,
        and after a full stop so does a described speaker ("X, the director, said …").
        """
        m = _AFTER_QUOTED_AS.match(after)
        if m and plausible_speaker(_subject_form(m.group("speaker"))):
            return _subject_form(m.group("speaker")), f"quoted as {m.group('cue')}", m.end(), "en.after.quoted-as"
        m = _AFTER_NORMAL.match(after)
        if closing and m and m.group("speaker").lstrip(" ,")[:1].isupper() and _NEW_CONTENT.match(after[m.end() :]):
            return "", "", 0, ""
        m = _AFTER_INVERTED.match(after)
        if m and plausible_speaker(m.group("speaker")):
            speaker = m.group("speaker")
            if m.group("cue") == "told":
                told = _TOLD_RECIPIENT.match(speaker)
                if told and plausible_speaker(told.group("speaker")):
                    speaker = told.group("speaker")
            return speaker.strip(), m.group("cue"), m.end(), "en.after.inverted"
        m = _AFTER_NORMAL.match(after)
        if (
            m
            and plausible_speaker(strip_lead(m.group("speaker")))
            and not noun_claims(m.group("cue"), after, m.end("cue"))
        ):
            return strip_lead(m.group("speaker")), m.group("cue"), m.end(), "en.after.normal"
        # a described speaker: "Jane Roe, an oversight panel member, said", "another friend, Mariam Emara told CNN"
        for described, rule in (
            (_AFTER_APPOSITIVE, "en.after.appositive"),
            (_AFTER_ROLE_NAME, "en.after.role-name"),
            (_AFTER_APPOSITIVE_OPEN, "en.after.appositive"),
        ):
            m = described.match(after)
            if m and parse_speaker(m.group("name").replace(DOT, ".")).named:
                if closing == "." and _NEW_CONTENT.match(after[m.end() :]):
                    # after a full stop, "John Person, president of X, said the data …" is the next sentence,
                    # with a statement and a speaker of its own (after "?" or "!" the sentence may go on)
                    return "", "", 0, ""
                return f"{m.group('name').strip()}, {m.group('appositive').strip()}", m.group("cue"), m.end(), rule
        m = _AFTER_DASH.match(after)
        if m and parse_speaker(m.group("speaker").replace(DOT, ".")).named:
            return m.group("speaker").strip(), "", m.end(), "en.after.dash"
        return "", "", 0, ""

    def _introduced_before(
        self, text: str, p_start: int, paragraphs: Sequence[tuple[int, int]]
    ) -> tuple[str, str, str]:
        """The attribution that closes the paragraph before ``p_start`` with a colon ("He said:", "Caddell
        continued:"), read as one right before the quotation: speaker phrase, cue and rule ("en.before.paragraph"),
        or empty ones."""
        before = _paragraph_before(p_start, paragraphs)
        if before is None or not text[before[0] : before[1]].rstrip().endswith(":"):
            return "", "", ""
        last = text[before[0] : before[1]].rstrip()
        sentence_start = max(last.rfind(". "), last.rfind("? "), last.rfind("! ")) + 2 if "." in last else 0
        phrase, cue, _ = self._before(last[max(0, sentence_start - 2) :].lstrip(". ") + " ")
        return (phrase, cue, "en.before.paragraph") if phrase else ("", "", "")

    def _before(self, before: str) -> tuple[str, str, str]:
        """The attribution right before a quotation: speaker phrase, cue, rule."""
        m = _BEFORE_QUOTED_AS.search(before)
        if m and plausible_speaker(_subject_form(m.group("speaker"))):
            # Arab News quoted Prince Saud as saying: “…”
            return _subject_form(m.group("speaker")), f"quoted as {m.group('cue')}", "en.before.quoted-as"
        m = _BEFORE_DESCRIBED.search(before)
        if m and parse_speaker(m.group("name").replace(DOT, ".")).named:
            # Douglas Brinkley, a historian who attended, recalled: “…”
            return f"{strip_lead(m.group('name'))}, {m.group('appositive')}", m.group("cue"), "en.before.described"
        for pattern, rule in ((_BEFORE_INVERTED, "en.before.inverted"), (_BEFORE_NORMAL, "en.before.normal")):
            m = pattern.search(before)
            if m and plausible_speaker(strip_lead(m.group("speaker"))):
                phrase = strip_lead(m.group("speaker"))
                if pattern is _BEFORE_NORMAL and ELIDED.search(phrase):
                    # "I laughed and said, “…”": the subject of the first verb
                    subject = SPEAKING_SUBJECT.match(phrase)
                    phrase = subject.group("subject") if subject else phrase
                return phrase, m.group("cue"), rule
        m = _PUTS_IT.search(before)
        if m and plausible_speaker(m.group("speaker")):
            return m.group("speaker"), "puts it", "en.before.puts-it"
        m = _NAME_COLON.search(before)
        if m and (m.group("source") or parse_speaker(m.group("speaker").replace(DOT, ".")).named):
            # "… contests - Philip Bump: “…”", "From the report: “…”", "Stated Stone: “…”": a name, a source or an
            # inverted verb and a name right before the colon
            return m.group("speaker"), (m.group("cue") or "").lower(), "en.before.name-colon"
        m = _COLON_INTRO.match(before)
        if m:
            # "Kasich resisted: “…”": a named subject and a short predicate introduce the
            # quotation with a colon
            clause = strip_lead(m.group("clause"))
            subject = SUBJECT.match(clause)
            if (
                subject is not None
                and plausible_speaker(subject.group("subject"))
                and len(clause.split()) - len(subject.group("subject").split()) <= 4
                and parse_speaker(subject.group("subject").replace(DOT, ".")).named
            ):
                return subject.group("subject"), "", "en.before.colon-subject"
        m = re.search(r"According to (?P<speaker>[^,]{2,120}),\s*$", before)
        if m:
            return m.group("speaker"), "according to", "en.before.according-to"
        return "", "", ""

    def _mixed(self, text: str, q: QuoteSpan, s_start: int, s_end: int) -> _Found | None:
        clause = reporting_clause(text[s_start:s_end], before=q.start - s_start)
        if clause is None:
            return _judged_as(text, q, s_start, s_end)
        start = s_start + clause.content_start
        if _ADJUNCT.match(text[start : q.start]):
            # "X said in an interview on Wednesday, “…”", "X said of Sanders: “…”": only when, where
            # or whom it is about stand between the verb and the quotation, the speaker's own words
            return _Found(
                q.start, q.end, "direct", clause.phrase, clause.cue, ((q.start, q.end),), rule="en.before.clause"
            )
        later = _LATER_STATEMENT.search(text, start, q.start)
        if later is not None:
            # "… promised to refrain from it, saying she had made a “poor choice of words”": the
            # fragment is in the speaker's next statement, which is the mixed quote
            cue = later.group("participle") or later.group("cue")
            if _ADJUNCT.match(text[later.end() : q.start]):
                # "Mr Clarke said he recognised the concerns but argued: “…”": the next statement is the quotation
                return _Found(
                    q.start, q.end, "direct", clause.phrase, cue, ((q.start, q.end),), rule="en.before.later-statement"
                )
            start, end = _statement_after(text, later.end(), s_start, s_end, after=q.end)
            return _Found(start, end, "mixed", clause.phrase, cue, ((start, end),), rule="en.mixed.later-statement")
        if _AS_BEFORE.search(text, start, q.start) and _JUDGED_END.match(text, q.end, s_end):
            # "criticized the act as a “crazy system” during a stop in Flint": the judgement ends with the quotation
            end = _trim_end(text, start, q.end)
        else:
            end = _trim_end(text, start, s_end, after=q.end)
        writers = _WRITERS_AFTER.search(text, q.end, end)
        if writers is not None:
            # "… a “personal insult” if they did not vote, implicitly putting his name on the line"
            end = _trim_end(text, start, writers.start())
        return _Found(start, end, "mixed", clause.phrase, clause.cue, ((start, end),), rule="en.mixed.clause")

    # -- reported speech ----------------------------------------------------------------------

    def _view(self, text: str, start: int, end: int) -> _Found | None:
        """The reported view in ``text[start:end]``, if any: "warned of shortages" or "spoke about the
        strike" give a topic, not a view a reader can quote, and are left out."""
        item = self._indirect(text, start, end)
        return None if item is None or _PREPOSITION.match(text, item.start) else item

    def _indirect(self, text: str, start: int, end: int) -> _Found | None:
        sentence = text[start:end]
        words = set(_ANY_WORD.findall(sentence.lower()))
        if GATE.isdisjoint(words):
            return None  # no reporting word at all: no pattern below can match
        # each pattern runs only when the words it needs are there
        m = _QUOTED_AS_CONTENT.match(sentence) if "as" in words and not _QUOTING.isdisjoint(words) else None
        if m and plausible_speaker(_subject_form(m.group("speaker"))) and len(m.group("content").split()) >= 3:
            speaker = _subject_form(m.group("speaker"))
            return _span(start, m, "content", speaker, f"quoted as {m.group('cue')}", "en.indirect.quoted-as")
        according = "according" in words
        m = _ACCORDING_START.match(sentence) if according else None
        if m and len(m.group("content").split()) >= 3:  # (not "According to MSNBC, basically.")
            return _span(start, m, "content", m.group("speaker"), "according to", "en.indirect.according-to-first")
        m = _AS_NOTED.search(sentence) if "by" in words and "as" in words else None
        if m:
            return _span(start, m, "content", m.group("speaker"), f"as {m.group('cue')} by", "en.indirect.as-noted-by")
        m = _ACCORDING_MID.search(sentence) if according else None
        if m and m.start() > 10:
            content = ((start, start + m.start()), (start + m.end(), _trim_end(text, start, end)))
            return _Found(
                start,
                content[1][1],
                "indirect",
                m.group("speaker"),
                "according to",
                content,
                rule="en.indirect.according-to-inside",
            )
        m = _ACCORDING_END.match(sentence) if according else None
        if m and len(m.group("content").split()) >= 4:
            # "Clinton leads by four points, according to a new poll."
            return _span(start, m, "content", m.group("speaker"), "according to", "en.indirect.according-to-last")
        m = _APPOSITIVE_SAID.match(sentence) if not _APPOSITIVE_CUES.isdisjoint(words) else None
        if m and len(m.group("content").split()) >= 4:
            named = parse_speaker(m.group("speaker").replace(DOT, "."))
            if named.named and len(named.name.split()) >= 2:
                found = _span(start, m, "content", m.group("speaker"), m.group("cue"), "en.indirect.appositive-said")
                second = _AND_CUE.search(text, found.start, found.end)
                if second is not None:
                    # "… told the AP her group never worked with X and said …": the next statement is its own
                    found.end = second.start()
                    found.parts = ((found.start, found.end),)
                return found
        trailing = not _TRAILING_CUES.isdisjoint(words)
        m = _TRAILING.match(sentence) if trailing else None
        if (
            m
            and plausible_speaker(m.group("speaker"))
            # "…, the hearing was told." (by someone else); "…, the domination ultimately told." (no one spoke)
            and not (
                m.group("cue") in ("told", "tells")
                and (m.group("whom") is None or PASSIVE.search(m.group("speaker") + " "))
            )
        ):
            return _span(start, m, "content", m.group("speaker"), m.group("cue"), "en.indirect.trailing")
        m = _TRAILING_INVERTED.match(sentence) if trailing else None
        if (
            m
            and plausible_speaker(m.group("speaker"))
            # a clause after the verb is its content, not who spoke: "…, said Latino voters are interested in …"
            and FINITE_VERBS.isdisjoint(m.group("speaker").lower().split())
        ):
            return _span(start, m, "content", m.group("speaker"), m.group("cue"), "en.indirect.trailing-inverted")
        m = _COUNTED_SAYING.search(sentence) if "saying" in words else None
        if m is not None:
            # "…, with 47 percent of Cuban Americans saying they will …": what a poll's respondents said
            return _span(start, m, "content", m.group("speaker"), "saying", "en.indirect.counted-saying")
        alone = _alone_in_paragraph(text, start, end)  # a headline, perhaps
        clause = reporting_clause(
            headline_cues(sentence) if alone else sentence, nominal=not NOMINAL_CUES.isdisjoint(words)
        )
        if clause is not None:
            content_start = start + clause.content_start
            end = _trim_end(text, content_start, end, after=content_start)
            main_after = False
            if clause.relative:
                resumes = _RESUMES.search(text, content_start, end)
                if resumes is not None:
                    end = resumes.start()
            if clause.subordinate:
                # "And while he said he would bring back waterboarding, he clarified …": the main clause is not his
                main = _MAIN_CLAUSE.search(text, content_start, end)
                if main is not None and len(text[content_start : main.start()].split()) >= 3:
                    end, main_after = main.start(), True
            occasion = _OCCASION_AFTER.search(text, max(content_start, end - 90), end)
            if occasion is not None and occasion.start() - content_start > 20:
                # "called for more investment in a statement on Thursday": when and where it was said
                end = occasion.start()
            if len(text[content_start:end].split()) < 2:
                return None  # "England's pressure continued, and a wave of attacks …": nothing reported
            if text[content_start] == ",":
                # "If the exchange goes ahead, she said, the talks would gain momentum": the
                # attribution stands inside the content, which is both halves around it
                head = sentence.rfind(",", 0, clause.content_start - len(clause.cue) - len(clause.phrase) - 1)
                tail = (
                    content_start
                    + 1
                    + (len(text[content_start + 1 : end]) - len(text[content_start + 1 : end].lstrip()))
                )
                if head > 0:
                    parts = ((start, start + head), (tail, end))
                    return _Found(
                        start, end, "indirect", clause.phrase, clause.cue, parts, rule="en.indirect.clause-inside"
                    )
                content_start = tail
            whole = ((content_start, end),)
            rule = "en.indirect.clause-alone" if alone else "en.indirect.clause"
            return _Found(
                content_start, end, "indirect", clause.phrase, clause.cue, whole, main_after=main_after, rule=rule
            )
        m = _ADDING.search(sentence) if "adding" in words else None
        if m:
            return _span(start, m, "content", "", "adding that", "en.indirect.adding-that")
        return None


def _alone_in_paragraph(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a line of its own: a line break or the text's edge on either side."""
    before = text[max(0, start - 2) : start].strip(" \t")
    after = text[end : end + 2].strip(" \t")
    return before[-1:] in ("", "\n") and after[:1] in ("", "\n")


_ANY_WORD = re.compile(r"[a-z]+")
_QUOTING = frozenset(PACK.quoting_verbs)
#: the object pronouns "quoted him as saying" names its speaker by, as the subject they stand for
_SUBJECT_OF = {"him": "he", "her": "she", "them": "they"}


def _subject_form(phrase: str) -> str:
    """A speaker phrase as a subject: "him" of "quoted him as saying" is "he"."""
    phrase = phrase.strip()
    return _SUBJECT_OF.get(phrase.lower(), phrase)


# the main clause after a subordinate one: ", he clarified", ", the campaign has …"
_MAIN_CLAUSE = re.compile(
    r",\s+(?=(?:he|she|they|we|I|it|others|many|most|some)\s+[a-z]"
    r"|(?:(?:the|The|his|her|their|its|this|a|an)\s+[\w’'-]+|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+(?:\w+ly\s+)?"
    r"(?:is|was|are|were|has|had|have|will|would|could|can|did|does|do|[a-z]{2,}ed|[a-z]{2,}s)\b)"
)


# the main clause going on after a relative one: "…, will become", "…, have also been charged", "…, accused"
_RESUMES = re.compile(
    r",\s+(?:\w+ly\s+)?(?:will|would|has|have|had|is|was|are|were|could|can|may|might|must|should|did|does|"
    r"[a-z]{3,}ed)\b"
)
_COUNTED_SAYING = re.compile(
    r"\b(?P<speaker>(?:\d[\d,.]*\s*(?:%|percent|per\s+cent)|(?:one|two|three|four|five|six|seven|eight|nine|\d)\s+in"
    r"\s+(?:10|ten|\d+))(?:\s+of\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?)\s+saying\s+(?:that\s+)?(?P<content>[^.;:]{10,}?)"
    r"(?=,\s+(?:while|compared|and|but|up|down)\b|[.;:]?$)"
)
# the occasion of a report at the end of its content: "… in a statement on Thursday", "… in an interview"
_OCCASION_AFTER = re.compile(
    r"\s+(?:in\s+(?:a|an|his|her|their)\s+(?:written\s+)?(?:statement|interview|speech|letter|tweet|post)"
    rf"(?:\s+(?:on|to|with|at)\s+[\w.’' -]{{1,40}})?|on\s+(?:{DAYS}))"
    r"[.!?]?$"
)


# a quotation that follows a word (not "said:" or "said,"): it sits inside the sentence
_EMBEDDED = re.compile(r"[^\W\d_]\s+$")


# a programme, paper or book named after an outlet's possessive: on CNN's “State of the Union”
_OUTLET_BEFORE = re.compile(r"\b[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)?[’']s?\s+$")
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’-]*|of|the|a|an|and|in|on|for|to|with")


def _is_title(text: str, q: QuoteSpan) -> bool:
    """Whether quotation ``q`` names a title rather than quotes words: a few title-case words
    right after an outlet's possessive ("on CBS's “Face the Nation,”") or a programme spoken on."""
    inner = text[q.start + 1 : q.end - 1].strip(" ,.!?")
    words = inner.split()
    if not 1 <= len(words) <= 6 or not all(_TITLE_WORD.fullmatch(w) for w in words):
        return False
    if _OUTLET_BEFORE.search(text, max(0, q.start - 60), q.start) is not None:
        return True
    # a programme someone spoke on: "he said on “Meet the Press.”", "in an interview on “Fox News Sunday”"
    return _SPOKE_ON.search(text, max(0, q.start - 60), q.start) is not None


_TITLE_QUOTED = re.compile(rf"[“\"](?:{_TITLE_WORD.pattern})(?:\s+(?:{_TITLE_WORD.pattern})){{0,5}}[.,]?[”\"]")
_SPOKE_ON = re.compile(rf"\b(?:{CUES}|interview|appearance|appeared|speaking)\s+(?:\w+\s+){{0,3}}?on\s+$")


# "Trump openly admires Putin as a “strong leader”", "Reid has gone after Trump as a “con artist”", "Bush referred
# to Rubio as “a bright leader”", "PolitiFact rated 22% of the claims as “entirely true”": the subject judges the
# object, in the words quoted
_JUDGED_AS = re.compile(
    r"(?<![\w'’])(?:(?:has|have|had)\s+(?:been\s+)?)?(?:[a-z]+ly\s+)?"
    r"(?P<verb>[a-z]{3,}(?:ed|es|s|ing)|gone|went)(?:\s+(?:to|after|on))?\s+"
    r"(?P<object>[^“”\"«».;:!?,]{2,100}?)\s+as\s+(?:an?\s+|the\s+)?$"
)
# what may stand between a subject and its verb: a party tag, an aside between commas ("Reid (D-Nev.), in
# particular, has …", "Christie, who has campaigned for Trump since February, blasted …")
_ASIDE_AT_END = re.compile(r"(?:\s*\([^()]{1,30}\)|,\s+[^,]{2,120},)\s*$")
_JUDGING_SUBJECT = re.compile(
    rf"^(?:{DETERMINED}|(?:[A-Z][\w.\u2024'’-]*\s+|[a-z]+\s+(?=[A-Z])){{0,5}}[A-Z][\w'’-]*|He|She|They|We|I)$"
)
# after the judging words, what is the writer's: a time, a place, an occasion ("as a “disgrace” Wednesday on …")
# or a second verb ("… as “a bright leader” but described his skills as …")
_JUDGED_END = re.compile(
    r"\s*(?:[,;:―—–]|$|(?:during|after|before|on|in|at|when|while|since|last|this|earlier|later|"
    rf"{DAYS})\b|(?:but|and)\s+(?:\w+ly\s+)?[a-z]{{3,}}(?:ed|s)\b)"
)
_AS_BEFORE = re.compile(r"\sas\s+(?:an?\s+|the\s+)?$")


# after a quoted fragment, a participle clause is the writer's going on
_WRITERS_AFTER = re.compile(r"(?:,|(?<=,[”\"’]))\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\b")


def _judged_as(text: str, q: QuoteSpan, s_start: int, s_end: int) -> _Found | None:
    """A quoted fragment the sentence's named subject applies to something with "as" (see above), or None."""
    lead = text[s_start : q.start]
    offset = max(0, lead.find(strip_lead(lead)))
    m = _JUDGED_AS.search(lead, offset)
    if m is None:
        return None
    subject = strip_lead(lead[offset : m.start()])
    while (aside := _ASIDE_AT_END.search(subject)) is not None:
        subject = subject[: aside.start()]
    # an opening phrase the lead did not know: "Speaking to MSNBC on Monday, Bush referred …"
    subject = subject.rpartition(", ")[2].strip()
    # the verb must follow its subject, asides apart ("Trump openly admires")
    if not _JUDGING_SUBJECT.match(subject) or not plausible_speaker(subject):
        return None
    start = s_start + m.start("object")
    if _JUDGED_END.match(text, q.end, s_end):
        end = _trim_end(text, start, q.end)
    else:
        end = _trim_end(text, start, s_end, after=q.end)
    return _Found(start, end, "mixed", subject, m.group("verb"), ((start, end),), rule="en.mixed.judged-as")


# a headline or a transcript line that names its speaker first: "Sanders: Clinton needs to change course",
# "Rush Limbaugh: Hillary asking for a fact check reeks of fear", "WALLACE: Do you really see them as equal?"
_LABELLED = re.compile(r"(?P<speaker>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}):\s+(?P<content>[^\s“\"«„].*)")


def _labelled(text: str, paragraphs: Sequence[tuple[int, int]], surnames: set[str]) -> list[_Found]:
    """Paragraphs that give their speaker before a colon: a full name, or a surname (as written or in
    capitals) of someone the article names in full — so that "Update:" or "Photo:" is no speaker."""
    found: list[_Found] = []
    for p_start, p_end in paragraphs:
        m = _LABELLED.match(text, p_start, p_end)
        if m is None or len(m.group("content").split()) < 3:
            continue
        speaker = m.group("speaker").replace(DOT, ".")
        words = speaker.split()
        if len(words) == 1:
            if speaker.title() not in surnames and speaker not in surnames:
                continue
        elif not FULL_NAME.fullmatch(speaker) or not parse_speaker(speaker).named:
            continue
        start = m.start("content")
        end = _trim_end(text, start, p_end)
        kind: QuoteKind = "mixed" if _QUOTED.search(text, start, end) else "indirect"
        name = speaker.title() if speaker.isupper() else speaker
        found.append(_Found(start, end, kind, name, ":", ((start, end),), rule="en.labelled"))
    return found


_QUESTION_WORDS = "whether|if|what|why|who|whom|how|when|where|which|about|to"
# a question put to the sentence's subject before it answers: "When asked by a reporter whether …, Trump
# said", "Asked on Monday about the merger, she …"
_ASKED = re.compile(
    r"(?:(?:And|But|So|Yet|Later|Then|Even)\s+)?(?:(?:[Ww]hen|[Oo]nce|[Aa]fter|[Ww]hile)\s+)?[Aa]sked"
    rf"(?P<lead>(?:\s+(?!(?:{_QUESTION_WORDS})\b)[\w.’'-]+){{0,8}}?)\s+(?=(?:{_QUESTION_WORDS})\s)"
)
_ASKED_BY = re.compile(rf"\s+by\s+(?P<asker>.+?)(?=\s+(?:on|at|in|during|after|before|{DAYS})\b|$)")
_ANSWER_SUBJECT = re.compile(r",\s+(?=[A-Z0-9]|(?:the|a|an|he|she|they|we|i|de|van|von)\s)")


def _question(text: str, start: int, end: int) -> _Found | None:
    """The question in a sentence that opens with one put to its subject ("Asked whether she
    would run, Clinton said …"): its content up to the comma before the answer, and who asked, if
    the sentence says ("asked by a reporter"); the answer is left to the rest of the sentence."""
    if text.find("sked", start, start + 80) < 0:
        return None  # no "asked" near the start: most sentences, passed over in one look
    start = after_dateline(text, start, end)
    m = _ASKED.match(text, start, end)
    if m is None:
        return None
    content_start = m.end()
    # the answer's clause: the comma before a subject and its verb of saying, or else before a subject
    content_end = -1
    for cue in cue_words(text[content_start:end]):
        comma = text.rfind(", ", content_start, content_start + cue.start())
        if comma > content_start and len(text[comma : content_start + cue.start()].split()) <= 8:
            content_end = comma
            break
    if content_end < 0:
        subject = _ANSWER_SUBJECT.search(text, content_start, end)
        if subject is None:
            return None
        content_end = subject.start()
    if len(text[content_start:content_end].split()) < 2:
        return None
    by = _ASKED_BY.match(m.group("lead"))
    asker = by.group("asker") if by is not None else ""
    return _Found(
        content_start,
        content_end,
        "indirect",
        asker,
        "asked",
        ((content_start, content_end),),
        unnamed=not asker,
        rule="en.indirect.asked",
    )


def _sentence_before(text: str, p_start: int, s_start: int) -> tuple[str, int]:
    """The sentence before ``s_start`` in its paragraph, its lead left out ("But", "On Monday"), and
    where it starts; ("", -1) when what stands before does not end a sentence."""
    before = text[p_start:s_start].rstrip()
    if not before.endswith((".", ":")):
        return "", -1
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(before, 0, len(before) - 1)]
    opening = starts[-1] if starts else 0
    return strip_lead(before[opening:]), p_start + opening


def _previous_subject(text: str, p_start: int, s_start: int) -> str:
    """The named subject of the sentence before ``s_start`` in its paragraph ("Clinton touted her
    record. “We need …”": a quotation with no attribution of its own after it is hers), or ""."""
    subject = _subject_before(text, p_start, s_start)  # ("That means there is an urgent need …" names no one)
    speaker = parse_speaker(subject.replace(DOT, ".")) if subject else None
    # (a name that modifies a noun is not who it is: "Premiership clubs have seen their income soar.")
    return subject if speaker is not None and speaker.named and subject.endswith(speaker.name) else ""


def _sentence_subject_before(text: str, p_start: int, s_start: int) -> tuple[str, int]:
    """The subject of the sentence before ``s_start`` in its paragraph when it names someone — a
    name, or a role ("The prime minister shrugged off …") — and where that sentence starts; ("", -1)."""
    lead, opening = _sentence_before(text, p_start, s_start)
    # (a full name and any verb: "Morgan Freeman beat actors including …")
    subject = SUBJECT.match(lead) or SPEAKING_SUBJECT.match(lead)
    if subject is None or _NAME_SOON.match(lead, subject.end()) or not plausible_speaker(subject.group("subject")):
        # ("Former Downing Street communications chief Alastair Campbell … says": the subject goes on)
        return "", -1
    phrase = subject.group("subject")
    if _PASSIVE_BY.match(lead, subject.end()):
        return "", -1  # "Mr Prater's sentiments were echoed by Christine Rush.": the one who acted follows "by"
    possessor = POSSESSIVE.search(phrase)
    if possessor is not None:
        if _SOMEONES.match(lead, subject.end()):
            return "", -1  # "Tony Blair's official spokesman declined …. He said": the spokesman, unnamed
        phrase = phrase[: possessor.start()]  # "Lord Holme's proposal comes …. He said": Lord Holme
    if not _ROLE_SUBJECT.match(phrase):
        speaker = parse_speaker(phrase.replace(DOT, "."))
        if not speaker.named or not phrase.endswith(speaker.name):
            return "", -1  # (not a name, or a name that modifies a noun: "The 1998 French Open champion")
    return phrase, opening


def _paragraph_before(start: int, paragraphs: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The paragraph right before the one starting at ``start``, or ``None`` for the first."""
    i = bisect.bisect_left(paragraphs, start, key=lambda span: span[0]) - 1
    return paragraphs[i] if i >= 0 else None


def _subject_before(text: str, p_start: int, s_start: int) -> str:
    """The subject of the sentence before ``s_start`` in its paragraph, when it can name a speaker ("Umbro said
    …", "The TUC said …", "Clinton touted …"), or ""; who or what it is, the caller's to say."""
    subject = SUBJECT.match(_sentence_before(text, p_start, s_start)[0])
    return subject.group("subject") if subject is not None and plausible_speaker(subject.group("subject")) else ""


# "It is thought", "it was expected", "It has been suggested": a passive with no one behind it
_IMPERSONAL = re.compile(r"\b[Ii]t\s+(?:is|was|has\s+been|had\s+been|is\s+being)\s+(?:\w+ly\s+)?[a-z]+(?:ed|wn|ght)\b")
_INTRODUCING = re.compile(r"[^.!?“”\"]{2,100}:\s*[“\"]")
_ROLE_SUBJECT = re.compile(r"The\s+[a-z][a-z -]+$")
_PASSIVE_BY = re.compile(r"(?:\s+[a-z]+)?\s+(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?\w+\s+by\b")
# someone a person has: "Tony Blair's official spokesman", "Mr Begg's father"
_SOMEONES = re.compile(
    r"(?:\s+[a-z-]+)?\s+(?:spokes(?:man|woman|person)|official|aide|adviser|advisor|lawyer|agent|wife|husband|son|"
    r"daughter|father|mother|brother|sister|partner|friend|manager|deputy|secretary)\b"
)
_NAME_SOON = re.compile(r"(?:\s+\S+){0,2}\s+[A-Z][a-z]+\s+[A-Z]")


_SENTENCE_BREAK = re.compile(r"[.!?][”\"’]?\s+")


def _span(offset: int, m: re.Match[str], group: str, phrase: str, cue: str, rule: str) -> _Found:
    start, end = offset + after_dateline(m.string, m.start(group), m.end(group)), offset + m.end(group)
    return _Found(start, end, "indirect", strip_lead(phrase), cue, ((start, end),), rule=rule)


_ENDS_ATTRIBUTION = frozenset('.!?;:“”"«»\n')
_NEXT_STATEMENT = re.compile(r",\s+(?:[a-z]+ing|and|but|though|although)\b")
_CONCEDING = re.compile(
    rf",?\s+(?:though|although|but|while)\s+(?:he|she|they)\s+(?:also\s+)?(?P<cue>{FINITE_CUE_PATTERN})\b"
)


# what a participle after an attribution is about, rather than what was said: ", commenting on the figures"
_TOPIC = re.compile(rf"(?:on|of|about)\s+(?!(?:{DAYS}|the\s+(?:day|eve)|\d))", re.IGNORECASE)


def _second_statement(text: str, first: _Found, sentences: Sequence[tuple[int, int, int]]) -> _Found | None:
    """What the same speaker says next in the sentence: "… said the plan was “not ready”, and
    suggested that the committee wait" gives "the committee wait" too."""
    end = first.end
    if first.kind == "direct":
        # "“…,” Rendell recalled, suggesting …": past the attribution after the quotation, which ends at
        # the first comma before a participle or a conjunction (looked for by hand: most quotations
        # end their sentence and are passed over at the first full stop)
        comma = text.find(",", end + 2, end + 90)
        while comma != -1:
            if any(ch in _ENDS_ATTRIBUTION for ch in text[end:comma]):
                return None
            if _NEXT_STATEMENT.match(text, comma):
                break
            comma = text.find(",", comma + 1, end + 90)
        if comma == -1:
            return None
        end = comma
    m = _AND_CUE.match(text, end)
    if m is None:
        # "… the “king of debt,” noting that …": a participle of saying after the first statement
        m = PARTICIPLE.match(text, end)
        if m is None and text[end - 2 : end] in (",”", ',"'):
            m = PARTICIPLE.match(text, end - 2)
        if m is None:
            # "… because “…,” though she noted she has also …": a pronoun's concession
            m = _CONCEDING.match(text, end)
        if m is None:
            return None
    i = bisect.bisect_right(sentences, (first.end, len(text) + 1, 0)) - 1
    if i < 0 or not sentences[i][0] <= first.end <= sentences[i][1]:
        return None
    start, end = _statement_after(text, m.end(), sentences[i][0], sentences[i][1])
    while start < end and text[start] in ",:":  # "adding, “…”", "argued: “…”"
        start = _after_space(text, start + 1)
    if len(text[start:end].split()) < 3:
        return None
    if _TOPIC.match(text, start) and not m.group("cue").startswith("call"):
        return None  # ", commenting on the BoE's figures": what it was about (but "calling on X to …" says something)
    return _Found(
        start, end, "indirect", first.phrase, m.group("cue"), ((start, end),), rule="en.indirect.next-statement"
    )


def _after_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _statement_after(text: str, cue_end: int, s_start: int, s_end: int, *, after: int | None = None) -> tuple[int, int]:
    """The content of a statement whose reporting verb ends at ``cue_end``, in the sentence
    ``text[s_start:s_end]``: from its "that" or next word to the end of the clause."""
    start = s_start + content_begins(text[s_start:s_end], cue_end - s_start)
    return start, _trim_end(text, start, s_end, after=start if after is None else after)


def _trim_end(text: str, start: int, end: int, *, after: int | None = None) -> int:
    """Where reported content ends: before the sentence's final stop, and — looking from
    ``after`` on — before a trailing clause that is the writer's, not the speaker's
    (", where …", ", who …", ", but …", ", arguing that …", " — a …")."""
    if after is not None:
        tail = _TRAILING_CLAUSE.search(text, after, end)
        if tail is not None:
            end = tail.start()
    while end > start and text[end - 1] in ".!?,;: ":
        end -= 1
    return end


# A second reporting verb whose subject is the first one's: "he called her “weak” and said she had …"
# verbs of saying that start a second statement; not every verb of the lexicon: "… said the committee met and
# agreed to a vote" — agreeing, hoping or expecting after "and" is as often the clause's own subject's
_AND_CUE_VERBS = """say add suggest argue warn note insist stress urge call tell accuse describe criticize criticise
praise dismiss vow pledge predict complain tweet write declare announce claim lament blast slam mock deny acknowledge
concede encourage""".split()
_AND_CUE = re.compile(
    r",?\s+(?:and|but)\s+(?:(?:he|she|they)\s+)?(?:has\s+|have\s+|had\s+)?(?:also\s+|then\s+)?(?P<cue>"
    # the past ("and said") or the present ("and says"), as the first statement was told, or after a
    # participle any reporting verb's -ing form (", calling it “disqualifying” and asserting that …")
    + alternation({form for verb in _AND_CUE_VERBS for form in past_and_present(verb)} | PROGRESSIVE_CUES)
    + r")\b"
)
# the speaker's next statement inside the sentence: ", saying …", " and said …"
_LATER_STATEMENT = re.compile(
    r",\s+(?:also\s+)?(?P<participle>saying|adding|noting|arguing|calling|insisting|warning|describing|accusing)\b"
    + "|"
    + _AND_CUE.pattern
)
# "…, and more than 4 in 10 said …": someone else's statement
_AND_ANOTHER = re.compile(
    r",\s+(?:and|while|whereas|but)\s+(?!that\b)(?=(?:[\w’'%-]+\s+){1,5}?"
    rf"(?:{FINITE_CUE_PATTERN})\b)"
)
_SEMICOLON = re.compile(r";\s+")
_TRAILING_CLAUSE = re.compile(
    # (the comma may stand inside the closing quotation mark: … a “terrible situation,” but stopped short …)
    r"(?:,[”\"’]?|(?<=,[”\"’]))\s+(?:where|who|whom|whose|which|while|whereas|but|though|although|even\s+though|"
    r"arguing|adding|saying|comparing|describing|insisting|warning|suggesting|accusing|"
    r"noting|citing|calling|according|an?|especially|even\s+as|contradicting|prompting|sparking|drawing)\b|\s+[—–]\s+(?!and\s+that\b)|;\s+"
    # "… said he was “not ready”, and suggested that …": the speaker's next statement, not this one's content
    rf"|{_AND_CUE.pattern}"
    # "… that the reforms were not complete, and human rights groups warned …": a clause with a subject of its own
    r"|,\s+and\s+(?!that\b)(?=(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|he|she|they|we|(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*s"
    r"|(?:the|a|an|his|her|their|its|many|some|most)"
    r"(?:\s+[\w’'-]+){1,3}?)\s+(?:\w+ly\s+)?(?:is|was|are|were|has|had|have|will|would|could|can|did|does|do|"
    r"[a-z]{2,}ed|[a-z]{2,}s)\b)"
    rf"|{_AND_ANOTHER.pattern}"
)


def _fill_between(
    text: str, resolved: list[tuple[_Found, Speaker | None]], sentences: list[tuple[int, int, int]]
) -> list[tuple[_Found, Speaker | None]]:
    """A sentence between two views of the same speaker in one paragraph continues their thought
    (a fragment of under four words, "7 p.m." or "He said", does not)."""
    out = list(resolved)
    starts = [s for s, _, _ in sentences]

    def paragraph_at(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return sentences[i][2] if i >= 0 else -1

    for (a, sa), (b, sb) in itertools.pairwise(resolved):
        if sa is None or sa != sb or a.kind != "indirect" or paragraph_at(a.start) != paragraph_at(b.start):
            continue
        for start, end, _ in sentences:
            if a.end <= start and end <= b.start and "“" not in text[start:end] and '"' not in text[start:end]:
                if any(ch.isalpha() for ch in text[a.end : start]) and text[a.end : start].count(".") > 1:
                    continue
                if len(text[start:end].split()) < 4:
                    continue
                between = _Found(
                    start, _trim_end(text, start, end), "indirect", "", "", (), rule="en.indirect.between-views"
                )
                out.append((between, sa))
    out.sort(key=lambda item: item[0].start)
    return out


#: a body's initials in a speaker's description: "PCS" of "PCS leader"
_INITIALS = re.compile(r"\b[A-Z][A-Z&]{1,7}\b")


def _initials_described(speaker: Speaker | None) -> bool:
    """Whether what describes ``speaker`` (or names them, when nothing describes them) holds a body's initials."""
    if speaker is None:
        return False
    return (
        _INITIALS.search(
            f"{speaker.role} {speaker.organization}" if speaker.role or speaker.organization else speaker.name
        )
        is not None
    )


def _typed_as_written(speaker: Speaker | None, text: str, as_body: dict[str, bool]) -> Speaker | None:
    """A speaker named and nothing more, whom the article writes as a body ("BT said it …", "GE's net profits"), typed
    as a body that no lexicon knows is: an organisation's."""
    if speaker is None or speaker.type != "other" or speaker.role or speaker.organization:
        return speaker
    words = speaker.name.split()
    if not all(w[:1].isupper() or w[:1].isdigit() or w in ("&", "of", "and") for w in words) or (
        words[0].lower() in _NOT_A_BODY_NAME or names_a_place(speaker.name, "en", _PLACES)
    ):
        return speaker  # (a name only: not "The US", "Analysts", "It", "Australia's competition watchdog")
    body = as_body.get(speaker.name)
    if body is None:
        body = as_body[speaker.name] = written_as_body(text, speaker.name)
    return replace(speaker, type="organization") if body else speaker


#: words a speaker's name may open on that make it no body's name: an article, a pronoun, a group
_PLACES = PACK.capitals | PACK.country_names
_NOT_A_BODY_NAME = frozenset({"the", "a", "an", "it", "its", "they", "their"}) | PACK.group_nouns


#: what a party politician has: "his party" (the pack's ``party_possessives``)
_PARTY = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in PACK.party_possessives) + r")\b", re.IGNORECASE
)


def _typed_by_party(speaker: Speaker | None, partisan: Sequence[str]) -> Speaker | None:
    """A person named and nothing more whom a sentence of the article gives a party ("Mr Kennedy also outlined his
    party's plan to …") typed as a party politician: an official. ``partisan``: the article's sentences that give
    someone a party."""
    if speaker is None or speaker.type != "other" or speaker.role or speaker.organization or not speaker.named:
        return speaker
    words = speaker.name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return speaker  # (a person's name in full: "It", "Analysts" and bodies are not read so)
    surname = re.compile(rf"\b{re.escape(words[-1])}\b")
    return replace(speaker, type="official") if any(surname.search(s) for s in partisan) else speaker


def _typed_by_body_name(speaker: Speaker | None, text: str) -> Speaker | None:
    """``speaker`` typed by the body a post's capitalised noun stands for in the article ("Committee chairman Barry
    Sheerman" after "The Commons education select committee" is an official); the description shown stays."""
    if speaker is None or not speaker.role or speaker.type not in ("organization", "other"):
        return speaker
    spelled = find_body_names(text, speaker.role)
    if spelled == speaker.role:
        return speaker
    kind = classify(spelled, speaker.organization, speaker.name)
    return replace(speaker, type=kind) if kind != "other" else speaker


def _typed_by_initials(speaker: Speaker | None, acronyms: dict[str, str]) -> Speaker | None:
    """``speaker`` typed by what the article says the initials describing them stand for ("PCS leader", where "the
    Public and Commercial Services Union (PCS)" was named, is a union's; "president of AARA, an association …" is
    no official), when that gives a type; the description shown stays as written."""
    if speaker is None or not acronyms or not _initials_described(speaker):
        return speaker

    def spelled(words: str) -> str:
        return _INITIALS.sub(lambda m: acronyms.get(m.group(), m.group()), words)

    if speaker.role or speaker.organization:
        kind = classify(spelled(speaker.role), spelled(speaker.organization), speaker.name)
    else:
        kind = classify("", "", spelled(speaker.name))
    return replace(speaker, type=kind) if kind != "other" else speaker
