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
        found = re.search(re.escape(story.headline[:30]) + r".*?\.{3,}\s*(\d+)", _flat(first))
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
