"""sumy's summarizers, vectorized: the same sentences chosen, in a fraction of the time.

Each function here computes exactly what its sumy namesake computes — same words, same
stems, same weights, same iteration — but over SciPy sparse matrices instead of Python
loops over sentence pairs:

* LexRank and TextRank build the sentence similarity matrix as one sparse product
  ``X @ X.T`` (sumy fills it cell by cell: 94% of its time at 1,000 sentences).
* LSA's score for a sentence, ``sqrt(sum_k sigma_k**2 * v_kj**2)`` over all dimensions,
  is the norm of the sentence's column of the term matrix (``A.T @ A = V S**2 V.T``), so
  no SVD is needed at all.
* SumBasic and KL pick sentences greedily; a summary of *k* sentences needs only *k*
  rounds (sumy runs one per sentence, which made KL cubic), each one a sparse product.
* Luhn and Reduction keep their definitions; significant words are a set, not a tuple.

Where sumy's own answer is arbitrary the results can differ, and :doc:`evaluation` says
how: sumy keys its scores by sentence *text*, so repeated sentences share one score (here
each has its own); LexRank's scores are NaN when no sentence has a weighted term (here
the lead is returned); and scores equal to nine significant digits count as a tie,
broken by position, where sumy's order depends on rounding noise.

The classes are sumy-compatible — ``Summarizer(stemmer)``, a ``stop_words`` property,
``summarizer(document, sentences_count)`` returning the document's own sentence objects —
and also implement :class:`briefing.summarize.base.Summarizer` over our sentences.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from briefing.models import Sentence
from briefing.nlp.tokens import words as split_words
from briefing.summarize.base import lead, obvious
from briefing.summarize.terms import Analyzer, SumyCompatible, count_matrix

__all__ = [
    "FAST_ALGORITHMS",
    "FastSummarizer",
    "KLSummarizer",
    "LexRankSummarizer",
    "LsaSummarizer",
    "LuhnSummarizer",
    "ReductionSummarizer",
    "SumBasicSummarizer",
    "TextRankSummarizer",
    "resolve_count",
    "select",
]

Rows = Sequence[Sequence[str]]
#: scores equal to this relative precision are a tie (broken by position)
TIE = 1e-9


def resolve_count(count: Any, n: int) -> int:
    """How many sentences ``count`` asks for out of ``n`` (sumy's ``ItemsCount`` rules)."""
    if isinstance(count, str):
        if count.endswith("%"):
            return min(n, max(1, n * int(count[:-1]) // 100))
        return min(n, int(count))
    if isinstance(count, (int, float)):
        return max(0, min(n, int(count)))
    raise TypeError(f"unsupported sentence count {count!r}")


def select(ratings: np.ndarray, count: Any) -> list[int]:
    """Indexes of the ``count`` best-rated sentences, in document order.

    Ratings equal to :data:`TIE` relative precision are tied, and a tie goes to the
    earlier sentence — sumy's stable sort does the same for exact ties.
    """
    n = len(ratings)
    if n == 0:
        return []
    scale = float(np.max(np.abs(ratings[np.isfinite(ratings)]), initial=0.0)) or 1.0
    key = np.where(np.isfinite(ratings), np.round(ratings / scale, 9), -np.inf)
    order = sorted(range(n), key=lambda i: -key[i])
    if callable(count):
        chosen = list(count(order))
    else:
        chosen = order[: resolve_count(count, n)]
    return sorted(chosen)


def _near_best(values: np.ndarray, *, highest: bool) -> list[int]:
    """Indexes whose value is the best within :data:`TIE`, in order (usually just one)."""
    best = float(np.max(values) if highest else np.min(values))
    tolerance = TIE * max(abs(best), 1e-300)
    hits = np.flatnonzero(values >= best - tolerance) if highest else np.flatnonzero(values <= best + tolerance)
    return [int(i) for i in hits]


def _greedy_ratings(n: int, picks: Sequence[int]) -> np.ndarray:
    ratings = np.full(n, -np.inf)
    for round_number, index in enumerate(picks):
        ratings[index] = -round_number
    return ratings


#: below this many sentences a dense matrix multiplies faster than a sparse one
DENSE_BELOW = 600


def _operator(matrix: sp.spmatrix) -> Any:
    """The matrix in whichever form multiplies a vector fastest at its size."""
    return matrix.toarray() if matrix.shape[0] < DENSE_BELOW else sp.csr_matrix(matrix)


# --- scores -------------------------------------------------------------------------------


def _row_of_each_entry(matrix: sp.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _power(transposed: Any, *, epsilon: float, damping: float | None) -> np.ndarray:
    """sumy's two power methods: normalised each step (LexRank), or damped (TextRank)."""
    n = transposed.shape[0]
    p = np.full(n, 1.0 / n)
    change = 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        while change > epsilon:
            following = transposed @ p
            if damping is None:
                following = following / math.sqrt(float(following @ following))
            else:
                following = (1.0 - damping) / n * p.sum() + damping * following
            step = following - p
            change = math.sqrt(float(step @ step))
            p = following
    return np.asarray(p)


def lexrank_scores(rows: Rows, analyzer: Analyzer, *, threshold: float = 0.1, epsilon: float = 0.1) -> np.ndarray:
    """LexRank (Erkan and Radev, 2004) as sumy computes it: thresholded idf-cosine graph, power method."""
    counts = count_matrix(analyzer.content_stems(r) for r in rows)
    n = counts.shape[0]
    max_tf = counts.max(axis=1).toarray().ravel()
    max_tf[max_tf == 0] = 1.0
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(n / (1.0 + df))
    weighted = counts.copy()
    weighted.data = weighted.data / np.repeat(max_tf, np.diff(weighted.indptr)) * idf[weighted.indices]
    norms = np.sqrt(np.bincount(_row_of_each_entry(weighted), weights=weighted.data**2, minlength=n))
    # cosine = rows scaled to unit length, multiplied; a row without weight stays zero
    weighted.data = weighted.data / np.repeat(np.where(norms > 0, norms, 1.0), np.diff(weighted.indptr))
    adjacency = (weighted @ weighted.T).tocsr()
    adjacency.data = (adjacency.data > threshold).astype(np.float64)
    adjacency.eliminate_zeros()
    degree = np.diff(adjacency.indptr).astype(np.float64)
    degree[degree == 0] = 1.0
    adjacency.data /= np.repeat(degree, np.diff(adjacency.indptr))
    return _power(_operator(adjacency.T), epsilon=epsilon, damping=None)


def _pair_weights(counts: sp.csr_matrix, *, single_word_pairs: Callable[[np.ndarray], np.ndarray]) -> sp.csr_matrix:
    """Shared words of each pair of sentences over the sum of the logs of their lengths."""
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    log_length = np.log(np.maximum(lengths, 1.0))
    shared = (counts @ counts.T).tocsr()
    norm = log_length[_row_of_each_entry(shared)] + log_length[shared.indices]
    zero = np.isclose(norm, 0.0)
    values = shared.data.copy()
    values[~zero] = shared.data[~zero] / norm[~zero]
    values[zero] = single_word_pairs(shared.data[zero])
    shared.data = values
    return shared


def textrank_scores(rows: Rows, analyzer: Analyzer, *, damping: float = 0.85, epsilon: float = 1e-4) -> np.ndarray:
    """TextRank (Mihalcea and Tarau, 2004) as sumy computes it: PageRank over word-overlap weights."""
    counts = count_matrix(analyzer.content_stems(r) for r in rows)
    weights = _pair_weights(counts, single_word_pairs=lambda shared: shared)
    row_sums = np.bincount(_row_of_each_entry(weights), weights=weights.data, minlength=weights.shape[0])
    weights.data /= np.repeat(row_sums + 1e-7, np.diff(weights.indptr))
    return _power(_operator(weights.T), epsilon=epsilon, damping=damping)


def reduction_scores(rows: Rows, analyzer: Analyzer) -> np.ndarray:
    """Reduction (sumy's port of Fabish's): each sentence's summed overlap with every other."""
    n = len(rows)
    counts = count_matrix(analyzer.content_stems(r) for r in rows)
    weights = _pair_weights(counts, single_word_pairs=np.zeros_like)
    row = _row_of_each_entry(weights)
    off_diagonal = row != weights.indices
    return np.bincount(row[off_diagonal], weights=weights.data[off_diagonal], minlength=n)


def lsa_scores(rows: Rows, analyzer: Analyzer, *, extra_words: Sequence[str] = ()) -> np.ndarray:
    """LSA (Steinberger and Ježek, 2004) as sumy computes it, without the SVD.

    sumy keeps every dimension, so a sentence's score is the norm of its column of the
    smoothed term-frequency matrix, where every cell of a column with any term is
    ``0.4 + 0.6 * count / max_count``.
    """
    dictionary: dict[str, int] = {}
    for stem in analyzer.content_stems([w for r in rows for w in r] + list(extra_words)):
        dictionary.setdefault(stem, len(dictionary))
    if not dictionary:
        return np.zeros(len(rows))
    counts = count_matrix([s for s in (analyzer.stem(w) for w in r) if s in dictionary] for r in rows)
    max_count = counts.max(axis=1).toarray().ravel()
    has_terms = max_count > 0
    scaled = sp.diags(np.where(has_terms, 1.0 / np.maximum(max_count, 1.0), 0.0)) @ counts
    scaled = sp.csr_matrix(scaled)
    linear = np.asarray(scaled.sum(axis=1)).ravel()
    square = np.asarray(scaled.multiply(scaled).sum(axis=1)).ravel()
    smooth = 0.4
    total = smooth**2 * len(dictionary) + 2 * smooth * (1 - smooth) * linear + (1 - smooth) ** 2 * square
    return np.where(has_terms, np.sqrt(total), 0.0)


def luhn_scores(rows: Rows, analyzer: Analyzer, *, max_gap: int = 4, extra_words: Sequence[str] = ()) -> np.ndarray:
    """Luhn (1958) as sumy computes it: the densest cluster of significant words in each sentence.

    Significant words are content stems found more than once in the document; a cluster
    ends after ``max_gap`` insignificant words, and scores (significant words)² / span.
    """
    frequency = Counter(analyzer.content_stems([w for r in rows for w in r] + list(extra_words)))
    significant = {stem for stem, tf in frequency.items() if tf > 1}
    scores = np.zeros(len(rows))
    for i, row in enumerate(rows):
        positions = [k for k, w in enumerate(row) if analyzer.stem(w) in significant]
        best = 0.0
        start = 0
        for j in range(1, len(positions) + 1):
            if j == len(positions) or positions[j] - positions[j - 1] - 1 >= max_gap:
                found = j - start
                if found > 1:
                    best = max(best, found**2 / (positions[j - 1] - positions[start] + 1))
                start = j
        scores[i] = best
    return scores


def sumbasic_picks(rows: Rows, analyzer: Analyzer, count: int) -> list[int]:
    """SumBasic (Nenkova and Vanderwende, 2005): the first ``count`` sentences sumy would pick, in order."""
    n = len(rows)
    vocabulary: dict[str, int] = {}
    content = [analyzer.content_stems(r) for r in rows]
    counts = count_matrix(content, vocabulary)
    ids = [[vocabulary[w] for w in words] for words in content]
    total = sum(len(words) for words in content)
    probability = np.asarray(counts.sum(axis=0)).ravel() / (total if total else 1)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    left = np.ones(n, dtype=bool)
    picks: list[int] = []

    def exact(i: int) -> float:
        # sumy's own arithmetic, for the few sentences whose averages tie
        return sum([float(probability[k]) for k in ids[i]]) / len(ids[i]) if ids[i] else 0.0

    for _ in range(min(count, n)):
        average = np.where(lengths > 0, (counts @ probability) / np.maximum(lengths, 1.0), 0.0)
        average[~left] = -np.inf
        tied = _near_best(average, highest=True)
        best = tied[0] if len(tied) == 1 else max(tied, key=lambda i: (exact(i), -i))
        picks.append(best)
        left[best] = False
        for k in ids[best]:  # squared once per occurrence, as sumy updates them
            probability[k] *= probability[k]
    return picks


def kl_picks(rows: Rows, analyzer: Analyzer, count: int) -> list[int]:
    """KL-Sum (Haghighi and Vanderwende, 2009): the first ``count`` sentences sumy would pick, in order.

    Each round scores every remaining sentence by sumy's divergence between the document's
    word distribution and that of the summary so far plus the sentence, computed for all
    sentences at once from sparse matrices. sumy counts the document's words after
    filtering stop words case-sensitively, the candidate's after lower-casing, and the
    summary's unfiltered: kept as is, so the same sentences are chosen.
    """
    n = len(rows)
    stop = analyzer.stop_words
    vocabulary: dict[str, int] = {}
    content = [analyzer.content_words(r) for r in rows]
    candidates = count_matrix(content, vocabulary)
    document = [w.lower() for r in rows for w in r if w not in stop]
    doc_counts = Counter(document)
    frequencies = {w: c / len(document) for w, c in doc_counts.items()}
    for word in doc_counts:
        vocabulary.setdefault(word, len(vocabulary))
    raw = count_matrix([list(r) for r in rows], vocabulary)
    size = max(len(vocabulary), 1)
    candidates.resize((n, size))
    raw.resize((n, size))
    distribution = np.zeros(size)
    for word, c in doc_counts.items():
        distribution[vocabulary[word]] = c / len(document)
    present = distribution > 0
    d_log_d = np.zeros(size)
    d_log_d[present] = distribution[present] * np.log(distribution[present])
    lengths = np.asarray(candidates.sum(axis=1)).ravel()
    coo = candidates.tocoo()
    rows_of, cols_of, values = coo.row, coo.col, coo.data
    summary = np.zeros(size)
    summary_length = 0.0
    left = np.ones(n, dtype=bool)
    picks: list[int] = []
    for _ in range(min(count, n)):
        in_summary = (summary > 0) & present
        with np.errstate(divide="ignore"):
            log_summary = np.where(in_summary, np.log(np.where(in_summary, summary, 1.0)), 0.0)
        outside = ~in_summary[cols_of] & present[cols_of]
        inside = in_summary[cols_of]
        d = distribution[cols_of]
        term_d_log_d = float(d_log_d[in_summary].sum()) + np.bincount(
            rows_of[outside], weights=d_log_d[cols_of[outside]], minlength=n
        )
        mass = float(distribution[in_summary].sum()) + np.bincount(rows_of[outside], weights=d[outside], minlength=n)
        term_log = float((distribution[in_summary] * log_summary[in_summary]).sum()) + np.bincount(
            rows_of[outside], weights=d[outside] * np.log(values[outside]), minlength=n
        )
        term_log += np.bincount(
            rows_of[inside],
            weights=d[inside] * (np.log(values[inside] + summary[cols_of[inside]]) - log_summary[cols_of[inside]]),
            minlength=n,
        )
        total = lengths + summary_length
        with np.errstate(divide="ignore", invalid="ignore"):
            divergence = np.where(total > 0, term_d_log_d + np.log(np.maximum(total, 1.0)) * mass - term_log, 0.0)
        divergence[~left] = np.inf
        tied = _near_best(divergence, highest=False)
        if len(tied) == 1:
            best = tied[0]
        else:
            summary_words = [w for k in picks for w in rows[k]]
            best = min(tied, key=lambda i: (_kl_exact(content[i], summary_words, frequencies), i))
        picks.append(best)
        left[best] = False
        chosen = raw.getrow(best)
        summary[chosen.indices] += chosen.data
        summary_length += float(chosen.data.sum())
    return picks


def _kl_exact(candidate: Sequence[str], summary: Sequence[str], frequencies: dict[str, float]) -> float:
    """sumy's divergence for one candidate, with sumy's arithmetic (to settle near-ties exactly)."""
    joint = dict(Counter(candidate))
    for word, c in Counter(summary).items():
        joint[word] = joint.get(word, 0) + c
    total = float(len(candidate) + len(summary))
    value = 0.0
    for word, c in joint.items():
        frequency = frequencies.get(word)
        if frequency:
            value += frequency * math.log(frequency / (c / total))
    return value


# --- summarizer classes ---------------------------------------------------------------------


class FastSummarizer(SumyCompatible):
    """Base of the vectorized summarizers: sumy's calling convention and ours.

    ``FastSummarizer(stemmer)(document, sentences_count)`` works on any sumy document
    model; :meth:`summarize` works on our :class:`~briefing.models.Sentence` objects.
    """

    name: str = ""

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        """One rating per sentence; higher is better."""
        raise NotImplementedError

    def pick(self, rows: Rows, count: Any, *, extra_words: Sequence[str] = ()) -> list[int]:
        """Indexes (in order) of the sentences to keep."""
        if not rows:
            return []
        needed = len(rows) if callable(count) else resolve_count(count, len(rows))
        return select(self.rate(rows, needed, extra_words=extra_words), count)

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = tuple(document.sentences)
        headings = [w for h in getattr(document, "headings", ()) for w in h.words]
        rows = [tuple(s.words) for s in sentences]
        return tuple(sentences[i] for i in self.pick(rows, sentences_count, extra_words=headings))

    def summarize(self, sentences: Sequence[Sentence], count: int, *, title: str = "") -> tuple[Sentence, ...]:
        """Our interface: up to ``count`` of ``sentences`` in reading order."""
        settled = obvious(sentences, count)
        if settled is not None:
            return settled
        chosen = self.pick([split_words(s.text, self.language) for s in sentences], count)
        if not chosen:
            return lead(sentences, count)
        return tuple(sentences[i] for i in chosen)


class LexRankSummarizer(FastSummarizer):
    """LexRank, vectorized."""

    name = "lexrank"
    threshold = 0.1
    epsilon = 0.1

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        ratings = lexrank_scores(rows, self._analyzer, threshold=self.threshold, epsilon=self.epsilon)
        if not np.all(np.isfinite(ratings)):
            # no sentence has a weighted term: sumy's scores are NaN and its order arbitrary;
            # rank by position instead
            return -np.arange(len(rows), dtype=np.float64)
        return ratings


class TextRankSummarizer(FastSummarizer):
    """TextRank, vectorized."""

    name = "textrank"
    damping = 0.85
    epsilon = 1e-4

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        return textrank_scores(rows, self._analyzer, damping=self.damping, epsilon=self.epsilon)


class ReductionSummarizer(FastSummarizer):
    """Reduction, vectorized."""

    name = "reduction"

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        return reduction_scores(rows, self._analyzer)


class LsaSummarizer(FastSummarizer):
    """LSA, in closed form."""

    name = "lsa"

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        return lsa_scores(rows, self._analyzer, extra_words=extra_words)

    def pick(self, rows: Rows, count: Any, *, extra_words: Sequence[str] = ()) -> list[int]:
        stems = self._analyzer.content_stems([w for r in rows for w in r] + list(extra_words))
        if not stems:
            return []  # sumy returns nothing for a document without content words
        return super().pick(rows, count, extra_words=extra_words)


class LuhnSummarizer(FastSummarizer):
    """Luhn, with set lookups."""

    name = "luhn"
    max_gap_size = 4

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        return luhn_scores(rows, self._analyzer, max_gap=self.max_gap_size, extra_words=extra_words)


class SumBasicSummarizer(FastSummarizer):
    """SumBasic, stopping once the summary is complete."""

    name = "sumbasic"

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        return _greedy_ratings(len(rows), sumbasic_picks(rows, self._analyzer, count))


class KLSummarizer(FastSummarizer):
    """KL-Sum, quadratic instead of cubic."""

    name = "kl"

    def rate(self, rows: Rows, count: int, *, extra_words: Sequence[str] = ()) -> np.ndarray:
        return _greedy_ratings(len(rows), kl_picks(rows, self._analyzer, count))


#: our names → the vectorized classes
FAST_ALGORITHMS: dict[str, type[FastSummarizer]] = {
    cls.name: cls
    for cls in (
        LexRankSummarizer,
        TextRankSummarizer,
        LsaSummarizer,
        LuhnSummarizer,
        SumBasicSummarizer,
        KLSummarizer,
        ReductionSummarizer,
    )
}
