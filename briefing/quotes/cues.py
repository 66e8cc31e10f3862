"""Reporting verbs ("said", "warned", "is claiming"), built from lemmas with their inflections.

One list serves every pattern of the extractor, so a verb added here is recognised before,
after and inside quotations and in reported speech alike.
"""

from __future__ import annotations

from briefing.quotes.alternation import alternation
from briefing.quotes.lang import load_pack

__all__ = ["PROGRESSIVE_PATTERN", "alternation", "cue_forms", "past_and_present"]

#: the language whose verbs are read (the engine is English-shaped for now; a pack will be passed in)
PACK = load_pack("en")


def past_and_present(lemma: str) -> tuple[str, str]:
    """The past and third-person present of a verb: ("said", "says") for "say"."""
    forms = PACK.inflect(lemma)
    return forms.past, forms.present


def cue_forms(*, progressive: bool = False, manner: bool = False) -> list[str]:
    """The finite forms (says, said, and "say" after a plural) of every reporting verb, or the
    -ing forms; longest first. ``manner``: with the verbs that report only beside a quotation."""
    lemmas = PACK.reporting_verbs | PACK.manner_verbs if manner else PACK.reporting_verbs
    if progressive:
        forms = {PACK.inflect(lemma).progressive for lemma in lemmas}
    else:
        forms = set(PACK.bare_cues)
        for lemma in lemmas:
            verb = PACK.inflect(lemma)
            # the past, the participle where it differs, and the present unless it is more often a noun
            forms.update(f for f in (verb.past, verb.participle) if f)
            if lemma not in PACK.past_only_verbs:
                forms.add(verb.present)
    return sorted(forms, key=lambda f: (-len(f), f))


#: The -ing forms ("is claiming"), which count only after an auxiliary.
PROGRESSIVE_PATTERN = alternation(cue_forms(progressive=True))
