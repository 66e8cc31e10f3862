"""Score what a brief shows: its key quotes and analyst views, against annotated quotes.

A reader judges a brief by the quotes it shows, not by every quote an extractor finds. This builds one brief from
the documents of a gold JSONL with texts (each document an article, every story in full: ``max_stories`` 0) and
scores the direct and mixed quotes it shows — each story's key quotes and the analyst views, the brief's and the
stories' — against the gold quotes of the same article (matched as ``briefing eval quotes`` matches, token overlap
0.5):

- shown: quotes shown, how many match a gold quote, and of those the share with the right speaker, and with the
  right speaker and type (the bars of the "who's who" work: 95% and 85%);
- analyst views: of the gold analysts' direct and mixed quotes, the share shown as analyst views (recall), and of
  the analyst views' quotes that match a gold quote, the share a gold analyst's (precision).

    python bench/brief_shown.py ~/en-bbc-check.jsonl [--json]
    python bench/brief_shown.py ~/en-bbc-dev4.jsonl --show-errors   # each shown quote gone wrong (development sets)
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.config import BriefConfig  # noqa: E402
from briefing.evaluate.quotes import _match, _speaker_right, load_gold  # noqa: E402
from briefing.ingest import IngestResult  # noqa: E402
from briefing.models import Article, Brief, Quote  # noqa: E402
from briefing.nlp.language import detect_language  # noqa: E402
from briefing.pipeline import assemble_brief  # noqa: E402

_SHOWN_KINDS = ("direct", "mixed")


def shown_quotes(brief: Brief) -> tuple[list[Quote], list[Quote]]:
    """The quotes a brief shows as key quotes and as analyst views (each once, in brief order)."""
    keys: list[Quote] = []
    views: list[Quote] = []
    for story in brief.stories:
        keys.extend(story.quotes)
        for view in story.analyst_views:
            views.extend(view.quotes)
    for view in brief.analyst_views:
        views.extend(view.quotes)
    seen: set[tuple[str, int, int]] = set()

    def once(quotes: list[Quote]) -> list[Quote]:
        out = []
        for q in quotes:
            key = (q.article_id, q.start, q.end)
            if key not in seen:
                seen.add(key)
                out.append(q)
        return out

    return once(views), once(keys)


def _record(quote: Quote, text: str) -> dict[str, Any]:
    parts = quote.parts or ((quote.start, quote.end),)
    return {"text": " ".join(text[s:e] for s, e in parts)}


def score(path: Path, errors: list[str] | None = None) -> dict[str, Any]:
    """Build the brief of the gold file's documents and score what it shows; each shown quote whose speaker or type
    is wrong is described in ``errors`` when given."""
    docs = load_gold(path)
    articles = tuple(
        Article(
            id=d.doc_id,
            title=d.title,
            text=d.text,
            source="",
            origin="gold",
            language=d.language or detect_language(d.text, title=d.title),
        )
        for d in docs
    )
    config = BriefConfig(max_stories=0, workers=1)
    brief, _ = assemble_brief(
        IngestResult(articles=articles, skipped=()),
        config,
        inputs=[str(path)],
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    views, keys = shown_quotes(brief)
    texts = {d.doc_id: d.text for d in docs}
    gold = {d.doc_id: [q for q in d.quotes if q.get("kind") in _SHOWN_KINDS] for d in docs}
    shown = matched = speaker = typed = 0
    view_matched = view_analyst = 0
    shown_analyst: set[tuple[str, int]] = set()
    for quotes, is_view in ((views, True), (keys, False)):
        for q in quotes:
            if q.kind not in _SHOWN_KINDS:
                continue
            shown += 1
            golds = gold.get(q.article_id, [])
            pair = _match(golds, [_record(q, texts[q.article_id])], 0.5)
            if not pair:
                continue
            g = golds[pair[0][0]]
            matched += 1
            right = _speaker_right(g, q.speaker.name if q.speaker else None)
            speaker += right
            kind = q.speaker.type if q.speaker is not None else None
            typed += right and kind == g.get("speaker_type")
            if errors is not None and not (right and kind == g.get("speaker_type")):
                where = "view" if is_view else "key"
                errors.append(
                    f"{q.article_id} | {where} | gold {g.get('speaker')} ({g.get('speaker_type')}) | shown"
                    f" {q.speaker.name if q.speaker else None} ({kind}; {q.rule}) | {g.get('text', '')[:60]}"
                )
            if is_view:
                view_matched += 1
                view_analyst += g.get("speaker_type") == "analyst"
                if g.get("speaker_type") == "analyst":
                    shown_analyst.add((q.article_id, pair[0][0]))
    analyst_gold = sum(1 for qs in gold.values() for g in qs if g.get("speaker_type") == "analyst")

    def share(a: int, b: int) -> float | None:
        return round(100 * a / b, 1) if b else None

    return {
        "documents": len(docs),
        "stories": len(brief.stories),
        "shown": shown,
        "shown_matched": matched,
        "speaker_right": share(speaker, matched),
        "speaker_and_type_right": share(typed, matched),
        "analyst_views_recall": share(len(shown_analyst), analyst_gold),
        "analyst_views_precision": share(view_analyst, view_matched),
        "analyst_quotes_gold": analyst_gold,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold quotes with texts (JSONL)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--show-errors", action="store_true", help="list each shown quote whose speaker or type is wrong"
    )
    args = parser.parse_args()
    errors: list[str] | None = [] if args.show_errors else None
    result = score(args.gold, errors)
    for line in errors or ():
        print(line)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['documents']} articles, {result['stories']} stories; {result['shown']} direct and mixed quotes shown,"
        f" {result['shown_matched']} of them annotated"
    )
    print(f"  right speaker {result['speaker_right']}%, right speaker and type {result['speaker_and_type_right']}%")
    print(
        f"  analyst views: recall {result['analyst_views_recall']}% of {result['analyst_quotes_gold']} analyst quotes,"
        f" precision {result['analyst_views_precision']}%"
    )


if __name__ == "__main__":
    main()
