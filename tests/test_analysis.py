"""Per-article analysis in one pass, in this process or over worker processes; clustering in blocks."""

from __future__ import annotations

import json

import pytest

import briefing.analysis as analysis
import briefing.cluster.stories as stories
from bench.corpus import Corpus
from briefing.analysis import analyse, analyse_all, worker_count
from briefing.cli import main
from briefing.cluster import group_articles
from briefing.ingest import read_inputs
from briefing.languages import tools_for
from briefing.models import Article
from briefing.nlp import sentences
from briefing.quotes import RuleQuoteExtractor
from briefing.quotes.rank import DescribeAlike
from briefing.quotes.records import quote_record
from briefing.summarize import get_summarizer
from briefing.summarize.multi import summarize_story
from tests.conftest import EXAMPLES, EXAMPLES_BY_LANGUAGE

#: the English examples and the Russian, German and French articles written for the project (a story each)
STORIES = [EXAMPLES, *(EXAMPLES_BY_LANGUAGE / code for code in ("ru", "de", "fr"))]


def _articles() -> list[Article]:
    articles = list(read_inputs([str(folder) for folder in STORIES]).articles)
    assert {a.language for a in articles} == {"en", "ru", "de", "fr"} and len(articles) == 19
    return articles


def test_english_is_read_with_englishs_own_stages() -> None:
    for article in read_inputs([str(EXAMPLES)]).articles:
        result = analyse(article, algorithm="news", count=3)
        split = sentences(article)
        assert result.sentences == split
        assert result.quotes == RuleQuoteExtractor().extract(article, split)
        assert result.picks == tuple(get_summarizer("news").summarize(split, 3, title=article.title))
        assert len(result.terms) == len(split)


@pytest.mark.parametrize("algorithm", ["news", "lexrank"])
def test_one_pass_gives_what_each_stage_gives_alone_in_every_language(
    algorithm: str, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = _articles()
    assert main(["summarize", *map(str, STORIES), "--algorithm", algorithm, "--sentences", "3", "--jsonl"]) == 0
    summarized = {d["id"]: d["summary"] for d in map(json.loads, capsys.readouterr().out.splitlines())}
    assert main(["quotes", *map(str, STORIES), "--jsonl"]) == 0
    quoted = {d["id"]: d["quotes"] for d in map(json.loads, capsys.readouterr().out.splitlines())}
    results = {article.id: analyse(article, algorithm=algorithm, count=3) for article in articles}
    # (`briefing quotes` reads the run's articles together, as a brief does: one description for a person)
    alike = DescribeAlike(result.quotes for result in results.values())
    for article in articles:
        result = results[article.id]
        picks = [s.text for s in result.picks]
        assert picks == summarized[article.id], article.id  # `briefing summarize`
        alone = summarize_story([(article, result.sentences)], algorithm, 3)  # a story of one article, no picks given
        assert [s.text for s in alone] == picks, article.id
        assert [quote_record(alike(q)) for q in result.quotes] == quoted[article.id], article.id  # `briefing quotes`
        assert result.sentences == tools_for(article).sentences(article)


def test_a_storys_summary_made_alone_is_the_one_made_from_the_one_pass() -> None:
    articles = _articles()
    for code in ("en", "ru", "de", "fr"):
        story = [a for a in articles if a.language == code]
        results = [analyse(a, algorithm="news", count=3) for a in story]
        documents = [(a, r.sentences) for a, r in zip(story, results, strict=True)]
        alone = summarize_story(documents, "news", 3)
        given = summarize_story(
            documents, "news", 3, picks=[r.picks for r in results], counts=[r.terms for r in results]
        )
        assert alone == given and len(alone) == 3, code


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
