"""Quotes, speakers and analyst views.

The :class:`QuoteExtractor` interface is the seam: the rule-based extractor is the
default, and a model-based one can be registered beside it without touching callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from briefing.models import Article, Quote, Sentence
from briefing.quotes.extract import RuleQuoteExtractor
from briefing.quotes.speakers import SpeakerBook, classify, parse_speaker

__all__ = ["EXTRACTORS", "QuoteExtractor", "RuleQuoteExtractor", "SpeakerBook", "classify", "parse_speaker"]


class QuoteExtractor(Protocol):
    """Finds the quotes in one article.

    ``extract`` returns quotes in reading order; each quote's ``text`` is
    ``article.text[start:end]`` and its speaker is resolved within the article.
    """

    name: str

    def extract(self, article: Article, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
        """Return the article's quotes."""
        ...


EXTRACTORS: dict[str, type[RuleQuoteExtractor]] = {"rules": RuleQuoteExtractor}
