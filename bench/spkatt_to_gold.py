"""Convert GermEval SpkAtt-2023 task 1 (speaker attribution in Bundestag speeches) into the project's gold JSONL.

SpkAtt-2023 (github:umanlp/SpkAtt-2023) gives one JSON file per speech: a list of tokenised sentences and a list of
speech events (speech, writing and thought), each naming its cue, source, message and other roles by
"sentence:token" ids. This rebuilds each speech's text from the tokens and writes one document a line, in the gold
format of the evaluation kit (`../shared/eval/README.md`):

    {"doc_id", "language": "de", "text",
     "quotes": [{"text", "spans", "speaker", "speaker_spans", "cue", "kind"}]}

    # GITDIR: the git directory of a clone (bare is fine) of github:umanlp/SpkAtt-2023
    mkdir -p ~/data/spkatt && git --git-dir=GITDIR archive HEAD data/train/task1 data/dev/task1 \\
        | tar -x -C ~/data/spkatt
    python bench/spkatt_to_gold.py --root ~/data/spkatt/data --split dev --out ~/data/spkatt/de-dev.jsonl
    python bench/spkatt_to_gold.py --root ~/data/spkatt/data --split train --out ~/data/spkatt/de-train.jsonl

What is kept and how:
- Only events with a message become quotes; cues with no message (a topic, an addressee or nothing) are counted and
  dropped.
- `spans` are the message tokens as character offsets, adjacent tokens merged, so a discontinuous message has several
  spans; `text` is their slices joined by one space. `speaker` and `speaker_spans` are the source tokens' in the same
  way (empty when the event has no source; a pronoun source is kept as written). `cue` is the cue tokens with any
  separated verb particle ("lehnen ... ab") in text order.
- `kind` comes from quotation marks, as the corpus does not label it: "direct" when (nearly) every word of the message
  is inside quotation marks, "mixed" when some are, else "indirect".
- A speech longer than about 1.5 chunks (`--chunk`, 30 sentences) is cut into chunks of about that many sentences,
  `<speech>#1`, `<speech>#2` …, never between the tokens of one event nor inside quotation marks.

Every span is checked to lie in its text and its slices to join to the quote's text; a failure stops the run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: the roles whose tokens must stay in one chunk with their cue
ROLES = ("Cue", "PTC", "Source", "Message", "Addr", "Medium", "Topic", "Evidence")
#: share of a message's words inside quotation marks from which it counts as direct speech
DIRECT_SHARE = 0.9
#: words that make a source a pronoun or an indefinite, not a name (only for the summary line)
NOT_NAMES = frozenset(
    "ich mich mir mein meine meiner meines meinem meinen wir uns unser unsere unserer unseres unserem unseren "
    "du dich dir dein deine ihr euch euer eure sie ihnen ihre ihrer ihres ihrem ihren er ihn ihm sein seine seiner "
    "seines seinem seinen es man wer jemand niemand jeder jede alle viele manche einige andere kein keine keiner "
    "mensch der die das dem den des dieser diese dieses von für als auch selbst".split()
)

_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "/", "%"})
_NO_SPACE_AFTER = frozenset({"(", "[", "/", "„", "‚"})
_CONJUNCTIONS = frozenset({"und", "oder", "bis", "sowie", "bzw.", "wie"})
_WORD = re.compile(r"\w+")
_HYPHEN_SUFFIX = re.compile(r"-\w")

Span = tuple[int, int]
TokenId = tuple[int, int]


@dataclass
class Rendered:
    """A run of sentences rebuilt as text, with each token's offsets and the quoted stretches."""

    text: str
    offsets: dict[TokenId, Span]
    quoted: list[Span]


def render(sentences: list[tuple[int, list[str]]]) -> Rendered:
    """Join tokens with German spacing: none before punctuation or a closing quotation mark, none after an opening one.

    A double quotation mark opens („, or “ when none is open) or closes (“ ” when one is open); a single ’ closes an
    open ‚ and is otherwise an apostrophe ("Maas’sche"). The token "_" (a digit group separator in the corpus) is
    written as a space.
    """
    parts: list[str] = []
    offsets: dict[TokenId, Span] = {}
    quoted: list[Span] = []
    length = 0
    double_open: int | None = None  # offset of the open double quotation mark
    single_open = False
    previous = ""
    glue_next = True  # no space before the first token
    for sentence_id, tokens in sentences:
        for number, token in enumerate(tokens):
            shown = " " if token == "_" else token
            closes_double = token in ("“", "”") and double_open is not None
            closes_single = token in ("’", "‘") and single_open
            apostrophe = token.startswith(("’", "'")) and not closes_single
            space = not glue_next
            if (
                token in _NO_SPACE_BEFORE
                or token == "_"
                or closes_double
                or closes_single
                or apostrophe
                or (token in ("…", "...") and previous[-1:].isalnum())
                or (_HYPHEN_SUFFIX.match(token) and previous[-1:].isalnum() and previous not in _CONJUNCTIONS)
            ):
                space = False
            if space:
                parts.append(" ")
                length += 1
            start = length
            parts.append(shown)
            length += len(shown)
            offsets[(sentence_id, number)] = (start, length)
            glue_next = token in _NO_SPACE_AFTER or token == "_" or (token in ("’", "'") and apostrophe)
            # quotation marks inside a token ("Trade“-System") open and close as well as standalone ones
            for index, char in enumerate(token):
                if char == "„" or (char in "“”" and double_open is None and token == char):
                    double_open = start + index
                    glue_next = glue_next or token == char
                elif char in "“”" and double_open is not None:
                    quoted.append((double_open, start + index + 1))
                    double_open = None
                    single_open = False
                elif char == "‚":
                    single_open = True
                elif char in "’‘" and closes_single:
                    single_open = False
            previous = token
    if double_open is not None:
        quoted.append((double_open, length))
    return Rendered("".join(parts), offsets, quoted)


def token_id(ref: str) -> TokenId:
    """Read a "sentence:token" id."""
    sentence, token = ref.split(":")
    return int(sentence), int(token)


def merge(ids: list[TokenId], rendered: Rendered, order: dict[TokenId, int]) -> list[Span]:
    """Character spans of tokens, tokens next to each other in the text merged into one span."""
    spans: list[Span] = []
    last = -2
    for tid in sorted(set(ids), key=order.__getitem__):
        start, end = rendered.offsets[tid]
        if order[tid] == last + 1 and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        last = order[tid]
    return spans


def classify(text: str, spans: list[Span], quoted: list[Span]) -> str:
    """direct, mixed or indirect, by the share of the message's words inside quotation marks."""
    words = [match.span() for start, end in spans for match in _WORD.finditer(text, start, end)]
    inside = sum(1 for start, end in words if any(a < start and end < b for a, b in quoted))
    if not words or not inside:
        return "indirect"
    return "direct" if inside >= DIRECT_SHARE * len(words) else "mixed"


def chunk_bounds(
    position: dict[int, int], events: list[dict[str, list[str]]], open_at: set[int], size: int
) -> list[int]:
    """Sentence indices where chunks start: about `size` sentences each, never inside an event or a quotation.

    `position` maps sentence ids to indices; `open_at` holds the indices of sentences that begin inside quotation
    marks.
    """
    sentence_count = len(position)
    chunks = max(1, round(sentence_count / size)) if size > 0 else 1
    blocked = set(open_at)
    for event in events:
        sentences = {position.get(token_id(ref)[0], 0) for role in ROLES for ref in event.get(role, [])}
        if sentences:
            blocked.update(range(min(sentences) + 1, max(sentences) + 1))
    bounds = [0]
    for n in range(1, chunks):
        target = round(n * sentence_count / chunks)
        for step in range(sentence_count):
            found = next(
                (b for b in (target + step, target - step) if bounds[-1] < b < sentence_count and b not in blocked),
                None,
            )
            if found is not None:
                if found not in bounds:
                    bounds.append(found)
                break
    return sorted(bounds)


def convert_speech(path: Path, size: int, dropped: Counter[str]) -> list[dict[str, Any]]:
    """The gold documents of one speech file (one, or one per chunk)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences = [(int(s["SentenceId"]), list(s["Tokens"])) for s in data["Sentences"]]
    sentences.sort(key=lambda item: item[0])
    events: list[dict[str, list[str]]] = data.get("Annotations", [])
    whole = render(sentences)
    open_at = {
        index
        for index, (sentence_id, tokens) in enumerate(sentences)
        if tokens and any(a < whole.offsets[(sentence_id, 0)][0] < b for a, b in whole.quoted)
    }
    position = {sentence_id: index for index, (sentence_id, _) in enumerate(sentences)}
    bounds = chunk_bounds(position, events, open_at, size)
    documents = []
    for number, (first, stop) in enumerate(zip(bounds, [*bounds[1:], len(sentences)], strict=True), 1):
        part = sentences[first:stop]
        rendered = render(part)
        order = {tid: n for n, tid in enumerate(rendered.offsets)}
        quotes = []
        for event in events:
            message = [token_id(ref) for ref in event.get("Message", [])]
            source_ids = [token_id(ref) for ref in event.get("Source", [])]
            cue_ids = [token_id(ref) for ref in event.get("Cue", []) + event.get("PTC", [])]
            anchor = (cue_ids or message or [(-1, 0)])[0][0]
            if not first <= position.get(anchor, -1) < stop:
                if number == 1 and anchor not in position:
                    dropped["event with no cue or message in the speech"] += 1
                continue
            if not message:
                dropped["cue without a message"] += 1
                continue
            if not cue_ids:
                dropped["message without a cue"] += 1
                continue
            if any(tid not in rendered.offsets for tid in message + source_ids + cue_ids):
                dropped["token outside its chunk or speech"] += 1
                continue
            spans = merge(message, rendered, order)
            source = merge(source_ids, rendered, order)
            cue = sorted(set(cue_ids), key=order.__getitem__)
            quotes.append(
                {
                    "text": " ".join(rendered.text[a:b] for a, b in spans),
                    "spans": [list(span) for span in spans],
                    "speaker": " ".join(rendered.text[a:b] for a, b in source),
                    "speaker_spans": [list(span) for span in source],
                    "cue": " ".join(rendered.text[slice(*rendered.offsets[tid])] for tid in cue),
                    "kind": classify(rendered.text, spans, rendered.quoted),
                }
            )
        quotes.sort(key=lambda quote: (quote["spans"][0][0], quote["spans"][-1][1]))
        doc_id = path.stem if len(bounds) == 1 else f"{path.stem}#{number}"
        documents.append({"doc_id": doc_id, "language": "de", "text": rendered.text, "quotes": quotes})
    return documents


def check(document: dict[str, Any]) -> None:
    """Stop when a span leaves the text or a quote's or speaker's slices do not join to its text."""
    text = document["text"]
    for quote in document["quotes"]:
        for field, spans_field in (("text", "spans"), ("speaker", "speaker_spans")):
            spans = quote[spans_field]
            if any(not 0 <= a < b <= len(text) for a, b in spans) or spans != sorted(spans):
                raise SystemExit(f"{document['doc_id']}: bad {spans_field} {spans}")
            if " ".join(text[a:b] for a, b in spans) != quote[field]:
                raise SystemExit(f"{document['doc_id']}: {spans_field} do not hold {field} {quote[field][:60]!r}")


def is_named(speaker: str) -> bool:
    """Whether a source has a word that is not a pronoun, determiner or indefinite."""
    return any(word.lower() not in NOT_NAMES for word in _WORD.findall(speaker))


def main() -> None:
    """Convert one split and print its counts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, required=True, help="the corpus's data/ folder (holding train/ dev/)")
    parser.add_argument("--split", default="dev", help="train, dev or trial (default dev)")
    parser.add_argument("--out", type=Path, required=True, help="the gold JSONL to write")
    parser.add_argument("--chunk", type=int, default=30, help="sentences per document for long speeches; 0: no cut")
    args = parser.parse_args()
    files = sorted((args.root / args.split / "task1").glob("*.json"))
    if not files:
        raise SystemExit(f"no speeches in {args.root / args.split / 'task1'}")
    dropped: Counter[str] = Counter()
    documents = [document for path in files for document in convert_speech(path, args.chunk, dropped)]
    for document in documents:
        check(document)
    with args.out.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    quotes = [quote for document in documents for quote in document["quotes"]]
    kinds = Counter(quote["kind"] for quote in quotes)
    named = sum(1 for quote in quotes if is_named(quote["speaker"]))
    print(
        f"{len(files)} speeches, {len(documents)} documents, {len(quotes)} quotes "
        f"({', '.join(f'{kind} {kinds[kind]}' for kind in ('direct', 'mixed', 'indirect'))}), "
        f"named source {named} ({100 * named / max(1, len(quotes)):.1f}%); "
        f"dropped: {dict(dropped) or 'none'} -> {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
