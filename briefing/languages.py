"""Each article's language tools: the one place that says how an article's words are read.

Every stage that reads words takes the article's language — the splitter's abbreviations and
quotation marks, the summarizers' stemmer, stop words, page furniture and ``[summaries]``
references (:mod:`briefing.nlp.language_rules`), the quote extractor and its pack (:mod:`briefing.quotes`)
and the terms stories are compared by. :func:`tools_for` gives them together for one article, and every
caller that reads an article on its own — the one-pass analysis, ``briefing summarize``,
``briefing quotes``, a story's summary, the evaluators — asks it, never the makers below it.

Why one seam: the makers take a language and fall back to English's rules without one
(``get_summarizer(name)`` is English's summarizer), so a caller that forgot to pass it read a
Russian article with the English stemmer and stop words and chose other sentences than the
analysis did, without any error to show it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.models import Article, Sentence
from briefing.nlp import article_language
from briefing.nlp import sentences as split_sentences
from briefing.nlp.language_rules import language_code

if TYPE_CHECKING:
    from briefing.quotes import QuoteExtractor
    from briefing.summarize import Summarizer

__all__ = ["LanguageTools", "tools_for", "tools_of"]


@dataclass(frozen=True, slots=True)
class LanguageTools:
    """How an article in one language is read: its sentences, quotes, summarizers and terms.

    Each summarizer and the quote extractor are made on first use and kept (per process and
    language), so asking for them again is cheap.
    """

    #: the language, an ISO 639-1 code ("ru")
    language: str

    def sentences(self, article: Article) -> tuple[Sentence, ...]:
        """``article``'s body split into sentences by this language's rules (boilerplate left out)."""
        return split_sentences(article, self.language)

    @property
    def quotes(self) -> QuoteExtractor:
        """The quote extractor: this language's pack, or English's rules for a language without one."""
        from briefing.quotes import extractor_for

        return extractor_for(self.language)

    def summarizer(self, algorithm: str) -> Summarizer:
        """The summarizer ``algorithm`` with this language's stemmer, stop words and page rules.

        Raises:
            ConfigError: no algorithm has that name.
        """
        from briefing.summarize import get_summarizer

        return get_summarizer(algorithm, self.language)

    def summarize(
        self, article: Article, sentences: Sequence[Sentence], algorithm: str, count: int
    ) -> tuple[Sentence, ...]:
        """``article``'s own summary: up to ``count`` of its ``sentences`` chosen by ``algorithm``, in reading order."""
        if not sentences:
            return ()
        return tuple(self.summarizer(algorithm).summarize(sentences, count, title=article.title))

    def terms(self, text: str) -> dict[str, float]:
        """A sentence's weighted term counts (:func:`briefing.nlp.vectors.terms`) in this language."""
        from briefing.nlp.vectors import terms  # with NumPy: not for commands that only print help

        return terms(text, language=self.language)


def tools_for(article: object) -> LanguageTools:
    """The language tools ``article`` is read with: its ``language``'s, English's when it has none."""
    return tools_of(article_language(article))


@functools.cache
def tools_of(language: str) -> LanguageTools:
    """The language tools of ``language`` (an ISO 639-1 code or a name: "ru", "russian")."""
    return LanguageTools(language=language_code(language))
