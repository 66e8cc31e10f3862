"""Score quote extraction and speaker attribution against hand-annotated articles.

The gold format is the one of the project's evaluation kit (PolNeAR converted to JSONL,
and the seed article's ``seed-gold.json``): one document per line, or one JSON document
or list, each ``{"doc_id", "text", "quotes": [{"text", "speaker", "kind", ...}]}``.
A document without ``text`` may name a ``source_file`` beside the gold file instead.

The figures follow the kit's scorer definitions exactly, so either can be quoted:

- quotes are compared as bags of lower-cased word tokens; a gold and a predicted quote
  overlap by ``|shared tokens| / max(|gold|, |predicted|)``; pairs at or above the
  threshold are matched one to one, greatest overlap first;
- speaker accuracy counts matched pairs whose gold speaker is a name (bare pronouns and
  empty speakers cannot be checked without coreference and are left out); a predicted
  speaker is right when it shares a surname key with the gold speaker or an alias, or
  when their content words have a Jaccard similarity of at least 0.5;
- with ``kinds``, gold and predicted quotes are both kept only when of those kinds
  (a quote that names no kind counts as direct).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import InputError

if TYPE_CHECKING:
    from briefing.models import Quote

__all__ = [
    "GoldDocument",
    "QuoteScores",
    "RuleFigures",
    "calibration_table",
    "format_report",
    "load_gold",
    "predict",
    "score",
]

_WORD = re.compile(r"\w+")
_NAME_TOKEN = re.compile(r"[\w.'\u2019-]+")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_POSSESSIVE_IN_TEXT = re.compile(r"['\u2019]s\b")
_PARENTHESES = re.compile(r"\([^)]*\)")

#: Words that alone do not identify a speaker: pronouns and indefinite "someone" — in English and, as the kit's
#: scorer reads them, the personal pronouns of Russian, German and French ("Er sagte …": no one to check without
#: coreference)
_PRONOUNS = frozenset(
    "i me my we us our you your he him his she her hers it its they them their "
    "this that these those who which one someone somebody "
    "он она они его её ее их ему ей им я мы вы ты кто который которая "
    "er sie es ihm ihn ihr ich wir man der die dieser diese "
    "il elle ils elles lui je nous vous on celui celle".split()
)
#: Left out when comparing speaker descriptions word by word.
_FUNCTION_WORDS = frozenset("the a an of to in on for and or at by with from as s said says mr mrs ms dr".split())
#: Capitalised words that are titles or determiners, never part of a surname key.
_TITLE_WORDS = frozenset(
    "the a an mr mrs ms dr sen rep gov gen prof president secretary minister director senator "
    "representative member head chief spokesman spokeswoman spokesperson according former deputy "
    "vice professor ambassador analyst expert".split()
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    """One annotated article: its text and its gold quotes (the annotation's own dicts)."""

    doc_id: str
    text: str
    title: str = ""
    quotes: tuple[Mapping[str, Any], ...] = ()
    #: the document's language code as the gold gives it ("" to tell it from the text)
    language: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleFigures:
    """How one rule's quotes fared against the gold: found, matched, and with the speaker right.

    A quote is *right* when it matches a gold quote whose speaker is a name and names that speaker,
    *wrong* when it matches none or names another; a match whose gold speaker is a pronoun cannot be
    checked and counts as neither.
    """

    rule: str
    predicted: int
    matched: int
    checked: int
    right: int
    #: the confidence the quotes carried (their rule's figure when the predictions were made), if any
    confidence: float | None = None

    @property
    def wrong(self) -> int:
        """Quotes that matched no gold quote, or named another speaker."""
        return self.predicted - self.matched + self.checked - self.right

    @property
    def precision(self) -> float:
        """The share of the rule's quotes that match a gold quote."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def right_rate(self) -> float | None:
        """The share of the rule's checkable quotes that are right, words and speaker."""
        known = self.right + self.wrong
        return self.right / known if known else None

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain JSON."""
        return {
            "rule": self.rule,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "speaker_checked": self.checked,
            "speaker_right": self.right,
            "right_rate": None if self.right_rate is None else round(self.right_rate, 4),
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteScores:
    """The figures of one scoring run; ``as_dict`` gives them as plain JSON."""

    documents: int
    threshold: float
    kinds: tuple[str, ...]
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    f1_at: dict[str, float]
    token_precision: float
    token_recall: float
    token_f1: float
    speaker_accuracy: float | None
    speaker_checked: int
    speaker_unresolvable: int
    end_to_end_f1: float
    gold_by_kind: dict[str, int]
    recall_by_kind: dict[str, float]
    speaker_type_accuracy: float | None = None
    analyst_precision: float | None = None
    analyst_recall: float | None = None
    analyst_f1: float | None = None
    errors: tuple[tuple[str, str, str, str, str], ...] = field(default=())
    #: with ``by_rule``: each rule's figures, most quotes first
    by_rule: tuple[RuleFigures, ...] = ()
    #: with ``by_rule``, for quotes that carry a confidence: (from, to, quotes, mean confidence, share right) per band
    calibration: tuple[tuple[float, float, int, float, float], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The scores as a JSON-ready dict (errors left out)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("errors", "by_rule")}
        out["kinds"] = list(self.kinds)
        if self.by_rule:
            out["by_rule"] = [figures.as_dict() for figures in self.by_rule]
        out["calibration"] = [list(band) for band in self.calibration]
        return out


def load_gold(path: Path) -> list[GoldDocument]:
    """Read gold documents from ``path`` (``.jsonl``, or ``.json`` holding one document or a list).

    Raises:
        InputError: the file cannot be read, a line is not JSON, or a document has no id or text.
    """
    hint = 'GOLD is a JSONL file, one {"doc_id", "text", "quotes": [...]} a line (see docs/evaluation.md)'
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", hint=hint) from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder, not a gold file", hint=hint) from None
    except OSError as exc:
        raise InputError(f"cannot read the gold file {path}: {exc.strerror or exc}", hint=hint) from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text", hint=hint) from None
    records: list[tuple[int, Any]] = []
    suffix = path.suffix.lower()
    if suffix == ".jsonl" or (suffix != ".json" and raw.lstrip().startswith("{") and "\n{" in raw):
        for number, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                records.append((number, _json(line, path, number)))
    else:
        value = _json(raw, path, 1)
        records = [(1, item) for item in (value if isinstance(value, list) else [value])]
    return [_document(record, path, number) for number, record in records]


def _json(text: str, path: Path, number: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{number}: not JSON: {exc.msg}") from exc


def _document(record: Any, path: Path, number: int) -> GoldDocument:
    if not isinstance(record, dict):
        raise InputError(f"{path}:{number}: a gold document must be a JSON object")
    doc_id = record.get("doc_id", record.get("id"))
    if doc_id is None:
        raise InputError(f"{path}:{number}: a gold document has no doc_id (or id)")
    title = str(record.get("title") or "")
    text = record.get("text")
    if not isinstance(text, str):
        source = record.get("source_file")
        if not isinstance(source, str):
            raise InputError(f"{path}:{number}: document {doc_id!r} has neither text nor source_file")
        text, title = _read_source(path.parent / source, path, number)
    quotes = record.get("quotes") or []
    if not isinstance(quotes, list) or not all(isinstance(q, dict) for q in quotes):
        raise InputError(f"{path}:{number}: document {doc_id!r}: quotes must be a list of objects")
    language = record.get("language")
    if language is not None and not isinstance(language, str):
        raise InputError(f"{path}:{number}: document {doc_id!r}: language must be a language code")
    return GoldDocument(doc_id=str(doc_id), text=text, title=title, quotes=tuple(quotes), language=language or "")


def _read_source(source: Path, path: Path, number: int) -> tuple[str, str]:
    """An article file named by a gold document, read as ``briefing quotes`` would read it."""
    from briefing.ingest import read_inputs

    result = read_inputs([str(source)])
    if not result.articles:
        reason = result.skipped[0].reason if result.skipped else "no article in it"
        raise InputError(f"{path}:{number}: cannot read {source}: {reason}")
    article = result.articles[0]
    return article.text, article.title


def predict(documents: Iterable[GoldDocument], extractor: Any = None) -> dict[str, list[dict[str, Any]]]:
    """Run the quote extractor over each gold document's text; records as ``briefing quotes --jsonl``,
    except that the ``text`` of a quote in parts is its parts joined: the words quoted, without
    the attribution that stands between them, which is what annotators mark.

    Each document is read with its language's extractor (the gold's ``language``, else the one detected from its
    text), unless ``extractor`` is given; and, as ``briefing quotes`` reads a run, a person named bare in one document
    is described as the others describe them most often."""
    from briefing.languages import tools_for
    from briefing.models import Article
    from briefing.nlp.language import detect_language
    from briefing.quotes.rank import DescribeAlike
    from briefing.quotes.records import quote_record

    found: list[tuple[GoldDocument, Sequence[Quote]]] = []
    for doc in documents:
        language = doc.language or detect_language(doc.text, title=doc.title)
        article = Article(id=doc.doc_id, title=doc.title, text=doc.text, source="", origin="gold", language=language)
        tools = tools_for(article)
        reader = extractor or tools.quotes
        found.append((doc, reader.extract(article, tools.sentences(article))))
    # (as `briefing quotes` reads a run: a person named bare in one article described as the others describe them)
    alike = DescribeAlike(quotes for _, quotes in found)
    out: dict[str, list[dict[str, Any]]] = {}
    for doc, quotes in found:
        records = [quote_record(alike(q)) for q in quotes]
        for record in records:
            if len(record["parts"]) > 1:
                record["text"] = " ".join(doc.text[start:end] for start, end in record["parts"])
        out[doc.doc_id] = records
    return out


def _tokens(text: str | None) -> list[str]:
    return [t.lower() for t in _WORD.findall(text or "")]


def _content_words(text: str | None) -> set[str]:
    return {t for t in _tokens(_POSSESSIVE_IN_TEXT.sub("", text or "")) if t not in _FUNCTION_WORDS}


def _name_keys(text: str | None) -> set[str]:
    """Surname keys: the last word of each run of capitalised non-title words.

    Runs of two or more words are preferred ("Vitaly Churkin" → churkin); a string with
    none falls back to its single capitalised words.
    """
    runs: list[list[str]] = []
    run: list[str] = []
    for raw in _NAME_TOKEN.findall(_PARENTHESES.sub(" ", text or "")):
        token = _POSSESSIVE.sub("", raw).strip(".'\u2019-")
        if not token:
            continue
        if token[0].isupper() and token.lower() not in _TITLE_WORDS:
            run.append(token.lower())
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    long_runs = [r for r in runs if len(r) > 1]
    return {r[-1] for r in (long_runs or runs)}


def _names(quote: Mapping[str, Any]) -> list[str]:
    return [str(quote.get("speaker") or ""), *(str(a) for a in quote.get("speaker_aliases") or ())]


def _checkable(quote: Mapping[str, Any]) -> bool:
    return any((words := _content_words(name)) and not words <= _PRONOUNS for name in _names(quote))


def _speaker_right(quote: Mapping[str, Any], predicted: str | None) -> bool:
    if not predicted:
        return False
    keys, words = _name_keys(predicted), _content_words(predicted)
    for name in _names(quote):
        if not name:
            continue
        if keys & _name_keys(name):
            return True
        gold_words = _content_words(name)
        if gold_words and words and len(gold_words & words) / len(gold_words | words) >= 0.5:
            return True
    return False


def _match(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greatest overlap first."""
    gold_bags = [Counter(_tokens(q.get("text"))) for q in gold]
    pred_bags = [Counter(_tokens(q.get("text"))) for q in pred]
    candidates: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold_bags):
        g_len = sum(g.values())
        if not g_len:
            continue
        for j, p in enumerate(pred_bags):
            p_len = sum(p.values())
            if not p_len:
                continue
            value = sum((g & p).values()) / max(g_len, p_len)
            if value >= threshold:
                candidates.append((-value, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    gold: Sequence[GoldDocument],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    threshold: float = 0.5,
    kinds: Sequence[str] = (),
    show_errors: int = 0,
    by_rule: bool = False,
) -> QuoteScores:
    """Score ``predictions`` (document id → quote records) against ``gold``.

    With ``by_rule``, also each rule's figures (the records' ``rule``) and how well the records'
    ``confidence`` matches the share of quotes that are right.
    """
    wanted = set(kinds)
    rules: dict[str, Counter[str]] = {}
    given: dict[str, list[float]] = {}
    outcomes: list[tuple[float, bool]] = []
    n: Counter[str] = Counter()
    kind_gold: Counter[str] = Counter()
    kind_hit: Counter[str] = Counter()
    errors: list[tuple[str, str, str, str, str]] = []
    for doc in gold:
        gqs = [q for q in doc.quotes if not wanted or q.get("kind", "direct") in wanted]
        pqs = [q for q in predictions.get(doc.doc_id, ()) if not wanted or q.get("kind", "direct") in wanted]
        pairs = _match(gqs, pqs, threshold)
        n["gold"] += len(gqs)
        n["pred"] += len(pqs)
        n["hit"] += len(pairs)
        for other in (0.3, 0.8):
            n[f"hit@{other}"] += len(_match(gqs, pqs, other))
        gold_bag = Counter(t for q in gqs for t in _tokens(q.get("text")))
        pred_bag = Counter(t for q in pqs for t in _tokens(q.get("text")))
        n["tok_gold"] += gold_bag.total()
        n["tok_pred"] += pred_bag.total()
        n["tok_hit"] += (gold_bag & pred_bag).total()
        matched_gold = {i for i, _ in pairs}
        for i, q in enumerate(gqs):
            kind = str(q.get("kind", "unspecified"))
            kind_gold[kind] += 1
            kind_hit[kind] += i in matched_gold
        for i, j in pairs:
            gq, pq = gqs[i], pqs[j]
            if not _checkable(gq):
                n["unresolvable"] += 1
            else:
                n["spk_checked"] += 1
                if _speaker_right(gq, pq.get("speaker")):
                    n["spk_right"] += 1
                elif len(errors) < show_errors:
                    errors.append(("speaker", doc.doc_id, str(gq.get("speaker")), str(pq.get("speaker")), _cut(gq)))
            if gq.get("speaker_type") is not None:
                n["typed"] += 1
                n["type_right"] += gq.get("speaker_type") == pq.get("speaker_type")
                n["analyst_hit"] += gq.get("speaker_type") == "analyst" == pq.get("speaker_type")
        n["analyst_gold"] += sum(q.get("speaker_type") == "analyst" for q in gqs)
        n["analyst_pred"] += sum(q.get("speaker_type") == "analyst" for q in pqs)
        if by_rule:
            _count_rules(gqs, pqs, pairs, rules, given, outcomes)
        if show_errors:
            used_pred = {j for _, j in pairs}
            missed = [
                ("missed", str(q.get("speaker")), "", _cut(q)) for i, q in enumerate(gqs) if i not in matched_gold
            ]
            spurious = [
                ("spurious", "", str(q.get("speaker")), _cut(q)) for j, q in enumerate(pqs) if j not in used_pred
            ]
            for what, g_speaker, p_speaker, text in missed + spurious:
                if len(errors) < show_errors:
                    errors.append((what, doc.doc_id, g_speaker, p_speaker, text))
    p, r, f = _prf(n["hit"], n["pred"], n["gold"])
    tp, tr, tf = _prf(n["tok_hit"], n["tok_pred"], n["tok_gold"])
    typed = {}
    if n["typed"]:
        ap, ar, af = _prf(n["analyst_hit"], n["analyst_pred"], n["analyst_gold"])
        typed = {
            "speaker_type_accuracy": n["type_right"] / n["typed"],
            "analyst_precision": ap,
            "analyst_recall": ar,
            "analyst_f1": af,
        }
    return QuoteScores(
        documents=len(gold),
        threshold=threshold,
        kinds=tuple(sorted(wanted)),
        gold=n["gold"],
        predicted=n["pred"],
        matched=n["hit"],
        precision=p,
        recall=r,
        f1=f,
        f1_at={str(t): _prf(n[f"hit@{t}"], n["pred"], n["gold"])[2] for t in (0.3, 0.8)},
        token_precision=tp,
        token_recall=tr,
        token_f1=tf,
        speaker_accuracy=n["spk_right"] / n["spk_checked"] if n["spk_checked"] else None,
        speaker_checked=n["spk_checked"],
        speaker_unresolvable=n["unresolvable"],
        end_to_end_f1=_prf(n["spk_right"], n["pred"], n["gold"] - n["unresolvable"])[2],
        gold_by_kind=dict(sorted(kind_gold.items())),
        recall_by_kind={k: kind_hit[k] / kind_gold[k] for k in sorted(kind_gold)},
        errors=tuple(errors),
        by_rule=tuple(
            sorted(
                (
                    RuleFigures(
                        rule=rule,
                        predicted=c["predicted"],
                        matched=c["matched"],
                        checked=c["checked"],
                        right=c["right"],
                        confidence=round(sum(given[rule]) / len(given[rule]), 4) if given.get(rule) else None,
                    )
                    for rule, c in rules.items()
                ),
                key=lambda r: (-r.predicted, r.rule),
            )
        ),
        calibration=_bands(outcomes),
        **typed,
    )


def _count_rules(
    gqs: Sequence[Mapping[str, Any]],
    pqs: Sequence[Mapping[str, Any]],
    pairs: Sequence[tuple[int, int]],
    rules: dict[str, Counter[str]],
    given: dict[str, list[float]],
    outcomes: list[tuple[float, bool]],
) -> None:
    """Add one document's predictions to each rule's counts, and their confidence against their outcome."""
    gold_of = {j: i for i, j in pairs}
    for j, pq in enumerate(pqs):
        rule = str(pq.get("rule") or "(no rule)")
        counts = rules.setdefault(rule, Counter())
        counts["predicted"] += 1
        outcome: bool | None = False
        if j in gold_of:
            counts["matched"] += 1
            gq = gqs[gold_of[j]]
            outcome = None
            if _checkable(gq):
                counts["checked"] += 1
                outcome = _speaker_right(gq, pq.get("speaker"))
                counts["right"] += outcome
        value = pq.get("confidence")
        if isinstance(value, int | float):
            given.setdefault(rule, []).append(float(value))
            if outcome is not None:
                outcomes.append((float(value), outcome))


#: the confidence bands a calibration check reports
_BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def _bands(outcomes: Sequence[tuple[float, bool]]) -> tuple[tuple[float, float, int, float, float], ...]:
    out = []
    for low, high in itertools.pairwise(_BANDS):
        inside = [(c, ok) for c, ok in outcomes if low <= c < high or (high == 1.0 and c == 1.0)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            right = sum(ok for _, ok in inside) / len(inside)
            out.append((low, high, len(inside), round(mean, 4), round(right, 4)))
    return tuple(out)


def calibration_table(scores: QuoteScores, *, language: str, source: str, weight: float = 10.0) -> str:
    """A language's confidence table (TOML) from ``scores`` made ``by_rule``: each rule's share of right quotes,
    shrunk towards the share of all rules by ``weight`` quotes' worth, so a rule seen a few times is not trusted
    (or distrusted) on so little."""
    right = sum(r.right for r in scores.by_rule)
    known = sum(r.right + r.wrong for r in scores.by_rule)
    overall = right / known if known else 0.5
    lines = [
        f"# How often a quote found by each {language} rule has its words and its speaker right: the share of the",
        f"# rule's quotes that match a gold quote and name its speaker, on {source},",
        f"# shrunk towards the share of all rules ({overall:.2f}) by {weight:g} quotes' worth. Written by",
        "# `briefing eval quotes GOLD --calibrate FILE` (docs/languages.md); rules the data never exercised get",
        "# `default`.",
        f"default = {overall:.2f}",
        "",
        "[rules]",
    ]
    for figures in sorted(scores.by_rule, key=lambda r: r.rule):
        if not figures.rule.startswith(f"{language}."):
            continue
        rate = (figures.right + weight * overall) / (figures.right + figures.wrong + weight)
        lines.append(f'"{figures.rule}" = {rate:.2f}  # {figures.right} right of {figures.right + figures.wrong}')
    return "\n".join(lines) + "\n"


def _cut(quote: Mapping[str, Any]) -> str:
    return " ".join(str(quote.get("text") or "").split())[:80]


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def format_report(scores: QuoteScores) -> str:
    """The scores as a short text report, one figure family a line."""
    kinds = f"  kinds: {', '.join(scores.kinds)}" if scores.kinds else ""
    lines = [
        f"documents {scores.documents}  gold quotes {scores.gold}  predicted {scores.predicted}{kinds}",
        f"quote spans @{scores.threshold:g}: P {_pct(scores.precision)}  R {_pct(scores.recall)}  "
        f"F1 {_pct(scores.f1)}   (F1@0.3 {_pct(scores.f1_at['0.3'])}, F1@0.8 {_pct(scores.f1_at['0.8'])})",
        f"token overlap: P {_pct(scores.token_precision)}  R {_pct(scores.token_recall)}  F1 {_pct(scores.token_f1)}",
        f"speaker accuracy on matched quotes: {_pct(scores.speaker_accuracy)}  ({scores.speaker_checked} checked, "
        f"{scores.speaker_unresolvable} with a pronoun or empty gold speaker left out)",
        f"end to end (quote and speaker right): F1 {_pct(scores.end_to_end_f1)}",
        "recall by gold kind: "
        + ", ".join(f"{k} {_pct(v)} (n={scores.gold_by_kind[k]})" for k, v in scores.recall_by_kind.items()),
    ]
    if scores.speaker_type_accuracy is not None:
        lines.append(
            f"speaker type accuracy {_pct(scores.speaker_type_accuracy)};  analyst views: "
            f"P {_pct(scores.analyst_precision)}  R {_pct(scores.analyst_recall)}  F1 {_pct(scores.analyst_f1)}"
        )
    if scores.by_rule:
        width = max(len(r.rule) for r in scores.by_rule)
        lines.append(f"\n{'rule'.ljust(width)}  quotes  matched  precision  speaker right  right  confidence")
        for r in scores.by_rule:
            speaker = f"{r.right}/{r.checked}" if r.checked else "-"
            given = "" if r.confidence is None else f"{r.confidence:.2f}"
            lines.append(
                f"{r.rule.ljust(width)}  {r.predicted:6d}  {r.matched:7d}  {_pct(r.precision):>9}  {speaker:>13}"
                f"  {_pct(r.right_rate):>5}  {given:>10}"
            )
    if scores.calibration:
        lines.append("\nconfidence band   quotes  mean confidence  share right")
        for low, high, count, mean, right in scores.calibration:
            lines.append(f"{low:.1f}–{high:.1f}         {count:6d}  {mean:15.2f}  {right:11.2f}")
    lines.extend("  " + " | ".join(error) for error in scores.errors)
    return "\n".join(lines)
