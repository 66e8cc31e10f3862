"""Customising the brief: templates init/list/check, the theme, assets, and the live preview (with real Chromium)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from briefing.cli import main
from briefing.config import BriefConfig
from briefing.preview import PreviewServer
from briefing.render import render_html, render_pdf
from briefing.render.manage import check_templates, init_templates, list_templates
from briefing.sample import sample_brief
from tests.conftest import EXAMPLES

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><rect width="200" height="50" fill="#0b5fa5"/>'
    '<text x="20" y="33" font-family="DejaVu Sans" font-size="20" fill="#fff">POLICY UNIT</text></svg>'
)


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def brief():  # type: ignore[no-untyped-def]
    return sample_brief()


def test_init_writes_only_what_a_house_style_edits(tmp_path: Path, brief) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "house"
    assert main(["templates", "init", str(folder), "-q"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "logo.example.svg", "theme.css"]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "theme.css" in readme and "logo.svg" in readme
    assert "briefing templates init --all" in readme and '{% extends "default:brief.html" %}' in readme
    assert check_templates(brief, [folder]) == []
    assert '<img class="logo"' not in render_html(brief, (folder,))  # the stand-in logo waits for its name
    (folder / "logo.example.svg").rename(folder / "logo.svg")
    assert '<img class="logo" src="data:image/svg+xml;base64,' in render_html(brief, (folder,))
    with pytest.raises(Exception, match="not empty"):
        init_templates(folder)


def test_init_all_copies_the_built_ins_with_a_readme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "house"
    assert main(["templates", "init", "--all", str(folder), "-q"]) == 0
    names = {p.name for p in folder.iterdir()}
    assert {"brief.html", "brief.css", "theme.css", "_story.html", "brief.md", "brief.txt", "README.md"} <= names
    assert "logo.example.svg" in names
    assert "Delete the files you do not change" in (folder / "README.md").read_text(encoding="utf-8")
    assert main(["templates", "check", str(folder)]) == 0
    assert "no problems" in capsys.readouterr().err


def test_list_says_which_file_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "_story.html").write_text("<p>{{ story.headline }}</p>", encoding="utf-8")
    entries = {e.name: e for e in list_templates([tmp_path])}
    assert entries["_story.html"].used == tmp_path and entries["_story.html"].overridden
    assert not entries["brief.html"].overridden
    assert main(["templates", "list", "--templates", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"_story.html       {tmp_path}  (overrides built-in)" in out
    assert "brief.html        built-in" in out


def test_check_reports_each_error_as_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "brief.html").write_text(
        '{% extends "default:brief.html" %}\n{% block footer %}ok{% endblock %}\n{% block covr %}x{% endblock %}\n',
        encoding="utf-8",
    )
    (tmp_path / "_quote.html").write_text("<p>\n{{ quote.speakr.name }}</p>\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("{{ brief.title }}\n{{ brief.title | shout }}\n", encoding="utf-8")
    (tmp_path / "_toc.html").write_text("{% for x in brief.stories %}\n", encoding="utf-8")
    assert main(["templates", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'brief.html'}:3: block 'covr' is not in default:brief.html" in out
    assert f"{tmp_path / '_quote.html'}:2: " in out and "speakr" in out
    assert f"{tmp_path / 'brief.txt'}:2: No filter named 'shout'" in out
    assert f"{tmp_path / '_toc.html'}:" in out and "endfor" in out


def test_the_builtins_pass_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "check"]) == 0
    assert "no problems" in capsys.readouterr().err


def test_theme_variables_set_page_size_colours_cover_and_logo(tmp_path: Path, brief) -> None:  # type: ignore[no-untyped-def]
    init_templates(tmp_path / "house")
    theme = tmp_path / "house" / "theme.css"
    text = theme.read_text(encoding="utf-8")
    text = text.replace("--accent: #8a1c1c;", "--accent: #0b5fa5;").replace("--page-size: A4;", "--page-size: letter;")
    theme.write_text(text, encoding="utf-8")
    (tmp_path / "house" / "logo.svg").write_text(LOGO, encoding="utf-8")
    folders = (tmp_path / "house",)
    pdf = PdfReader(io.BytesIO(render_pdf(brief, folders)))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US letter
    assert "POLICY UNIT" in pdf.pages[0].extract_text()  # the logo, drawn from the user's folder
    page = render_html(brief, folders)
    assert '<img class="logo" src="data:image/svg+xml;base64,' in page  # HTML travels without its folder
    assert "#0b5fa5" in page

    theme.write_text(text.replace("--cover-display: block;", "--cover-display: none;"), encoding="utf-8")
    first = PdfReader(io.BytesIO(render_pdf(brief, folders))).pages[0].extract_text()
    assert "Sample brief" not in first.splitlines()[:3]


def test_assets_outside_the_template_folders_are_not_found(tmp_path: Path, brief) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    house = tmp_path / "house"
    house.mkdir()
    (house / "_cover.html").write_text(
        f'<p class="a">[{{{{ asset("../secret.png") }}}}]</p><p class="b">[{{{{ asset("{secret}") }}}}]</p>',
        encoding="utf-8",
    )
    page = render_html(brief, (house,))
    assert '<p class="a">[]</p>' in page and '<p class="b">[]</p>' in page
    (house / "_cover.html").write_text('<p class="b">[{{ asset("/etc/hostname") }}]</p>', encoding="utf-8")
    assert '<p class="b">[]</p>' in render_html(brief, (house,))


# the preview ------------------------------------------------------------------------------------


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    house = tmp_path / "house"
    house.mkdir()
    shutil.copytree(EXAMPLES, tmp_path / "articles")
    server = PreviewServer([str(tmp_path / "articles")], BriefConfig(templates=(house,)), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, house
    finally:
        server.shutdown()
        thread.join(10)


def test_the_preview_serves_the_brief_the_pdf_and_the_email(preview: tuple[PreviewServer, Path]) -> None:
    server, house = preview
    assert server.url.startswith("http://127.0.0.1:")
    page = httpx.get(server.url, timeout=30)
    assert page.status_code == 200 and "Bank of Estmark" in page.text
    assert 'id="briefing-preview"' in page.text and "/__version" in page.text
    pdf = httpx.get(server.url + "brief.pdf", timeout=60)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    email = httpx.get(server.url + "email", timeout=30)
    assert email.status_code == 200 and 'style="' in email.text and 'class="toc"' not in email.text
    assert httpx.get(server.url + "../etc/passwd", timeout=10).status_code == 404

    before = httpx.get(server.url + "__version", timeout=10).text
    (house / "_cover.html").write_text("<p>{{ brief.title }} {{ oops }}</p>", encoding="utf-8")
    wait_for(lambda: httpx.get(server.url + "__version", timeout=10).text != before, what="a new version")
    broken = httpx.get(server.url, timeout=30)
    assert broken.status_code == 500
    assert f"{house / '_cover.html'}:1: 'oops' is undefined" in broken.text
    assert "/__version" in broken.text  # the error page keeps watching
    (house / "_cover.html").write_text("<p>House cover for {{ brief.title }}</p>", encoding="utf-8")
    fixed = httpx.get(server.url, timeout=30)
    assert fixed.status_code == 200 and "House cover for News brief" in fixed.text


def test_the_preview_refuses_hosts_other_than_its_own(preview: tuple[PreviewServer, Path]) -> None:
    server, _ = preview
    port = server.url.rsplit(":", 1)[1].rstrip("/")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", "[::1]:" + port):
        assert httpx.get(server.url + "__version", headers={"Host": host}, timeout=10).status_code == 200, host
    # DNS rebinding: a page at evil.example whose name now resolves to 127.0.0.1 sends its own name
    for host in (f"evil.example:{port}", "evil.example", "192.0.2.1", f"127.0.0.1:{int(port) + 1}"):
        refused = httpx.get(server.url, headers={"Host": host}, timeout=10)
        assert refused.status_code == 400, host
        assert "Bank of Estmark" not in refused.text


def test_the_preview_rebuilds_when_an_article_changes(preview: tuple[PreviewServer, Path], tmp_path: Path) -> None:
    server, _ = preview
    assert "Harbour pilots" not in httpx.get(server.url, timeout=30).text
    (tmp_path / "articles" / "pilots.txt").write_text(
        "Harbour pilots join the strike\nHarbour pilots at the Port of Halvard joined the strike on Wednesday, "
        "their association said.\n",
        encoding="utf-8",
    )
    assert "Harbour pilots" in httpx.get(server.url, timeout=30).text


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_a_real_browser_sees_the_brief_and_reloads_after_an_edit(preview: tuple[PreviewServer, Path]) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium installed (apt-get install chromium); .ci/run installs it")
    websocket = pytest.importorskip("websocket")
    server, house = preview
    profile = tempfile.mkdtemp(prefix="briefing-chromium-")
    process = subprocess.Popen(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
            server.url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        active = Path(profile) / "DevToolsActivePort"
        wait_for(lambda: active.is_file() and len(active.read_text().split()) >= 1, what="Chromium's debugging port")
        port = int(active.read_text().split()[0])

        def page_target() -> dict[str, str] | None:
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
            return next(
                (t for t in targets if t.get("type") == "page" and t.get("url", "").startswith(server.url)), None
            )

        wait_for(lambda: page_target() is not None, what="the preview tab")
        target = page_target()
        assert target is not None
        connection = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30)
        counter = iter(range(1, 10_000))

        def text() -> str:
            message_id = next(counter)
            connection.send(
                json.dumps(
                    {
                        "id": message_id,
                        "method": "Runtime.evaluate",
                        "params": {"expression": "document.body ? document.body.innerText : ''", "returnByValue": True},
                    }
                )
            )
            while True:
                reply = json.loads(connection.recv())
                if reply.get("id") == message_id:
                    return str(reply.get("result", {}).get("result", {}).get("value", ""))

        try:
            wait_for(lambda: "Bank of Estmark" in text(), what="the brief in the browser")
            (house / "_cover.html").write_text(
                '<header class="cover"><h1 class="title">Edited in the test: {{ brief.title }}</h1></header>',
                encoding="utf-8",
            )
            wait_for(lambda: "Edited in the test: News brief" in text(), what="the page to reload with the edit")
        finally:
            connection.close()
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def test_preview_command_refuses_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["preview", str(EXAMPLES), "--port", str(port)]) == 2
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err


def _doc_example(marker: str) -> str:
    text = (Path(__file__).resolve().parent.parent / "docs" / "templates.md").read_text(encoding="utf-8")
    after = text[text.index(marker) :]
    start = after.index("```jinja\n") + len("```jinja\n")
    return after[start : after.index("```", start)]


@pytest.mark.parametrize("marker", ["**Reorder sections**", "**Change the footer**", '**A one-page "executive"'])
def test_the_documented_examples_work(tmp_path: Path, brief, marker: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "brief.html").write_text(_doc_example(marker), encoding="utf-8")
    assert check_templates(brief, [tmp_path]) == []
    page = render_html(brief, (tmp_path,))
    if "Reorder" in marker:
        assert page.index('id="analysts"') < page.index('class="stories"')
        assert page.count('id="analysts"') == 1
    if "executive" in marker:
        pdf = PdfReader(io.BytesIO(render_pdf(brief, (tmp_path,))))
        assert len(pdf.pages) == 1
        assert all(story.headline in pdf.pages[0].extract_text() for story in brief.stories)
