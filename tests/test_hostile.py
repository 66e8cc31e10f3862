"""Hostile input through the commands users run: `briefing generate` and `briefing quotes`.

Each case is one bad file beside a good article. Expected of both commands: exit 0, the bad
file named and skipped or read as plain text, never a traceback, and the good article still
briefed. The large cases are built here rather than committed.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from briefing.cli import main
from tests.conftest import EXAMPLES

GOOD = EXAMPLES / "port-strike" / "halvard-herald-strike-begins.txt"
GOOD_TITLE = "Dockworkers walk out at Port of Halvard"


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
        "---\ntitle: مفاوضات الميناء 港口谈判 🚢\n---\n\n"
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
        assert "港口发言人说" in page and "🚢" in page and "قال الوزير" in page


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
