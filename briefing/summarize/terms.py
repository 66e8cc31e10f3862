"""Words, stems and sparse term matrices shared by the vectorized summarizers.

Every algorithm in :mod:`briefing.summarize.fast` starts from the same few things: each
sentence's words, lower-cased, with or without stop words (:mod:`briefing.nlp.stopwords`),
stemmed with the Snowball stemmer of the document's language; and a sentence × term count
matrix. :class:`Analyzer` computes them once per document, with a stem cache that lives as
long as the analyzer, so a word is stemmed once per process rather than once per occurrence
(stemming is most of sumy's cost on short articles).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from typing import Self

import numpy as np
import scipy.sparse as sp

from briefing.nlp.language_rules import DEFAULT_LANGUAGE, language_code
from briefing.nlp.stopwords import language_stop_words

__all__ = [
    "Analyzer",
    "SnowballStemmer",
    "SumyCompatible",
    "count_matrix",
    "default_stemmer",
    "null_stemmer",
]


def null_stemmer(word: str) -> str:
    """The identity stemmer (lower-cases only), as sumy's ``null_stemmer``."""
    return str(word).lower()


@functools.cache
def default_stemmer(language: str = "english") -> Callable[[str], str]:
    """The Snowball stemmer for ``language``, made once per process.

    PyStemmer (the Snowball project's C stemmers) serves every language it has; a language it
    lacks gets sumy's stemmer, which loads NLTK (half a second and 66 MB) on first use. Both are
    Snowball's algorithms; PyStemmer's are the current release's (English: "added" stems to
    "add", not NLTK's "ad").
    """
    import Stemmer

    name = language.lower()
    if name in Stemmer.algorithms():
        return SnowballStemmer(name)
    from sumy.nlp.stemmers import Stemmer as SumyStemmer

    stemmer: Callable[[str], str] = SumyStemmer(language)
    return stemmer


class SnowballStemmer:
    """A PyStemmer stemmer as a callable, one per thread (PyStemmer's objects are not thread-safe)."""

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self._local = threading.local()

    def __call__(self, word: str) -> str:
        """The stem of ``word``, lower-cased (as NLTK's stemmers give it)."""
        try:
            stem: Callable[[str], str] = self._local.stem
        except AttributeError:
            import Stemmer

            stem = self._local.stem = Stemmer.Stemmer(self.algorithm).stemWord
        return stem(word.lower())

    def __reduce__(self) -> tuple[type[SnowballStemmer], tuple[str]]:
        return (SnowballStemmer, (self.algorithm,))


def count_matrix(rows: Iterable[Iterable[str]], vocabulary: dict[str, int] | None = None) -> sp.csr_matrix:
    """A sentence × term matrix of counts; new terms are added to ``vocabulary``.

    Rows come out with their columns sorted and duplicates summed, so every stored entry
    is one distinct term of one sentence.
    """
    vocab: dict[str, int] = {} if vocabulary is None else vocabulary
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        indices.extend(vocab.setdefault(term, len(vocab)) for term in row)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sp.csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, max(len(vocab), 1)),
    )
    matrix.sum_duplicates()  # also sorts each row's columns
    return matrix


class Analyzer:
    """Lower-cases, filters and stems words, remembering every stem it has computed."""

    def __init__(self, stemmer: Callable[[str], str] = null_stemmer, stop_words: Iterable[str] = ()) -> None:
        self.stemmer = stemmer
        self._stems: dict[str, str] = {}
        #: each word as written: its stem, or ``None`` for a stop word
        self._content: dict[str, str | None] = {}
        self.stop_words = frozenset(stop_words)

    @property
    def stop_words(self) -> frozenset[str]:
        """Words left out of :meth:`content_stems` and :meth:`content_words`, lower-cased."""
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Iterable[str]) -> None:
        self._stop_words = frozenset(w.lower() for w in words)
        self._content.clear()

    def stem(self, word: str) -> str:
        """The stem of ``word`` lower-cased (sumy's ``stem_word``)."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self.stemmer(word.lower())
        return stem

    def content_stems(self, words: Iterable[str]) -> list[str]:
        """Stems of the words that are not stop words (lower-cased first, as sumy does)."""
        known = self._content
        words = list(words)
        for w in words:
            if w not in known:
                known[w] = None if w.lower() in self._stop_words else self.stem(w)
        return [stem for w in words if (stem := known[w]) is not None]

    def content_words(self, words: Iterable[str]) -> list[str]:
        """Lower-cased words that are not stop words, unstemmed."""
        stop = self._stop_words
        return [lw for lw in (w.lower() for w in words) if lw not in stop]


class SumyCompatible:
    """What sumy's summarizers share: built from a stemmer, with a settable ``stop_words``."""

    def __init__(self, stemmer: Callable[[str], str] = null_stemmer) -> None:
        if not callable(stemmer):
            raise TypeError("Stemmer has to be a callable object")
        self._analyzer = Analyzer(stemmer)
        #: the language (ISO 639-1) the sentences are split into words in (French elisions)
        self.language = DEFAULT_LANGUAGE

    @classmethod
    def with_defaults(cls, language: str = "english") -> Self:
        """A new summarizer with the Snowball stemmer and the stop words of ``language`` (a name or a code),
        its stem cache empty.

        The stop words are sumy's list with ours added (:func:`~briefing.nlp.stopwords.language_stop_words`;
        English: sumy's list as it is). A language no stemmer knows is read unstemmed, one without a list
        of stop words with none.
        """
        try:
            stemmer = default_stemmer(language)
        except LookupError:
            stemmer = null_stemmer
        summarizer = cls(stemmer)
        summarizer.stop_words = language_stop_words(language)
        summarizer.language = language_code(language)
        return summarizer

    @property
    def stop_words(self) -> frozenset[str]:
        """Words left out of every count, lower-cased."""
        return self._analyzer.stop_words

    @stop_words.setter
    def stop_words(self, words: Iterable[str]) -> None:
        self._analyzer.stop_words = words
