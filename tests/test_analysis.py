"""Per-article analysis in one pass, in this process or over worker processes; clustering in blocks."""

from __future__ import annotations

import pytest

import briefing.analysis as analysis
import briefing.cluster.stories as stories
from bench.corpus import Corpus
from briefing.analysis import analyse, analyse_all, worker_count
from briefing.cluster import group_articles
from briefing.ingest import read_inputs
from briefing.nlp import sentences
from briefing.quotes import RuleQuoteExtractor
from briefing.summarize import get_summarizer
from tests.conftest import EXAMPLES


def test_one_pass_gives_what_each_stage_gives_alone() -> None:
    for article in read_inputs([str(EXAMPLES)]).articles:
        result = analyse(article, algorithm="news", count=3)
        split = sentences(article)
        assert result.sentences == split
        assert result.quotes == RuleQuoteExtractor().extract(article, split)
        assert result.picks == tuple(get_summarizer("news").summarize(split, 3, title=article.title))
        assert len(result.terms) == len(split)


def test_worker_processes_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = list(Corpus(3).stories(40, sentences=12))
    alone = analyse_all(articles, algorithm="news", count=3, workers=1)
    monkeypatch.setattr(analysis, "POOL_FROM", 10)
    monkeypatch.setattr(analysis, "CHUNK", 4)
    assert worker_count(2, len(articles)) == 2, "the pool must really be used"
    pooled = analyse_all(articles, algorithm="news", count=3, workers=2)
    assert pooled == alone
    assert sum(len(a.quotes) for a in pooled) > 20 and all(a.picks for a in pooled)


def test_worker_count() -> None:
    assert worker_count(4, analysis.POOL_FROM - 1) == 1  # a small run stays in this process
    assert worker_count(4, 10_000) == 4
    assert worker_count(1, 10_000) == 1
    assert worker_count(8, analysis.POOL_FROM) <= -(-analysis.POOL_FROM // analysis.CHUNK)
    assert worker_count(0, 10_000) >= 1


def test_clustering_in_blocks_gives_the_same_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = list(Corpus(11).stories(120, sentences=10, per_story=4))
    whole = group_articles(articles)
    monkeypatch.setattr(stories, "BLOCK", 7)
    assert group_articles(articles) == whole
    assert 10 < len(whole.groups) < 100, "the corpus must hold stories of several articles"
