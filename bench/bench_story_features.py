"""Story likenesses tried inside threads and not kept: what each scores on the labelled sets.

    python bench/bench_story_features.py --bbc-a DIR --bbc-b DIR --bbc DIR [--own examples/en tests/data/stories]

briefing splits each thread into stories on a likeness of the events (briefing.cluster.stories:
the whole texts' and the ledes' cosine, half and half, and what a thread asks for two reports
of the same days, or of different outlets when no date tells them apart), with average linkage.
This script tries other event features on top of it and another linkage, the same way: the
threads are briefing's own, each variant's threshold is chosen on half A of the BBC set (the
best F1 among those with precision of at least 60%), and half B, the whole BBC set and the
project's own set are scored at that threshold. The folders are made by
bench/bbc_story_folders.py (--half a, --half b, and the whole set).

- ``numbers``: a quarter of the cosine of the numbers and amounts the texts give ($9.4bn, 4.25%),
  years and one-digit numbers left out;
- ``weekdays``: 0.1 more when the ledes name the same weekday, 0.1 less when they name only others;
- ``shingles``: half the share of word 5-grams of one text found in the other (shared sentences);
- ``subjects``: a quarter of the share of the names in the first sentences (capitalised words
  after the first) that both give;
- ``complete``: complete linkage (every pair alike enough) instead of average.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.cluster import ClusterSettings, group_articles  # noqa: E402
from briefing.cluster.dedup import containment, shingles, words  # noqa: E402
from briefing.cluster.stories import article_counts, lede_counts  # noqa: E402
from briefing.evaluate.stories import load_labelled  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.nlp import sentences  # noqa: E402
from briefing.nlp.vectors import tfidf  # noqa: E402

_NUMBER = re.compile(r"(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|m|billion|million|%|per cent))?")
_DAYS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<=\S )[A-Z][\w'-]+")


@dataclass
class Labelled:
    """One labelled set with what every variant reads."""

    articles: list[Article]
    labels: list[str]
    threads: list[int]
    original: list[int]  # each article's original: itself, or for a reprint the report it copies
    base: np.ndarray  # briefing's likeness: texts and ledes, half and half
    close: np.ndarray  # dated, published within two days; or one undated and of different known outlets
    apart: np.ndarray  # dated, published more than four days apart
    extra: dict[str, np.ndarray]


def _gram(counts: Sequence[dict[str, float]]) -> np.ndarray:
    m = tfidf(counts)
    return np.asarray((m @ m.T).toarray())


def _numbers(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for raw in _NUMBER.findall(text):
        value = raw.replace(",", "").replace(" ", "").replace("billion", "bn").replace("million", "m")
        value = value.replace("percent", "%").lstrip("$£€")
        if re.fullmatch(r"(19|20)\d\d|\d", value):
            continue
        out[value] = out.get(value, 0.0) + 1.0
    return out


def prepare(folders: Sequence[Path]) -> Labelled:
    """Read a labelled set, its threads and the features of every pair."""
    articles, labels = load_labelled(folders)
    result = group_articles(articles, ClusterSettings(story_threshold=None))
    texts = _gram(article_counts(articles))
    threads = [0] * len(articles)
    original = list(range(len(articles)))
    for group in result.groups:
        for i in (*group.articles, *group.copies):
            threads[i] = group.thread
        for i in group.copies:  # (a reprint is grouped with its original, as briefing does)
            original[i] = max(group.articles, key=lambda k: texts[i, k])
    for dropped, kept in result.same_url:
        threads[dropped] = threads[kept]
        original[dropped] = original[kept]
    base = 0.5 * texts + 0.5 * _gram(lede_counts(articles))
    stamps = np.array([a.published.timestamp() if a.published else np.nan for a in articles])
    with np.errstate(invalid="ignore"):
        gap = np.abs(stamps[:, None] - stamps[None, :])
    outlets = np.array([" ".join(a.outlet.casefold().split()) for a in articles])
    known = (outlets != "")[:, None] & (outlets != "")[None, :]
    firsts = [" ".join(s.text for s in sentences(a)[:2]) for a in articles]
    days = [{d.lower() for d in _DAYS.findall(f"{a.title} {first}")} for a, first in zip(articles, firsts, strict=True)]
    names = [set(_NAME.findall(first.split(". ")[0])) for first in firsts]
    grams = [shingles(words(a.text)) for a in articles]
    n = len(articles)
    weekdays, shared, subjects = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, n))
    for i, j in combinations(range(n), 2):
        if days[i] and days[j]:
            weekdays[i, j] = weekdays[j, i] = 0.1 if days[i] & days[j] else -0.1
        shared[i, j] = shared[j, i] = containment(grams[i], grams[j])
        if names[i] and names[j]:
            subjects[i, j] = subjects[j, i] = len(names[i] & names[j]) / min(len(names[i]), len(names[j]))
    numbers = [_numbers(f"{a.title}\n{a.text}") or {"": 0.0} for a in articles]
    return Labelled(
        articles=articles,
        labels=labels,
        threads=threads,
        original=original,
        base=base,
        close=(gap <= 2 * 86400) | (np.isnan(gap) & known & (outlets[:, None] != outlets[None, :])),
        apart=gap > 4 * 86400,
        extra={
            "numbers": 0.25 * _gram(numbers),
            "weekdays": weekdays,
            "shingles": 0.5 * shared,
            "subjects": 0.25 * subjects,
        },
    )


def stories(data: Labelled, likeness: np.ndarray, threshold: float, method: str) -> list[int]:
    """Each article's story: the threads split by ``method`` linkage cut at ``threshold``."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    bonus = threshold - 0.2
    sim = likeness + bonus * data.close
    sim[data.apart] = 0.0
    top = 1.0 + bonus
    story = [0] * len(data.articles)
    next_id = 0
    originals = np.array(data.original) == np.arange(len(data.articles))
    for thread in sorted(set(data.threads)):
        members = np.flatnonzero((np.array(data.threads) == thread) & originals)
        if len(members) == 1:
            story[int(members[0])] = next_id
            next_id += 1
            continue
        distance = np.clip(top - sim[np.ix_(members, members)], 0.0, top)
        np.fill_diagonal(distance, 0.0)
        cut = fcluster(linkage(squareform(distance, checks=False), method=method), top - threshold, "distance")
        for k, c in zip(members, cut, strict=True):
            story[int(k)] = next_id + int(c)
        next_id += int(cut.max()) + 1
    return [story[data.original[i]] for i in range(len(story))]


def pairwise(labels: Sequence[str], found: Sequence[int]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1."""
    true = predicted = correct = 0
    for i, j in combinations(range(len(labels)), 2):
        same, together = labels[i] == labels[j], found[i] == found[j]
        true += same
        predicted += together
        correct += same and together
    p = correct / predicted if predicted else 1.0
    r = correct / true if true else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--bbc-a", type=Path, required=True, help="half A of the BBC set (tuning)")
    parser.add_argument("--bbc-b", type=Path, required=True, help="half B of the BBC set (checking)")
    parser.add_argument("--bbc", type=Path, required=True, help="the whole BBC set")
    parser.add_argument("--own", type=Path, nargs="+", default=[ROOT / "examples/en", ROOT / "tests/data/stories"])
    args = parser.parse_args(argv)
    sets = {"A": prepare([args.bbc_a]), "B": prepare([args.bbc_b]), "BBC": prepare([args.bbc])}
    sets["own"] = prepare(args.own)
    variants: dict[str, tuple[Callable[[Labelled], np.ndarray], str]] = {
        "briefing (texts + ledes, average)": (lambda d: d.base, "average"),
        "complete linkage": (lambda d: d.base, "complete"),
        **{f"+ {name}": ((lambda d, name=name: d.base + d.extra[name]), "average") for name in sets["A"].extra},
    }
    thresholds = [round(0.35 + 0.025 * k, 3) for k in range(15)]
    print(f"{'variant':36} {'threshold':>9}  " + "  ".join(f"{k:>16}" for k in sets))
    for name, (likeness, method) in variants.items():
        tuning = sets["A"]
        scored = [(pairwise(tuning.labels, stories(tuning, likeness(tuning), t, method)), t) for t in thresholds]
        eligible = [(s[2], t) for s, t in scored if s[0] >= 0.6] or [(s[2], t) for s, t in scored]
        threshold = max(eligible)[1]
        cells = []
        for data in sets.values():
            p, r, f = pairwise(data.labels, stories(data, likeness(data), threshold, method))
            cells.append(f"{100 * p:5.1f}/{100 * r:4.1f}/{100 * f:4.1f}")
        print(f"{name:36} {threshold:9.3f}  " + "  ".join(f"{c:>16}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
