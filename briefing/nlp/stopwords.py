"""Stop words by language: sumy's lists, read offline, shared by the summarizers and the term vectors.

:func:`language_stop_words` is what the language-aware stages use: sumy's list with ours added
from ``briefing/nlp/lang/<code>-stopwords.txt`` — sumy 0.13 has no Russian list at all, and its
French and German ones lack de, à, un, une, hat, wurde (…); English is sumy's list as it is.
"""

from __future__ import annotations

import functools
import pkgutil

__all__ = ["default_stop_words", "language_stop_words"]


@functools.cache
def default_stop_words(language: str = "english") -> frozenset[str]:
    """sumy's stop-word list for ``language`` (a file in sumy's package; no NLTK), in lower case.

    A language named as sumy names its files ("english", "German") is read from the file directly:
    ``sumy.utils`` imports requests and reads pycountry's database of languages to understand codes
    such as "en" (up to 0.1 s of a run's start). Codes, and names it has no file for, go through sumy.
    """
    if language.isalpha():
        try:
            data = pkgutil.get_data("sumy", f"data/stopwords/{language.lower()}.txt")
        except OSError:
            data = None
        if data is not None:
            # as sumy's parse_stop_words reads the file
            return frozenset(w.rstrip().lower() for w in data.decode("utf-8").splitlines() if w)
    from sumy.utils import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(language))


@functools.cache
def language_stop_words(language: str) -> frozenset[str]:
    """The stop words of ``language`` (a code or a name): sumy's list and ours, lower-case.

    English gets exactly :func:`default_stop_words`; a language neither has a list for, none.
    """
    from briefing.nlp.language_rules import language_code, language_file, snowball_name

    code = language_code(language)
    try:
        words = default_stop_words(snowball_name(code))
    except LookupError:
        words = frozenset()
    if not code.isalpha():
        return words
    data = language_file(f"{code}-stopwords.txt")
    if data is None:
        return words
    return words | {w.strip().lower() for w in data.decode("utf-8").splitlines() if w.strip()}
