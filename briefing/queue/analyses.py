"""Articles' analyses kept in the queue's database, so an article that many schedules brief is analysed once.

A :class:`DatabaseAnalysisCache` is the :class:`~briefing.analysis.AnalysisCache` of the queue's workers:
rows of :data:`~briefing.queue.database.analyses` keyed by :func:`~briefing.analysis.analysis_key` (the
article's words and language, the settings, briefing's version and code), each analysis as JSON
(:func:`encode`; the article's id is left out, as the same words are another article in another run).

Two workers briefing the same new articles at once would both analyse them; instead each key being
analysed is held with a lock of the transaction (an advisory lock on its key). A worker takes the
locks it can at once, analyses those articles and writes them, then waits for the keys another
worker holds and reads what it wrote: never holding a lock while it waits for one, it cannot deadlock
with another, and a worker that dies mid-analysis ends its session, frees its keys and leaves the
waiting one to analyse them itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from briefing.analysis import Analysis
from briefing.errors import StateError
from briefing.models import Citation, Quote, Sentence, Speaker
from briefing.queue.database import advisory_key, analyses

__all__ = ["DatabaseAnalysisCache", "decode", "encode", "prune_analyses"]

#: the JSON's layout; a decoder meets no other (a new layout comes with new code, so new keys)
_FORMAT = 1
#: how long a worker waits for another to finish analysing the articles it needs, before analysing them itself
WAIT_FOR_OTHERS = "300s"
#: keys read or written in one statement
_BATCH = 500


def encode(analysis: Analysis) -> str:
    """``analysis`` as JSON, without the id of the article it was made of."""
    return json.dumps(
        {
            "format": _FORMAT,
            "sentences": [_sentence(s) for s in analysis.sentences],
            "picks": [_sentence(s) for s in analysis.picks],
            "quotes": [_quote(q) for q in analysis.quotes],
            "terms": list(analysis.terms),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(text: str, article_id: str = "") -> Analysis:
    """The analysis :func:`encode` wrote, made of the article called ``article_id``.

    Raises:
        ValueError: the text is not an analysis this version wrote.
    """
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError("not an analysis of this version's layout")

    def sentence(row: list[Any]) -> Sentence:
        text, paragraph, index, start, end = row
        return Sentence(text=text, article_id=article_id, paragraph=paragraph, index=index, start=start, end=end)

    def quote(row: dict[str, Any]) -> Quote:
        who = row["speaker"]
        return Quote(
            text=row["text"],
            article_id=article_id,
            start=row["start"],
            end=row["end"],
            kind=row["kind"],
            speaker=None if who is None else Speaker(**who),
            paragraph=row["paragraph"],
            cue=row["cue"],
            parts=tuple((a, b) for a, b in row["parts"]),
            also_in=tuple(Citation(article_id=other or article_id, paragraph=p) for other, p in row["also_in"]),
            rule=row["rule"],
            confidence=row["confidence"],
        )

    return Analysis(
        sentences=tuple(sentence(r) for r in data["sentences"]),
        quotes=tuple(quote(r) for r in data["quotes"]),
        picks=tuple(sentence(r) for r in data["picks"]),
        terms=tuple(dict(t) for t in data["terms"]),
    )


def _sentence(s: Sentence) -> list[Any]:
    return [s.text, s.paragraph, s.index, s.start, s.end]


def _speaker(who: Speaker) -> dict[str, Any]:
    return {"name": who.name, "role": who.role, "organization": who.organization, "type": who.type, "named": who.named}


def _quote(q: Quote) -> dict[str, Any]:
    who = q.speaker
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "speaker": None if who is None else _speaker(who),
        "paragraph": q.paragraph,
        "cue": q.cue,
        "parts": [list(p) for p in q.parts],
        # a citation of the article itself is written without its id ("" on the way back: the article's own)
        "also_in": [["" if c.article_id == q.article_id else c.article_id, c.paragraph] for c in q.also_in],
        "rule": q.rule,
        "confidence": q.confidence,
    }


class DatabaseAnalysisCache:
    """An :class:`~briefing.analysis.AnalysisCache` in the queue's database (table ``analyses``).

    Raises:
        StateError: from :meth:`analyses`, when the database fails.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def analyses(
        self, keys: Sequence[str], compute: Callable[[Sequence[str]], Mapping[str, Analysis]]
    ) -> dict[str, Analysis]:
        """The analysis of every key: those kept; those no worker is analysing, computed here and kept; those
        another worker is analysing, read once it has written them (computed here if it has not)."""
        try:
            with self.engine.begin() as conn:
                found = _load(conn, keys, touch=True)
            missing = sorted(k for k in dict.fromkeys(keys) if k not in found)
            if missing:
                found.update(self._claim_and_compute(missing, compute))
            waiting = [k for k in missing if k not in found]
            if waiting:
                found.update(self._wait_and_read(waiting, compute))
        except SQLAlchemyError as exc:
            raise StateError(f"the kept analyses cannot be read or written: {_reason(exc)}") from exc
        return found

    def _claim_and_compute(
        self, missing: list[str], compute: Callable[[Sequence[str]], Mapping[str, Analysis]]
    ) -> dict[str, Analysis]:
        """Take the keys no one holds (without waiting), analyse the articles not written meanwhile, write them."""
        with self.engine.begin() as conn:
            # one statement for them all: a try never waits, so the order the server takes them in does not matter
            claim = sa.text(
                "SELECT key FROM unnest(CAST(:keys AS text[]), CAST(:locks AS bigint[])) AS t(key, lock) "
                "WHERE pg_try_advisory_xact_lock(lock)"
            )
            taken = set(conn.execute(claim, {"keys": missing, "locks": [_lock(k) for k in missing]}).scalars())
            # (committed as the block ends: the keys' locks go with the transaction)
            return _read_or_compute(conn, [k for k in missing if k in taken], compute)

    def _wait_and_read(
        self, waiting: list[str], compute: Callable[[Sequence[str]], Mapping[str, Analysis]]
    ) -> dict[str, Analysis]:
        """Wait for the workers analysing ``waiting`` (keys in order: no two waiters hold one another up), read
        what they wrote, and analyse what they did not (one died, or took longer than :data:`WAIT_FOR_OTHERS`)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.text(f"SET LOCAL lock_timeout = '{WAIT_FOR_OTHERS}'"))
                for key in waiting:
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock(key)})
                return _read_or_compute(conn, waiting, compute)
        except OperationalError as exc:
            if getattr(getattr(exc, "orig", None), "sqlstate", None) != "55P03":  # lock_not_available
                raise
        made = dict(compute(waiting))  # the other worker is still at it: this run does not wait longer
        with self.engine.begin() as conn:
            _store(conn, made)
        return made


def _read_or_compute(
    conn: Connection, keys: list[str], compute: Callable[[Sequence[str]], Mapping[str, Analysis]]
) -> dict[str, Analysis]:
    """The analyses of ``keys`` stored already, and those of the others computed and stored now."""
    done = _load(conn, keys)
    todo = [k for k in keys if k not in done]
    if todo:
        made = dict(compute(todo))
        _store(conn, made)
        done.update(made)
    return done


def _lock(key: str) -> int:
    return advisory_key(f"analysis:{key}")


def _batches(keys: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(keys), _BATCH):
        yield keys[start : start + _BATCH]


def _load(conn: Connection, keys: Sequence[str], *, touch: bool = False) -> dict[str, Analysis]:
    found: dict[str, Analysis] = {}
    for batch in _batches(list(dict.fromkeys(keys))):
        rows = conn.execute(sa.select(analyses.c.key, analyses.c.analysis).where(analyses.c.key.in_(batch)))
        for key, text in rows:
            try:
                found[str(key)] = decode(str(text))
            except (ValueError, KeyError, TypeError):
                continue  # unreadable: analysed again, and written over by no one (kept as it is)
        if touch and found:
            # when each was last used, to a day: what no run has used for long is pruned (prune_analyses)
            conn.execute(
                analyses.update()
                .where(analyses.c.key.in_(batch), analyses.c.used_at < sa.func.now() - timedelta(days=1))
                .values(used_at=sa.func.now())
            )
    return found


def _store(conn: Connection, made: Mapping[str, Analysis]) -> None:
    rows = [
        {"key": key, "analysis": encode(value), "created_at": sa.func.now(), "used_at": sa.func.now()}
        for key, value in made.items()
    ]
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(analyses).values(rows[start : start + _BATCH]).on_conflict_do_nothing())


def prune_analyses(engine: Engine, *, unused_for: timedelta = timedelta(days=30)) -> int:
    """Delete the analyses no run has used for ``unused_for`` (those of articles no feed carries any more, and of
    earlier versions of briefing); returns how many.

    Raises:
        StateError: the database failed.
    """
    try:
        with engine.begin() as conn:
            result = conn.execute(analyses.delete().where(analyses.c.used_at < sa.func.now() - unused_for))
    except SQLAlchemyError as exc:
        raise StateError(f"the kept analyses cannot be pruned: {_reason(exc)}") from exc
    return int(result.rowcount or 0)


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
