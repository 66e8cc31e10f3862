"""Hostile input through the commands users run: `briefing generate` and `briefing quotes`.

Each case is one bad file beside a good article. Expected of both commands: exit 0, the bad
file named and skipped or read as plain text, never a traceback, and the good article still
briefed. The large cases are built here rather than committed.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from briefing.cli import main
from tests.conftest import EXAMPLES, ROOT

GOOD = EXAMPLES / "port-strike" / "halvard-herald-strike-begins.txt"
GOOD_TITLE = "Dockworkers walk out at Port of Halvard as pay talks collapse"


def _binary(path: Path) -> None:
    path.with_suffix(".txt").write_bytes(bytes(range(256)) * 64)


def _nul_bytes(path: Path) -> None:
    path.with_suffix(".txt").write_bytes(b"Port reopens\n\nThe minister said\x00 the port would reopen.\x00\n")


def _latin1(path: Path) -> None:
    text = "Café owners protest\n\nThe café owners of Halvard said the new tax was unfair, the mayor’s office said.\n"
    path.with_suffix(".txt").write_bytes(text.replace("’", "'").encode("latin-1"))


def _mixed_encodings(path: Path) -> None:
    utf8 = "Zürich talks\n\nDelegates in Zürich said the talks would resume.".encode()
    path.with_suffix(".txt").write_bytes(utf8 + " Officials in M\xfcnchen agreed.\n".encode("latin-1"))


def _huge(path: Path) -> None:
    with path.with_suffix(".txt").open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # 200 MB without writing them: refused before it is read


def _one_long_line(path: Path) -> None:
    with path.with_suffix(".txt").open("w", encoding="utf-8") as fh:
        chunk = "word " * 200_000
        for _ in range(50):  # 50 MB, one line
            fh.write(chunk)


def _many_paragraphs(path: Path) -> None:
    path.with_suffix(".txt").write_text("Many paragraphs\n\n" + "\n\n".join(["word"] * 100_000), encoding="utf-8")


def _scripts_and_frames(path: Path) -> None:
    path.with_suffix(".html").write_text(
        """<html><head><title>Port news <script>alert(1)</script></title>
        <link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
        <style>@import url("http://169.254.169.254/latest/meta-data/"); body {{ background: url(file:///etc/passwd) }}</style>
        </head><body><article><h1>Harbour reopens after the strike</h1>
        <p onclick="steal()">The harbour reopened on Tuesday, the port authority said in a statement.</p>
        <script>document.location = "http://127.0.0.1:{port}/steal"</script>
        <iframe src="http://127.0.0.1:{port}/frame"></iframe>
        <img src="file:///etc/passwd" onerror="steal()"><img src="http://127.0.0.1:{port}/pixel.png">
        <p>“We are back to work,” said Ruth Okafor, the union's general secretary, on Tuesday morning.</p>
        </article></body></html>""",
        encoding="utf-8",
    )


def _template_syntax(path: Path) -> None:
    path.with_suffix(".md").write_text(
        "---\ntitle: Budget {{ 7*7 }} {% raw %}\n---\n\nThe minister said the budget was {{ 7*7 }} billion "
        "{% for x in range(3) %}{{ x }}{% endfor %} and would pass.\n",
        encoding="utf-8",
    )


def _unbalanced_quotes(path: Path) -> None:
    path.with_suffix(".txt").write_text(
        'Quotes\n\n“We will not stop, said the union leader.\n\n" " “ ” « » „ “ ” ‹ ›\n\n'
        "He said “it is over” ” and “ then left.\n\n“”“”“”“”\n",
        encoding="utf-8",
    )


def _scripts_of_the_world(path: Path) -> None:
    path.with_suffix(".md").write_text(
        "---\ntitle: مفاوضات الميناء 港口谈判 항구 협상 ストライキ שביתה 🚢\n---\n\n"
        "قال الوزير إن الميناء سيفتح يوم الاثنين. "
        "דובר הנמל אמר כי השביתה הסתיימה. "
        "港口发言人说，罢工已经结束。 "
        "“Wir sind zurück,” sagte Anna Lindqvist. 🚢⚓️👩🏽‍🔧\n",
        encoding="utf-8",
    )


CASES: dict[str, tuple[Callable[[Path], None], str | None]] = {
    # name: (make the file, the reason it is skipped — None when it is read)
    "binary": (_binary, "not text"),
    "nul-bytes": (_nul_bytes, "not text"),
    "latin-1": (_latin1, None),
    "mixed-encodings": (_mixed_encodings, None),
    "200-mb": (_huge, "too large"),
    "50-mb-one-line": (_one_long_line, "too large"),
    "100000-paragraphs": (_many_paragraphs, None),
    "scripts-and-frames": (_scripts_and_frames, None),
    "template-syntax": (_template_syntax, None),
    "unbalanced-quotes": (_unbalanced_quotes, None),
    "scripts-of-the-world": (_scripts_of_the_world, None),
}


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[int]:
    """A server on 127.0.0.1 that records every request: nothing may reach it."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("case", list(CASES))
def test_generate_and_quotes_survive(
    case: str, tmp_path: Path, listener: int, capsys: pytest.CaptureFixture[str]
) -> None:
    make, skipped = CASES[case]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(GOOD, inputs / GOOD.name)
    make(inputs / case)
    (bad,) = [p for p in inputs.iterdir() if p.name != GOOD.name]
    if bad.suffix == ".html":
        bad.write_text(bad.read_text(encoding="utf-8").replace("{port}", str(listener)), encoding="utf-8")

    out = tmp_path / "brief.html"
    assert main(["generate", str(inputs), "-o", str(out)]) == 0
    generated = capsys.readouterr()
    assert main(["quotes", str(inputs), "--jsonl"]) == 0
    quoted = capsys.readouterr()
    for err in (generated.err, quoted.err):
        assert "Traceback" not in err
        if skipped:
            assert f"skipped {bad}: {skipped}" in err
    page = out.read_text(encoding="utf-8")
    assert GOOD_TITLE in page, "the good article is briefed whatever its neighbour holds"
    records = [json.loads(line) for line in quoted.out.splitlines()]
    assert any(r["quotes"] for r in records)
    if not skipped:
        assert len(records) == 2, "the odd file is read as an article too"

    assert "<script" not in page.replace('<script type="application/json"', "")
    assert "onclick=" not in page and "onerror=" not in page and "<iframe" not in page
    assert "file:///etc/passwd" not in page
    if case == "template-syntax":
        assert "{{ 7*7 }}" in page and "49 billion" not in page
    if case == "scripts-of-the-world":
        assert "港口谈判 항구 협상 ストライキ" in page and "🚢" in page
        assert '<p class="sentence" dir="rtl">قال الوزير' in page, "right-to-left text is set right to left"


def _gzip_bomb(server: HTTPServer) -> str:
    # 40 MB of one letter, 40 KB on the wire: the cap counts what is decompressed
    body = gzip.compress(b"<html><body><p>" + b"a" * (40 * 1024 * 1024) + b"</p></body></html>")
    server.expect_request("/bomb.html").respond_with_data(
        body, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    return server.url_for("/bomb.html")


def _endless_body(server: HTTPServer) -> str:
    def endless(_request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b"<html><body>"
            while True:
                yield b"<p>The port is open, officials said.</p>" * 1000

        return Response(body(), content_type="text/html")

    server.expect_request("/endless.html").respond_with_handler(endless)
    return server.url_for("/endless.html")


def _billion_laughs(server: HTTPServer) -> str:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{levels}]>'
        "<rss version='2.0'><channel><title>&l9;</title><item><title>&l9;</title>"
        "<description>&l9;</description></item></channel></rss>"
    )
    server.expect_request("/laughs.xml").respond_with_data(feed, content_type="application/rss+xml")
    return server.url_for("/laughs.xml")


def _external_entity(server: HTTPServer) -> str:
    feed = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<rss version='2.0'><channel><title>Feed</title><item><title>&xxe;</title>"
        "<description>The port said &xxe;.</description></item></channel></rss>"
    )
    server.expect_request("/xxe.xml").respond_with_data(feed, content_type="application/rss+xml")
    return server.url_for("/xxe.xml")


URL_CASES: dict[str, tuple[Callable[[HTTPServer], str], str]] = {
    # name: (serve it and give its address, what the brief's source health says of it)
    "gzip-bomb": (_gzip_bomb, "larger than 5,242,880 bytes"),
    "endless-body": (_endless_body, "larger than 5,242,880 bytes"),
    "billion-laughs": (_billion_laughs, "declares XML entities"),
    "external-entity": (_external_entity, "declares XML entities"),
}


@pytest.mark.parametrize("case", list(URL_CASES))
def test_generate_and_quotes_survive_hostile_servers(
    case: str, tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve, reason = URL_CASES[case]
    url = serve(httpserver)
    out = tmp_path / "brief.json"
    assert main(["generate", str(GOOD), url, "-o", str(out)]) == 0
    generated = capsys.readouterr()
    assert main(["quotes", str(GOOD), url, "--jsonl"]) == 0
    quoted = capsys.readouterr()
    for err in (generated.err, quoted.err):
        assert "Traceback" not in err
        assert url in err and reason in err, err
    brief = json.loads(out.read_text(encoding="utf-8"))
    assert [a["title"] for story in brief["stories"] for a in story["articles"]] == [GOOD_TITLE]
    health = [(h["status"], h["detail"]) for h in brief["source_health"] if h["url"] == url]
    assert len(health) == 1 and health[0][0] == "failed" and reason in health[0][1], brief["source_health"]
    assert "root:" not in out.read_text(encoding="utf-8"), "no local file is read through an entity"
    assert [json.loads(line)["title"] for line in quoted.out.splitlines()] == [GOOD_TITLE]


def test_proxy_settings_in_the_environment_are_not_followed(
    tmp_path: Path, httpserver: HTTPServer, listener: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{listener}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    page = (
        "<html><head><title>Harbour reopens</title></head><body><article><p>"
        + GOOD.read_text()
        + "</p></article></body></html>"
    )
    httpserver.expect_request("/page.html").respond_with_data(page, content_type="text/html")
    assert main(["generate", httpserver.url_for("/page.html"), "-o", str(tmp_path / "brief.json")]) == 0
    assert _Recorder.requests == [], "the proxy named in the environment was used"
    assert len(httpserver.log) == 1


def test_the_pdf_renderer_fetches_nothing_named_in_an_article(
    tmp_path: Path, listener: int, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _scripts_and_frames(inputs / "hostile")
    page = inputs / "hostile.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{port}", str(listener)), encoding="utf-8")
    assert main(["generate", str(inputs), "-o", str(tmp_path / "brief.pdf")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert _Recorder.requests == [], "the renderer must not reach the network or local files"


def _feed(items: list[tuple[str, str]]) -> str:
    """An RSS feed whose entries (title, link) carry their own text, so a refused page still leaves an article."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><description><![CDATA[<p>{title}. The port authority said "
        f"the terminal would stay shut while talks go on, and the union said it would meet again on Monday.</p>]]>"
        "</description></item>"
        for title, link in items
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Wire</title>{entries}</channel></rss>"


def test_feeds_cannot_send_briefing_to_private_addresses(
    tmp_path: Path, httpserver: HTTPServer, listener: int, capsys: pytest.CaptureFixture[str]
) -> None:
    # the feed is on 127.0.0.1 and was named: its own host and port are fetched; every other loopback, private,
    # link-local or reserved address an entry links to, or a redirect leads to, is refused before connecting
    page = f"<html><head><title>Harbour reopens</title></head><body><article><p>{GOOD.read_text()}</p></article></body></html>"
    httpserver.expect_request("/harbour.html").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/moved").respond_with_response(
        Response(status=302, headers={"Location": f"http://127.0.0.1:{listener}/secret"})
    )
    private = {
        "other-port": f"http://127.0.0.1:{listener}/secret",
        "localhost": f"http://localhost:{listener}/secret",
        "ipv6-loopback": f"http://[::1]:{listener}/secret",
        "redirect": httpserver.url_for("/moved"),
        "metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "ten": "http://10.1.2.3/admin",
        "172-16": "http://172.16.0.1/",
        "192-168": "http://192.168.1.1/router",
        "unspecified": f"http://0.0.0.0:{listener}/secret",
        "unique-local": "http://[fd12:3456::1]/",
        "ipv6-link-local": "http://[fe80::1]/",
        "shared": "http://100.64.0.1/",
        "mapped": f"http://[::ffff:127.0.0.1]:{listener}/secret",
    }
    items = [("Harbour reopens", httpserver.url_for("/harbour.html"))]
    items += [(f"Entry {name}", link) for name, link in private.items()]
    httpserver.expect_request("/feed.xml").respond_with_data(_feed(items), content_type="application/rss+xml")
    feed = httpserver.url_for("/feed.xml")
    out = tmp_path / "brief.json"
    assert main(["generate", feed, "-o", str(out), "--no-grouping"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert _Recorder.requests == [], "a private address named by the feed was fetched"
    brief = json.loads(out.read_text(encoding="utf-8"))
    texts = {a["title"]: a["text"] for story in brief["stories"] for a in story["articles"]}
    assert "Dockworkers" in texts["Harbour reopens"], "the named feed's own host and port are fetched"
    assert len(texts) == len(items), "each refused entry is briefed from the feed's own text"
    health = {h["url"]: h for h in brief["source_health"]}
    assert health[feed]["status"] == "ok"
    assert httpserver.url_for("/harbour.html") not in health
    for name, link in private.items():
        row = health[link]
        assert row["status"] == "refused", (name, row)
        assert row["detail"].startswith("refused: ") and "the feed's own text used instead" in row["detail"], row
    assert "is the cloud metadata address" in health[private["metadata"]]["detail"]
    assert "is a private address" in health[private["ten"]]["detail"]
    assert "localhost resolves to" in health[private["localhost"]]["detail"]
    assert "a loopback address" in health[private["redirect"]]["detail"], "a redirect is checked too"


def test_a_host_name_is_resolved_once_and_the_checked_address_connected_to(
    httpserver: HTTPServer, listener: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: the name answers a public address, then 127.0.0.1; the connection must go to the address checked
    import socket

    from briefing.ingest import read_inputs

    answers = iter(["93.184.215.14", "127.0.0.1", "127.0.0.1"])
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if host == "news.rebind.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real_getaddrinfo(host, port, *args, **kwargs)  # type: ignore[arg-type]

    tried: list[object] = []
    guarded = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and address[0] == "93.184.215.14":
            tried.append(address)
            raise ConnectionRefusedError("refused (a test address)")
        guarded(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket.socket, "connect", connect)
    link = f"http://news.rebind.example:{listener}/secret"
    httpserver.expect_request("/feed.xml").respond_with_data(
        _feed([("Entry rebinding", link)]), content_type="application/rss+xml"
    )
    result = read_inputs([httpserver.url_for("/feed.xml")])
    assert _Recorder.requests == [], "the name was resolved again and its second answer connected to"
    assert tried == [("93.184.215.14", listener)]
    assert [a.title for a in result.articles] == ["Entry rebinding"]
    answers = iter(["127.0.0.1"])
    result = read_inputs([httpserver.url_for("/feed.xml")])
    (row,) = [h for h in result.health if h.url == link]
    assert row.status == "refused"
    assert row.detail.startswith("refused: news.rebind.example resolves to 127.0.0.1, a loopback address")


def test_hosts_the_user_allows_are_fetched_at_private_addresses(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    intranet = HTTPServer(host="127.0.0.1", port=0)
    intranet.start()
    try:
        page = f"<html><head><title>Desk note</title></head><body><article><p>{GOOD.read_text()}</p></article></body></html>"
        intranet.expect_request("/note.html").respond_with_data(page, content_type="text/html")
        link = intranet.url_for("/note.html")
        httpserver.expect_request("/feed.xml").respond_with_data(
            _feed([("Desk note", link)]), content_type="application/rss+xml"
        )
        out = tmp_path / "brief.json"
        assert main(["generate", httpserver.url_for("/feed.xml"), "-o", str(out), "-q"]) == 0
        (article,) = [a for story in json.loads(out.read_text())["stories"] for a in story["articles"]]
        assert "Dockworkers" not in article["text"], "another port on loopback is not the named host"
        monkeypatch.setenv("BRIEFING_ALLOW_HOSTS", f"intranet.example, 127.0.0.1:{intranet.port}")
        assert main(["generate", httpserver.url_for("/feed.xml"), "-o", str(out), "-q"]) == 0
        (article,) = [a for story in json.loads(out.read_text())["stories"] for a in story["articles"]]
        assert "Dockworkers" in article["text"], "a host in allow_hosts is fetched"
        monkeypatch.setenv("BRIEFING_ALLOW_HOSTS", "http://127.0.0.1/")
        assert main(["generate", httpserver.url_for("/feed.xml"), "-o", str(out), "-q"]) == 2
        assert "allow_hosts" in capsys.readouterr().err
    finally:
        intranet.stop()


# One letter of each script the brief must draw with a real glyph, not a box.
GLYPHS = {"Arabic": "ق", "Hebrew": "ש", "Chinese": "港", "Japanese kana": "ス", "Korean": "항", "emoji": "🚢"}


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _families_with_glyph(char: str) -> set[str]:
    """The installed font families that have a glyph for ``char``, as fontconfig (which Pango uses) sees them."""
    listed = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True, check=True
    ).stdout
    return {_plain(name) for line in listed.splitlines() for name in line.split(",") if name.strip()}


def _embedded_fonts(pdf: bytes) -> set[str]:
    """The fonts a PDF embeds (``/BaseFont`` names without the subset prefix), read from every stream."""
    chunks = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    names = {
        n.decode() for chunk in chunks for n in re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)", chunk)
    }
    return {_plain(n) for n in names}


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list is not installed")
def test_every_script_is_drawn_with_a_font_that_has_its_glyphs(tmp_path: Path) -> None:
    covering = {script: _families_with_glyph(char) for script, char in GLYPHS.items()}
    missing = [script for script, families in covering.items() if not families]
    if missing:
        message = f"no installed font draws {', '.join(missing)}: apt-get install fonts-noto-cjk fonts-noto-color-emoji"
        if os.environ.get("BRIEFING_REQUIRE_FONTS"):
            pytest.fail(message)  # CI installs them: there, a missing font is a failure
        pytest.skip(message)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _scripts_of_the_world(inputs / "world")
    out = tmp_path / "brief.pdf"
    assert main(["generate", str(inputs), "-o", str(out)]) == 0
    embedded = _embedded_fonts(out.read_bytes())
    assert embedded, "no fonts found in the PDF"
    for script, char in GLYPHS.items():
        families = covering[script]
        assert any(font.startswith(family) for font in embedded for family in families), (
            f"{script} ({char}) is drawn with none of the fonts that have it ({sorted(families)}); "
            f"the PDF embeds {sorted(embedded)}"
        )


def _near_identical(folder: Path, files: int) -> Path:
    """``files`` short articles, the same four sentences with two words swapped in each: every pair is
    alike enough to share a story, so the grouping's candidate pairs are every pair of the run."""
    import random

    rng = random.Random(5)
    body = (
        "The harbour council in Selby approved a new ferry timetable on Tuesday after a long debate. "
        "Councillor Mara Jensen said the winter crossings would run every two hours from the north quay. "
        "Operators warned that fuel costs and crew shortages could still delay the first sailings. "
        "The timetable takes effect next month and will be reviewed in the spring, officials said."
    ).split(" ")
    swaps = "Monday Friday south east pier dock three hourly weekly summer review board Kerr Olsen Hale".split()
    folder.mkdir()
    for n in range(files):
        words = list(body)
        for _ in range(2):
            words[rng.randrange(len(words))] = rng.choice(swaps)
        (folder / f"ferry-{n:04d}.txt").write_text(f"Ferry timetable approved ({n})\n\n{' '.join(words)}\n", "utf-8")
    return folder


def test_near_identical_articles_are_grouped_in_memory_that_grows_with_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near-identical files are one component of the similarity graph whose every pair is alike: the grouping
    must not hold its pairs (at 10,000 such files their matrices took 4 GB and more). Twice the files must cost
    about twice the memory, not four times. NumPy reports its arrays to tracemalloc, so the peaks count them."""
    import tracemalloc

    import briefing.cluster.stories as stories
    from briefing.cluster import group_articles
    from briefing.ingest import read_inputs

    articles = list(read_inputs([str(_near_identical(tmp_path / "near", 1_200))]).articles)
    # blocks of pairs small enough that what grows with the articles is what is seen
    monkeypatch.setattr(stories, "BLOCK_CELLS", 20_000, raising=False)
    monkeypatch.setattr(stories, "DENSE_UP_TO_LINKAGE", 100, raising=False)
    group_articles(articles[:50])  # the imports, whose memory is no part of the curve

    def peak(files: int) -> int:
        tracemalloc.start()
        try:
            (story,) = group_articles(articles[:files]).groups
            assert len(story.articles) + len(story.copies) == files
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(600), peak(1_200)
    assert large / small < 2.5, f"{small / 1e6:.1f} MB for 600 files, {large / 1e6:.1f} MB for 1,200"


def test_a_one_line_article_reaches_the_pdf_renderer_cut_and_referenced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1 MB body on one line with no sentence end is one "sentence": the summary and the overview would
    print all of it, and WeasyPrint lays out a paragraph in more than linear time (6 MB: 247 s). What
    reaches the renderer is cut, says so and keeps its reference to the article's paragraph."""
    import briefing.render as render
    from briefing.config import BriefConfig
    from briefing.pipeline import build_brief

    line = " ".join(f"ferry{n % 97} timetable" for n in range(60_000))  # about 1 MB
    (tmp_path / "one-line.txt").write_text(f"Ferry timetable in one line\n\n{line}\n", encoding="utf-8")
    brief, _ = build_brief([str(tmp_path / "one-line.txt")], BriefConfig(workers=1))
    assert max(len(s.text) for s in brief.stories[0].summary.sentences) > 1_000_000, "the brief keeps it whole"
    handed: list[str] = []

    def capture(html: str, *args: object, **kwargs: object) -> bytes:
        handed.append(html)
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(render, "render_in_parts", capture)
    assert render.render_pdf(brief) == b"%PDF-1.7 stand-in"
    (html,) = handed
    body = html.split("<body", 1)[1]  # the page's words; the CSS before them is the templates' own
    runs = [t for t in re.split(r"<[^>]*>", body) if t.strip()]
    assert max(map(len, runs)) <= 5_000, "no block of text longer than about a page"
    cut = [t for t in runs if "cut for display" in t]
    assert cut, "the summary sentence says it is cut"
    assert all(t.startswith("ferry0 timetable ferry1") and "…" in t for t in cut)
    assert re.search(r"cut for display: 1,0\d\d,\d{3} characters in all\] <a class=\"ref\"[^>]*>¶1</a>", body), (
        "it keeps its reference to the article's paragraph"
    )


@pytest.mark.parametrize("since", ["99999999999w", "0001-01-01", "0001-01-01T00:00+01:00"])
def test_a_since_out_of_range_is_a_one_line_error(since: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(GOOD), "-o", "-", "--format", "md", "--since", since]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"error: the time {since!r} is out of range"
    assert "Traceback" not in err


def test_a_fifo_given_as_an_input_is_skipped_not_waited_for(tmp_path: Path) -> None:
    fifos = [tmp_path / name for name in ("news.xml", "news.txt", "news.json")]
    for fifo in fifos:
        os.mkfifo(fifo)
    out = tmp_path / "brief.md"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", "generate", *map(str, fifos), str(GOOD), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail("generate waited on a FIFO")
    assert done.returncode == 0, done.stderr
    for fifo in fifos:
        assert f"skipped {fifo}: not a regular file" in done.stderr
    assert GOOD_TITLE in out.read_text(encoding="utf-8")


def test_carriage_returns_and_control_characters_never_reach_the_brief_or_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = {
        "title": "Port \x1b[31mstrike\x07 talks\x00 resume\x9b",
        "text": "The strike at the Port of Halvard ended on Monday.\r---\r# Pay talks resume\rTalks resume"
        " on Tuesday\x1b]0;owned\x07, \u201cwe are back,\u201d said Anna Lindqvist.\x1b[2J\r\n\r\nUnions agreed.",
    }
    path = tmp_path / "article.json"
    path.write_text(json.dumps(article), encoding="utf-8")
    out = tmp_path / "brief.md"
    assert main(["generate", str(path), "-o", str(out)]) == 0
    assert main(["quotes", str(path)]) == 0
    assert main(["summarize", str(path)]) == 0
    printed = capsys.readouterr()
    page = out.read_text(encoding="utf-8")
    for text in (page, printed.out, printed.err):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), text
    assert "Port \\[31mstrike talks resume" in page
    assert page.count("\n---\n") == 1, "only the colophon's rule: a lone CR is a line break, and --- stays text"
    assert not re.search("^# Pay talks", page, re.MULTILINE), "a lone CR cannot start a heading"


def test_soft_hyphens_and_zero_width_spaces_are_read_as_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # invisible to a reader, they split words for every pattern: "meint \u00adAberle" named no one
    article = {
        "title": "Sema\u00adglutid im Test",
        "text": "Der Wirkstoff Sema\u00adglutid wirkt.\n\n\u201eIn der Tat hat er neue Ma\u00dfst\u00e4be gesetzt\u201c, meint "
        "\u00adJens Aberle.\u200b Die Kassen zahlen nicht.",
    }
    path = tmp_path / "article.json"
    path.write_text(json.dumps(article), encoding="utf-8")
    assert main(["quotes", str(path), "--jsonl"]) == 0
    printed = capsys.readouterr().out
    assert "\u00ad" not in printed and "\\u00ad" not in printed and "\u200b" not in printed
    (record,) = [json.loads(line) for line in printed.splitlines()]
    assert [q["speaker"] for q in record["quotes"]] == ["Jens Aberle"]


def test_a_deeply_nested_jsonl_line_is_skipped_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = json.dumps({"title": GOOD_TITLE, "text": GOOD.read_text(encoding="utf-8")})
    path = tmp_path / "articles.jsonl"
    path.write_text("[" * 200_000 + "]" * 200_000 + "\n" + good + "\n", encoding="utf-8")
    assert main(["generate", str(path), "-o", str(tmp_path / "brief.md")]) == 0
    err = capsys.readouterr().err
    assert f"skipped {path}:1: not valid JSON (nested too deeply)" in err
    assert GOOD_TITLE in (tmp_path / "brief.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["8bit", "base64"])
def test_an_email_in_an_unknown_charset_is_read(
    encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Caf\u00e9 owners at the Port of Halvard said on Monday that the strike had cost them trade.\n"
    payload = body if encoding == "8bit" else __import__("base64").b64encode(body.encode()).decode() + "\n"
    path = tmp_path / "letter.eml"
    path.write_text(
        "From: Desk <desk@example.org>\nSubject: Strike costs cafés\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=x-unknown-zz\nContent-Transfer-Encoding: {encoding}\n\n{payload}",
        encoding="utf-8",
    )
    out = tmp_path / "brief.md"
    assert main(["generate", str(path), "-o", str(out)]) == 0
    assert "Caf\u00e9 owners" in out.read_text(encoding="utf-8")
    assert f"warning: {path}: unknown charset 'x-unknown-zz'; read as UTF-8" in capsys.readouterr().err


def test_an_article_of_control_characters_only_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.json"
    path.write_text(json.dumps({"title": "\x1b[2J", "text": "\x01\x02\x1b\r\n\x07"}), encoding="utf-8")
    assert main(["generate", str(path), str(GOOD), "-o", str(tmp_path / "brief.md")]) == 0
    assert f"skipped {path}: no article text" in capsys.readouterr().err
