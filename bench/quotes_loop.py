"""Extract the quotes of a JSONL of articles several times over in one process: a whole command for `farm-bench` to
time, paired against the same command in another checkout (``--root``), so that two versions are compared side by
side in one run.

    farm-bench -n 10 --vs "python bench/quotes_loop.py ARTICLES --root OLD" -- python bench/quotes_loop.py ARTICLES
    farm-bench -n 15 --vs "python bench/quotes_loop.py ~/ru-dev.jsonl --language ru --passes 5 --root OLD" \
        -- python bench/quotes_loop.py ~/ru-dev.jsonl --language ru --passes 5
    python bench/quotes_loop.py ~/ru-dev.jsonl --language ru --passes 1 --seconds   # one cold pass, in-process time
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help='JSONL of {"id" or "doc_id", "text"} articles (a gold file does)')
    parser.add_argument("--language", default="en", help="the articles' language, whose pack reads them (default en)")
    parser.add_argument(
        "--root", type=Path, default=Path(__file__).resolve().parent.parent, help="the checkout to time"
    )
    parser.add_argument("--passes", type=int, default=12, help="how many times the articles are read (default 12)")
    parser.add_argument(
        "--seconds",
        action="store_true",
        help="print the seconds the passes took in the process, after the pack has read one sentence of its own",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from briefing.models import Article
    from briefing.nlp import sentences
    from briefing.quotes import get_extractor

    lines = [json.loads(line) for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    language = args.language
    articles = [
        Article(id=a.get("id") or a["doc_id"], title="", text=a["text"], source="", origin="bench", language=language)
        for a in lines
    ]
    split = [sentences(article) for article in articles]
    extractor = get_extractor(args.language)
    if args.seconds:
        # (the pack's own start-up — its dictionary, its patterns — on a text of no article timed)
        warm = Article(id="warm", title="", text="Warm up.", source="", origin="bench", language=language)
        extractor.extract(warm, sentences(warm))
    began = time.perf_counter()
    for _ in range(args.passes):
        for article, its_sentences in zip(articles, split, strict=True):
            extractor.extract(article, its_sentences)
    if args.seconds:
        print(f"{time.perf_counter() - began:.3f}")


if __name__ == "__main__":
    main()
