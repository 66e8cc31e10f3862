"""Stop words by language: sumy's lists, read offline, shared by the summarizers and the term vectors."""

from __future__ import annotations

import functools
import pkgutil

__all__ = ["default_stop_words"]


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
