"""What telling each article's language costs a run: the model's loading, once, and each article.

    python bench/bench_language.py [--articles 10000] [--folder DIR]

The articles are the project's English examples (examples/en) and the language tests' samples
(English, Russian, German, French), repeated until there are as many as asked, or those of ``--folder``. Reading
is timed without detection (each article told its language) and with it, so the difference
is what detection adds to a run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import read_inputs  # noqa: E402
from briefing.nlp import language  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--folder", type=Path, action="append")
    args = parser.parse_args()
    folders = args.folder or [ROOT / "examples" / "en", ROOT / "tests" / "data" / "languages"]
    started = time.perf_counter()
    language.detect_language("Загрузка модели для определения языка.")
    load = time.perf_counter() - started
    articles = list(read_inputs([str(f) for f in folders], language="en").articles)
    corpus = [articles[i % len(articles)] for i in range(args.articles)]

    times = []
    for article in corpus:
        t = time.perf_counter()
        language.detect_language(article.text, title=article.title)
        times.append(time.perf_counter() - t)
    total = sum(times)
    print(f"{len(corpus):,} articles ({len(articles)} distinct) from {', '.join(str(f) for f in folders)}")
    print(f"model loaded in {load * 1000:.0f} ms (once a process, when an article needs it)")
    print(
        f"per article: median {statistics.median(times) * 1000:.3f} ms, mean {total / len(times) * 1000:.3f} ms, "
        f"p99 {sorted(times)[int(len(times) * 0.99)] * 1000:.3f} ms; all {total:.2f} s"
    )


if __name__ == "__main__":
    main()
