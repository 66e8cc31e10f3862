from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefing.errors import NoArticlesError
from briefing.ingest import read_articles, read_inputs
from briefing.ingest.readers import parse_date
from tests.conftest import DATA

ARTICLES = DATA / "articles"


def read_one(name: str):  # type: ignore[no-untyped-def]
    result = read_inputs([str(ARTICLES / name)])
    assert not result.skipped, result.skipped
    assert len(result.articles) == 1
    return result.articles[0]


def skipped_reason(name: str) -> str:
    result = read_inputs([str(ARTICLES / name)])
    assert not result.articles
    assert len(result.skipped) == 1
    assert result.skipped[0].name.endswith(name)
    return result.skipped[0].reason


def test_txt_first_line_is_the_title() -> None:
    article = read_one("cp1252-curly-quotes.txt")
    assert article.title == "Minister resigns over budget row"
    assert article.text.startswith("“I have done my duty,” the minister said")
    assert "—" in article.text
    assert article.id == "cp1252-curly-quotes"


def test_latin1_is_decoded_not_dropped() -> None:
    article = read_one("latin1-accents.txt")
    assert article.title == "Café owners protest in Zürich"


@pytest.mark.parametrize("name", ["utf8-bom.txt", "utf16-bom.txt"])
def test_byte_order_marks(name: str) -> None:
    article = read_one(name)
    assert not article.title.startswith("\ufeff")
    assert article.text.endswith(".")


def test_markdown_front_matter_and_markup() -> None:
    article = read_one("front-matter.md")
    assert article.title == "Front matter title"
    assert article.source == "The Example Times"
    assert article.url == "https://example.org/news/front-matter"
    assert article.published == datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert "The first paragraph has a link and emphasis." in article.text
    assert "A list item becomes a paragraph." in article.text
    assert "**" not in article.text and "](" not in article.text


def test_markdown_heading_is_the_title() -> None:
    article = read_one("heading-title.md")
    assert article.title == "Heading becomes the title"
    assert article.text.startswith("Body text under the heading.")


def test_html_main_text_and_metadata() -> None:
    article = read_one("page.html")
    assert article.title == "River levels fall after week of rain"
    assert article.source == "The Page Gazette"
    assert article.published is not None and article.published.date().isoformat() == "2026-11-21"
    assert article.text.startswith("River levels across the region fell on Saturday")
    assert "alert(" not in article.text and "Home | World" not in article.text


def test_eml_subject_sender_and_date() -> None:
    article = read_one("newsletter.eml")
    assert article.title == "Ferry services resume after storm"
    assert article.source == "Harbour News"
    assert article.published == datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def test_json_list_keeps_good_items_and_names_bad_ones() -> None:
    result = read_inputs([str(ARTICLES / "json-list.json")])
    assert [a.id for a in result.articles] == ["l1", "l2"]
    assert len(result.skipped) == 1 and "json-list.json[3]" in result.skipped[0].name


def test_jsonl_skips_bad_lines_and_names_them() -> None:
    result = read_inputs([str(ARTICLES / "jsonl-one-bad-line.jsonl")])
    assert [a.id for a in result.articles] == ["good-1", "good-2"]
    assert [s.name.rsplit(":", 1)[-1] for s in result.skipped] == ["2", "3"]
    assert "not valid JSON" in result.skipped[0].reason


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace-only.md", "empty file"),
        ("title-only.txt", "only a title line"),
        ("binary-nul-bytes.txt", "not text"),
        ("undecodable-control-bytes.txt", "not text"),
        ("bad-json.json", "not valid JSON"),
        ("json-without-text.json", 'no "text"'),
    ],
)
def test_broken_files_are_skipped_with_a_reason(name: str, reason: str) -> None:
    assert reason in skipped_reason(name)


def test_read_articles_warns_about_skips_and_fails_when_nothing_is_left(caplog: pytest.LogCaptureFixture) -> None:
    good, bad = str(ARTICLES / "heading-title.md"), str(ARTICLES / "empty.txt")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        result = read_articles([good, bad])
    assert len(result.articles) == 1
    assert f"skipped {bad}: empty file" in caplog.text
    with pytest.raises(NoArticlesError, match=r"^.*empty\.txt: empty file$"):
        read_articles([bad])
    with pytest.raises(NoArticlesError, match=r"no usable article in .* \(2 inputs skipped: "):
        read_articles([bad, str(ARTICLES / "bad-json.json")])


def test_folder_is_read_recursively_in_order_and_ids_are_unique(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Title A\n\nBody A.", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("Title B\n\nBody B.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    result = read_inputs([str(tmp_path)])
    assert [(a.id, a.title) for a in result.articles] == [("a", "Title A"), ("a-2", "Title B")]
    assert [s.reason for s in result.skipped] == ["unsupported file type '.docx'"]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    result = read_inputs([str(tmp_path / "nope.txt"), str(tmp_path)])
    assert [s.reason for s in result.skipped] == ["no such file or folder", "empty folder (no article files in it)"]


def test_too_large_files_are_skipped(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 1000, encoding="utf-8")
    result = read_inputs([str(big)], max_bytes=100)
    assert not result.articles and "too large" in result.skipped[0].reason


def test_stdin_is_sniffed() -> None:
    result = read_inputs(["-"], stdin=io.BytesIO(b'{"text": "From a pipe. Two sentences.", "title": "Piped"}\n'))
    assert [(a.id, a.title) for a in result.articles] == [("stdin-1", "Piped")]
    result = read_inputs(["-"], stdin=io.BytesIO(b"Plain title\n\nPlain body."))
    assert result.articles[0].title == "Plain title"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20T09:30:00Z", datetime(2026, 11, 20, 9, 30, tzinfo=UTC)),
        ("Fri, 20 Nov 2026 09:30:00 +0000", datetime(2026, 11, 20, 9, 30, tzinfo=UTC)),
        ("2026-11-20", datetime(2026, 11, 20)),
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: datetime | None) -> None:
    assert parse_date(value) == expected


def test_last_runs_briefs_beside_the_articles_are_not_read_as_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder briefed day after day into itself: its briefs (HTML, Markdown, JSON) are left out, quietly."""
    import json
    import shutil

    from briefing.cli import main
    from tests.conftest import EXAMPLES

    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    for fmt in ("md", "html", "json", "md"):
        assert main(["generate", str(folder), "-o", str(folder / f"brief.{fmt}")]) == 0
        err = capsys.readouterr().err
        assert "10 articles from 10 sources in" in err and "skipped" not in err
    brief = json.loads((folder / "brief.json").read_text("utf-8"))
    assert brief["skipped"] == []
    assert sum(len(s["articles"]) + len(s["copies"]) for s in brief["stories"]) == 10
    result = read_inputs([str(folder)])
    assert sorted(Path(name).name for name in result.briefs) == ["brief.html", "brief.json", "brief.md"]
    # named on its own, a brief is no article, and the error says so
    with pytest.raises(NoArticlesError, match=r"brief\.md: a brief made by briefing, not an article"):
        read_articles([str(folder / "brief.md")])


def test_an_article_about_a_briefing_is_still_an_article(tmp_path: Path) -> None:
    from briefing.ingest import is_own_brief

    text = "Officials gave a briefing.\n\nThe briefing was made by briefing staff, said a spokesman, *made by briefing 2 aides*."
    assert not is_own_brief(text)
    (tmp_path / "story.md").write_text("# Briefing\n\n" + text, encoding="utf-8")
    assert len(read_inputs([str(tmp_path)]).articles) == 1
