"""Quote extraction throughput on one core: articles per second, with and without sentence splitting.

    python bench/bench_quotes.py [--articles FILE.jsonl] [--repeat 5] [--json bench/results/quotes.json]

The corpus is the project's example articles, or the articles of a JSONL file (one
``{"id", "text"}`` a line — for instance PolNeAR converted as in docs/evaluation.md).
Each run extracts the quotes of every article once; the figure is the median of the runs.
The target for news articles is at least 1,000 articles a second on one core.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import read_inputs  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.nlp import sentences  # noqa: E402
from briefing.quotes import RuleQuoteExtractor  # noqa: E402


def corpus(path: Path | None) -> list[Article]:
    """The articles to extract from."""
    if path is None:
        return list(read_inputs([str(ROOT / "examples" / "en")]).articles)
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            record = json.loads(line)
            articles.append(
                Article(id=str(record.get("id", number)), title="", text=record["text"], source="", origin="bench")
            )
    return articles


def run(articles: list[Article], repeat: int) -> dict[str, float]:
    """Median seconds for split + extract, and for extract alone, over ``repeat`` runs."""
    extractor = RuleQuoteExtractor()
    split = [sentences(a) for a in articles]
    extractor.extract(articles[0], split[0])  # warm the compiled patterns
    whole, alone = [], []
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        for article in articles:
            extractor.extract(article, sentences(article))
        whole.append(time.perf_counter() - started)
        started = time.perf_counter()
        found = sum(len(extractor.extract(a, s)) for a, s in zip(articles, split, strict=True))
        alone.append(time.perf_counter() - started)
    return {"split_and_extract_s": statistics.median(whole), "extract_s": statistics.median(alone), "quotes": found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, help="JSONL of {id, text} articles (default: examples/en/)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    articles = corpus(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    figures = run(articles, args.repeat)
    n = len(articles)
    result = {
        "articles": n,
        "words_per_article": round(words / n),
        "quotes": figures["quotes"],
        "articles_per_s_split_and_extract": round(n / figures["split_and_extract_s"]),
        "articles_per_s_extract": round(n / figures["extract_s"]),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"{n} articles, {result['words_per_article']} words each on average, {figures['quotes']} quotes found")
    print(
        f"split + extract: {result['articles_per_s_split_and_extract']:>7,} articles/s "
        f"(one core, median of {args.repeat})"
    )
    print(f"extract alone:   {result['articles_per_s_extract']:>7,} articles/s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
