"""Pick the 25 NEREL v1.0 train texts annotated in quotes-ru-dev6 (standard library only).

    python bench/data/quotes-ru-dev6/select.py NEREL_GITDIR [--commit COMMIT] [--counts] [--extra N]

NEREL_GITDIR is a clone (bare is fine) of github:nerel-ds/NEREL. The procedure is quotes-ru-dev5's: the script lists
the Wikinews texts of the train split, ``NEREL-v1.0/train/<id>_text.txt`` (the split's other ``.txt`` files, named like
``003.txt``, come from news agencies, not Wikinews, and are left out), counts in each text the hits of attributed
speech, and keeps the texts with at least 3 hits. A hit is:

- an opening quotation mark «;
- a cue, as a whole word or phrase, case-insensitive: по словам, заявил, заявила, сказал, сказала, отметил, считает,
  сообщил, по мнению, пишет («заявила» counts once, as «заявила», not also as «заявил»; «заявили» does not count).

Unlike dev5, it then leaves out of the candidates the 27 texts dev5 drew: its 25 first draws (two of which it skipped,
102661 and 8181) and its two replacement draws (26479 and 121454). It draws
``random.Random(67).sample(sorted(candidates), 25)`` and prints the 25 paths, one per line, in the order drawn.
``--extra N`` then prints N replacement draws, made with the same generator from the candidates not yet drawn
(``rng.sample(sorted(rest), N)``), for articles that had to be skipped. ``--counts`` adds each text's hit count and,
on stderr, how many texts and candidates there are.
"""

from __future__ import annotations

import sys

# this file is named select.py, which would shadow the standard library's `select` (imported by subprocess)
if sys.path and sys.path[0] and __file__.startswith(sys.path[0]):
    sys.path.pop(0)

import argparse
import random
import re
import subprocess

SPLIT = "NEREL-v1.0/train/"
CUES = ["по словам", "заявил", "заявила", "сказал", "сказала", "отметил", "считает", "сообщил", "по мнению", "пишет"]
CUE = re.compile(r"(?<!\w)(?:" + "|".join(c.replace(" ", r"\s+") for c in CUES) + r")(?!\w)", re.IGNORECASE)
SEED = 67
SIZE = 25
MIN_HITS = 3
# the texts quotes-ru-dev5 drew (seed 61, 25 draws plus 2 replacements): its 23 kept first draws, the two it skipped
# (102661, 8181) and its two replacements (26479, 121454)
DEV5 = (
    "3366 12522 39698 13126 162165 156119 83187 105317 27937 18920 108855 20464 26388 163883 122274 164467 511580"
    " 102661 37085 8181 11070 512873 123602 165973 105105 26479 121454"
).split()


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, check=True).stdout


def hits(text: str) -> int:
    """How many quotation marks « and cue words or phrases the text holds."""
    return text.count("«") + len(CUE.findall(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", help="a clone (bare is fine) of github:nerel-ds/NEREL")
    parser.add_argument("--commit", default="8f07d3e410f322d5dbf6b68b13fbf4a4aa077fe9")
    parser.add_argument("--counts", action="store_true", help="print each text's hit count too")
    parser.add_argument("--extra", type=int, default=0, help="print this many replacement draws after the 25")
    args = parser.parse_args()
    names = git(args.repo, "ls-tree", "--name-only", f"{args.commit}:{SPLIT}").decode("utf-8").splitlines()
    paths = [SPLIT + name for name in names if name.endswith("_text.txt")]
    counts = {path: hits(git(args.repo, "show", f"{args.commit}:{path}").decode("utf-8")) for path in paths}
    excluded = {f"{SPLIT}{doc}_text.txt" for doc in DEV5}
    missing = excluded - set(paths)
    if missing:
        raise SystemExit(f"dev5's texts missing from the listing: {sorted(missing)}")
    candidates = [path for path in paths if counts[path] >= MIN_HITS and path not in excluded]
    rng = random.Random(SEED)
    chosen = rng.sample(sorted(candidates), SIZE)
    if args.extra:
        rest = sorted(set(candidates) - set(chosen))
        chosen += rng.sample(rest, args.extra)
    if args.counts:
        print(
            f"{len(paths)} texts, {len(candidates) + len(excluded)} with >= {MIN_HITS} hits,"
            f" {len(candidates)} candidates once dev5's {len(excluded)} are left out",
            file=sys.stderr,
        )
    for path in chosen:
        print(f"{path}\t{counts[path]}" if args.counts else path)


if __name__ == "__main__":
    main()
