"""The language-neutral quote engine: quotations, attributions and reported speech from a pack's grammar.

The engine holds no word of any language. It reads a :class:`~briefing.quotes.grammar.Grammar` — the verbs of
saying and their forms, "according to" constructions, the words that open reported content, pronouns, role words
and the lexicons that type a speaker — and runs named rules in a fixed order, each rule's id being
``<language>.<stage>.<name>`` (the pack's ``rules.toml`` lists them with examples that run as tests):

1. **quotations** (marks paired by :mod:`briefing.quotes.marks`), each tried in turn against its attribution
   *after* the closing mark (``after.inverted``: "«…», — сказал X"; ``after.normal``: "«…», — X сказал"), *inside*
   it between dashes (``inside.dashes``: "«…, — сказал X. — …»"), and *before* the opening mark
   (``before.according``: "По словам X, «…»"; ``before.normal``: "X заявил: «…»"; ``before.inverted``:
   "Как сказал X, «…»"; ``before.name-colon``: "X: «…»"); a quotation that follows an attributed one with nothing
   but its attribution between continues it (``continuation``); a paragraph that opens with a dash is direct
   speech when the grammar says so (``dash.dialogue``: "— Это невозможно, — сказал Чуркин. — …");
2. **reported speech** in each sentence no quotation covers: "according to" first, inside or last
   (``indirect.according-first``/``-inside``/``-last``, and ``indirect.according-after`` for "X zufolge"), the
   verb after the content (``indirect.trailing``: "…, sagte X."), a subject, a verb and the word that opens the
   content (``indirect.that``: "X заявил, что …"; ``indirect.inverted-that``: "Am Montag sagte X, dass …"), a
   subject and a verb before a colon or a comma (``indirect.colon``), and a sentence in the mood of reported
   speech that carries on the report before it (``indirect.reported-mood``: "Man müsse …"); a sentence whose
   reported content holds a quotation makes a *mixed* quote;
3. **speakers**: each phrase split into name, role and organisation and typed from the lexicons; a pronoun, a
   surname or a role met again resolves to the speaker met before (:class:`_Book`).

An unattributed quotation of more than 60 characters is kept without a speaker (``unattributed``).
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.models import Article, Quote, QuoteKind, Sentence, Speaker
from briefing.nlp import segment, split_paragraphs
from briefing.quotes.engine.book import _Book
from briefing.quotes.engine.names import (
    _APPOSITION,
    _APPOSITION_WORDS,
    _CLOSING_MARKS,
    _MARKS,
    _NAME_STRIP,
    _OPENING_MARKS,
    _WORD,
    _articled,
    _clean_phrase,
    _courteous,
    _described,
    _describes,
    _is_name_word,
    _may_be,
    _Mention,
    _mentions,
    _opening_article,
    _opens_relative,
    _parse,
    _participial,
    _participle,
    _posts_described,
    _subject_mention,
    _unelided,
)
from briefing.quotes.engine.patterns import _Patterns
from briefing.quotes.engine.speaker_types import _foreign_script, _initials, _type
from briefing.quotes.field import typed_by_field
from briefing.quotes.grammar import Grammar, load_grammar
from briefing.quotes.marks import QuoteSpan, find_quotations
from briefing.quotes.spans import DOT, Spans, container, described_throughout, found_quote, outermost

__all__ = ["QuoteEngine"]


def _names_something(quoted: str) -> bool:
    """Whether a quotation is only a few capitalised words, naming something ("«Газпром»", "„Die Presse“")."""
    words = quoted.strip(' «»“”„"‹›').split()
    return (
        1 <= len(words) <= 5
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        and not any(c in quoted for c in ".!?")
    )


#: an unattributed quotation shorter than this is left out (a term or a title in quotation marks)
UNATTRIBUTED_FROM = 60
#: the most words a quotation inside a sentence may have and still be a name or a title, no one's words („Wegovy“)
_TITLE_WORDS = 3
#: the most words of a description between commas after a name, before the verb, that no role word need mark
_APPOSED_WORDS = 8
#: the most characters between an attribution and a quotation right after it (a stop and spaces)
_RIGHT_AFTER = 4
#: the fewest words reported content with no word opening it has, and how many of its first words must hold its verb
_CLAUSE_WORDS = 3
#: the most words a sentence's subject has before a relative clause set off after it ("The Tory leader, who …")
_SUBJECT_WORDS = 5
_CLAUSE_HEAD = 8
#: the shortest word a finite ending ("-ed") tells is a verb ("red", "bed" are not)
_SHORTEST_ENDED = 4
#: the marks a quotation ends on, inside its closing mark, before its attribution ('"…," she said', '"…?" he asked')
_OWN_COMMA = frozenset(",?!")


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    phrase: str
    cue: str
    rule: str
    parts: tuple[tuple[int, int], ...] = ()
    case: str | None = None  # the grammatical case the speaker phrase is in, when the construction tells it
    attribution_end: int = 0  # where an attribution after the quote ends


class QuoteEngine:
    """Finds quotes and reported views in an article with the rules of one language's grammar."""

    name = "rules"

    def __init__(self, language: str) -> None:
        self.grammar = g = load_grammar(language)
        self._patterns = _Patterns(self.grammar)
        # the words the clause readers pass over, joined once: those that may open a noun phrase in lower case
        # (_no_noun_phrase), join one after a name (_apposition), or join the words before a verb (_subject_of_verb)
        self._noun_phrase_openers = g.articles | g.affiliation | g.leading | g.pronouns
        self._apposition_joins = g.articles | g.affiliation | g.closing | set(g.conjunctions)
        self._clause_joins = g.articles | g.leading | g.closing | g.affiliation | g.prepositions | set(g.conjunctions)

    def extract(self, article: Article, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
        """Return the article's quotes in reading order, each with its speaker resolved."""
        text = _dotted(article.text, self.grammar)  # (what the patterns read; quotes are sliced from article.text)
        paragraphs = split_paragraphs(text)
        spans = [(s.start, s.end) for s in sentences] or [(s, e) for _, s, e in segment(text)]
        articled = _articled(text, self.grammar)
        mentions = _posts_described(text, spans, _mentions(text, self.grammar, articled), self.grammar)
        written = (" ".join(text[m.position : m.end].split()) for m in mentions)
        named = frozenset(n for n in written if " " in n)  # (in full: a surname alone stands for one of them)
        found, pending = self._quotations(text, paragraphs, spans, mentions, named)
        if self.grammar.dialogue_dash:
            taken = Spans((f.start, f.end) for f in found)
            found += [f for f in self._dialogue(text, paragraphs, named) if not taken.overlaps(f.start, f.end)]
        taken = Spans((f.start, f.end) for f in found)
        found += [f for f in self._interview(text, paragraphs, mentions) if not taken.overlaps(f.start, f.end)]
        found += self._reported(text, spans, paragraphs, found, pending, mentions, named)
        self._go_on(text, found, spans, paragraphs, mentions)
        book = _Book(self.grammar, mentions, paragraphs, text)
        quotes: list[Quote] = []
        for f in outermost(f for f in found if f.end > f.start):
            if (
                f.phrase
                and self.grammar.body_pronouns
                and _clean_phrase(f.phrase, self.grammar).lower() in self.grammar.body_pronouns
            ):
                # ('"…," it said.'): the body a sentence before opens on — a body, so an organisation when no lexicon
                # says more — or the pronoun as it is
                body = self._body_before(text, f.start, spans, paragraphs, named=True)
                speaker = (
                    (replace(body, type="organization") if body.type == "other" else body)
                    if body is not None
                    else book.resolve(f.phrase, f.case, f.start)
                )
            else:
                speaker = book.resolve(f.phrase, f.case, f.start) if f.phrase else None
            if speaker is not None and speaker.type == "other" and (speaker.role or speaker.organization):
                speaker = _typed_by_initials(speaker, text, self.grammar)
            pronoun = _clean_phrase(f.phrase, self.grammar).lower() if speaker is None and f.phrase else ""
            if pronoun in self.grammar.pronouns and pronoun not in self.grammar.plural_pronouns:
                # "Die Gewerkschaft Verdi kritisierte den Plan. „…“, sagte sie.": no person before it, the body the
                # sentence before opened on
                speaker = self._body_before(text, f.start, spans, paragraphs)
            if (
                speaker is not None
                and speaker.type == "other"
                and not speaker.role
                and f.cue.lower() in self.grammar.publishing
            ):
                if not speaker.named or len(speaker.name.split()) == 1:
                    # one word, writing and nothing else about it: a publication ("пишет Khorasan", "schreibt die Zeit")
                    speaker = replace(speaker, type="media")
            if (
                speaker is not None
                and self.grammar.foreign_script_type is not None
                and not speaker.role
                and not speaker.organization
                and _foreign_script(speaker.name, self.grammar.script)
            ):
                # a language that writes every person's name in its own script: a name in another alone is a
                # title's or a brand's ("Die Welt", "NEWSru.com"), typed as the pack says
                speaker = replace(speaker, type=self.grammar.foreign_script_type)
            if (
                speaker is not None
                and speaker.named
                and speaker.type == "other"
                and not speaker.role
                and not speaker.organization
                and " " in speaker.name
                and speaker.name.split()[0] in articled
                and speaker.name.split()[0].lower().endswith(self.grammar.adjective_endings)
                and all(w[:1].isupper() for w in speaker.name.split())
            ):
                # a name that opens on an adjective the article writes after an article, in a language where
                # people's names take none: a body's ("die Deutsche Bahn", "die Europäische Payment-Initiative")
                speaker = replace(speaker, type="organization")
            quotes.append(found_quote(article, paragraphs, (f.start, f.end), f.kind, speaker, f.cue, f.parts, f.rule))
        if book.learned:
            # (people named bare that a post met later describes: "the Liberal Democrat leader" is Kennedy; and posts
            # the person named next holds: "the Trade and Industry Secretary" is Patricia Hewitt)
            quotes = [
                replace(q, speaker=learned)
                if q.speaker is not None
                and q.speaker.named
                and not q.speaker.role
                and (learned := _learned(book.learned, q.speaker)) is not None
                else replace(q, speaker=book.named_next[q.speaker])
                if q.speaker is not None and q.speaker in book.named_next
                else q
                for q in quotes
            ]
        described = described_throughout(quotes)
        if self.grammar.field is not None:
            # (someone quoted and described nowhere: typed as the article's field leans)
            return typed_by_field(described, self.grammar.field, text)
        return described

    def _go_on(
        self,
        text: str,
        found: list[_Found],
        spans: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
        mentions: list[_Mention],
    ) -> None:
        """A quotation no rule attributed that opens the sentence right after one that reports someone, in the
        same paragraph, goes on with them ("…, sagt der Neurologe. „Es gibt keinen Biomarker.“"); so does one further
        on in that paragraph when no one has been named since (``continuation.paragraph``). The reported views are
        found after the quotations, so this is looked at last."""
        code = self.grammar.code
        starts = [s for s, _ in spans]
        attributed = sorted((f for f in found if f.phrase), key=lambda f: f.start)
        for f in found:
            if f.phrase or f.kind != "direct" or f.rule != f"{code}.unattributed":
                continue
            here = bisect.bisect_right(starts, f.start) - 1
            if here < 1 or not text[spans[here][0] : f.start].strip(" \t\u00a0") == "":
                continue  # (it must open its sentence)
            before = spans[here - 1]
            last = next((a for a in reversed(attributed) if before[0] <= a.start < before[1]), None)
            if last is not None and container(f.start, paragraphs) == container(last.start, paragraphs):
                f.phrase, f.cue, f.case, f.rule = last.phrase, last.cue, last.case, f"{code}.continuation"
                continue
            # (or further back in its paragraph, when no one has been named since: the speaker is still on)
            paragraph = container(f.start, paragraphs)
            last = next((a for a in reversed(attributed) if a.end <= f.start), None)
            if (
                last is None
                or paragraph is None
                or container(last.start, paragraphs) != paragraph
                or any(max(last.end, last.attribution_end) <= m.position < f.start for m in mentions)
            ):
                continue
            f.phrase, f.cue, f.case, f.rule = last.phrase, last.cue, last.case, f"{code}.continuation.paragraph"
        # a short quotation left without a speaker is a term in quotation marks, not anyone's words
        found[:] = [
            f for f in found if f.phrase or f.rule != f"{code}.unattributed" or f.end - f.start > UNATTRIBUTED_FROM
        ]

    # -- quotations ---------------------------------------------------------------------------

    def _quotations(
        self,
        text: str,
        paragraphs: list[tuple[int, int]],
        spans: list[tuple[int, int]],
        mentions: list[_Mention],
        named: frozenset[str],
    ) -> tuple[list[_Found], list[QuoteSpan]]:
        """Attributed quotations, and those left without an attribution (a sentence's reported content may hold
        them: then they make a mixed quote)."""
        p = self._patterns
        code = self.grammar.code
        outer = [
            q
            for q in find_quotations(text, paragraphs)
            if q.depth == 0 and q.end - q.start > 3 and not _names_something(text[q.start : q.end])
        ]
        found: list[_Found] = []
        pending: list[QuoteSpan] = []
        last: _Found | None = None
        i = 0
        while i < len(outer):
            q = outer[i]
            p_start, p_end = container(q.start, paragraphs) or (q.start, q.end)
            s_start, s_end = container(q.start, spans) or (p_start, p_end)
            after = text[q.end : p_end]
            before = text[max(p_start, s_start) : q.start]
            item: _Found | None = None
            m = p.after_inverted.match(after)
            if m and self._plausible((m.group("speaker") or ""), m.group("cue")):
                item = _Found(q.start, q.end, "direct", _described(m), m.group("cue"), f"{code}.after.inverted")
            elif (m := p.after_normal.match(after)) and self._plausible(m.group("speaker") or ""):
                item = _Found(
                    q.start, q.end, "direct", (m.group("speaker") or ""), m.group("cue"), f"{code}.after.normal"
                )
            elif (
                self.grammar.comma_inside
                and _ends_on_own_comma(text, q)
                and (m := p.after_comma_inside.match(after))
                and self._plausible(m.group("speaker") or "")
                # (no clause of the writer's joined on, ", but said": a description opens on an article or a noun)
                and not any(
                    w.lower() in self.grammar.leading and w.lower() not in self.grammar.articles
                    for w in (m.group("appositive") or "").split()[:1]
                )
            ):
                item = _Found(q.start, q.end, "direct", _described(m), m.group("cue"), f"{code}.after.normal")
            elif (m := p.after_dash.match(after)) and self._names_someone(m.group("speaker") or ""):
                item = _Found(q.start, q.end, "direct", _described(m), "", f"{code}.after.dash")
            if item is not None and m is not None:
                item.phrase = self._pronoun_in_cue(item.phrase, item.cue)
                parts = [(q.start, q.end)]
                rest = after[m.end() :]
                second = p.second_part.match(rest)
                if (
                    second
                    and i + 1 < len(outer)
                    and outer[i + 1].start == q.end + m.end() + second.end()
                    and not self._said_by_another(text, outer[i + 1], p_end, item.phrase)
                ):
                    i += 1
                    parts.append((outer[i].start, outer[i].end))
                item.end = parts[-1][1]
                item.parts = tuple(parts)
                item.attribution_end = q.end + m.end()
            if item is None:
                inside = p.inside.search(text, q.start + 1, q.end)
                if inside and self._plausible(inside.group("speaker") or ""):
                    item = _Found(
                        q.start,
                        q.end,
                        "direct",
                        (inside.group("speaker") or ""),
                        inside.group("cue"),
                        f"{code}.inside.dashes",
                        ((q.start, inside.start()), (inside.end(), q.end)),
                    )
            # a quotation right after the word that opens reported content is part of that content, the sentence's
            # report a mixed quote ("Ditto said via email that, “Of course …” against …"): left to reported speech
            reported = item is None and self._opens_content(before)
            if item is None and not reported:
                item = self._before(before, q, named)
            if before.rstrip().endswith(":"):
                # "По словам аналитика X, Крым не единственный …: «…»": the report before the colon is the speaker's
                # the sentence opens with, and so is the quotation after it when nothing else attributes it
                lead = before.rstrip()[:-1]
                according = p.according_first.match(lead)
                if (
                    according
                    and self._plausible(according.group("speaker"))
                    and len(according.group("content").split()) >= 3
                ):
                    report = self._span(
                        max(p_start, s_start), according, "according-first", case=self.grammar.according_case
                    )
                    found.append(report)
                    if item is None:
                        item = _Found(q.start, q.end, "direct", report.phrase, report.cue, f"{code}.before.according")
                        item.case = report.case
            if item is None and before.rstrip().endswith(":"):
                subject = _subject_mention(mentions, max(p_start, s_start), q.start)
                pronoun = self._subject_pronoun(before)
                described = self._subject_role(before) if subject is None and not pronoun else ""
                if subject is None and not pronoun and not described:
                    # ("Hier sparte der Bundespräsident nicht mit Kritik:", "Thaksin begründete es mit den Worten:")
                    described = self._subject_of_verb(text, max(p_start, s_start), q.start, mentions, named)
                if subject is not None or pronoun or described:
                    # "Сам Александр Белов оказался более дипломатичным: «…»", "Er ist überzeugt: „…“", "Auch die
                    # Experten der Commerzbank sehen die Lage ähnlich: „…“": the clause's subject introduces it
                    phrase = subject.phrase if subject is not None else pronoun or described
                    item = _Found(q.start, q.end, "direct", phrase, "", f"{code}.before.colon-subject")
            # (a quotation right after the attribution of the one before, with nothing between, goes on with it:
            # "«…», — заявила Анна Петрова. «…»", below)
            right_after = (
                last is not None
                and 0 < last.attribution_end <= q.start <= last.attribution_end + _RIGHT_AFTER
                and not text[last.attribution_end : q.start].strip(" .")
            )
            if (
                item is None
                and not right_after
                and not before.strip()
                and not text[q.end : max(q.end, s_end)].strip(" .,;!?\u00a0")
            ):
                # a quotation that is a sentence of its own, right after one that opens on a person — theirs, before
                # the last speaker's going on ("„…“, ruft Nora Back. Patrick Dury wird später noch deutlicher. „…“")
                introducer = self._introduced_by(text, spans, max(p_start, s_start), p_start, mentions)
                # (a quotation alone in its paragraph without a closing stop is a subheading: "„Zweites PayPal …“")
                titled = (
                    not text[p_start : q.start].strip(_MARKS + " ")
                    and text[q.start : q.end].rstrip(_MARKS + " ")[-1:] not in ".!?…"
                    and text[q.end : q.end + 4].lstrip(_MARKS)[:1] not in ".!?…"
                )
                if introducer is not None and not titled:
                    item = _Found(q.start, q.end, "direct", introducer, "", f"{code}.before.subject-sentence")
            if (
                item is None
                and not reported
                and last is not None
                and self._continues(text, last, q, paragraphs, pending)
            ):
                item = _Found(q.start, q.end, "direct", last.phrase, last.cue, f"{code}.continuation")
                item.case = last.case
            if item is not None:
                found.append(item)
                last = item
            else:
                embedded = bool(before.strip()) and not before.rstrip().endswith((":", "—", "–"))
                if embedded or q.end - q.start <= UNATTRIBUTED_FROM:
                    pending.append(q)
                else:
                    found.append(_Found(q.start, q.end, "direct", "", "", f"{code}.unattributed"))
                last = None
            i += 1
        return found, pending

    def _before(self, before: str, q: QuoteSpan, named: frozenset[str]) -> _Found | None:
        p = self._patterns
        code = self.grammar.code
        # (a relative clause after the subject is no part of the attribution: "The Tory leader, who argues he is
        # ensuring honesty, said: “…”")
        if before.count(",") >= 2:
            before = self._subjects_asides_blanked(before, [(0, len(before))])
        m = p.before_according.search(before)
        if m:
            f = _Found(q.start, q.end, "direct", (m.group("speaker") or ""), m.group("cue"), f"{code}.before.according")
            f.case = self.grammar.according_case or None
            return f
        m = p.before_subject.match(before)
        apposed = self._apposed(m.group("speaker"), named) if m else None
        if m and apposed:
            # "Gabi Schwab, Schulleiterin der MS Egger-Lienz sagte: „…“": the clause's subject, named and described
            return _Found(q.start, q.end, "direct", apposed, m.group("cue"), f"{code}.before.normal")
        named_first = self._named_first(m.group("speaker"), named) if m else None
        if m and named_first:
            # "Veit sieht die Wahrscheinlichkeit … als gering an: „…“", "Luke Bartholomew vom Vermögensverwalter
            # Aberdeen, erwartet …: „…“": a clause that opens on a person, the verb after them
            return _Found(q.start, q.end, "direct", named_first, m.group("cue"), f"{code}.before.normal")
        normal = p.before_normal.search(before)
        if normal is not None:
            # one who reports that another told them: the other is the speaker ("The News of the World reports that
            # Anelka told a French magazine: …")
            words = before[normal.end("cue") :].split(None, 1)
            if len(words) == 2 and words[0].lower().strip(",") in self.grammar.complementizers:
                inner = p.before_normal.search(words[1])
                if inner is not None and self._plausible(inner.group("speaker") or ""):
                    normal = inner
        inverted = p.before_inverted.search(before)
        if inverted and not self._opens_speaker(inverted.group("speaker") or ""):
            inverted = None  # ("… выразил свое неудовольствие … следующими словами:": what was said, not who)
        # "Gefragt meint Patrick Dury:", "Позже заявил Песков:": the word before the verb is no one, the subject after
        if (
            normal
            and inverted
            and self._plausible(inverted.group("speaker") or "")
            and (
                self._opens_unnamed(normal.group("speaker") or "", named)
                or self._opens_on_preposition(normal.group("speaker") or "")
            )
            and self._someone(inverted.group("speaker") or "", named)
        ):
            normal = None
        subject = self._subject_after_verb(normal.group("speaker") or "", named) if normal else ""
        if normal and subject:
            # "Am 18. November hatte er … betont: „…“": the subject stands after the finite verb that opens the clause
            return _Found(q.start, q.end, "direct", subject, normal.group("cue"), f"{code}.before.inverted")
        for m, rule in ((normal, "before.normal"), (inverted, "before.inverted")):
            if m and self._plausible(m.group("speaker") or ""):
                return _Found(q.start, q.end, "direct", (m.group("speaker") or ""), m.group("cue"), f"{code}.{rule}")
        m = p.name_colon.search(before)
        speaker = (m.group("speaker") or "") if m else ""
        words = speaker.split()
        if len(words) == 2 and words[0].lower() in self.grammar.possessive_words and words[1][:1].isupper():
            # "Sein Fazit: „…“", "Ihre Botschaft: „…“": the possessive's owner, as a pronoun would be, not "Fazit"
            return _Found(q.start, q.end, "direct", words[0], "", f"{code}.before.name-colon")
        if m and self._names_someone(speaker) and _clean_phrase(speaker, self.grammar):
            # (not a conjunction alone: "…“, sagt Bongartz. Und: „…“ goes on with the last speaker)
            return _Found(q.start, q.end, "direct", speaker, "", f"{code}.before.name-colon")
        return None

    def _opens_content(self, before: str) -> bool:
        """Whether the words before a quotation end on the word that opens reported content ("… said that", "…
        заявил, что"), a comma after it or not."""
        words = before.rstrip(" ,\u00a0").rsplit(None, 1)
        return bool(words) and words[-1].lower() in self.grammar.complementizers

    def _said_by_another(self, text: str, q: QuoteSpan, paragraph_end: int, phrase: str) -> bool:
        """Whether quotation ``q`` has an attribution of its own right after it, in its paragraph, naming someone
        other than ``phrase``: then it is no second part of the one before ('"…," it said. "…," said the M&S
        spokesman.'; but '"…," Mr Bush said. "…," he added.' is one statement)."""
        p = self._patterns
        after = text[q.end : paragraph_end]
        m = p.after_inverted.match(after)
        if m is None and self.grammar.comma_inside and _ends_on_own_comma(text, q):
            m = p.after_comma_inside.match(after)
        if m is None or not self._plausible(m.group("speaker") or "", m.group("cue")):
            return False
        own = _clean_phrase(m.group("speaker") or "", self.grammar)
        if not own or own.lower() in self.grammar.pronouns:
            return False
        return own.split()[-1:] != _clean_phrase(phrase, self.grammar).split()[-1:]

    def _continues(
        self, text: str, last: _Found, q: QuoteSpan, paragraphs: list[tuple[int, int]], waiting: list[QuoteSpan]
    ) -> bool:
        """Whether quotation ``q`` goes on with the speaker of ``last``: nothing quoted stands between them, and
        either they share a paragraph with no more than a short stretch of the writer's between them and no verb
        of saying, or ``q`` is the whole of the very next paragraph."""
        if any(last.end <= w.start < q.start for w in waiting):
            return False
        since = max(last.end, last.attribution_end)  # (its attribution is no writer's sentence between them)
        between = text[since : q.start]
        here = bisect.bisect_right(paragraphs, q.start, key=lambda span: span[0]) - 1
        there = bisect.bisect_right(paragraphs, last.end - 1, key=lambda span: span[0]) - 1
        if here < 0 or there < 0:
            return False
        if here != there:
            if here != there + 1:
                return False
            opens = not text[paragraphs[here][0] : q.start].strip(" \n")
            ended = not text[max(last.end, last.attribution_end) : paragraphs[there][1]].strip(" .,\n")
            # (the whole of the next paragraph; or a quotation opening it, right after a paragraph that ends on the
            # last one's attribution: '"…," said Chris Clark, chief executive.¶"But wi-fi networks …" He said …')
            if text[q.end : paragraphs[here][1]].strip(" .,\n") and not (opens and ended):
                return False
            opening = text[paragraphs[here][0] : q.start]
            sentence = _SENTENCE_BREAK.split(opening)[-1]
            if any(w.lower() in self.grammar.cues for w in _WORD.findall(sentence)):
                # (a quotation inside a sentence with a verb of saying of its own is that sentence's report: "…,
                # Clinton called half of Donald Trump's supporters “deplorables.”")
                return False
            between = text[since : paragraphs[there][1]]
        words = _WORD.findall(between)
        return len(words) <= 12 and not any(w.lower() in self.grammar.cues for w in words)

    # -- dialogue ------------------------------------------------------------------------------

    def _body_before(
        self,
        text: str,
        at: int,
        spans: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
        *,
        named: bool = False,
    ) -> Speaker | None:
        """The body the sentence before the one holding ``at``, in its paragraph, opens on ("Die Gewerkschaft Verdi
        kritisierte …", "Компания сообщила …"): its opening words up to the first in lower case, when a lexicon types
        them as an official, an organisation or an outlet; else ``None``. With ``named``, for a pronoun only a body
        stands for: also a name of one word no lexicon knows ("Multiplex will have to win …"), or the sentence before
        that one's (in its paragraph or the one before)."""
        paragraph = (container(at, paragraphs) or (0, 0))[0]
        before = _sentence_before(spans, at, paragraph)
        if named:
            # (up to three sentences back, across one paragraph's end: "Multiplex will have to win legal claims. These
            # claims could take two years. "…," it said.")
            at_most, tried = 3, before or _sentence_before(spans, paragraph, 0)
            while tried is not None and at_most:
                found = self._body_opening(text, tried, named=True)
                if found is not None:
                    return found
                at_most -= 1
                tried = _sentence_before(spans, tried[0], 0)
            return None
        if before is None:
            return None
        return self._body_opening(text, before, named=False)

    def _body_opening(self, text: str, before: tuple[int, int], *, named: bool) -> Speaker | None:
        """The body the sentence ``before`` opens on (see :meth:`_body_before`)."""
        words: list[str] = []
        for word in text[before[0] : before[1]].split():
            if words and not word[:1].isupper():
                break
            words.append(word.strip(",.:;"))
        phrase = _clean_phrase(" ".join(words), self.grammar)
        if not phrase:
            return None
        speaker = _parse(phrase, self.grammar, None)
        if speaker.named and len(speaker.name.split()) > 1:
            return None  # (a person named in full: one the pronoun did not take, for its own reasons)
        if (
            named
            and speaker.named
            and phrase.lower() not in self.grammar.not_name
            and _is_name_word(phrase, self.grammar)
        ):
            return speaker
        return speaker if speaker.type in ("official", "organization", "media") else None

    def _interview(self, text: str, paragraphs: list[tuple[int, int]], mentions: list[_Mention]) -> list[_Found]:
        """The answers of an interview printed as one — an article where a label's paragraphs are questions ("SRF
        News: … ?"): a paragraph that opens on the name of someone the article names and a colon, its words unquoted
        ("Thomas Jäger: Diese war ausschlaggebend. …"), is theirs, and so is every paragraph after it up to the next
        label or question; after a question (a paragraph ending on "?", labelled or not) the next paragraph is the
        last person's answer again."""
        code = self.grammar.code
        labelled = [(p_start, p_end, _LABEL.match(text, p_start, p_end)) for p_start, p_end in paragraphs]
        asking = _asking(text, labelled)
        if not asking:
            return []  # (no one asks: "Кристиан Йенсен: ЕС надо провести реформы" is a headline, not an answer)
        found: list[_Found] = []
        speaker = ""  # the person answering, once one has been named by a label
        for p_start, p_end, label in labelled:
            body = text[p_start:p_end].strip()
            if label is not None:
                person = None if label.group("label") in asking else self._label_person(label.group("label"), mentions)
                if person is None:
                    if not body.endswith("?"):
                        speaker = ""  # ("Спасибо за интервью": the interviewer closes it)
                    continue  # the interviewer's question ("SRF News: …", "STANDARD: …")
                speaker = person
                content_start = label.end()
            elif not speaker or body.endswith("?") or not body or body[-1:] not in _SENTENCE_ENDS:
                continue  # (a question put without a label; a subheading)
            else:
                content_start = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
            content = text[content_start:p_end].strip()
            if len(content.split()) < 3 or content[:1] in _MARKS or content[-1:] not in _SENTENCE_ENDS:
                continue  # (a quotation the name-colon rule takes; a question; a subheading)
            rule = f"{code}.interview.answer" if label is not None else f"{code}.interview.continued"
            found.append(_Found(content_start, _trim(text, content_start, p_end), "direct", speaker, ":", rule))
        return found

    def _label_person(self, label: str, mentions: list[_Mention]) -> str | None:
        """The person a paragraph's label names: someone the article names in full, by that name or their
        surname; ``None`` for any other label (an outlet's, "Frage")."""
        words = label.split()
        if not 1 <= len(words) <= 3 or any(w.lower() in self.grammar.not_name for w in words):
            return None
        for m in mentions:
            if _may_be(m.name, label, full=len(words) > 1) and len(m.name.split()) >= len(words):
                if len(words) == 1 and not m.described:
                    continue  # (a surname alone names someone the article says what they are: not "Bauzinsen")
                return m.name if len(words) == 1 else label
        return None

    def _dialogue(self, text: str, paragraphs: list[tuple[int, int]], named: frozenset[str]) -> list[_Found]:
        """Paragraphs of direct speech that open with a dash: "— A, — сказал X. — B"; and those after a paragraph
        that names someone and ends on a colon ("Лилия Шевцова, ведущий исследователь …, Москва:" then "— …"), as a
        panel of experts is printed — each theirs until a paragraph without a dash (a question, ending "?", is the
        interviewer's)."""
        p = self._patterns
        found: list[_Found] = []
        introduced = ""
        answering = False  # (inside an introduced speaker's answer, which may go on in paragraphs without a dash)
        for k, (start, end) in enumerate(paragraphs):
            opening = p.dialogue_open.match(text, start, end)
            if opening is None:
                follows = self._answer_goes_on(text, paragraphs, k, named) if answering else False
                if follows:
                    last = _trim(text, start, end)
                    found.append(_Found(start, last, "direct", introduced, "", f"{self.grammar.code}.dash.introduced"))
                    continue
                answering = False
                introduced = self._introduces(text[start:end], named)
                continue
            speech = opening.end()
            m = p.dialogue_attribution.search(text, speech, end)
            if m is None and introduced and not text[start:end].rstrip().endswith("?"):
                last = _trim(text, speech, end)
                if last > speech:
                    found.append(_Found(speech, last, "direct", introduced, "", f"{self.grammar.code}.dash.introduced"))
                    answering = True
                continue
            answering = False
            if m is None or not self._plausible((m.group("speaker") or ""), m.group("cue")):
                continue
            first = (speech, _trim(text, speech, m.start()))
            parts = [first]
            if (m.end() < end and text[m.end() - 1] in "—–") or (m.group("more") or ""):
                rest_start = m.end()
                rest_end = _trim(text, rest_start, end)
                if rest_end > rest_start:
                    parts.append((rest_start, rest_end))
            if first[1] <= first[0]:
                continue
            phrase = self._pronoun_in_cue((m.group("speaker") or ""), m.group("cue"))
            found.append(
                _Found(
                    parts[0][0],
                    parts[-1][1],
                    "direct",
                    phrase,
                    m.group("cue"),
                    f"{self.grammar.code}.dash.dialogue",
                    tuple(parts),
                )
            )
        return found

    # -- reported speech -----------------------------------------------------------------------

    def _reported(
        self,
        text: str,
        spans: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
        found: list[_Found],
        pending: list[QuoteSpan],
        mentions: list[_Mention],
        named: frozenset[str],
    ) -> list[_Found]:
        taken = Spans((f.start, f.end) for f in found)
        waiting = sorted((q.start, q.end) for q in pending)
        marked = sorted([*waiting, *((f.start, f.end) for f in found)])  # (every quotation, attributed or not)
        # the text with a relative clause set off between commas after a sentence's subject blanked out, for reading
        # views: a verb of saying in one is the clause's, not the sentence's ("Mr Blair, who last year denied he
        # planned to …, said abortion was …"); the blanks keep every position
        asides = self._subjects_asides_blanked(text, spans)
        # attributed quotations by where their attribution ends: a sentence in the mood of reported speech right
        # after one carries it on ("„…“, warnte Streeck. Gerade für junge Menschen sei das riskant.")
        quoted = sorted(((max(f.end, f.attribution_end), f) for f in found if f.phrase), key=lambda item: item[0])
        ends = [e for e, _ in quoted]
        out: list[_Found] = []
        previous: _Found | None = None
        reporting: _Found | None = None  # the last report found, which a sentence further on may carry on
        reported_until = -1  # where the sentence of that report ends
        before: tuple[int, int] | None = None  # the sentence before this one
        block_end = -1  # where the paragraph a colon introduced ends (see _block_after)
        for start, end in spans:
            if start < block_end:
                continue
            sentence_before, before = before, (start, end)
            if sentence_before is not None and self.grammar.about_this:
                about = self._about_this(text, start, end, sentence_before, waiting, (*found, *out))
                if about:
                    out += about
                    attributed = {(f.start, f.end) for f in about}
                    waiting = [w for w in waiting if w not in attributed]
                    previous = None
                    continue
            if taken.overlaps(start, end):
                previous = None
                joined = self._joined_to_quotation(text, start, end, found)
                if joined is not None:
                    held = _held(waiting, joined.start, joined.end)
                    if held or any(joined.start <= f.start and f.end <= joined.end + 1 for f in found):
                        # (a quotation inside, waiting or taken as the last one's going on, makes it mixed)
                        joined.kind = "mixed"
                        waiting = [w for w in waiting if w not in held]
                    out.append(joined)
                continue
            item = self._view(asides, start, end, named)
            if item is None:
                item = self._gerund(text, start, end, mentions)
            if item is None:
                item = self._after_colon(text, start, end, named)
            block = self._block_after(text, start, end, paragraphs, marked, named) if item is None else None
            if block is not None:
                out.append(block)
                block_end, previous = block.end, block
                continue
            if item is None and previous is None and quoted:
                i = bisect.bisect_right(ends, start) - 1
                if i >= 0 and not text[ends[i] : start].strip(' \t.,;!?\u00a0"»“”'):
                    item = self._carried_on(text, start, end, quoted[i][1], paragraphs)
            if item is None and previous is not None:
                item = self._carried_on(text, start, end, previous, paragraphs)
            if item is None and previous is None and reporting is not None:
                item = self._carried_further(text, (start, end), reporting, reported_until, paragraphs, mentions)
            if item is None and previous is None and sentence_before is not None:
                item = self._after_view(text, start, end, sentence_before, mentions, paragraphs)
            if item is None and any(start <= s < end for s, _ in waiting):
                item = self._subject_cue(text, start, end, mentions)
            if item is None:
                previous = None
                continue
            second = self._statement_after(text, item) if item.kind != "direct" else None
            if item.kind != "direct":
                # (after the speaker's second statement is parted from it: ", adding that …" is theirs)
                self._end_quoted_report(text, item, waiting)
            if second is not None:
                held = _held(waiting, second.start, second.end)
                if held:
                    second.kind = "mixed"
                    waiting = [w for w in waiting if w not in held]
                out.append(second)
            held = _held(waiting, item.start, item.end)
            if held:
                item.kind = "mixed"
                waiting = [w for w in waiting if w not in held]
            opening = self._said_before(text, item, spans, paragraphs, taken, out, mentions)
            if opening < item.start:
                item.start, item.kind = opening, "direct"
            closing = self._said_after(text, item, spans, paragraphs, waiting)
            if closing > item.end:
                item.end, item.kind, block_end = closing, "direct", closing
            out.append(item)
            previous = item
            if item.phrase:
                reporting, reported_until = item, max(end, item.end)
        # quotations no rule attributed: the long ones are kept without a speaker (they do not overlap each other)
        reported = Spans((f.start, f.end) for f in out)
        starts = [a for a, _ in spans]
        for s, e in waiting:
            # (a short one that opens its sentence may go on with the report before it: see _go_on)
            opens = text[starts[max(0, bisect.bisect_right(starts, s) - 1)] : s].strip() == ""
            if (e - s > UNATTRIBUTED_FROM or opens) and not reported.overlaps(s, e):
                out.append(_Found(s, e, "direct", "", "", f"{self.grammar.code}.unattributed"))
        return out

    def _introduced_by(
        self, text: str, spans: list[tuple[int, int]], at: int, paragraph_start: int, mentions: list[_Mention]
    ) -> str | None:
        """The person the sentence before the one starting at ``at`` opens on, by name or by a pronoun, when that
        sentence names no one else and quotes nothing: a quotation opening the next sentence is theirs ("Patrick Dury
        wird später noch deutlicher. „Unser Land hatte …“"). The sentence is in the same paragraph, or, for a
        quotation that opens its paragraph, the last of the paragraph before when that is no headline."""
        before = _sentence_before(spans, at, paragraph_start)
        if before is None and at == paragraph_start:
            # a quotation opening its paragraph, after a paragraph whose last sentence reports someone ("Auch der
            # Ministerpräsident Irakli Kobachidse forderte die EU auf, …" ¶ "„Wir fordern die EU auf, …“")
            k = bisect.bisect_left(spans, (at, 0)) - 1
            previous = spans[k] if k >= 0 else None
            if previous is not None and not _headline(text[previous[0] : previous[1]].strip()):
                before = previous
        if before is None:
            return None
        start, end = before
        sentence = text[start:end]
        subject = _subject_mention(mentions, start, end)
        # (a pronoun the sentence opens on, after one word at most: "Er erhielt …", "Doch er …"; not one of a clause
        # inside it, "Aber wenn sie es will, …")
        pronoun = self._subject_pronoun(sentence) if subject is None else ""
        pronoun = pronoun if pronoun and pronoun in sentence.split()[:2] else ""
        if pronoun and not any(start <= m.position < end for m in mentions) and not self._in_reported_mood(sentence):
            return pronoun  # ("Er erhielt damals 97,84%. „Die Leitung des Aufsichtsrats …“": the pronoun's person)
        if (
            subject is None
            and not any(m in sentence for m in _MARKS)
            and not any(a in sentence.lower() for a in self.grammar.according_before)
        ):
            # the one person a sentence names, where it does not open on them ("…, führt der Geheimdienstexperte Hänni
            # auf die zurückhaltende Spionageabwehr zurück. „Der NDB ist …“"), unless the sentence quotes or reports
            # someone's words ("Mais, d’après elle, M. Macron a balayé l’idée …")
            inside = [m for m in mentions if start <= m.position < end]
            subject = inside[0] if len(inside) == 1 else None
        if subject is None or any(start <= m.position < end and m is not subject for m in mentions):
            return None
        quoted = find_quotations(sentence, [(0, len(sentence))]) if any(m in sentence for m in _MARKS) else []
        if any(len(sentence[q.start : q.end].split()) > _TITLE_WORDS for q in quoted):
            return None  # (a quotation of its own; a name or a title in marks is none: „Wegovy“)
        if self._in_reported_mood(text[start:end]):
            return None  # ("Merkel habe das anders gesehen.": the last speaker's reported words, not Merkel's opening)
        return subject.phrase

    def _about_this(
        self,
        text: str,
        start: int,
        end: int,
        before: tuple[int, int],
        waiting: list[tuple[int, int]],
        found: Sequence[_Found],
    ) -> list[_Found]:
        """When the sentence ``text[start:end]`` only says who said the one ``before`` it ("Об этом заявил глава
        МИД Сергей Лавров.", "Das sagte Ministerin Anna Huber am Montag."): the quotations in that sentence no rule
        attributed (``waiting``), given to the speaker — or, when it has none and no quote of its own, the sentence
        as a report of the speaker; else nothing."""
        m = self._patterns.about_this.match(text[start:end])
        if m is None or not self._plausible(m.group("speaker")) or "\n" in text[before[1] : start]:
            return []  # ("this" is the sentence before it in its paragraph)
        phrase, cue, code = m.group("speaker"), m.group("cue"), self.grammar.code
        held = _held(waiting, before[0], before[1])
        if held:
            return [_Found(s, e, "direct", phrase, cue, f"{code}.after.about-this") for s, e in held]
        if any(f.start < before[1] and f.end > before[0] for f in found):
            return []  # (a sentence with a quote or a report of its own is attributed by its own rule)
        content_start = before[0] + len(text[before[0] : before[1]]) - len(text[before[0] : before[1]].lstrip())
        content_end = _trim(text, content_start, before[1])
        if len(text[content_start:content_end].split()) < 4:
            return []
        return [_Found(content_start, content_end, "indirect", phrase, cue, f"{code}.indirect.about-this")]

    def _view(self, text: str, start: int, end: int, named: frozenset[str]) -> _Found | None:
        """The reported view in the sentence ``text[start:end]``, by the first rule that finds one."""
        p = self._patterns
        g = self.grammar
        sentence = text[start:end]
        lower = sentence.lower()
        # (a sentence's period is no part of its last word: "…, the statistics office said.")
        words = set(_WORD.findall(lower.rstrip(" .\n")))
        m = p.according_possessive.match(sentence) if g.according_possessive else None
        owner = self._owner(m.group("cue"), sentence, m.start("cue"), m.end("cue")) if m else ""
        if m and owner and len(m.group("content").split()) >= 3:
            # "По его словам, …": the speaker is the pronoun inside the phrase
            f = _Found(
                start + m.start("content"),
                _trim(text, start + m.start("content"), end),
                "indirect",
                owner,
                m.group("cue"),
                f"{g.code}.indirect.according-first",
            )
            return f
        if g.according_possessive and any(w in lower for w in p.possessive_heads):
            found = self._possessive_within(text, start, end)
            if found is not None:
                return found
        according = (
            any(a in lower for a in g.according_before)
            # ("Как отмечает X, …": opening the sentence)
            or (
                any(lower.lstrip(" \t\"'«»“”„-—–").startswith(f"{a} ") for a in g.according_as_cue)
                and not words.isdisjoint(g.cues)
            )
            or any(lower.lstrip(" \t\"'«»“”„-—–").startswith(f"{a} ") for a in g.according_opening)
            or (any(c in lower for c in p.according_nouns) and any(f"{b} " in lower for b in g.according_noun_before))
        )
        between = not words.isdisjoint(g.according_between)
        if between and not according:
            found = self._according_inside(text, start, end)
            if found is not None:
                return found
        if according:
            m = p.according_first.match(sentence)
            if m and len(m.group("content").split()) >= 3:
                # ("Laut „Washington Post“ hatte Trump …, nachdem …": the speaker's noun phrase ends long before the
                # comma, and the words up to it are the report's; the noun-phrase reading below takes it)
                np_end = _noun_phrase_end(sentence, m.end("cue"), g) if g.capitalised_nouns else m.end("speaker")
                if len(sentence[np_end : m.end("speaker")].split()) < 2:
                    return self._past_description(text, self._span(start, m, "according-first", case=g.according_case))
            m = p.according_first_np.match(sentence)
            if m and len(m.group("content").split()) >= 3:
                speaker_end = _noun_phrase_end(sentence, m.end("cue"), g)
                speaker = sentence[m.end("cue") : speaker_end].strip()
                opening = speaker.split(None, 1)[0] if speaker else ""
                if self._no_noun_phrase(opening):
                    speaker = ""  # ("Nach damaligen Aussagen war die Technik …": a verb, no one's name, follows)
                if speaker and len(sentence[speaker_end:].split()) >= 3:
                    content_start = (
                        start + speaker_end + len(sentence[speaker_end:]) - len(sentence[speaker_end:].lstrip())
                    )
                    content_end = _trim(text, content_start, end)
                    f = _Found(
                        content_start,
                        content_end,
                        "indirect",
                        speaker,
                        m.group("cue"),
                        f"{g.code}.indirect.according-first",
                    )
                    f.case = g.according_case or None
                    return f
            found = self._according_inside(text, start, end)
            if found is not None:
                return found
            found = self._according_within(text, start, end)  # (before "according-last": its speaker would run on)
            if found is not None:
                return found
            m = p.according_last.match(sentence)
            if m and len(m.group("content").split()) >= 4:
                return self._span(start, m, "according-last", case=g.according_case)
        if g.as_said and not words.isdisjoint(g.as_said):
            # "Wie Kanzler Kurz sagte, werde man …", "…, wie X betonte."
            for pattern in (p.as_said_first, p.as_said_last):
                m = pattern.match(sentence)
                if m and len(m.group("content").split()) >= 3 and self._plausible(m.group("speaker") or ""):
                    return self._span(start, m, "as-said")
        if g.according_after and any(a in words for a in g.according_after):
            m = p.according_after_first.match(sentence)
            if m and len(m.group("content").split()) >= 3:
                return self._span(start, m, "according-after")
            m = p.according_after_last.match(sentence)
            if m and len(m.group("content").split()) >= 4:
                return self._span(start, m, "according-after")
        if g.cues.isdisjoint(words) and not any(c in lower for c in g.multiword_cues):
            return None
        if g.cue_between:
            found = self._cue_inside(text, start, end)
            if found is not None:
                return found
        m = p.trailing.match(sentence)
        if m is None:
            m = p.trailing_described.match(sentence)
            if m and not _describes(m.group("appositive").split(), g, first=2):
                m = None
        if (
            m
            and len(m.group("content").split()) >= 3
            and self._plausible((m.group("speaker") or ""), m.group("cue"))
            # (what follows the verb is a clause, not who spoke: "…, told the BBC News website that the closure …",
            # "X, chief economist at Y, said the decision was justified")
            and not any(w.lower() in g.complementizers for w in (m.group("speaker") or "").split())
            and not self._a_clause(m.group("speaker") or "")
            # (nor is a person named and described before the verb what was said: "Charles A Blixt, executive
            # vice-president of RJ Reynolds Tobacco, said the ruling “dramatically transforms” the lawsuit")
            and not self._described_person(m.group("content"))
            # (a report inside, passed on by an outlet, is its own speaker's: "Министр заверил, что …, сообщает
            # РИА «Новости»" is the minister's)
            and not (m.group("speaker") and _media_only(m.group("speaker"), g) and p.that.search(m.group("content")))
        ):
            return self._span(start, m, "trailing")
        m = p.trailing_normal.match(sentence) if g.subject_first_after else None
        if (
            m
            and len(m.group("content").split()) >= 3
            and self._plausible(m.group("speaker") or "")
            # (an auxiliary of the verb's is no clause of the subject's: "…, Mary Robinson has said."; but a passive's
            # subject said nothing: "…, researchers from Birkbeck College were told.")
            and not self._a_clause(_without_auxiliaries(m.group("speaker") or "", g))
            and not _passive(m.group("speaker") or "", g)
        ):
            return self._span(start, m, "trailing")
        m = p.that_subject.match(sentence)
        apposed = self._apposed(m.group("speaker"), named) if m else None
        if m and apposed and len(m.group("content").split()) >= 2:
            # "Franz Webhofer, Verwalter der Heime, sagte der Zeitung, dass …": what follows the verb is no speaker
            found = self._span(start, m, "that")
            found.phrase = apposed
            return found
        m = p.that.search(sentence)
        if m and self._in_reported_mood(m.group("speaker") or ""):
            m = None  # ("Auch habe Karlsruhe deutlich gemacht, dass …": all of it someone's report, carried on)
        around = p.aside.sub(lambda aside: " " * len(aside.group()), sentence)
        if m and around != sentence:
            # a clause between commas right before the speaker's name parts it from the words that describe them
            # ("Руководитель пресс-службы «Новой газеты», где работала Политковская, Надежда Прусенкова отметила, что")
            whole = p.that.search(around)
            if (
                whole is not None
                and whole.start("speaker") < m.start("speaker")
                and whole.start("cue") == m.start("cue")
                and self._plausible(whole.group("speaker") or "")
            ):
                m = whole
        if m and self._plausible(m.group("speaker") or "") and len(m.group("content").split()) >= 2:
            found = self._span(start, m, "that")
            # ("Auch habe Karlsruhe deutlich gemacht, dass …": the subject after the auxiliary)
            found.phrase = self._subject_after_verb(m.group("speaker") or "", named) or found.phrase
            subject = m.group("after") or ""
            opening = m.group("speaker") or ""
            if (self._opens_on_preposition(opening) or self._opens_unnamed(opening, named)) and self._someone(
                subject, named
            ):
                # "Im Gespräch mit dem Abendblatt erzählte Koech, dass …", "Dabei betonte die Ministerin, dass …": a
                # clause that opens on a preposition's phrase or a word that names no one has its subject after the verb
                found.phrase = subject
            return found
        # (the same, read around a clause between commas: "Путин, как сообщало агентство ТАСС, заявил, что …")
        m = p.that.search(around) if around != sentence else None
        if m and self._plausible(m.group("speaker") or "") and len(m.group("content").split()) >= 2:
            return self._span(start, m, "that")
        m = p.joined_that.search(sentence) if g.inverted_reports else None
        if m and self._plausible(m.group("speaker") or "") and len(m.group("content").split()) >= 2:
            return self._span(start, m, "that")
        m = p.inverted_that.search(sentence) if g.inverted_reports else None
        if m and self._plausible(m.group("speaker") or "") and len(m.group("content").split()) >= 2:
            return self._span(start, m, "inverted-that")
        if g.bare_content:
            found = self._bare_clause(text, start, end, named)
            if found is not None:
                return found
        m = p.colon.search(sentence)
        if m and self._in_reported_mood(m.group("speaker") or ""):
            m = None  # (as above)
        if m and m.group("mark") == "," and self._writers_clause(m.group("content")):
            m = None
        if m and self._subordinate(m.group("speaker") or "", m.group("after") or ""):
            m = None
        if m and len(m.group("content").split()) >= 3 and (m.group("mark") == ":" or g.mood_ending):
            after = m.group("after") or ""
            if after and self._opens_unnamed(m.group("speaker") or "", named):
                # "Kurz nach halb neun Uhr morgens warnt die Polizei: …", "Kurz nach Mittag melden die Stromanbieter
                # erste Erfolge, …": the first part names no one, the subject follows the verb (where nouns have
                # capitals, its noun phrase)
                subject = after if self._someone(after, named) else ""
                if not subject and g.capitalised_nouns:
                    subject = after[: _noun_phrase_end(after, 0, g)].strip()
                    subject = subject if any(w[:1].isupper() for w in subject.split()) else ""
                if subject:
                    found = self._span(start, m, "colon")
                    found.phrase = subject
                    return found
            if (
                after
                and self._opens_on_preposition(m.group("speaker") or "")
                and self._someone(after, named)
                and (m.group("mark") == ":" or self._in_reported_mood(m.group("content")))
            ):
                # "Nach dem Rennen erklärte Koech, der Wind sei …": a clause that opens on a preposition's phrase has
                # its subject after the verb — someone, and what they said a colon's or in the reported mood
                found = self._span(start, m, "colon")
                found.phrase = after
                return found
            if self._plausible(m.group("speaker") or ""):
                return self._span(start, m, "colon")
        return None

    def _bare_clause(self, text: str, start: int, end: int, named: frozenset[str]) -> _Found | None:
        """Reported content right after a verb of saying and whom it was said to, with no word opening it ("Pavel Drozd
        said the deal was fair", "He told MPs the plan was dead"), where the grammar allows it: taken only when the
        words after the verb make a clause (a finite verb among the first of them), not the verb's object ("Drozd
        announced a plan")."""
        p = self._patterns
        g = self.grammar
        sentence = text[start:end]
        m = p.clause_subject.match(sentence)
        phrase = self._apposed(m.group("speaker"), named) if m else None
        if m is None or phrase is None:
            # (the first verb of saying may be no report's: "In a Facebook message posted Friday, Cruz said …")
            m = p.clause.search(sentence)
            while m is not None and not self._plausible(m.group("speaker") or ""):
                m = p.clause.search(sentence, m.end("cue"))
            if m is None:
                return None
            phrase = m.group("speaker") or ""
        if phrase.split()[-1:] and phrase.split()[-1].lower() in g.determiners:
            return None  # (a verb's form after a determiner is a noun: "These claims could take …")
        if _passive(m.group("speaker") or "", g):
            return None  # (a passive's subject said nothing: "The scheme has been branded a “waste” by MPs")
        at = m.start("content")
        if m.group("object") and m.group("cue").lower() not in g.addressing:
            at = m.start("object")  # (no one is told: "said Tony Blair was wrong" reports that Blair was)
        content = sentence[at:]
        # (a quotation among the words after the verb says they are someone's words, a clause or not: "He said
        # Conservatives “share the same values” as the UK's minorities")
        if len(content.split()) < _CLAUSE_WORDS or not (self._a_clause(content) or _quoting(content)):
            return None
        rule = f"{g.code}.indirect.clause"
        return _Found(start + at, _trim(text, start + at, end), "indirect", phrase, m.group("cue"), rule)

    def _a_clause(self, words: str) -> bool:
        """Whether ``words`` open a clause: a finite verb among the first of them after the first (its subject's),
        before a comma, and not after a conjunction."""
        g = self.grammar
        head = [w.strip(".;:!?\"'“”").lower() for w in words.split(",", 1)[0].split()[:_CLAUSE_HEAD]]
        return any(
            (w in g.finite or (bool(g.finite_endings) and len(w) > _SHORTEST_ENDED and w.endswith(g.finite_endings)))
            # (a verb after "and" is the subject's second, no clause's: "welcomed the decision and thanked …")
            and head[k - 1] not in g.conjunctions
            for k, w in enumerate(head[1:], start=1)
        )

    def _subordinate(self, clause: str, after: str) -> bool:
        """Whether ``clause``, what stands before a verb of saying and its comma or colon (``after`` the words between
        them), is a subordinate clause, whose verb introduces no one's words: it opens on a complementizer ("Ob der
        Atlantik sich weiter erwärmt, lasse sich nicht sagen"), or on a subordinating conjunction with the verb at its
        end ("Wenn der IWF Sparmaßnahmen fordert, gehorcht der Staat"; not "Während der Sitzung sagte Merkel, …",
        where the word is a preposition and the verb the main clause's, before its subject)."""
        g = self.grammar
        first = clause.split()[0].lower() if clause.split() else ""
        return first in g.complementizers or (first in g.subordinators and not after.strip())

    def _after_between(self, words: list[str]) -> bool:
        """Whether ``words`` after a word that attributes between commas ("so") can name a source: a noun phrase, or a
        verb before one ("so sagt der Chef"), not a clause ("…, so dass die Tiere …", "…, so etwa den niedrigen
        Temperaturen, …")."""
        g = self.grammar
        first = words[0].lower()
        if first in g.complementizers:
            return False
        return len(words) < 2 or not self._no_noun_phrase(words[0]) or first in g.cues or first in g.clause_verbs

    def _no_noun_phrase(self, word: str) -> bool:
        """Whether ``word``, opening what follows an "according to", opens no noun phrase, in a language whose nouns
        all have capitals: a word in lower case that is no article, no pronoun, no adjective and no leading word
        ("dass", "etwa", a verb)."""
        g = self.grammar
        return (
            g.capitalised_nouns
            and word[:1].islower()
            and word.lower() not in self._noun_phrase_openers
            and not word.endswith(g.adjective_endings)
        )

    def _writers_clause(self, content: str) -> bool:
        """Whether the words after a verb of saying and a comma are a clause of the writer's, not what was said: a
        relative clause ("…, welche zur Tragödie führte", "…, die am Tank untergebracht sind", with no verb in the
        mood of reported speech after it: :func:`_opens_relative`), or one a conjunction opens that joins no report
        ("…, aber die Opposition …")."""
        g = self.grammar
        words = content.split()
        if not words:
            return False
        first = words[0].lower()
        if first in g.relatives or first in g.not_reports:
            return True
        return _opens_relative(words, self.grammar) and not self._in_reported_mood(content.split(",", 1)[0])

    def _subordinate_clause(self, sentence: str, at: int, after: int) -> tuple[int, int] | None:
        """The bounds in ``sentence`` of the subordinate clause that an "according to" at ``sentence[at:after]``
        stands in — from the word after the comma that opens it ("…, da nach Angaben der Fluggesellschaft …", "…, die
        nach den bisherigen Ermittlungen …") to the next comma that opens no clause of its verb's ("…, dass …") or the
        sentence's end — or ``None`` when it stands in the main clause: the report is that clause's, not the
        sentence's."""
        g = self.grammar
        comma = sentence.rfind(",", 0, at)
        if comma < 0:
            return None
        words = sentence[comma + 1 :].split()
        if not (
            _opens_relative(words, self.grammar)
            or (words and words[0].lower() in g.subordinators)
            or " ".join(words[:2]).lower() in g.subordinators
        ):
            return None
        close = sentence.find(",", after)
        # (its verb's own clause goes on over a comma before a complementizer: "…, wobei es danach aussieht, dass …")
        while (
            close >= 0
            and sentence[close + 1 :].split(None, 1)[:1]
            and (sentence[close + 1 :].split(None, 1)[0].lower() in g.complementizers)
        ):
            close = sentence.find(",", close + 1)
        opening = comma + 1 + len(sentence[comma + 1 :]) - len(sentence[comma + 1 :].lstrip())
        return opening, close if close >= 0 else len(sentence)

    def _within_clause(
        self, text: str, start: int, parts: tuple[tuple[int, int], tuple[int, int]], at: int, after: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The two parts of a report around an "according to" (``text[at:after]``) in the sentence from ``start``,
        cut to the subordinate clause it stands in (:meth:`_subordinate_clause`); ``None`` when too little is left."""
        sentence_end = max(parts[1][1], after)
        clause = self._subordinate_clause(text[start:sentence_end], at - start, after - start)
        if clause is None:
            return parts
        head = (max(parts[0][0], start + clause[0]), parts[0][1])
        tail = (parts[1][0], _trim(text, parts[1][0], min(parts[1][1], start + clause[1])))
        if len(text[tail[0] : tail[1]].split()) < 2:
            return None
        return head, tail

    def _subjects_asides_blanked(self, text: str, spans: list[tuple[int, int]]) -> str:
        """``text`` with each sentence's relative clause between commas blanked out where it follows the sentence's
        first few words, its subject ("Mr Blair, who last year denied …, said …"); one further on may be part of what
        was said ("… по зданию МВД, где проходило …, сообщили …"), and stays."""
        pattern = self._patterns.relative_aside
        parts: list[str] = []
        at = 0
        for start, end in spans:
            if text.count(",", start, end) < 2:
                continue  # (an aside between commas needs two)
            m = pattern.search(text, start, end)
            if m is None or len(text[start : m.start()].split()) > _SUBJECT_WORDS:
                continue
            parts += [text[at : m.start()], " " * (m.end() - m.start())]
            at = m.end()
        return "".join(parts) + text[at:] if parts else text

    def _subject_cue(self, text: str, start: int, end: int, mentions: list[_Mention]) -> _Found | None:
        """A sentence that opens on a person and a verb of saying, and holds a quotation: "Глава делегации Саеб
        Эрекат призвал ООН «ответить …»" — what follows the verb is a mixed quote."""
        subject = _subject_mention(mentions, start, end)
        if subject is None:
            return None
        at, phrase = subject.end, subject.phrase
        apposed = _APPOSITION.match(text, at, end)
        if apposed is not None and text.startswith(",", apposed.end()):
            description = apposed.group(1)
            if _describes(description.split(), self.grammar, first=3):
                # (set off between commas: "Charles A Blixt, executive vice-president of RJ Reynolds Tobacco, said …")
                at, phrase = apposed.end() + 1, f"{subject.name}, {description}"
        m = self._patterns.cue_after_subject.match(text, at, end)
        if m is None:
            return None
        content_end = _trim(text, m.end(), end)
        if len(text[m.end() : content_end].split()) < 3:
            return None
        return _Found(m.end(), content_end, "mixed", phrase, m.group("cue"), f"{self.grammar.code}.mixed.subject-cue")

    def _in_reported_mood(self, sentence: str) -> bool:
        """Whether a finite verb of ``sentence`` is in the mood of reported speech: a form the pack names ("sei",
        "müsse"), or a lower-case word on the mood's ending right after a subject ("Die Regierung gefährde …",
        "Neben Cyberspionage erfolge …"), which no article or preposition stands before and no noun after."""
        g = self.grammar
        words = [w.rstrip(".") for w in _WORD.findall(sentence)]
        if not g.reported_mood.isdisjoint(w.lower() for w in words):
            return True
        if (
            g.hearsay_modals
            and words
            and words[-1].lower() in g.hearsay_auxiliaries
            and not g.hearsay_modals.isdisjoint(w.lower() for w in words)
        ):
            return True  # (hearsay: "Rund 800 Menschen sollen verletzt worden sein")
        if not g.mood_ending:
            return False
        for i in range(1, len(words)):
            before, word, after = words[i - 1], words[i], words[i + 1] if i + 1 < len(words) else ""
            if (
                not after[:1].isupper()
                and word.endswith(g.mood_ending)
                and not word.endswith(g.not_mood_endings)
                and word[0].islower()
                and len(word) > 3
                and word not in g.not_mood
                and (before[0].isupper() or before.lower() in g.pronouns)
                and before.lower() not in g.mood_not_after
            ):
                return True
        return False

    def _after_colon(self, text: str, start: int, end: int, named: frozenset[str]) -> _Found | None:
        """Words after a colon that an attribution before it introduces, with no quotation marks ("Er kämpfte mit den
        Tränen, als er sagte: Wir sind extrem traurig." — as news without its marks prints them): read as a
        quotation there would be, by the same rules."""
        colon = text.find(": ", start, end)
        if colon < 0:
            return None
        content = colon + 2
        return self._said_after_colon(text, start, colon, content, _trim(text, content, end), named)

    def _said_after_colon(
        self, text: str, start: int, colon: int, content: int, last: int, named: frozenset[str]
    ) -> _Found | None:
        """What the attribution from ``start`` to the colon at ``colon`` introduces, read as a quotation from
        ``content`` to ``last`` that has no marks: three words or more opening on a capital, and a verb of saying in
        the attribution ("Grundsätzlich gilt:", "Das Fazit:", "Итоги:" name no one); else ``None``."""
        words = text[content:last].split()
        if len(words) < 3 or not words[0][:1].isupper():
            return None
        found = self._before(text[start : colon + 1], QuoteSpan(content, last, 0, True), named)
        return found if found is not None and found.cue else None

    def _block_after(
        self,
        text: str,
        start: int,
        end: int,
        paragraphs: list[tuple[int, int]],
        quotations: Sequence[tuple[int, int]],
        named: frozenset[str],
    ) -> _Found | None:
        """The paragraph after one that ends on an attribution and a colon ("Адвокат Александр Аснис сообщил:"),
        as a quotation: a block quotation whose setting the text lost (a page's quotation block, read as plain
        text). A verb of saying must introduce it, and the next paragraph hold no quotation of its own — none
        opening it, none longer than a name or a title («Витамин Б»)."""
        if not text[start:end].rstrip().endswith(":"):
            return None
        here = bisect.bisect_right(paragraphs, (start, len(text) + 1)) - 1
        if here < 0 or here + 1 >= len(paragraphs) or text[end : paragraphs[here][1]].strip():
            return None  # (the colon must end its paragraph, and another follow)
        p_start, p_end = paragraphs[here + 1]
        last = _trim(text, p_start, p_end)
        if text[p_start:last][:1] in _MARKS or any(
            len(text[s:e].split()) > _TITLE_WORDS for s, e in quotations if p_start <= s < last
        ):
            return None
        found = self._said_after_colon(text, start, text.rindex(":", start, end), p_start, last, named)
        if found is not None:
            found.rule = f"{self.grammar.code}.before.block"
        return found

    def _joined_to_quotation(self, text: str, start: int, end: int, found: Sequence[_Found]) -> _Found | None:
        """What a quotation's speaker says next in the same sentence, with a second verb joined to the attribution
        after it: "«…», — говорит Сплидбёль и подчеркивает, что ослабленная Европа — не в интересах России.", or a
        verb of saying as a participle right after it ('"…," the mayor said, adding that it would take "more
        hours"')."""
        last = max((f for f in found if start <= f.end <= end and f.attribution_end), key=lambda f: f.end, default=None)
        if last is None:
            return None
        gerund = self._patterns.gerund_within.search(text, last.end, end) if self.grammar.gerunds else None
        if gerund is not None and not text[last.attribution_end : gerund.start()].strip(" \u00a0"):
            # '"…," the mayor said, adding that it would take "more hours"': a participle right after the attribution
            # (or taken into it as a description, "— сказал Петров, пояснив, что …": it begins before its end)
            content = gerund.group("content")
            # (a word opening the content: "adding that …", "пояснив, что …" — the pattern's opener, before the content)
            opened = bool(text[gerund.end("cue") : gerund.start("content")].strip(" ,\u00a0"))
            if len(content.split()) >= _CLAUSE_WORDS and (opened or self._a_clause(content)):
                return self._said_next(text, gerund, last, "gerund")
        m = self._patterns.joined_that.search(text, last.end, end)
        if m is None or not self._plausible(m.group("speaker") or "") or len(m.group("content").split()) < 2:
            return None
        return self._said_next(text, m, last, "that")

    def _said_next(self, text: str, m: re.Match[str], last: _Found, rule: str) -> _Found:
        """The content ``m`` matched, said next by the speaker of ``last`` (``rule``: the reported-speech rule)."""
        f = _Found(
            m.start("content"),
            _trim(text, m.start("content"), m.end("content")),
            "indirect",
            last.phrase,
            m.group("cue"),
            f"{self.grammar.code}.indirect.{rule}",
        )
        f.case = last.case
        return f

    def _after_view(
        self,
        text: str,
        start: int,
        end: int,
        before: tuple[int, int],
        mentions: list[_Mention],
        paragraphs: list[tuple[int, int]],
    ) -> _Found | None:
        """A sentence in the mood of reported speech right after one, in the same paragraph, that opens on someone
        and says what they think with a verb of saying, quoting nothing and naming no one else: the view goes on in
        their words ("Bondarew kritisiert das Verhalten der Regierung. Diese wolle Russland nicht verärgern.")."""
        b_start, b_end = before
        subject = _subject_mention(mentions, b_start, b_end)  # (the cheap tests first: most sentences fail them)
        if subject is None or container(start, paragraphs) != container(b_start, paragraphs):
            return None
        if any(b_start <= m.position < b_end and m is not subject for m in mentions):
            return None
        if any(mark in text[b_start:b_end] for mark in _MARKS):
            return None
        m = self._patterns.cue_after_subject.match(text, subject.end, b_end)
        if m is None or len(text[start:end].split()) < 3 or not self._in_reported_mood(text[start:end]):
            return None
        return _Found(
            start,
            _trim(text, start, end),
            "indirect",
            subject.phrase,
            m.group("cue"),
            f"{self.grammar.code}.indirect.after-view",
        )

    def _said_before(
        self,
        text: str,
        item: _Found,
        spans: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
        taken: Spans,
        out: list[_Found],
        mentions: list[_Mention],
    ) -> int:
        """Where words attributed after them ("…, sagt Kluckers.") begin when news prints them without quotation
        marks: the sentences before, in the same paragraph, whose main clause (up to the first comma) holds a
        first-person subject ("ich", "wir") and that hold no attribution or quotation of their own ("Wir haben alles
        gegeben. Am Ende hat es nicht gereicht, sagt die Trainerin." — one quotation, as its marks would have made
        it); in a text that prints no quotation marks at all, also the one sentence between someone else's
        attributed words and these (:meth:`_between`); ``item.start`` otherwise."""
        g = self.grammar
        if not g.first_person_subjects or item.parts or not item.rule.endswith(".indirect.trailing"):
            return item.start
        paragraph = container(item.start, paragraphs)
        k = bisect.bisect_right(spans, (item.start, len(text))) - 1
        start = item.start
        last_found = max((max(f.end, f.attribution_end) for f in out), default=-1)
        while k > 0 and paragraph is not None:
            s, e = spans[k - 1]
            if s < paragraph[0] or taken.overlaps(s, e) or last_found > s:
                break
            if not self._speaker_s_own(text[s:e]):
                if (
                    k > 1
                    and paragraph[0] <= spans[k - 2][0] < last_found
                    and not any(m in text for m in _MARKS)
                    and not any(s <= m.position < e for m in mentions)
                    and self._between(text[s:e])
                ):
                    start = s  # (between two people's attributed words: "A, sagte X. B. C, sagte Y." — B is Y's)
                break
            start, k = s, k - 1
        return start

    def _statement_after(self, text: str, item: _Found) -> _Found | None:
        """A second statement of a report's speaker inside its content, opened by a verb of saying as an adverbial
        participle ("Sir John said progress had been made, adding that this was only the beginning"): the report
        ends before it, and the statement is the speaker's own quote."""
        g = self.grammar
        if not g.gerunds:
            return None
        m = self._patterns.gerund_within.search(text, item.start, item.end)
        if m is None and g.bare_content:
            return self._joined_statement(text, item)
        if m is None or len(m.group("content").split()) < _CLAUSE_WORDS:
            return None
        if g.bare_content and not text[m.start("content") :].lower().startswith(g.complementizers):
            if not self._a_clause(m.group("content")):
                return None  # ("…, saying goodbye to the staff": no statement)
        if len(text[item.start : m.start()].split()) < _CLAUSE_WORDS:
            return None
        content_start, end = m.start("content"), item.end
        _end_before(text, item, m.start())
        return _Found(content_start, end, "indirect", item.phrase, m.group("cue"), f"{g.code}.indirect.gerund")

    def _end_quoted_report(self, text: str, item: _Found, waiting: list[tuple[int, int]]) -> None:
        """End a report that quotes someone where the writer goes on after its last quotation: at a comma before one
        of the pack's ``content_enders`` or a participle, a dash between spaces, or a semicolon ("… a “terrible
        situation,” but stopped short of …", "… a “personal insult” …, implicitly putting his name on the line")."""
        g = self.grammar
        if not g.content_enders:
            return
        inside = [e for s, e in waiting if item.start <= s and e <= item.end]
        if not inside:
            return
        m = self._patterns.writers_after.search(text, max(inside), item.end)
        while m is not None and m.group("word") and not self._ends_content(m.group("word"), m.group("second") or ""):
            m = self._patterns.writers_after.search(text, m.end("word"), item.end)
        if m is not None:
            item.end = _trim(text, item.start, m.start())

    def _ends_content(self, word: str, second: str) -> bool:
        """Whether ``word`` (and the ``second`` after it), after a comma that follows a report's last quotation, open
        the writer's words: one of the pack's ``content_enders``, or a participle (a word on one of its
        ``participle_endings``), maybe after a word of its own ("implicitly putting")."""
        return (
            word.lower() in self.grammar.content_enders
            or (word[:1].islower() and _participle(word, self.grammar))
            or (word.islower() and second[:1].islower() and _participle(second, self.grammar))
        )

    def _joined_statement(self, text: str, item: _Found) -> _Found | None:
        """A second statement of a report's speaker inside its content, joined by "and" and a verb of saying ("Warren
        called the bank's behavior “outrageous” and called for bonuses to be “clawed back”"): the report ends before
        it, and the statement is the speaker's own quote when it holds a quotation or a clause."""
        g = self.grammar
        m = self._patterns.joined_within.search(text, item.start, item.end)
        if m is None or len(text[item.start : m.start()].split()) < _CLAUSE_WORDS:
            return None
        content, end = m.group("content"), item.end
        _end_before(text, item, m.start())
        quoting = any(mark in content for mark in _OPENING_MARKS)
        if len(content.split()) < _CLAUSE_WORDS or not (quoting or self._a_clause(content)):
            return None
        return _Found(m.start("content"), end, "indirect", item.phrase, m.group("cue"), f"{g.code}.indirect.joined")

    def _gerund(self, text: str, start: int, end: int, mentions: list[_Mention]) -> _Found | None:
        """ "Наталья Тимакова опровергла заявление, пояснив, что у него истёк контракт": a verb of saying as an
        adverbial participle after a clause that opens on a person, who is its speaker."""
        if not self.grammar.gerunds:
            return None
        m = self._patterns.gerund.search(text, start, end)
        if m is None and self.grammar.bare_content:
            # (with no word opening the content where the language allows it: "…, saying they are a “ludicrous
            # improbability”", when it is a clause)
            m = self._patterns.gerund_within.search(text, start, end)
            m = m if m is not None and self._a_clause(m.group("content")) else None
        if m is None or len(m.group("content").split()) < 2:
            return None
        subject = _subject_mention(mentions, start, m.start())
        if subject is None:
            return None
        content_start = m.start("content")
        return _Found(
            content_start,
            _trim(text, content_start, end),
            "indirect",
            subject.phrase,
            m.group("cue"),
            f"{self.grammar.code}.indirect.gerund",
        )

    def _between(self, sentence: str) -> bool:
        """Whether a sentence printed without quotation marks, right after someone's attributed words and right before
        someone else's, reads as the second speaker's: it holds no verb of saying, no one in the third person, no
        question and no reported mood (which would carry on the first)."""
        g = self.grammar
        words = _WORD.findall(sentence)
        lower = {w.lower() for w in words}
        return (
            g.cues.isdisjoint(lower)
            # (no one in the third person, by a pronoun or a role: "In der Ausbildung hat auch er gelernt", "Der
            # Jurist ist beim ECCHR …" are the writer's)
            and lower.isdisjoint(g.pronouns)
            and not any(g.role.match(w) for w in words)
            and not sentence.rstrip().endswith("?")
            and not self._in_reported_mood(sentence)
        )

    def _speaker_s_own(self, sentence: str) -> bool:
        """Whether a sentence printed without quotation marks reads as a speaker's own words: its main clause (up to
        the first comma) has a first-person subject — which reported speech, in the third person, never has — and it
        holds no verb of saying and no quotation marks ("Ich verstehe das nicht.")."""
        g = self.grammar
        words = {w.lower() for w in _WORD.findall(sentence)}
        return (
            not g.first_person_subjects.isdisjoint(w.lower() for w in _WORD.findall(sentence.split(",", 1)[0]))
            and g.cues.isdisjoint(words)
            and not any(m in sentence for m in _MARKS)
        )

    def _said_after(
        self,
        text: str,
        item: _Found,
        spans: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
        waiting: list[tuple[int, int]],
    ) -> int:
        """Where words a colon introduces without quotation marks end ("Yakin behauptete: Wir sind bestraft worden.
        Ich verstehe es nicht."): over the next sentences of the paragraph that read as the speaker's own
        (:meth:`_speaker_s_own`); ``item.end`` when the words are no such quotation."""
        if item.parts or text[max(0, item.start - 2) : item.start].strip() != ":":
            return item.end
        if self._in_reported_mood(text[item.start : item.end]) or any(
            s < item.end and e > item.start for s, e in waiting
        ):
            return item.end
        paragraph = container(item.start, paragraphs)
        end = item.end
        k = bisect.bisect_right(spans, (item.end, len(text)))
        for start, stop in spans[k:]:
            if paragraph is None or start >= paragraph[1] or not self._speaker_s_own(text[start:stop]):
                break
            end = _trim(text, start, stop)
        return end

    def _carried_on(
        self, text: str, start: int, end: int, previous: _Found, paragraphs: list[tuple[int, int]]
    ) -> _Found | None:
        """A sentence in the mood of reported speech, with no report of its own, right after a reported view:
        the same speaker goes on ("Der Plan sei gescheitert, sagte X. Man müsse nun …")."""
        g = self.grammar
        if not (g.reported_mood or g.first_person) or previous.kind == "mixed" or not previous.phrase:
            return None
        sentence = text[start:end]
        if len(sentence.split()) < 3:
            return None
        # (the first person first: "ich werde", "wir haben" are no reported mood, though the forms are alike)
        first = not g.first_person.isdisjoint(w.lower() for w in _WORD.findall(sentence))
        # a word that says "by that account" in the sentence's first clause ("Demnach steht …", "Unter den Opfern
        # waren demnach …"; after a semicolon it points inside the sentence: "Heise liegt das Urteil vor; demnach …")
        first_clause = re.split(r"[;:]", sentence, maxsplit=1)[0]
        carried = not g.carrying_on.isdisjoint(w.lower() for w in _WORD.findall(first_clause))
        mood = not first and (self._in_reported_mood(sentence) or carried)
        if not (mood or first):
            return None
        here, there = container(start, paragraphs), container(previous.start, paragraphs)
        if here is None or there is None or (here != there and text[there[1] : here[0]].count("\n") > 2):
            return None
        f = _Found(
            start,
            _trim(text, start, end),
            "direct" if first else "indirect",
            previous.phrase,
            previous.cue,
            f"{g.code}.continuation.first-person" if first else f"{g.code}.indirect.reported-mood",
        )
        f.case = previous.case
        return f

    def _carried_further(
        self,
        text: str,
        sentence: tuple[int, int],
        reporting: _Found,
        reported_until: int,
        paragraphs: list[tuple[int, int]],
        mentions: list[_Mention],
    ) -> _Found | None:
        """A sentence in the mood of reported speech further on in the paragraph of a report, past sentences of
        other moods, when no one has been named since: the same speaker goes on ("…, führt der Experte Hänni auf
        die Abwehr zurück. Der NDB ist klein. Die Mitarbeiter seien auch mit Terrorismus beschäftigt.")."""
        start, end = sentence
        here, there = container(start, paragraphs), container(reporting.start, paragraphs)
        if here is None or there is None:
            return None
        if here != there and not (
            # (or opening the next paragraph: "…, liegt es aus Hännis Sicht nah, dass …" ¶ "Als UN-Sitz … habe sich
            # die Stadt zu einer Spionagedrehscheibe entwickelt.")
            paragraphs.index(there) + 1 < len(paragraphs)
            and paragraphs[paragraphs.index(there) + 1] == here
            and not text[here[0] : start].strip()
        ):
            return None
        since = max(reporting.end, reporting.attribution_end, reported_until)
        if (
            not self._in_reported_mood(text[start:end])
            or any(since <= m.position < end and m.subject for m in mentions)
            or self._patterns.any_cue.search(text, since, end) is not None
        ):
            # (someone named since, or a verb of saying that may report someone else: "Gegner des Gesetzes verweisen
            # auf …"; "Demnach …" carries on only the sentence before it)
            return None
        found = self._carried_on(text, start, end, reporting, paragraphs)
        return found if found is not None and found.kind == "indirect" else None

    def _past_description(self, text: str, found: _Found) -> _Found:
        """``found`` with the description of its speaker between commas, when the content opened on it, moved to the
        speaker ("Nach Einschätzung des Historikers Adrian Hänni, Forscher am ACIPSS, könnten …")."""
        first = text[found.start : found.end].split(maxsplit=1)
        if not first or not self.grammar.role.match(first[0].strip(",")):
            return found
        # (a name inside it may hold commas: "Forscher am Austrian Center for Intelligence, Propaganda and Security
        # Studies (ACIPSS), könnten …" — the comma before a word in lower case ends it, when one does)
        ends = [
            m
            for m in _DESCRIPTION_END.finditer(text, found.start, found.end)
            if len(text[found.start : m.start()].split()) <= _DESCRIPTION_WORDS
        ]
        if not ends:
            return found
        m = next((e for e in ends if e.group("next")[:1].islower()), ends[0])
        found.phrase = f"{found.phrase}, {text[found.start : m.start()]}"
        found.start = m.end()
        return found

    def _span(self, offset: int, m: re.Match[str], rule: str, *, case: str = "") -> _Found:
        start = offset + m.start("content")
        end = _trim(m.string, m.start("content"), m.end("content")) + offset
        cue = m.group("cue") if "cue" in m.groupdict() and m.group("cue") else ""
        f = _Found(start, end, "indirect", _described(m), cue, f"{self.grammar.code}.indirect.{rule}")
        f.case = case or None
        return f

    # -- speaker phrases ------------------------------------------------------------------------

    def _opens_unnamed(self, phrase: str, named: frozenset[str]) -> bool:
        """Whether ``phrase`` is one capitalised word that names no one: no pronoun, no word of a name the article
        gives, no role and no body a lexicon knows — a sentence's first word ("Gefragt", "Später", "Позже")."""
        words = _clean_phrase(phrase, self.grammar).split()
        if len(words) != 1:
            return False
        word = words[0]
        g = self.grammar
        if (
            word.lower() in g.pronouns
            or g.role.match(_unelided(word, g))
            or any(t.search(word) for t in g.types.values())
            or _initials(word)  # (a body by its initials: "HRW widerspricht der Darstellung:")
        ):
            return False
        return not any(word in name.split() for name in named)

    def _opens_on_preposition(self, phrase: str) -> bool:
        """Whether ``phrase``, the words before a verb, opens on a preposition, in a language whose finite verb
        comes second: its subject then follows the verb ("Im Gespräch mit dem Abendblatt erzählte Koech")."""
        first = (phrase.split() or [""])[0].lower()
        return self.grammar.capitalised_nouns and first in self.grammar.prepositions

    def _subject_after_verb(self, phrase: str, named: frozenset[str]) -> str:
        """In a language whose finite verb comes second, the subject after the verb that follows the clause's first
        part, when that part names no one ("Am 18. November hatte er mit Blick auf … noch betont" → "er"; "Am Montag
        hat Ministerin Anna Huber betont" → "Ministerin Anna Huber"); otherwise ""."""
        g = self.grammar
        if not g.capitalised_nouns:
            return ""
        words = phrase.split()
        verb = next((k for k, w in enumerate(words) if k and w.lower() in g.clause_verbs), None)
        if verb is None or not all(
            self._opens_unnamed(w, named) or not w[:1].isupper() or w.lower() in g.leading for w in words[:verb]
        ):
            return ""
        subject: list[str] = []
        for word in words[verb + 1 :]:
            bare = word.strip(",.")
            low = bare.lower()
            if low in g.pronouns:
                return bare if not subject else " ".join(subject)
            if bare[:1].isupper() or low in g.leading or low in g.particles or g.age_noun.match(bare):
                subject.append(bare)
                continue
            break
        return " ".join(subject) if any(w[:1].isupper() for w in subject) else ""

    def _someone(self, phrase: str, named: frozenset[str]) -> bool:
        """Whether ``phrase`` opens on someone: a pronoun, a role, an age, a name the article gives, or a first name
        and a surname ("Patrick Dury"; not "die Lage an den Märkten")."""
        g = self.grammar
        words = [w.strip(",.") for w in _clean_phrase(phrase, g).split()]
        if not words:
            return False
        first = words[0]
        if first.lower() in g.pronouns or g.role.match(_unelided(first, g)) or g.age_noun.match(first):
            return True
        if any(t.search(first) for t in g.types.values()):
            return True  # a body a lexicon knows: "Kurz nach halb neun warnt die Polizei:"
        if any(first in name.split() for name in named):
            return True
        return len(words) >= 2 and _is_name_word(first, g) and _is_name_word(words[1], g)

    def _opens_speaker(self, phrase: str) -> bool:
        """Whether the words of ``phrase`` up to its first capitalised one can open a speaker phrase: an article or
        another leading word, a pronoun, a role or an age ("der 48-Jährige", "министр Лавров", "er")."""
        g = self.grammar
        for word in phrase.split():
            bare = word.strip(",.")
            low = bare.lower()
            if bare[:1].isupper() or low in g.pronouns:
                return True
            if not (low in g.leading or g.role.match(_unelided(bare, g)) or g.age_noun.match(bare)):
                return False
        return True

    def _plausible(self, phrase: str, cue: str = "") -> bool:
        """Whether ``phrase`` can name who spoke: a pronoun, a name, or a few words with a role or a name in them
        (not a clause, not a time)."""
        words = _clean_phrase(phrase, self.grammar).split()
        if not words:
            return bool(cue) and self._pronoun_in_cue("", cue) != ""
        if len(words) > 12:
            return False
        if cue.lower() in self.grammar.according_between and not self._after_between(words):
            return False
        if len(words) == 1 and (
            words[0].lower() in self.grammar.pronouns
            or words[0].lower() in self.grammar.body_pronouns
            or self.grammar.age_noun.match(words[0])
        ):
            return True
        if (
            self.grammar.article_kept
            and _opening_article(phrase, self.grammar)
            and not self._a_clause(" ".join(words))
            and not any(c in phrase for c in _MARKS)
        ):
            # a noun phrase with its article, where a language keeps it ("a narrator in the Clinton ad"), but no clause
            # ("The figures come hot on the heels of …") and no one's words ('the plans "stink"')
            return True
        return any(w.lstrip(_OPENING_MARKS)[:1].isupper() for w in words) or any(
            self.grammar.role.match(_unelided(w, self.grammar)) or w.lower() in self.grammar.of_someone for w in words
        )  # (or someone's by their relation to another: "супруга убеждена, что …")

    def _according_inside(self, text: str, start: int, end: int) -> _Found | None:
        """ "…, по словам X, …", "Im Idealfall, so Neumüller, könne man …": an "according to" between commas inside
        a sentence; the content is the sentence on both sides of it."""
        g = self.grammar
        sentence = text[start:end]
        m = self._patterns.according_inside.search(sentence)
        if m is None or m.start() <= 10 or len(sentence[m.end() :].split()) < 2:
            return None
        if not self._plausible(m.group("speaker") or "", m.group("cue")) or _asks(sentence):
            return None  # ("…, so wie früher, …": no one's words; a question asks)
        parts = self._within_clause(
            text,
            start,
            ((start, start + m.start()), (start + m.end(), _trim(text, start + m.end(), end))),
            start + m.start(),
            start + m.end(),
        )
        if parts is None:
            return None
        f = _Found(
            parts[0][0],
            parts[1][1],
            "indirect",
            (m.group("speaker") or ""),
            m.group("cue"),
            f"{g.code}.indirect.according-inside",
            parts,
        )
        f.case = g.according_case or None
        return f

    def _cue_inside(self, text: str, start: int, end: int) -> _Found | None:
        """ "Такой переход, считает вице-губернатор Александр Шемелев, повысит …", "Das, sagte Huber, sei falsch": a
        verb of saying and its speaker between commas inside a sentence; the content is the sentence on both sides."""
        sentence = text[start:end]
        m = self._patterns.cue_inside.search(sentence)
        rule = "indirect.cue-inside"
        if m is None:
            # "Zudem wird, wie Ökonom Stefan Veit sagte, die Zinswende dauern": the same, as X said
            m, rule = self._patterns.as_said_inside.search(sentence), "indirect.as-said"
        if m is None or m.start() < 3 or len(sentence[m.end() :].split()) < 2:
            return None
        rest = sentence[m.end() :].split()
        if rest[0].lower() in self.grammar.complementizers or all(_is_name_word(w, self.grammar) for w in rest[:2]):
            return None  # (", sagte der Zeitung, dass …": its subject stands before; ", …, Mathias Wagner,": a name)
        if self._apposition(rest):
            return None  # ("…, sagt Sabine Mistler, Vorsitzende des Verbands.": who she is; "trailing" reads it)
        if self._writers_clause(" ".join(rest)) and not self._in_reported_mood(sentence[m.end() :]):
            # ("…, sagte Franke, nachdem er …", "…, sagte Usyk, der seinen Sieg …": the writer's again; but "…, sagte
            # X, da sie die Tür … öffne" goes on in the speaker's mood)
            return None
        if not self._plausible(m.group("speaker") or "", m.group("cue")):
            return None
        first = (start, start + m.start())
        second = (start + m.end(), _trim(text, start + m.end(), end))
        return _Found(
            first[0],
            second[1],
            "indirect",
            (m.group("speaker") or ""),
            m.group("cue"),
            f"{self.grammar.code}.{rule}",
            (first, second),
        )

    def _apposition(self, words: list[str]) -> bool:
        """Whether the words after a speaker's closing comma say who they are rather than carry on their words, in a
        language whose nouns all have capitals: they hold no word in lower case but articles and the words that join a
        noun phrase ("…, sagt X, Vorsitzende des Philologenverbands NRW"), or they open on a role and hold no verb of
        a clause ("…, sagt X, die Leiterin des neuen Amtes"); "…, sagte Huber, sei falsch" carries on. (Elsewhere a
        role word does not tell an apposition from a clause: "Сейчас, продолжал он, правительство ассигновало …".)"""
        g = self.grammar
        if not g.capitalised_nouns:
            return False
        bare = [w.strip(",.;:!?") for w in words]
        joins = self._apposition_joins
        if all(w[:1].isupper() or w[:1].isdigit() or w.lower() in joins for w in bare if w):
            return True
        role = 1 if len(bare) > 1 and bare[0].lower() in g.articles else 0
        return bool(g.role.match(bare[role])) and not any(w.lower() in g.clause_verbs for w in bare)

    def _owner(self, phrase: str, sentence: str = "", at: int = 0, after: int = 0) -> str:
        """Whose words an "according to" with a possessive inside gives: its pronoun ("по его словам"), a name's
        genitive where the pack allows one ("nach Hännis Ansicht": "Hänni"), or, for "by its own account", the
        subject of ``sentence``, whose "according to" is ``sentence[at:after]`` (:meth:`_clause_subject`); "" when it
        names no one."""
        g = self.grammar
        for word in phrase.split():
            if word.lower() in g.reflexive_words:
                return self._clause_subject(sentence, at, after)
            if word.lower() in g.possessive_words:
                return word
        if g.possessive_names:
            fixed = {w.lower() for p in g.according_possessive for w in p.split()}
            for word in phrase.split():
                if word[:1].isupper() and word.lower() not in fixed and len(word) > 2:
                    return word[:-1]
        return ""

    def _clause_subject(self, sentence: str, at: int, after: int) -> str:
        """The subject of a clause whose "according to" ("nach eigenen Angaben") is ``sentence[at:after]``: the noun
        phrase that opens it ("Israels Armee hat … nach eigenen Angaben …", "Das israelische Militär hat …"), or,
        when the "according to" opens it, the one after its verb ("Nach eigenen Angaben hat die Armee …"); "" when
        no noun phrase stands there. A language whose nouns all have capitals only: elsewhere a phrase's end is not
        seen."""
        g = self.grammar
        if not g.capitalised_nouns:
            return ""
        words = sentence.split()
        if not sentence[:at].strip(" \"'„“«»"):
            # ("Nach eigenen Angaben hat die Armee …": past the cue and its verb)
            rest = sentence[after:].split()
            words = rest[1:] if rest and rest[0].islower() else []
        phrase: list[str] = []
        for word in words:
            bare = word.strip(",;:")
            if word.endswith(":") and not phrase[1:]:
                phrase = []  # (a heading's lead before the clause: "18.20 Uhr: Israels Armee hat …")
                continue
            if bare[:1].isdigit():
                if phrase:
                    break
                continue  # (a time or a number before a heading's colon)
            if bare[:1].isupper():
                phrase.append(bare)
            elif phrase and any(w[:1].isupper() and w.lower() not in g.leading for w in phrase):
                break  # (the first word in lower case after the noun: the verb)
            elif (
                not phrase
                or bare.lower() in g.leading
                or bare.lower() in g.articles
                or phrase[-1].lower() in g.articles
            ):
                phrase.append(bare)  # (an article, then the adjectives before the noun)
            else:
                break
            if word.endswith((",", ";", ":")) or len(phrase) > 5:
                break
        head = [w for w in phrase if w[:1].isupper() and w.lower() not in g.leading]
        return " ".join(phrase) if head and len(phrase) <= 5 else ""

    def _possessive_within(self, text: str, start: int, end: int) -> _Found | None:
        """An "according to" with a possessive inside a sentence ("Deshalb liegt es aus Hännis Sicht nah, dass …"):
        the words before and after it are the report, in two parts."""
        sentence = text[start:end]
        m = self._patterns.possessive_within.search(sentence)
        owner = self._owner(m.group("cue"), sentence, m.start(), m.end()) if m else ""
        if m is None or not owner or sentence[: m.start()].rstrip().endswith(",") or _asks(sentence):
            return None  # (between commas it is an aside whose clause may be any: "которая, по его мнению, …")
        rest = sentence[m.end() :]
        head_end = start + len(sentence[: m.start()].rstrip(" ,–—-"))
        tail_start = start + m.end() + len(rest) - len(rest.lstrip(" ,"))
        whole = (start + len(sentence) - len(sentence.lstrip()), head_end), (tail_start, _trim(text, tail_start, end))
        parts = self._within_clause(text, start, whole, start + m.start(), start + m.end())
        if parts is None or any(len(text[a:b].split()) < 2 for a, b in whole):
            return None
        return _Found(
            parts[0][0],
            parts[1][1],
            "indirect",
            owner,
            m.group("cue"),
            f"{self.grammar.code}.indirect.according-inside",
            parts,
        )

    def _according_within(self, text: str, start: int, end: int) -> _Found | None:
        """ "…, zeigt laut Statistischem Bundesamt jedoch, dass …", "Deutschland ist nach Angaben des Bundesamts
        größter Exporteur": an "according to" inside a sentence with no commas around it; its speaker is the noun
        phrase after it, up to the first word in lower case after a capitalised one, and the content the rest."""
        g = self.grammar
        sentence = text[start:end]
        m = self._patterns.according_within.search(sentence)
        if m is None or m.start() < 10 or _asks(sentence):
            return None
        speaker_end = _noun_phrase_end(sentence, m.end("cue"), g)
        speaker = sentence[m.end("cue") : speaker_end].strip()
        if speaker and speaker.split(None, 1)[0].lower() in (*g.possessive_words, *g.reflexive_words):
            return None  # ("laut eigenen Angaben": whose account it is, the possessive rule says)
        rest = sentence[speaker_end:]
        if not any(w[:1].isupper() for w in speaker.split()) or not rest.strip(" ,.;:!?…"):
            return None  # no name or body, or nothing said after it: not a phrase this rule can bound
        head_end = start + len(sentence[: m.start()].rstrip(" ,–—-"))
        tail_start = start + speaker_end + len(rest) - len(rest.lstrip(" ,"))
        whole = ((start + len(sentence) - len(sentence.lstrip())), head_end), (tail_start, _trim(text, tail_start, end))
        if sum(len(text[a:b].split()) for a, b in whole) < 4:
            return None
        parts = self._within_clause(text, start, whole, start + m.start(), start + speaker_end)
        if parts is None:
            return None
        f = _Found(
            parts[0][0], parts[1][1], "indirect", speaker, m.group("cue"), f"{g.code}.indirect.according-inside", parts
        )
        f.case = g.according_case or None
        return f

    def _answer_goes_on(self, text: str, paragraphs: list[tuple[int, int]], k: int, named: frozenset[str]) -> bool:
        """Whether paragraph ``k``, which has no dash, goes on with the answer of the expert introduced before it, as
        a panel prints them ("Лилия Шевцова, …, Москва:" / "— …" / "В этой ситуации …"): it and the paragraphs up to
        the next headline or introduction, or to the text's end, are all the writer's full sentences and no
        question."""
        for i, (start, end) in enumerate(paragraphs[k:]):
            paragraph = text[start:end].strip()
            if self._introduces(paragraph, named) or _headline(paragraph):
                return i > 0  # (the answer ends before a headline or the next introduction)
            if paragraph.endswith("?") or self._patterns.dialogue_open.match(paragraph):
                return False
        return True

    def _introduces(self, paragraph: str, named: frozenset[str]) -> str:
        """The person a paragraph of their name (and what they are) ending on a colon introduces, or ""."""
        line = paragraph.strip()
        if not line.endswith(":") or "\n" in line or len(line.split()) > 3 * _APPOSITION_WORDS:
            return ""
        head = line[:-1].split(",")[0].strip()
        return line[:-1].strip() if head in named else ""

    def _named_first(self, clause: str, named: frozenset[str]) -> str | None:
        """A clause before a verb of saying that is a person the article names (or their surname), perhaps with where
        they work after them ("Luke Bartholomew vom Vermögensverwalter Aberdeen Investments"), or ``None``."""
        words = [w.strip(",") for w in clause.split()]
        while words and words[0].lower() in self.grammar.leading:
            words.pop(0)
        if not words or len(words) > _APPOSITION_WORDS:
            return None
        for size in (3, 2, 1):
            head = " ".join(words[:size])
            rest = words[size:]
            if head in named or (size == 1 and any(n.split()[-1] == head for n in named)):
                if not rest or rest[0] in self.grammar.particles:
                    return " ".join(words)
        return None

    def _subject_pronoun(self, clause: str) -> str:
        """The personal pronoun a clause opens on, after any opening words ("Doch er ahnte:", "Он уверен:"), or ""."""
        g = self.grammar
        for word in clause.split():
            bare = word.strip(",.;").lower()
            if bare in g.leading:
                continue
            return word.strip(",.;") if bare in g.pronouns and bare not in g.plural_pronouns else ""
        return ""

    def _subject_role(self, clause: str) -> str:
        """In a language that capitalises nouns, the noun phrase a clause opens on when a role heads it ("Auch die
        Experten der Commerzbank sehen die Lage ähnlich:" → "Experten der Commerzbank"), or ""."""
        g = self.grammar
        if not g.capitalised_nouns:
            return ""
        for m in re.finditer(r"\S+", clause):
            word = m.group().strip(",")
            if word.lower() in g.leading:
                continue
            if not word[:1].isupper() or not g.role.match(word):
                return ""
            return clause[m.start() : _noun_phrase_end(clause, m.start(), g)].strip(" ,")
        return ""

    def _subject_of_verb(self, text: str, start: int, end: int, mentions: list[_Mention], named: frozenset[str]) -> str:
        """In a language that capitalises nouns, the subject of a clause (``text[start:end]``) that opens on
        something else — an adverb, an object, a place — and has it after its verb, the first word in lower case that
        joins nothing: a pronoun, a person the article names ("In einem Interview sagte Jon Bon Jovi, Gründer der
        Band:"), or a role with its article ("Hier sparte der Bundespräsident nicht mit Kritik:"); or, when the clause
        opens on a word of a name the article gives someone in full, that word ("Thaksin begründete seinen Schritt
        mit den Worten:"). "" when none stands there."""
        g = self.grammar
        if not g.capitalised_nouns:
            return ""
        clause = text[start:end]
        words = list(re.finditer(r"[^\s,;:]+", clause))
        tail = clause.rsplit(",", 1)[1].split() if "," in clause else []
        if tail and tail[0].lower() in g.prepositions | g.articles | g.relatives:
            return ""  # (a relative clause after a comma is one of its own: "…, in dem es hieß:" is the letter's)
        joins = self._clause_joins
        verbs = [i for i, m in enumerate(words) if i and m.group()[:1].islower() and m.group().lower() not in joins]
        if not verbs:
            return ""
        opening = [m.group() for m in words[: verbs[0]]]
        if len(opening) == 1 and any(opening[0] in n.split() for n in named):
            return opening[0]
        for verb in verbs:
            # (the first word in lower case after which a subject stands: "Für ihn und seine Mitarbeiter hofft er …"
            # passes over "ihn", after which "und" opens no subject)
            subject = self._subject_at(text, start, words[verb + 1 :], end, mentions)
            if subject:
                return subject
        return ""

    def _subject_at(self, text: str, start: int, rest: list[re.Match[str]], end: int, mentions: list[_Mention]) -> str:
        """The subject that stands first in ``rest``, the words after a verb (their offsets from ``start``): a
        pronoun; a person the article names, alone or after an article and a description ("der ehemalige
        Bundesinnenminister Otto Schily"); or a role with its article ("der Bundespräsident"); "" when none does."""
        g = self.grammar
        if not rest:
            return ""
        first = rest[0].group().lower()
        if first in g.pronouns and first not in g.plural_pronouns:
            return rest[0].group()
        k = 1 if first in g.articles else 0
        while k < len(rest) and rest[k].group()[:1].islower() and rest[k].group().lower() not in g.conjunctions:
            k += 1  # (adjectives before the noun: "der ehemalige Bundesinnenminister")
        if k >= len(rest) or not rest[k].group()[:1].isupper():
            return ""
        head = start + rest[k].start()
        phrase_end = _noun_phrase_end(text[:end], head, g)
        mention = next((x for x in mentions if head <= x.position < max(phrase_end, head + 1)), None)
        if mention is not None and all(w[:1].isupper() for w in text[head : mention.position].split()):
            return mention.phrase  # ("sagte Jon Bon Jovi, Gründer der Rockband:", "… Bundesinnenminister Otto Schily")
        if g.role.match(rest[k].group()) and (k == 0 or first in g.articles):
            return text[head:phrase_end].strip(" ,:")
        return ""

    def _apposed(self, clause: str, named: frozenset[str]) -> str | None:
        """A person named and described side by side, which is all of ``clause`` (what stands before a verb of
        saying): "Gabi Schwab, Schulleiterin der MS Egger-Lienz", "Der Schulleiter der Volksschule Tristach,
        Norbert Salcher," — as "name, description". The name must be one the article writes as a person's (``named``,
        its mentions): in German every noun is capitalised."""
        parts = [part.strip() for part in clause.strip().rstrip(",").split(",")]
        if not all(parts):
            return None
        g = self.grammar
        aside = len(parts) > 1 and _opens_relative(parts[-1].split(), g)
        if aside:
            parts.pop()  # ("The Lord Chief Justice, Lord Woolf, who is the most senior judge, said …": an aside)
        # (a person's age between commas says nothing of what they are: "Robert Jackson, 58, MP for Wantage")
        aged = [part for k, part in enumerate(parts) if not (k and part.isdigit())]
        if (aside or len(aged) < len(parts)) and len(aged) == 1 and self._written_as_named(aged[0], named):
            return aged[0]  # ("Mr Cook, who is giving evidence to the inquiry, told …", "Mr Hague, 43, told …")
        parts = aged
        if len(parts) != 2:
            return None
        for name, description in (parts, parts[::-1]):
            words = name.split()
            if not self._written_as_named(name, named) or any(g.role.match(w) for w in words):
                continue
            if (
                _describes(description.split(), g, first=3)
                # (a description before the name may end on its role: "The SNP's Holyrood leader, Nicola Sturgeon,")
                or (
                    description == parts[0]
                    and g.role.match(_unelided(description.split()[-1], g))
                    and not _participial(description.split(), g)
                )
                # (and one after it, between commas before the verb, is one whatever its words: "Ian Pearson, BT's
                # futurologist, told …")
                or (name == parts[0] and clause.rstrip().endswith(",") and len(description.split()) <= _APPOSED_WORDS)
            ):
                return f"{name}, {description}"
            if name == parts[0] and _opens_relative(description.split(), g):
                return name  # ("Robert Chow, der die Allianz … führt, erinnerte daran, dass …": an aside on them)
        return None

    def _written_as_named(self, name: str, named: frozenset[str]) -> bool:
        """Whether ``name`` is written as the article writes a person's: in full as one of its mentions (``named``), or
        a courtesy title and a surname ("Mr Hague"); an opening word of a phrase makes it none ("Der Schulleiter")."""
        words = name.split()
        if words and words[0].lower() in self.grammar.leading:
            return False  # (an opening word, not an initial inside the name: "Charles A Blixt")
        if len(words) == 2 and _courteous(words[0], self.grammar) and words[1][:1].isupper():
            return True
        return " ".join(words) in named

    def _described_person(self, phrase: str) -> bool:
        """Whether ``phrase`` is a name and a description after it, and nothing else ("Charles A Blixt, executive
        vice-president of RJ Reynolds Tobacco"): a subject, not what someone said."""
        name, comma, description = phrase.partition(",")
        return bool(comma) and self._names_someone(name) and _describes(description.split(), self.grammar, first=3)

    def _names_someone(self, phrase: str) -> bool:
        words = phrase.split()
        return 1 <= len(words) <= 4 and all(w[:1].isupper() or w in self.grammar.particles for w in words)

    def _pronoun_in_cue(self, phrase: str, cue: str) -> str:
        """The speaker phrase, or the pronoun a cue carries when it has none of its own ("a-t-il ajouté")."""
        if phrase.strip():
            return phrase
        for word in re.split(r"[\s-]+", cue.lower()):
            if word in self.grammar.pronouns:
                return word
        return phrase


#: where a sentence ends inside a paragraph: its closing stop and the space after it
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»]?\s+")


def _end_before(text: str, item: _Found, at: int) -> None:
    """End ``item`` before ``at`` (where a second statement or the writer's words begin), its parts with it."""
    item.end = _trim(text, item.start, at)
    if item.parts:
        item.parts = tuple((s, min(e, item.end)) for s, e in item.parts if s < item.end)


def _passive(phrase: str, g: Grammar) -> bool:
    """Whether the words before a verb of saying end on an auxiliary of the passive ("were told"): their subject
    said nothing."""
    words = phrase.split()
    return bool(words) and words[-1].lower() in g.passive


def _without_auxiliaries(phrase: str, g: Grammar) -> str:
    """``phrase`` without the words of when or how a verb was said that close it ("Mary Robinson has" → "Mary
    Robinson"): the pack's closing words, its auxiliaries among them."""
    words = phrase.split()
    while len(words) > 1 and words[-1].lower() in g.closing:
        words.pop()
    return " ".join(words)


def _quoting(words: str) -> bool:
    """Whether ``words`` hold a quotation's opening mark after their first word (a word quoted as someone's)."""
    first = words.split(None, 1)
    return len(first) > 1 and any(mark in first[1] for mark in _OPENING_MARKS)


#: what a paragraph of an answer ends on (a subheading ends on none)
_SENTENCE_ENDS = frozenset('.!…»“”"')


def _asking(text: str, labelled: list[tuple[int, int, re.Match[str] | None]]) -> frozenset[str]:
    """The labels of an interview's questions: those whose paragraphs end on a question mark more often than not
    ("Голос Америки: … ?", "SRF News: … ?")."""
    asked: dict[str, list[bool]] = {}
    for p_start, p_end, label in labelled:
        if label is not None:
            asked.setdefault(label.group("label"), []).append(text[p_start:p_end].rstrip().endswith("?"))
    return frozenset(label for label, questions in asked.items() if 2 * sum(questions) > len(questions))


#: a paragraph that opens on a label and a colon: an interview's "Thomas Jäger: …", "SRF News: …"
_LABEL = re.compile(r"\s*(?P<label>[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){0,3})[ \u00a0\u202f]?:\s+")


def _media_only(phrase: str, g: Grammar) -> bool:
    """Whether a speaker phrase names an outlet and no one at it ("РИА «Новости»", "NEWSru.com")."""
    cleaned = _clean_phrase(phrase, g)
    if g.foreign_script_type == "media" and _foreign_script(cleaned, g.script):
        return True  # ("NEWSru.com" in a Russian text)
    return _parse(cleaned, g, None).type == "media"


def _typed_by_initials(speaker: Speaker, text: str, g: Grammar) -> Speaker:
    """``speaker`` typed by what the article says the initials describing them stand for ("Исполнительный директор
    АТОР", where "Ассоциации туроператоров России (АТОР)" was named, is an association's), when that gives a type;
    the description shown stays as written."""
    described = f"{speaker.role} {speaker.organization}"
    spelled = described
    for initials in {w.strip(_NAME_STRIP) for w in described.split() if _initials(w.strip(_NAME_STRIP))}:
        for m in re.finditer(rf"\(\s*{re.escape(initials)}\s*\)", text):
            words = re.split(r"[.,;:!?«»“”„\"()\n—–]", text[max(0, m.start() - 120) : m.start()])[-1].split()
            first = next((k for k, w in enumerate(words) if w[:1].upper() == initials[0]), None)
            if first is not None and 2 <= len(words) - first <= _APPOSITION_WORDS:
                spelled = spelled.replace(initials, " ".join(words[first:]))
                break
    if spelled == described:
        return speaker
    kind = _type(spelled, "", speaker.name, g)
    return replace(speaker, type=kind) if kind != "other" else speaker


def _ends_on_own_comma(text: str, q: QuoteSpan) -> bool:
    """Whether quotation ``q`` ends on its own comma (or question or exclamation mark) inside its closing mark, past
    the closing marks of a quotation inside it ('"…," she said', '"… ‘accept responsibility,’" Merkley said')."""
    return text[q.start : q.end - 1].rstrip(_CLOSING_MARKS + "’ ")[-1:] in _OWN_COMMA


def _held(waiting: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The quotations of ``waiting`` that a report from ``start`` to ``end`` holds (its closing stop past it too)."""
    return [(s, e) for s, e in waiting if start <= s and e <= end + 1]


def _sentence_before(spans: list[tuple[int, int]], at: int, paragraph_start: int) -> tuple[int, int] | None:
    """The sentence before the one holding ``at``, when it is in the same paragraph (from ``paragraph_start``)."""
    k = bisect.bisect_right(spans, (at, sys.maxsize)) - 1
    return spans[k - 1] if k >= 1 and spans[k - 1][0] >= paragraph_start else None


#: a comma that may end a description opening reported content, and the word after it
_DESCRIPTION_END = re.compile(r",\s+(?=(?P<next>\w+))")
#: the most words such a description may have
_DESCRIPTION_WORDS = 12


def _headline(paragraph: str) -> bool:
    """Whether a paragraph is a headline: a short line without a sentence's closing stop, or a quotation alone."""
    words = paragraph.split()
    if not words or len(words) > 16:
        return False
    if paragraph[0] in '«„“"' and paragraph[-1] in '»“”"':
        return True
    return paragraph[-1] not in '.!?…:»“”"'


def _noun_phrase_end(sentence: str, pos: int, g: Grammar) -> int:
    """Where the noun phrase that starts at ``pos`` ends, in a language that capitalises nouns: its words up to
    the first lower-case word after a capitalised one that does not link to more of the phrase ("Laut einem
    Bericht der Zeitung | sind …")."""
    seen_head = False
    end = pos
    words = list(re.finditer(r"\S+", sentence[pos:]))
    for k, m in enumerate(words):
        word = m.group().strip(",;:")
        if word[:1].isupper():
            seen_head = True
        elif seen_head and word.lower() in g.conjunctions:
            seen_head = False  # ("des Historikers und Geheimdienstexperten Adrian Hänni": one phrase)
        elif seen_head and (word.lower() not in g.particles or not _particles_to_name(words[k:], g)):
            # (a closing word, "im", "am", "gegenüber", says when or where: the phrase has ended; so does a name's
            # particle that leads to no name: "laut Polizei | von dem Stromausfall betroffen")
            break
        elif seen_head:
            seen_head = False
        end = pos + m.end()
        if m.group().endswith((",", ";", ":")):
            break
    return end


def _particles_to_name(words: Sequence[re.Match[str]], g: Grammar) -> bool:
    """Whether a name's particle, the first of ``words``, goes on with the noun phrase: not when an article that is
    no particle follows it ("von der Leyen", "des russischen Ministeriums"; not "von dem Stromausfall")."""
    following = words[1].group().lower() if len(words) > 1 else ""
    return not (following in g.articles and following not in g.particles)


def _asks(sentence: str) -> bool:
    """Whether ``sentence`` is a question: it asks, it reports no one ("Welche Vorschläge sind Ihrer Meinung nach
    verfassungswidrig?")."""
    return sentence.rstrip(" \n\"'“”»«)").endswith("?")


def _trim(text: str, start: int, end: int) -> int:
    """Where reported content ends: before the closing punctuation and spaces."""
    while end > start and text[end - 1] in ".!?,;:—– \n\u00a0":
        end -= 1
    return end


#: a period that ends no sentence, swapped for :data:`~briefing.quotes.spans.DOT`: a title's ("Dr.", "M.") or an
#: initial's ("А. Кудрин"), before a capitalised word
_ABBREVIATED = re.compile(r"(?<![\w.])(?P<word>[^\W\d_]{1,4})\.(?=\s+[^\W\d_])")
#: a period inside letters written with periods ("F.A.Z.", "U.S.A.", "z.B.", "т.е."): it ends no sentence (the
#: last period of such letters is read as any other)
_INSIDE_LETTERS = re.compile(r"(?<![\w.])[^\W\d_](?:\.[^\W\d_])+(?=\.)")


def _dotted(text: str, g: Grammar) -> str:
    """``text`` with the periods of the pack's title abbreviations and of initials swapped for :data:`DOT` (same
    length, so offsets hold)."""

    def swap(m: re.Match[str]) -> str:
        word = m.group("word")
        initial = len(word) == 1 and word.isupper()
        return f"{word}{DOT}" if initial or word in g.abbreviations else m.group()

    text = _INSIDE_LETTERS.sub(lambda m: m.group().replace(".", DOT), text)
    return _ABBREVIATED.sub(swap, text)


def _learned(learned: dict[str, Speaker], speaker: Speaker) -> Speaker | None:
    """What was learned of the person ``speaker`` names bare, by the same name or another form of it ("Brown" learned
    a chancellor, later called "Gordon Brown": his); with the fuller name. ``None`` when nothing, or when two people
    learned of could be the one."""
    if speaker.name in learned:
        return learned[speaker.name]
    alike = [person for name, person in learned.items() if _may_be(name, speaker.name, full=False)]
    if len(alike) != 1:
        return None
    person = alike[0]
    return replace(person, name=speaker.name) if len(speaker.name.split()) > len(person.name.split()) else person
