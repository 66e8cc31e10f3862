"""The seams shared fetching is built on, without a database: a host gate for the fetcher, a memory of entry pages
for the feed reader, and a cache of analyses for the one-pass analysis."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import briefing.analysis as analysis
from bench.corpus import Corpus
from briefing.analysis import Analysis, analyse_all, analysis_key
from briefing.ingest import read_inputs
from briefing.ingest.feeds import FeedEntry
from briefing.ingest.fetch import Fetcher, FetchSettings
from briefing.models import Article
from tests.test_feeds import corpus, page_html, rss


class RecordingGate:
    def __init__(self, wait: float) -> None:
        self.wait = wait
        self.hosts: list[str] = []

    def reserve(self, host: str) -> float:
        self.hosts.append(host)
        return self.wait


def test_a_fetcher_given_a_gate_waits_as_the_gate_says_and_keeps_no_delay_of_its_own() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<p>x</p>", headers={"Content-Type": "text/html"})

    gate = RecordingGate(2.5)
    waits: list[float] = []
    settings = FetchSettings(concurrency=1, host_delay=30.0)  # would wait 30 s on its own
    with Fetcher(settings, transport=httpx.MockTransport(handler), sleep=waits.append, gate=gate) as fetcher:
        fetcher.fetch_many(["http://one.test/a", "http://One.test/b", "http://two.test/c"])
    assert gate.hosts == ["one.test", "one.test", "two.test"]
    assert waits == [2.5, 2.5, 2.5]


class DictPages:
    """A page memory in a dict: entry → the article its page gave."""

    def __init__(self) -> None:
        self.kept: dict[FeedEntry, Article] = {}

    def recall(self, entry: FeedEntry) -> Article | None:
        return self.kept.get(entry)

    def keep(self, entry: FeedEntry, article: Article) -> None:
        self.kept[entry] = article


def test_a_page_memory_spares_the_pages_of_unchanged_entries_and_gives_the_same_articles(
    httpserver: HTTPServer,
) -> None:
    articles = corpus("varnia-floods")
    pages: Counter[str] = Counter()

    def page(article: Article) -> Callable[[Request], Response]:
        def handler(request: Request) -> Response:
            pages[request.path] += 1
            return Response(page_html(article), content_type="text/html; charset=utf-8")

        return handler

    items = []
    for article in articles:
        httpserver.expect_request(f"/{article.id}.html").respond_with_handler(page(article))
        items.append((article, httpserver.url_for(f"/{article.id}.html")))
    feed = {"body": rss("Flood Desk", items)}
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda _r: Response(feed["body"], content_type="application/rss+xml")
    )
    url = httpserver.url_for("/feed.xml")
    memory = DictPages()
    first = read_inputs([url], pages=memory)
    plain = read_inputs([url])  # without a memory: every page fetched, as always
    assert first.articles == plain.articles and len(first.articles) == len(articles) == 3
    assert set(pages.values()) == {2}
    again = read_inputs([url], pages=memory)
    assert again.articles == first.articles
    assert set(pages.values()) == {2}, "no page of an unchanged entry is fetched again"
    retitled = [(a if n else replace(a, title="A new headline"), link) for n, (a, link) in enumerate(items)]
    feed["body"] = rss("Flood Desk", retitled)
    changed = read_inputs([url], pages=memory)
    assert sorted(pages.values()) == [2, 2, 3], "the changed entry's page is fetched again, the others not"
    assert changed.articles[0].title == "A new headline" and changed.articles[1:] == first.articles[1:]


class DictCache:
    """An analysis cache in a dict, counting what it was asked to compute."""

    def __init__(self) -> None:
        self.kept: dict[str, Analysis] = {}
        self.computed: list[str] = []

    def analyses(
        self, keys: Sequence[str], compute: Callable[[Sequence[str]], Mapping[str, Analysis]]
    ) -> dict[str, Analysis]:
        missing = [k for k in keys if k not in self.kept]
        if missing:
            self.kept.update(compute(missing))
            self.computed.extend(missing)
        return {k: self.kept[k] for k in keys}


def test_an_analysis_cache_gives_the_same_analyses_and_analyses_an_article_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    articles = list(Corpus(5).stories(12, sentences=10))
    expected = analyse_all(articles, algorithm="news", count=3)
    analysed: list[str] = []
    real = analysis.analyse

    def counted(article: Article, *, algorithm: str, count: int) -> Analysis:
        analysed.append(article.id)
        return real(article, algorithm=algorithm, count=count)

    monkeypatch.setattr(analysis, "analyse", counted)
    cache = DictCache()
    caplog.set_level("INFO", logger="briefing.analysis")
    assert analyse_all(articles, algorithm="news", count=3, cache=cache) == expected
    assert sorted(analysed) == sorted(a.id for a in articles)
    # the same articles under other ids (another schedule's run): nothing analysed, the ids their own
    renamed = [Article(id=f"other-{a.id}", title=a.title, text=a.text, language=a.language) for a in articles]
    again = analyse_all(renamed, algorithm="news", count=3, cache=cache)
    assert len(analysed) == len(articles)
    assert "analysed 0 of 12 article(s); 12 from the cache" in caplog.text
    for got, want, article in zip(again, expected, renamed, strict=True):
        assert {s.article_id for s in got.sentences} | {q.article_id for q in got.quotes} <= {article.id}
        assert [s.text for s in got.sentences] == [s.text for s in want.sentences]
        assert [(q.text, q.speaker) for q in got.quotes] == [(q.text, q.speaker) for q in want.quotes]
    assert sum(len(a.quotes) for a in again) > 5
    # other settings are other analyses
    analyse_all(articles[:2], algorithm="lead", count=3, cache=cache)
    assert len(analysed) == len(articles) + 2


def test_an_analysis_key_is_the_words_language_and_settings_not_the_id_or_outlet() -> None:
    article = Article(id="a", title="Dockers strike", text="The port closed on Monday.", language="en")
    key = analysis_key(article, algorithm="news", count=3)
    same = Article(id="b", title=article.title, text=article.text, language="en", source="Wire", url="https://x/1")
    assert analysis_key(same, algorithm="news", count=3) == key
    assert analysis_key(article, algorithm="news", count=4) != key
    assert analysis_key(article, algorithm="lexrank", count=3) != key
    other = Article(id="a", title=article.title, text=article.text + " It reopened.", language="en")
    assert analysis_key(other, algorithm="news", count=3) != key
    german = Article(id="a", title=article.title, text=article.text, language="de")
    assert analysis_key(german, algorithm="news", count=3) != key
