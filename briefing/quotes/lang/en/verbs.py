"""English verb forms: the irregular verbs of saying and the rules that inflect the others."""

from __future__ import annotations

from briefing.quotes.lang import VerbForms

__all__ = ["IRREGULAR", "PROGRESSIVE_AUXILIARIES", "inflect", "reported_forms"]

#: lemma → its forms, for the reporting verbs the rules below would get wrong
IRREGULAR: dict[str, VerbForms] = {
    "say": VerbForms("say", "says", "said", "saying"),
    "tell": VerbForms("tell", "tells", "told", "telling"),
    "write": VerbForms("write", "writes", "wrote", "writing", "written"),
    "think": VerbForms("think", "thinks", "thought", "thinking"),
}

#: verbs that double their final consonant before -ed and -ing: admitted, quipping
DOUBLED_FINAL_CONSONANT = frozenset(["admit", "quip", "slam", "demur", "concur"])


def inflect(lemma: str) -> VerbForms:
    """The forms of an English verb: "warn" → warns, warned, warning; "deny" → denies, denied, denying."""
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif lemma in DOUBLED_FINAL_CONSONANT:
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return VerbForms(lemma, third, past, ing)


#: the auxiliaries of the progressive a report is written in: "is telling", "are saying", "was warning"
PROGRESSIVE_AUXILIARIES = ("is", "are", "was", "were", "been")


def reported_forms(lemma: str) -> tuple[str, ...]:
    """The forms of ``lemma`` a report is written in, for the quote engine (``[cues] lemmas`` in ``grammar.toml``):
    the present of the third person, the past and the past participle ("warn" → warns, warned; "write" → writes,
    wrote, written), and the progressive after its auxiliary ("is warning", "were saying"; alone, "warning" is as
    often an adjective or a noun)."""
    forms = inflect(lemma)
    progressive = [f"{aux} {forms.progressive}" for aux in PROGRESSIVE_AUXILIARIES]
    return tuple(dict.fromkeys(f for f in (forms.present, forms.past, forms.participle, *progressive) if f))
