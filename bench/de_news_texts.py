"""Join the German news development gold with its article texts, read from a copy of the fundus repository.

`bench/data/quotes-de-news-dev/gold.jsonl` names each article by the file of fundus's parser test data that holds it
(`source`: repository, path, commit and the key of the article in that file) and by the SHA-1 of its text; the
articles themselves are not committed (they belong to their publishers). This rebuilds every text the way the
annotator did — the body's summary paragraphs, then each section's headline and paragraphs, joined by a blank line,
without the title — checks its SHA-1 and writes a gold JSONL that carries the texts, outside this repository:

    # GITDIR: a clone (bare is fine) of github:flairNLP/fundus that holds the commit named in the gold
    python bench/de_news_texts.py bench/data/quotes-de-news-dev/gold.jsonl --repo GITDIR --out ~/de-news-dev.jsonl
    python3 ../shared/eval/score_quotes.py ~/de-news-dev.jsonl PRED.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.gold_with_texts import with_text  # noqa: E402


def read_at(repo: Path, commit: str, path: str) -> str | None:
    """The file at `path` in `commit` of the git repository `repo`, or None when that commit or file is missing."""
    done = subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, check=False, encoding="utf-8"
    )
    return done.stdout if done.returncode == 0 else None


def article_text(data: str, key: str) -> str:
    """One article of a fundus test-data file, rebuilt as it was annotated."""
    body: dict[str, Any] = json.loads(data)[key]["body"]
    paragraphs: list[str] = list(body.get("summary", []))
    for section in body.get("sections", []):
        paragraphs += section.get("headline", []) + section.get("paragraphs", [])
    return "\n\n".join(paragraphs)


def main() -> None:
    """Write the gold with texts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, help="the gold JSONL whose documents name their source in fundus")
    parser.add_argument("--repo", type=Path, required=True, help="a clone of github:flairNLP/fundus (bare is fine)")
    parser.add_argument("--out", type=Path, required=True, help="the gold JSONL to write, texts included")
    args = parser.parse_args()
    if args.out.resolve().is_relative_to(PROJECT):
        raise SystemExit(f"{args.out}: the texts may not be redistributed; write them outside this repository")
    lines = []
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        document = json.loads(line)
        source = document["source"]
        # the commit the annotator used; another one will do when the article is unchanged, which the SHA-1 tells
        data = read_at(args.repo, source["commit"], source["path"]) or read_at(args.repo, "HEAD", source["path"])
        if data is None:
            raise SystemExit(f"{document['doc_id']}: {source['path']} is not in {args.repo}")
        text = article_text(data, source["index"])
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != document["text_sha1"]:
            raise SystemExit(f"{document['doc_id']}: the text differs from the annotated one (SHA-1 mismatch)")
        lines.append(with_text(document, text))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents -> {args.out}")


if __name__ == "__main__":
    main()
