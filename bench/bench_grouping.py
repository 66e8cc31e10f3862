"""Story grouping on near-identical articles: the peak memory of ``briefing generate``.

    python bench/bench_grouping.py write DIR --files 10000          # the corpus only
    python bench/bench_grouping.py curve --sizes 1000 2500 5000 10000 [--json FILE]

``write`` makes ``--files`` short ``.txt`` articles (a title and four sentences) that are
mostly the same words with a few swapped: every pair is alike enough to share a story, the
worst case for grouping, whose every pair of articles is a candidate. ``curve`` writes a
corpus of each size into a temporary folder and runs
``/usr/bin/time -f "%M KB" briefing generate DIR -o out.json --workers 1`` on it, printing the
peak resident memory and the wall time of each run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Harbour council approves new ferry timetable for the winter season"
SENTENCES = (
    "The harbour council in Selby approved a new ferry timetable on Tuesday after a long debate.",
    "Councillor Mara Jensen said the winter crossings would run every two hours from the north quay.",
    "Operators warned that fuel costs and crew shortages could still delay the first sailings.",
    "The timetable takes effect next month and will be reviewed in the spring, officials said.",
)
#: words swapped in, a few per article: enough to make each file differ, not enough to part them
SWAPS = (
    "Monday Wednesday Thursday Friday evening morning south east west pier dock three four hourly "
    "weekly winter summer autumn review board committee Kerr Olsen Brandt Hale Lund rising falling"
).split()


def article(rng: random.Random, number: int) -> str:
    """One near-identical article: the title and sentences above with two or three words swapped."""
    words = " ".join(SENTENCES).split(" ")
    for _ in range(rng.randint(2, 3)):
        k = rng.randrange(len(words))
        words[k] = rng.choice(SWAPS) + (words[k][-1] if words[k][-1] in ".," else "")
    body = " ".join(words)
    return f"{TITLE} ({number})\n\n{body}\n"


def write(folder: Path, files: int, seed: int = 11) -> Path:
    """``files`` near-identical ``.txt`` articles in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for n in range(files):
        (folder / f"ferry-{n:05d}.txt").write_text(article(rng, n), encoding="utf-8")
    return folder


def measure(folder: Path, out: Path) -> dict[str, float]:
    """Peak memory (KB) and wall time of one ``briefing generate`` of ``folder``, in one process."""
    command = ["/usr/bin/time", "-f", "%M KB", "briefing", "generate", str(folder), "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run([*command, "--workers", "1", "-q"], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    found = re.findall(r"(\d+) KB", done.stderr)
    return {"peak_kb": float(found[-1]), "seconds": round(seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    """Write a corpus, or measure the curve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write")
    writing.add_argument("folder", type=Path)
    writing.add_argument("--files", type=int, default=10_000)
    curve = commands.add_parser("curve")
    curve.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10_000])
    curve.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.folder, args.files)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            folder = write(Path(work) / f"near-{size}", size)
            row = {"files": size, **measure(folder, Path(work) / "out.json")}
            print(json.dumps(row), flush=True)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
