"""Multi-document summaries: one summary for a story told by several articles.

Each article is summarized on its own by the chosen algorithm, in its own language; those
picks are the candidates. Maximal marginal relevance (Carbonell and Goldstein, 1998) then chooses
among them: each step takes the candidate most like the story as a whole (the centroid
of every sentence of every article, in TF-IDF space) and least like what is already
chosen, and a candidate that mostly repeats a chosen sentence is never taken — wire copy
and rewrites state the same facts in nearly the same words. The lead article's opening
counts a little extra: news puts what matters first. The chosen sentences are returned in
reading order — the lead article's first — each keeping its article and paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from briefing.languages import tools_for
from briefing.models import Article, Sentence
from briefing.nlp.vectors import tfidf
from briefing.summarize.base import opens_on_reference

__all__ = ["summarize_story"]

#: weight of relevance against novelty in MMR
LAMBDA = 0.7
#: a candidate this similar to a chosen sentence says the same thing
REDUNDANT = 0.45
#: a number that identifies a fact: not a year, not a lone digit (which counts too many things). Two reports' sentences
#: that give the same one state the same fact ("raised its main interest rate … to 4.25 per cent", "lifting its policy
#: rate to 4.25 per cent"), whatever other words they use
_FACT_NUMBER = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d(?![\d]|[.,]\d))\d+(?:[.,]\d+)*(?<=\d\d|\.\d|,\d)")
#: extra relevance for the lead article's first sentences (by position: 1st, 2nd, 3rd)
LEAD_BONUS = (0.15, 0.08, 0.04)


#: a story's TF-IDF matrix with up to this many cells is made dense: NumPy on a small array is
#: quicker than SciPy's cost per call (most stories); a larger one stays sparse
DENSE_CELLS = 2_000_000


def _relevance_and_similarity(pool: sp.csr_matrix, rows: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Each candidate's cosine to the centroid of all the story's sentences, and the
    candidates' cosines to each other (``rows``: the candidates' rows of ``pool``)."""
    if pool.shape[0] * pool.shape[1] <= DENSE_CELLS:
        dense = pool.toarray()
        cand = dense[rows]
        centroid = dense.mean(axis=0)
        norm = float(np.linalg.norm(centroid)) or 1.0
        return cand @ (centroid / norm), cand @ cand.T
    sparse = pool[rows]
    centroid = np.asarray(pool.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid)) or 1.0
    return np.asarray(sparse @ (centroid / norm)).ravel(), np.asarray((sparse @ sparse.T).toarray())


def summarize_story(
    documents: Sequence[tuple[Article, Sequence[Sentence]]],
    algorithm: str,
    count: int,
    *,
    picks: Sequence[Sequence[Sentence]] | None = None,
    counts: Sequence[Sequence[Mapping[str, float]]] | None = None,
) -> tuple[Sentence, ...]:
    """Summarize a story's articles (the lead first) into at most ``count`` sentences.

    Each article is summarized by ``algorithm`` (a name, as :func:`briefing.summarize.get_summarizer`
    takes it) in its own language, with its language tools (:func:`briefing.languages.tools_for`):
    a story may be told in several languages, and none is read with another's stemmer.
    ``picks`` (each article's own summary of ``count`` sentences, as :func:`briefing.analysis.analyse`
    gives it) and ``counts`` (each sentence's :func:`~briefing.nlp.vectors.terms`), one per document,
    save the work when the caller has them already.

    Raises:
        ConfigError: no algorithm has that name.
    """
    if picks is None:
        picks = [tools_for(a).summarize(a, s, algorithm, count) for a, s in documents]
    if len(picks) != len(documents) or (counts is not None and len(counts) != len(documents)):
        raise ValueError("picks and counts need one entry per document")
    kept = [k for k, (_, sentences) in enumerate(documents) if sentences]
    if not kept:
        return ()
    if len(kept) == 1:
        return tuple(picks[kept[0]])
    if counts is None:  # only a story of several articles needs them
        counts = [[tools_for(a).terms(s.text) for s in sentences] for a, sentences in documents]
    pairs = [(documents[k], picks[k], counts[k]) for k in kept]
    documents = [doc for doc, _, _ in pairs]
    candidates: list[Sentence] = []
    rows: list[int] = []  # each candidate's row in the story's matrix (sentences count from 0 in each article)
    offset = 0
    for (_, sentences), own, _ in pairs:
        candidates.extend(own)
        rows.extend(offset + s.index for s in own)
        offset += len(sentences)
    relevance, similar = _relevance_and_similarity(
        tfidf([c for _, _, sentence_counts in pairs for c in sentence_counts]), rows
    )
    lead_id = documents[0][0].id
    for k, sentence in enumerate(candidates):
        if sentence.article_id == lead_id and sentence.index < len(LEAD_BONUS):
            relevance[k] += LEAD_BONUS[sentence.index]
    language_of = {a.id: tools_for(a).language for a, _ in documents}
    facts = [frozenset(_FACT_NUMBER.findall(s.text)) for s in candidates]
    dependent = [s.index > 0 and opens_on_reference(s.text, language_of[s.article_id]) for s in candidates]
    chosen: list[int] = []
    left = set(range(len(candidates)))
    while left and len(chosen) < count:
        best, best_score = -1, -np.inf
        placed = {(candidates[c].article_id, candidates[c].index) for c in chosen}
        for k in sorted(left):
            overlap = max((similar[k, c] for c in chosen), default=0.0)
            if overlap >= REDUNDANT:
                continue
            if any(facts[k] & facts[c] for c in chosen):
                continue  # the same number: the fact again, in other words
            if dependent[k] and (candidates[k].article_id, candidates[k].index - 1) not in placed:
                continue  # a sentence that opens on "He" or "The firm" only after the one that names them
            score = LAMBDA * relevance[k] - (1 - LAMBDA) * overlap
            if score > best_score:
                best, best_score = k, score
        if best < 0:
            break
        chosen.append(best)
        left.discard(best)
    order = {a.id: n for n, (a, _) in enumerate(documents)}
    picked = sorted((candidates[k] for k in chosen), key=lambda s: (order[s.article_id], s.index))
    return tuple(picked)
