"""A gold file's texts without their quotation marks, spans moved with them: news as the German acceptance set prints it
(10kGNAD's derStandard bodies carry no quotation marks), to measure the quote rules in that condition.

    python bench/strip_quotation_marks.py ~/de-dev3.jsonl --out ~/de-dev3-nomarks.jsonl
    briefing eval quotes ~/de-dev3-nomarks.jsonl

Every mark of ``MARKS`` is dropped; each offset (quote spans, speaker spans) is moved back by the marks before it and
each quote's text is cut anew from the new text. Borderline items and the texts' SHA-1 are dropped.
"""

from __future__ import annotations

import argparse
import bisect
import json
from pathlib import Path

#: the quotation marks taken out (the apostrophe ’ stays: it is mostly an elision)
MARKS = frozenset('„“”"«»‚‘')


def strip(doc: dict[str, object]) -> dict[str, object]:
    """One gold document without quotation marks, its spans moved."""
    text = str(doc["text"])
    removed = [i for i, c in enumerate(text) if c in MARKS]
    new = "".join(c for c in text if c not in MARKS)

    def moved(offset: int) -> int:
        return offset - bisect.bisect_left(removed, offset)

    quotes = []
    for q in doc.get("quotes", []):  # type: ignore[attr-defined]
        q = dict(q)
        q["spans"] = [[moved(s), moved(e)] for s, e in q["spans"]]
        q["text"] = " ".join(new[s:e] for s, e in q["spans"])
        if q.get("speaker_spans"):
            q["speaker_spans"] = [[moved(s), moved(e)] for s, e in q["speaker_spans"]]
        quotes.append(q)
    out = {k: v for k, v in doc.items() if k not in ("text_sha1", "borderline", "not_scored_borderline")}
    out["text"], out["quotes"] = new, quotes
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="a gold JSONL with texts (as bench/de_news_texts.py writes it)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the file without marks")
    args = parser.parse_args()
    lines = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    args.out.write_text("".join(json.dumps(strip(d), ensure_ascii=False) + "\n" for d in lines), encoding="utf-8")
    print(f"{len(lines)} documents -> {args.out}")


if __name__ == "__main__":
    main()
