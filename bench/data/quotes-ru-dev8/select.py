"""Pick the 20 NEREL v1.0 train texts annotated in quotes-ru-dev8 (standard library only).

    python bench/data/quotes-ru-dev8/select.py NEREL_GITDIR [--commit COMMIT] [--counts] [--extra N]

NEREL_GITDIR is a clone (bare is fine) of github:nerel-ds/NEREL. Unlike dev5 and dev6 (plain random news), this set
looks for articles that quote analysts and experts. The script lists the Wikinews texts of the train split,
``NEREL-v1.0/train/<id>_text.txt`` (the split's other ``.txt`` files, named like ``003.txt``, come from news agencies,
not Wikinews, and are left out), and keeps the texts that

1. hold at least one analyst word, as a whole word, case-insensitive: a word beginning with политолог, аналитик,
   эксперт, экономист, профессор, социолог, исследовател or специалист, or the phrases «научный сотрудник» and
   «директор института / центра» in any case form; and
2. hold at least 3 hits of attributed speech by dev5's and dev6's rule: an opening quotation mark «, or a cue, as a
   whole word or phrase, case-insensitive: по словам, заявил, заявила, сказал, сказала, отметил, считает, сообщил,
   по мнению, пишет («заявила» counts once; «заявили» does not count).

It then leaves out every text quotes-ru-dev5 and quotes-ru-dev6 drew (their annotated articles, the ones they skipped
and their replacement draws) and the further draws dev6's README names as unused, and stops if any of them is missing
from the listing. It draws ``random.Random(88).sample(sorted(candidates), 20)`` and prints the 20 paths, one per line,
in the order drawn. ``--extra N`` then prints N replacement draws, made with the same generator from the candidates
not yet drawn (``rng.sample(sorted(rest), N)``), for articles that had to be skipped. ``--counts`` adds each text's hit
count and analyst words and, on stderr, how many texts and candidates there are.
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
STEMS = ["политолог", "аналитик", "эксперт", "экономист", "профессор", "социолог", "исследовател", "специалист"]
ANALYST = re.compile(
    r"(?<!\w)(?:(?:" + "|".join(STEMS) + r")\w*"
    r"|научн\w*\s+сотрудник\w*"
    r"|директор\w*\s+(?:институт|центр)\w*)",
    re.IGNORECASE,
)
SEED = 88
SIZE = 20
MIN_HITS = 3
# quotes-ru-dev5 (seed 61): its 23 kept first draws, the two it skipped (102661, 8181), its two replacements
DEV5 = (
    "3366 12522 39698 13126 162165 156119 83187 105317 27937 18920 108855 20464 26388 163883 122274 164467 511580"
    " 102661 37085 8181 11070 512873 123602 165973 105105 26479 121454"
).split()
# quotes-ru-dev6 (seed 67): its 24 kept first draws, the one it skipped (99993), its replacement (15545), and the four
# further draws its README names as unused (26827, 81586, 104195, 26551)
DEV6 = (
    "110172 11600 23821 37646 24632 155495 52772 26416 38217 69240 157795 132624 84693 10744 99993 128120 159392"
    " 106570 123364 27428 128624 117149 112588 38456 164183 15545 26827 81586 104195 26551"
).split()


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, check=True).stdout


def hits(text: str) -> int:
    """How many quotation marks « and cue words or phrases the text holds."""
    return text.count("«") + len(CUE.findall(text))


def analyst_words(text: str) -> list[str]:
    """The analyst words and phrases the text holds, lower-cased, in order."""
    return [" ".join(m.group().lower().split()) for m in ANALYST.finditer(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", help="a clone (bare is fine) of github:nerel-ds/NEREL")
    parser.add_argument("--commit", default="8f07d3e410f322d5dbf6b68b13fbf4a4aa077fe9")
    parser.add_argument("--counts", action="store_true", help="print each text's hit count and analyst words too")
    parser.add_argument("--extra", type=int, default=0, help="print this many replacement draws after the 20")
    args = parser.parse_args()
    names = git(args.repo, "ls-tree", "--name-only", f"{args.commit}:{SPLIT}").decode("utf-8").splitlines()
    paths = [SPLIT + name for name in names if name.endswith("_text.txt")]
    texts = {path: git(args.repo, "show", f"{args.commit}:{path}").decode("utf-8") for path in paths}
    counts = {path: hits(text) for path, text in texts.items()}
    words = {path: analyst_words(text) for path, text in texts.items()}
    excluded = {f"{SPLIT}{doc}_text.txt" for doc in DEV5 + DEV6}
    missing = excluded - set(paths)
    if missing:
        raise SystemExit(f"dev5's or dev6's texts missing from the listing: {sorted(missing)}")
    eligible = [path for path in paths if counts[path] >= MIN_HITS and words[path]]
    candidates = [path for path in eligible if path not in excluded]
    rng = random.Random(SEED)
    chosen = rng.sample(sorted(candidates), SIZE)
    if args.extra:
        rest = sorted(set(candidates) - set(chosen))
        chosen += rng.sample(rest, args.extra)
    if args.counts:
        print(
            f"{len(paths)} texts, {len(eligible)} with >= {MIN_HITS} hits and an analyst word,"
            f" {len(candidates)} candidates once the {len(excluded)} texts of dev5 and dev6 are left out",
            file=sys.stderr,
        )
    for path in chosen:
        print(f"{path}\t{counts[path]}\t{', '.join(words[path])}" if args.counts else path)


if __name__ == "__main__":
    main()
