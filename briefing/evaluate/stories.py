"""Scoring story clustering against a labelled set of articles.

A labelled set is a folder of folders: each sub-folder holds the reports of one event
(any article format briefing reads), and a sub-folder named ``singletons`` holds articles
that each are an event of their own. :func:`score_grouping` compares the stories
:func:`briefing.cluster.group_articles` forms with the labels pair by pair: precision is the
share of article pairs put in one story that belong to one event, recall the share of
same-event pairs put in one story (the usual pairwise measures of clustering quality).
Threads are scored the same way (``level="threads"``), against the events — a thread must
keep each event's reports together — or against the sagas: a file ``sagas.json`` beside the
event folders names the saga of articles by their file name (:func:`saga_labels`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Literal

from briefing.cluster import ClusterSettings, group_articles
from briefing.errors import InputError
from briefing.ingest import read_inputs
from briefing.models import Article

__all__ = ["ClusterScores", "load_labelled", "saga_labels", "score_grouping"]

SINGLETONS = "singletons"
#: beside the event folders: ``{"file name": "saga"}`` for the articles that belong to a saga
SAGAS = "sagas.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterScores:
    """Pairwise precision, recall and F1 of one clustering, with the counts behind them."""

    articles: int
    events: int
    stories: int
    threads: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    stories_found: tuple[tuple[str, ...], ...]

    @property
    def precision(self) -> float:
        """Share of pairs put together that belong together (1 when none were put together)."""
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        """Share of pairs that belong together that were put together."""
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labelled(folders: Sequence[Path]) -> tuple[list[Article], list[str]]:
    """Read every event folder under ``folders``; returns the articles and each one's event label.

    Raises:
        InputError: a folder holds no event folders with articles.
    """
    articles: list[Article] = []
    labels: list[str] = []
    for root in folders:
        events = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        if not events:
            raise InputError(f"{root}: no event folders in it", hint="one sub-folder per event, holding its reports")
        for event in events:
            read = read_inputs([str(event)])
            for article in read.articles:
                label = f"{root.name}/{event.name}"
                articles.append(article)
                labels.append(f"{label}/{article.id}" if event.name == SINGLETONS else label)
    # ids must be unique across folders for the report
    return articles, labels


def saga_labels(folders: Sequence[Path], articles: Sequence[Article], labels: Sequence[str]) -> list[str] | None:
    """Each article's saga, from the ``sagas.json`` beside the event folders (an article it does not name is a
    saga of its own event); ``None`` when no folder has one.

    Raises:
        InputError: a ``sagas.json`` is not an object of file names and sagas.
    """
    sagas: dict[Path, str] = {}
    found = False
    for root in folders:
        path = root / SAGAS
        if not path.is_file():
            continue
        found = True
        try:
            named = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: {exc}", hint='an object of file names and sagas: {"a.txt": "saga"}') from exc
        if not isinstance(named, dict) or not all(isinstance(v, str) for v in named.values()):
            raise InputError(f"{path}: not an object of file names and sagas", hint='{"a.txt": "saga"}')
        for article in root.rglob("*"):
            if article.name in named:
                sagas[article.resolve()] = f"{root.name}/{named[article.name]}"
    if not found:
        return None
    return [
        sagas.get(Path(a.origin).resolve(), label) if a.origin else label
        for a, label in zip(articles, labels, strict=True)
    ]


def score_grouping(
    articles: Sequence[Article],
    labels: Sequence[str],
    settings: ClusterSettings | None = None,
    *,
    level: Literal["stories", "threads"] = "stories",
) -> ClusterScores:
    """Cluster ``articles`` and score the stories (or the threads) against ``labels`` pair by pair."""
    result = group_articles(articles, settings)
    predicted: list[int] = [-1] * len(articles)
    stories: list[tuple[str, ...]] = []
    for n, group in enumerate(result.groups):
        members = (*group.articles, *group.copies)
        for i in members:
            predicted[i] = group.thread if level == "threads" else n
        stories.append(tuple(articles[i].origin or articles[i].id for i in members))
    for dropped, kept in result.same_url:
        predicted[dropped] = predicted[kept]
    true_pairs = predicted_pairs = correct = 0
    for i, j in combinations(range(len(articles)), 2):
        same_event = labels[i] == labels[j]
        same_story = predicted[i] == predicted[j]
        true_pairs += same_event
        predicted_pairs += same_story
        correct += same_event and same_story
    return ClusterScores(
        articles=len(articles),
        events=len(set(labels)),
        stories=len(result.groups),
        threads=len({g.thread for g in result.groups}),
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
        stories_found=tuple(stories),
    )
