"""Pick the 20 NEREL v1.0 train texts annotated in quotes-ru-dev9 (standard library only).

    python bench/data/quotes-ru-dev9/select.py NEREL_GITDIR [--commit COMMIT] [--counts] [--extra N]

NEREL_GITDIR is a clone (bare is fine) of github:nerel-ds/NEREL. Like dev5 and dev6 (and unlike dev8, which looked for
analysts), this set is plain random news. The procedure is dev6's: the script lists the Wikinews texts of the train
split, ``NEREL-v1.0/train/<id>_text.txt`` (the split's other ``.txt`` files, named like ``003.txt``, come from news
agencies, not Wikinews, and are left out), counts in each text the hits of attributed speech, and keeps the texts with
at least 3 hits. A hit is:

- an opening quotation mark «;
- a cue, as a whole word or phrase, case-insensitive: по словам, заявил, заявила, сказал, сказала, отметил, считает,
  сообщил, по мнению, пишет («заявила» counts once, as «заявила», not also as «заявил»; «заявили» does not count).

It then leaves out of the candidates every text annotated in quotes-ru-dev5, quotes-ru-dev6 and quotes-ru-dev8 (the
``doc_id``s of their ``gold.jsonl``, listed below), and stops if any of them is missing from the listing. It draws
``random.Random(99).sample(sorted(candidates), 20)`` and prints the 20 paths, one per line, in the order drawn.
``--extra N`` then prints N replacement draws, made with the same generator from the candidates not yet drawn
(``rng.sample(sorted(rest), N)``), for articles that had to be skipped. ``--counts`` adds each text's hit count and,
on stderr, how many texts and candidates there are. No quote extractor is run: the script only counts strings.
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
SEED = 99
SIZE = 20
MIN_HITS = 3
# the articles annotated in quotes-ru-dev5 (25), quotes-ru-dev6 (25) and quotes-ru-dev8 (20): the doc_ids of their
# gold.jsonl, in file order
DEV5 = (
    "3366 12522 39698 13126 162165 156119 83187 105317 27937 18920 108855 20464 26388 163883 122274 164467 511580"
    " 37085 11070 512873 123602 165973 105105 26479 121454"
).split()
DEV6 = (
    "110172 11600 23821 37646 24632 155495 52772 26416 38217 69240 157795 132624 84693 10744 128120 159392 106570"
    " 123364 27428 128624 117149 112588 38456 164183 15545"
).split()
DEV8 = (
    "37695 173553 13876 4409 4098 44699 527159 141309 119110 16100 37943 99832 158389 39987 37642 107943 106133 2689"
    " 15582 41445"
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
    parser.add_argument("--extra", type=int, default=0, help="print this many replacement draws after the 20")
    args = parser.parse_args()
    names = git(args.repo, "ls-tree", "--name-only", f"{args.commit}:{SPLIT}").decode("utf-8").splitlines()
    paths = [SPLIT + name for name in names if name.endswith("_text.txt")]
    counts = {path: hits(git(args.repo, "show", f"{args.commit}:{path}").decode("utf-8")) for path in paths}
    excluded = {f"{SPLIT}{doc}_text.txt" for doc in DEV5 + DEV6 + DEV8}
    missing = excluded - set(paths)
    if missing:
        raise SystemExit(f"texts of dev5, dev6 or dev8 missing from the listing: {sorted(missing)}")
    eligible = [path for path in paths if counts[path] >= MIN_HITS]
    candidates = [path for path in eligible if path not in excluded]
    rng = random.Random(SEED)
    chosen = rng.sample(sorted(candidates), SIZE)
    if args.extra:
        rest = sorted(set(candidates) - set(chosen))
        chosen += rng.sample(rest, args.extra)
    if args.counts:
        print(
            f"{len(paths)} texts, {len(eligible)} with >= {MIN_HITS} hits,"
            f" {len(candidates)} candidates once the {len(excluded)} texts of dev5, dev6 and dev8 are left out",
            file=sys.stderr,
        )
    for path in chosen:
        print(f"{path}\t{counts[path]}" if args.counts else path)


if __name__ == "__main__":
    main()
