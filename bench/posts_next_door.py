"""List the posts a neighbouring sentence gives people an article names bare, over a folder of texts, to read them
by hand: the precision of the next-door rule of :func:`briefing.quotes.mentions.find_introductions`.

    python bench/posts_next_door.py --bbc ~/bbc/"BBC News Summary/News Articles"
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.quotes import mentions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=Path, required=True, help="a folder of .txt articles (searched recursively)")
    args = parser.parse_args()
    found = 0
    for path in sorted(args.bbc.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        names = mentions.find_names(text)
        intros = mentions.find_introductions(text, names)
        for m in names:
            surname, full = m.group("surname"), m.group("full")
            if intros.get(surname, "").startswith(full + ", ") and m.start() == text.find(full):
                post = mentions._described_next_door(text, m, names)  # (the rule alone, not the appositions)
                if post and intros[surname] == f"{full}, {post}":
                    found += 1
                    print(f"{path.relative_to(args.bbc)} | {full} | {post}")
    print(f"{found} people given a post by a neighbouring sentence")


if __name__ == "__main__":
    main()
