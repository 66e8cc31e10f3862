"""The default summarizer: extractive, unsupervised, offline, and written for news.

News is written as an inverted pyramid: the lead says what happened, later paragraphs add
detail, background and reaction. Centrality alone (LexRank, TextRank) rewards the
sentences that repeat the story's words most — often a late recap or a long quotation —
and misses that order. This summarizer scores each sentence on three things news writing
gives for free, then picks greedily without repeating itself:

* **position** — a prior that decays with the sentence's place in the article;
* **directed centrality** (Zheng and Lapata, 2019, "PacSum") — similarity to the
  sentences *after* it counts for a sentence (what the rest of the article develops),
  similarity to those *before* it counts against it (it elaborates on something
  already said), over a TF-IDF sentence graph whose weakest edges are dropped;
* **the headline** — cosine similarity to the title, when there is one.

Sentences that are not story text — too short to say anything, lines ending in a colon
that only introduce what follows, questions put to the reader, headlines and subheads
repeated in the body (no full stop), captions and page furniture — and quotations
standing alone without their speaker are never chosen, and a candidate too similar to a
chosen sentence is skipped (redundancy control, as in maximal marginal relevance). The
weights were tuned on public news sets with human-written highlights and reference
summaries (see docs/evaluation.md); they are few and deliberately round.

What counts as furniture and as a quotation standing alone is the article's language's:
"Фото:", "Читайте также", "Lesen Sie auch", "Lire aussi", and «…», „…“, »…«, « … » as well
as the English marks (:mod:`briefing.nlp.language_rules`); English keeps its own rules.

Like every summarizer here it has sumy's calling convention as well as ours.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from briefing.models import Sentence
from briefing.nlp.language_rules import DEFAULT_LANGUAGE, rules_for
from briefing.nlp.tokens import words as split_words
from briefing.summarize.base import lead, obvious, opens_on_reference
from briefing.summarize.fast import DENSE_BELOW, resolve_count
from briefing.summarize.terms import Analyzer, SumyCompatible, count_matrix

__all__ = ["NewsSummarizer", "news_scores"]

Rows = Sequence[Sequence[str]]

#: sentences with fewer words than this say too little to stand alone in a brief
MIN_WORDS = 5
#: weight of similarity to later sentences (PacSum's λ2) and to earlier ones (λ1); with
#: TF-IDF vectors a penalty on earlier ones (PacSum's λ1 < 0) did not help on any set
FORWARD, BACKWARD = 1.0, 0.0
#: edges below min + BETA · (max − min) of the similarity graph are dropped (PacSum's β)
BETA = 0.0
#: weights of the three scores
W_POSITION, W_CENTRALITY, W_TITLE = 1.0, 0.25, 0.5
#: position prior: 1 / (1 + index / DECAY)
DECAY = 2.0
#: a candidate this similar (cosine) to a chosen sentence repeats it
REDUNDANT = 0.5
#: only this many sentences from the top are candidates: a news article's summary is never
#: at its end, and it bounds the cost of a pathological "article" of 100,000 lines
MAX_SENTENCES = 1000

# page furniture and captions: "Click here …", "Watch: …", "Photo: …"
_FURNITURE = re.compile(
    r"\W*(?:click|scroll|watch|read|follow|share|sign up|subscribe|(?:photo|picture|image|video)s?)\b", re.IGNORECASE
)


# a sentence that is a quotation and nothing else: who said it is in another sentence
_QUOTATION_ALONE = re.compile(r"\s*[“\"‘«„][^“”\"«»„]*[”\"’»]?\s*$")


_CLOSING = " \"'”’»)]"


@functools.cache
def _page_rules(language: str) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], str]:
    """Furniture, quotations standing alone, and the closing marks after a sentence's full stop, in ``language``."""
    rules = rules_for(language) if language != DEFAULT_LANGUAGE else None
    if rules is None:
        return _FURNITURE, (_QUOTATION_ALONE,), _CLOSING
    own = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in rules.furniture)
    furniture = re.compile(_FURNITURE.pattern + (rf"|\W*(?:{own})(?!\w)" if own else ""), re.IGNORECASE)
    openers = re.escape('“"‘«„' + "".join(rules.quotes))
    closers = re.escape('”"’»' + "".join(rules.quotes.values()))
    marks = re.escape('“”"«»„' + "".join(rules.quotes) + "".join(rules.quotes.values()))
    alone = (
        # «Мы уходим». — a quotation and nothing else
        re.compile(rf"\s*[{openers}][^{marks}]*[{closers}]?[.!?…]?\s*$"),
        # … Его нужно выполнять». — the end of a quotation whose speaker is in the sentence before
        re.compile(rf"[^{marks}]*[{closers}][.!?…]?\s*$"),
    )
    return furniture, alone, _CLOSING + "".join(rules.quotes.values())


def _usable(text: str, words: Sequence[str], language: str = DEFAULT_LANGUAGE) -> bool:
    if len(words) < MIN_WORDS:
        return False
    furniture, alone, closing = _page_rules(language)
    if furniture.match(text) or text.rstrip().endswith(":"):  # a line that introduces what follows
        return False
    if any(a.match(text) for a in alone):
        return False  # “Our proposal shows we are serious.” — in a brief, no one would be saying it
    stripped = text.rstrip(closing)
    # a question put to the reader, or a line without a full stop: a headline, subhead or caption
    return stripped.endswith((".", "!", "…"))


def _tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    weighted = counts.copy()
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)


def _dense_tfidf(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    """:func:`_tfidf` of the rows' term ids, as a dense array: for an ordinary article
    NumPy on a small array is several times quicker than SciPy's per-call overhead."""
    n = len(rows)
    flat = np.fromiter((i * width + j for i, row in enumerate(rows) for j in row), dtype=np.int64)
    counts = np.bincount(flat, minlength=n * width).reshape(n, width).astype(np.float64)
    present = counts > 0
    idf = np.log((1.0 + n) / (1.0 + present.sum(axis=0))) + 1.0
    weighted = np.where(present, (1.0 + np.log(np.where(present, counts, 1.0))) * idf, 0.0)
    norms = np.sqrt((weighted * weighted).sum(axis=1))
    norms[norms == 0] = 1.0
    return np.asarray(weighted / norms[:, None])


def _graph(stems: Rows, title: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarities between the sentences, and of each sentence to the title (TF-IDF over both)."""
    n = len(stems)
    vocabulary: dict[str, int] = {}
    if n < DENSE_BELOW:
        ids = [[vocabulary.setdefault(t, len(vocabulary)) for t in row] for row in stems]
        ids.append([vocabulary[t] for t in title if t in vocabulary])
        vectors = _dense_tfidf(ids, max(len(vocabulary), 1))
        sentences, headline = vectors[:n], vectors[n]
        return sentences @ sentences.T, sentences @ headline
    counts = count_matrix(stems, vocabulary)
    title_counts = count_matrix([[t for t in title if t in vocabulary]], vocabulary)
    size = max(len(vocabulary), 1)
    counts.resize((n, size))
    title_counts.resize((1, size))
    sparse = _tfidf(sp.vstack([counts, title_counts]).tocsr())
    sentence_vectors, title_vector = sparse[:n], sparse[n:]
    similarity = (sentence_vectors @ sentence_vectors.T).toarray()
    return similarity, np.asarray((sentence_vectors @ title_vector.T).toarray()).ravel()


def _unit(values: np.ndarray) -> np.ndarray:
    top = float(np.max(np.abs(values), initial=0.0))
    return values / top if top > 0 else np.zeros_like(values)


def news_scores(
    rows: Rows,
    analyzer: Analyzer,
    *,
    title: Sequence[str] = (),
    texts: Sequence[str] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's score, and the sentences' cosine similarities (for redundancy checks);
    ``language`` says what is furniture and what a quotation standing alone."""
    n = len(rows)
    stems = [analyzer.content_stems(r) for r in rows]
    similarity, headline = _graph(stems, analyzer.content_stems(title))
    np.fill_diagonal(similarity, 0.0)
    centrality = np.zeros(n)
    if n > 1:
        off = similarity[~np.eye(n, dtype=bool)]
        low, high = float(off.min()), float(off.max())
        edges = np.maximum(similarity - (low + BETA * (high - low)), 0.0)
        later = np.triu(edges, 1).sum(axis=1)
        earlier = np.tril(edges, -1).sum(axis=1)
        centrality = _unit(FORWARD * later + BACKWARD * earlier)
    position = 1.0 / (1.0 + np.arange(n) / DECAY)
    if not title:
        headline = np.zeros(n)
    scores = W_POSITION * position + W_CENTRALITY * centrality + W_TITLE * _unit(headline)
    if texts is not None:
        usable = np.array([_usable(t, r, language) for t, r in zip(texts, rows, strict=True)], dtype=bool)
        if usable.any():
            scores = np.where(usable, scores, -np.inf)
    return scores, similarity


class NewsSummarizer(SumyCompatible):
    """Position, directed centrality and the headline, with redundancy control (the default)."""

    name = "news"

    def pick(self, texts: Sequence[str], count: Any, *, title: str = "", rows: Rows | None = None) -> list[int]:
        """Indexes (in order) of the sentences to keep."""
        if not texts:
            return []
        texts = texts[:MAX_SENTENCES]
        language = self.language
        rows = rows[:MAX_SENTENCES] if rows is not None else [split_words(t, language) for t in texts]
        scores, similarity = news_scores(
            rows, self._analyzer, title=split_words(title, language), texts=texts, language=language
        )
        order = sorted(range(len(texts)), key=lambda i: (-scores[i], i))
        wanted = len(texts) if callable(count) else resolve_count(count, len(texts))
        chosen: list[int] = []
        for i in order:
            if len(chosen) >= wanted or not np.isfinite(scores[i]):
                break
            if chosen and float(similarity[i, chosen].max()) >= REDUNDANT:
                continue
            if i > 0 and i - 1 not in chosen and opens_on_reference(texts[i], language):
                continue  # "It blamed the poor results …" without the sentence that says what "it" is
            chosen.append(i)
        if callable(count):
            chosen = list(count(chosen))
        return sorted(chosen)

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = tuple(document.sentences)
        headings = " ".join(str(h) for h in getattr(document, "headings", ()))
        texts = [str(s) for s in sentences]
        rows = [tuple(s.words) for s in sentences]
        return tuple(sentences[i] for i in self.pick(texts, sentences_count, title=headings, rows=rows))

    def summarize(self, sentences: Sequence[Sentence], count: int, *, title: str = "") -> tuple[Sentence, ...]:
        """Our interface: up to ``count`` of ``sentences`` in reading order."""
        settled = obvious(sentences, count)
        if settled is not None:
            return settled
        chosen = self.pick([s.text for s in sentences], count, title=title)
        if not chosen:
            return lead(sentences, count)
        return tuple(sentences[i] for i in chosen)
