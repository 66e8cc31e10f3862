"""People files: who people are, read with every problem at its line, and given to every quote of each person."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing import BriefConfig, build_brief
from briefing.cli import main
from briefing.config import resolve_config
from briefing.errors import ConfigError
from briefing.models import Quote, Speaker
from briefing.people import People, Person, check_people, read_people
from briefing.schedule.spec import load_folder

DESK = """\
[[person]]
name = "Andrey Kazantsev"
aliases = ["Andrew Kazantsev", "Андрей Казанцев"]
role = "Director of the Analytical Centre"
organization = "MGIMO"
type = "analyst"

[[person]]
name = "Samantha Power"
type = "media"
since = 2013-08-05
until = 2017-01-20
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    path = tmp_path / "desk.toml"
    path.write_text(DESK, encoding="utf-8")
    return path


def _speakers(data: dict[str, object]) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for doc in data["articles"]:  # type: ignore[attr-defined]
        for q in doc["quotes"]:
            found.setdefault(q["speaker"], set()).add((q["speaker_type"], q["role"]))
    return found


def test_a_people_file_names_and_types_every_quote_of_its_people(
    seed_article: Path, desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quotes", str(seed_article), "--json"]) == 0
    before = _speakers(json.loads(capsys.readouterr().out))
    assert "Andrew Kazantsev" in before and "Andrey Kazantsev" not in before
    assert main(["quotes", str(seed_article), "--json", "--people", str(desk)]) == 0
    after = _speakers(json.loads(capsys.readouterr().out))
    # the alias is shown as the file's name, with the file's role and type on every quote
    assert "Andrew Kazantsev" not in after
    assert after["Andrey Kazantsev"] == {("analyst", "Director of the Analytical Centre")}
    # the seed article is undated: a description with dates holds for it, and the type declared wins everywhere
    assert {kind for kind, _ in after["Samantha Power"]} == {"media"}
    assert {kind for kind, _ in before["Samantha Power"]} == {"official"}
    # what the file leaves out stays as the article has it
    assert {role for _, role in after["Samantha Power"]} == {role for _, role in before["Samantha Power"]}


def test_the_brief_follows_the_file_in_its_analyst_views(
    seed_article: Path, desk: Path, clock: Callable[[], datetime]
) -> None:
    brief, _ = build_brief([str(seed_article)], BriefConfig(), clock=clock)
    assert "Andrew Kazantsev" in {v.speaker.name for v in brief.analyst_views}
    brief, _ = build_brief([str(seed_article)], BriefConfig(people=(desk,)), clock=clock)
    names = {v.speaker.name for v in brief.analyst_views}
    assert "Andrey Kazantsev" in names and "Andrew Kazantsev" not in names
    quoted = {q.speaker.name: q.speaker.type for s in brief.stories for q in s.quotes if q.speaker}
    assert quoted.get("Samantha Power", "media") == "media"


def test_a_description_holds_only_between_its_dates() -> None:
    person = Person(name="Samantha Power", type="official", since=datetime(2013, 8, 5).date())
    people = People([person])
    quote = Quote(
        text="x",
        article_id="a",
        start=0,
        end=1,
        kind="direct",
        paragraph=1,
        speaker=Speaker(name="Samantha Power", type="other"),
    )
    (before,) = people.apply([quote], datetime(2012, 1, 1, tzinfo=UTC))
    (during,) = people.apply([quote], datetime(2016, 1, 1, tzinfo=UTC))
    (undated,) = people.apply([quote], None)
    assert before.speaker is not None and before.speaker.type == "other"
    assert during.speaker is not None and during.speaker.type == "official"
    assert undated.speaker is not None and undated.speaker.type == "official"
    # an unnamed speaker is never a person of the file, even if its description reads like a name
    unnamed = Quote(
        text="x",
        article_id="a",
        start=0,
        end=1,
        kind="direct",
        paragraph=1,
        speaker=Speaker(name="Samantha Power", type="other", named=False),
    )
    assert people.apply([unnamed])[0] == unnamed


def test_a_russian_speaker_is_matched_in_the_nominative(
    tmp_path: Path, desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "ru.txt"
    article.write_text(
        "Переговоры затянутся\n\nПо словам Андрея Казанцева, переговоры о перемирии затянутся до весны.\n",
        encoding="utf-8",
    )
    assert main(["quotes", str(article), "--jsonl", "--people", str(desk)]) == 0
    (quote,) = json.loads(capsys.readouterr().out)["quotes"]
    assert (quote["speaker"], quote["speaker_type"], quote["organization"]) == ("Andrey Kazantsev", "analyst", "MGIMO")


def test_every_problem_is_reported_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        DESK
        + """
[[person]]
name = "Vitaly Churkin"
typ = "official"
aliases = ["andrew  kazantsev"]

[[person]]
name = "Lena Korsak"
type = "spokeswoman"
since = 2020-01-01
until = 2019-01-01

[[person]]
role = "nobody"
""",
        encoding="utf-8",
    )
    count, problems = check_people(path)
    assert count == 4
    assert f"{path}:16: unknown key 'typ'; did you mean 'type'?" in problems
    assert f"{path}:17: 'andrew kazantsev' is already a name or alias of the person at {path}:1" in problems
    assert any(p.startswith(f"{path}:21: type must be one of analyst, official") for p in problems)
    assert f"{path}:23: until (2019-01-01) comes before since (2020-01-01)" in problems
    assert f'{path}:25: a person needs a name (name = "…")' in problems
    assert main(["people", "check", str(path)]) == 2
    out = capsys.readouterr().out
    assert out.splitlines() == problems and len(problems) == 5
    with pytest.raises(ConfigError, match=r"bad\.toml:\d+: "):
        read_people([path])


def test_a_file_that_is_not_toml_or_not_there(tmp_path: Path, desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[[person]]\nname = "A\n', encoding="utf-8")
    _, problems = check_people(broken)
    assert problems[0].startswith(f"{broken}:2: not valid TOML")
    assert main(["people", "check", str(desk)]) == 0
    assert capsys.readouterr().out == f"{desk}: 2 people, no problem\n"
    assert main(["generate", str(desk), "-o", str(tmp_path / "b.md"), "--people", str(tmp_path / "none.toml")]) == 2
    assert "people file" in capsys.readouterr().err


def test_people_files_come_from_the_config_file_and_the_environment(
    tmp_path: Path, desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text('[generate]\npeople = ["desk.toml"]\n', encoding="utf-8")
    assert resolve_config(config_file=config).config.people == (desk,)
    other = tmp_path / "other.toml"
    other.write_text(DESK.replace("Samantha Power", "Lena Korsak"), encoding="utf-8")
    monkeypatch.setenv("BRIEFING_PEOPLE", f"{desk}{os.pathsep}{other}")
    assert resolve_config().config.people == (desk, other)


def test_a_schedule_names_its_people_files_and_validate_reports_their_problems(tmp_path: Path, desk: Path) -> None:
    (tmp_path / "bad.toml").write_text('[[person]]\nname = "X"\ntype = "boss"\n', encoding="utf-8")
    schedule = 'title = "Morning"\ncron = "0 7 * * *"\ntimezone = "UTC"\nsources = ["in"]\noutput_dir = "out"\n'
    (tmp_path / "in").mkdir()
    folder = tmp_path / "schedules"
    folder.mkdir()
    (folder / "good.toml").write_text(schedule + 'people = ["../desk.toml"]\n', encoding="utf-8")
    (folder / "bad.toml").write_text(schedule + 'people = ["../bad.toml"]\n', encoding="utf-8")
    specs, problems = load_folder(folder)
    assert [s.people for s in specs] == [(str(desk.resolve()),)]
    assert len(problems) == 1 and "type must be one of" in str(problems[0])


def test_names_match_whatever_their_case_and_spacing_but_not_a_surname_alone(desk: Path) -> None:
    people = read_people([desk])
    assert people.find("andrew  KAZANTSEV") is people.find("Андрей Казанцев") is not None
    assert people.find("Kazantsev") is None
    yo = People([Person(name="Пётр Семёнов")])
    assert yo.find("Петр Семенов") is not None


def test_the_examples_people_file_describes_the_demo_briefs_speakers(tmp_path: Path) -> None:
    """The README's demo gives examples/people.toml: it is a file without a problem, and the brief follows it."""
    from tests.conftest import ROOT

    people = ROOT / "examples" / "people.toml"
    count, problems = check_people(people)
    assert problems == [] and count >= 5
    out = tmp_path / "brief.json"
    assert main(["generate", str(ROOT / "examples" / "en"), "--people", str(people), "-o", str(out), "-q"]) == 0
    brief = json.loads(out.read_text(encoding="utf-8"))
    by_name = {p["speaker"]["name"]: p for p in brief["people"]}
    aalders = by_name["Pieter Aalders"]
    assert aalders["described_by"] == "people file"
    assert (aalders["speaker"]["organization"], aalders["speaker"]["type"]) == (
        "Halvard Container Terminals",
        "organization",
    )
    assert by_name["Erik Nordahl"]["speaker"]["type"] == "organization"
    # a person the file does not name is described as the articles describe them
    assert by_name["Karin Lund"]["described_by"] == "article"
