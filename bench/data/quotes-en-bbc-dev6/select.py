"""Draw the articles of the sixth English BBC quote set (run from the repository root; standard library only).

The procedure of ../quotes-en-bbc-dev5/select.py with these changes: the fifth set's files and the four files its
README asks a later draw to exclude are excluded too, so is every file whose text is the same as a used file's
(compared as whitespace-separated words, so byte-identical twins and twins that differ only in spacing both go),
and the seed is 97. The plan is politics and business only, 12 each. As before, the filter is at least six `"`,
one `random.Random` instance is used over the topics in this order, the used files are removed before the shuffle,
and a drawn file listed in `skipped` is passed over (the next candidate of its pool replaces it). Only the
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


def read(path: str) -> str | None:
    """The file's text, or None for the one cp1252 file (sport/199.txt)."""
    try:
        return open(path, encoding="utf-8").read()
    except UnicodeDecodeError:
        return None


used = set()  # articles the project already uses
for gold in (
    "quotes-en-bbc-dev/gold.jsonl",
    "quotes-en-bbc-dev2/gold.jsonl",
    "quotes-en-bbc-dev3/gold.jsonl",
    "quotes-en-bbc-dev4/gold.jsonl",
    "quotes-en-bbc-dev5/gold.jsonl",
    "quotes-en-bbc-check/gold.jsonl",
):
    for line in open(os.path.join(DATA, gold), encoding="utf-8"):
        if line.strip():
            used.add(json.loads(line)["source_file"])  # file names only
for event in json.load(open(os.path.join(DATA, "stories-bbc-dev/events.json"), encoding="utf-8"))["events"]:
    used.update(event["articles"])
# twins and near-twins of used files, as the second to fifth sets' READMEs ask
used.update({"tech/062.txt", "business/152.txt", "politics/285.txt", "tech/289.txt", "politics/242.txt"})
used.update({"politics/300.txt", "politics/299.txt", "politics/081.txt", "politics/329.txt", "politics/343.txt"})
used.update({"politics/342.txt", "politics/222.txt", "politics/221.txt", "politics/064.txt"})
named = len(used)

# every other file whose text is a used file's text (the corpus has twins): compared word by word
texts = {}
for topic in sorted(os.listdir(ROOT)):
    for name in sorted(os.listdir(os.path.join(ROOT, topic))):
        text = read(os.path.join(ROOT, topic, name))
        if text is not None:
            texts[f"{topic}/{name}"] = text
used_words = {" ".join(texts[path].split()) for path in used if path in texts}
twins = {path for path, text in texts.items() if path not in used and " ".join(text.split()) in used_words}
used |= twins

# drawn but skipped, the next candidate of the same shuffled pool taking its place (see README.md)
skipped: dict[str, str] = {}

rng = random.Random(97)  # one instance for all topics, used in this order
plan = [("politics", 12), ("business", 12)]
chosen = []
pools = {}
for topic, n in plan:
    candidates = []
    for name in sorted(os.listdir(os.path.join(ROOT, topic))):
        text = texts.get(f"{topic}/{name}")
        if text is None:
            continue
        if text.count('"') >= 6 and f"{topic}/{name}" not in used:
            candidates.append(name)
    pools[topic] = len(candidates)
    rng.shuffle(candidates)
    drawn = [f"{topic}/{name}" for name in candidates]
    chosen += [path for path in drawn if path not in skipped][:n]

if __name__ == "__main__":
    print(f"{len(used)} used files ({named} named, {len(twins)} twins found by text: {', '.join(sorted(twins))})")
    print("candidate pools: " + ", ".join(f"{topic} {count}" for topic, count in pools.items()))
    for path, why in skipped.items():
        print(f"skipped {path}: {why}")
    for path in chosen:
        print(path)
