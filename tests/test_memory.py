"""The memory of who people are: how earlier briefs' articles described someone, used for a later brief that names
them bare — under a people file and the brief's own articles, ageing out, listed and exported as a people file."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.people import check_people

DESCRIBED = """\
---
title: Rates held at 4%
source: Meridian Wire
published: {date}T08:00:00Z
---
The central bank held its main rate at 4% on Monday, as markets had expected.

"The bank is waiting to see whether wages cool before it moves again," said {name}, {description}.

Shops reported weaker sales in October.
"""

BARE = """\
---
title: Pound slips after inflation figures
source: Estmark Times
published: {date}T08:00:00Z
---
The pound fell against the dollar on Thursday after inflation came in higher than forecast.

"Nobody should expect a cut before the spring, and possibly not then either," Roger Bootle said.

Traders moved their bets on the next rate change to June.
"""


class Desk:
    """A schedule briefing a folder to JSON, run by hand; each run briefs the articles added since the last."""

    def __init__(self, root: Path, extra: str = "") -> None:
        self.root = root
        self.articles = root / "in"
        self.out = root / "out"
        self.state = root / "state"
        for folder in (self.articles, self.out, root / "schedules"):
            folder.mkdir(parents=True, exist_ok=True)
        (root / "schedules" / "desk.toml").write_text(
            'title = "Desk"\nevery = "1h"\ntimezone = "UTC"\nsources = ["../in"]\nformats = ["json", "md"]\n'
            f'output_dir = "../out"\n{extra}',
            encoding="utf-8",
        )
        self.runs = 0

    def add(self, name: str, text: str) -> None:
        (self.articles / f"{name}.md").write_text(text, encoding="utf-8")

    def run(self) -> dict[str, object]:
        """Trigger the schedule and return its brief's JSON."""
        args = ["schedule", "trigger", "desk", "--schedules", str(self.root / "schedules"), "--state", str(self.state)]
        assert main([*args, "-q"]) == 0
        self.runs += 1
        brief = next(self.out.glob(f"desk-*-r{self.runs}.json"))
        data: dict[str, object] = json.loads(brief.read_text(encoding="utf-8"))
        return data

    def person(self, brief: dict[str, object], name: str) -> dict[str, object]:
        people = brief["people"]
        assert isinstance(people, list)
        return next(p for p in people if p["speaker"]["name"] == name)


def _analysts(brief: dict[str, object]) -> set[str]:
    views = brief["analyst_views"]
    assert isinstance(views, list)
    return {v["speaker"]["name"] for v in views}


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(tmp_path)


def test_a_bare_name_is_described_as_an_earlier_brief_described_them(desk: Desk) -> None:
    desk.add("a1", DESCRIBED.format(date="2026-11-30", name="Roger Bootle", description="chief economist at Deloitte"))
    first = desk.run()
    assert desk.person(first, "Roger Bootle")["described_by"] == "article"
    assert desk.person(first, "Roger Bootle")["described_in"] == "a1"
    desk.add("a2", BARE.format(date="2026-12-03"))
    second = desk.run()
    bootle = desk.person(second, "Roger Bootle")
    # the second brief's only article names him bare; the memory says who he is, and the brief says so
    assert bootle["speaker"]["role"] == "chief economist" and bootle["speaker"]["organization"] == "Deloitte"
    assert bootle["speaker"]["type"] == "analyst" and "Roger Bootle" in _analysts(second)
    assert bootle["described_by"] == "memory"
    assert bootle["remembered"]["outlet"] == "Meridian Wire" and bootle["remembered"]["article"] == "a1"
    assert bootle["remembered"]["seen"].startswith("2026-11-30")
    markdown = next(desk.out.glob("desk-*-r2.md")).read_text(encoding="utf-8")
    assert "**Roger Bootle** °, chief economist, Deloitte" in markdown
    assert "° marks a description from earlier briefs' articles" in markdown


def test_without_memory_the_bare_name_says_nothing_of_who_he_is(tmp_path: Path) -> None:
    # the same two runs with the memory turned off: the control for the test above
    desk = Desk(tmp_path, "people_memory = false\n")
    desk.add("a1", DESCRIBED.format(date="2026-11-30", name="Roger Bootle", description="chief economist at Deloitte"))
    desk.run()
    desk.add("a2", BARE.format(date="2026-12-03"))
    bootle = desk.person(desk.run(), "Roger Bootle")
    assert bootle["described_by"] == "article" and bootle["speaker"]["role"] == ""
    assert bootle["speaker"]["type"] == "other" and bootle["remembered"] is None
    assert main(["people", "list", "--state", str(desk.state), "--json"]) == 0


def test_the_brief_own_articles_and_a_people_file_win_over_memory(desk: Desk, tmp_path: Path) -> None:
    desk.add("a1", DESCRIBED.format(date="2026-11-30", name="Roger Bootle", description="chief economist at Deloitte"))
    desk.run()
    # an article of the brief itself says who he is now: that wins
    desk.add("a2", BARE.format(date="2026-12-03"))
    desk.add("a3", DESCRIBED.format(date="2026-12-03", name="Roger Bootle", description="an adviser to the Treasury"))
    bootle = desk.person(desk.run(), "Roger Bootle")
    assert bootle["described_by"] == "article" and bootle["speaker"]["organization"] == "Treasury"
    # a people file wins over both
    people = tmp_path / "people.toml"
    people.write_text('[[person]]\nname = "Roger Bootle"\nrole = "chairman"\ntype = "organization"\n', "utf-8")
    with (desk.root / "schedules" / "desk.toml").open("a", encoding="utf-8") as f:
        f.write(f"people = [{json.dumps(str(people))}]\n")
    desk.add("a4", BARE.format(date="2026-12-04").replace("Pound slips", "Pound slips again"))
    bootle = desk.person(desk.run(), "Roger Bootle")
    assert bootle["described_by"] == "people file" and bootle["speaker"]["type"] == "organization"
    assert bootle["remembered"] is None


def test_the_most_frequent_description_is_used_and_old_ones_age_out(tmp_path: Path) -> None:
    desk = Desk(tmp_path, 'people_memory = "30d"\n')
    for n, (date, description) in enumerate(
        [
            ("2026-10-01", "an adviser to the Treasury"),  # more than 30 days before the runs: aged out
            ("2026-10-02", "an adviser to the Treasury"),
            ("2026-11-20", "chief economist at Deloitte"),
            ("2026-11-25", "chief economist at Deloitte"),
            ("2026-11-28", "a partner at Capital Economics"),  # the latest, but given once
        ]
    ):
        text = DESCRIBED.format(date=date, name="Roger Bootle", description=description)
        desk.add(f"old{n}", text.replace("Rates held at 4%", f"Rates report {n}").replace("4%", f"{n + 3}%"))
        desk.run()  # one run an article: each is its own brief
    desk.add("bare", BARE.format(date="2026-12-03"))
    bootle = desk.person(desk.run(), "Roger Bootle")
    assert (bootle["speaker"]["organization"], bootle["remembered"]["times"]) == ("Deloitte", 2)
    assert bootle["remembered"]["seen"].startswith("2026-11-25")  # the latest article that said so


def test_people_list_and_export_show_what_was_learned_as_a_people_file_to_give_back(
    desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk.add("a1", DESCRIBED.format(date="2026-11-30", name="Roger Bootle", description="chief economist at Deloitte"))
    desk.add(
        "a2",
        DESCRIBED.format(date="2026-11-30", name='Jane "JJ" Okafor', description="head of research at Brightwater")
        .replace("Rates held at 4%", "Brightwater view")
        .replace("waiting to see", "not going to guess"),
    )
    desk.run()
    capsys.readouterr()
    assert main(["people", "list", "--state", str(desk.state), "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    bootle = next(p for p in listed if p["name"] == "Roger Bootle")
    assert bootle == {
        "name": "Roger Bootle",
        "role": "chief economist",
        "organization": "Deloitte",
        "type": "analyst",
        "articles": 1,
        "latest": {"article": "a1", "outlet": "Meridian Wire", "seen": "2026-11-30T08:00:00+00:00"},
    }
    assert main(["people", "list", "--state", str(desk.state)]) == 0
    assert "Roger Bootle — chief economist, Deloitte (analyst); 1×, latest 2026-11-30 Meridian Wire" in (
        capsys.readouterr().out
    )
    exported = tmp_path / "learned.toml"
    assert main(["people", "export", "--state", str(desk.state), "-o", str(exported), "-q"]) == 0
    count, problems = check_people(exported)
    assert problems == [] and count == len(listed)
    persons = tomllib.loads(exported.read_text(encoding="utf-8"))["person"]
    assert {"name": "Roger Bootle", "role": "chief economist", "organization": "Deloitte", "type": "analyst"} in persons
    # given back as a people file, the export describes him where an article names him bare
    article = tmp_path / "bare.md"
    article.write_text(BARE.format(date="2026-12-03"), encoding="utf-8")
    assert main(["quotes", str(article), "--json", "--people", str(exported)]) == 0
    quotes = json.loads(capsys.readouterr().out)["articles"][0]["quotes"]
    assert [(q["speaker"], q["speaker_type"], q["organization"]) for q in quotes] == [
        ("Roger Bootle", "analyst", "Deloitte")
    ]


def test_nothing_remembered_yet_and_a_wrong_age(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["people", "list", "--state", str(tmp_path / "none")]) == 0
    assert "no one remembered yet" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()  # listing creates no state
    assert main(["people", "export", "--state", str(tmp_path / "none")]) == 0
    assert "[[person]]" not in capsys.readouterr().out
    assert main(["people", "list", "--state", str(tmp_path), "--max-age", "soon"]) == 2
    assert "cannot read 'soon' as a duration" in capsys.readouterr().err
    folder = tmp_path / "schedules"
    folder.mkdir()
    (folder / "bad.toml").write_text(
        'title = "Bad"\nevery = "1h"\ntimezone = "UTC"\nsources = ["."]\noutput_dir = "."\npeople_memory = 30\n',
        encoding="utf-8",
    )
    assert main(["schedule", "validate", "--schedules", str(folder)]) == 2
    assert 'people_memory: must be a duration like "90d" (a year at most), or false' in capsys.readouterr().out


def test_a_failing_memory_never_undoes_a_recorded_run(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.people.memory import PeopleMemory

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(PeopleMemory, "remember", broken)
    desk.add("a1", DESCRIBED.format(date="2026-11-30", name="Roger Bootle", description="chief economist at Deloitte"))
    desk.run()  # the brief is written and the run recorded ok; the memory's failure is a warning
    from briefing.store import StateStore, sqlite_url

    store = StateStore(sqlite_url(desk.state / "state.sqlite"))
    try:
        assert [run.status for run in store.runs("desk")] == ["ok"]
    finally:
        store.close()
