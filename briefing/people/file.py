"""A people file: who people are, as the reader's desk knows them, over what an article implies.

A people file is TOML, one ``[[person]]`` table per person::

    [[person]]
    name = "Andrey Kazantsev"                       # the name a brief shows
    aliases = ["Andrew Kazantsev", "Андрей Казанцев"]  # other spellings and scripts
    role = "Director of the Analytical Centre"
    organization = "MGIMO"
    type = "analyst"                                # analyst, official, media, organization or other
    since = 2019-01-01                              # optional: the description holds from …
    until = 2026-12-31                              # … to (an article dated outside is left as it is)

A quote whose speaker is named as the person (their name or an alias, whatever the case of the letters; in Russian
the speaker's name is already brought to the nominative) is given the person's name, and the role, organisation
and type the file gives, each over the article's. :func:`read_people` reads one or more files and reports every
problem with its ``FILE:LINE``; :func:`check_people` lists the problems without stopping at the first.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import cast, get_args

from briefing.config import did_you_mean
from briefing.errors import ConfigError
from briefing.models import Quote, Speaker, SpeakerType
from briefing.regular import read_regular

__all__ = ["People", "Person", "check_people", "name_key", "read_people"]

_TYPES: tuple[str, ...] = get_args(SpeakerType)
_KEYS = ("name", "aliases", "role", "organization", "type", "since", "until")
_HINT = "see docs/people.md"


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """One person of a people file, and where the file says it (``FILE:LINE``)."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    organization: str = ""
    type: SpeakerType | None = None
    since: date | None = None
    until: date | None = None
    where: str = ""

    def holds_on(self, day: date | None) -> bool:
        """Whether the description holds on ``day`` (an undated article: always)."""
        if day is None:
            return True
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    def speaker(self, said: Speaker) -> Speaker:
        """``said`` (a speaker as an article names them) as this person: the file's name, and its role,
        organisation and type wherever it gives them."""
        return Speaker(
            name=self.name,
            role=self.role or said.role,
            organization=self.organization or said.organization,
            type=self.type or said.type,
            named=True,
        )


def name_key(name: str) -> str:
    """A name as it is matched: case, runs of white space and ё/е do not count."""
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").split()).casefold()


class People:
    """The people of one or more files, found by name or alias."""

    def __init__(self, persons: Iterable[Person] = ()) -> None:
        self.persons = tuple(persons)
        self._by_key: dict[str, list[Person]] = {}
        for person in self.persons:
            for name in (person.name, *person.aliases):
                self._by_key.setdefault(name_key(name), []).append(person)

    def __len__(self) -> int:
        return len(self.persons)

    def find(self, name: str, day: date | None = None) -> Person | None:
        """The person named ``name`` whose description holds on ``day``, or ``None``."""
        return next((p for p in self._by_key.get(name_key(name), ()) if p.holds_on(day)), None)

    def apply(self, quotes: Sequence[Quote], published: datetime | None = None) -> tuple[Quote, ...]:
        """``quotes`` of one article (published then), each whose speaker is a person of the file given as them."""
        if not self.persons:
            return tuple(quotes)
        day = published.date() if published is not None else None
        out = []
        for quote in quotes:
            speaker = quote.speaker
            person = self.find(speaker.name, day) if speaker is not None and speaker.named else None
            out.append(dataclasses.replace(quote, speaker=person.speaker(speaker)) if person and speaker else quote)
        return tuple(out)


def read_people(paths: Sequence[Path]) -> People:
    """The people of the files ``paths``, in order (a name given twice: the first file's).

    Raises:
        ConfigError: a file cannot be read, is not valid TOML, or a person is malformed; the message starts with
            ``FILE:LINE`` and names the first problem.
    """
    persons: list[Person] = []
    for path in paths:
        found, problems = _read(path)
        if problems:
            raise ConfigError(problems[0], field="people", hint=_HINT)
        persons += found
    return People(persons)


def check_people(path: Path) -> tuple[int, list[str]]:
    """How many people the file ``path`` describes, and every problem in it, each starting with ``FILE:LINE``."""
    found, problems = _read(path)
    return len(found), problems


_PERSON_LINE = re.compile(r"^\s*\[\[\s*person\s*\]\]")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _lines(text: str) -> tuple[list[int], list[dict[str, int]]]:
    """The line of each ``[[person]]`` header, and of each key inside it."""
    headers: list[int] = []
    keys: list[dict[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _PERSON_LINE.match(line):
            headers.append(number)
            keys.append({})
        elif keys and (key := _KEY_LINE.match(line)):
            keys[-1].setdefault(key.group(1), number)
    return headers, keys


def _read(path: Path) -> tuple[list[Person], list[str]]:
    try:
        text = read_regular(path).decode("utf-8")
    except OSError as exc:
        return [], [f"{path}: cannot be read: {exc.strerror or exc}"]
    except UnicodeDecodeError:
        return [], [f"{path}: not UTF-8 text"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        return [], [f"{path}:{line.group(1) if line else 1}: not valid TOML: {exc}"]
    problems: list[str] = []
    for key in data:
        if key != "person":
            problems.append(f"{path}:1: unknown table or key {key!r}{did_you_mean(key, ('person',))}")
    entries = data.get("person", [])
    if not isinstance(entries, list):
        return [], [*problems, f"{path}:1: person must be [[person]] tables"]
    headers, keys = _lines(text)
    persons: list[Person] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        at = f"{path}:{headers[index] if index < len(headers) else 1}"
        lines = keys[index] if index < len(keys) else {}

        def where(key: str, at: str = at, lines: dict[str, int] = lines) -> str:
            return f"{path}:{lines[key]}" if key in lines else at

        person, wrong = _person(entry, at, where)
        problems += wrong
        if person is None:
            continue
        for key, names in (("name", (person.name,)), ("aliases", person.aliases)):
            for name in names:
                earlier = seen.get(name_key(name))
                if earlier is not None:
                    problems.append(f"{where(key)}: {name!r} is already a name or alias of the person at {earlier}")
                seen.setdefault(name_key(name), at)
        persons.append(person)
    return persons, problems


def _person(entry: object, at: str, where: Callable[[str], str]) -> tuple[Person | None, list[str]]:
    """A ``[[person]]`` table as a person, and its problems."""
    if not isinstance(entry, dict):
        return None, [f"{at}: a person must be a table"]
    problems = [f"{where(key)}: unknown key {key!r}{did_you_mean(key, _KEYS)}" for key in entry if key not in _KEYS]
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        return None, [*problems, f'{at}: a person needs a name (name = "…")']
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append(f"{where('aliases')}: aliases must be a list of names")
        aliases = []
    texts = {}
    for key in ("role", "organization"):
        value = entry.get(key, "")
        if not isinstance(value, str):
            problems.append(f"{where(key)}: {key} must be text, not {value!r}")
            value = ""
        texts[key] = value.strip()
    kind: SpeakerType | None = None
    given = entry.get("type")
    if given in _TYPES:
        kind = cast(SpeakerType, given)
    elif given is not None:
        problems.append(f"{where('type')}: type must be one of {', '.join(_TYPES)}, not {given!r}")
    dates: dict[str, date | None] = {}
    for key in ("since", "until"):
        value = entry.get(key)
        if isinstance(value, datetime):
            value = value.date()
        if value is not None and not isinstance(value, date):
            problems.append(f"{where(key)}: {key} must be a date (2026-01-31), not {value!r}")
            value = None
        dates[key] = value
    if dates["since"] and dates["until"] and dates["since"] > dates["until"]:
        problems.append(f"{where('until')}: until ({dates['until']}) comes before since ({dates['since']})")
    person = Person(
        name=" ".join(name.split()),
        aliases=tuple(" ".join(a.split()) for a in aliases),
        role=texts["role"],
        organization=texts["organization"],
        type=kind,
        since=dates["since"],
        until=dates["until"],
        where=at,
    )
    return person, problems
