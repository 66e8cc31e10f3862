"""Draw the articles of the fifth English BBC quote set (run from the repository root; standard library only).

The procedure of ../quotes-en-bbc-dev4/select.py with these changes: the fourth set's files and the five twins
its README names are excluded too, the seed is 81, and one drawn file that overlaps a check-set article is skipped
(the next candidate of its pool replaces it). The plan is politics and business only, 12 each. Only the
`source_file` names are read from the gold files (the check set's annotations are not looked at).
"""
from __future__ import annotations

import json
import os
import random

ROOT = os.path.expanduser("~/bbc/BBC News Summary/News Articles")
if not os.path.isdir(ROOT):
    ROOT = "/root/bbc/BBC News Summary/News Articles"
DATA = "bench/data"  # run from the repository root

used = set()  # articles the project already uses
for gold in (
    "quotes-en-bbc-dev/gold.jsonl",
    "quotes-en-bbc-dev2/gold.jsonl",
    "quotes-en-bbc-dev3/gold.jsonl",
    "quotes-en-bbc-dev4/gold.jsonl",
    "quotes-en-bbc-check/gold.jsonl",
):
    for line in open(os.path.join(DATA, gold), encoding="utf-8"):
        if line.strip():
            used.add(json.loads(line)["source_file"])  # file names only
for event in json.load(open(os.path.join(DATA, "stories-bbc-dev/events.json"), encoding="utf-8"))["events"]:
    used.update(event["articles"])
# twins of used files, as the second, third and fourth sets' READMEs ask
used.update({"tech/062.txt", "business/152.txt", "politics/285.txt", "tech/289.txt", "politics/242.txt"})
used.update({"politics/300.txt", "politics/299.txt", "politics/081.txt", "politics/329.txt", "politics/343.txt"})

# drawn but skipped, the next candidate of the same shuffled pool taking its place (see README.md)
skipped = {
    "politics/064.txt": "shares 50% of its 5-word shingles with politics/161.txt, an article of the check set",
}

rng = random.Random(81)  # one instance for all topics, used in this order
plan = [("politics", 12), ("business", 12)]
chosen = []
for topic, n in plan:
    candidates = []
    for name in sorted(os.listdir(os.path.join(ROOT, topic))):
        try:
            text = open(os.path.join(ROOT, topic, name), encoding="utf-8").read()
        except UnicodeDecodeError:  # sport/199.txt (cp1252) is the only file skipped
            continue
        if text.count('"') >= 6 and f"{topic}/{name}" not in used:
            candidates.append(name)
    rng.shuffle(candidates)
    drawn = [f"{topic}/{name}" for name in candidates]
    chosen += [path for path in drawn if path not in skipped][:n]

if __name__ == "__main__":
    print(f"{len(used)} used files")
    for path, why in skipped.items():
        print(f"skipped {path}: {why}")
    for path in chosen:
        print(path)
