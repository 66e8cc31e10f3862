"""What an article costs in each language, in the quote and summary stages, per 1,000 characters, side by side.

    python bench/bench_languages.py [--gold FILE.jsonl ...] [--repeat 7] [--json bench/results/languages.json]

The articles are the project's own: examples/ (examples/en in English, examples/ru, examples/de and examples/fr in
Russian, German and French), or documents of gold JSONL files with texts (``--gold``; each document's ``language``
is used, else the detected one). Every language's articles are split once; then, in each of ``repeat`` rounds, every
language is timed in turn — its quotes found with its own extractor, and its ``news`` summary of three sentences
made with its own summarizer — so the languages are compared in the same run on the same machine state. The figure
is the median over the rounds of microseconds per 1,000 characters of article text, and each language's ratio to
English. The target: a Russian or German article costs at most twice an English one of the same length.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.ingest import read_inputs  # noqa: E402
from briefing.languages import tools_for, tools_of  # noqa: E402
from briefing.models import Article, Sentence  # noqa: E402
from briefing.nlp.language import detect_language  # noqa: E402


def project_articles() -> list[Article]:
    """The project's example articles, English and the others, each with its language."""
    paths = [str(ROOT / "examples")]
    return list(read_inputs(paths).articles)


def gold_articles(path: Path) -> list[Article]:
    """The documents of a gold JSONL file with texts, as articles."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            language = doc.get("language") or detect_language(doc["text"])
            articles.append(
                Article(id=str(doc["doc_id"]), title="", text=doc["text"], source="", origin="bench", language=language)
            )
    return articles


def time_language(articles: list[tuple[Article, tuple[Sentence, ...]]], language: str) -> float:
    """Seconds to find the quotes of ``articles`` and summarize each, in ``language``."""
    tools = tools_of(language)
    extractor = tools.quotes
    summarizer = tools.summarizer("news")
    started = time.perf_counter()
    for article, split in articles:
        extractor.extract(article, split)
        summarizer.summarize(split, 3, title=article.title)
    return time.perf_counter() - started


def main() -> None:
    """Time every language's articles side by side and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", default=[], help="gold JSONL with texts (repeatable)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    articles = project_articles() + [a for path in args.gold for a in gold_articles(path)]
    by_language: dict[str, list[tuple[Article, tuple[Sentence, ...]]]] = defaultdict(list)
    for article in articles:
        tools = tools_for(article)
        by_language[tools.language].append((article, tools.sentences(article)))
    characters = {code: sum(len(a.text) for a, _ in items) for code, items in by_language.items()}
    for code, items in by_language.items():
        time_language(items, code)  # load each language's pack, stemmer and stop words before timing
    rounds: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        for code, items in by_language.items():
            rounds[code].append(time_language(items, code) / characters[code] * 1e9)  # µs per 1,000 characters
    cost = {code: statistics.median(values) for code, values in rounds.items()}
    english = cost.get("en")
    result = {
        code: {
            "articles": len(by_language[code]),
            "characters": characters[code],
            "us_per_1000_chars": round(cost[code], 1),
            "ratio_to_english": round(cost[code] / english, 2) if english else None,
        }
        for code in sorted(cost)
    }
    print(f"{'language':<9}{'articles':>9}{'characters':>12}{'µs/1000 chars':>15}{'× English':>11}")
    for code, row in result.items():
        ratio = f"{row['ratio_to_english']:.2f}" if row["ratio_to_english"] is not None else "-"
        print(f"{code:<9}{row['articles']:>9}{row['characters']:>12}{row['us_per_1000_chars']:>15}{ratio:>11}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"languages": result, "repeat": args.repeat, "python": platform.python_version()}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
