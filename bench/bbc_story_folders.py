"""Lay out the BBC story development set as the labelled folders `briefing eval stories` reads.

    python bench/bbc_story_folders.py --bbc "DIR/BBC News Summary/News Articles" --out ~/bbc-stories-dev
    briefing eval stories ~/bbc-stories-dev
    briefing eval stories ~/bbc-stories-dev --threads      # the threads, against the events and the sagas

The labels are in bench/data/stories-bbc-dev/events.json (see the README there); the articles
themselves are not in the repository, so they are copied from a local copy of the BBC News
Summary corpus (github:Miguel-G-Soares/PRI_proj1). Every event with two or more articles gets a
folder named by its id; the articles of single-article events all go to `singletons`. Files are
copied byte for byte and named CATEGORY-NNN.txt (e.g. business-123.txt), so names stay unique.
`sagas.json` beside them names each article's saga (`briefing eval stories --threads` reads it).

--half a or --half b writes one half of the set: whole sagas (an event of no saga is one of its own), dealt
from the one with the most same-event pairs down, each to the half with fewer pairs so far — so that a
setting tuned on one half can be checked on events, and sagas, it never saw.

--out must be outside this repository (the texts may not be committed) and empty or absent.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "bench" / "data" / "stories-bbc-dev" / "events.json"
SINGLETONS = "singletons"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ARTICLE = re.compile(r"^(business|politics|tech|entertainment|sport)/[0-9]{3}\.txt$")


SAGAS = "sagas.json"


@dataclass(frozen=True, slots=True)
class Event:
    """One labelled event: its id, its articles as paths relative to the 'News Articles' folder, and its saga."""

    id: str
    articles: tuple[str, ...]
    saga: str = ""

    @property
    def thread(self) -> str:
        """Its saga, or itself when it belongs to none."""
        return self.saga or self.id


def load_events(path: Path) -> list[Event]:
    """Read and check events.json: ids unique and folder-safe, every article in exactly one event."""
    data = json.loads(path.read_text(encoding="utf-8"))
    events: list[Event] = []
    owner: dict[str, str] = {}
    for raw in data["events"]:
        event_id, articles = raw["id"], tuple(raw["articles"])
        if not _ID.match(event_id) or event_id == SINGLETONS:
            raise ValueError(f"{path}: bad event id {event_id!r}")
        if any(e.id == event_id for e in events):
            raise ValueError(f"{path}: event id {event_id!r} used twice")
        if not articles:
            raise ValueError(f"{path}: event {event_id!r} has no articles")
        for article in articles:
            if not _ARTICLE.match(article):
                raise ValueError(f"{path}: event {event_id!r}: bad article path {article!r}")
            if article in owner:
                raise ValueError(f"{path}: {article} is in both {owner[article]!r} and {event_id!r}")
            owner[article] = event_id
        events.append(Event(event_id, articles, str(raw.get("saga") or "")))
    return events


def halves(events: list[Event]) -> dict[str, list[Event]]:
    """The events split in two halves, ``a`` and ``b``, by whole sagas with about as many same-event pairs."""
    pairs: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for e in events:
        pairs[e.thread] = pairs.get(e.thread, 0) + len(e.articles) * (len(e.articles) - 1) // 2
        sizes[e.thread] = sizes.get(e.thread, 0) + len(e.articles)
    dealt: dict[str, list[str]] = {"a": [], "b": []}
    totals = {"a": (0, 0), "b": (0, 0)}
    for saga in sorted(pairs, key=lambda s: (-pairs[s], -sizes[s], s)):
        half = min(totals, key=lambda h: (*totals[h], h))
        dealt[half].append(saga)
        totals[half] = (totals[half][0] + pairs[saga], totals[half][1] + sizes[saga])
    return {h: [e for e in events if e.thread in sagas] for h, sagas in dealt.items()}


def file_name(article: str) -> str:
    """business/123.txt -> business-123.txt"""
    return article.replace("/", "-")


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies below it (both resolved)."""
    return path == folder or folder in path.parents


def write_folders(events: list[Event], bbc: Path, out: Path) -> tuple[int, int]:
    """Copy the articles into ``out``; returns (event folders written, singleton files written)."""
    missing = [a for e in events for a in e.articles if not (bbc / a).is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} article(s) not found under {bbc}, e.g. {missing[0]}")
    folders = singles = 0
    for event in events:
        many = len(event.articles) > 1
        target = out / (event.id if many else SINGLETONS)
        target.mkdir(parents=True, exist_ok=True)
        for article in event.articles:
            shutil.copyfile(bbc / article, target / file_name(article))
        folders += many
        singles += not many
    sagas = {file_name(a): e.saga for e in events if e.saga for a in e.articles}
    (out / SAGAS).write_text(json.dumps(sagas, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return folders, singles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--bbc", type=Path, required=True, help="the corpus's 'News Articles' folder")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (outside the repository)")
    parser.add_argument("--events", type=Path, default=EVENTS, help=f"labels (default {EVENTS.relative_to(ROOT)})")
    parser.add_argument("--half", choices=("a", "b"), help="write only this half of the events (whole sagas)")
    args = parser.parse_args(argv)
    bbc = args.bbc.expanduser().resolve()
    out = args.out.expanduser().resolve()
    if not bbc.is_dir():
        parser.error(f"--bbc {bbc}: not a folder")
    if is_inside(out, ROOT):
        parser.error(f"--out {out} is inside the repository {ROOT}: the article texts must not be committed")
    if is_inside(out, bbc) or is_inside(bbc, out):
        parser.error(f"--out {out} overlaps the corpus folder {bbc}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        parser.error(f"--out {out} exists and is not an empty folder")
    try:
        events = load_events(args.events)
        if args.half:
            events = halves(events)[args.half]
        folders, singles = write_folders(events, bbc, out)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    articles = sum(len(e.articles) for e in events)
    print(f"{out}: {articles} articles, {len(events)} events ({folders} folders, {singles} in {SINGLETONS}/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
