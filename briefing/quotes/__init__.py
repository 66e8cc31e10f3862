"""Quotes, speakers and analyst views.

:func:`get_extractor` is the one seam: it gives the quote extractor for an article's language,
made once per process and per language. Callers (the per-article analysis, the command line,
the evaluator) ask it rather than constructing an extractor, so a language's extractor is
imported only when an article in that language is met, and ``import briefing.quotes`` alone
loads no quote rules at all.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from briefing.errors import ConfigError
from briefing.models import Article, Quote, Sentence

if TYPE_CHECKING:
    from briefing.quotes.extract import RuleQuoteExtractor
    from briefing.quotes.speakers import SpeakerBook, classify, parse_speaker

__all__ = [
    "EXTRACTORS",
    "QuoteExtractor",
    "RuleQuoteExtractor",
    "SpeakerBook",
    "classify",
    "extractor_for",
    "get_extractor",
    "languages",
    "parse_speaker",
]


class QuoteExtractor(Protocol):
    """Finds the quotes in one article.

    ``extract`` returns quotes in reading order; each quote's ``text`` is
    ``article.text[start:end]`` and its speaker is resolved within the article.
    """

    name: str

    def extract(self, article: Article, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
        """Return the article's quotes."""
        ...


#: language code -> "module:factory" of its extractor; the module is imported on first use
EXTRACTORS: dict[str, str] = {
    "en": "briefing.quotes.extract:RuleQuoteExtractor",
    # the packs that run on the language-neutral engine, each with its grammar
    "ru": "briefing.quotes.engine:QuoteEngine",
    "de": "briefing.quotes.engine:QuoteEngine",
    "fr": "briefing.quotes.engine:QuoteEngine",
}

_made: dict[str, QuoteExtractor] = {}
_making = threading.Lock()


def languages() -> tuple[str, ...]:
    """The languages an extractor is registered for."""
    return tuple(sorted(EXTRACTORS))


def get_extractor(language: str = "en") -> QuoteExtractor:
    """The quote extractor for ``language`` (an ISO 639-1 code), made on first use and kept.

    Raises:
        ConfigError: no extractor is registered for the language.
    """
    extractor = _made.get(language)
    if extractor is not None:
        return extractor
    if language not in EXTRACTORS:
        raise ConfigError(
            f"no quote extractor for the language {language!r}",
            field="language",
            hint=f"known: {', '.join(languages())}",
        )
    with _making:
        if language not in _made:
            module, _, factory = EXTRACTORS[language].partition(":")
            make = getattr(importlib.import_module(module), factory)
            _made[language] = make(language) if language != "en" else make()
        return _made[language]


def extractor_for(language: str) -> QuoteExtractor:
    """The extractor an article in ``language`` is read with: its own language's, or English's rules for a
    language that has no pack yet (quotation marks are paired in any language; the attributions found are
    English ones)."""
    return get_extractor(language if language in EXTRACTORS else "en")


_LAZY = {
    "RuleQuoteExtractor": "briefing.quotes.extract",
    "SpeakerBook": "briefing.quotes.speakers",
    "classify": "briefing.quotes.speakers",
    "parse_speaker": "briefing.quotes.speakers",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'briefing.quotes' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
