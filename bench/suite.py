"""The benchmark suite: every stage and the whole pipeline, from one article to ten thousand.

    pip install -e ".[test,bench]"
    python bench/suite.py [--json bench/results/suite.json] [--plot docs/img/scaling.png] [--quick]

It generates its corpus (``bench/corpus.py``: nothing downloaded, nothing large committed),
runs each measurement several times in fresh child processes, and prints medians,
throughput and peak memory (the child's maximum resident set, from the kernel) as a
table, checked against the targets in docs/performance.md; the same figures go to a JSON
file for comparison between commits, and the cost curve from 100 to 10,000 articles to a
PNG plot. Side by side, in the same run: sumy's own LexRank, textacy's quote extractor
where it is installed, and WeasyPrint on a plain HTML page of the same text.

The one-core figures pin their process to one core; the speed-up of ``--workers`` uses two.
About six minutes on the 2-core reference machine (``--quick``: under two).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scenarios import write_corpus  # noqa: E402

SCENARIOS = ROOT / "bench" / "scenarios.py"


def child(command: list[str], *, cwd: Path | None = None) -> tuple[float, float, str]:
    """Run ``command`` in a new process: wall seconds, peak resident memory in MB, and its output."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def briefing_command() -> list[str]:
    """How a user starts briefing: the installed script if there is one."""
    script = shutil.which("briefing", path=str(Path(sys.executable).parent)) or shutil.which("briefing")
    return [script] if script else [sys.executable, "-m", "briefing"]


def scenario(name: str, **args: Any) -> tuple[dict[str, Any], float]:
    """Run a scenario of bench/scenarios.py in a child process: its result, and its peak memory in MB."""
    _, peak, out = child([sys.executable, str(SCENARIOS), name, json.dumps(args)])
    return json.loads(out.strip().splitlines()[-1]), peak


def cold(command: list[str], repeat: int) -> dict[str, float]:
    """Median wall time and the highest peak memory of ``repeat`` cold runs of ``command``."""
    runs = [child(command, cwd=ROOT) for _ in range(repeat)]
    return {"seconds": statistics.median(r[0] for r in runs), "peak_mb": max(r[1] for r in runs)}


class Suite:
    """Runs the measurements and keeps the rows of the table."""

    def __init__(self, work: Path, *, repeat: int, quick: bool) -> None:
        self.work, self.repeat, self.quick = work, repeat, quick
        self.rows: list[dict[str, Any]] = []
        self.results: dict[str, Any] = {}
        self.corpora: dict[int, Path] = {}

    def corpus(self, articles: int) -> Path:
        """A folder of ``articles`` generated articles (the same seed: smaller ones are prefixes of larger)."""
        if articles not in self.corpora:
            self.corpora[articles] = write_corpus(self.work / f"corpus-{articles}", articles)
        return self.corpora[articles]

    def row(
        self, what: str, seconds: float | None, *, per: str = "", peak_mb: float | None = None, **extra: Any
    ) -> None:
        """Add one line to the table (``extra``: ``target`` text and whether it holds, ``met``)."""
        self.rows.append({"what": what, "seconds": seconds, "throughput": per, "peak_mb": peak_mb, **extra})
        met = extra.get("met")
        mark = "" if met is None else ("  ok" if met else "  MISSED")
        memory = f"{peak_mb:8.0f} MB" if peak_mb is not None else " " * 11
        if seconds is None:
            duration = " " * 11
        else:
            duration = f"{seconds:9.3f} s " if seconds >= 0.1 else f"{1000 * seconds:8.2f} ms"
        print(f"{what:<58} {duration} {per:>20} {memory}  {extra.get('target', '')}{mark}", flush=True)

    def start_up(self) -> None:
        """``briefing --help`` and the example brief, each from a cold process."""
        command = briefing_command()
        help_ = cold([*command, "--help"], 5)
        self.row("briefing --help", help_["seconds"], target="≤ 0.3 s", met=help_["seconds"] <= 0.3)
        out = self.work / "examples.html"
        example = cold([*command, "generate", "examples/en", "-o", str(out), "-q"], 3)
        self.row(
            "briefing generate examples/en -o brief.html (cold)",
            example["seconds"],
            peak_mb=example["peak_mb"],
            target="≤ 1.5 s",
            met=example["seconds"] <= 1.5,
        )
        self.results["start_up"] = {"help": help_, "examples_html": example}

    def stages(self, articles: int) -> None:
        """Each stage, and ingest to clusters, on one core."""
        result, peak = scenario("stages", folder=str(self.corpus(articles)), repeat=self.repeat, core=0)
        self.results["stages"] = result
        n = result["articles"]
        print(
            f"-- {n} articles, {result['words_per_article']} words and {result['sentences_per_article']} sentences "
            f"each on average, {result['stories']} stories; one core"
        )
        for stage, runs in result["seconds"].items():
            median = statistics.median(runs)
            rate = n / median
            if stage == "pipeline":
                self.row(
                    "ingest + split + summarize + quotes + cluster",
                    median,
                    per=f"{rate:,.0f} articles/s",
                    peak_mb=peak,
                    target="≥ 500 articles/s",
                    met=rate >= 500,
                )
            else:
                self.row(f"  {stage}", median, per=f"{rate:,.0f} articles/s")
        compare = result["compare"]
        print(f"-- the same articles with what users would use instead ({compare['articles']} of them)")
        for name in ("news per article", "sumy-lexrank per article"):
            self.row(f"  summarize, {name.split(' per')[0]}", compare[name], per=f"{1 / compare[name]:,.0f} articles/s")
        quotes_each = statistics.median(result["seconds"]["quotes"]) / n
        self.row("  quotes, briefing", quotes_each, per=f"{1 / quotes_each:,.0f} articles/s")
        textacy = compare["textacy quotes per article"]
        if isinstance(textacy, float):
            self.row("  quotes, textacy direct_quotations", textacy, per=f"{1 / textacy:,.0f} articles/s")
        else:
            print(f"  quotes, textacy: {textacy}")

    def workers(self, articles: int) -> None:
        """The per-article analysis over one process and over two."""
        result, _ = scenario("workers", folder=str(self.corpus(articles)), repeat=self.repeat, workers=2)
        one, two = (statistics.median(result["seconds"][k]) for k in ("1", "2"))
        self.row(f"analysis of {articles} articles, 1 process", one, per=f"{articles / one:,.0f} articles/s")
        self.row(
            f"analysis of {articles} articles, 2 processes",
            two,
            per=f"{articles / two:,.0f} articles/s",
            target=f"speed-up {one / two:.2f}×",
        )
        self.results["workers"] = {"articles": articles, "one": one, "two": two, "speed_up": one / two}

    def pdf(self) -> None:
        """PDFs of about 20 and 200 pages as ``briefing generate`` lays them out (a long one in parts, over two
        processes on two cores), the same in one process, and WeasyPrint on plain pages of the same text."""
        probe, _ = scenario("pdf", folder=str(self.corpus(150)), repeat=1)
        pages_per_article = probe["pages"] / 150
        self.results["pdf"] = {}
        for pages, limit, memory in ((20, 2.0, None), (200, 12.0, 250.0)):
            if self.quick and pages > 20:
                continue
            articles = max(10, round(pages / pages_per_article))
            folder = str(self.corpus(articles))
            saved = self.work / f"brief-{pages}.pickle"
            # workers 0, as `briefing generate` by default: every process's peak is held to the target
            result, peak = scenario("pdf", folder=folder, repeat=self.repeat, save=str(saved), workers=0)
            two = result["forked"]
            one, one_peak = scenario("pdf", folder=folder, repeat=self.repeat, workers=1) if two else (result, peak)
            alone, alone_peak = scenario("render", brief=str(saved), repeat=self.repeat)
            plain, plain_peak = scenario("pdf", folder=folder, repeat=self.repeat, plain=True)
            median = statistics.median(result["seconds"])
            one_median = statistics.median(one["seconds"])
            plain_median = statistics.median(plain["seconds"])
            met = median <= limit * result["pages"] / pages and (memory is None or peak <= memory)
            target = f"≤ {limit:g} s for {pages}" + (f", ≤ {memory:g} MB" if memory else "")
            self.row(
                f"PDF, {result['pages']} pages ({result['stories']} stories of {articles} articles)"
                + (", 2 processes" if two else ""),
                median,
                per=f"{1000 * median / result['pages']:.0f} ms/page",
                peak_mb=peak,
                target=target,
                met=met,
            )
            if two:
                self.row(f"  peak of each: {result['own_mb']:.0f} MB and {result['forked_mb']:.0f} MB", None)
                self.row(
                    "  the same in one process",
                    one_median,
                    per=f"{1000 * one_median / one['pages']:.0f} ms/page",
                    peak_mb=one_peak,
                    target=f"speed-up of 2 {one_median / median:.2f}×",
                )
            self.row(
                f"  before rendering: {articles} articles built, libraries loaded", None, peak_mb=result["built_mb"]
            )
            self.row(
                "  the same brief rendered in one process that did not build it",
                statistics.median(alone["seconds"]),
                per=f"{1000 * statistics.median(alone['seconds']) / alone['pages']:.0f} ms/page",
                peak_mb=alone_peak,
            )
            self.row(
                f"  WeasyPrint, plain HTML of the same text ({plain['pages']} pages)",
                plain_median,
                per=f"{1000 * plain_median / plain['pages']:.0f} ms/page",
                peak_mb=plain_peak,
            )
            self.results["pdf"][str(pages)] = {
                **result,
                "peak_mb": peak,
                "one_process_seconds": one["seconds"],
                "one_process_peak_mb": one_peak,
                "plain_pages": plain["pages"],
                "plain_seconds": plain["seconds"],
                "plain_peak_mb": plain_peak,
                "alone_seconds": alone["seconds"],
                "alone_peak_mb": alone_peak,
            }

    def end_to_end(self, articles: int) -> None:
        """``briefing generate`` of ``articles`` articles to PDF, from a cold process."""
        out = self.work / "brief.pdf"
        command = [*briefing_command(), "generate", str(self.corpus(articles)), "-o", str(out), "-q"]
        result = cold(command, self.repeat)
        self.row(
            f"briefing generate {articles} articles -o brief.pdf (cold)",
            result["seconds"],
            per=f"{articles / result['seconds']:,.0f} articles/s",
            peak_mb=result["peak_mb"],
            target="≤ 10 s, ≤ 500 MB",
            met=result["seconds"] <= 10 and result["peak_mb"] <= 500,
        )
        self.results["end_to_end"] = {"articles": articles, **result}

    def scaling(self, sizes: list[int]) -> None:
        """``briefing generate`` to JSON from 100 to 10,000 articles, on one process and on two."""
        curve = []
        for n in sizes:
            point: dict[str, Any] = {"articles": n}
            for workers in (1, 2):
                out = self.work / "scaling.json"
                command = [*briefing_command(), "generate", str(self.corpus(n)), "-o", str(out), "-q"]
                result = cold([*command, "--workers", str(workers)], 1 if n >= 3000 else self.repeat)
                point[f"workers_{workers}"] = result
                self.row(
                    f"{n:>6,} articles to JSON, {workers} process{'es' if workers > 1 else ''}",
                    result["seconds"],
                    per=f"{1000 * result['seconds'] / n:.2f} ms/article",
                    peak_mb=result["peak_mb"],
                    **({"target": "≤ 1 GB", "met": result["peak_mb"] <= 1024} if n >= 10_000 else {}),
                )
            curve.append(point)
        self.results["scaling"] = curve


def plot(curve: list[dict[str, Any]], path: Path) -> None:
    """The scaling curve: seconds and peak memory against articles."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [p["articles"] for p in curve]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=100)
    for workers, style in ((1, "o-"), (2, "s--")):
        left.plot(n, [p[f"workers_{workers}"]["seconds"] for p in curve], style, label=f"{workers} process(es)")
        right.plot(n, [p[f"workers_{workers}"]["peak_mb"] for p in curve], style, label=f"{workers} process(es)")
    linear = [curve[-1]["workers_1"]["seconds"] * x / n[-1] for x in n]
    left.plot(n, linear, ":", color="grey", label="linear through 10,000")
    left.set(xlabel="articles", ylabel="seconds (wall, cold process)", title="briefing generate … -o brief.json")
    right.axhline(1024, color="grey", linestyle=":", label="1 GB")
    right.set(xlabel="articles", ylabel="peak resident memory (MB)", title="memory")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main(argv: list[str] | None = None) -> int:
    """Run the suite; print the table; write the JSON and the plot."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "suite.json")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "img" / "scaling.png")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is reported)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a check that the suite runs")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sizes = [100, 300, 1000] if args.quick else [100, 300, 1000, 3000, 10_000]
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        suite = Suite(Path(tmp), repeat=args.repeat, quick=args.quick)
        print(f"{'measurement':<58} {'median':>11} {'throughput':>20} {'peak':>11}  target")
        sections: list[tuple[str, Callable[[], None]]] = [
            ("start-up", suite.start_up),
            ("stages", lambda: suite.stages(300 if args.quick else 1000)),
            ("workers", lambda: suite.workers(300 if args.quick else 1000)),
            ("pdf", suite.pdf),
            ("end to end", lambda: suite.end_to_end(500)),
            ("scaling", lambda: suite.scaling(sizes)),
        ]
        took: dict[str, float] = {}
        for name, section in sections:
            begun = time.perf_counter()
            section()
            took[name] = round(time.perf_counter() - begun, 1)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "quick": args.quick,
        "rows": suite.rows,
        **suite.results,
        "suite_seconds": time.perf_counter() - started,
        # where the suite's own time goes (it must stay under ten minutes)
        "section_seconds": took,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    try:
        plot(suite.results["scaling"], args.plot)
        drawn = f" and {args.plot}"
    except ImportError:
        drawn = " (no plot: pip install matplotlib)"
    missed = [r["what"] for r in suite.rows if r.get("met") is False]
    spent = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in took.items())
    print(f"\nwrote {args.json}{drawn} in {results['suite_seconds']:.0f} s ({spent})")
    print("targets missed: " + "; ".join(missed) if missed else "every target met")
    return 0


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    sys.exit(main())
