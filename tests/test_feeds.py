"""Feeds and web pages, served by a real HTTP server on loopback."""

from __future__ import annotations

import gzip
import html
import json
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from briefing.cli import main
from briefing.ingest import read_inputs
from briefing.ingest.feeds import html_paragraphs, looks_like_feed, parse_feed
from briefing.ingest.fetch import Fetcher, FetchSettings, JsonValidatorStore
from briefing.models import Article
from tests.conftest import DATA, FIXED_NOW

STORIES = DATA / "stories"


def corpus(*events: str) -> list[Article]:
    return list(read_inputs([str(STORIES / e) for e in events]).articles)


def page_html(article: Article) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(article.title)}</title>"
        f'<meta property="og:site_name" content="{html.escape(article.source)}"></head>'
        f"<body><nav>Home · World · Business</nav><article><h1>{html.escape(article.title)}</h1>{body}</article>"
        "<footer>© the outlet</footer></body></html>"
    )


def rss(outlet: str, items: Sequence[tuple[Article, str]], *, with_content: bool = False) -> str:
    entries = []
    for article, link in items:
        date = format_datetime(article.published) if article.published else ""
        description = html.escape(article.text.split("\n\n")[0])
        content = (
            f"<content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in article.text.split(chr(10) * 2))}]]>"
            "</content:encoded>"
            if with_content
            else ""
        )
        entries.append(
            f"<item><title>{html.escape(article.title)}</title><link>{link}</link>"
            f"<guid>{link}</guid><pubDate>{date}</pubDate><description>{description}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{html.escape(outlet)}</title><link>https://{outlet.lower().replace(' ', '')}.example/</link>"
        f"<description>News</description>{''.join(entries)}</channel></rss>"
    )


def atom(outlet: str, items: Sequence[tuple[Article, str]]) -> str:
    entries = "".join(
        f'<entry><title>{html.escape(a.title)}</title><link href="{link}"/><id>{link}</id>'
        f"<updated>{a.published.isoformat() if a.published else ''}</updated>"
        f"<summary>{html.escape(a.text.split(chr(10) * 2)[0])}</summary></entry>"
        for a, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(outlet)}</title><id>urn:{outlet}</id><updated>2026-11-21T10:00:00Z</updated>"
        f"{entries}</feed>"
    )


def serve(server: HTTPServer, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
    server.expect_request(path).respond_with_data(body, content_type=content_type)
    return server.url_for(path)


@pytest.fixture
def two_feeds(httpserver: HTTPServer) -> dict[str, str]:
    """Two outlets' feeds sharing two stories, each entry's page served, and a broken third feed."""
    courier = [a for a in corpus("lyss-rail-strike", "tarn-bridge-collapse") if a.source == "Northern Courier"]
    observer = [a for a in corpus("lyss-rail-strike", "tarn-bridge-collapse") if a.source == "Tarn Observer"]
    assert len(courier) == len(observer) == 2
    items: dict[str, list[tuple[Article, str]]] = {"courier": [], "observer": []}
    for name, articles in (("courier", courier), ("observer", observer)):
        for article in articles:
            link = serve(httpserver, f"/{name}/{article.id}-{article.published:%H%M}.html", page_html(article))
            items[name].append((article, link))
    urls = {
        "a": serve(httpserver, "/a.xml", rss("Northern Courier", items["courier"]), "application/rss+xml"),
        "b": serve(httpserver, "/b.xml", atom("Tarn Observer", items["observer"]), "application/atom+xml"),
    }
    httpserver.expect_request("/broken.xml").respond_with_data("upstream failure", status=503)
    urls["broken"] = httpserver.url_for("/broken.xml")
    return urls


def test_two_feeds_sharing_stories_give_one_section_per_story(
    two_feeds: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.json"
    code = main(["generate", two_feeds["a"], two_feeds["b"], two_feeds["broken"], "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "broken.xml: HTTP 503" in err
    brief = json.loads(out.read_text("utf-8"))
    assert len(brief["stories"]) == 2
    for story in brief["stories"]:
        assert story["outlets"] == ["Northern Courier", "Tarn Observer"] or story["outlets"] == [
            "Tarn Observer",
            "Northern Courier",
        ]
        texts = {a["id"]: a["text"] for a in story["articles"]}
        for sentence in story["summary"]["sentences"]:
            # every sentence is the article's own words at the offsets it claims
            assert texts[sentence["article_id"]][sentence["start"] : sentence["end"]] == sentence["text"]
        for article in story["articles"]:
            assert article["url"].startswith("http://localhost") or article["url"].startswith("http://127.0.0.1")
            assert "Home · World" not in article["text"], "page furniture is left out by trafilatura"
    health = {h["url"]: h for h in brief["source_health"]}
    assert health[two_feeds["broken"]]["status"] == "failed"
    assert health[two_feeds["broken"]]["detail"] == "HTTP 503 SERVICE UNAVAILABLE"
    assert health[two_feeds["a"]]["status"] == "stale", "entries from November 2026 are days old by now"


def test_the_pdf_brief_lists_every_outlet_and_names_the_broken_feed(two_feeds: dict[str, str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "brief.pdf"
    assert main(["generate", two_feeds["a"], two_feeds["b"], two_feeds["broken"], "-o", str(out), "-q"]) == 0
    text = " ".join((page.extract_text() or "") for page in PdfReader(str(out)).pages)
    flat = " ".join(text.split())
    assert (
        flat.count("Reported by Northern Courier, Tarn Observer")
        + flat.count("Reported by Tarn Observer, Northern Courier")
        == 2
    )
    assert "Source health" in flat
    assert "broken.xml" in flat and "HTTP 503" in flat


def test_stale_is_judged_against_the_run_clock(two_feeds: dict[str, str]) -> None:
    from datetime import UTC, datetime

    result = read_inputs([two_feeds["a"]], now=datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    assert [h.status for h in result.health] == ["ok"]
    assert result.health[0].articles == 2
    assert result.health[0].newest is not None


def test_an_entry_whose_page_fails_falls_back_to_the_feed_content(httpserver: HTTPServer) -> None:
    article = corpus("malaria-vaccine")[0]
    httpserver.expect_request("/gone.html").respond_with_data("not here", status=404)
    feed = rss("Global Dispatch", [(article, httpserver.url_for("/gone.html"))], with_content=True)
    url = serve(httpserver, "/feed.xml", feed, "application/rss+xml")
    result = read_inputs([url])
    assert len(result.articles) == 1
    got = result.articles[0]
    assert got.text == article.text, "the feed's full content is used, paragraph by paragraph"
    assert got.source == "Global Dispatch"
    assert got.published == article.published
    assert got.url == httpserver.url_for("/gone.html")


def test_a_web_page_url_is_read_like_an_article(httpserver: HTTPServer) -> None:
    article = corpus("ostrava-satellite")[0]
    url = serve(httpserver, "/science/zora.html", page_html(article))
    result = read_inputs([url])
    assert [a.title for a in result.articles] == [article.title]
    assert result.articles[0].text.split("\n\n") == article.text.split("\n\n")
    assert result.articles[0].id == "zora"
    assert [(h.kind, h.status) for h in result.health] == [("page", "ok")]


def test_feed_files_are_read_too(tmp_path: Path) -> None:
    articles = corpus("varnia-floods")
    path = tmp_path / "floods.rss"
    # links that cannot be fetched (nothing listens on port 9 of loopback): the feed's content is used
    path.write_text(rss("Continental Post", [(a, f"http://127.0.0.1:9/{a.id}") for a in articles], with_content=True))
    fetcher = Fetcher(FetchSettings(timeout=2, host_delay=0))
    with fetcher:
        result = read_inputs([str(path)], fetcher=fetcher)
    assert len(result.articles) == 3
    assert all(a.source == "Continental Post" for a in result.articles)
    assert result.health[0].kind == "feed"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<rss version='0.91'><channel><title>Old</title><item><title>T</title>"
            "<description>Body text here.</description></item></channel></rss>",
            "Old",
        ),
        (
            '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/"><channel><title>RDF outlet</title></channel>'
            "<item><title>T</title><link>http://127.0.0.1:9/x</link><description>Body.</description></item></rdf:RDF>",
            "RDF outlet",
        ),
        (
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom outlet</title>'
            "<entry><title>T</title><content type='html'>&lt;p&gt;Body.&lt;/p&gt;</content></entry></feed>",
            "Atom outlet",
        ),
    ],
)
def test_every_feed_dialect_parses(body: str, expected: str) -> None:
    data = body.encode()
    assert looks_like_feed(data)
    parsed = parse_feed(data, name="feed")
    assert parsed.title == expected
    assert len(parsed.entries) == 1
    assert html_paragraphs(parsed.entries[0].content_html)


def test_feeds_declaring_entities_are_refused(httpserver: HTTPServer) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        "<rss version='2.0'><channel><title>&lol2;</title></channel></rss>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<rss version='2.0'><channel><title>&xxe;</title><item><title>x</title></item></channel></rss>"
    )
    urls = [
        serve(httpserver, "/laughs.xml", laughs, "application/xml"),
        serve(httpserver, "/xxe.xml", external, "text/xml"),
    ]
    result = read_inputs(urls)
    assert not result.articles
    assert [h.status for h in result.health] == ["failed", "failed"]
    assert all("declares XML entities" in h.detail for h in result.health)


def test_broken_responses_are_reported_and_do_not_stop_the_run(httpserver: HTTPServer) -> None:
    good = corpus("malaria-vaccine")[1]
    ok_url = serve(httpserver, "/ok.html", page_html(good))
    httpserver.expect_request("/loop").respond_with_response(Response(status=302, headers={"Location": "/loop"}))
    httpserver.expect_request("/missing.xml").respond_with_data("no", status=404)
    not_feed = serve(httpserver, "/image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    malformed = serve(httpserver, "/malformed.xml", "<rss><channel><title>Half", "application/rss+xml")
    big = serve(httpserver, "/huge.html", "<html><body>" + "<p>word</p>" * 200_000 + "</body></html>")

    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response("<rss version='2.0'><channel><title>Slow</title></channel></rss>")

    httpserver.expect_request("/slow.xml").respond_with_handler(slow)
    bomb = gzip.compress(b"<p>" + b"a" * (30 * 1024 * 1024) + b"</p>")
    httpserver.expect_request("/bomb.html").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )

    def endless(_request: Request) -> Response:
        def body() -> Iterator[bytes]:
            while True:
                yield b"<p>more and more</p>" * 1000

        return Response(body(), content_type="text/html")

    httpserver.expect_request("/endless.html").respond_with_handler(endless)
    urls = [
        ok_url,
        httpserver.url_for("/loop"),
        httpserver.url_for("/missing.xml"),
        not_feed,
        malformed,
        big,
        httpserver.url_for("/slow.xml"),
        httpserver.url_for("/bomb.html"),
        httpserver.url_for("/endless.html"),
    ]
    settings = FetchSettings(timeout=0.5, deadline=5, max_bytes=1024 * 1024, max_redirects=3, host_delay=0)
    with Fetcher(settings) as fetcher:
        result = read_inputs(urls, fetcher=fetcher)
    assert [a.title for a in result.articles] == [good.title]
    reasons = {s.name.rsplit("/", 1)[-1]: s.reason for s in result.skipped}
    assert reasons["loop"] == "more than 3 redirects"
    assert reasons["missing.xml"] == "HTTP 404 NOT FOUND"
    assert reasons["image.png"] == "not a feed or a web page (image/png)"
    assert reasons["malformed.xml"].startswith("not a readable feed")
    assert reasons["huge.html"].startswith("larger than 1,048,576 bytes")
    assert reasons["slow.xml"] == "timed out after 0.5 s"
    assert reasons["bomb.html"] == "larger than 1,048,576 bytes", "the cap holds after decompression"
    assert reasons["endless.html"] == "larger than 1,048,576 bytes"
    assert {h.status for h in result.health} == {"ok", "failed"}


def test_conditional_requests_send_validators_and_report_not_modified(httpserver: HTTPServer, tmp_path: Path) -> None:
    article = corpus("malaria-vaccine")[0]
    feed = rss("Global Dispatch", [(article, "http://127.0.0.1:9/a")], with_content=True)
    seen: list[dict[str, str]] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(feed, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    httpserver.expect_request("/feed.xml").respond_with_handler(handler)
    url = httpserver.url_for("/feed.xml")
    store = JsonValidatorStore(tmp_path / "http.json")
    with Fetcher(FetchSettings(timeout=2, host_delay=0), validators=store) as fetcher:
        first = read_inputs([url], fetcher=fetcher)
    store.save()
    assert len(first.articles) == 1
    reloaded = JsonValidatorStore(tmp_path / "http.json")
    assert reloaded.get(url) == ('"v1"', "")
    with Fetcher(FetchSettings(timeout=2, host_delay=0), validators=reloaded) as fetcher:
        second = read_inputs([url], fetcher=fetcher)
    assert seen[-1].get("If-None-Match") == '"v1"'
    assert not second.articles
    assert [h.status for h in second.health] == ["not-modified"]
    assert seen[0]["User-Agent"].startswith("briefing/")
    assert "gzip" in seen[0]["Accept-Encoding"]


def test_requests_to_one_host_are_spaced_and_concurrency_is_bounded() -> None:
    in_flight = 0
    most = 0
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        time.sleep(0.05)
        with lock:
            in_flight -= 1
        return httpx.Response(200, text="<p>x</p>", headers={"Content-Type": "text/html"})

    waits: list[float] = []
    settings = FetchSettings(concurrency=3, host_delay=0.0)
    urls = [f"http://host{i % 6}.test/{i}" for i in range(24)]
    with Fetcher(settings, transport=httpx.MockTransport(handler)) as fetcher:
        results = fetcher.fetch_many(urls)
    assert all(r.ok for r in results)
    assert [r.url for r in results] == urls
    assert 1 < most <= 3
    spaced = FetchSettings(concurrency=2, host_delay=5.0)
    with Fetcher(spaced, transport=httpx.MockTransport(handler), sleep=waits.append) as fetcher:
        fetcher.fetch_many(["http://one.test/a", "http://one.test/b", "http://two.test/c"])
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0, "only the second request to one.test waits"


def test_future_and_unreadable_dates_are_not_trusted(tmp_path: Path) -> None:
    (tmp_path / "future.json").write_text(
        json.dumps({"title": "T", "text": "Body text.", "published": "2031-01-01T00:00:00+00:00"})
    )
    (tmp_path / "garbled.json").write_text(json.dumps({"title": "T", "text": "Body text.", "published": "soon"}))
    (tmp_path / "naive.json").write_text(
        json.dumps({"title": "T", "text": "Body text.", "published": "2026-11-20T10:00:00"})
    )
    result = read_inputs([str(tmp_path)], now=FIXED_NOW)
    by_id = {a.id: a for a in result.articles}
    assert by_id["future"].published is None
    assert "in the future" in by_id["future"].date_note
    assert by_id["garbled"].published is None
    assert by_id["garbled"].date_note == "date 'soon' could not be read"
    assert by_id["naive"].published is not None and by_id["naive"].published.utcoffset() is not None


def test_since_keeps_recent_and_undated_articles(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from datetime import timedelta

    result = read_inputs([str(STORIES)], now=FIXED_NOW, since=FIXED_NOW - timedelta(days=7))
    assert result.too_old > 0
    assert all(a.published is None or a.published >= FIXED_NOW - timedelta(days=7) for a in result.articles)
    code = main(["generate", str(STORIES), "-o", str(tmp_path / "b.json"), "--since", "2026-11-19"])
    err = capsys.readouterr().err
    assert code == 0 and "older than --since" in err
    code = main(["generate", str(STORIES), "-o", str(tmp_path / "b.json"), "--since", "yesterday-ish"])
    assert code == 2
    assert "cannot read the time 'yesterday-ish'" in capsys.readouterr().err


def test_the_outlet_is_the_page_publisher_else_the_feed_title(httpserver: HTTPServer) -> None:
    named, unnamed = corpus("malaria-vaccine")
    unnamed = replace(unnamed, source="")
    items = [
        (named, serve(httpserver, "/named.html", page_html(named))),
        (unnamed, serve(httpserver, "/unnamed.html", page_html(unnamed))),
    ]
    url = serve(httpserver, "/feed.xml", rss("Health Aggregator", items), "application/rss+xml")
    with Fetcher(FetchSettings(host_delay=0)) as fetcher:
        result = read_inputs([url], fetcher=fetcher)
    assert [a.source for a in result.articles] == [named.source, "Health Aggregator"]
    assert named.source == "Continental Post"


def test_malformed_entry_links_fall_back_to_the_feed_content(httpserver: HTTPServer) -> None:
    article = corpus("malaria-vaccine")[0]
    feed = rss("Global Dispatch", [(article, "http://[broken/entry")], with_content=True)
    url = serve(httpserver, "/feed.xml", feed, "application/rss+xml")
    result = read_inputs([url])
    assert [a.text for a in result.articles] == [article.text]
    assert result.articles[0].outlet == "Global Dispatch"


def test_feeds_with_nothing_new_are_not_a_failure(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = corpus("varnia-floods")  # published in November 2026
    items = [(a, serve(httpserver, f"/floods/{a.id}.html", page_html(a))) for a in articles]
    feed_file = tmp_path / "floods.rss"
    feed_file.write_text(rss("Continental Post", items))
    empty = serve(httpserver, "/empty.xml", rss("Quiet Desk", []), "application/rss+xml")
    out = tmp_path / "brief.md"
    # every entry is older than --since, and the other feed has none: nothing new, nothing written, exit 0
    code = main(["generate", str(feed_file), empty, "-o", str(out), "--since", "2026-11-20"])
    err = capsys.readouterr().err.splitlines()
    assert code == 0 and not out.exists()
    assert err[-1] == (
        f"nothing new in {feed_file}, {empty}: all 3 articles were published before 2026-11-20 00:00 UTC; "
        "nothing written"
    )
    assert err[:-1] == [
        f"warning: {feed_file}: stale feed (newest entry 2026-11-11T11:15+01:00)",
        f"warning: {empty}: the feed has no entries",
    ]
    code = main(["generate", str(feed_file), "-o", str(out), "--since", "2026-11-20", "--fail-if-empty", "-q"])
    assert code == 1 and not out.exists()
    assert capsys.readouterr().err.splitlines() == [
        f"error: nothing new in {feed_file}: all 3 articles were published before 2026-11-20 00:00 UTC",
        "hint: widen --since, or leave it out",
    ]
    # the same entries as an explicit file of articles are a mistake, not a quiet day
    articles_file = tmp_path / "floods.jsonl"
    articles_file.write_text("".join(json.dumps({"text": a.text, "published": "2026-11-09"}) + "\n" for a in articles))
    assert main(["generate", str(articles_file), "-o", str(out), "--since", "2026-11-20", "-q"]) == 1
    assert main(["generate", str(feed_file), str(articles_file), "-o", str(out), "--since", "2026-11-20", "-q"]) == 1
    capsys.readouterr()


def test_a_feed_that_fails_is_an_error_even_alone(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/down.xml").respond_with_data("upstream failure", status=503)
    assert main(["generate", httpserver.url_for("/down.xml"), "-o", str(tmp_path / "b.md"), "-q"]) == 1


@pytest.fixture
def trickler() -> Iterator[str]:
    """A raw server on 127.0.0.1 that sends a status line, then one header line every half second, never ending the
    headers (it gives up after 20 s, only so that a test cannot hang)."""
    listening = socket.create_server(("127.0.0.1", 0))
    listening.settimeout(0.2)
    stop = threading.Event()

    def trickle(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n")
                ends = time.monotonic() + 20
                n = 0
                while not stop.is_set() and time.monotonic() < ends:
                    n += 1
                    conn.sendall(f"X-Padding-{n}: one more line\r\n".encode())
                    stop.wait(0.5)
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listening.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listening.getsockname()[1]}/feed.xml"
    finally:
        stop.set()
        thread.join(5)
        listening.close()


def test_a_server_trickling_header_lines_is_stopped_at_the_deadline(trickler: str) -> None:
    # each header line comes well within the 10 s read timeout: only a deadline over the whole transfer,
    # the headers included, stops it
    with Fetcher(FetchSettings(timeout=10, deadline=2, host_delay=0)) as fetcher:
        result = read_inputs([trickler], fetcher=fetcher)
    assert not result.articles
    assert [(h.status, h.detail) for h in result.health] == [("failed", "the transfer took longer than 2 s")]
    assert [(s.name, s.reason) for s in result.skipped] == [(trickler, "the transfer took longer than 2 s")]


def test_once_the_fetch_budget_is_spent_what_is_left_is_skipped_and_said(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = corpus("malaria-vaccine", "lyss-rail-strike")[:6]

    def crawl(_request: Request) -> Response:
        def body() -> Iterator[bytes]:
            ends = time.monotonic() + 20  # a page that takes its time, though never longer than this
            while time.monotonic() < ends:
                yield b"<p>Still loading.</p>"
                time.sleep(0.5)

        return Response(body(), content_type="text/html")

    links = []
    for article in articles:
        httpserver.expect_request(f"/slow/{article.id}.html").respond_with_handler(crawl)
        links.append(httpserver.url_for(f"/slow/{article.id}.html"))
    feed = serve(
        httpserver, "/feed.xml", rss("Global Dispatch", list(zip(articles, links, strict=True)), with_content=True)
    )
    monkeypatch.setenv("BRIEFING_FETCH_BUDGET", "2")
    out = tmp_path / "brief.json"
    assert main(["generate", feed, "-o", str(out), "-q"]) == 0, capsys.readouterr().err
    brief = json.loads(out.read_text("utf-8"))
    read = sorted(a["title"] for story in brief["stories"] for a in story["articles"])
    assert read == sorted(a.title for a in articles), "every entry is briefed from the feed's own text"
    health = {h["url"]: h for h in brief["source_health"]}
    assert health[feed]["status"] in ("ok", "stale")
    for link in links:
        assert health[link]["status"] == "skipped", health[link]
        assert "the run's fetch budget of 2 s was spent; the feed's own text used instead" in health[link]["detail"]
    # host_delay spaces the pages half a second apart, so the last ones cannot start within the 2 s
    assert any(health[link]["detail"].startswith("not fetched:") for link in links)
