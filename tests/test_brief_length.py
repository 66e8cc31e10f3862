"""What a brief shows: the most important stories in full, the rest as headlines, and key quotes that are not the
analysts' views again."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from briefing import BriefConfig, build_brief
from briefing.errors import ConfigError
from briefing.render import render_html, render_json, render_markdown
from briefing.render.email import render_email_text
from briefing.schedule.spec import load_folder


def test_the_stories_past_max_stories_are_headlines_under_also_reported(
    examples: Path, clock: Callable[[], datetime]
) -> None:
    full, _ = build_brief([str(examples)], BriefConfig(max_stories=0), clock=clock)
    short, _ = build_brief([str(examples)], BriefConfig(max_stories=1), clock=clock)
    assert len(full.stories) == 3 and not full.also_reported
    # the same stories in the same order of importance, the first in full and the others as headlines
    assert [s.headline for s in (*short.stories, *short.also_reported)] == [s.headline for s in full.stories]
    assert len(short.stories) == 1 and len(short.also_reported) == 2
    assert short.articles == full.articles  # every article is still among the sources
    html = render_html(short)
    assert 'href="#also-reported"' in html and "2 more under Also reported" in html
    for story in short.also_reported:
        assert f'<span class="also-headline" dir="ltr">{story.headline}</span>' in html
        assert f'id="story-{story.id}"' not in html  # no story page for it
    md = render_markdown(short)
    assert "## Also reported" in md and all(f"- **{s.headline}**" in md for s in short.also_reported)
    assert "ALSO REPORTED" in render_email_text(short)
    data = json.loads(render_json(short))
    assert [s["headline"] for s in data["also_reported"]] == [s.headline for s in short.also_reported]
    assert "Also reported" not in render_html(full)


def test_the_default_is_25_and_the_bounds_are_checked(tmp_path: Path) -> None:
    assert BriefConfig().max_stories == 25
    with pytest.raises(ConfigError):
        BriefConfig(max_stories=-1)
    folder = tmp_path / "schedules"
    folder.mkdir()
    (tmp_path / "in").mkdir()
    base = 'title = "M"\ncron = "0 7 * * *"\ntimezone = "UTC"\nsources = ["../in"]\noutput_dir = "out"\n'
    (folder / "ok.toml").write_text(base + "max_stories = 10\n")
    (folder / "bad.toml").write_text(base + 'max_stories = "ten"\n')
    specs, problems = load_folder(folder)
    assert [s.max_stories for s in specs] == [10]
    assert len(problems) == 1 and "max_stories" in str(problems[0])


def test_a_view_shown_among_the_analysts_is_not_repeated_as_a_key_quote(
    seed_article: Path, examples: Path, clock: Callable[[], datetime]
) -> None:
    for inputs in ([seed_article], [examples]):
        brief, _ = build_brief([str(p) for p in inputs], BriefConfig(), clock=clock)
        in_views = {(q.article_id, q.start) for view in brief.analyst_views for q in view.quotes}
        assert in_views
        assert not any((q.article_id, q.start) in in_views for s in brief.stories for q in s.quotes)
    # the seed article's one story gives its other voices instead: Power's "barbaric" among them
    brief, _ = build_brief([str(seed_article)], BriefConfig(), clock=clock)
    speakers = [q.speaker.name for q in brief.stories[0].quotes if q.speaker]
    assert "Samantha Power" in speakers and "Andrew Kazantsev" not in speakers


def test_people_in_this_brief_index_everyone_named_in_the_stories_quotes(
    seed_article: Path, tmp_path: Path, clock: Callable[[], datetime]
) -> None:
    desk = tmp_path / "desk.toml"
    desk.write_text('[[person]]\nname = "Vitaly Churkin"\nrole = "Ambassador to the UN"\ntype = "official"\n')
    brief, _ = build_brief([str(seed_article)], BriefConfig(people=(desk,)), clock=clock)
    people = {p.speaker.name: p for p in brief.people}
    story = brief.stories[0].id
    assert people["Andrew Kazantsev"].speaker.type == "analyst"
    assert people["Andrew Kazantsev"].stories == (story,) and people["Andrew Kazantsev"].quotes >= 2
    assert people["Vitaly Churkin"].described_by == "people file"
    assert people["Vitaly Churkin"].speaker.role == "Ambassador to the UN"
    assert people["Samantha Power"].described_by == "article"
    assert [p.quotes for p in brief.people] == sorted((p.quotes for p in brief.people), reverse=True)
    assert all(p.speaker.named and p.speaker.name[:1].isupper() for p in brief.people)
    html = render_html(brief)
    assert 'href="#people"' in html and '<td class="name">Vitaly Churkin *</td>' in html
    md = render_markdown(brief)
    assert "## People in this brief" in md and "- **Andrew Kazantsev**, Director" in md
    data = json.loads(render_json(brief))
    assert {p["speaker"]["name"] for p in data["people"]} == set(people)
    # someone quoted only in a story listed under Also reported is left to the JSON
    short, _ = build_brief([str(p) for p in (seed_article,)], BriefConfig(max_stories=1), clock=clock)
    assert short.people_shown == short.people
    # one person whose name an article spells with ё and another with е is listed once
    (tmp_path / "ru").mkdir()
    said = {
        "a.md": ("Артём", "В порту Халварда в понедельник начали бессрочную забастовку докеры.", "Мы не отступим"),
        "b.md": (
            "Артем",
            "Забастовка в порту продолжается второй день, суда стоят на рейде.",
            "Переговоры идут тяжело",
        ),
    }
    for name, (spelling, lede, words) in said.items():
        (tmp_path / "ru" / name).write_text(
            f"---\ntitle: Порт\nsource: {name}\nlanguage: ru\n---\n\n{lede} «{words}», — заявил глава профсоюза "
            f"{spelling} Зайцев.\n",
            encoding="utf-8",
        )
    russian, _ = build_brief([str(tmp_path / "ru")], BriefConfig(), clock=clock)
    assert [p.quotes for p in russian.people if p.speaker.name.endswith("Зайцев")] == [2]
