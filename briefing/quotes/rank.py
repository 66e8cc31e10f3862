"""Which quotes a brief shows: the key-quote score, and analyst views gathered across articles.

Key-quote score (higher first), each part in [0, 1]::

    score = prominence + informativeness + novelty + kind bonus + pick-up

- prominence: how much the speaker's word carries — analyst 1.0, official 0.9,
  organisation 0.6, media 0.5, other 0.3; an unnamed speaker loses 0.2;
- informativeness: content words in the quote, up to 25 (a two-word scare quote says little);
- novelty: 1 minus the largest word overlap (Jaccard) with a sentence already in the summary;
- kind bonus: direct 0.3, mixed 0.1 — a reader wants the speaker's own words;
- pick-up: 0.25 for each other article carrying the same words, up to 0.5 — a quote
  several outlets chose to print is one the story turns on.

Only direct and mixed quotes with a speaker compete (not one left as a bare "he" or "it");
reported views go to "Analyst views".

The same words carried by several articles (wire copy, a quote every outlet picked up) are
shown once: :func:`merge_repeats` keeps the first appearance and cites the others. A person
described in one article and not in another is described alike in both (:class:`DescribeAlike`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from briefing.models import AnalystView, Citation, Quote, Remembered, Sentence, Speaker, SpeakerType
from briefing.nlp.tokens import words
from briefing.quotes.lang import load_pack

__all__ = ["DescribeAlike", "analyst_views", "key_quotes", "merge_repeats", "quote_score"]

#: speakers that are a pronoun alone: someone the article never named where we could find it
_NO_ONE = load_pack("en").bare_pronoun_speakers
_PROMINENCE = {"analyst": 1.0, "official": 0.9, "organization": 0.6, "media": 0.5, "other": 0.3}
_KIND_BONUS = {"direct": 0.3, "mixed": 0.1, "indirect": 0.0}
#: words left out when quotes are compared
_STOP = load_pack("en").stop_words


def _content(text: str | Sequence[str]) -> set[str]:
    """The text's content words, lower-cased (or of its :func:`words`, already found)."""
    lowered = {w.lower() for w in (words(text) if isinstance(text, str) else text)}
    return lowered - _STOP


class DescribeAlike:
    """Describes a person alike in every article of a brief: called on a quote whose speaker is named
    in full but described in no way there, it gives the quote with the description the brief's
    articles give that person most often ("Tony Blair" is the prime minister in every story once one
    says so, and typed as such); any other quote comes back as it is.

    Applied where quotes are chosen and shown, so a large run keeps one copy of each quote.
    """

    def __init__(self, quotes_by_article: Iterable[Iterable[Quote]]) -> None:
        seen: dict[str, dict[tuple[str, str, SpeakerType], int]] = {}
        first: dict[tuple[str, str, str, SpeakerType], str] = {}  # the article that first gave a description
        self._bare: dict[str, None] = {}  # named in full and described nowhere (so far), in order
        for quotes in quotes_by_article:
            for q in quotes:
                s = q.speaker
                if s is None or not s.named or " " not in s.name:
                    continue
                if s.role or s.organization:
                    counts = seen.setdefault(s.name, {})
                    key = (s.role, s.organization, s.type)
                    counts[key] = counts.get(key, 0) + 1
                    first.setdefault((s.name, *key), q.article_id)
                else:
                    self._bare[s.name] = None
        # the most frequent description, the first seen among equals (a dictionary keeps the order of insertion)
        self._best = {name: max(counts, key=counts.__getitem__) for name, counts in seen.items()}
        self._source = {name: first[(name, *key)] for name, key in self._best.items()}
        self._described: dict[Speaker, Speaker] = {}  # (one described speaker for all their quotes)
        #: the people described as earlier briefs' articles described them (:meth:`remember`)
        self.remembered: dict[str, Remembered] = {}

    def undescribed(self) -> list[str]:
        """The people named in full whom no article of the brief describes."""
        return [name for name in self._bare if name not in self._best]

    def remember(self, remembered: Mapping[str, Remembered]) -> None:
        """Describe the people no article of the brief describes as earlier briefs' articles did (the memory of
        :mod:`briefing.people.memory`); never over what the brief's own articles say."""
        self.remembered = {name: r for name, r in remembered.items() if name not in self._best}

    def described_in(self, name: str) -> str:
        """The id of the article whose description of ``name`` the brief uses ("" when none describes them)."""
        return self._source.get(name, "")

    def __call__(self, quote: Quote) -> Quote:
        speaker = quote.speaker
        if speaker is None or speaker.role or speaker.organization:
            return quote
        if speaker.name not in self._best and speaker.name not in self.remembered:
            return quote
        described = self._described.get(speaker)
        if described is None:
            if speaker.name in self._best:
                role, organization, kind = self._best[speaker.name]
            else:
                known = self.remembered[speaker.name].speaker
                role, organization, kind = known.role, known.organization, known.type
            described = dataclasses.replace(speaker, role=role, organization=organization, type=kind)
            self._described[speaker] = described
        return dataclasses.replace(quote, speaker=described)


#: A shorter quotation inside a longer one counts as the same quote from this many words on.
_SAME_QUOTE_MIN_WORDS = 6


def _word_key(quote: Quote) -> str:
    return " " + " ".join(w.lower() for w in words(quote.content)) + " "


def merge_repeats(quotes_by_article: Sequence[Sequence[Quote]]) -> list[list[Quote]]:
    """Each article's quotes, with a quote already carried by an earlier article left out and
    cited on that earlier quote (``also_in``) instead.

    Two direct or mixed quotes are the same when their words are equal, or when the shorter
    (at least six words) stands word for word inside the longer — an outlet that trims a
    quotation still carries it. Reported speech is never merged: paraphrases differ.
    """
    kept: list[list[Quote]] = []
    shown = _Shown()
    for a, quotes in enumerate(quotes_by_article):
        mine: list[Quote] = []
        for q in quotes:
            if q.kind == "indirect" or q.speaker is None:
                mine.append(q)
                continue
            key = _word_key(q)
            same = shown.first_same(key, other_than=a)
            if same is None:
                shown.add(key, a, len(mine))
                mine.append(q)
                continue
            where, index = same
            first = kept[where][index]
            cited = dataclasses.replace(
                first, also_in=(*first.also_in, Citation(article_id=q.article_id, paragraph=q.paragraph))
            )
            kept[where][index] = cited
        kept.append(mine)
    return kept


def _same_words(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter.count(" ") - 1 >= _SAME_QUOTE_MIN_WORDS and shorter in longer


class _Shown:
    """The quotes shown so far, indexed so that finding "the same words" is not a scan of all of them.

    A shorter quote of at least six words inside a longer one shares its first six words with
    some run of six words of the longer: runs of six words (as text) index the candidates, and
    :func:`_same_words` decides. Shorter quotes can only be equal, and are looked up whole.
    """

    def __init__(self) -> None:
        self.entries: list[tuple[str, int, int]] = []  # word key, article position, quote position
        self.by_key: dict[str, list[int]] = {}
        self.by_run: dict[str, list[int]] = {}  # any run of six words → entries holding it
        self.by_first_run: dict[str, list[int]] = {}  # first six words → entries starting so

    @staticmethod
    def _runs(key: str) -> list[str]:
        w = key.split()
        n = _SAME_QUOTE_MIN_WORDS
        return [" ".join(w[i : i + n]) for i in range(len(w) - n + 1)]

    def add(self, key: str, article: int, position: int) -> None:
        entry = len(self.entries)
        self.entries.append((key, article, position))
        self.by_key.setdefault(key, []).append(entry)
        runs = self._runs(key)
        for run in dict.fromkeys(runs):
            self.by_run.setdefault(run, []).append(entry)
        if runs:
            self.by_first_run.setdefault(runs[0], []).append(entry)

    def first_same(self, key: str, *, other_than: int) -> tuple[int, int] | None:
        """(article, quote) positions of the earliest shown quote with the same words, from another article."""
        runs = self._runs(key)
        candidates = set(self.by_key.get(key, ()))
        if runs:
            candidates.update(self.by_run.get(runs[0], ()))  # this quote inside a longer one
            for run in dict.fromkeys(runs):  # a shorter one inside this
                candidates.update(self.by_first_run.get(run, ()))
        for entry in sorted(candidates):
            shown, article, position = self.entries[entry]
            if article != other_than and _same_words(key, shown):
                return article, position
        return None


def quote_score(quote: Quote, summary: Sequence[Sentence]) -> float:
    """Score a quote for the "Key quotes" section (see the module docstring)."""
    return _score(quote, [_content(s.text) for s in summary])


def _score(quote: Quote, summary_words: Sequence[set[str]], tokens: Sequence[str] | None = None) -> float:
    speaker = quote.speaker
    if speaker is None:
        return 0.0
    prominence = _PROMINENCE[speaker.type] - (0.0 if speaker.named else 0.2)
    content = _content(quote.content if tokens is None else tokens)
    informativeness = min(len(content), 25) / 25
    overlap = 0.0
    for other in summary_words:
        if content and other:
            overlap = max(overlap, len(content & other) / len(content | other))
    pickup = min(0.5, 0.25 * len(quote.also_in))
    return prominence + informativeness + (1.0 - overlap) + _KIND_BONUS[quote.kind] + pickup


#: the least calibrated confidence of a key quote: its rule names the right speaker at least six times in ten on
#: annotated news (each pack's confidence.toml; docs/languages.md)
KEY_QUOTE_CONFIDENCE = 0.6


def key_quotes(quotes: Iterable[Quote], summary: Sequence[Sentence], limit: int) -> tuple[Quote, ...]:
    """The ``limit`` best direct or mixed quotes, best first, of those whose attribution is confident
    (:data:`KEY_QUOTE_CONFIDENCE`).

    The same words are shown once, and every speaker gets a quote before anyone gets a
    second: a reader wants to hear the range of voices.
    """
    summary_words = [_content(s.text) for s in summary]  # once, not once per quote
    scored: list[tuple[float, Quote, tuple[str, ...]]] = []
    for q in quotes:
        if q.kind == "indirect" or q.speaker is None or q.speaker.name.lower() in _NO_ONE:
            continue  # (a quote of "He" or "It", whom the article never let us name, tells a reader nothing)
        if q.confidence is not None and q.confidence < KEY_QUOTE_CONFIDENCE:
            continue  # (a name under a quote that is wrong four times in ten is no name to print)
        tokens = words(q.content)  # once per quote: its score and its key need them
        if len(tokens) >= 4:
            scored.append((_score(q, summary_words, tokens), q, tokens))
    scored.sort(key=lambda item: (-item[0], item[1].article_id, item[1].start))
    unique: list[Quote] = []
    seen: set[str] = set()
    for _, q, tokens in scored:
        key = " ".join(w.lower() for w in tokens)
        if key not in seen:
            seen.add(key)
            unique.append(q)
    turn: dict[str, int] = {}
    order = []
    for position, q in enumerate(unique):
        name = q.speaker.name if q.speaker else ""
        turn[name] = turn.get(name, -1) + 1
        order.append((turn[name], position, q))
    order.sort(key=lambda item: (item[0], item[1]))
    return tuple(q for _, _, q in order[:limit])


#: an analyst's views shown in full; the others are cited (outlet and paragraph), so every one stays
#: traceable without an expert quoted in thirty articles filling pages of a morning brief
VIEWS_PER_ANALYST = 4


def analyst_views(quotes: Iterable[Quote], *, shown: int = VIEWS_PER_ANALYST) -> tuple[AnalystView, ...]:
    """Every named analyst once, with up to ``shown`` of their quotes and views in full — their
    own words first, then the longest — in reading order, and where the rest are."""
    by_name: dict[str, list[Quote]] = {}
    speakers: dict[str, Speaker] = {}
    for q in quotes:
        if q.speaker is None or q.speaker.type != "analyst" or not q.speaker.named:
            continue
        by_name.setdefault(q.speaker.name, []).append(q)
        known = speakers.get(q.speaker.name)
        if known is None or (not known.organization and q.speaker.organization):
            speakers[q.speaker.name] = q.speaker
    views: list[AnalystView] = []
    for name, qs in by_name.items():
        best = sorted(range(len(qs)), key=lambda i: (-_KIND_BONUS[qs[i].kind], -len(qs[i].content), i))[:shown]
        keep = set(best)
        shown_at = {(qs[i].article_id, qs[i].paragraph) for i in keep}
        more = dict.fromkeys(  # a paragraph already cited by a view shown is not cited again
            Citation(article_id=q.article_id, paragraph=q.paragraph)
            for i, q in enumerate(qs)
            if i not in keep and (q.article_id, q.paragraph) not in shown_at
        )
        views.append(AnalystView(speaker=speakers[name], quotes=tuple(qs[i] for i in sorted(keep)), more=tuple(more)))
    return tuple(views)
