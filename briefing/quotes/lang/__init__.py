"""Language packs: the words the quote engine reads, one pack per language.

A pack is a :class:`LanguagePack` — named word sets and tables (reporting verbs and their forms,
pronouns, titles, name particles, role and organisation words, the lexicons that type a speaker,
function words …) and the functions a language needs (its verb inflection). The engine builds its
patterns from a pack and holds no word of its own. Each pack lives in ``briefing.quotes.lang.<code>``
and exposes ``PACK``; :func:`load_pack` imports it on first use, so ``import briefing.quotes.lang``
loads no language.

Where the engine used one notion in several ways (what counts as a pronoun, as no one), the pack keeps
one set per use, named by what it is for, rather than one set that would change what is found.
"""

from __future__ import annotations

import importlib
import re
import threading
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from briefing.errors import ConfigError

__all__ = ["LanguagePack", "Lexicon", "SpeakerLexicons", "VerbForms", "load_pack", "pack_data", "packs"]


class VerbForms(NamedTuple):
    """The forms of a verb the engine reads: "say" → says, said, saying; "write" adds "written"."""

    base: str
    present: str  # the third person singular: "says"
    past: str
    progressive: str  # the -ing form
    participle: str = ""  # the past participle, where it is not the past ("written")


@dataclass(frozen=True, kw_only=True, slots=True)
class Lexicon:
    """Words and phrases that type a speaker, matched case-insensitively from the start of a word.

    ``stems`` match as a word's beginning ("universit" for university and universities); ``words``
    only as whole words ("prof", "rand"); ``not_after`` lists, for a word, what may not stand right
    before it ("union", but not "European union"); ``with_s``: each word also with an "s" after it
    ("resident", "residents"); ``last``: whole words (and their plurals) that count only as what the words end on,
    a noun that is an adjective before another ("US agrochemical giant", but not "the giant winger");
    ``compounds``: a stem of five letters or more also ends a compound word ("Russlandexperte",
    "Finanzprofessor"), as in German; ``not_continued`` lists, for a stem, what may not follow it in the word
    ("verein", but not "vereinigt" nor "vereint": the United States and the United Nations are no club).
    """

    stems: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    not_after: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    with_s: bool = False
    last: tuple[str, ...] = ()
    compounds: bool = False
    not_continued: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern: a word boundary, then any stem, or any whole word."""
        plural = "s?" if self.with_s else ""

        def stem(s: str) -> str:
            after = self.not_continued.get(s, ())
            return re.escape(s) + (f"(?!{'|'.join(map(re.escape, after))})" if after else "")

        branches = (
            [stem(s) for s in self.stems]
            + [
                "".join(f"(?<!{re.escape(before)} )" for before in self.not_after.get(w, ()))
                + re.escape(w)
                + plural
                + r"\b"
                for w in self.words
            ]
            + [re.escape(w) + r"s?\b(?=\W*$)" for w in self.last]
        )
        inside = [stem(s) for s in self.stems if len(s) >= _COMPOUND_PART] if self.compounds else []
        pattern = r"\b(?:" + "|".join(branches) + ")"
        if inside:
            pattern += r"|\B(?:" + "|".join(inside) + ")"
        return re.compile(pattern, re.IGNORECASE)


#: the shortest stem that is looked for inside a compound word (shorter ones would be found inside too many words)
_COMPOUND_PART = 5


@dataclass(frozen=True, kw_only=True, slots=True)
class SpeakerLexicons:
    """What a speaker's role, organisation or name says of their type (see ``speakers.classify``)."""

    analyst: Lexicon
    official: Lexicon
    media: Lexicon
    organization: Lexicon
    other: Lexicon  # members of the public: residents, witnesses, voters
    non_government: Lexicon  # an organisation's name that is no government's: a company, a union, a charity
    executive: Lexicon  # a company's officer when no organisation is named
    financial: (
        Lexicon  # banks, brokers, ratings agencies, accountancies: their people, quoted without a post, are analysts
    )
    parties: Lexicon = field(default_factory=Lexicon)  # a party by its name: speaking as a body, an organisation


@dataclass(frozen=True, kw_only=True, slots=True)
class LanguagePack:
    """Every word of one language that the quote engine reads.

    Sets are for lookups; tuples keep the order the patterns built from them try their alternatives in.
    """

    code: str  # ISO 639-1
    name: str

    # verbs of saying
    reporting_verbs: frozenset[str]  # lemmas of verbs that report speech or a view: say, warn, believe
    manner_verbs: frozenset[str]  # verbs that report only right beside a quotation: beam, bark
    inflect: Callable[[str], VerbForms]  # a lemma's forms
    bare_cues: frozenset[str]  # base forms that report after a plural subject: "Critics say"
    past_only_verbs: frozenset[str]  # verbs whose present form is more often a plural noun: "states"
    cues_before_that: frozenset[str]  # forms that report only when "that" follows: "found that"
    finding_cues: frozenset[str]  # of those, what evidence shows: "a poll showed"
    nominal_cues: frozenset[str]  # nouns of saying before "that": "X's claim that"
    beliefs: frozenset[str]  # views held after an auxiliary: "is sure that"
    gate_words: frozenset[str]  # further words without one of which a sentence reports nothing
    finite_verbs: frozenset[str]  # verbs that make a phrase a clause, not a noun phrase
    clause_verbs: frozenset[str]  # verbs that make a description a clause, not a post
    clause_participles: frozenset[str]  # -ing words that are a clause's verb, not part of a role
    describing_participles: frozenset[str]  # participles that describe someone: "retired engineer"

    # pronouns and words that name no one (one set per use: see the pack's data for how they differ)
    speaker_pronouns: frozenset[str]  # personal pronouns that stand for a speaker met before
    no_one_words: frozenset[str]  # a lone word of a speaker phrase that names no one
    bare_pronoun_speakers: frozenset[str]  # a speaker that is a pronoun alone, never named
    subject_pronouns: tuple[str, ...]  # a pronoun that may be the subject of a report

    # people's names, titles and posts
    courtesy_titles: tuple[str, ...]  # titles that are no post: Mr, Dr
    title_abbreviations: tuple[str, ...]  # titles that may open a name: Mr, Sen, Gen
    honours: frozenset[str]  # before a given name, case kept: Sir
    surname_titles: tuple[str, ...]  # before a surname alone, case kept: Lord
    capitals: frozenset[str]  # capitals no time zone is named after (briefing.quotes.places): Washington
    country_names: frozenset[str]  # the names news gives countries that CLDR's do not hold: Britain, Turkey
    name_particles: frozenset[str]  # lower-case words inside names: van, al
    not_name_words: frozenset[str]  # capitalised words that are not a person's name
    organisation_words: frozenset[str]  # capitalised words of organisations' names
    not_first_names: frozenset[str]  # capitalised words before a surname that are no first name
    demonyms: frozenset[str]  # nationalities, before a person's name and no part of it: Australian
    quoting_verbs: tuple[str, ...]  # who passes someone's words on: "quoted X as saying"
    relatives: tuple[str, ...]  # relations to a person: father, widow
    roles_to: frozenset[str]  # roles held "to" someone: adviser to
    someone_at: frozenset[str]  # someone unnamed at a named organisation: "a Sony spokesman"
    body_nouns: tuple[str, ...]  # what an unnamed organisation or document is called: the company
    short_body_names: frozenset[str]  # a body's noun alone, capitalised, for one the article named: Committee
    body_possessions: tuple[str, ...]  # what only a body has: "BT's shares", "GE's net profits"
    party_possessives: tuple[str, ...]  # what only a party politician has: "his party", "her own party"
    lexicons: SpeakerLexicons

    # the words around a speaker phrase
    group_nouns: frozenset[str]  # heads of unnamed speaker phrases: officials, residents
    learners: frozenset[str]  # who study, members of the public wherever they study: student, pupil
    person_heads: tuple[str, ...]  # posts that head a phrase naming a person: "minister" of "a Home Office minister"
    representative_posts: frozenset[str]  # posts that speak for the body they are named with: "the Iraqi leader"
    state_titles: frozenset[str]  # a state's titles a company's officers share, capitalised alone: "Vice President"
    post_nominals: frozenset[str]  # letters after a name that say what its holder is, case kept: MP, QC
    passive_auxiliaries: frozenset[str]  # a verb of saying after one is passive: "be", "was" (told)
    function_words: frozenset[str]  # a phrase of only these names no one
    quantifiers: frozenset[str]  # "several officials"
    ordinals: frozenset[str]  # one of several, no description: "a third, Daniel Traynor"
    prepositions: frozenset[str]  # that open a phrase of the writer's: alongside, amid
    determiners: frozenset[str]  # that open a noun phrase
    clause_words: frozenset[str]  # words that end the description before a name
    links: frozenset[str]  # words that link a name to more words: of, at
    org_prepositions: frozenset[str]  # a name after one of these is an organisation's
    lower_starts: frozenset[str]  # lower-case words that may open a reporting clause's subject
    not_speaker_starts: frozenset[str]  # first words of phrases that name no speaker: it, which
    stop_words: frozenset[str]  # words left out when quotes are compared
    trailing_adverbs: frozenset[str]  # words after a speaker that are not part of it: also, today
    weekdays: tuple[str, ...]
    sentence_adverbs: tuple[str, ...]  # capitalised, before a speaker: Meanwhile
    leading_words: tuple[str, ...]  # conjunctions and adverbs before a speaker: and, however
    time_leads: tuple[str, ...]  # words that open a time, not a speaker: on, last


_loaded: dict[str, LanguagePack] = {}
_loading = threading.Lock()


def packs() -> tuple[str, ...]:
    """The codes of the packs that ship with briefing."""
    folder = Path(__file__).parent
    return tuple(sorted(p.name for p in folder.iterdir() if (p / "__init__.py").is_file()))


def pack_data(code: str, name: str) -> dict[str, Any] | None:
    """The TOML file ``name`` of the pack ``code`` (its words, its rules, its confidence table), or ``None`` when
    the pack has no such file. Read by path, not importlib.resources, whose import would cost every run.

    Raises:
        tomllib.TOMLDecodeError: the file is not valid TOML (a broken installation).
    """
    try:
        with (Path(__file__).parent / code / name).open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return None


def load_pack(code: str) -> LanguagePack:
    """The pack of the language ``code`` (``briefing.quotes.lang.<code>``), imported on first use and kept.

    Raises:
        ConfigError: no pack for the language.
    """
    pack = _loaded.get(code)
    if pack is not None:
        return pack
    if not code.isidentifier() or code not in packs():
        raise ConfigError(f"no language pack for {code!r}", field="language", hint=f"known: {', '.join(packs())}")
    with _loading:
        if code not in _loaded:
            _loaded[code] = importlib.import_module(f"{__name__}.{code}").PACK
        return _loaded[code]
