"""TF-IDF vectors for articles and sentences (SciPy sparse, rows L2-normalised).

Words are runs of letters (with inner apostrophes, hyphens and periods), lower-cased,
with English stop words removed and a plural ``s`` folded (``talks`` → ``talk``).
Capitalised words inside a sentence — names of people, places and organisations, which
tell one event from another better than anything else — count ``name_weight`` times.
Term frequency is sublinear (1 + log tf); idf is smoothed as in scikit-learn, and
weakened for small collections (fewer than :data:`IDF_FULL_AT` documents), whose word
counts cannot tell a rare word from a common one.

Another language has its own stop words, and its words are folded to their Snowball stem
(PyStemmer, the stemmer the summarizers use), so that Russian, German and French inflections
(Москвы, Москве, Москву) count as one term; English keeps its plural folding.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from briefing.nlp.language_rules import DEFAULT_LANGUAGE, elided, language_code, rules_for, snowball_name
from briefing.nlp.stopwords import default_stop_words, language_stop_words

__all__ = ["IDF_FULL_AT", "article_terms", "terms", "tfidf"]

#: collections smaller than this get a proportionally weaker idf
IDF_FULL_AT = 50


def _fold(word: str) -> str:
    w = word.replace("’", "'")
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")
_SENTENCE_START = frozenset(".!?:;\n\"“‘'«„—([")


#: term of each word form seen (``None``: a stop word or too short), kept for the life of the process
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 500_000
#: the same for each other language
_OTHER_TERMS: dict[str, dict[str, str | None]] = {}


def _term(raw: str) -> str | None:
    lower = raw.lower()
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]
    if len(lower) < 2 or lower in default_stop_words("english"):
        return None
    return _fold(lower)


@functools.cache
def _folder(code: str) -> Callable[[str], str | None]:
    """The term of a word of language ``code``: its Snowball stem, or ``None`` for a stop word."""
    name = snowball_name(code)
    stop = language_stop_words(code)
    rules = rules_for(code)
    elisions = rules.elisions if rules is not None else frozenset()
    import Stemmer  # PyStemmer, in C: loads nothing else

    snowball = name in Stemmer.algorithms()
    local = threading.local()  # PyStemmer's stemmers are not thread-safe: one a thread

    def term(raw: str) -> str | None:
        lower = raw.lower()
        if elisions:
            lower = elided(lower, elisions)
        if len(lower) < 2 or lower in stop:
            return None
        if not snowball:
            return lower
        try:
            stem: Callable[[str], str] = local.stem
        except AttributeError:
            stem = local.stem = Stemmer.Stemmer(name).stemWord
        return stem(lower)

    return term


def terms(text: str, *, name_weight: float = 2.0, language: str = DEFAULT_LANGUAGE) -> dict[str, float]:
    """Weighted term counts of ``text`` (names counted ``name_weight`` times) in ``language``."""
    if language != DEFAULT_LANGUAGE and (code := language_code(language)) != DEFAULT_LANGUAGE:
        return _terms(text, name_weight, _OTHER_TERMS.setdefault(code, {}), _folder(code))
    return _terms(text, name_weight, _TERMS, _term)


def _terms(
    text: str, name_weight: float, known: dict[str, str | None], to_term: Callable[[str], str | None]
) -> dict[str, float]:
    if len(known) > _TERMS_MAX:
        known.clear()
    out: dict[str, float] = {}
    for m in _WORD.finditer(text):
        raw = m.group()
        if raw in known:
            term = known[raw]
        else:
            term = known[raw] = to_term(raw)
        if term is None:
            continue
        weight = 1.0
        if raw[0].isupper():
            before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
            if before and before[-1] not in _SENTENCE_START:
                weight = name_weight
        out[term] = out.get(term, 0.0) + weight
    return out


def article_terms(
    title: str, sentences: Iterable[Mapping[str, float]], language: str = DEFAULT_LANGUAGE
) -> dict[str, float]:
    """An article's weighted term counts from its sentences' (:func:`terms` of each): the
    title counts twice, as it says what the article is about; boilerplate, which no
    sentence holds, not at all."""
    out = {t: 2.0 * w for t, w in terms(title, language=language).items()}
    for counts in sentences:
        for term, weight in counts.items():
            out[term] = out.get(term, 0.0) + weight
    return out


def tfidf(docs: Sequence[Mapping[str, float]]) -> sp.csr_matrix:
    """Rows of L2-normalised TF-IDF weights, one per document's term counts."""
    vocab: dict[str, int] = {}
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    column = vocab.__getitem__
    for counts in docs:
        new = [term for term in counts if term not in vocab]
        # new terms get the next ids, in the order they are first seen
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new)), strict=True))
        indices.extend(map(column, counts))
        values.extend(counts.values())
        indptr.append(len(indices))
    n = len(docs)
    cols = np.asarray(indices, dtype=np.int64)
    raw = np.asarray(values, dtype=np.float64)
    data = np.where(raw >= 1, 1.0 + np.log(np.maximum(raw, 1.0)), raw)
    df = np.bincount(cols, minlength=len(vocab))
    # A handful of documents cannot say which words are rare: shrink idf towards 1 (plain
    # term frequency) until the collection is large enough for it to mean something.
    confidence = min(1.0, n / IDF_FULL_AT)
    idf = confidence * np.log((1.0 + n) / (1.0 + df)) + 1.0
    data *= idf[cols]
    pointers = np.asarray(indptr, dtype=np.int64)
    row_of = np.repeat(np.arange(n), pointers[1:] - pointers[:-1])
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=n))
    norms[norms == 0] = 1.0
    data /= norms[row_of]
    return sp.csr_matrix((data, cols, pointers), shape=(n, len(vocab)))
