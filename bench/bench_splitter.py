"""Sentence splitters for news text: accuracy on hard cases and throughput on one core.

    python bench/bench_splitter.py [--sentences 100000] [--json bench/results/splitter.json]

Compares briefing's splitter with the offline candidates that are installed (pysbd,
syntok, nupunkt, blingfire: `pip install pysbd syntok nupunkt blingfire`). The corpus is
the project's example articles repeated until it holds the requested number of
sentences; the hard cases are the splitter tests' table, scored as exact splits.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import read_inputs  # noqa: E402
from briefing.nlp.splitter import split_sentences  # noqa: E402

# the hard cases, shared with tests/test_nlp_splitter.py
HARD_CASES: list[tuple[str, list[str]]] = [
    (case["text"], case["sentences"])
    for case in json.loads((ROOT / "tests" / "data" / "splitter-cases.json").read_text(encoding="utf-8"))
]

Splitter = Callable[[str], list[str]]


def ours() -> Splitter:
    return lambda text: [text[s:e] for s, e in split_sentences(text)]


def candidates() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"briefing": ours()}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda text: [s.strip() for s in seg.segment(text) if s.strip()]
    except ImportError:
        pass
    try:
        import syntok.segmenter as syn

        def syntok_split(text: str) -> list[str]:
            return [
                "".join(t.spacing + t.value for t in sentence).strip()
                for paragraph in syn.analyze(text)
                for sentence in paragraph
            ]

        found["syntok"] = syntok_split
    except ImportError:
        pass
    try:
        import nupunkt

        found["nupunkt"] = lambda text: [s.strip() for s in nupunkt.sent_tokenize(text) if s.strip()]
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = lambda text: [s for s in blingfire.text_to_sentences(text).split("\n") if s]
    except ImportError:
        pass
    return found


def _norm(sentences: list[str]) -> list[str]:
    # compare on words: splitters differ in how they keep the spaces and dashes between sentences
    return [" ".join(s.strip(" —").split()) for s in sentences]


def accuracy(split: Splitter) -> float:
    right = sum(_norm(split(text)) == _norm(expected) for text, expected in HARD_CASES)
    return right / len(HARD_CASES)


def corpus(target: int) -> list[str]:
    paragraphs = [
        p.strip()
        for article in read_inputs([str(ROOT / "examples" / "en")]).articles
        for p in article.text.split("\n\n")
        if p.strip()
    ]
    per_round = sum(len(split_sentences(p)) for p in paragraphs)
    return paragraphs * max(1, target // per_round)


def throughput(split: Splitter, paragraphs: list[str], repeats: int) -> tuple[float, int]:
    timings = []
    count = 0
    for _ in range(repeats):
        started = time.perf_counter()
        count = sum(len(split(p)) for p in paragraphs)
        timings.append(time.perf_counter() - started)
    return count / statistics.median(timings), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100_000, help="approximate corpus size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    paragraphs = corpus(args.sentences)
    rows = []
    for name, split in candidates().items():
        # the slow ones get a tenth of the corpus: the rate is what matters
        sample = paragraphs if name in ("briefing", "blingfire") else paragraphs[: max(1, len(paragraphs) // 10)]
        rate, count = throughput(split, sample, args.repeats)
        rows.append({"splitter": name, "hard_cases": accuracy(split), "sentences_per_s": rate, "sentences": count})
    print(f"{'splitter':<10} {'hard cases':>10} {'sentences/s':>12}  (one core, median of {args.repeats})")
    for r in rows:
        print(f"{r['splitter']:<10} {r['hard_cases']:>10.0%} {r['sentences_per_s']:>12,.0f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        meta = {"python": platform.python_version(), "machine": platform.machine()}
        args.json.write_text(json.dumps({"meta": meta, "results": rows}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
