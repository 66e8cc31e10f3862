"""Join the third Russian development gold with its article texts, read from a copy of the RuSentRel repository.

`bench/data/quotes-ru-dev3/gold.jsonl` names each article by its file in RuSentRel 1.1 (`source`: repository, path
and commit) and by the SHA-1 of its text (`text_sha1`); the articles are not committed here. The text is the file's
bytes decoded as UTF-8 and nothing else: no newline translation (the files mix CRLF and LF), and RuSentRel's
"{Author, Unknown} " line prefixes are kept, so the offsets are those the annotator used. This reads every text,
checks its SHA-1 and the spans of every quote and borderline item, and writes a gold JSONL that carries the texts,
outside this repository — as an article reads (the prefixes left out, wrapped lines joined, the spans moved with
them; `--raw` keeps the files' text as it is):

    # GITDIR: a clone (bare is fine) of github:nicolay-r/RuSentRel that holds the commit named in the gold
    python bench/rusentrel_texts.py bench/data/quotes-ru-dev3/gold.jsonl --repo GITDIR --out ~/ru-dev3.jsonl
    briefing eval quotes ~/ru-dev3.jsonl --by-rule
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.gold_with_texts import with_text  # noqa: E402


def read_at(repo: Path, commit: str, path: str) -> str | None:
    """The file at `path` in `commit` of the git repository `repo`, decoded as UTF-8 byte for byte (no newline
    translation), or None when that commit or file is missing."""
    done = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, check=False)
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


PREFIX = "{Author, Unknown} "
_WRAP = re.compile(r"\r?\n(?:\r?\n)*" + re.escape(PREFIX))


def readable(text: str) -> tuple[str, list[int]]:
    """The text as an article reads, and where each of its characters was in ``text``: RuSentRel's line prefixes
    left out, a line wrapped inside a paragraph joined to the next, paragraphs (a blank line) kept apart by one."""
    out: list[str] = []
    where: list[int] = []
    at = 0
    if text.startswith(PREFIX):
        at = len(PREFIX)
    for m in _WRAP.finditer(text, at):
        out.append(text[at : m.start()])
        where.extend(range(at, m.start()))
        paragraph = m.group().count("\n") > 1
        joint = "\n\n" if paragraph else ("" if (out[-1][-1:] or " ").isspace() or out[-1][-1:] in "(«„\"" else " ")
        out.append(joint)
        where.extend([m.start()] * len(joint))
        at = m.end()
    out.append(text[at:])
    where.extend(range(at, len(text)))
    clean = "".join(out).replace("\r", " ")
    return clean, where


def remapped(document: dict[str, Any], where: list[int]) -> dict[str, Any]:
    """``document`` with every span moved into the readable text (``where`` maps it back to the file's)."""
    back = {old: new for new, old in enumerate(where)}

    def move(spans: list[list[int]]) -> list[list[int]]:
        return [[back[start], back[end - 1] + 1] for start, end in spans]

    def fixed(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # (the speaker's mention, where a set gives it, moves with the quote)
        return [
            {**item, "spans": move(item["spans"])}
            | ({"speaker_spans": move(item["speaker_spans"])} if item.get("speaker_spans") else {})
            for item in items
        ]

    return {
        **document,
        "quotes": fixed(document.get("quotes", [])),
        "not_scored_borderline": fixed(document.get("not_scored_borderline", [])),
    }


def check_borderline(document: dict[str, Any], text: str) -> None:
    """Every borderline item's spans hold its text (joined by one space), as `with_text` checks for the quotes.

    Raises:
        SystemExit: an item's spans do not hold its text.
    """
    for item in document.get("not_scored_borderline", []):
        if " ".join(text[start:end] for start, end in item["spans"]) != item["text"]:
            raise SystemExit(
                f"{document['doc_id']}: a borderline item's spans do not hold its text: {item['text'][:60]!r}"
            )


def main() -> None:
    """Write the gold with texts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, help="the gold JSONL whose documents name their source in RuSentRel")
    parser.add_argument("--repo", type=Path, required=True, help="a clone of github:nicolay-r/RuSentRel (bare is fine)")
    parser.add_argument("--out", type=Path, required=True, help="the gold JSONL to write, texts included")
    parser.add_argument(
        "--raw", action="store_true", help="write the files' text as it is, prefixes and line wraps included"
    )
    args = parser.parse_args()
    if args.out.resolve().is_relative_to(PROJECT):
        raise SystemExit(f"{args.out}: keep the article texts out of this repository; write them elsewhere")
    lines = []
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        document = json.loads(line)
        source = document["source"]
        # the commit the annotator used; another one will do when the article is unchanged, which the SHA-1 tells
        text = read_at(args.repo, source["commit"], source["path"]) or read_at(args.repo, "HEAD", source["path"])
        if text is None:
            raise SystemExit(f"{document['doc_id']}: {source['path']} is not in {args.repo}")
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != document["text_sha1"]:
            raise SystemExit(f"{document['doc_id']}: the text differs from the annotated one (SHA-1 mismatch)")
        check_borderline(document, text)
        with_text(document, text)  # (checks the spans against the text as annotated)
        if args.raw:
            lines.append(with_text(document, text))
        else:
            clean, where = readable(text)
            lines.append(with_text(remapped(document, where), clean))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents -> {args.out}")


if __name__ == "__main__":
    main()
