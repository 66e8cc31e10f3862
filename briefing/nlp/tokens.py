"""Word tokens, and a tokenizer object sumy accepts in place of its NLTK-backed one."""

from __future__ import annotations

import re

from briefing.nlp.boilerplate import mask
from briefing.nlp.language_rules import DEFAULT_LANGUAGE, elided, language_code, rules_for
from briefing.nlp.splitter import segment

__all__ = ["SumyTokenizer", "words"]

# Letters of any script (Cyrillic, accented Latin: из-за, Müller, été) with inner apostrophes,
# hyphens or periods (don't, al-Assad, U.S); a possessive 's is not part of the word. Numbers
# are left out, as sumy's own tokenizer leaves them out.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")


def words(text: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """Return the words of ``text`` in order (letters only; in English the possessive 's dropped,
    in French the elided article: l'accord → accord)."""
    found = _WORD.findall(text)
    if "'" not in text and "’" not in text:
        return tuple(found)
    if language != DEFAULT_LANGUAGE:
        rules = rules_for(language)
        if rules is not None:
            return tuple(elided(w, rules.elisions) for w in found) if rules.elisions else tuple(found)
    return tuple(w[:-2] if w.endswith(("'s", "’s")) else w for w in found)


class SumyTokenizer:
    """Offline stand-in for ``sumy.nlp.tokenizers.Tokenizer``.

    sumy's parsers and summarizers need an object with ``language``,
    ``to_sentences(paragraph)`` and ``to_words(sentence)``; this one is backed by
    :mod:`briefing.nlp.splitter` and needs no NLTK data, so it works on a machine that
    has never been online::

        from sumy.parsers.plaintext import PlaintextParser
        parser = PlaintextParser.from_string(text, SumyTokenizer())
    """

    def __init__(self, language: str = "english") -> None:
        #: the language as sumy names it ("english", "russian"); a code ("ru") is accepted too
        self.language = language
        self._code = language_code(language)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split ``paragraph`` into sentences (boilerplate left out)."""
        masked = mask(paragraph, self._code)
        return tuple(paragraph[s:e] for _, s, e in segment(masked, self._code))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Split ``sentence`` into words."""
        return words(sentence, self._code)
