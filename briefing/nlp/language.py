"""The language of an article, told offline from its words; the languages a brief can be written in.

:func:`detect_language` asks py3langid (langid.py's naive Bayes model over byte n-grams, shipped
inside its wheel) which of :data:`LANGUAGES` a text is in. The model is loaded on first use
(about half a second, once per process), so a run whose articles all say their language, or
one that forces it, never loads it; a detection then costs about 0.1 ms (the title and the
first :data:`SAMPLE_CHARS` characters of the text are enough: on 519 news articles in
English, Russian, German and French the first 200 characters were told right every time).

A text too short to tell (fewer than :data:`MIN_LETTERS` letters) or one the model is unsure
of (below :data:`MIN_CONFIDENCE`) gets the default language, except that Cyrillic text gets a
Cyrillic language (Russian, or Ukrainian or Belarusian by their own letters) rather than an
English default.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any

from briefing.errors import ConfigError
from briefing.models import Article

__all__ = [
    "BRIEF_LANGUAGES",
    "LANGUAGES",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "SAMPLE_CHARS",
    "brief_language",
    "check_brief_language",
    "check_language",
    "detect_language",
    "language_name",
]

#: The languages told apart (ISO 639-1), by their English names: the four the brief is written in, and the
#: neighbours met in the Russian, German and French press. Detection never answers outside this set.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "de": "German",
    "fr": "French",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "pl": "Polish",
    "cs": "Czech",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}

#: The languages a brief's labels and dates can be written in: English, the templates' own, and those with a
#: catalog in briefing/locale (:mod:`briefing.render.i18n`).
BRIEF_LANGUAGES = ("en", "ru", "de", "fr")


def check_brief_language(code: str, *, field: str = "brief_language") -> str:
    """``code`` if a brief can be written in it (:data:`BRIEF_LANGUAGES`).

    Raises:
        ConfigError: it cannot; the hint lists the languages that can.
    """
    if not isinstance(code, str) or code not in BRIEF_LANGUAGES:
        raise ConfigError(
            f"{field} must be a language the brief is translated into, not {code!r}",
            field=field,
            hint=f"use one of {', '.join(BRIEF_LANGUAGES)}",
        )
    return code


def brief_language(articles: Iterable[Article]) -> str:
    """The language most of ``articles`` are in (the first met, on a tie); English when it has no catalog."""
    counts = Counter(a.language for a in articles if a.language)
    if not counts:
        return "en"
    top = counts.most_common(1)[0][0]
    return top if top in BRIEF_LANGUAGES else "en"


#: Fewer letters than this (title and text together) are not enough to tell a language.
MIN_LETTERS = 12
#: A detection the model gives less probability than this (among :data:`LANGUAGES`) is not trusted.
MIN_CONFIDENCE = 0.6
#: Characters of the article's text read after its title: detection reads no more.
SAMPLE_CHARS = 600

_lock = threading.Lock()
_identifier: Any = None


def language_name(code: str) -> str:
    """The English name of a language code of :data:`LANGUAGES` (the code itself for another)."""
    return LANGUAGES.get(code, code)


def check_language(code: str, *, field: str = "language") -> str:
    """``code`` if it is one of :data:`LANGUAGES` (in lower case, as listed there).

    Raises:
        ConfigError: it is not; the hint lists the known codes.
    """
    if not isinstance(code, str) or code not in LANGUAGES:
        raise ConfigError(
            f"{field} must be a language code the detector knows, not {code!r}",
            field=field,
            hint=f"use an ISO 639-1 code: {', '.join(LANGUAGES)}",
        )
    return code


def _model() -> Any:
    """py3langid's identifier, restricted to :data:`LANGUAGES`, loaded once per process."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier  # the model: ~0.5 s, loaded here only

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages(list(LANGUAGES))
                _identifier = identifier
    return _identifier


def detect_language(text: str, *, title: str = "", default: str = "en") -> str:
    """The ISO 639-1 code of the language ``title`` and ``text`` are written in, or ``default``.

    Only the title and the first :data:`SAMPLE_CHARS` characters of the text are read.
    ``default`` is given back for text with fewer than :data:`MIN_LETTERS` letters, for
    text mostly in other scripts than Latin and Cyrillic, and for text the model is unsure
    of, unless that text is Cyrillic (then ``ru``, or ``uk`` or ``be`` when their own
    letters are in it).
    """
    sample = f"{title}\n{text[:SAMPLE_CHARS]}" if title else text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return _by_script(letters, default)
    if sum(1 for c in letters if c < "\u0530" or "\u1e00" <= c <= "\u1eff") * 2 < len(letters):
        return default  # mostly in scripts none of LANGUAGES is written in (Arabic, Han, …): nothing to tell

    code, confidence = _model().classify(sample)
    if confidence >= MIN_CONFIDENCE:
        return str(code)
    return _by_script(letters, default)


_UKRAINIAN = set("іїєґІЇЄҐ")
_BELARUSIAN = set("ўЎ")


def _by_script(letters: list[str], default: str) -> str:
    """A Cyrillic language for text mostly in Cyrillic letters, else ``default``."""
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    if not letters or len(cyrillic) * 2 < len(letters) or default in ("ru", "uk", "be"):
        return default
    if any(c in _BELARUSIAN for c in cyrillic):
        return "be"
    if any(c in _UKRAINIAN for c in cyrillic):
        return "uk"
    return "ru"
