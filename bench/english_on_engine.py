"""How far the language-neutral quote engine is from the English rules, on English news: the port's yardstick.

English briefs are read by the rules English grew up with (``briefing/quotes/extract.py``); the engine reads English
from ``briefing/quotes/lang/en/grammar.toml``. This scores both on annotated gold files (JSONL with texts, as
``briefing eval quotes`` reads them) side by side, and counts the English rules' own examples
(``lang/en/rules.toml``) whose quote and speaker the engine finds:

    python bench/english_on_engine.py ~/en-bbc-dev.jsonl ~/polnear-dev.jsonl
    python bench/english_on_engine.py ~/en-bbc-dev.jsonl --lost 20     # what the rules find and the engine does not
    python bench/english_on_engine.py ~/polnear/dev.jsonl --by-rule     # each of the engine's rules on English

``--lost`` prints gold quotes the rules get right (span and speaker) that the engine misses or misattributes, with
their context: use it on development sets only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.evaluate.quotes import _match, _speaker_right, format_report, load_gold, predict, score  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.nlp import sentences  # noqa: E402
from briefing.quotes.engine import QuoteEngine  # noqa: E402
from briefing.quotes.extract import RuleQuoteExtractor  # noqa: E402
from briefing.quotes.rules import load_rules  # noqa: E402

_FIGURES = (
    ("f1", "F1"),
    ("speaker_accuracy", "speaker"),
    ("speaker_type_accuracy", "type"),
    ("analyst_f1", "analyst F1"),
    ("end_to_end_f1", "end to end"),
)


def _pct(value: Any) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(' .,“”"')


def examples_found(engine: QuoteEngine) -> tuple[int, int, list[str]]:
    """Of the English rules' examples, how many the engine finds (the quote, with the speaker the example names),
    how many there are, and the ids of the rules whose examples it misses."""
    found = total = 0
    missed: list[str] = []
    for rule in load_rules("en"):
        for example in rule.examples:
            total += 1
            article = Article(id="example", title="Example", text=example.text, source="", origin="bench")
            wanted = _normal(example.quote)
            quotes = engine.extract(article, sentences(article))
            if any(
                (_normal(q.content).startswith(wanted) or wanted in _normal(q.content))
                and (q.speaker.name if q.speaker else "") == example.speaker
                for q in quotes
            ):
                found += 1
            else:
                missed.append(rule.id)
    return found, total, missed


def _lost(path: Path, kinds: set[str], limit: int, rules: Any, engine: Any) -> None:
    docs = load_gold(path)
    by_rules, by_engine = predict(docs, rules), predict(docs, engine)
    shown = 0
    for doc in docs:
        gold = [q for q in doc.quotes if q.get("kind", "direct") in kinds]
        r = [q for q in by_rules[doc.doc_id] if q.get("kind") in kinds]
        e = [q for q in by_engine[doc.doc_id] if q.get("kind") in kinds]
        r_match, e_match = dict(_match(gold, r, 0.5)), dict(_match(gold, e, 0.5))
        for i, g in enumerate(gold):
            if not (i in r_match and _speaker_right(g, r[r_match[i]].get("speaker"))):
                continue
            if i in e_match and _speaker_right(g, e[e_match[i]].get("speaker")):
                continue
            got = e[e_match[i]] if i in e_match else None
            at = doc.text.find(g["text"][:30])
            context = doc.text[max(0, at - 160) : at + len(g["text"]) + 60].replace("\n", " ¶ ")
            what = f"speaker {got.get('speaker')!r} ({got.get('rule')})" if got else "not found"
            print(f"- gold speaker {g.get('speaker')!r}, engine: {what}\n  {context}\n")
            shown += 1
            if shown >= limit:
                return


def main(argv: list[str] | None = None) -> int:
    """Print the rules' and the engine's figures on each gold file, and the rule examples the engine finds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold JSONL files with texts")
    parser.add_argument("--kinds", default="direct,mixed", help="quote kinds scored (default: direct,mixed)")
    parser.add_argument("--lost", type=int, default=0, metavar="N", help="print N quotes the engine loses")
    parser.add_argument(
        "--by-rule", action="store_true", help="the engine's figures rule by rule, as briefing eval quotes --by-rule"
    )
    args = parser.parse_args(argv)
    kinds = set(args.kinds.split(","))
    rules, engine = RuleQuoteExtractor(), QuoteEngine("en")
    found, total, missed = examples_found(engine)
    print(f"English rule examples the engine finds: {found} of {total}")
    if missed:
        print("  missed, by rule: " + ", ".join(sorted(set(missed))))
    for path in args.gold:
        if args.lost:
            _lost(path, kinds, args.lost, rules, engine)
            continue
        if args.by_rule:
            docs = load_gold(path)
            by_rule = score(docs, predict(docs, engine), kinds=sorted(kinds), by_rule=True)
            report = format_report(by_rule)
            print(f"\n{path.name}, the engine by rule ({args.kinds})")
            print(report[report.index("\nrule") :] if "\nrule" in report else report)
            continue
        docs = load_gold(path)
        print(f"\n{path.name} ({args.kinds})")
        print(f"  {'':12}" + "".join(f"{label:>12}" for _, label in _FIGURES))
        for name, reader in (("rules", rules), ("engine", engine)):
            figures = score(docs, predict(docs, reader), kinds=sorted(kinds)).as_dict()
            print(f"  {name:12}" + "".join(f"{_pct(figures.get(key)):>12}" for key, _ in _FIGURES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
