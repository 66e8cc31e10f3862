"""Summarizer speed: the vectorized algorithms against sumy's originals, and the news default.

    python bench/bench_summarize.py [--sizes 1000 3000] [--repeat 3] [--json bench/results/summarize.json]

Inputs are generated (bench/corpus.py): one story of N distinct news sentences for the
large sizes, and 30-sentence articles for the per-article figure. Each figure is the
median of ``--repeat`` runs in one process on one core (sumy's slowest cases run once).

Targets (issue "a summarizer that beats the lead"): LexRank ≥ 50× sumy's at 1,000
sentences and ≥ 200× at 3,000; parse + summarize a 30-sentence article ≤ 2 ms; a
3,000-sentence multi-article story ≤ 0.3 s; KL no longer cubic.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus  # noqa: E402
from briefing.nlp import SumyTokenizer, sentences  # noqa: E402
from briefing.summarize import VECTORIZED, get_summarizer  # noqa: E402
from briefing.summarize.fast import FAST_ALGORITHMS  # noqa: E402
from briefing.summarize.multi import summarize_story  # noqa: E402
from briefing.summarize.sumy_adapter import SumySummarizer  # noqa: E402

#: sumy's originals that take too long beyond this many sentences (KL is cubic) are not run there
SUMY_LIMIT = {"kl": 300}


def median_time(run: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def sumy_summarizer(name: str) -> Any:
    """sumy's own summarizer ``name`` with its stemmer and stop words."""
    return SumySummarizer(name).original()


def fast_summarizer(name: str) -> Any:
    """Our vectorized ``name`` (a fresh one: its stem cache starts empty, as in a new process)."""
    return FAST_ALGORITHMS[name].with_defaults()


def large(sizes: list[int], repeat: int) -> list[dict[str, Any]]:
    """Every algorithm, sumy's and ours, on one story of each size."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = SumyTokenizer()
    rows: list[dict[str, Any]] = []
    for size in sizes:
        texts = Corpus(seed=size).story_text(size)
        document = ObjectDocumentModel(
            [Paragraph([SumySentence(t, tokenizer) for t in texts[k : k + 3]]) for k in range(0, size, 3)]
        )
        for name in VECTORIZED:
            ours = median_time(lambda n=name, d=document: fast_summarizer(n)(d, 5), repeat)
            theirs = None
            if size <= SUMY_LIMIT.get(name, size):
                original = sumy_summarizer(name)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    theirs = median_time(lambda o=original, d=document: o(d, 5), 1 if size >= 1000 else repeat)
            rows.append({"sentences": size, "algorithm": name, "sumy_s": theirs, "ours_s": ours})
            speedup = f"{theirs / ours:7.0f}x" if theirs else "   (not run)"
            shown = f"{theirs:8.3f}" if theirs else "       -"
            print(f"{size:6d} {name:10s} sumy {shown} s  ours {ours:7.4f} s  {speedup}", flush=True)
    return rows


def per_article(repeat: int) -> list[dict[str, Any]]:
    """Split + summarize 30-sentence articles, per algorithm: median milliseconds per article."""
    articles = list(Corpus(seed=30).stories(200, sentences=30))
    rows = []
    for name in ("news", *VECTORIZED):
        summarizer = get_summarizer(name)
        for article in articles[:5]:
            summarizer.summarize(sentences(article), 3, title=article.title)  # warm: imports and stems

        def run(s: Any = summarizer) -> None:
            for article in articles:
                s.summarize(sentences(article), 3, title=article.title)

        ms = 1000 * median_time(run, repeat) / len(articles)
        rows.append({"algorithm": name, "ms_per_article": ms})
        print(f"30-sentence article, split + {name:10s} {ms:6.3f} ms", flush=True)
    return rows


def story(repeat: int) -> dict[str, Any]:
    """A story told by 105 articles of about 30 sentences (over 3,000 sentences), summarized by the default."""
    articles = list(Corpus(seed=3000).stories(105, sentences=30, per_story=105))
    split = [(a, sentences(a)) for a in articles]
    total = sum(len(s) for _, s in split)
    summarize_story(split[:2], "news", 5)
    seconds = median_time(lambda: summarize_story(split, "news", 5), repeat)
    print(f"multi-document story: {len(articles)} articles, {total} sentences: {seconds:.3f} s", flush=True)
    return {"articles": len(articles), "sentences": total, "seconds": seconds}


def main() -> None:
    """Run the summarizer benchmarks and print (and optionally save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000], help="story sizes in sentences")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures = {
        "machine": {"python": platform.python_version(), "processor": platform.machine()},
        "per_article": per_article(args.repeat),
        "story": story(args.repeat),
        "large": large(args.sizes, args.repeat),
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
