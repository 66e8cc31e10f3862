"""Following a thread across briefs: how well a brief's threads are matched to an earlier brief's, by their top terms.

    python bench/bench_thread_memory.py --bbc ~/bbc-stories-dev [--splits 20] [--seed 1]

A schedule remembers each brief's stories by thread, with the thread's top terms
(briefing.cluster.memory); a later brief's thread continues a remembered one when their terms'
cosine is at least LIKENESS. The BBC development set (its sagas in sagas.json, written by
bench/bbc_story_folders.py) stands for two briefs of one schedule: its articles are dealt at
random into an earlier and a later brief (--splits times), each brief is grouped as briefing
groups it, and each thread of the later brief is matched to the earlier brief's most alike
thread. A thread "continues" a saga when a report of its saga (the saga most of its reports
belong to) is in the earlier brief. Precision is the share of matched threads matched to a
thread of their own saga; recall the share of continuing threads so matched. The own set
(examples/en as the earlier brief, tests/data/stories as the later) is not labelled by saga:
its closest pairs are listed, to be read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.cluster import group_articles  # noqa: E402
from briefing.cluster.memory import LIKENESS, likeness  # noqa: E402
from briefing.cluster.stories import article_counts, thread_terms  # noqa: E402
from briefing.evaluate.stories import load_labelled  # noqa: E402
from briefing.models import Article  # noqa: E402

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def threads(articles: Sequence[Article]) -> tuple[list[list[int]], list[dict[str, float]]]:
    """A brief's threads (article indices) and their top terms, as a schedule's run finds them."""
    result = group_articles(articles)
    members: dict[int, list[int]] = {}
    for group in result.groups:
        members.setdefault(group.thread, []).extend((*group.articles, *group.copies))
    found = [members[n] for n in sorted(members)]
    return found, thread_terms(article_counts(articles), found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--bbc", type=Path, required=True, help="the BBC set's folders, with sagas.json")
    parser.add_argument("--splits", type=int, default=20, help="random deals of the articles into two briefs")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    articles, labels = load_labelled([args.bbc])
    named = json.loads((args.bbc / "sagas.json").read_text(encoding="utf-8"))
    sagas = [named.get(Path(a.origin).name, label) for a, label in zip(articles, labels, strict=True)]
    rng = random.Random(args.seed)
    # per threshold: matches, right matches, threads that continue a saga
    tally = {t: [0, 0, 0] for t in THRESHOLDS}
    for _ in range(args.splits):
        order = list(range(len(articles)))
        rng.shuffle(order)
        first, second = sorted(order[: len(order) // 2]), sorted(order[len(order) // 2 :])
        old_threads, old_terms = threads([articles[i] for i in first])
        new_threads, new_terms = threads([articles[i] for i in second])
        old_sagas = [Counter(sagas[first[i]] for i in t).most_common(1)[0][0] for t in old_threads]
        earlier = {sagas[i] for i in first}
        for members, terms in zip(new_threads, new_terms, strict=True):
            saga = Counter(sagas[second[i]] for i in members).most_common(1)[0][0]
            score, best = max((likeness(terms, old), k) for k, old in enumerate(old_terms))
            for t in THRESHOLDS:
                tally[t][2] += saga in earlier
                if score >= t:
                    tally[t][0] += 1
                    tally[t][1] += old_sagas[best] == saga
    print(f"BBC development set, {args.splits} deals into two briefs (seed {args.seed}); briefing's cut: {LIKENESS}")
    print(f"{'cut':>5} {'matched':>8} {'right':>6} {'precision':>10} {'recall':>7}")
    for t, (matched, right, continuing) in tally.items():
        p = right / matched if matched else 1.0
        r = right / continuing if continuing else 1.0
        print(f"{t:5.2f} {matched:8d} {right:6d} {100 * p:9.1f}% {100 * r:6.1f}%")
    own_old, _ = load_labelled([ROOT / "examples" / "en"])
    own_new, _ = load_labelled([ROOT / "tests" / "data" / "stories"])
    old_threads, old_terms = threads(own_old)
    new_threads, new_terms = threads(own_new)
    print("\nown set: examples/en, then tests/data/stories — the later brief's three threads most alike to one of")
    print("the earlier's (matched: at least briefing's cut)")
    pairs = []
    for members, terms in zip(new_threads, new_terms, strict=True):
        score, best = max((likeness(terms, old), k) for k, old in enumerate(old_terms))
        pairs.append((score, own_new[members[0]].title, own_old[old_threads[best][0]].title))
    for score, new, old in sorted(pairs, reverse=True)[:3]:
        print(f"  {score:.2f} {'matched' if score >= LIKENESS else 'apart  '}  {new}  ->  {old}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
