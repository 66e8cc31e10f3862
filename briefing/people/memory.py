"""What earlier briefs learned of who people are: the descriptions their articles gave, dated, ageing out.

A schedule's run, once its brief is recorded, remembers how the brief's own articles described each person they quote
in full ("Roger Bootle", chief economist, Deloitte, analyst), with the article, its outlet and its date, in the state
store (table ``people_seen``, beside the schedules' tables; SQLite or PostgreSQL alike). A later brief that quotes the
person without any article of its own saying who they are describes them as earlier articles did most often within
the memory's age (the latest among equals): people change jobs, so an old description is not used. The memory never
overrides a people file or a description of the brief's own articles, and the brief says where each description
came from (``described_by`` of the brief's people: ``"people file"``, ``"article"`` or ``"memory"``).

``briefing people list`` shows what was learned and ``briefing people export`` writes it as a people file a desk can
edit and give back with ``--people`` (docs/people.md).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast, get_args

import sqlalchemy as sa

from briefing.models import Article, Brief, Remembered, Speaker, SpeakerType
from briefing.people.file import name_key
from briefing.store import StateStore

__all__ = ["DEFAULT_AGE", "PeopleMemory", "people_file"]

#: descriptions older than this are not used unless a schedule says otherwise (``people_memory_days``)
DEFAULT_AGE = timedelta(days=365)

_metadata = sa.MetaData()
_seen = sa.Table(
    "people_seen",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name_key", sa.String(300), nullable=False, index=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("role", sa.Text, nullable=False, default=""),
    sa.Column("organization", sa.Text, nullable=False, default=""),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("article", sa.String(2000), nullable=False),
    sa.Column("outlet", sa.String(300), nullable=False, default=""),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("schedule", sa.String(200), nullable=False, default=""),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)
_TYPES: tuple[str, ...] = get_args(SpeakerType)
#: the longest name, role or organisation kept (an article's text is untrusted: a "role" of a page is no role)
_LONGEST = 300


@dataclass(frozen=True, slots=True)
class _Row:
    name: str
    role: str
    organization: str
    type: str
    article: str
    outlet: str
    seen_at: datetime


class PeopleMemory:
    """The descriptions of people remembered in a state store.

    Raises:
        StateError: from any method, when the database cannot be read or written.
    """

    def __init__(self, store: StateStore) -> None:
        self.store = store
        store.create(_metadata)

    def remember(self, brief: Brief, *, schedule: str = "", now: datetime | None = None) -> int:
        """Remember how ``brief``'s own articles described the people it quotes; the number of descriptions new here.

        Only people named in full and described by an article of the brief count (not a people file's word, not what
        was itself remembered); an article gives one person's description once, however often it is briefed.
        """
        now = (now or datetime.now(UTC)).astimezone(UTC)
        articles = _articles(brief)
        rows: list[_Row] = []
        for person in brief.people:
            speaker = person.speaker
            article = articles.get(person.described_in)
            if person.described_by != "article" or article is None or len(speaker.name.split()) < 2:
                continue
            if not (speaker.role or speaker.organization) or len(speaker.name) > _LONGEST:
                continue
            seen = article.published.astimezone(UTC) if article.published is not None else now
            rows.append(
                _Row(
                    speaker.name,
                    speaker.role[:_LONGEST],
                    speaker.organization[:_LONGEST],
                    speaker.type,
                    article.id[:2000],
                    article.outlet[:_LONGEST],
                    seen,
                )
            )
        added = 0
        with self.store.transaction() as conn:
            for row in rows:
                key = name_key(row.name)
                there = conn.execute(
                    sa.select(_seen.c.id).where(
                        _seen.c.name_key == key,
                        _seen.c.article == row.article,
                        _seen.c.role == row.role,
                        _seen.c.organization == row.organization,
                    )
                ).first()
                if there is not None:
                    continue
                conn.execute(
                    _seen.insert().values(
                        name_key=key,
                        name=row.name,
                        role=row.role,
                        organization=row.organization,
                        type=row.type,
                        article=row.article,
                        outlet=row.outlet,
                        seen_at=row.seen_at,
                        schedule=schedule,
                        recorded_at=now,
                    )
                )
                added += 1
        return added

    def recall(
        self, names: Collection[str], *, now: datetime | None = None, max_age: timedelta = DEFAULT_AGE
    ) -> dict[str, Remembered]:
        """How earlier articles described each of ``names`` (as given), for those they described within ``max_age``."""
        if not names:
            return {}
        wanted = {name_key(n): n for n in names}
        best = self._best(_seen.c.name_key.in_(list(wanted)), now=now, max_age=max_age)
        return {wanted[key]: remembered for key, remembered in best.items()}

    def everyone(self, *, now: datetime | None = None, max_age: timedelta | None = None) -> list[Remembered]:
        """Every person remembered (within ``max_age``, when given), with their best description, by name."""
        best = self._best(sa.true(), now=now, max_age=max_age)
        return sorted(best.values(), key=lambda r: (r.speaker.name.casefold(), r.speaker.name))

    def _best(
        self, which: sa.ColumnElement[bool], *, now: datetime | None, max_age: timedelta | None
    ) -> dict[str, Remembered]:
        query = sa.select(
            _seen.c.name_key,
            _seen.c.name,
            _seen.c.role,
            _seen.c.organization,
            _seen.c.type,
            _seen.c.article,
            _seen.c.outlet,
            _seen.c.seen_at,
        ).where(which)
        if max_age is not None:
            query = query.where(_seen.c.seen_at >= (now or datetime.now(UTC)).astimezone(UTC) - max_age)
        with self.store.transaction() as conn:
            rows = conn.execute(query.order_by(_seen.c.seen_at, _seen.c.id)).all()
        # per person, per description: how many articles gave it and the latest of them (rows come oldest first)
        tally: dict[str, dict[tuple[str, str, str], tuple[int, _Row]]] = {}
        for key, name, role, organization, kind, article, outlet, seen_at in rows:
            row = _Row(name, role, organization, kind, article, outlet, _utc(seen_at))
            counts = tally.setdefault(key, {})
            times, _ = counts.get((role, organization, kind), (0, row))
            counts[(role, organization, kind)] = (times + 1, row)
        best: dict[str, Remembered] = {}
        for key, counts in tally.items():
            times, row = max(counts.values(), key=lambda item: (item[0], item[1].seen_at))
            kind = cast(SpeakerType, row.type if row.type in _TYPES else "other")
            speaker = Speaker(name=row.name, role=row.role, organization=row.organization, type=kind)
            best[key] = Remembered(
                speaker=speaker, times=times, article=row.article, outlet=row.outlet, seen=row.seen_at
            )
        return best


def people_file(remembered: Iterable[Remembered], *, now: datetime | None = None) -> str:
    """``remembered`` as a people file (TOML) a desk can edit and give back with ``--people``."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    lines = [
        f"# People as earlier briefs' articles described them, exported {stamp:%Y-%m-%d %H:%M} UTC.",
        "# Edit what is wrong, delete whom you do not want, and give the file back with --people (docs/people.md).",
    ]
    for r in remembered:
        s = r.speaker
        where = f" in {_one_line(r.outlet)}" if r.outlet else ""
        when = f" on {r.seen:%Y-%m-%d}" if r.seen is not None else ""
        lines += ["", f"# described so by {r.times} article(s); the latest{where}{when}", "[[person]]"]
        lines.append(f"name = {_toml_string(s.name)}")
        if s.role:
            lines.append(f"role = {_toml_string(s.role)}")
        if s.organization:
            lines.append(f"organization = {_toml_string(s.organization)}")
        lines.append(f"type = {_toml_string(s.type)}")
    return "\n".join(lines) + "\n"


def _articles(brief: Brief) -> Mapping[str, Article]:
    found: dict[str, Article] = {}
    for story in (*brief.stories, *brief.also_reported):
        for article in (*story.articles, *story.copies):
            found.setdefault(article.id, article)
    return found


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored here is UTC
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character escaped."""
    out = ['"']
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
