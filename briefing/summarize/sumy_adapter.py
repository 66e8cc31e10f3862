"""sumy's summarizers behind our :class:`~briefing.summarize.base.Summarizer` interface.

The adapter builds sumy's document model straight from our sentences (so nothing is
split twice and nothing needs NLTK's punkt data) and maps sumy's picks back to our
sentences by identity, which keeps their offsets. It also covers the inputs sumy gets
wrong: with one or two sentences LexRank's scores are NaN and its picks arbitrary, and
Edmundson refuses to run without word lists.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from briefing.models import Sentence
from briefing.nlp.tokens import SumyTokenizer
from briefing.summarize.base import lead, obvious

__all__ = ["SUMY_ALGORITHMS", "SumySummarizer"]

log = logging.getLogger("briefing.summarize")

#: Our names for sumy's summarizers: module and class inside ``sumy.summarizers``.
SUMY_ALGORITHMS: dict[str, tuple[str, str]] = {
    "lexrank": ("lex_rank", "LexRankSummarizer"),
    "textrank": ("text_rank", "TextRankSummarizer"),
    "lsa": ("lsa", "LsaSummarizer"),
    "luhn": ("luhn", "LuhnSummarizer"),
    "edmundson": ("edmundson", "EdmundsonSummarizer"),
    "kl": ("kl", "KLSummarizer"),
    "sumbasic": ("sum_basic", "SumBasicSummarizer"),
    "reduction": ("reduction", "ReductionSummarizer"),
}

_TOKENIZER = SumyTokenizer("english")


class SumySummarizer:
    """One of sumy's algorithms (``"lexrank"``, ``"lsa"``, …) by name."""

    def __init__(self, name: str, *, language: str = "english", display_name: str = "") -> None:
        if name not in SUMY_ALGORITHMS:
            raise KeyError(name)
        self.algorithm = name
        self.name = display_name or name
        #: the language as sumy names it ("english", "russian")
        self.language = language
        self._tokenizer = _TOKENIZER if language == "english" else SumyTokenizer(language)

    def original(self) -> Any:
        """A new instance of sumy's own summarizer, with sumy's stemmer and stop words for the language."""
        import importlib

        from briefing.nlp.stopwords import language_stop_words
        from briefing.summarize.terms import default_stemmer, null_stemmer  # NumPy, and NLTK on first use

        module_name, class_name = SUMY_ALGORITHMS[self.algorithm]
        module = importlib.import_module(f"sumy.summarizers.{module_name}")
        stop_words = language_stop_words(self.language)
        try:
            stemmer = default_stemmer(self.language)
        except LookupError:  # a language no stemmer knows: its words unstemmed
            stemmer = null_stemmer
        if self.algorithm == "edmundson":
            # The cue method needs bonus and stigma word lists nobody has for news; the
            # title and location methods need only "null" words, for which stop words serve.
            summarizer = module.EdmundsonSummarizer(
                stemmer, cue_weight=0.0, key_weight=0.0, title_weight=1.0, location_weight=1.0
            )
            summarizer.null_words = stop_words
            return summarizer
        summarizer = getattr(module, class_name)(stemmer)
        summarizer.stop_words = stop_words
        return summarizer

    def summarize(self, sentences: Sequence[Sentence], count: int, *, title: str = "") -> tuple[Sentence, ...]:
        settled = obvious(sentences, count)
        if settled is not None:
            return settled
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        by_id: dict[int, Sentence] = {}
        paragraphs: list[Any] = []
        if title and self.algorithm == "edmundson":
            paragraphs.append(Paragraph([SumySentence(title, self._tokenizer, is_heading=True)]))
        current: list[Any] = []
        last_paragraph: tuple[str, int] | None = None
        for s in sentences:
            key = (s.article_id, s.paragraph)
            if current and key != last_paragraph:
                paragraphs.append(Paragraph(current))
                current = []
            last_paragraph = key
            sumy_sentence = SumySentence(s.text, self._tokenizer)
            by_id[id(sumy_sentence)] = s
            current.append(sumy_sentence)
        if current:
            paragraphs.append(Paragraph(current))
        document = ObjectDocumentModel(paragraphs)
        try:
            picked = self.original()(document, count)
        except (ValueError, ZeroDivisionError, ArithmeticError, LookupError) as exc:
            # e.g. LSA on a text whose every word is a stop word
            log.debug("%s failed (%s); using the lead instead", self.name, exc)
            return lead(sentences, count)
        chosen = {id(by_id[id(p)]) for p in picked if id(p) in by_id}
        return tuple(s for s in sentences if id(s) in chosen)
