"""Choosing articles by the words they mention (a schedule's ``keywords`` and ``exclude``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.models import Article

__all__ = ["KeywordFilter"]


class KeywordFilter:
    """Keep articles that mention any of ``keywords`` (all, when there are none) and none of ``exclude``.

    Keywords match whole words in the title or text, so ``Syria`` finds "Syria's" but not
    "Syriac" unless written ``Syria*``; a phrase matches across any run of spaces. Matching
    ignores case, except for keywords written in capitals (``US``, ``EU``), which would
    otherwise match the ordinary words "us" and "eu".
    """

    def __init__(self, keywords: Sequence[str] = (), exclude: Sequence[str] = ()) -> None:
        self._keep = _pattern(keywords)
        self._drop = _pattern(exclude)

    @property
    def active(self) -> bool:
        """Whether the filter can leave anything out."""
        return self._keep is not None or self._drop is not None

    def __call__(self, article: Article) -> bool:
        text = f"{article.title}\n{article.text}"
        if self._keep is not None and not self._keep.search(text):
            return False
        return not (self._drop is not None and self._drop.search(text))


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    parts = [_word(w) for w in words if w.strip()]
    return re.compile("|".join(parts)) if parts else None


def _word(word: str) -> str:
    word = word.strip()
    prefix = word.endswith("*")
    body = r"\s+".join(re.escape(piece) for piece in word.rstrip("*").split())
    tail = r"\w*" if prefix else r"(?!\w)"
    core = rf"(?<!\w){body}{tail}"
    exact = len(word.rstrip("*")) > 1 and word.rstrip("*").isupper()
    return core if exact else f"(?i:{core})"
