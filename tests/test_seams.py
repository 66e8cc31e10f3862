"""The seams shared fetching is built on, without a database: a host gate for the fetcher, a memory of entry pages
for the feed reader."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import httpx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

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
