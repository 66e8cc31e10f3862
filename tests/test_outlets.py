"""An article's outlet comes from what names it — its file, feed or page, or its folder's .briefing-source — and is
never a file name: an article that names none is from an "unknown outlet", and the cover counts them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from briefing import BriefConfig, build_brief
from briefing.cli import main
from briefing.ingest import read_inputs
from briefing.render import render_html, render_json, render_markdown

STRIKE = "Dockers strike at Kessen\n\nDockworkers at Kessen walked out on Monday over pay, the union said.\n"


def test_a_folders_briefing_source_names_the_outlet_of_the_articles_that_name_none(tmp_path: Path) -> None:
    (tmp_path / "herald").mkdir()
    (tmp_path / "herald" / "nested").mkdir()
    (tmp_path / "herald" / ".briefing-source").write_text("# the desk's feed of the Herald\nKessen Herald\n")
    (tmp_path / "herald" / "strike.txt").write_text(STRIKE)
    (tmp_path / "herald" / "nested" / "day-two.txt").write_text(STRIKE.replace("Monday", "Tuesday"))
    (tmp_path / "herald" / "wire.md").write_text("---\ntitle: Strike\nsource: North Sea Wire\n---\n" + STRIKE)
    (tmp_path / "loose.txt").write_text(STRIKE)
    articles = {a.id: a.outlet for a in read_inputs([str(tmp_path)]).articles}
    assert articles == {"strike": "Kessen Herald", "day-two": "Kessen Herald", "wire": "North Sea Wire", "loose": ""}
    # a file named on its own gets its folder's outlet too
    (one,) = read_inputs([str(tmp_path / "herald" / "strike.txt")]).articles
    assert one.outlet == "Kessen Herald"


def test_no_file_name_is_an_outlet_anywhere_in_the_brief(
    tmp_path: Path, clock: Callable[[], datetime], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kessen-strike.txt").write_text(STRIKE)
    (tmp_path / "kessen-strike-2.txt").write_text(STRIKE.replace("Monday", "Tuesday"))
    brief, _ = build_brief([str(tmp_path)], BriefConfig(), clock=clock)
    data = json.loads(render_json(brief))
    outlets = {a["outlet"] for s in data["stories"] for a in s["articles"]} | {
        o for s in data["stories"] for o in s["outlets"]
    }
    assert outlets == {""} and data["sources"] == []  # (an article's origin still says which file it came from)
    html = render_html(brief)
    assert "from unknown outlets" in html and "unknown outlet ¶" in html and "kessen-strike.txt ¶" not in html
    md = render_markdown(brief)
    assert "2 articles from unknown outlets" in md
    out = tmp_path / "brief.md"  # and the line generate ends with counts them alike
    assert main(["generate", str(tmp_path), "-o", str(out)]) == 0
    assert "2 articles from unknown outlets in" in capsys.readouterr().err
    out.unlink()
    (tmp_path / "named.md").write_text("---\ntitle: Strike\nsource: North Sea Wire\n---\n" + STRIKE)
    brief, _ = build_brief([str(tmp_path)], BriefConfig(), clock=clock)
    assert "3 articles from 1 source (2 of them from unknown outlets)" in render_markdown(brief)
    russian, _ = build_brief([str(tmp_path)], BriefConfig(brief_language="ru"), clock=clock)
    assert "издание не указано ¶" in render_html(russian)
