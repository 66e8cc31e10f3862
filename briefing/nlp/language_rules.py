"""What the language-aware stages need to know about each language, read from data files.

Every language but English has a file in ``briefing/nlp/lang/`` (``ru.toml``, ``de.toml``,
``fr.toml``): the abbreviations that do not end a sentence, the words that start one, the
quotation marks a sentence never ends inside, and the page furniture of its press. English
keeps the rules the splitter and the boilerplate masker were written with, inline, so its
results and its speed do not depend on any file. A language without a file is read with the
English rules; its stemmer and stop words are still its own when Snowball and sumy have them.

Languages are ISO 639-1 codes ("en", "ru"); :func:`snowball_name` gives the name Snowball and
sumy use for one ("russian").
"""

from __future__ import annotations

import functools
import pkgutil
import re
import tomllib
from dataclasses import dataclass

from briefing.errors import ConfigError

__all__ = [
    "DEFAULT_LANGUAGE",
    "LanguageRules",
    "elided",
    "language_code",
    "language_file",
    "normalise",
    "rules_for",
    "snowball_name",
]

DEFAULT_LANGUAGE = "en"

# ISO 639-1 code -> the name Snowball (PyStemmer) and sumy give the language
_NAMES = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "he": "hebrew",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "th": "thai",
    "tr": "turkish",
    "uk": "ukrainian",
    "yi": "yiddish",
    "zh": "chinese",
}
_CODES = {name: code for code, name in _NAMES.items()}


def snowball_name(language: str) -> str:
    """The name Snowball and sumy give ``language`` ("ru" → "russian"); a name is returned as it is."""
    key = language.strip().lower()
    return _NAMES.get(key, key)


def language_code(language: str) -> str:
    """The ISO 639-1 code of ``language`` ("russian" → "ru"); a code is returned as it is."""
    key = language.strip().lower()
    return _CODES.get(key, key)


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """One language's data for the splitter, the boilerplate masker and the news summarizer."""

    code: str
    #: abbreviations before a name (ген., Dr., M.): never end a sentence
    titles: frozenset[str]
    #: abbreviations before a number or a lower-case word: never end a sentence
    never: frozenset[str]
    #: abbreviations that end a sentence after a number when a capital follows (в 2010 г. Цены), else never
    units: frozenset[str]
    #: abbreviations that end a sentence when a capital follows (и т. д. Затем)
    ending: frozenset[str]
    #: abbreviations that end a sentence only when a word of :attr:`starters` follows (5 Mio. Euro)
    ambiguous: frozenset[str]
    #: abbreviated months: never end a sentence before a number (le 3 oct. 2020), else as :attr:`ambiguous`
    months: frozenset[str]
    #: words that start sentences, lower-case
    starters: frozenset[str]
    #: words before and after a number with a period that make it an ordinal (am 3. Oktober)
    ordinal_before: frozenset[str]
    ordinal_after: frozenset[str]
    #: abbreviations of several parts (т. е., z. B., av. J.-C.), found at the end of the text before a period
    multi_part: re.Pattern[str] | None
    #: each multi-part abbreviation, normalised (:func:`normalise`), and its kind (a field name above)
    multi_kind: dict[str, str]
    #: quotation marks no sentence ends inside: opening mark -> closing mark
    quotes: dict[str, str]
    #: any of the quotation marks of :attr:`quotes`
    quote_marks: re.Pattern[str] | None
    #: candidate sentence ends: terminal punctuation, closing marks, white space
    candidate: re.Pattern[str]
    #: characters a paragraph's line may end with for a single line break to end the paragraph
    line_end: frozenset[str]
    #: opening marks and dashes skipped to find the first letter of what follows a candidate
    openers: str
    #: whole lines of page furniture, bylines, credits (``None``: only the English ones)
    boilerplate_lines: re.Pattern[str] | None
    #: a dateline before a paragraph's first sentence ("МОСКВА, 12 марта. /ТАСС/.", "Berlin (dpa) -")
    datelines: re.Pattern[str] | None
    #: lower-case beginnings of sentences that are page furniture ("фото", "lesen sie")
    furniture: tuple[str, ...]
    #: words that open a sentence on someone or something named before ("Он", "Sie", "Il", "Cette"): such a
    #: sentence is no summary sentence without the one before it
    references: tuple[str, ...]
    #: elided words written onto the next with an apostrophe (French l', d', qu'), lower-case
    elisions: frozenset[str]


def normalise(abbreviation: str) -> str:
    """An abbreviation as the tables hold it: lower-case, no space after an inner period, single spaces."""
    text = re.sub(r"\s+", " ", abbreviation.strip().lower())
    return re.sub(r"\.\s", ".", text).rstrip(".")


_KINDS = ("titles", "never", "units", "ending", "ambiguous", "months")
_CLOSERS = "\"”’'»)]"


def rules_for(language: str = DEFAULT_LANGUAGE) -> LanguageRules | None:
    """The data of ``language`` (a code or a name), or ``None`` for English and languages without a file.

    Raises:
        ConfigError: the language's file is not valid (a broken installation).
    """
    return _rules(language_code(language))


def language_file(name: str) -> bytes | None:
    """The bytes of ``briefing/nlp/lang/NAME`` (a language's data), or ``None`` when the package has no such file."""
    try:
        return pkgutil.get_data("briefing.nlp", f"lang/{name}")
    except OSError:
        return None


@functools.cache
def _rules(code: str) -> LanguageRules | None:
    if code == DEFAULT_LANGUAGE or not code.isalpha():
        return None
    data = language_file(f"{code}.toml")
    if data is None:
        return None
    try:
        return _build(code, tomllib.loads(data.decode("utf-8")))
    except (tomllib.TOMLDecodeError, re.error, KeyError, TypeError) as exc:
        raise ConfigError(
            f"the language data of {code!r} cannot be read: {exc}", field="language", hint="reinstall briefing"
        ) from exc


def _build(code: str, data: dict[str, object]) -> LanguageRules:
    abbreviations = _table(data, "abbreviations")
    sentences = _table(data, "sentences")
    ordinals = _table(data, "ordinals")
    boilerplate = _table(data, "boilerplate")
    single: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    multi_kind: dict[str, str] = {}
    for kind in _KINDS:
        for entry in _strings(abbreviations, kind):
            key = normalise(entry)
            if " " in key or "." in key:
                multi_kind.setdefault(key, kind)
            else:
                single[kind].add(key)
    multi_part = None
    if multi_kind:
        # longest first; each part's period may be followed by white space or not ("т. е." and "т.е.")
        alternatives = sorted(multi_kind, key=len, reverse=True)
        multi_part = re.compile(
            r"(?<![^\W_])(?:" + "|".join(_part_pattern(a) for a in alternatives) + r")\Z", re.IGNORECASE
        )
    pairs = _strings(sentences, "quotes")
    quotes: dict[str, str] = {}
    for pair in pairs:
        if len(pair) != 2:
            raise TypeError(f"a quotation pair is two marks, not {pair!r}")
        quotes.setdefault(pair[0], pair[1])
    closers = "".join(sorted(set(_CLOSERS) | set(quotes.values())))
    closer_class = "[" + re.escape(closers) + "]"
    spaced = _strings(sentences, "spaced_closers")
    spaced_part = f"|[ \u00a0\u202f][{re.escape(''.join(spaced))}]" if spaced else ""
    candidate = re.compile(rf"[.!?…]+(?:{closer_class}{spaced_part})*(?=\s)|[。！？]+[」』”’）)\]]*")
    lines = _strings(boilerplate, "lines")
    datelines = _strings(boilerplate, "datelines")
    return LanguageRules(
        code=code,
        titles=frozenset(single["titles"]),
        never=frozenset(single["never"]),
        units=frozenset(single["units"]),
        ending=frozenset(single["ending"]),
        ambiguous=frozenset(single["ambiguous"]),
        months=frozenset(single["months"]),
        starters=frozenset(w.lower() for w in _strings(sentences, "starters")),
        ordinal_before=frozenset(w.lower() for w in _strings(ordinals, "before")),
        ordinal_after=frozenset(w.lower() for w in _strings(ordinals, "after")),
        multi_part=multi_part,
        multi_kind=multi_kind,
        quotes=quotes,
        quote_marks=re.compile("[" + re.escape("".join(set(quotes) | set(quotes.values()))) + "]") if quotes else None,
        candidate=candidate,
        line_end=frozenset(".!?…:\"”’'»)]") | frozenset(quotes.values()),
        openers="\"“‘'«([—–-" + "".join(quotes),
        boilerplate_lines=(re.compile(r"^[ \t]*(?:" + "|".join(lines) + r")[ \t]*$", re.MULTILINE) if lines else None),
        datelines=re.compile(r"^[ \t]*(?:" + "|".join(datelines) + ")", re.MULTILINE) if datelines else None,
        furniture=tuple(w.lower() for w in _strings(boilerplate, "furniture")),
        references=tuple(_strings(_table(data, "summaries"), "references")),
        elisions=frozenset(w.lower() for w in _strings(_table(data, "words"), "elisions")),
    )


def elided(word: str, elisions: frozenset[str]) -> str:
    """``word`` without the elided words written onto it (l'accord → accord, qu'aujourd'hui → aujourd'hui)."""
    for apostrophe in "'’":
        head, mark, rest = word.partition(apostrophe)
        if mark and rest and head.lower() in elisions:
            return elided(rest, elisions)
    return word


def _part_pattern(abbreviation: str) -> str:
    parts = abbreviation.split(".")
    return r"\.\s*".join(r"\s+".join(re.escape(w) for w in part.split(" ")) for part in parts)


def _table(data: dict[str, object], name: str) -> dict[str, object]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise TypeError(f"[{name}] is not a table")
    return table


def _strings(table: dict[str, object], name: str) -> list[str]:
    values = table.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{name} is not a list of strings")
    return list(values)
