"""The PDF a person prints: its text (extracted with pypdf) holds every headline and summary sentence."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime

import pytest
from pypdf import PdfReader

from briefing import BriefConfig, build_brief
from briefing.models import Brief
from briefing.render import render_pdf
from tests.conftest import EXAMPLES


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def rendered() -> tuple[Brief, list[str]]:
    from tests.conftest import FIXED_NOW

    clock: Callable[[], datetime] = lambda: FIXED_NOW  # noqa: E731
    brief, _ = build_brief([str(EXAMPLES)], BriefConfig(title="Print test brief"), clock=clock)
    pdf = render_pdf(brief)
    assert pdf.startswith(b"%PDF-")
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return brief, pages


def test_every_headline_and_summary_sentence_is_in_the_pdf(rendered: tuple[Brief, list[str]]) -> None:
    brief, pages = rendered
    text = _flat(" ".join(pages))
    for story in brief.stories:
        assert _flat(story.headline) in text, story.headline
        for sentence in story.summary.sentences:
            assert _flat(sentence.text) in text, sentence.text


def test_pages_cover_header_footer_and_appendices(rendered: tuple[Brief, list[str]]) -> None:
    _, pages = rendered
    assert 4 <= len(pages) <= 20
    cover = pages[0].lower()  # headings are upper-cased by the CSS
    assert "print test brief" in cover and "at a glance" in cover and "contents" in cover
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page
    assert all("Print test brief" in page for page in pages[1:])  # running header
    assert any("Analyst views" in page for page in pages)
    assert "Sources" in pages[-1]


def test_table_of_contents_has_page_numbers(rendered: tuple[Brief, list[str]]) -> None:
    brief, pages = rendered
    first = pages[0]
    for story in brief.stories:
        found = re.search(re.escape(story.headline[:30]) + r".*?(?:\.\s*){3,}(\d+)", _flat(first))
        assert found, story.headline
        page = int(found.group(1))
        assert _flat(story.headline)[:30] in _flat(pages[page - 1])


def test_user_assets_are_served_and_nothing_else(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    from tests.conftest import FIXED_NOW

    style = tmp_path / "style"
    style.mkdir()
    from PIL import Image  # WeasyPrint's own dependency

    Image.new("RGB", (8, 8), (11, 83, 148)).save(style / "logo.png")
    (style / "_cover.html").write_text(
        '<h1 class="title">{{ brief.title }}</h1><img src="logo.png" alt="">'
        '<img src="file:///etc/hostname" alt=""><img src="http://127.0.0.1:9/x.png" alt="">',
        encoding="utf-8",
    )
    brief, _ = build_brief(
        [str(EXAMPLES / "rates")], BriefConfig(title="Styled", templates=(style,)), clock=lambda: FIXED_NOW
    )
    with caplog.at_level(logging.WARNING, logger="briefing.render"):
        pdf = render_pdf(brief, [style])
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused")]
    assert any("file:///etc/hostname" in m for m in refused)
    assert any("127.0.0.1" in m for m in refused)
    assert not any("logo.png" in m for m in refused)
    assert re.search(rb"/Subtype\s*/Image", pdf)  # the logo is embedded


def _full_user_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make render_pdf start from WeasyPrint's stylesheet unchanged."""
    import briefing.render.weasy as weasy

    monkeypatch.setattr(weasy, "lean_user_agent", lambda html: (False, False))


def test_leaner_user_agent_stylesheet_draws_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaving out the pseudo-element rules a brief never uses changes no byte of its PDF."""
    from briefing.render import render_html
    from briefing.render.weasy import lean_user_agent
    from tests.conftest import FIXED_NOW

    brief, _ = build_brief([str(EXAMPLES)], BriefConfig(title="Same bytes"), clock=lambda: FIXED_NOW)
    assert lean_user_agent(render_html(brief, for_print=True)) == (True, True)
    lean = render_pdf(brief)
    _full_user_agent(monkeypatch)
    full = render_pdf(brief)
    assert len(PdfReader(io.BytesIO(lean)).pages) >= 4
    assert lean == full


def test_tree_parsed_by_libxml2_draws_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's tree from libxml2 is the one WeasyPrint lays out, and it changes no byte of the PDF."""
    from lxml import etree

    import briefing.render.weasy as weasy
    from briefing.render import render_html
    from tests.conftest import FIXED_NOW

    brief, _ = build_brief([str(EXAMPLES)], BriefConfig(title="Same tree"), clock=lambda: FIXED_NOW)
    html = render_html(brief, for_print=True)
    given: list[object] = []
    real = weasy.html_tree

    def recording(html: str) -> object:
        given.append(real(html))
        return given[-1]

    monkeypatch.setattr(weasy, "html_tree", recording)
    adopted = weasy.html_document(html)
    if etree.LIBXML_VERSION < (2, 14):
        pytest.skip("lxml built with libxml2 before 2.14: WeasyPrint parses every page itself")
    assert given[0] is not None and adopted.etree_element is given[0]
    fast = render_pdf(brief)
    monkeypatch.setattr(weasy, "html_tree", lambda html: None)
    assert weasy.html_document(html).etree_element is not given[0]
    assert fast == render_pdf(brief)


def _styles_computed(document: object, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str | None]]:
    """(element tag, pseudo-element) of every style WeasyPrint computes while laying ``document`` out."""
    from weasyprint.css import StyleFor

    seen: list[tuple[str | None, str | None]] = []
    original = StyleFor.set_computed_styles

    def spy(self, element, parent, root=None, pseudo_type=None, base_url=None, target_collector=None):  # type: ignore[no-untyped-def]
        seen.append((getattr(element, "tag", None), pseudo_type))
        return original(self, element, parent, root, pseudo_type, base_url, target_collector)

    with monkeypatch.context() as patch:
        patch.setattr(StyleFor, "set_computed_styles", spy)
        document.render()  # type: ignore[attr-defined]
    return seen


def test_the_outline_lists_the_briefs_parts_stories_and_analysts(rendered: tuple[Brief, list[str]]) -> None:
    """A reader jumps from the PDF's outline to a story or an analyst; no "Key quotes" under every story."""
    brief, _ = rendered
    reader = PdfReader(io.BytesIO(render_pdf(brief)))

    def titles(outline: list[object], depth: int = 0) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for item in outline:
            if isinstance(item, list):
                found += titles(item, depth + 1)
            else:
                found.append((depth, item.title))  # type: ignore[attr-defined]
        return found

    outline = titles(reader.outline)
    assert outline[0] == (0, "Print test brief")
    stories = [title for depth, title in outline if depth == 1 and title in {s.headline for s in brief.stories}]
    assert stories == [s.headline for s in brief.stories]
    assert (1, "Analyst views") in outline and (1, "Sources") in outline
    assert {title for depth, title in outline if depth == 2} == {v.speaker.name for v in brief.analyst_views}
    assert all(title != "Key quotes" for _, title in outline)


def _tagging(pdf: bytes) -> tuple[bool, str | None]:
    """Whether a PDF carries a structure tree (and is marked as tagged), and its declared language."""
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    marked = bool((catalog.get("/MarkInfo") or {}).get("/Marked")) and "/StructTreeRoot" in catalog
    lang = catalog.get("/Lang")
    return marked, str(lang) if lang is not None else None


def test_a_tagged_pdf_for_assistive_technology(
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    from briefing.cli import main

    plain, tagged = tmp_path / "plain.pdf", tmp_path / "tagged.pdf"
    assert main(["generate", str(EXAMPLES), "-o", str(plain), "-q"]) == 0
    assert main(["generate", str(EXAMPLES), "-o", str(tagged), "--tagged-pdf", "-q"]) == 0
    assert _tagging(plain.read_bytes())[0] is False
    assert _tagging(tagged.read_bytes()) == (True, "en")
    # the headlines are in the structure tree, in reading order, as headings
    structure = PdfReader(io.BytesIO(tagged.read_bytes())).trailer["/Root"]["/StructTreeRoot"]
    kinds: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                kinds.append(str(node["/S"]))
            walk(node.get("/K"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(structure)
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link"} <= set(kinds)
    # the setting, as a schedule's environment would give it
    monkeypatch.setenv("BRIEFING_TAGGED_PDF", "true")
    from_env = tmp_path / "env.pdf"
    assert main(["generate", str(EXAMPLES / "rates"), "-o", str(from_env), "-q"]) == 0
    assert _tagging(from_env.read_bytes())[0] is True


def _list_markers(html: str) -> int:
    """How many list markers WeasyPrint lays out for ``html``."""
    from briefing.render.weasy import html_document

    def boxes(box: object) -> list[object]:
        return [box, *(b for child in getattr(box, "children", ()) for b in boxes(child))]

    document = html_document(html).render()
    return sum(
        1
        for page in document.pages
        for b in boxes(page._page_box)
        if b.element_tag == "li::marker" and type(b).__name__ == "LineBox"
    )


def test_only_short_lists_are_laid_out_with_list_markers(rendered: tuple[Brief, list[str]]) -> None:
    """A marker is a positioned box with a style of its own: the analyst views and the sources, a long brief's
    longest lists, draw their bullet as text and a hanging indent instead (docs/templates.md)."""
    from briefing.render import render_html

    brief, pages = rendered
    assert brief.analyst_views and len(brief.articles) >= 10
    # the overview's bullets are the only markers left
    assert _list_markers(render_html(brief, for_print=True)) == len(brief.overview.sentences) > 0
    views = [q for view in brief.analyst_views for q in view.quotes]
    assert _flat(" ".join(pages)).count("• ") >= len(views)


def test_a_house_analysts_partial_without_text_bullets_keeps_its_markers(
    rendered: tuple[Brief, list[str]],
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """The text bullets are the built-in partial's: a house _analysts.html written before them (a plain <ul>)
    still gets list markers from brief.css, not items hung into the margin with no bullet."""
    from briefing.render import builtin_templates_dir, render_html

    brief, _ = rendered
    partial = (builtin_templates_dir() / "_analysts.html").read_text(encoding="utf-8")
    old = partial.replace('<ul class="views">', "<ul>").replace(
        'dir="{{ quote.content | direction }}"{{ article | lang }}>• ', 'dir="{{ quote.content | direction }}">'
    )
    assert old != partial and "• " not in old
    (tmp_path / "_analysts.html").write_text(old, encoding="utf-8")
    views = sum(len(view.quotes) for view in brief.analyst_views)
    markers = _list_markers(render_html(brief, [tmp_path], for_print=True))
    assert markers == len(brief.overview.sentences) + views


def test_leaner_stylesheet_drops_pseudo_element_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the leaner stylesheet is for: no footnote or note styles, markers for list items only."""
    from weasyprint import CSS, HTML

    import briefing.render.weasy as weasy

    html = "<ul>" + "<li><a href='#x'>a</a> <span>b</span></li>" * 50 + "</ul><p id=x>end</p>"

    def notes(seen: list[tuple[str | None, str | None]]) -> int:
        # "@footnote" and "@note-area" are the page's areas, computed once a page either way
        return sum(1 for _, kind in seen if kind and "note" in kind and not kind.startswith("@"))

    full = _styles_computed(HTML(string=html), monkeypatch)
    lean = _styles_computed(weasy.html_document(html), monkeypatch)
    assert notes(full) >= 5 * 150 and notes(lean) == 0
    assert {tag for tag, kind in full if kind == "marker"} > {"li"}
    assert {tag for tag, kind in lean if kind == "marker"} == {"li"}
    assert isinstance(weasy._stylesheet(True, True), CSS)


def test_house_style_with_footnotes_keeps_weasyprint_stylesheet(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A house style that sets footnotes gets WeasyPrint's note rules: the call number is printed."""
    from briefing.render.weasy import lean_user_agent
    from tests.conftest import FIXED_NOW

    style = tmp_path / "style"
    style.mkdir()
    (style / "_cover.html").write_text(
        '<h1 class="title">{{ brief.title }}<span style="float: footnote">Compiled by the desk.</span></h1>',
        encoding="utf-8",
    )
    brief, _ = build_brief(
        [str(EXAMPLES / "rates")], BriefConfig(title="Noted", templates=(style,)), clock=lambda: FIXED_NOW
    )
    from briefing.render import render_html

    assert lean_user_agent(render_html(brief, [style], for_print=True))[0] is False
    first = PdfReader(io.BytesIO(render_pdf(brief, [style]))).pages[0].extract_text() or ""
    assert re.search(r"Noted\s*1", first), first  # ::footnote-call's counter after the title
    assert re.search(r"1\.\s*Compiled by the desk", first), first  # ::footnote-marker


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>plain</p>", (True, True)),
        ("<style>.x { display: list-item }</style>", (True, False)),
        ("<style>.n { float: footnote }</style>", (False, True)),
        ("<p>a footnote to history</p>", (False, True)),  # article words only make it less lean
        ('<link rel="stylesheet" href="house.css">', (False, False)),
        ("<style>@import url(house.css);</style>", (False, False)),
    ],
)
def test_what_the_leaner_stylesheet_leaves_out(html: str, expected: tuple[bool, bool]) -> None:
    from briefing.render.weasy import lean_user_agent

    assert lean_user_agent(html) == expected


def test_an_unexpected_user_agent_stylesheet_is_used_as_it_is(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A WeasyPrint whose stylesheet does not hold each rule once gets nothing narrowed, and says why in the log."""
    import logging

    from weasyprint import html as weasy_html

    from briefing.render import weasy

    monkeypatch.setattr(weasy_html, "UA", str(weasy_html.UA) + "\n::marker { color: red }\n")
    weasy._stylesheet.cache_clear()
    try:
        with caplog.at_level(logging.DEBUG, logger="briefing.render.weasy"):
            assert weasy._stylesheet(False, True) is None
            assert weasy._stylesheet(True, False) is not None  # the note rules are still there once each
    finally:
        weasy._stylesheet.cache_clear()
    assert "not one" in caplog.text and "::marker" in caplog.text


def test_a_story_in_a_thread_lists_the_others_in_the_pdf_with_working_links() -> None:
    from tests.conftest import DATA, FIXED_NOW

    brief, _ = build_brief([str(DATA / "threads")], BriefConfig(), clock=lambda: FIXED_NOW)
    reader = PdfReader(io.BytesIO(render_pdf(brief)))
    text = _flat(" ".join(page.extract_text() or "" for page in reader.pages))
    (thread,) = brief.threads
    bid, rejection = (brief.story(s) for s in thread.stories)
    assert text.count("Also in this thread:") == 2
    assert f"Also in this thread: {_flat(bid.headline)} · 20 November 2026" in text
    assert f"Also in this thread: {_flat(rejection.headline)} · 23 November 2026" in text
    # each entry links to the other story's headline, a destination inside the document (the contents, on the
    # first page, link to every story anyway: the stories' pages are what is looked at)
    destinations = {
        str(annotation.get_object().get("/Dest"))
        for page in reader.pages[1:]
        for annotation in page.get("/Annots", []) or []
    }
    assert {f"story-{bid.id}", f"story-{rejection.id}"} <= destinations
