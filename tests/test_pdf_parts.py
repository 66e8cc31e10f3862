"""A long brief's PDF laid out in parts and joined is the PDF the one document gives: the same pages, text,
running heads, page counters, links, destinations and outline, pixel for pixel.

The brief is made of the benchmark's generated news (bench/corpus.py); parts of about two pages make it cut
many times — between stories, inside stories (between summary sentences and quotes), between analysts and
between sources.
"""

from __future__ import annotations

import gc
import io
import os
import shutil
import subprocess
import sys
import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from bench.corpus import Corpus
from briefing import BriefConfig, build_brief
from briefing.models import Brief
from briefing.render import parts, render_html, render_pdf
from briefing.render.environment import template_dirs
from briefing.render.fetcher import ASSET_BASE, AssetFetcher, weasyprint_fetcher
from briefing.render.pagestyle import PAGE_ATTRIBUTE, read_page_style
from briefing.render.weasy import html_document
from tests.conftest import FIXED_NOW

#: articles in the brief: about 20 pages
ARTICLES = 70


def _options() -> dict[str, Any]:
    return {"base_url": ASSET_BASE, "url_fetcher": weasyprint_fetcher(AssetFetcher(template_dirs(())))}


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Brief:
    folder = tmp_path_factory.mktemp("articles")
    for article in Corpus(11).stories(ARTICLES):
        published = article.published.isoformat() if article.published else ""
        (folder / f"{article.id}.md").write_text(
            f"---\ntitle: {article.title}\nsource: {article.source}\nurl: {article.url}\npublished: {published}\n"
            f"---\n\n{article.text}\n",
            encoding="utf-8",
        )
    clock: Callable[[], datetime] = lambda: FIXED_NOW  # noqa: E731
    built, _ = build_brief([str(folder)], BriefConfig(title="Parts test brief", workers=1), clock=clock)
    return built


#: a house style that leans on what parts must reproduce: decorations at the top of elements a page break may
#: continue, margins a break truncates, and selectors that count siblings
HOUSE = """
.story { border-top: 1.5pt solid #8a1c1c; padding-top: 3mm; margin-top: 5mm; }
.summary { border-top: 1pt dotted #999; padding-top: 2mm; }
.summary p { margin-top: 2mm; }
.story + .story .headline { color: #1f5f8b; }
.quotes figure:nth-of-type(2) { background: #f1efe9; }
.sources ol.entries > li:nth-child(3n) { color: #555; }
.analyst:last-child { border-bottom: 2pt solid #ccc; }
"""


@pytest.fixture(scope="module", params=["default", "house"])
def html(brief: Brief, request: pytest.FixtureRequest) -> str:
    page = render_html(brief, for_print=True)
    return page if request.param == "default" else page.replace("</style>", f"{HOUSE}</style>", 1)


@pytest.fixture(scope="module")
def one(html: str) -> bytes:
    data: bytes = html_document(html, **_options()).write_pdf()
    return data


@pytest.fixture(scope="module")
def cut(html: str) -> tuple[bytes, list[tuple[str, int, str]]]:
    """The brief laid out in parts of about two pages, and where each part of a section began."""
    began: list[tuple[str, int, str]] = []
    original = parts._Layout._section_part

    def spy(self: Any, section: Any, start: int, stop: int) -> Any:
        result = original(self, section, start, stop)
        if result[0] is not None:
            began.append((section.root.get("class", ""), start, section.units[start].tag))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts._Layout, "_section_part", spy)
        data = parts.render_in_parts(html, _options(), part_pages=2, parts_from=0)
    assert data is not None, "the brief should have been laid out in parts"
    return data, began


def _texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_brief_is_cut_between_and_inside_stories_and_in_each_appendix(
    html: str, cut: tuple[bytes, list[tuple[str, int, str]]]
) -> None:
    _, began = cut
    sections = {name for name, _, _ in began}
    assert {"stories", "analysts", "sources"} <= sections
    assert len(began) >= 6
    if HOUSE not in html:  # where the cuts fall depends on the pages; in this brief's default style:
        inside_stories = [tag for name, start, tag in began if name == "stories" and start > 0 and tag != "h2"]
        assert inside_stories, f"no part began inside a story: {began}"


def test_the_same_pages_with_the_same_text(one: bytes, cut: tuple[bytes, list[tuple[str, int, str]]]) -> None:
    whole, joined = _texts(one), _texts(cut[0])
    assert len(whole) >= 8
    assert len(joined) == len(whole)
    for number, (a, b) in enumerate(zip(whole, joined, strict=True), start=1):
        assert a == b, f"page {number} differs"
    # the running heads and the counters are in that text: a story's title at the top, "page N of M" below
    assert f"page {len(whole)} of {len(whole)}" in joined[-1]
    assert "Parts test brief" in joined[3]


def _links(pdf: bytes) -> list[list[tuple[Any, ...]]]:
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        row = []
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            rect = tuple(round(float(v), 2) for v in link["/Rect"])
            action = link.get("/A")
            row.append((rect, str(link.get("/Dest")), str(action["/URI"]) if action else None))
        out.append(sorted(row, key=str))
    return out


def test_the_same_links_to_the_same_places(one: bytes, cut: tuple[bytes, list[tuple[str, int, str]]]) -> None:
    assert _links(cut[0]) == _links(one)
    whole, joined = PdfReader(io.BytesIO(one)), PdfReader(io.BytesIO(cut[0]))

    def places(reader: PdfReader) -> dict[str, tuple[int, float, float]]:
        return {
            name: (reader.get_destination_page_number(d), round(float(d.left or 0), 2), round(float(d.top or 0), 2))
            for name, d in reader.named_destinations.items()
        }

    assert places(joined) == places(whole)
    assert len(places(whole)) > 20


def _outline(reader: PdfReader, items: Any = None, depth: int = 0) -> list[tuple[int, str, int, float]]:
    out: list[tuple[int, str, int, float]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out.extend(_outline(reader, item, depth + 1))
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item), round(float(item.top or 0), 2)))
    return out


def test_the_same_outline(one: bytes, cut: tuple[bytes, list[tuple[str, int, str]]]) -> None:
    whole = _outline(PdfReader(io.BytesIO(one)))
    assert len(whole) > 10 and any(depth > 0 for depth, *_ in whole)
    assert _outline(PdfReader(io.BytesIO(cut[0]))) == whole


def test_the_same_metadata(one: bytes, cut: tuple[bytes, list[tuple[str, int, str]]]) -> None:
    whole, joined = PdfReader(io.BytesIO(one)), PdfReader(io.BytesIO(cut[0]))
    assert joined.metadata is not None and whole.metadata is not None
    for key in ("/Title", "/Creator", "/Producer", "/CreationDate"):
        assert joined.metadata.get(key) == whole.metadata.get(key), key
    assert joined.trailer["/Root"].get("/Lang") == whole.trailer["/Root"].get("/Lang") == "en"


def test_the_same_pixels(one: bytes, cut: tuple[bytes, list[tuple[str, int, str]]], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        message = "pdftoppm is not installed (Debian: apt-get install poppler-utils)"
        if os.environ.get("BRIEFING_REQUIRE_PDFTOPPM"):
            pytest.fail(message)  # CI installs it: there, a missing pdftoppm is a failure
        pytest.skip(message)
    from PIL import Image, ImageChops

    pictures = {}
    for name, data in (("one", one), ("cut", cut[0])):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True
        )
        pictures[name] = sorted(tmp_path.glob(f"{name}-*.png"))
    assert len(pictures["one"]) == len(pictures["cut"]) >= 8
    for a, b in zip(pictures["one"], pictures["cut"], strict=True):
        with Image.open(a) as left, Image.open(b) as right:
            assert ImageChops.difference(left.convert("RGB"), right.convert("RGB")).getbbox() is None, b.name


def test_render_pdf_lays_a_long_brief_out_in_parts(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    one = render_pdf(brief)  # shorter than PARTS_FROM: one document
    calls = []
    original = parts.join_parts

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(parts, "join_parts", counting)
    monkeypatch.setattr(parts, "PARTS_FROM", 0)
    monkeypatch.setattr(parts, "PART_PAGES", 3)
    pdf = render_pdf(brief)
    assert calls == [1]
    assert _texts(pdf) == _texts(one)


def test_a_front_matter_laid_out_again_frees_the_layout_before(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process the front matter is laid out first as if it took one page; a long brief's contents take
    more, so it is laid out again — and the first layout's boxes, which hold each other in reference cycles, must
    be gone by then, not left to a collector that wakes seldom while a PDF is rendered (they held 17 MB more at the
    peak of a 191-page brief). This brief's front matter takes one page: it is assumed to take three, so that it
    is laid out again here too."""
    first_boxes: list[weakref.ref[Any]] = []  # each front layout's first page box
    alive_at_each: list[int] = []
    trees: set[int] = set()
    front, front_tree, document = parts._Layout._front, parts._Layout._front_tree, parts._Layout._document

    def wrong_guess(self: Any, laid_out: Any, front_pages: int) -> Any:
        return front(self, laid_out, front_pages + 2)

    def noting_tree(self: Any) -> Any:
        tree = front_tree(self)
        trees.add(id(tree))
        return tree

    def noting_document(self: Any, tree: Any) -> Any:
        if id(tree) in trees:
            alive_at_each.append(sum(ref() is not None for ref in first_boxes))
            laid_out = document(self, tree)
            first_boxes.append(weakref.ref(laid_out.pages[0]._page_box))
            return laid_out
        return document(self, tree)

    monkeypatch.setattr(parts._Layout, "_front", wrong_guess)
    monkeypatch.setattr(parts._Layout, "_front_tree", noting_tree)
    monkeypatch.setattr(parts._Layout, "_document", noting_document)
    enabled = gc.isenabled()
    gc.disable()  # only what the code itself frees is freed
    try:
        assert parts.render_in_parts(html, _options(), part_pages=4, parts_from=0) is not None
    finally:
        if enabled:
            gc.enable()
    assert len(alive_at_each) >= 2, "the front matter should have been laid out again"
    assert alive_at_each == [0] * len(alive_at_each)


class _InProcess:
    """Stands in for a forked process: runs the job here, when its result is asked for."""

    def __init__(self, job: Callable[[], Any], **options: Any) -> None:
        self.job = job

    def result(self) -> Any:
        return self.job()

    def stop(self) -> None:
        pass


@pytest.mark.parametrize("processes", [1, 2])
def test_only_a_layout_over_two_processes_collects_after_every_part(
    html: str, processes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes, with time to spare and memory near the target, free each part's boxes before the next part;
    one process, nearer its time target, leaves that to the collector."""
    collections: list[int] = []
    written: list[int] = []
    collect, write = gc.collect, parts._Layout._write
    monkeypatch.setattr(gc, "collect", lambda *args: (collections.append(1), collect(*args))[1])
    monkeypatch.setattr(parts._Layout, "_write", lambda *args: (written.append(1), write(*args))[1])
    monkeypatch.setattr(parts, "Forked", _InProcess)
    monkeypatch.setattr(parts, "can_fork", lambda wanted: wanted > 1)
    assert parts.render_in_parts(html, _options(), processes=processes, part_pages=2, parts_from=0) is not None
    sections_parts = len(written) - 1  # and the front matter's
    assert sections_parts >= 6
    if processes == 1:
        assert len(collections) <= 1  # (after a front matter laid out again, if it was)
    else:
        assert len(collections) >= sections_parts


def test_a_short_brief_and_a_tagged_one_are_one_document(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("laid out in parts")

    monkeypatch.setattr(parts, "join_parts", refuse)
    render_pdf(brief)  # shorter than PARTS_FROM
    monkeypatch.setattr(parts, "PARTS_FROM", 0)
    pdf = render_pdf(brief, tagged=True)  # a structure tree cannot be joined
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(pdf)).trailer["/Root"]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda h: h.replace(" data-part ", " ").replace(" data-part>", ">"), "no element marks a part"),
        (lambda h: h.replace("</style>", "@page :left { margin-left: 30mm }</style>", 1), "left and right pages"),
        (lambda h: h.replace("</style>", ".story { page: wide }</style>", 1), "named pages"),
        (lambda h: h.replace("</style>", "@page { @bottom-left { content: 'x' } }</style>", 1), "mixed edge"),
        (lambda h: h.replace("</style>", ".meta::after { content: counter(page) }</style>", 1), "page in text"),
        (lambda h: h.replace("<body", '<body><link rel="stylesheet" href="x.css"><div', 1), "outside sheet"),
    ],
)
def test_what_parts_cannot_reproduce_is_laid_out_as_one_document(
    html: str, change: Callable[[str], str], why: str
) -> None:
    assert parts.render_in_parts(change(html), _options(), part_pages=2, parts_from=0) is None, why


def test_the_stylesheet_is_read_for_what_parts_need() -> None:
    from briefing.render.environment import make_environment

    # brief.css is a template too (its page counter's words are translated): read it as the brief's page has it
    css = make_environment().get_template("brief.css").render()
    assert "counter(pages)" in css
    style = read_page_style(css)
    assert style is not None
    assert style.counter_boxes == {"bottom-center"}
    assert style.other_boxes == {"top-left", "top-right"}
    assert {name for rule in style.strings for name, _ in rule.values} == {"brief-title", "story-title"}
    assert style.target_attributes == {"href"}
    assert "target-counter" not in style.css and f"attr({PAGE_ATTRIBUTE})" in style.css
    assert "@bottom-center { content: none !important; }" in style.part_css()
    assert "@top-left { content: none !important; }" in style.overlay_css()
    assert read_page_style("/* footnotes: none here */ p { color: red }") is not None
    assert read_page_style("p { float: footnote }") is None


def test_string_set_values_are_read_piece_by_piece() -> None:
    style = read_page_style('h1 { string-set: chapter "Part " content(text), note content() } p { color: red }')
    assert style is not None
    assert [rule.values for rule in style.strings] == [(("chapter", ("Part ", None)), ("note", (None,)))]
    assert read_page_style("h1 { string-set: chapter attr(title) }") is None
    assert read_page_style("h1::before { string-set: chapter content(text) }") is None


@pytest.mark.parametrize(
    "title",
    [
        'A "quoted" title',
        "back\\slash\\",
        'CR\r"; color: red; x: "',
        "form\ffeed; page: x",
        "tab\tNUL\x00DEL\x7f",
        "é — “ü”",
    ],
)
def test_a_carried_running_head_cannot_add_declarations(title: str) -> None:
    """A running head carried into a part is an article's title, written into a style attribute as a CSS string."""
    import tinycss2

    declarations = tinycss2.parse_blocks_contents(
        f"string-set: story-title {parts.css_string(title)}; height: 1px", skip_whitespace=True
    )
    assert [d.lower_name for d in declarations if d.type == "declaration"] == ["string-set", "height"]
    value = [t for t in declarations[0].value if t.type != "whitespace"]
    assert [t.type for t in value] == ["ident", "string"]
    assert value[1].value == title.replace("\x00", "\ufffd")


#: lays the brief out over two processes, in a process of its own: one that runs no thread (a test before this one
#: may have left a server's thread running here, and a process with threads does not fork)
TWO_PROCESSES = """
import sys
from pathlib import Path
from briefing.render import forked, parts
from briefing.render.environment import template_dirs
from briefing.render.fetcher import ASSET_BASE, AssetFetcher, weasyprint_fetcher

if sys.argv[3] in ("fail", "fail-here"):
    original = parts._Layout._section_part
    broken = "sources" if sys.argv[3] == "fail" else "stories"

    def failing(self, section, start, stop):
        if section.root.get("class") == broken:
            raise ValueError(f"broken in the {'second' if broken == 'sources' else 'first'} process")
        return original(self, section, start, stop)

    parts._Layout._section_part = failing
forks = []
started = forked.Forked.__init__
forked.Forked.__init__ = lambda self, job, **kw: (forks.append(1), started(self, job, **kw))[1]
options = {"base_url": ASSET_BASE, "url_fetcher": weasyprint_fetcher(AssetFetcher(template_dirs(())))}
html = Path(sys.argv[1]).read_text(encoding="utf-8")
try:
    data = parts.render_in_parts(html, options, processes=2, part_pages=2, parts_from=0)
except (RuntimeError, ValueError) as exc:
    import multiprocessing

    print(exc, "; still running:", len(multiprocessing.active_children()))
    sys.exit(3)
assert forks == [1], forks
Path(sys.argv[2]).write_bytes(data)
"""


def _two_processes(html: str, tmp_path: Path, mode: str = "") -> subprocess.CompletedProcess[str]:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core here: the parts are laid out in one process")
    page, out = tmp_path / "brief.html", tmp_path / "brief.pdf"
    page.write_text(html, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", TWO_PROCESSES, str(page), str(out), mode or "-"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_two_processes_make_the_same_pdf(brief: Brief, tmp_path: Path) -> None:
    """The later sections laid out by a process forked from the run's: the one document's pages, text and links."""
    page = render_html(brief, for_print=True)
    done = _two_processes(page, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    data = (tmp_path / "brief.pdf").read_bytes()
    whole: bytes = html_document(page, **_options()).write_pdf()
    assert _texts(data) == _texts(whole)
    assert _links(data) == _links(whole)
    assert _outline(PdfReader(io.BytesIO(data))) == _outline(PdfReader(io.BytesIO(whole)))


def test_an_error_in_the_second_process_is_raised_in_the_first(brief: Brief, tmp_path: Path) -> None:
    done = _two_processes(render_html(brief, for_print=True), tmp_path, "fail")
    assert done.returncode == 3, done.stderr[-2000:]
    assert "ValueError: broken in the second process ; still running: 0" in done.stdout


def test_an_error_in_the_first_process_stops_the_second(brief: Brief, tmp_path: Path) -> None:
    done = _two_processes(render_html(brief, for_print=True), tmp_path, "fail-here")
    assert done.returncode == 3, done.stderr[-2000:]
    assert "ValueError" not in done.stdout and "broken in the first process ; still running: 0" in done.stdout


def test_the_pages_of_each_part_are_told_to_the_progress(html: str) -> None:
    from briefing.progress import Progress

    class Pages(Progress):
        def __init__(self) -> None:
            self.told: list[int] = []

        def advance(self, steps: int = 1) -> None:
            self.told.append(steps)

    pages = Pages()
    data = parts.render_in_parts(html, _options(), part_pages=4, parts_from=0, progress=pages)
    assert data is not None
    assert len(pages.told) > 2 and sum(pages.told) == len(PdfReader(io.BytesIO(data)).pages)
