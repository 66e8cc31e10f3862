"""Join a gold file whose documents name their text (`source_file`) with the texts, read as they are.

The project's own annotations of public news are committed without the articles (their licences do not allow
redistributing them); this writes a gold JSONL that carries each article's full text, read byte for byte from the
folder given (no title line taken off), so that `briefing eval quotes` and the kit's scorer read the same offsets
the annotator used:

    python bench/gold_with_texts.py bench/data/quotes-ru-dev/gold.jsonl --texts ~/factRuEval-2016/devset \\
        --out ~/ru-dev.jsonl
    briefing eval quotes ~/ru-dev.jsonl --by-rule
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def with_text(document: dict[str, Any], text: str) -> str:
    """The gold document's JSON line with its article's ``text``, once every quote's spans are checked to hold the
    quote's text (joined by one space) in it.

    Raises:
        SystemExit: a quote's spans do not hold its text (the text is not the one annotated).
    """
    for quote in document.get("quotes", []):
        pieces = [text[start:end] for start, end in quote["spans"]]
        if " ".join(pieces) != quote["text"]:
            raise SystemExit(f"{document['doc_id']}: a quote's spans do not hold its text: {quote['text'][:60]!r}")
    return json.dumps({**document, "text": text}, ensure_ascii=False)


def main() -> None:
    """Write the gold with texts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, help="gold JSONL whose documents name a source_file")
    parser.add_argument("--texts", type=Path, required=True, help="the folder holding the source files")
    parser.add_argument("--out", type=Path, required=True, help="the gold JSONL to write, texts included")
    args = parser.parse_args()
    lines = []
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        document = json.loads(line)
        lines.append(with_text(document, (args.texts / document.pop("source_file")).read_text(encoding="utf-8")))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents -> {args.out}")


if __name__ == "__main__":
    main()
