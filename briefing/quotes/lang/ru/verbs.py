"""Russian verbs of saying inflected by the dictionary: the forms a report takes of each verb the pack names by
its infinitive (``[cues] lemmas`` in ``grammar.toml``), so that the pack need not spell out every gender, number
and tense ("отвечает", "отвечал", "отвечала", "отвечали", "отвечают")."""

from __future__ import annotations

from briefing.quotes.lang.ru.names import _analyzer

#: the grammemes of a form a report is written in: the indicative of the third person or of the past
_REPORTED = frozenset({"VERB", "indc"})
#: what no report is written in: the first and second person, and the future of a perfective verb ("ответит")
_NOT_REPORTED = frozenset({"1per", "2per", "futr"})


def reported_forms(infinitive: str) -> tuple[str, ...]:
    """The forms of ``infinitive`` a report is written in: the present in the third person and the past, as
    pymorphy3's dictionary inflects the verb ("отвечать" → "отвечает", "отвечают", "отвечал", …); none for a word
    the dictionary does not hold as an infinitive."""
    morph = _analyzer()
    word = infinitive.lower().strip()
    if not morph.word_is_known(word):
        return ()
    forms: set[str] = set()
    for parse in morph.parse(word):
        if "INFN" not in parse.tag.grammemes:
            continue
        for form in parse.lexeme:
            grammemes = frozenset(str(g) for g in form.tag.grammemes)
            if _REPORTED <= grammemes and not grammemes & _NOT_REPORTED:
                forms.add(str(form.word))
    return tuple(sorted(forms))
