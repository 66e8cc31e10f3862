"""Reporting verbs ("said", "warned", "is claiming"), built from lemmas with their inflections.

One list serves every pattern of the extractor, so a verb added here is recognised before,
after and inside quotations and in reported speech alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["PROGRESSIVE_PATTERN", "alternation", "cue_forms", "past_and_present"]

# Verbs that introduce what someone said, wrote or thinks.
_LEMMAS = """
say tell add stress note warn argue explain insist declare claim state write ask reply comment continue
emphasize emphasise acknowledge admit announce suggest recall observe conclude predict urge caution counter
concede cry shout remark maintain contend complain believe think reckon estimate report rule call describe
accuse dub brand term criticize criticise praise denounce mock promise pledge vow threaten deny confirm
reveal tweet post boast quip joke lament demand propose proclaim assert allege charge testify respond answer
recommend advise signal hint imply indicate repeat reiterate recount fear hope expect agree disagree
question dismiss blame slam condemn welcome defend remember
exclaim chant yell scream whisper mutter
demur confess retort scoff grumble scold chide interject concur
exhort laud thank hail commend applaud decry deride lambaste chastise rebuke
clarify posit speculate surmise opine theorize disclose wonder assure reassure bemoan
underscore reaffirm refute rebut affirm doubt brag
""".split()
# Verbs of manner that report only right beside a quotation ("“This is fantastic!” beamed Hartley", "“Go
# back,” Trump barked"): elsewhere they are not speech ("the economy is booming", "she laughed at the idea").
_MANNER = """bark beam boom gush laugh marvel muse sigh thunder rant fume""".split()

_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "think": ("think", "thinks", "thought", "thinking"),
}


def _inflect(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif lemma in ("admit", "quip", "slam", "demur", "concur"):  # a doubled final consonant
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return (lemma, third, past, ing)


# Base forms that are verbs far more often than nouns ("Critics say", "Analysts believe");
# the others — "state", "call", "report", "charge" — are left out.
_BASE_FORMS = frozenset(
    "say tell argue insist believe think contend predict suggest acknowledge admit explain warn agree".split()
)


def past_and_present(lemma: str) -> tuple[str, str]:
    """The past and third-person present of a verb: ("said", "says") for "say"."""
    forms = _inflect(lemma)
    return forms[2], forms[1]


# Verbs whose present in -s is far more often a plural noun ("the United States", "his comments", "new
# rules", "tough questions", "the wonders of", "his doubts") or no report at all ("she continues"): only
# their past counts.
_PLURAL_NOUN_LIKE = frozenset(
    "state comment remark rule question answer post term continue maintain hail thank wonder doubt".split()
)


def cue_forms(*, progressive: bool = False, manner: bool = False) -> list[str]:
    """The finite forms (says, said, and "say" after a plural) of every reporting verb, or the
    -ing forms; longest first. ``manner``: with the verbs that report only beside a quotation."""
    lemmas = [*_LEMMAS, *_MANNER] if manner else _LEMMAS
    if progressive:
        forms = {_inflect(lemma)[3] for lemma in lemmas}
    else:
        forms = {
            f for lemma in lemmas for f in _inflect(lemma)[1 + (lemma in _PLURAL_NOUN_LIKE) : 3] + _inflect(lemma)[4:]
        } | _BASE_FORMS
    return sorted(forms, key=lambda f: (-len(f), f))


#: letter → the rest of the words that go on with it ("" marks the end of a word)
_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, built as a tree of their shared
    prefixes ("sa(?:id|ys?)" for said, say, says).

    It matches what the plain alternation of the words, longest first, would — where one
    word is a prefix of another the longer is tried first — but rules out a word at a
    position in one step per letter instead of one per word: with some 250 verb forms that
    is most of the extractor's time.
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: _Trie) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


#: The -ing forms ("is claiming"), which count only after an auxiliary.
PROGRESSIVE_PATTERN = alternation(cue_forms(progressive=True))
