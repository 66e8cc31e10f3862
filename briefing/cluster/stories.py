"""Grouping articles into stories: one story per event, reprints folded in.

:func:`group_articles` drops a second reading of the same URL, clusters the rest by
TF-IDF cosine similarity of title and body with average linkage (two groups join when
their articles are, on average, at least ``threshold`` alike), keeps articles more than
``window`` apart out of one story, and inside each story marks reprints
(:mod:`briefing.cluster.dedup`) so they are listed as outlets but not read twice.

Average linkage rather than single linkage: a chain of articles each a little like the
next (a strike, then a strike's cost to exporters, then exporters' quarterly results)
must not pull unrelated reports into one story. Linkage runs per connected component of
the similarity graph, so the cost follows the size of the largest story, not the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from briefing.cluster.dedup import canonical_url, containment, content_key, shingles
from briefing.cluster.vectors import terms, tfidf
from briefing.models import Article

__all__ = ["ClusterSettings", "Grouping", "group_articles", "similarity"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterSettings:
    """How alike articles must be to share a story, and to count as reprints."""

    #: average cosine similarity for articles to share a story (tuned on the labelled set, docs/evaluation.md)
    threshold: float = 0.2
    #: articles published further apart than this are never one story (undated ones are not held apart)
    window: timedelta = timedelta(days=4)
    #: share of the shorter text's word 5-grams found in the longer for it to be a reprint
    copy_containment: float = 0.5
    #: pairs less alike than this are not checked for reprints at all
    copy_cosine: float = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Grouping:
    """One story's articles, as indices into the input: distinct reports (the lead first) and reprints."""

    articles: tuple[int, ...]
    copies: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupingResult:
    """Stories in order of their first article, and the inputs dropped as a second reading of one URL."""

    groups: tuple[Grouping, ...]
    same_url: tuple[tuple[int, int], ...] = ()  # (dropped, kept)


def similarity(articles: Sequence[Article]) -> np.ndarray:
    """The matrix of TF-IDF cosine similarities between articles (title counted twice)."""
    matrix = tfidf([terms(f"{a.title}\n{a.title}\n{a.text}") for a in articles])
    return np.asarray((matrix @ matrix.T).toarray())


def group_articles(articles: Sequence[Article], settings: ClusterSettings | None = None) -> GroupingResult:
    """Group ``articles`` into stories (see the module's description)."""
    settings = settings or ClusterSettings()
    seen: dict[str, int] = {}
    same_url: list[tuple[int, int]] = []
    keep: list[int] = []
    for i, article in enumerate(articles):
        key = canonical_url(article.url)
        if key and key in seen:
            same_url.append((i, seen[key]))
            continue
        if key:
            seen[key] = i
        keep.append(i)
    kept = [articles[i] for i in keep]
    if not kept:
        return GroupingResult(groups=(), same_url=tuple(same_url))
    sim = similarity(kept)
    _hold_apart(sim, kept, settings.window)
    labels = _average_linkage(sim, settings.threshold)
    clusters: dict[int, list[int]] = {}
    for local, label in enumerate(labels):
        clusters.setdefault(int(label), []).append(local)
    groups: list[Grouping] = []
    for members in sorted(clusters.values(), key=min):
        originals, copies = _reprints(members, kept, sim, settings)
        ordered = _lead_first(originals, kept, sim)
        groups.append(
            Grouping(
                articles=tuple(keep[i] for i in ordered),
                copies=tuple(keep[i] for i in sorted(copies, key=lambda c: _when(kept[c], c))),
            )
        )
    return GroupingResult(groups=tuple(groups), same_url=tuple(same_url))


def _hold_apart(sim: np.ndarray, articles: Sequence[Article], window: timedelta) -> None:
    """Zero the similarity of dated articles published more than ``window`` apart."""
    dated = np.array([i for i, a in enumerate(articles) if a.published is not None], dtype=np.int64)
    if len(dated) < 2:
        return
    stamps = np.array([articles[i].published.timestamp() for i in dated])
    apart = np.abs(stamps[:, None] - stamps[None, :]) > window.total_seconds()
    block = sim[np.ix_(dated, dated)]
    block[apart] = 0.0
    sim[np.ix_(dated, dated)] = block


def _average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels: average-linkage agglomeration, stopped at ``threshold`` similarity."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    n = sim.shape[0]
    _, component = connected_components(csr_matrix(sim >= threshold), directed=False)
    labels = [0] * n
    next_label = 0
    for c in range(int(component.max()) + 1 if n else 0):
        members = np.flatnonzero(component == c)
        if len(members) <= 2:
            for i in members:
                labels[int(i)] = next_label
            next_label += 1
            continue
        distance = 1.0 - np.clip(sim[np.ix_(members, members)], 0.0, 1.0)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        local = fcluster(tree, t=1.0 - threshold, criterion="distance")
        for i, label in zip(members, local, strict=True):
            labels[int(i)] = next_label + int(label) - 1
        next_label += int(local.max())
    return labels


def _reprints(
    members: Sequence[int], articles: Sequence[Article], sim: np.ndarray, settings: ClusterSettings
) -> tuple[list[int], list[int]]:
    """Split a story's members into originals and reprints; of each set of copies the longest is kept."""
    parent = {m: m for m in members}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys = {m: content_key(articles[m].text) for m in members}
    cache: dict[int, frozenset[int]] = {}
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            if keys[i] == keys[j]:
                parent[root(j)] = root(i)
            elif sim[i, j] >= settings.copy_cosine:
                a = cache.setdefault(i, shingles(articles[i].text))
                b = cache.setdefault(j, shingles(articles[j].text))
                if containment(a, b) >= settings.copy_containment:
                    parent[root(j)] = root(i)
    sets: dict[int, list[int]] = {}
    for m in members:
        sets.setdefault(root(m), []).append(m)
    originals: list[int] = []
    copies: list[int] = []
    for group in sets.values():
        best = max(group, key=lambda m: (len(articles[m].text), -m))
        originals.append(best)
        copies.extend(m for m in group if m != best)
    return sorted(originals), copies


def _when(article: Article, index: int) -> tuple[int, float, int]:
    return (0, article.published.timestamp(), index) if article.published else (1, 0.0, index)


def _lead_first(originals: Sequence[int], articles: Sequence[Article], sim: np.ndarray) -> list[int]:
    """The most central article first (ties: the earliest), then the rest by date and input order."""
    if len(originals) == 1:
        return list(originals)
    centrality = {i: float(sum(sim[i, j] for j in originals if j != i)) for i in originals}
    lead = max(originals, key=lambda i: (round(centrality[i], 6), tuple(-x for x in _when(articles[i], i))))
    rest = sorted((i for i in originals if i != lead), key=lambda i: _when(articles[i], i))
    return [lead, *rest]
