"""A regular expression for many words at once, built as a tree of their shared prefixes: what the verbs of
saying of every language are matched with. No word of any language in it."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


#: letter → the rest of the words that go on with it ("" marks the end of a word)
_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str], *, any_space: bool = False) -> str:
    """A regular expression matching any of ``words``, built as a tree of their shared
    prefixes ("sa(?:id|ys?)" for said, say, says).

    It matches what the plain alternation of the words, longest first, would — where one
    word is a prefix of another the longer is tried first — but rules out a word at a
    position in one step per letter instead of one per word: with some 250 verb forms that
    is most of the extractor's time. With ``any_space``, a space in a word matches any run of white space
    ("a déclaré" across a line break).
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def _letter(ch: str) -> str:
        return r"\s+" if any_space and ch == " " else re.escape(ch)

    def pattern(node: _Trie) -> str:
        branches = [_letter(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)
