"""Convert the German news quotation attribution dataset into the project's gold JSONL.

The dataset (github:uhh-lt/german-news-quotation-attribution-2024, Petersen-Frey and Biemann 2024; CC BY-NC-SA
4.0, so it is never committed here) holds 1,000 German Wikinews articles, one JSON file each, with every quotation
annotated: its content, speaker, cue and frame as character spans into the article's ``originalText``, and its type
(Direct, Indirect, FreeIndirect, IndirectFreeIndirect, Reported). This writes one document a line, in the gold
format of the evaluation kit (`../shared/eval/README.md`):

    {"doc_id", "language": "de", "title", "text",
     "quotes": [{"text", "spans", "speaker", "speaker_aliases", "speaker_spans", "cue", "kind", "source_type"}],
     "borderline": [{"text", "spans", "source_type"}]}

    # GITDIR: the git directory of a clone (bare is fine) of the repository above; its test split stays unread
    mkdir -p ~/gnqa && git --git-dir=GITDIR archive HEAD data/dev data/train | tar -x -C ~/gnqa
    python bench/gnqa_to_gold.py ~/gnqa/data/dev --out ~/gnqa/de-gnqa-dev.jsonl
    python bench/gnqa_to_gold.py ~/gnqa/data/train --out ~/gnqa/de-gnqa-train.jsonl
    briefing eval quotes ~/gnqa/de-gnqa-dev.jsonl

What is kept and how:
- A quotation with content becomes a quote; one nested in another (``isNested``) is left to the outer one, as the
  project's other sets do. "Reported" speech (a speech act named without its content: "X kritisierte den Plan") is
  no quote the extractor looks for: it goes to ``borderline``, which scoring leaves out.
- ``kind`` comes from quotation marks, by ``spkatt_to_gold.py``'s rule: "direct" when (nearly) every word of the
  content is inside „…“, »…«, “…” or "…", "mixed" when some are, else "indirect" (the dataset's own type is kept
  as ``source_type``).
- ``speaker`` is the speaker span's text as written (a pronoun stays a pronoun: the scorer leaves pronoun speakers out
  of speaker accuracy); the dataset links no mention to a name, so speaker figures on it are a lower bound. A mention
  with an apposition ("Bill Graham, Parteichef der Liberalen") gives each of its parts as ``speaker_aliases``: the
  kit's name keys join a German noun after the comma to the name ("parteichef"), which no reading of the name would
  match.
- The title is the file name's, without its number and date ("15274 - SPD-Krise: … (2005-11-01)").

Every span is checked to lie in its text and its slices to join to the quote's text; a failure stops the run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from spkatt_to_gold import classify  # (this folder's: bench/ is on the path of a script run from it)

#: a stretch inside quotation marks, German and typographic alike
_QUOTED = re.compile(r"„[^„“”\n]*[“”]|»[^»«\n]*«|“[^“”\n]*”|\"[^\"\n]*\"")
#: "15274 - Title (2005-11-01)"
_NAME = re.compile(r"^(?P<number>\d+) - (?P<title>.*?)(?: \((?P<date>\d{4}-\d{2}-\d{2})\))?$")

Span = tuple[int, int]


def _spans(role: Any) -> list[Span]:
    if not isinstance(role, dict):
        return []
    return [(int(s["charBegin"]), int(s["charEnd"])) for s in role.get("spans") or []]


def _joined(text: str, spans: list[Span]) -> str:
    return " ".join(text[start:end] for start, end in spans)


def convert(path: Path, counts: Counter[str]) -> dict[str, Any]:
    """One article file as a gold document."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text: str = data["originalText"]
    name = _NAME.match(str(data.get("documentName") or path.stem.removesuffix(".pretty")))
    number = name.group("number") if name else path.stem
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    quotes: list[dict[str, Any]] = []
    borderline: list[dict[str, Any]] = []
    for annotation in data.get("annotations") or []:
        spans = _spans(annotation.get("quote"))
        source_type = str(annotation.get("type") or "")
        if not spans:
            counts["no content"] += 1
            continue
        if annotation.get("isNested"):
            counts["nested"] += 1
            continue
        if source_type == "Reported":
            counts["reported (borderline)"] += 1
            borderline.append({"text": _joined(text, spans), "spans": spans, "source_type": source_type})
            continue
        speaker_spans = _spans(annotation.get("speaker"))
        cue_spans = _spans(annotation.get("cue"))
        kind = classify(text, spans, quoted)  # (by quotation marks, as SpkAtt's converter decides it)
        counts[kind] += 1
        if not speaker_spans:
            counts["no speaker"] += 1
        speaker = _joined(text, speaker_spans)
        parts = [p.strip() for p in speaker.split(",")]
        quotes.append(
            {
                "text": _joined(text, spans),
                "spans": spans,
                "speaker": speaker,
                "speaker_aliases": [p for p in parts if p and p != speaker] if len(parts) > 1 else [],
                "speaker_spans": speaker_spans,
                "cue": _joined(text, cue_spans),
                "kind": kind,
                "source_type": source_type,
            }
        )
    document = {
        "doc_id": f"gnqa-{number}",
        "language": "de",
        "title": name.group("title") if name else "",
        "text": text,
        "quotes": quotes,
        "borderline": borderline,
    }
    check(document)
    return document


def check(document: dict[str, Any]) -> None:
    """Every span inside the text, and every quote's text its spans' slices joined by one space."""
    text = document["text"]
    for item in (*document["quotes"], *document["borderline"]):
        for start, end in item["spans"]:
            if not 0 <= start < end <= len(text):
                raise SystemExit(f"{document['doc_id']}: span {start}:{end} outside its text")
        if item["text"] != _joined(text, item["spans"]):
            raise SystemExit(f"{document['doc_id']}: a quote's text is not its spans' slices")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a split's folder of the dataset: data/dev or data/train")
    parser.add_argument("--out", type=Path, required=True, help="the gold JSONL to write")
    args = parser.parse_args()
    if args.folder.name == "test":
        raise SystemExit("the test split is held out: convert data/dev or data/train")
    files = sorted(args.folder.glob("*.json"), key=lambda p: p.name)
    if not files:
        raise SystemExit(f"{args.folder}: no .json files")
    counts: Counter[str] = Counter()
    with args.out.open("w", encoding="utf-8") as out:
        for path in files:
            out.write(json.dumps(convert(path, counts), ensure_ascii=False) + "\n")
    summary = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
    print(f"{len(files)} documents -> {args.out} ({summary})", file=sys.stderr)


if __name__ == "__main__":
    main()
