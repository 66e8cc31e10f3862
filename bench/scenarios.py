"""The measurements the suite runs, each in a fresh child process so its peak memory is its own.

    python bench/scenarios.py NAME '{"json": "arguments"}'

prints one JSON object (seconds of each run, and what was measured) on standard output.
``bench/suite.py`` starts these and reads the peak resident memory of each child from the
kernel (``wait4``); run by hand they are useful for profiling one stage.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import END, Corpus  # noqa: E402


def write_corpus(folder: Path, articles: int, seed: int = 7) -> Path:
    """``articles`` generated articles as Markdown files with front matter, as an inbox holds them."""
    folder.mkdir(parents=True, exist_ok=True)
    for a in Corpus(seed).stories(articles):
        published = a.published.isoformat() if a.published else ""
        (folder / f"{a.id}.md").write_text(
            f"---\ntitle: {a.title}\nsource: {a.source}\nurl: {a.url}\npublished: {published}\n---\n\n{a.text}\n",
            encoding="utf-8",
        )
    return folder


def _runs(repeat: int, work: Callable[[], object]) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def stages(args: dict[str, Any]) -> dict[str, Any]:
    """Each stage on its own, and all of them together, on one core."""
    from briefing.cluster import group_articles
    from briefing.config import BriefConfig
    from briefing.ingest import read_inputs
    from briefing.languages import tools_for
    from briefing.nlp.vectors import article_terms
    from briefing.pipeline import assemble_brief
    from briefing.summarize import get_summarizer
    from briefing.summarize.multi import summarize_story

    folder, repeat = str(args["folder"]), int(args["repeat"])
    now = END.astimezone(UTC)
    articles = list(read_inputs([folder]).articles)
    # each article read with its language's tools, as the pipeline reads it
    tools = [tools_for(a) for a in articles]
    split = [t.sentences(a) for t, a in zip(tools, articles, strict=True)]
    sentence_terms = [[t.terms(s.text) for s in sentences_] for t, sentences_ in zip(tools, split, strict=True)]
    counts = [article_terms(a.title, t, tools_for(a).language) for a, t in zip(articles, sentence_terms, strict=True)]
    groups = group_articles(articles, counts=counts).groups
    config = BriefConfig(workers=1)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    sentence_count = sum(len(s) for s in split) / len(articles)

    def summarize() -> None:
        # each article's own summary, then each story's from those (as the pipeline does)
        picks = [t.summarize(a, s, "news", 3) for t, a, s in zip(tools, articles, split, strict=True)]
        for g in groups:
            documents = [(articles[i], split[i]) for i in g.articles]
            chosen = [picks[i] for i in g.articles]
            summarize_story(documents, "news", 3, picks=chosen, counts=[sentence_terms[i] for i in g.articles])

    def pipeline() -> None:
        # ingest + split + summarize + quotes + cluster: everything but rendering
        assemble_brief(read_inputs([folder]), config, inputs=[folder], now=now)

    measured: dict[str, list[float]] = {
        "ingest": _runs(repeat, lambda: read_inputs([folder])),
        "split": _runs(repeat, lambda: [t.sentences(a) for t, a in zip(tools, articles, strict=True)]),
        "quotes": _runs(
            repeat, lambda: [t.quotes.extract(a, s) for t, a, s in zip(tools, articles, split, strict=True)]
        ),
        "terms (for stories and their summaries)": _runs(
            repeat, lambda: [[t.terms(s.text) for s in sentences_] for t, sentences_ in zip(tools, split, strict=True)]
        ),
        "summarize": _runs(repeat, summarize),
        "cluster": _runs(
            repeat,
            lambda: group_articles(
                articles, counts=[article_terms(a.title, t) for a, t in zip(articles, sentence_terms, strict=True)]
            ),
        ),
        "pipeline": _runs(repeat, pipeline),
    }
    # what a user would use instead: sumy's own LexRank on each article (a sample: it is slow)
    sample = articles[: max(1, len(articles) // 10)]
    sumy = get_summarizer("sumy-lexrank")
    sumy.summarize(split[0], 3, title=articles[0].title)  # sumy's modules import NLTK: not part of a summary's cost
    sumy_seconds = _runs(1, lambda: [sumy.summarize(s, 3, title=a.title) for a, s in zip(sample, split, strict=False)])
    ours = _runs(repeat, lambda: [t.summarize(a, s, "news", 3) for t, a, s in zip(tools, sample, split, strict=False)])
    textacy = _textacy(sample)
    return {
        "articles": len(articles),
        "words_per_article": round(words),
        "sentences_per_article": round(sentence_count, 1),
        "stories": len(groups),
        "seconds": measured,
        "compare": {
            "articles": len(sample),
            "sumy-lexrank per article": statistics.median(sumy_seconds) / len(sample),
            "news per article": statistics.median(ours) / len(sample),
            "textacy quotes per article": textacy,
        },
    }


def workers(args: dict[str, Any]) -> dict[str, Any]:
    """The per-article work over one process and over a pool of ``workers`` (not pinned to a core)."""
    from briefing.analysis import analyse_all
    from briefing.ingest import read_inputs

    articles = list(read_inputs([str(args["folder"])]).articles)
    repeat = int(args["repeat"])
    analyse_all(articles[:20], algorithm="news", count=3, workers=1)  # load the stemmer, compile the patterns
    return {
        "articles": len(articles),
        "seconds": {
            str(w): _runs(repeat, lambda w=w: analyse_all(articles, algorithm="news", count=3, workers=w))
            for w in (1, int(args["workers"]))
        },
    }


def _textacy(sample: list[Any]) -> float | str:
    """textacy's direct-quotation extractor per article, or why it could not run."""
    try:
        import spacy
        import textacy.extract
    except ImportError:
        return "not installed"
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        return "no spaCy English model installed"
    started = time.perf_counter()
    for a in sample:
        list(textacy.extract.direct_quotations(nlp(a.text)))
    return (time.perf_counter() - started) / len(sample)


def pdf(args: dict[str, Any]) -> dict[str, Any]:
    """Render the brief of a folder's articles to PDF, or (``plain``) the same text as a page with no style.

    The two run in separate processes, so each one's peak memory is its own.
    """
    import resource

    import weasyprint

    from briefing.config import BriefConfig
    from briefing.pipeline import build_brief
    from briefing.render import render_html, render_pdf

    folder, repeat, workers = str(args["folder"]), int(args["repeat"]), int(args.get("workers", 1))
    brief, _ = build_brief([folder], BriefConfig(workers=1), clock=lambda: END)
    built_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.get("save"):
        # for the "render" scenario: the same brief, to be rendered by a process that did not build it
        Path(args["save"]).write_bytes(pickle.dumps(brief))
    rendered: list[bytes] = []
    forks = _count_forks()
    if args.get("plain"):
        # the same words in a page with no style at all: what WeasyPrint costs on its own
        plain = _plain_page(render_html(brief, for_print=True))
        seconds = _runs(repeat, lambda: rendered.append(weasyprint.HTML(string=plain).write_pdf()))
    else:
        seconds = _runs(repeat, lambda: rendered.append(render_pdf(brief, workers=workers)))
    return {
        "stories": len(brief.stories),
        "pages": _pages(rendered[-1]),
        "seconds": seconds,
        "built_mb": built_mb,
        "forked": bool(forks),
        **_own_and_forked_mb(),
    }


def _count_forks() -> list[int]:
    """A list that grows by one each time a PDF's parts are laid out over a second process."""
    from briefing.render import forked

    forks: list[int] = []
    started = forked.Forked.__init__

    def counting(self: Any, job: Any, **options: Any) -> None:
        forks.append(1)
        started(self, job, **options)

    forked.Forked.__init__ = counting  # type: ignore[method-assign]
    return forks


def _own_and_forked_mb() -> dict[str, float]:
    """The peak memory of this process, and of the largest process it started (the second process of a PDF laid
    out over two; a library's look-up of a system library also starts one, briefly)."""
    import resource

    return {
        "own_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "forked_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def render(args: dict[str, Any]) -> dict[str, Any]:
    """Render a brief saved by the "pdf" scenario (``save``), in a process that did not build it: what the PDF
    stage costs on its own, without the memory the analysis of the articles leaves behind."""
    import resource

    import weasyprint  # noqa: F401  (loaded before the brief, as in "pdf")

    from briefing.render import render_pdf

    brief = pickle.loads(Path(args["brief"]).read_bytes())  # a file this suite wrote: trusted
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rendered: list[bytes] = []
    seconds = _runs(int(args["repeat"]), lambda: rendered.append(render_pdf(brief)))
    return {"pages": _pages(rendered[-1]), "seconds": seconds, "built_mb": loaded_mb}


def _pages(pdf_bytes: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def _plain_page(html: str) -> str:
    body = re.sub(r"(?s)<(style|script)\b.*?</\1>", "", html)
    text = re.sub(r"<[^>]+>", "\n", body)
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    return "<!doctype html><html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"


SCENARIOS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "stages": stages,
    "pdf": pdf,
    "render": render,
    "workers": workers,
}


def main(argv: list[str]) -> int:
    """Run one scenario and print its result as JSON."""
    name, raw = argv[0], argv[1] if len(argv) > 1 else "{}"
    args = json.loads(raw)
    if args.get("core") is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(args["core"])})
    result = SCENARIOS[name](args)
    result["finished"] = datetime.now(UTC).isoformat()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
