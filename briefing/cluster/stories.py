"""Grouping articles into threads and stories: one thread per ongoing matter, one story per event in it.

:func:`group_articles` drops a second reading of the same URL, clusters the rest by
TF-IDF cosine similarity of title and body with average linkage (two groups join when
their articles are, on average, at least ``threshold`` alike) and keeps articles more than
``window`` apart out of one group: that is a **thread**, the reports of one saga (a takeover
battle, a trial, a feud) as well as of one event. Inside each thread it marks reprints
(:mod:`briefing.cluster.dedup`) so they are listed as outlets but not read twice, then splits
the other reports into **stories**, one per event, with average linkage again on a likeness of
the event itself: half the cosine of the whole texts, half that of their ledes (the title and
the first :data:`LEDE_SENTENCES` sentences, where a report says what happened), and for two
dated reports published within ``same_days`` of each other, what the thread asks is enough
(the likeness gains ``story_threshold - threshold``). Steps of one saga share their names and
words, so the whole texts alone cannot tell them apart; what happened, told in the ledes, and
when differ more (docs/evaluation.md has the figures). A reprint joins its original's story.

Average linkage rather than single linkage: a chain of articles each a little like the
next (a strike, then a strike's cost to exporters, then exporters' quarterly results)
must not pull unrelated reports into one story. Linkage runs per connected component of
the similarity graph, so the cost follows the size of the largest story, not the run.

Memory stays linear in the articles however alike they are (ten thousand near-identical
files are one component whose every pair is alike): the graph is reduced to its components
a block of rows at a time, and a component of more than :data:`DENSE_UP_TO_LINKAGE` articles
is never held as a matrix of pairs. Its average linkage runs on the article vectors
themselves: the cosine of unit vectors is their dot product, so the average similarity of two
groups is the dot product of their vector sums over the product of their sizes, and the
nearest-neighbour chain (SciPy's own algorithm for average linkage) needs one such product
per step. The reprint checks and the choice of a lead read the pairs a block at a time; the
stories of such a thread are linked on its vectors too (the whole text's and the lede's side by
side, so that their dot product is the likeness), the articles of the same days counted from
their dates in order.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import scipy.sparse as sp

from briefing.cluster.dedup import canonical_url, containment, content_key, shingles, words
from briefing.models import Article
from briefing.nlp.vectors import article_terms, terms, tfidf

__all__ = [
    "LEDE_SENTENCES",
    "TOP_TERMS",
    "ClusterSettings",
    "Grouping",
    "article_counts",
    "group_articles",
    "lede_counts",
    "similarity",
    "thread_terms",
]

#: the sentences after the title that make an article's lede
LEDE_SENTENCES = 2
#: the terms that stand for a thread in a schedule's memory (:func:`thread_terms`)
TOP_TERMS = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterSettings:
    """How alike articles must be to share a thread and a story, and to count as reprints."""

    #: average cosine similarity for articles to share a thread (tuned on the labelled set, docs/evaluation.md)
    threshold: float = 0.2
    #: articles published further apart than this are never one thread (undated ones are not held apart)
    window: timedelta = timedelta(days=4)
    #: average likeness (:attr:`lede_weight`, :attr:`same_days`) for the articles of a thread to be one story;
    #: ``None``: every thread is one story (measured on two labelled sets, docs/evaluation.md)
    story_threshold: float | None = 0.55
    #: the share of the ledes' cosine in a story's likeness, the rest the whole texts'
    lede_weight: float = 0.5
    #: dated articles published this close need only be as alike as a thread asks to be one story
    same_days: timedelta = timedelta(days=2)
    #: so do articles of different known outlets when one is undated (an outlet's own reports in a thread are
    #: more often its successive steps, several outlets' reports more often one event)
    other_outlets: bool = True
    #: share of the shorter text's word 5-grams found in the longer for it to be a reprint
    copy_containment: float = 0.5
    #: pairs less alike than this are not checked for reprints at all
    copy_cosine: float = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Grouping:
    """One story's articles, as indices into the input: distinct reports (the lead first) and reprints; and
    its thread, numbered from 0 in order of the threads' first articles (the stories of one thread share it)."""

    articles: tuple[int, ...]
    copies: tuple[int, ...] = ()
    thread: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupingResult:
    """Stories in order of their first article, and the inputs dropped as a second reading of one URL."""

    groups: tuple[Grouping, ...]
    same_url: tuple[tuple[int, int], ...] = ()  # (dropped, kept)


def similarity(articles: Sequence[Article]) -> np.ndarray:
    """The matrix of TF-IDF cosine similarities between articles (title counted twice)."""
    matrix = tfidf(article_counts(articles))
    return np.asarray((matrix @ matrix.T).toarray())


def article_counts(articles: Sequence[Article]) -> list[dict[str, float]]:
    """Each article's weighted term counts (:func:`~briefing.nlp.vectors.article_terms`)."""
    return [
        article_terms(a.title, sentence_terms, language) for a, language, sentence_terms in _sentence_terms(articles)
    ]


def lede_counts(articles: Sequence[Article]) -> list[dict[str, float]]:
    """Each article's lede's weighted term counts: its title's (twice) and its first :data:`LEDE_SENTENCES`
    sentences'."""
    return [
        article_terms(a.title, sentence_terms[:LEDE_SENTENCES], language)
        for a, language, sentence_terms in _sentence_terms(articles)
    ]


def thread_terms(
    counts: Sequence[Mapping[str, float]], threads: Sequence[Sequence[int]], top: int = TOP_TERMS
) -> list[dict[str, float]]:
    """What each thread is about, to be told again in a later brief: the sum of its articles' TF-IDF rows (idf
    from all of ``counts``, one per article), its ``top`` heaviest terms, scaled to unit length."""
    vectors = tfidf(counts)
    vocabulary = list(dict.fromkeys(term for c in counts for term in c))  # tfidf's columns: terms as first seen
    out: list[dict[str, float]] = []
    for members in threads:
        total = np.asarray(vectors[list(members)].sum(axis=0)).ravel() if len(members) else np.zeros(0)
        heaviest = [int(k) for k in np.argsort(-total, kind="stable")[:top] if total[k] > 0]
        norm = float(np.sqrt(sum(float(total[k]) ** 2 for k in heaviest))) or 1.0
        out.append({vocabulary[k]: round(float(total[k]) / norm, 4) for k in heaviest})
    return out


def _sentence_terms(articles: Sequence[Article]) -> list[tuple[Article, str, list[dict[str, float]]]]:
    from briefing.nlp import article_language, sentences

    out = []
    for a in articles:
        language = article_language(a)
        out.append((a, language, [terms(s.text, language=language) for s in sentences(a)]))
    return out


#: rows of the similarity matrix computed at once: memory stays at BLOCK × articles
BLOCK = 512
#: at most this many pairs are read from one block (the block has fewer rows when the run is large)
BLOCK_CELLS = 2_000_000
#: components of up to this many articles are linked on their dense matrix of similarities;
#: larger ones on their vectors (the same stories, without the square of their size in memory)
DENSE_UP_TO_LINKAGE = 1_000
#: likenesses closer than this are a tie when linking on vectors (rounding is far smaller; the cut far
#: coarser): the chain moves on only to a group more alike than the last by more than this
TIE = 1e-12
#: the vector sums of this many groups are kept while linking a large component (a large group
#: is met again and again; each sum is one row as long as the component's vocabulary)
SUMS_KEPT = 16


def group_articles(
    articles: Sequence[Article],
    settings: ClusterSettings | None = None,
    *,
    counts: Sequence[Mapping[str, float]] | None = None,
    ledes: Sequence[Mapping[str, float]] | None = None,
) -> GroupingResult:
    """Group ``articles`` into threads and stories (see the module's description).

    ``counts`` and ``ledes``, one per article, are their weighted term counts and their ledes' when the
    caller has them already (:func:`article_counts` and :func:`lede_counts` otherwise).
    """
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
    vectors = tfidf([counts[i] for i in keep] if counts is not None else article_counts(kept))
    stamps = _stamps(kept)
    threads = _stories(vectors, stamps, settings)
    events: _Events | None = None
    if settings.story_threshold is not None and any(len(m) > 1 for m in threads):
        leads = tfidf([ledes[i] for i in keep] if ledes is not None else lede_counts(kept))
        events = _Events(vectors, leads, stamps, _outlets(kept), settings)
    groups: list[tuple[int, Grouping]] = []
    for thread, members in enumerate(threads):
        large = len(members) > DENSE_UP_TO_LINKAGE
        if large:
            pairs = _Pairs(vectors, stamps, members, settings.window)
            sets = _reprints_by_block(members, kept, pairs, settings)
        else:
            sim = _similar(vectors, stamps, members, settings.window)
            sets = _reprints(members, kept, sim, settings)
        copies_of = dict(sets)
        originals = sorted(copies_of)
        stories = events.split(np.array(originals)) if events is not None and len(originals) > 1 else [originals]
        for story in stories:
            if large:
                ordered = _lead_by_block(story, kept, pairs)
            else:
                ordered = _lead_first(story, kept, sim, members)
            copies = [c for i in story for c in copies_of[i]]
            grouping = Grouping(
                articles=tuple(keep[i] for i in ordered),
                copies=tuple(keep[i] for i in sorted(copies, key=lambda c: _when(kept[c], c))),
                thread=thread,
            )
            groups.append((min(story), grouping))
    groups.sort(key=lambda g: g[0])
    return GroupingResult(groups=tuple(g for _, g in groups), same_url=tuple(same_url))


class _Events:
    """Splits a thread's articles into stories (:class:`ClusterSettings`: ``story_threshold``, ``lede_weight``,
    ``same_days``, ``other_outlets``): average linkage on the likeness of the events the articles report."""

    def __init__(
        self,
        texts: sp.csr_matrix,
        ledes: sp.csr_matrix,
        stamps: np.ndarray,
        outlets: np.ndarray,
        settings: ClusterSettings,
    ) -> None:
        weight = min(1.0, max(0.0, settings.lede_weight))
        # unit rows side by side, each scaled by the root of its share: their dot product is the likeness
        self.vectors = sp.hstack([np.sqrt(1.0 - weight) * texts, np.sqrt(weight) * ledes], format="csr")
        self.stamps = stamps
        self.outlets = outlets if settings.other_outlets else np.full(len(stamps), -1)
        self.settings = settings
        self.threshold = settings.threshold if settings.story_threshold is None else settings.story_threshold
        # what two reports of the same days gain: enough for a pair as alike as a thread asks
        self.bonus = max(0.0, self.threshold - settings.threshold)

    def split(self, members: np.ndarray) -> list[list[int]]:
        """The stories of ``members`` (sorted indices), each sorted, in order of their first member."""
        settings = self.settings
        close = _Close(self.stamps[members], self.outlets[members], settings.same_days)
        if len(members) > DENSE_UP_TO_LINKAGE and _none_apart(self.stamps[members], settings.window):
            found = _chain_linkage(self.vectors[members], self.threshold, close=close, bonus=self.bonus)
            return sorted(([int(members[k]) for k in group] for group in found), key=lambda g: g[0])
        from scipy.cluster.hierarchy import linkage
        from scipy.spatial.distance import squareform

        sim = _gram(self.vectors, members) + self.bonus * close.matrix()
        _hold_apart(sim, self.stamps[members], self.stamps[members], settings.window)
        top = 1.0 + self.bonus
        distance = np.clip(top - sim, 0.0, top)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        stories = [
            sorted(int(members[k]) for k in leaves) for leaves in _flat(tree, len(members), top - self.threshold)
        ]
        return sorted(stories, key=lambda g: g[0])


class _Close:
    """Which reports of a thread count as of the same days (:class:`ClusterSettings`: ``same_days``,
    ``other_outlets``): two dated ones published within ``span`` of each other; when one is undated, two of
    different known outlets (``outlets``: a number for each outlet, -1 for none known). For a group of the
    reports, how many of them each report is close to is counted from the dates in order and the outlets'
    totals: linear in the reports, no pairs held."""

    def __init__(self, stamps: np.ndarray, outlets: np.ndarray, span: timedelta) -> None:
        self.stamps = stamps
        self.outlets = outlets
        self.undated = np.isnan(stamps)
        self.dated = np.flatnonzero(~self.undated)
        self.order = self.dated[np.argsort(stamps[self.dated], kind="stable")]
        self.sorted = stamps[self.order]
        self.span = span.total_seconds()
        self.known = outlets >= 0
        self.kinds = int(outlets.max()) + 1 if len(outlets) else 0

    def matrix(self) -> np.ndarray:
        """1 for each pair of close reports, else 0 (the diagonal is not meant)."""
        with np.errstate(invalid="ignore"):
            close = np.abs(self.stamps[:, None] - self.stamps[None, :]) <= self.span  # NaN: False
        undated = self.undated[:, None] | self.undated[None, :]
        known = self.known[:, None] & self.known[None, :]
        other = undated & known & (self.outlets[:, None] != self.outlets[None, :])
        return np.asarray(close | other, dtype=np.float64)

    def counts(self, group: np.ndarray) -> np.ndarray:
        """For each report, the number of ``group``'s reports (indices) close to it."""
        out = np.zeros(len(self.stamps))
        when = self.stamps[group]
        when = when[~np.isnan(when)]
        if len(when):
            starts = np.searchsorted(self.sorted, when - self.span, side="left")
            stops = np.searchsorted(self.sorted, when + self.span, side="right")
            steps = np.zeros(len(self.sorted) + 1)
            np.add.at(steps, starts, 1.0)
            np.add.at(steps, stops, -1.0)
            out[self.order] = np.cumsum(steps)[:-1]
        if self.kinds:
            named = group[self.known[group]]
            undated = named[self.undated[named]]
            dated = named[~self.undated[named]]
            by_undated = np.bincount(self.outlets[undated], minlength=self.kinds)
            by_dated = np.bincount(self.outlets[dated], minlength=self.kinds)
            outlet = np.where(self.known, self.outlets, 0)
            # an undated report is close to every report of another outlet; a dated one to the undated ones
            other_undated = np.where(self.known, len(undated) - by_undated[outlet], 0)
            other_dated = np.where(self.known & self.undated, len(dated) - by_dated[outlet], 0)
            out += other_undated + other_dated
        return out


def _outlets(articles: Sequence[Article]) -> np.ndarray:
    """A number for each article's outlet (case and spacing aside), -1 for an article whose outlet is unknown."""
    numbers: dict[str, int] = {}
    out = np.full(len(articles), -1, dtype=np.int64)
    for i, article in enumerate(articles):
        name = " ".join(article.outlet.casefold().split())
        if name:
            out[i] = numbers.setdefault(name, len(numbers))
    return out


def _stamps(articles: Sequence[Article]) -> np.ndarray:
    """Publication times as POSIX seconds; NaN for undated articles (never held apart)."""
    return np.array([a.published.timestamp() if a.published else np.nan for a in articles], dtype=np.float64)


def _similar(vectors: sp.csr_matrix, stamps: np.ndarray, members: np.ndarray, window: timedelta) -> np.ndarray:
    """Cosine similarities among ``members``, zero for dated pairs published more than ``window`` apart."""
    sim = _gram(vectors, members)
    _hold_apart(sim, stamps[members], stamps[members], window)
    return sim


#: stories of up to this many articles have their similarities computed with NumPy on dense
#: rows (SciPy's cost per call is most of the time for a small story); larger ones stay sparse
DENSE_UP_TO = 64


def _gram(vectors: sp.csr_matrix, members: np.ndarray) -> np.ndarray:
    """The dot products between the rows ``members`` of ``vectors``."""
    if len(members) > DENSE_UP_TO:
        rows = vectors[members]
        return np.asarray((rows @ rows.T).toarray())
    indptr, indices, data = vectors.indptr, vectors.indices, vectors.data
    spans = [(int(indptr[m]), int(indptr[m + 1])) for m in members]
    columns, where = np.unique(np.concatenate([indices[a:b] for a, b in spans]), return_inverse=True)
    dense = np.zeros((len(members), len(columns)))
    dense[np.repeat(np.arange(len(members)), [b - a for a, b in spans]), where] = np.concatenate(
        [data[a:b] for a, b in spans]
    )
    return dense @ dense.T


def _hold_apart(sim: np.ndarray, rows: np.ndarray, cols: np.ndarray, window: timedelta) -> None:
    """Zero the similarity of dated articles published more than ``window`` apart."""
    with np.errstate(invalid="ignore"):
        apart = np.abs(rows[:, None] - cols[None, :]) > window.total_seconds()  # NaN compares False
    sim[apart] = 0.0


def _stories(vectors: sp.csr_matrix, stamps: np.ndarray, settings: ClusterSettings) -> list[np.ndarray]:
    """Each story's members (sorted), in order of their first member.

    The similarity graph is built a block of rows at a time, keeping only the pairs alike
    enough to join, and each block's pairs are folded into the components found so far at
    once, so memory follows the number of articles rather than the number of such pairs.
    Average linkage then runs on each connected component: on its own similarities when it
    is small, on its vectors (:func:`_chain_linkage`) when it is large.
    """
    from scipy.cluster.hierarchy import linkage
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    n = vectors.shape[0]
    threshold = settings.threshold
    component = np.arange(n)
    rows = max(1, min(BLOCK, BLOCK_CELLS // max(n, 1)))
    transposed = vectors.T.tocsc()
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        block = np.asarray((vectors[start:stop] @ transposed).toarray())
        _hold_apart(block, stamps[start:stop], stamps, settings.window)
        r, c = np.nonzero(block >= threshold)
        del block
        # the pairs found so far are kept as each article's link to its component's label
        head = np.concatenate([r + start, np.arange(n)])
        tail = np.concatenate([c, component])
        graph = sp.csr_matrix((np.ones(len(head), dtype=np.int8), (head, tail)), shape=(n, n))
        _, component = connected_components(graph, directed=False)
    stories: list[np.ndarray] = []
    for members in np.split(np.argsort(component, kind="stable"), np.cumsum(np.bincount(component))[:-1]):
        if len(members) <= 2:
            stories.append(members)
            continue
        if len(members) > DENSE_UP_TO_LINKAGE and _none_apart(stamps[members], settings.window):
            stories.extend(members[np.sort(m)] for m in _chain_linkage(vectors[members], threshold))
            continue
        sim = _similar(vectors, stamps, members, settings.window)
        distance = 1.0 - np.clip(sim, 0.0, 1.0)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        stories.extend(members[np.sort(leaves)] for leaves in _flat(tree, len(members), 1.0 - threshold))
    stories.sort(key=lambda m: int(m[0]))
    return stories


def _none_apart(stamps: np.ndarray, window: timedelta) -> bool:
    """Whether no two of these articles are held apart (undated ones never are)."""
    dated = stamps[~np.isnan(stamps)]
    return len(dated) == 0 or float(dated.max() - dated.min()) <= window.total_seconds()


def _chain_linkage(
    vectors: sp.csr_matrix, threshold: float, *, close: _Close | None = None, bonus: float = 0.0
) -> list[np.ndarray]:
    """The flat clusters of average linkage cut at ``threshold``, from the unit row vectors alone
    (and, with ``close``, each pair of the same days ``bonus`` more alike).

    The average cosine of groups A and B is ``sum(A) · sum(B) / (|A| |B|)``, so the nearest
    group to any group is one sparse product away and no matrix of pairs is held. The
    nearest-neighbour chain merges reciprocal nearest neighbours (average linkage is
    reducible: a merged group is never nearer to a third than the nearer of its parts was),
    which gives the same groups as merging the closest pair first. A group whose nearest
    neighbour is less alike than ``threshold`` can never join anything at or above it, so it
    is set aside with the chain that led to it. The same cut as :func:`_flat`: groups join
    while ``1 - similarity <= 1 - threshold`` (``1 + bonus`` for 1 with ``close``).
    """
    n = vectors.shape[0]
    top = 1.0 + bonus if close is not None else 1.0
    cut = top - threshold
    label = np.arange(n)  # each article's group, named by one of its articles
    size = np.ones(n)
    open_ = np.ones(n, dtype=bool)  # groups that may still join another
    sums: OrderedDict[int, np.ndarray] = OrderedDict()  # the vector sums of the groups last used
    rows = vectors.tocsr()

    def total(g: int) -> np.ndarray:
        if g in sums:
            sums.move_to_end(g)
        else:
            sums[g] = np.asarray(rows[np.flatnonzero(label == g)].sum(axis=0)).ravel()
            while len(sums) > SUMS_KEPT:
                sums.popitem(last=False)
        return sums[g]

    chain: list[int] = []
    while True:
        if not chain:
            waiting = np.flatnonzero(open_)
            if len(waiting) < 2:
                break
            chain.append(int(waiting[0]))
        x = chain[-1]
        weights = rows @ total(x)
        if close is not None:
            weights = weights + bonus * close.counts(np.flatnonzero(label == x))
        alike = np.bincount(label, weights=weights, minlength=n) / (size * size[x])
        alike[~open_] = -np.inf
        alike[x] = -np.inf
        y = int(np.argmax(alike))
        if len(chain) > 1 and alike[chain[-2]] + TIE >= alike[y]:
            # ties go back along the chain, so that it cannot cycle; a group's likeness to another,
            # summed from either side, may differ in the last bits, hence the tolerance
            y = chain[-2]
        if not np.isfinite(alike[y]) or top - min(float(alike[y]), top) > cut:
            open_[chain] = False  # every link of the chain was at least this far
            chain.clear()
            continue
        if len(chain) > 1 and y == chain[-2]:
            chain.pop()
            chain.pop()
            merged = total(x) + total(y)
            label[label == y] = x
            size[x] += size[y]
            open_[y] = False
            sums.pop(y, None)
            sums[x] = merged
            continue
        chain.append(y)
    return [np.flatnonzero(label == g) for g in np.unique(label)]


def _flat(tree: np.ndarray, size: int, cut: float) -> list[list[int]]:
    """The flat clusters of a linkage tree cut at height ``cut`` (SciPy's ``fcluster`` with
    ``criterion="distance"``, without its cost per call): the leaves joined by merges no higher.
    Average linkage never merges lower than a merge before it, so the first merge above ends it."""
    clusters: dict[int, list[int]] = {leaf: [leaf] for leaf in range(size)}
    for step, (a, b, height, _) in enumerate(tree.tolist()):
        if height > cut:
            break
        clusters[size + step] = clusters.pop(int(a)) + clusters.pop(int(b))
    return list(clusters.values())


def _reprints(
    members: np.ndarray, articles: Sequence[Article], sim: np.ndarray, settings: ClusterSettings
) -> list[tuple[int, list[int]]]:
    """Split a thread's members into originals, each with its reprints; of each set of copies the longest
    is the original.

    ``sim`` holds the similarities among ``members``, in their order.
    """
    if len(members) == 1:
        return [(int(members[0]), [])]
    local = {int(m): k for k, m in enumerate(members)}
    parent = {m: m for m in local}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tokens = {m: words(articles[m].text) for m in local}
    keys = {m: content_key(tokens[m]) for m in local}
    cache: dict[int, frozenset[int]] = {}
    ordered = list(local)
    for x, i in enumerate(ordered):
        for j in ordered[x + 1 :]:
            if keys[i] == keys[j]:
                parent[root(j)] = root(i)
            elif sim[local[i], local[j]] >= settings.copy_cosine:
                for k in (i, j):
                    if k not in cache:
                        cache[k] = shingles(tokens[k])
                if containment(cache[i], cache[j]) >= settings.copy_containment:
                    parent[root(j)] = root(i)
    sets: dict[int, list[int]] = {}
    for m in local:
        sets.setdefault(root(m), []).append(m)
    out: list[tuple[int, list[int]]] = []
    for group in sets.values():
        best = max(group, key=lambda m: (len(articles[m].text), -m))
        out.append((best, [m for m in group if m != best]))
    return sorted(out)


class _Pairs:
    """The similarities among a large story's members, a block of rows at a time
    (:func:`_similar`'s values, never all at once)."""

    def __init__(self, vectors: sp.csr_matrix, stamps: np.ndarray, members: np.ndarray, window: timedelta) -> None:
        self.members = members
        self.rows = vectors[members]
        self.columns = self.rows.T.tocsc()
        self.stamps = stamps[members]
        self.window = window
        self.step = max(1, min(BLOCK, BLOCK_CELLS // len(members)))

    def block(self, start: int, stop: int) -> np.ndarray:
        """Rows ``start:stop`` (local indices) against every member."""
        sim = np.asarray((self.rows[start:stop] @ self.columns).toarray())
        _hold_apart(sim, self.stamps[start:stop], self.stamps, self.window)
        return sim


def _reprints_by_block(
    members: np.ndarray, articles: Sequence[Article], pairs: _Pairs, settings: ClusterSettings
) -> list[tuple[int, list[int]]]:
    """:func:`_reprints` for a large story: the same sets of copies (a pair already in one set
    is not checked again, which cannot change the sets), its pairs read a block at a time."""
    m = len(members)
    label = np.arange(m)

    def join(a: int, b: int) -> None:
        label[label == label[b]] = label[a]

    tokens = [words(articles[int(i)].text) for i in members]
    first: dict[str, int] = {}
    for k, t in enumerate(tokens):
        key = content_key(t)
        if key in first:
            join(first[key], k)
        else:
            first[key] = k
    cache: dict[int, frozenset[int]] = {}
    for start in range(0, m, pairs.step):
        stop = min(m, start + pairs.step)
        sim = pairs.block(start, stop)
        for x in range(start, stop):
            row = sim[x - start]
            for j in np.flatnonzero((row >= settings.copy_cosine) & (label != label[x])).tolist():
                if j <= x or label[j] == label[x]:
                    continue
                for k in (x, j):
                    if k not in cache:
                        cache[k] = shingles(tokens[k])
                if containment(cache[x], cache[j]) >= settings.copy_containment:
                    join(x, j)
    out: list[tuple[int, list[int]]] = []
    for group in (np.flatnonzero(label == g) for g in np.unique(label)):
        chosen = [int(members[k]) for k in group]
        best = max(chosen, key=lambda i: (len(articles[i].text), -i))
        out.append((best, [i for i in chosen if i != best]))
    return sorted(out)


def _lead_by_block(originals: Sequence[int], articles: Sequence[Article], pairs: _Pairs) -> list[int]:
    """:func:`_lead_first` for a large story, the similarities summed a block at a time."""
    if len(originals) == 1:
        return list(originals)
    where = {int(i): k for k, i in enumerate(pairs.members)}
    local = np.array(sorted(where[i] for i in originals))
    members = {k: i for i, k in where.items()}
    centrality: dict[int, float] = {}
    for start in range(0, len(local), pairs.step):
        chunk = local[start : start + pairs.step]
        sim = np.asarray((pairs.rows[chunk] @ pairs.columns[:, local]).toarray())
        _hold_apart(sim, pairs.stamps[chunk], pairs.stamps[local], pairs.window)
        np.fill_diagonal(sim[:, start : start + len(chunk)], 0.0)
        for k, value in zip(chunk.tolist(), sim.sum(axis=1).tolist(), strict=True):
            centrality[members[k]] = value
    lead = max(originals, key=lambda i: (round(centrality[i], 6), tuple(-x for x in _when(articles[i], i))))
    rest = sorted((i for i in originals if i != lead), key=lambda i: _when(articles[i], i))
    return [lead, *rest]


def _when(article: Article, index: int) -> tuple[int, float, int]:
    return (0, article.published.timestamp(), index) if article.published else (1, 0.0, index)


def _lead_first(
    originals: Sequence[int], articles: Sequence[Article], sim: np.ndarray, members: np.ndarray
) -> list[int]:
    """The most central article first (ties: the earliest), then the rest by date and input order."""
    if len(originals) == 1:
        return list(originals)
    local = {int(m): k for k, m in enumerate(members)}
    centrality = {i: float(sum(sim[local[i], local[j]] for j in originals if j != i)) for i in originals}
    lead = max(originals, key=lambda i: (round(centrality[i], 6), tuple(-x for x in _when(articles[i], i))))
    rest = sorted((i for i in originals if i != lead), key=lambda i: _when(articles[i], i))
    return [lead, *rest]
