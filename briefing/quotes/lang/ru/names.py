"""Russian personal names: a name written in any case, given back in the nominative, and whether two mentions can
name one person.

"по словам Андрея Казанцева" names Андрей Казанцев, "заявил Сергею Лаврову" Сергей Лавров. A name is read word by
word. pymorphy3's dictionary (OpenCorpora's) knows most given names and patronymics and many surnames, with their
gender and case; a word it does not know as a name is read by the endings of the declensions Russian surnames
follow (Казанцев and Казанцева, Зеленский, Юнкер, Гоголь, Обама, Берия), and a word ending in о, е, и, у, ю or э,
or in -их/-ых, may be indeclinable (Малашенко, Пелоси, Черных), as may a woman's surname ending in a consonant
(Меркель). The words of one name agree in gender and case, so the reading taken is the gender and case in which
every word can be read, the dictionary's readings weighing more than the endings'.

A surname alone is ambiguous ("Казанцева" is his genitive and her nominative): the caller, who knows the
construction ("по словам" governs the genitive), may say which case it expects; with no such hint the nominative
is preferred. Initials, lowercase particles (фон, де, аль-) and words in another script are kept as written.

pymorphy3's analyzer is loaded on first use, once per process, and each word's readings are kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["gender", "names_a_group", "names_a_place", "names_no_one", "nominative", "same_person"]

_GENDERS: Final = ("masc", "femn")
_CASES: Final = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# pymorphy's tags for the cases, its second genitive, accusative and locative ("чаю", "в лесу") as the case they are
_CASE_OF: Final = {
    "nomn": "nomn",
    "gent": "gent",
    "gen1": "gent",
    "gen2": "gent",
    "datv": "datv",
    "accs": "accs",
    "acc2": "accs",
    "ablt": "ablt",
    "loct": "loct",
    "loc1": "loct",
    "loc2": "loct",
}

# How much a reading counts when the gender and case of a whole name are chosen: the dictionary's readings of a
# name outweigh any ending's, a surname's own endings (-ов, -ский) those every noun has, a man's -а those of a
# woman's name in -а (a woman's foreign surname does not decline: Ангела Меркель), and being indeclinable is the
# last resort. A surname alone, with no case hint, gets a little more in the nominative: more than tells apart
# the dictionary's readings of one word, less than tells a surname's ending from a noun's.
_DICTIONARY: Final = 3.0
_SURNAME: Final = 2.5
_PARTICLE: Final = 0.0  # a particle reads the same in every gender and case: it weighs nothing either way
_INDECLINABLE: Final = 1.5
_NOMINATIVE: Final = 0.4
# a longer run is no person's name, and is returned as it is
_MOST_WORDS: Final = 8

_VOWELS: Final = frozenset("аеёиоуыэюя")
_CONSONANTS: Final = frozenset("бвгджзклмнпрстфхцчшщ")
_VELAR_OR_HUSHING: Final = frozenset("гкхжшчщ")  # -и, not -ы, after these (Кучмы but Гайдамаки)
_HUSHING: Final = frozenset("жшчщц")  # unstressed -ем, -ей after these (Бабичем)

# Capitalised particles of foreign names, kept as written in every case (Ван Гог, Марин Ле Пен)
_PARTICLES: Final = frozenset(
    {"ван", "фон", "дер", "де", "ди", "да", "дель", "делла", "ла", "ле", "ибн", "бин", "бен", "аль", "эль", "абу"}
)

_INITIALS: Final = re.compile(r"(?:[^\W\d_]\.(?:-?(?=[^\W\d_]))?)+|[^\W\d_]")
_CYRILLIC_WORD: Final = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)
_PATRONYMIC: Final = re.compile(r"(?:ович|евич|овна|евна|ична|инична)$")


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a word: its nominative (cased as written), gender, case, weight and role."""

    text: str
    gender: str | None  # "masc", "femn", or None: either
    case: str | None  # one of _CASES, or None: any (an indeclinable word)
    weight: float
    role: str  # "given", "patronymic", "surname", "particle", or "" when only its endings were read

    def fits(self, gender: str, case: str) -> bool:
        return self.gender in (None, gender) and self.case in (None, case)


# --- pymorphy3: the one place that touches the untyped library -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Parse:
    """One of the dictionary's readings of a word as a name, surname or patronymic in the singular."""

    grammemes: frozenset[str]
    nominative: str | None  # lowercase, as the dictionary writes it; None when it has no nominative
    score: float


@functools.cache
def _analyzer() -> Any:
    """pymorphy3's Russian analyzer, loaded once per process (its dictionary ships in pymorphy3-dicts-ru)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _parses(word: str) -> tuple[_Parse, ...]:
    """The dictionary's readings of ``word`` as a singular given name, surname or patronymic; none for a word it
    does not hold (its guesses from a word's ending are not taken: the rules below read those)."""
    morph = _analyzer()
    if not morph.word_is_known(word.lower()):
        return ()
    found: list[_Parse] = []
    for parse in morph.parse(word):
        grammemes = frozenset(str(grammeme) for grammeme in parse.tag.grammemes)
        if "sing" not in grammemes or not grammemes & {"Name", "Surn", "Patr"}:
            continue
        inflected = parse.inflect({"nomn", "sing"})
        found.append(_Parse(grammemes, None if inflected is None else str(inflected.word), float(parse.score)))
    return tuple(found)


# --- reading one word ------------------------------------------------------------------------------------------


def _as_written(word: str, model: str) -> str:
    """``word`` (lowercase) with the capitals of ``model`` where they stand, hyphenated part by part, and with е
    where ``model`` writes no ё."""
    if "ё" not in model.lower():
        word = word.replace("ё", "е")
    parts, models = word.split("-"), model.split("-")
    if len(parts) != len(models):
        parts, models = [word], [model]
    return "-".join(
        "".join(c.upper() if i < len(m) and m[i].isupper() else c for i, c in enumerate(p))
        for p, m in zip(parts, models, strict=True)
    )


def _dictionary_readings(word: str) -> tuple[_Reading, ...]:
    readings: list[_Reading] = []
    for parse in _parses(word):
        grammemes = parse.grammemes
        case = next((_CASE_OF[g] for g in grammemes if g in _CASE_OF), None)
        if case is None or parse.nominative is None:
            continue  # the vocative, or a form with no nominative
        gender = "masc" if "masc" in grammemes else "femn" if "femn" in grammemes else None
        role = "given" if "Name" in grammemes else "patronymic" if "Patr" in grammemes else "surname"
        # An indeclinable word weighs the same in every case (the dictionary's scores say which case such a word
        # is met in most, not which this one is), and less than a declined reading of the same word ("Ангеле":
        # Ангела's dative, or a name Ангеле in any case)
        weight = _DICTIONARY - 0.05 if "Fixd" in grammemes else _DICTIONARY + parse.score / 10
        readings.append(_Reading(_as_written(parse.nominative, word), gender, case, weight, role))
    return tuple(readings)


@dataclass(frozen=True, slots=True)
class _Rule:
    """A word ending in ``ending`` after a stem that ``stem_ok`` accepts may be this gender and case of the name
    whose nominative is the stem and ``nominative``."""

    genders: tuple[str, ...]
    case: str
    ending: str
    nominative: str
    stem_ok: Callable[[str], bool]
    weight: float

    @property
    def surname(self) -> bool:
        """A surname's own ending (-ов, -ин, -ский), read even in a word the dictionary holds."""
        return self.weight >= _SURNAME


def _possessive(stem: str) -> bool:
    return stem.endswith(("ов", "ев", "ёв", "ин", "ын"))


def _sk(stem: str) -> bool:
    return stem.endswith(("ск", "цк"))


def _consonant(stem: str) -> bool:
    return stem[-1] in _CONSONANTS


def _consonant_not_instrumental(stem: str) -> bool:
    """A man's name in the nominative that does not end as an instrumental does (Тедрос, not Тедросом)."""
    return stem[-1] in _CONSONANTS and not stem.endswith(("ом", "ем", "ым", "им"))


def _instrumental(stem: str) -> bool:
    return stem.endswith(("ом", "ем", "ым", "им"))


def _plain_consonant(stem: str) -> bool:
    return stem[-1] in _CONSONANTS and stem[-1] not in _VELAR_OR_HUSHING


def _velar_or_hushing(stem: str) -> bool:
    return stem[-1] in _VELAR_OR_HUSHING


def _hushing(stem: str) -> bool:
    return stem[-1] in _HUSHING


def _soft_consonant(stem: str) -> bool:
    return stem[-1] in _CONSONANTS and stem[-1] not in _HUSHING


def _vowel(stem: str) -> bool:
    return stem[-1] in _VOWELS


def _soft_a(stem: str) -> bool:
    """A stem of the soft -я declension: Берия, Кая, Илья."""
    return stem[-1] in _VOWELS or stem[-1] == "ь"


def _soft_a_not_i(stem: str) -> bool:
    return _soft_a(stem) and not stem.endswith("и")


def _i(stem: str) -> bool:
    return stem.endswith("и")


_M: Final = ("masc",)
_F: Final = ("femn",)
_MF: Final = ("masc", "femn")


def _rules() -> tuple[_Rule, ...]:
    rules: list[_Rule] = []

    def add(
        genders: tuple[str, ...], cases: str, ending: str, nominative: str, ok: Callable[[str], bool], w: float
    ) -> None:
        rules.extend(_Rule(genders, case, ending, nominative, ok, w) for case in cases.split())

    # Казанцев, Путин: his -а, -у, -ым, -е; her Казанцева, -ой, -у
    add(_M, "nomn", "", "", _possessive, _SURNAME)
    add(_M, "gent accs", "а", "", _possessive, _SURNAME)
    add(_M, "datv", "у", "", _possessive, _SURNAME)
    add(_M, "ablt", "ым", "", _possessive, _SURNAME)
    add(_M, "loct", "е", "", _possessive, _SURNAME)
    add(_F, "nomn", "а", "а", _possessive, _SURNAME)
    add(_F, "gent datv ablt loct", "ой", "а", _possessive, _SURNAME)
    add(_F, "accs", "у", "а", _possessive, _SURNAME)
    # Зеленский, Трубецкой; Зеленская
    add(_M, "nomn", "ий", "ий", _sk, _SURNAME)
    add(_M, "nomn", "ой", "ой", _sk, _SURNAME)
    add(_M, "gent accs", "ого", "ий", _sk, _SURNAME)
    add(_M, "datv", "ому", "ий", _sk, _SURNAME)
    add(_M, "ablt", "им", "ий", _sk, _SURNAME)
    add(_M, "loct", "ом", "ий", _sk, _SURNAME)
    add(_F, "nomn", "ая", "ая", _sk, _SURNAME)
    add(_F, "gent datv ablt loct", "ой", "ая", _sk, _SURNAME)
    add(_F, "accs", "ую", "ая", _sk, _SURNAME)
    # other adjectives: Навальный, Горький, Крайний; Навальная
    add(_M, "nomn", "ый", "ый", _consonant, 1.8)
    add(_M, "nomn", "ий", "ий", _consonant, 1.8)
    add(_M, "nomn", "ой", "ой", _consonant, 1.8)
    add(_M, "gent accs", "ого", "ый", _plain_consonant, 2.1)
    add(_M, "gent accs", "ого", "ий", _velar_or_hushing, 2.1)
    add(_M, "gent accs", "его", "ий", _consonant, 2.1)
    add(_M, "datv", "ому", "ый", _plain_consonant, 2.1)
    add(_M, "datv", "ому", "ий", _velar_or_hushing, 2.1)
    add(_M, "datv", "ему", "ий", _consonant, 2.1)
    add(_M, "ablt", "ым", "ый", _consonant, 1.9)
    add(_M, "ablt", "им", "ий", _consonant, 1.9)
    add(_F, "nomn", "ая", "ая", _consonant, 2.1)
    add(_F, "gent datv ablt loct", "ой", "ая", _consonant, 2.1)
    add(_F, "accs", "ую", "ая", _consonant, 2.1)
    # a man's name ending in a consonant: Юнкер, Гутерриш, Бабич; in -ь (Гоголь) and -й (Гайдай)
    add(_M, "nomn", "", "", _consonant_not_instrumental, 2.0)
    add(_M, "nomn", "", "", _instrumental, 1.8)
    add(_M, "gent accs", "а", "", _consonant, 2.0)
    add(_M, "datv", "у", "", _consonant, 2.0)
    add(_M, "ablt", "ом", "", _consonant, 2.0)
    add(_M, "ablt", "ем", "", _hushing, 2.0)
    add(_M, "loct", "е", "", _consonant, 2.0)
    add(_M, "nomn", "ь", "ь", _consonant, 1.9)
    add(_M, "gent accs", "я", "ь", _consonant, 1.9)
    add(_M, "datv", "ю", "ь", _consonant, 1.9)
    add(_M, "ablt", "ем", "ь", _soft_consonant, 1.9)
    add(_M, "loct", "е", "ь", _consonant, 1.8)
    add(_M, "nomn", "й", "й", _vowel, 2.0)
    add(_M, "gent accs", "я", "й", _vowel, 2.0)
    add(_M, "datv", "ю", "й", _vowel, 2.0)
    add(_M, "ablt", "ем", "й", _vowel, 2.0)
    add(_M, "loct", "е", "й", _vowel, 2.0)
    # a name in -а or -я, hers or his: Обама, Кучма; Берия, Кая
    for genders, w in ((_F, 1.95), (_M, 1.9)):
        add(genders, "nomn", "а", "а", _consonant, w)
        add(genders, "gent", "ы", "а", _plain_consonant, w)
        add(genders, "gent", "и", "а", _velar_or_hushing, w)
        add(genders, "datv loct", "е", "а", _consonant, w)
        add(genders, "accs", "у", "а", _consonant, w)
        add(genders, "ablt", "ой", "а", _consonant, w)
        add(genders, "ablt", "ей", "а", _hushing, w)
        add(genders, "nomn", "я", "я", _soft_a, w)
        add(genders, "gent", "и", "я", _soft_a, w)
        add(genders, "datv loct", "е", "я", _soft_a_not_i, w)
        add(genders, "datv loct", "и", "я", _i, w)
        add(genders, "accs", "ю", "я", _soft_a, w)
        add(genders, "ablt", "ей", "я", _soft_a, w)
    return tuple(rules)


_RULES: Final = _rules()


def _rule_readings(word: str, *, surname_only: bool = False) -> tuple[_Reading, ...]:
    """How ``word`` may be read by its ending alone, and as an indeclinable word where its ending allows; with
    ``surname_only``, by a surname's own endings alone."""
    lower = word.lower()
    readings: list[_Reading] = []
    for rule in _RULES:
        if (surname_only and not rule.surname) or not lower.endswith(rule.ending):
            continue
        cut = len(word) - len(rule.ending)
        if cut < 2 or not rule.stem_ok(lower[:cut]):
            continue
        text = word[:cut] + rule.nominative
        role = "patronymic" if _PATRONYMIC.search(text.lower()) else ""  # one the dictionary lacks: Зелимханович
        readings.extend(_Reading(text, g, rule.case, rule.weight, role) for g in rule.genders)
    if surname_only:
        pass
    elif lower.endswith(("о", "е", "ё", "и", "у", "ю", "э", "их", "ых")):
        readings.append(_Reading(word, None, None, _INDECLINABLE, ""))  # Малашенко, Пелоси, Шойгу, Черных
    elif lower[-1] in _CONSONANTS or lower[-1] in "ьй":
        readings.append(_Reading(word, "femn", None, _INDECLINABLE, ""))  # Меркель, Клинтон
    return tuple(readings)


@functools.lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[_Reading, ...]:
    """Every reading of one word (no hyphen): the dictionary's and those of a surname's ending, or when the
    dictionary does not hold it as a name, those of any ending. (The dictionary holds some surnames in only a few
    forms: "Шмыгалёва" as a man's given name in the nominative alone.)"""
    if word.lower() in _PARTICLES or word.islower():
        return (_Reading(word, None, None, _PARTICLE, "particle"),)
    known = _dictionary_readings(word)
    return known + _rule_readings(word, surname_only=True) if known else _rule_readings(word)


# --- reading a name --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    """A run of a name between spaces. A word is read in one or two ways, each a set of readings per hyphenated
    part: part by part, and whole where the dictionary holds it whole ("Жан-Клод", "Римский-Корсаков"). Anything
    else ("А.", "фон", "МИД", "Smith") is kept as written."""

    text: str
    kind: str  # "word", "space", "initial", "particle", "foreign" or "other"
    ways: tuple[tuple[tuple[_Reading, ...], ...], ...] = ()


@functools.lru_cache(maxsize=65536)
def _token(text: str) -> _Token:
    if text.isspace():
        return _Token(text, "space")
    if _INITIALS.fullmatch(text) and text[0].isupper():
        return _Token(text, "initial")
    if not _CYRILLIC_WORD.fullmatch(text):
        alphabetic = any(c.isalpha() for c in text) and not re.search(r"[а-яё]", text, re.IGNORECASE)
        return _Token(text, "foreign" if alphabetic else "other")
    if not any(part[0].isupper() for part in text.split("-")):
        return _Token(text, "particle")  # фон, аль (but аль-Асад is a word)
    if text.isupper() and len(text) > 1:
        return _Token(text, "other")  # an abbreviation: МИД, ФСБ
    by_part = tuple(_readings(part) for part in text.split("-"))
    whole = _dictionary_readings(text) if "-" in text else ()
    return _Token(text, "word", ((whole,), by_part) if whole else (by_part,))


def _fit(token: _Token, gender: str, case: str) -> _Reading | None:
    """The token read in this gender and case (its heaviest such reading), or None when it cannot be."""
    fits = (_fit_parts(parts, gender, case) for parts in token.ways)
    return max((r for r in fits if r is not None), key=lambda r: r.weight, default=None)


def _fit_parts(parts: tuple[tuple[_Reading, ...], ...], gender: str, case: str) -> _Reading | None:
    """A word read part by part in this gender and case, or None when a part cannot be."""
    chosen: list[_Reading] = []
    for readings in parts:
        best = max((r for r in readings if r.fits(gender, case)), key=lambda r: r.weight, default=None)
        if best is None:
            return None
        chosen.append(best)
    if len(chosen) == 1:
        return chosen[0]
    named = [r for r in chosen if r.role != "particle"] or chosen  # аль-Асад weighs as Асад
    weight = sum(r.weight for r in named) / len(named)
    return _Reading("-".join(r.text for r in chosen), gender, case, weight, named[-1].role)


@dataclass(frozen=True, slots=True)
class _Analysis:
    """A whole name read in one gender and case: each token in the nominative (or as written) with its role."""

    gender: str
    case: str
    read: bool  # every word could be read in this gender and case
    weight: float
    tokens: tuple[tuple[str, str], ...]  # (text, role or kind)


def _analyses(name: str) -> tuple[list[_Analysis], int]:
    """The name read in each gender and case, and how many words it has that decline; no reading for what is no
    name (no such word, too many, or punctuation, digits or an abbreviation among them)."""
    tokens = [_token(piece) for piece in re.split(r"(\s+)", name) if piece]
    words = sum(token.kind == "word" for token in tokens)
    if words == 0 or words > _MOST_WORDS or any(token.kind == "other" for token in tokens):
        return [], words
    analyses: list[_Analysis] = []
    for gender in _GENDERS:
        for case in _CASES:
            read, weight, out = True, 0.0, []
            for token in tokens:
                reading = _fit(token, gender, case) if token.kind == "word" else None
                if reading is None:
                    read = read and token.kind != "word"
                    out.append((token.text, token.kind))
                else:
                    weight += reading.weight
                    out.append((reading.text, reading.role or "word"))
            analyses.append(_Analysis(gender, case, read, weight, tuple(out)))
    return analyses, words


@functools.lru_cache(maxsize=65536)
def nominative(name: str, case: str | None = None) -> str:
    """A person's name, written in any case, in the nominative: "Андрея Казанцева" → "Андрей Казанцев".

    ``name`` is the name alone: a given name, an optional patronymic and a surname in either order, initials
    ("А. Казанцев"), or a surname alone. The gender is the given name's or patronymic's where there is one.
    ``case`` is the case the caller expects the name to be in, as pymorphy tags it ("gent" after "по словам",
    "nomn" for the subject of "сказал", "datv", "accs", "ablt", "loct"): it decides a surname alone ("Казанцева"
    with "gent" → "Казанцев"; with "nomn" or no hint → "Казанцева"). Names in another script, and whatever cannot
    be read as a name, are returned as given; this never raises.
    """
    try:
        analyses, words = _analyses(name)
        hint = _CASE_OF.get(case) if case else None
        if not analyses:
            return name

        def rank(a: _Analysis) -> tuple[bool, bool, float]:
            bonus = _NOMINATIVE if hint is None and words == 1 and a.case == "nomn" else 0.0
            return (a.read, a.case == hint, a.weight + bonus)

        best = max(analyses, key=rank)
        return "".join(text for text, _ in best.tokens) if best.read else name
    except Exception:  # a name that cannot be read is shown as written, whatever went wrong in reading it
        return name


@functools.lru_cache(maxsize=16384)
def names_a_place(word: str) -> bool:
    """Whether a capitalised word met before a name is a place's or an organisation's in an oblique case — what the
    role before it is of ("премьер-министр Турции Реджеп Тайип Эрдоган", "глава Газпрома Алексей Миллер") — by the
    dictionary: every likely reading is a place (Geox) or an organisation (Orgn) not in the nominative, and none is
    a given name, surname or patronymic. A word the dictionary does not hold is no place ("Морнингстар")."""
    morph = _analyzer()
    if not morph.word_is_known(word.lower()):
        return False
    likely = [parse for parse in morph.parse(word) if parse.score >= _LIKELY]
    return bool(likely) and all(
        (parse.tag.grammemes & _PLACE or parse.tag.POS == "ADJF")  # (or its adjective: "Новой Зеландии")
        and not parse.tag.grammemes & _PERSON
        and "nomn" not in parse.tag.grammemes
        for parse in likely
    )


@functools.lru_cache(maxsize=4096)
def names_a_group(word: str) -> bool:
    """Whether a capitalised word is a plural common noun — a group ("Арабы", "Демократы", "Врачи" opening a
    sentence) — by the dictionary: every likely reading a plural noun, none a name, a place or an organisation."""
    morph = _analyzer()
    if not morph.word_is_known(word.lower()):
        return False
    likely = [parse for parse in morph.parse(word) if parse.score >= _LIKELY]
    return bool(likely) and all(
        parse.tag.POS == "NOUN" and "plur" in parse.tag.grammemes and not parse.tag.grammemes & (_PLACE | _PERSON)
        for parse in likely
    )


_OBLIQUE: Final = frozenset({"gent", "datv", "accs", "ablt", "loct"})


@functools.lru_cache(maxsize=4096)
def role_in_nominative(role: str) -> str:
    """A role as a heading writes it, whatever case the sentence put it in: its first noun that is someone, and the
    adjectives right before it, in the nominative ("по словам бывшего главного редактора французской газеты" →
    "бывший главный редактор французской газеты"); what follows that noun (whose or what of it is) as written. A role
    in the nominative already, or that opens on a thing ("института … и специалиста": its head was left out), is
    returned as it is."""
    words = role.split()
    parse = functools.cache(_analyzer().parse)  # (each word is read once, however many tests ask of it)

    def people(word: str) -> list[Any]:
        return [
            reading
            for reading in parse(word.lower().strip(","))
            if reading.score >= _LIKELY and reading.tag.POS == "NOUN" and "anim" in reading.tag.grammemes
        ]

    for k, word in enumerate(words):
        readings = [reading for reading in parse(word.lower().strip(",")) if reading.score >= _LIKELY]
        someone = people(word)
        if not someone:
            if readings and all(reading.tag.POS == "NOUN" for reading in readings):
                return role  # (a thing first: whose role it was is not in these words)
            continue
        head = someone[0]
        if (
            k
            and any(
                reading.tag.POS in ("ADJF", "PRTF") and reading.tag.case == "nomn"
                for reading in parse(words[k - 1].lower())
            )
            and any(reading.tag.case == "nomn" for reading in parse(word.lower().strip(",")))
        ):
            return role  # ("официальные лица": an adjective in the nominative says the noun is in it too)
        adjective = any(reading.tag.POS in ("ADJF", "PRTF") for reading in parse(word.lower()))
        if adjective and k + 1 < len(words) and any(p.tag.case == head.tag.case for p in people(words[k + 1])):
            continue  # ("военного аналитика": an adjective before the noun that is someone)
        if head.tag.case not in _OBLIQUE:
            return role
        wanted = {"nomn", head.tag.number or "sing"}
        noun = head.inflect(wanted)
        if noun is None:
            return role
        out = [_as_written(noun.word, word.strip(","))]
        j = k - 1
        while j >= 0:
            before = next(
                (
                    reading
                    for reading in parse(words[j].lower())
                    if reading.tag.POS in ("ADJF", "PRTF") and reading.tag.case == head.tag.case
                ),
                None,
            )
            if before is None:
                break
            inflected = before.inflect(wanted | ({head.tag.gender} if head.tag.number == "sing" else set()))
            if inflected is None:
                break
            out.insert(0, _as_written(inflected.word, words[j]))
            j -= 1
        return " ".join([*words[: j + 1], *out, *words[k + 1 :]])
    return role


def someone_elses(words: Sequence[str]) -> int:
    """How many words that open a run of capitalised words name someone or something else, before a person's given
    name and surname: one in "пресс-секретарь Путина Дмитрий Песков" (Putin's press secretary), in "адвокат Гаева
    Александр Аснис" and in "главного экономиста Сбербанка Ивана Петрова"; none in one person's name ("Реджеп Тайип
    Эрдоган", "Путина Мария Ивановна", "Петрова Ивана Сергеевича").

    The first word is another's when the dictionary reads the second as a given name and the first as nothing that
    agrees with it as part of one name: no surname or given name in its case and gender."""
    return _someone_elses(tuple(words[:2])) if len(words) >= 3 else 0


@functools.lru_cache(maxsize=16384)
def _someone_elses(words: tuple[str, ...]) -> int:
    morph = _analyzer()
    given = [
        parse
        for parse in morph.parse(words[1])
        if parse.score >= _LIKELY and {"Name", "sing"} <= set(parse.tag.grammemes)
    ]
    if not given or not morph.word_is_known(words[0].lower()):
        return 0
    first = morph.parse(words[0])
    if any(parse.tag.grammemes & _PLACE for parse in first if parse.score >= _LIKELY):
        return 0  # (a place or a body the dictionary knows describes the person as it is: "губернатор Приморья …")
    forms = {(parse.tag.case, parse.tag.gender) for parse in given}
    agrees = any((parse.tag.case, parse.tag.gender) in forms for parse in first if parse.tag.grammemes & _PERSON)
    return 0 if agrees else 1


@functools.lru_cache(maxsize=16384)
def names_no_one(word: str) -> bool:
    """Whether a capitalised word can be no part of a person's name, by the dictionary: it holds the word, and not
    one of its readings, however unlikely, is a given name, surname or patronymic ("Поэтому", "Выход", "Интервью"
    opening a sentence; not "Роман", which may be a given name)."""
    morph = _analyzer()
    if not morph.word_is_known(word.lower()):
        return False
    return not any(parse.tag.grammemes & _PERSON for parse in morph.parse(word))


#: a reading at least this likely counts when a word is read as a place
_LIKELY: Final = 0.1
_PLACE: Final = frozenset({"Geox", "Orgn"})
_PERSON: Final = frozenset({"Name", "Surn", "Patr"})


def gender(name: str) -> str:
    """The gender of a person's name in the nominative or any case, "masc" or "femn", when its given name or
    patronymic tells it ("Ольга Прохорова" → "femn"); "" for a surname alone, a name in another script, or what
    cannot be read as a name. This never raises."""
    try:
        analyses, words = _analyses(name)
        if words < 2:
            return ""
        read = [a for a in analyses if a.read]
        if not read:
            return ""
        best = max(read, key=lambda a: a.weight)
        others = {a.gender for a in read if a.weight == best.weight}
        return best.gender if len(others) == 1 else ""
    except Exception:  # a name that cannot be read has no gender the text shows
        return ""


# --- one person or two -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Person:
    """What a mention says of a person, in the nominative, lowercase and with е for ё: an initial is one letter."""

    surname: str
    given: str | None
    patronymic: str | None


def _key(text: str) -> str:
    return text.lower().replace("ё", "е")


def _person(tokens: tuple[tuple[str, str], ...]) -> _Person | None:
    given = next((t for t, role in tokens if role == "given"), None)
    patronymic = next((t for t, role in tokens if role == "patronymic"), None)
    surnames = [t for t, role in tokens if role in ("surname", "word", "foreign")]
    if given is None and len(surnames) > 1 and not any(role == "surname" for _, role in tokens):
        given, surnames = surnames[0], surnames[1:]  # Си Цзиньпин, Angela Merkel
    if not surnames:
        names = [t for t, role in tokens if role == "given"]
        if not names:
            return None
        # Борис Джонсон: both are given names to the dictionary, and "Джонсон" alone is a surname all the same
        given, surnames = (names[0] if len(names) > 1 else None), names[-1:]
    initials = [c for t, role in tokens if role == "initial" for c in t if c.isalpha()]
    if given is None and initials:
        given = initials.pop(0)
    if patronymic is None and initials:
        patronymic = initials.pop(0)
    return _Person(
        _key(" ".join(surnames)),
        None if given is None else _key(given),
        None if patronymic is None else _key(patronymic),
    )


def _people(mention: str) -> set[_Person]:
    """Whom a mention may name: each of its readings in a gender and case that every word allows."""
    analyses = [a for a in _analyses(mention)[0] if a.read]
    if analyses:
        found = {_person(a.tokens) for a in analyses}
    else:
        found = {_person(tuple((t, "foreign") for t in mention.split()))}
    return {person for person in found if person is not None}


def _agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b


def same_person(a: str, b: str) -> bool:
    """Whether two mentions can name the same person, whatever their case and with or without a given name.

    "Казанцева" (his genitive) and "Андрей Казанцев" and "Казанцеву" can; "Казанцев" and "Анна Казанцева" cannot,
    nor can "Андрей Казанцев" and "Алексей Казанцев" ("А. Казанцев" can be either). The surnames must be the same
    in the nominative; given names and patronymics, where both mentions have them, must be the same or agree with
    an initial. Never raises: a mention that cannot be read is compared as written.
    """
    try:
        return any(
            x.surname == y.surname and _agree(x.given, y.given) and _agree(x.patronymic, y.patronymic)
            for x in _people(a)
            for y in _people(b)
        )
    except Exception:  # as nominative: reading a mention never raises
        return False
