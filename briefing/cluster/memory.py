"""What earlier briefs of a schedule reported, by thread: so that a later brief says a story's earlier developments.

A schedule's run, once its brief is recorded, remembers each of the brief's stories — its headline, when it was
first reported, when it was briefed — under a key for its thread, with the thread's top terms
(:func:`briefing.cluster.stories.thread_terms`: the heaviest TF-IDF terms of its reports), in the state store
(table ``stories_seen``, beside the schedules' tables; SQLite or PostgreSQL alike). A later brief's thread
continues a remembered one when their terms are alike — the cosine of the two sets of terms at least
:data:`LIKENESS`, the remembered thread's terms being those of all its briefs — and its stories then list the
remembered stories as earlier developments (:attr:`briefing.models.Story.earlier`), the latest first. The thread is
remembered again under the same key, so a saga is followed across any number of briefs, within the memory's age.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from briefing.models import Brief, Development
from briefing.store import StateStore

__all__ = ["DEFAULT_AGE", "LIKENESS", "MAX_EARLIER", "ThreadMemory", "likeness"]

#: stories briefed longer ago than this are not recalled unless a schedule says otherwise (``thread_memory``)
DEFAULT_AGE = timedelta(days=30)
#: how alike (cosine of their top terms) a thread must be to a remembered one to continue it (docs/evaluation.md)
LIKENESS = 0.35
#: at most this many of a remembered thread's stories are recalled, the latest
MAX_EARLIER = 50
#: the longest headline kept (an article's title is untrusted: a "title" of a page is no title)
_LONGEST = 500

_metadata = sa.MetaData()
_seen = sa.Table(
    "stories_seen",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("schedule", sa.String(200), nullable=False, index=True),
    sa.Column("thread", sa.String(64), nullable=False, index=True),
    sa.Column("headline", sa.String(_LONGEST), nullable=False),
    sa.Column("published", sa.DateTime(timezone=True), nullable=True),
    sa.Column("briefed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("terms", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True, slots=True)
class _Thread:
    terms: dict[str, float]
    stories: list[Development]


def likeness(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two sets of weighted terms (0 when either is empty)."""
    dot = sum(weight * b[term] for term, weight in a.items() if term in b)
    norms = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norms if norms else 0.0


class ThreadMemory:
    """The stories a schedule's briefs reported, by thread, in a state store.

    Raises:
        StateError: from any method, when the database cannot be read or written.
    """

    def __init__(self, store: StateStore, schedule: str) -> None:
        self.store = store
        self.schedule = schedule
        store.create(_metadata)

    def recall(
        self,
        threads: Sequence[Mapping[str, float]],
        *,
        now: datetime | None = None,
        max_age: timedelta = DEFAULT_AGE,
    ) -> list[tuple[str, tuple[Development, ...]]]:
        """For each thread (its top terms), the remembered thread it continues — its key and its stories briefed
        within ``max_age``, the latest first — or ``("", ())`` when it continues none."""
        remembered = self._threads(now=now, max_age=max_age)
        out: list[tuple[str, tuple[Development, ...]]] = []
        for terms in threads:
            best, key = max(((likeness(terms, t.terms), k) for k, t in remembered.items()), default=(0.0, ""))
            if not key or best < LIKENESS:
                out.append(("", ()))
                continue
            stories = sorted(remembered[key].stories, key=_latest_first)
            out.append((key, tuple(stories[:MAX_EARLIER])))
        return out

    def remember(
        self,
        brief: Brief,
        threads: Sequence[tuple[Sequence[str], Mapping[str, float], str]],
        *,
        now: datetime | None = None,
    ) -> int:
        """Remember ``brief``'s stories by thread: each of ``threads`` is its stories' ids, its top terms and the key
        of the remembered thread it continues (``""``: a new one). Returns the number of stories remembered."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        briefed = brief.generated_at.astimezone(UTC)
        rows = []
        for stories, terms, continues in threads:
            key = continues or uuid.uuid4().hex
            for story_id in stories:
                story = brief.story(story_id)
                published = story.published.astimezone(UTC) if story.published is not None else None
                rows.append(
                    {
                        "schedule": self.schedule,
                        "thread": key,
                        "headline": " ".join(story.headline.split())[:_LONGEST],
                        "published": published,
                        "briefed_at": briefed,
                        "terms": json.dumps(dict(terms), ensure_ascii=False, sort_keys=True),
                        "recorded_at": now,
                    }
                )
        if rows:
            with self.store.transaction() as conn:
                conn.execute(_seen.insert(), rows)
        return len(rows)

    def _threads(self, *, now: datetime | None, max_age: timedelta) -> dict[str, _Thread]:
        """The threads remembered within ``max_age``: all their briefs' terms summed, and their stories."""
        since = (now or datetime.now(UTC)).astimezone(UTC) - max_age
        query = (
            sa.select(_seen.c.thread, _seen.c.headline, _seen.c.published, _seen.c.briefed_at, _seen.c.terms)
            .where(_seen.c.schedule == self.schedule, _seen.c.briefed_at >= since)
            .order_by(_seen.c.id)
        )
        with self.store.transaction() as conn:
            rows = conn.execute(query).all()
        threads: dict[str, _Thread] = {}
        counted: set[tuple[str, datetime | None, str]] = set()  # a brief's terms of a thread count once
        for key, headline, published, briefed_at, terms in rows:
            thread = threads.setdefault(key, _Thread(terms={}, stories=[]))
            briefed = _utc(briefed_at)
            thread.stories.append(Development(headline=headline, published=_utc(published), briefed=briefed))
            if (key, briefed, terms) in counted:
                continue
            counted.add((key, briefed, terms))
            try:
                weights = json.loads(terms)
            except ValueError:
                continue
            if isinstance(weights, dict):
                for term, weight in weights.items():
                    if isinstance(term, str) and isinstance(weight, int | float):
                        thread.terms[term] = thread.terms.get(term, 0.0) + float(weight)
        return threads


def _latest_first(story: Development) -> tuple[float, float]:
    when = story.published or story.briefed
    return (-(when.timestamp() if when else 0.0), -(story.briefed.timestamp() if story.briefed else 0.0))


def _utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives it back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
