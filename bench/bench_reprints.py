"""Reprint detection: TF-IDF cosine alone against word 5-gram containment, and what each costs.

    python bench/bench_reprints.py [--json bench/results/reprints.json]

The labelled story set (examples/en/ and tests/data/stories/) gives the negatives: every pair
of distinct reports, both of one event (the hard ones: same names, same numbers) and of
different events. The positives are reprints made from each article the way outlets
re-edit wire copy: the last paragraph cut, a sentence of their own put in front, and a
few words changed. Each method is scored at its threshold, and both are timed on every
pair (briefing checks containment only on pairs with cosine of at least 0.5).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.cluster.dedup import containment, shingles  # noqa: E402
from briefing.cluster.stories import similarity  # noqa: E402
from briefing.evaluate.stories import load_labelled  # noqa: E402
from briefing.models import Article  # noqa: E402

#: reprints already in the labelled set, by event folder and article id (written that way on purpose)
KNOWN_REPRINTS = {("corran-election", frozenset({"harbour-gazette", "meridian-wire"}))}

_SWAPS = {"said": "stated", "on": "on", "per cent": "percent", "about": "around", "after": "following"}


def reprint(article: Article, rng: random.Random) -> Article:
    """An outlet's edit of wire copy: ending cut, its own opening sentence, a few words changed."""
    paragraphs = article.text.split("\n\n")
    if len(paragraphs) > 2:
        paragraphs = paragraphs[:-1]
    opening = rng.choice(
        [
            "Here is the latest on this developing story.",
            "Readers have asked us to follow this closely.",
            "This report is from our wire partners.",
        ]
    )
    text = opening + "\n\n" + "\n\n".join(paragraphs)
    for old, new in _SWAPS.items():
        if rng.random() < 0.5:
            text = text.replace(f" {old} ", f" {new} ", 1)
    return replace(article, id=article.id + "-reprint", text=text, source="Reprinting outlet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    articles, labels = load_labelled([ROOT / "examples" / "en", ROOT / "tests" / "data" / "stories"])
    rng = random.Random(7)
    copies = [reprint(a, rng) for a in articles]
    everything = [*articles, *copies]
    n = len(articles)
    started = time.perf_counter()
    sim = similarity(everything)
    cosine_seconds = time.perf_counter() - started
    pairs: list[tuple[int, int, str]] = []
    for i, j in combinations(range(n), 2):
        event = labels[i].split("/")[1]
        if labels[i] == labels[j] and (event, frozenset({articles[i].id, articles[j].id})) in KNOWN_REPRINTS:
            kind = "reprint"
        else:
            kind = "same event" if labels[i] == labels[j] else "different events"
        pairs.append((i, j, kind))
    pairs += [(i, n + i, "reprint") for i in range(n)]
    started = time.perf_counter()
    grams = [shingles(a.text) for a in everything]
    contained = {(i, j): containment(grams[i], grams[j]) for i, j, _ in pairs}
    shingle_seconds = time.perf_counter() - started

    def score(decide: dict[tuple[int, int], bool]) -> dict[str, float]:
        tp = sum(decide[(i, j)] for i, j, kind in pairs if kind == "reprint")
        fp = sum(decide[(i, j)] for i, j, kind in pairs if kind != "reprint")
        positives = sum(kind == "reprint" for *_, kind in pairs)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / positives
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "false_positives": fp}

    methods = {
        "cosine >= 0.5": {(i, j): bool(sim[i, j] >= 0.5) for i, j, _ in pairs},
        "cosine >= 0.8": {(i, j): bool(sim[i, j] >= 0.8) for i, j, _ in pairs},
        "containment >= 0.5 (briefing)": {
            (i, j): bool(sim[i, j] >= 0.5 and contained[(i, j)] >= 0.5) for i, j, _ in pairs
        },
    }
    results = {name: score(decide) for name, decide in methods.items()}
    spread = {
        kind: {
            "cosine max": max(float(sim[i, j]) for i, j, k in pairs if k == kind),
            "cosine min": min(float(sim[i, j]) for i, j, k in pairs if k == kind),
            "containment max": max(contained[(i, j)] for i, j, k in pairs if k == kind),
            "containment min": min(contained[(i, j)] for i, j, k in pairs if k == kind),
        }
        for kind in ("reprint", "same event", "different events")
    }
    print(f"{n} articles, {n} made-up reprints and {len(KNOWN_REPRINTS)} written ones, {len(pairs)} pairs")
    print(f"{'method':32} {'precision':>9} {'recall':>7} {'F1':>6} {'false +':>8}")
    for name, r in results.items():
        print(f"{name:32} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f} {r['false_positives']:8d}")
    print()
    print(f"{'pairs':18} {'cosine min':>10} {'cosine max':>10} {'contain min':>11} {'contain max':>11}")
    for kind, s in spread.items():
        print(
            f"{kind:18} {s['cosine min']:10.3f} {s['cosine max']:10.3f} "
            f"{s['containment min']:11.3f} {s['containment max']:11.3f}"
        )
    print(
        f"\ntime: TF-IDF cosine for all {len(everything)} articles {cosine_seconds * 1000:.1f} ms; "
        f"shingles + containment for {len(pairs)} pairs {shingle_seconds * 1000:.1f} ms"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"methods": results, "spread": spread}, indent=2))


if __name__ == "__main__":
    main()
