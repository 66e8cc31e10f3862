"""Russian sentence boundaries: briefing's splitter against razdel, on paragraphs marked by hand.

    python bench/eval_splitter_ru.py [--devset ~/data/devset] [--repeats 5]

bench/data/ru-sentence-boundaries.json holds, for 40 paragraphs of the factRuEval-2016 devset
(its book_*.txt files, which are not part of this repository), the character offsets where a
sentence ends, marked by hand; the rules it was marked by are in its "about". Each splitter's
sentence ends inside a paragraph (the paragraph's own end left out) are compared with those:
precision, recall and F1 of the boundaries, and sentences a second on one core on the same
paragraphs. razdel (`pip install razdel`) is scored when it is installed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.nlp.splitter import split_sentences  # noqa: E402

Splitter = Callable[[str], list[tuple[int, int]]]


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {
        "briefing (ru)": lambda text: split_sentences(text, language="ru"),
        "briefing (en rules)": lambda text: split_sentences(text),
    }
    try:
        import razdel

        found["razdel"] = lambda text: [(s.start, s.stop) for s in razdel.sentenize(text)]
    except ImportError:
        pass
    return found


def score(split: Splitter, paragraphs: list[tuple[str, set[int]]]) -> dict[str, float]:
    right = found = wanted = 0
    for text, gold in paragraphs:
        ends = {text_end for _, text_end in split(text)}
        ends.discard(len(text.rstrip()))
        right += len(ends & gold)
        found += len(ends)
        wanted += len(gold)
    precision = right / found if found else 1.0
    recall = right / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "boundaries": float(wanted)}


def speed(split: Splitter, paragraphs: list[tuple[str, set[int]]], repeats: int) -> float:
    texts = [text for text, _ in paragraphs] * 50
    timings = []
    count = 0
    for _ in range(repeats):
        started = time.perf_counter()
        count = sum(len(split(t)) for t in texts)
        timings.append(time.perf_counter() - started)
    return count / statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=Path.home() / "data" / "devset")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    marked = json.loads((ROOT / "bench" / "data" / "ru-sentence-boundaries.json").read_text(encoding="utf-8"))
    paragraphs = []
    for p in marked["paragraphs"]:
        text = (args.devset / p["file"]).read_text(encoding="utf-8")[p["start"] : p["end"]]
        paragraphs.append((text, {b - p["start"] for b in p["boundaries"]}))
    print(f"{len(paragraphs)} paragraphs, {sum(len(g) for _, g in paragraphs)} sentence ends inside them")
    print(f"{'splitter':<20} {'precision':>9} {'recall':>7} {'F1':>6} {'sentences/s':>12}")
    for name, split in splitters().items():
        s = score(split, paragraphs)
        rate = speed(split, paragraphs, args.repeats)
        print(f"{name:<20} {s['precision']:>9.1%} {s['recall']:>7.1%} {s['f1']:>6.1%} {rate:>12,.0f}")


if __name__ == "__main__":
    main()
