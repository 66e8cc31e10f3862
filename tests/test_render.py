from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from briefing import BriefConfig, build_brief
from briefing.errors import TemplateError
from briefing.models import Brief
from briefing.render import render_html, render_json, render_markdown
from briefing.render.email import render_email_text
from briefing.render.environment import builtin_templates_dir, make_environment
from briefing.render.fetcher import ASSET_BASE, AssetFetcher
from tests.conftest import ROOT

GOLDEN = Path(__file__).resolve().parent / "golden" / "examples-brief.html"


@pytest.fixture
def brief(clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch) -> Brief:
    # a relative path, as a user types it: the brief names its sources by the path given
    monkeypatch.chdir(ROOT)
    built, _ = build_brief(["examples/en"], BriefConfig(title="Golden brief"), clock=clock)
    return built


def hostile_brief(tmp_path: Path, clock: Callable[[], datetime]) -> Brief:
    (tmp_path / "evil.json").write_text(
        json.dumps(
            {
                "id": "evil) [x](javascript:alert(1)",
                "title": "<script>alert('title')</script> {{ 7*7 }}",
                "text": "Officials said <b>bold</b> and {{ 7*7 }} and {% raw %} happened. "
                "A second sentence has [a link](http://example.org) and *stars*. A third one closes it.",
                "url": "javascript:alert(1)",
                "source": "<img src=x onerror=alert(1)>",
            }
        ),
        encoding="utf-8",
    )
    built, _ = build_brief([str(tmp_path)], BriefConfig(title="T"), clock=clock)
    return built


def test_html_matches_the_golden_file(brief: Brief, update_golden: bool) -> None:
    html = render_html(brief)
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert GOLDEN.is_file(), "run pytest --update-golden once to create the golden file"
    assert html == GOLDEN.read_text(encoding="utf-8"), "HTML changed: review it, then run pytest --update-golden"


def test_html_has_every_story_sentence_and_source(brief: Brief) -> None:
    html = render_html(brief)
    for story in brief.stories:
        assert f'id="story-{story.id}"' in html
        for s in story.summary.sentences:
            assert s.text.replace("'", "&#39;").replace('"', "&#34;") in html
    for article in brief.articles:
        assert f'id="src-{article.id}"' in html


def test_anchors_of_repeated_parts_hold_no_elements(brief: Brief) -> None:
    """An id makes WeasyPrint compute a style for its element and all inside it: on a story or a source entry it
    would cost a long brief a style per element per story (35 MB and a second at 200 pages). Only the parts a
    brief has once may hold elements under their id."""
    from lxml import html as lxml_html

    once = {
        "cover",
        "overview",
        "contents",
        "stories",
        "also-reported",
        "analysts",
        "people",
        "sources",
        "source-health",
    }
    page = lxml_html.document_fromstring(render_html(brief, for_print=True))
    anchored = page.xpath("//*[@id]")
    assert {e.get("id") for e in anchored} >= {f"story-{s.id}" for s in brief.stories} | {
        f"src-{a.id}" for a in brief.articles
    }
    containers = sorted(e.get("id") for e in anchored if len(e) and e.get("id") not in once)
    assert containers == []


def test_article_content_is_escaped_everywhere(tmp_path: Path, clock: Callable[[], datetime]) -> None:
    evil = hostile_brief(tmp_path, clock)
    html = render_html(evil)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    # the article's path names the test's temporary folder, whose number may hold "49"
    assert "{{ 7*7 }}" in html and "49" not in html.replace(str(tmp_path), "")
    assert 'href="javascript:' not in html
    md = render_markdown(evil)
    assert "<script>" not in md and "](javascript" not in md and "[a link](" not in md
    assert "{{ 7\\*7 }}" in md
    data = json.loads(render_json(evil))
    assert data["stories"][0]["articles"][0]["title"].startswith("<script>")  # JSON keeps the text as it is


def test_markdown_and_json_carry_the_same_content(brief: Brief) -> None:
    md = render_markdown(brief)
    data = json.loads(render_json(brief))
    assert data["schema"] == 1 and data["title"] == "Golden brief"
    assert len(data["stories"]) == len(brief.stories)
    for story, story_json in zip(brief.stories, data["stories"], strict=True):
        assert story.headline.replace("–", "–") in md
        assert [s["text"] for s in story_json["summary"]["sentences"]] == [s.text for s in story.summary.sentences]
        for s in story_json["summary"]["sentences"]:
            assert {"article_id", "paragraph", "start", "end"} <= set(s)
    assert "## Analyst views" in md and "Nikolai Berezin" in md
    assert "### Key quotes" in md


def test_a_quotation_over_two_paragraphs_stays_inside_its_markdown_blockquote(
    tmp_path: Path, clock: Callable[[], datetime]
) -> None:
    (tmp_path / "strike.txt").write_text(
        "Port strike ends after talks\n\nThe strike at the port ended on Friday. Tomas Veld, general secretary "
        "of the dockworkers' union, said: “We have won a fair deal for every dockworker in this port.\n\n"
        "“Nobody will lose a job to the new cranes, and the port reopens on Monday.”\n",
        encoding="utf-8",
    )
    built, _ = build_brief([str(tmp_path)], BriefConfig(), clock=clock)
    md = render_markdown(built)
    quote = md[md.index("### Key quotes") :].split("\n\n")[1]
    assert quote.startswith("> ") and "every dockworker" in quote and "the port reopens on Monday" in quote
    assert all(line.startswith(">") for line in quote.splitlines())
    # and one line in the plain-text part of the email
    text = render_email_text(built)
    assert "in this port. Nobody will lose a job" in text


def test_user_templates_come_first_and_can_extend_the_default(tmp_path: Path, brief: Brief) -> None:
    (tmp_path / "brief.html").write_text(
        '{% extends "default:brief.html" %}{% block footer %}<p class="house">House style</p>{% endblock %}',
        encoding="utf-8",
    )
    (tmp_path / "_quote.html").write_text("<p class='my-quote'>{{ quote.speaker.name }}</p>", encoding="utf-8")
    html = render_html(brief, [tmp_path])
    assert '<p class="house">House style</p>' in html and "Made by briefing" not in html
    assert "class='my-quote'" in html
    assert "<h2>Contents</h2>" in html  # the rest still comes from the built-in


def test_a_misspelt_variable_fails_with_file_and_line(tmp_path: Path, brief: Brief) -> None:
    (tmp_path / "_cover.html").write_text("<h1>{{ brief.title }}</h1>\n<p>{{ brief.tilte }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        render_html(brief, [tmp_path])
    assert info.value.filename is not None and info.value.filename.endswith("_cover.html")
    assert info.value.lineno == 2
    assert "tilte" in str(info.value)


def test_a_syntax_error_fails_with_file_and_line(tmp_path: Path, brief: Brief) -> None:
    (tmp_path / "_toc.html").write_text("<nav>\n{% for x in %}\n</nav>\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"_toc\.html:2: "):
        render_html(brief, [tmp_path])


def test_builtin_templates_are_the_repository_folder_in_a_checkout() -> None:
    assert builtin_templates_dir() == ROOT / "templates"
    env = make_environment()
    assert env.get_template("default:brief.html") is not None


def test_fetcher_serves_template_assets_only(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (user / "link.txt").symlink_to(tmp_path / "secret.txt")
    fetcher = AssetFetcher([user, builtin_templates_dir()])
    assert fetcher.load(ASSET_BASE + "logo.svg") == (b"<svg/>", "image/svg+xml")
    assert fetcher.load(ASSET_BASE + "brief.css")[1] == "text/css"
    assert fetcher.load("data:text/plain;base64,aGk=") == (b"hi", "text/plain")
    for url in (
        "file:///etc/passwd",
        ASSET_BASE + "../../etc/passwd",
        ASSET_BASE + "%2e%2e/secret.txt",
        ASSET_BASE + "link.txt",
        "http://127.0.0.1/x.png",
        "https://169.254.169.254/latest/meta-data/",
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.load(url)
    assert len(fetcher.refused) == 6


def test_hostile_article_content_stays_text(tmp_path: Path) -> None:
    from briefing.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text(
        json.dumps(
            {
                "title": "Title {{ 7*7 }}",
                "text": "He said {{ 7*7 }} and {% raw %} <script>alert(1)</script> <img src=x onerror=alert(1)>.",
                "url": "javascript:alert(1)",
            }
        )
    )
    for fmt in ("html", "md"):
        assert main(["generate", str(tmp_path / "in"), "-o", str(tmp_path / f"b.{fmt}"), "-q"]) == 0
    page = (tmp_path / "b.html").read_text("utf-8")
    markdown = (tmp_path / "b.md").read_text("utf-8")
    assert "He said {{ 7*7 }} and {% raw %}" in page, "Jinja syntax in an article prints literally"
    assert "<script>alert" not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page and "javascript:" not in markdown
    assert "\\<script\\>" in markdown and "{{ 7\\*7 }}" in markdown


def test_direction_follows_the_first_strong_letter() -> None:
    from briefing.render.environment import direction

    assert direction("“قال الوزير” said the minister") == "rtl"
    assert direction("2026: דובר הנמל") == "rtl"  # digits and punctuation have no direction of their own
    assert direction("The minister said “قال”") == "ltr"
    assert direction("港口谈判") == "ltr"
    assert direction("") == direction("123 — …") == "ltr"


THREADS = ROOT / "tests" / "data" / "threads"


@pytest.fixture
def threaded(clock: Callable[[], datetime]) -> Brief:
    """A takeover bid and, three days later, the board's rejection (two outlets): two stories of one thread; a
    harbour festival, a story alone."""
    built, _ = build_brief([str(THREADS)], BriefConfig(title="Threads"), clock=clock)
    return built


def _story_part(text: str, headline: str, after: str) -> str:
    """The part of a rendered brief from a story's headline to the next ``after`` marker (the next story)."""
    start = text.index(headline)
    end = text.find(after, start + len(headline))
    return text[start : end if end >= 0 else len(text)]


def test_the_stories_of_a_thread_share_its_id_and_a_story_alone_is_its_own(threaded: Brief) -> None:
    by_headline = {s.headline.split()[0]: s for s in (*threaded.stories, *threaded.also_reported)}
    bid, rejection, festival = by_headline["Norrvik"], by_headline["Halvard"], by_headline["Kessen"]
    assert bid.thread == rejection.thread == bid.id, "a thread is named by its earliest story"
    assert festival.thread == festival.id
    assert [(t.id, t.stories) for t in threaded.threads] == [(bid.id, (bid.id, rejection.id))]
    assert threaded.also_in_thread(rejection) == (bid,) and threaded.also_in_thread(bid) == (rejection,)
    assert threaded.also_in_thread(festival) == ()
    data = json.loads(render_json(threaded))
    assert {s["id"]: s["thread"] for s in data["stories"]} == {
        bid.id: bid.id,
        rejection.id: bid.id,
        festival.id: festival.id,
    }
    assert data["threads"] == [{"id": bid.id, "stories": [bid.id, rejection.id]}]


def test_a_story_in_a_thread_lists_the_others_in_every_format(threaded: Brief) -> None:
    by_headline = {s.headline.split()[0]: s for s in threaded.stories}
    bid, rejection, festival = by_headline["Norrvik"], by_headline["Halvard"], by_headline["Kessen"]
    html = render_html(threaded)
    part = _story_part(html, f'<h2 class="headline" id="story-{rejection.id}"', '<article class="story"')
    assert "Also in this thread:" in part
    assert f'<a href="#story-{bid.id}"><span dir="ltr">{bid.headline}</span></a>' in part
    assert '<time datetime="2026-11-20T09:15:00+01:00">20 November 2026</time>' in part
    assert f'href="#story-{rejection.id}"' in _story_part(html, f'id="story-{bid.id}"', '<article class="story"')
    assert "Also in this thread" not in _story_part(html, f'id="story-{festival.id}"', '<article class="story"')
    assert html.count('<aside class="thread">') == 2
    markdown = render_markdown(threaded)
    part = _story_part(markdown, f"{rejection.headline}\n", "\n## ")
    assert f"*Also in this thread:*\n\n- [{bid.headline}](#story-{bid.id}) · 20 November 2026\n" in part
    assert f'## <a id="story-{bid.id}"></a>{bid.headline}' in markdown
    assert f"## {festival.headline}" in markdown, "a story alone has no anchor of its own"
    assert markdown.count("Also in this thread") == 2
    text = render_email_text(threaded)
    number = [s.id for s in threaded.stories].index(bid.id) + 1
    part = _story_part(text, f". {rejection.headline}\n", "=" * 72)
    assert f"Also in this thread:\n  - {number}. {bid.headline} · 20 November 2026\n" in part
    assert text.count("Also in this thread") == 2


def test_a_thread_links_a_story_past_max_stories_to_its_line_in_also_reported(
    clock: Callable[[], datetime],
) -> None:
    brief, _ = build_brief([str(THREADS)], BriefConfig(max_stories=1), clock=clock)
    (shown,) = brief.stories
    (other,) = brief.also_in_thread(shown)
    assert other in brief.also_reported
    html = render_html(brief)
    assert f'href="#story-{other.id}"' in html and f'<span class="also-headline" id="story-{other.id}"' in html
    assert f'- <a id="story-{other.id}"></a>**{other.headline}**' in render_markdown(brief)
    assert f"  - {other.headline} · " in render_email_text(brief) and "[Also reported]" in render_email_text(brief)


@pytest.mark.parametrize(
    ("language", "label"),
    [("ru", "Также по этой теме:"), ("de", "Ebenfalls in diesem Themenstrang:"), ("fr", "Dans le même fil\u00a0:")],
)
def test_the_thread_label_is_translated(clock: Callable[[], datetime], language: str, label: str) -> None:
    brief, _ = build_brief([str(THREADS)], BriefConfig(brief_language=language), clock=clock)
    for rendered in (render_html(brief), render_markdown(brief), render_email_text(brief)):
        assert rendered.count(label) == 2


def test_a_long_thread_lists_the_stories_nearest_the_story_and_counts_the_rest(threaded: Brief) -> None:
    from dataclasses import replace

    from briefing.models import Thread

    (story, *_) = threaded.stories
    stories = tuple(replace(story, id=f"s{n}", headline=f"Step {n} of the saga") for n in range(9))
    thread = Thread(id="s0", stories=tuple(s.id for s in stories))
    brief = replace(
        threaded,
        stories=stories,
        also_reported=(),
        threads=(thread,),
        people=(),
        analyst_views=(),
        overview=replace(threaded.overview, sentences=()),
    )
    assert [s.id for s in brief.also_in_thread(stories[4], 5)] == ["s2", "s3", "s5", "s6", "s7"]
    assert [s.id for s in brief.also_in_thread(stories[0], 5)] == ["s1", "s2", "s3", "s4", "s5"]
    assert [s.id for s in brief.also_in_thread(stories[8], 5)] == ["s3", "s4", "s5", "s6", "s7"]
    assert len(brief.also_in_thread(stories[8])) == 8
    html = render_html(brief)
    assert html.count("3 more stories in this thread") == 9
    assert render_markdown(brief).count("- 3 more stories in this thread") == 9
    assert render_email_text(brief).count("  - 3 more stories in this thread") == 9


def test_a_speakers_description_leaves_out_a_role_that_only_repeats_the_name() -> None:
    from briefing.models import Speaker
    from briefing.render.environment import speaker_description

    unnamed = Speaker(name="эксперт", role="эксперт", type="analyst", named=False)
    assert speaker_description(unnamed) == ""
    named = Speaker(name="Ирина Самсонова", role="директор", organization="Центра исследований", type="analyst")
    assert speaker_description(named) == "директор, Центра исследований"
    assert speaker_description(Speaker(name="Jane Roe", organization="Acme")) == "Acme"
