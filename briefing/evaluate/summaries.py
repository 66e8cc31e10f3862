"""Score summarizers with ROUGE against reference summaries (``briefing eval summaries``).

Two dataset layouts are read:

* JSONL, one ``{"id", "text", "summary"}`` a line (``title`` optional; ``summary`` may be
  a string or a list of sentences) — CNN/DailyMail's articles and highlights convert to it
  in one line;
* the BBC News Summary folder: ``News Articles/<topic>/NNN.txt`` (first line the title)
  beside ``Summaries/<topic>/NNN.txt``.

Every algorithm summarizes the same sentences (the project's own splitter, boilerplate
left out) and is scored by ``rouge-score`` with stemming, F1 averaged over documents.
The time per article is the summarizer's alone, splitting excluded, measured in this
process after a warm-up document so one-off imports are not counted.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError
from briefing.ingest.decode import decode_bytes
from briefing.models import Article
from briefing.nlp.splitter import segment

__all__ = ["Reference", "SummaryScores", "evaluate", "format_table", "load_references", "reference_sentences"]


@dataclass(frozen=True, slots=True)
class Reference:
    """One article and its reference summary."""

    id: str
    title: str
    text: str
    summary: str


@dataclass(slots=True)
class SummaryScores:
    """Mean ROUGE F1 (0–100) and time per article for one algorithm."""

    algorithm: str
    documents: int = 0
    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeL: float = 0.0
    seconds: float = 0.0
    per_document: list[tuple[float, float, float]] = field(default_factory=list, repr=False)

    @property
    def ms_per_article(self) -> float:
        """Mean summarizing time per article, in milliseconds."""
        return 1000.0 * self.seconds / self.documents if self.documents else 0.0

    def as_dict(self) -> dict[str, object]:
        """The figures as plain JSON-ready values."""
        return {
            "algorithm": self.algorithm,
            "documents": self.documents,
            "rouge1": round(self.rouge1, 2),
            "rouge2": round(self.rouge2, 2),
            "rougeL": round(self.rougeL, 2),
            "ms_per_article": round(self.ms_per_article, 3),
        }


def _read_text(path: Path) -> str:
    return decode_bytes(path.read_bytes(), name=str(path))  # one file of the BBC set is cp1252, not UTF-8


def _bbc_root(path: Path) -> Path | None:
    for candidate in (path, path / "BBC News Summary"):
        if (candidate / "News Articles").is_dir() and (candidate / "Summaries").is_dir():
            return candidate
    return None


def _load_bbc(root: Path) -> Iterator[Reference]:
    for article_path in sorted((root / "News Articles").glob("*/*.txt")):
        topic = article_path.parent.name
        summary_path = root / "Summaries" / topic / article_path.name
        if not summary_path.is_file():
            continue
        title, _, body = _read_text(article_path).strip().partition("\n")
        yield Reference(f"{topic}/{article_path.stem}", title.strip(), body.strip(), _read_text(summary_path).strip())


def _load_jsonl(path: Path) -> Iterator[Reference]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text, summary = record["text"], record["summary"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(
                    f"{path}:{number}: not a {{id, text, summary}} record ({exc})",
                    hint="one JSON object a line with the fields id, text and summary",
                ) from exc
            if isinstance(summary, list):
                summary = "\n".join(str(s) for s in summary)
            yield Reference(str(record.get("id", number)), str(record.get("title", "")), str(text), str(summary))


def load_references(path: Path, *, limit: int = 0, seed: int | None = None) -> list[Reference]:
    """Read a dataset; with ``limit``, keep that many documents (a seeded random sample if ``seed``)."""
    if path.is_dir():
        root = _bbc_root(path)
        if root is None:
            raise InputError(
                f"{path}: neither a JSONL file nor a BBC News Summary folder",
                hint="give the folder holding 'News Articles' and 'Summaries', or a JSONL file",
            )
        references = list(_load_bbc(root))
    elif path.is_file():
        references = list(_load_jsonl(path))
    else:
        raise InputError(f"{path}: no such file or folder", hint="check the path")
    if not references:
        raise InputError(f"{path}: no documents with a reference summary", hint="check the dataset's layout")
    if limit and limit < len(references):
        references = random.Random(seed).sample(references, limit) if seed is not None else references[:limit]
    return references


# "said.The" — the BBC references run sentences together without a space
_RUN_TOGETHER = re.compile(r"(?<=[a-z0-9%\"”’')][.!?])(?=[A-Z\"“‘])")


def reference_sentences(summary: str) -> int:
    """How many sentences a reference summary has (one a line, or as the splitter finds them)."""
    lines = [line for line in summary.splitlines() if line.strip()]
    if len(lines) > 1:
        return len(lines)
    return max(1, sum(1 for _ in segment(_RUN_TOGETHER.sub(" ", summary))))


def evaluate(
    references: Sequence[Reference],
    algorithms: Sequence[str],
    *,
    sentences: int = 3,
    match_reference: bool = False,
) -> list[SummaryScores]:
    """Summarize every reference's article with every algorithm and score it against the reference."""
    from rouge_score import rouge_scorer  # the ``eval`` extra

    from briefing.languages import tools_for

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    results = [SummaryScores(algorithm=name) for name in algorithms]
    warm = Article(id="warm-up", title="", text="Warm up the summarizers. They load their word lists once. Then time.")
    for name in algorithms:
        tools_for(warm).summarizer(name).summarize(tools_for(warm).sentences(warm), 1)
    for reference in references:
        article = Article(id=reference.id, title=reference.title, text=reference.text)
        tools = tools_for(article)
        split = tools.sentences(article)
        count = reference_sentences(reference.summary) if match_reference else sentences
        for name, result in zip(algorithms, results, strict=True):
            summarizer = tools.summarizer(name)  # (made once: the warm-up made English's)
            started = time.perf_counter()
            chosen = summarizer.summarize(split, count, title=reference.title)
            result.seconds += time.perf_counter() - started
            figures = scorer.score(reference.summary, " ".join(s.text for s in chosen))
            result.per_document.append(
                (figures["rouge1"].fmeasure, figures["rouge2"].fmeasure, figures["rougeL"].fmeasure)
            )
    for result in results:
        result.documents = len(result.per_document)
        if result.documents:
            columns = list(zip(*result.per_document, strict=True))
            result.rouge1, result.rouge2, result.rougeL = (100.0 * sum(c) / len(c) for c in columns)
    return results


def format_table(results: Sequence[SummaryScores]) -> str:
    """A Markdown table: algorithm, ROUGE-1/2/L F1 and milliseconds per article."""
    lines = [
        "| algorithm | ROUGE-1 | ROUGE-2 | ROUGE-L | ms / article |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r.algorithm} | {r.rouge1:.2f} | {r.rouge2:.2f} | {r.rougeL:.2f} | {r.ms_per_article:.2f} |")
    return "\n".join(lines)
