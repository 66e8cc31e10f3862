"""What the quote engine reads from a language pack: its words, and the patterns built from them.

A pack that runs on the engine (:mod:`briefing.quotes.engine`) holds a ``grammar.toml``: the verbs of saying with
their forms, the constructions that put a speaker before or after what they said ("по словам X", "X zufolge",
"selon X"), the words that join a verb to reported content ("что", "dass", "que"), pronouns, the words that may
open or close a speaker phrase without being part of it, name particles, role words and the lexicons that type a
speaker. :func:`load_grammar` reads the file once and compiles the patterns; the engine itself holds no word of
any language. The tables are described in docs/languages.md, and every pack's file says what each is for.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from briefing.errors import ConfigError
from briefing.models import SpeakerType
from briefing.quotes.alternation import alternation
from briefing.quotes.field import Field
from briefing.quotes.lang import Lexicon, pack_data

__all__ = ["Grammar", "WordTest", "load_grammar"]

#: the shortest role stem looked for at the end of a compound word ("chef" in "Kremlchef"; a role only decides what
#: is no part of a name, so it may be shorter than the five letters of a type lexicon's)
_ROLE_IN_COMPOUND = 4

#: the speaker types, in the order a description is tried against their lexicons
_TYPES = ("analyst", "media", "official", "organization", "other")


class WordTest:
    """A pattern asked of single words, each answer kept: the engine asks the same words again and again (every
    capitalised word of an article, whether it is a role), and a German role pattern tries each compound's every
    split."""

    __slots__ = ("_seen", "pattern")

    #: answers kept before the memory starts again (a long run meets new words for ever)
    LIMIT = 100_000

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._seen: dict[str, bool] = {}

    def match(self, word: str) -> bool:
        """Whether ``word`` matches the pattern from its start."""
        known = self._seen.get(word)
        if known is None:
            if len(self._seen) >= self.LIMIT:
                self._seen.clear()
            known = self._seen[word] = self.pattern.match(word) is not None
        return known


@dataclass(frozen=True, slots=True)
class Grammar:
    """One language's words and the patterns the engine runs, compiled once per process."""

    code: str
    #: every form of a verb of saying, lower-case ("сказал", "сказала", "a déclaré", "a-t-il ajouté")
    cues: frozenset[str]
    #: the alternation of those forms, longest first, for patterns
    cue: str
    #: of those forms, the ones of more than one word ("a déclaré", "hieß es"), which a sentence's words cannot show
    multiword_cues: tuple[str, ...]
    #: the particles of separable verbs, which close the clause ("teilte … mit"): a speaker phrase ends before them
    separable: frozenset[str]
    #: the words that open reported content after a verb: "что", "dass", "que"
    complementizers: tuple[str, ...]
    #: verbs of saying as adverbial participles, whose speaker is the clause's subject: "…, пояснив, что …"
    gerunds: tuple[str, ...]
    #: "по словам X, …", "laut X …", "selon X, …": the speaker follows these
    according_before: tuple[str, ...]
    #: words that, before any form of a verb of saying, open an "as X said" clause that the speaker then follows ("Как
    #: отмечает директор центра X, …"): each form of every verb, not only those ``according_before`` lists
    according_as_cue: tuple[str, ...]
    #: the same with a possessive pronoun inside, where ``{}`` stands ("по {} словам"), and those pronouns
    according_possessive: tuple[str, ...]
    possessive_words: tuple[str, ...]
    #: the words of an "according to" that give the clause's own subject as the speaker ("nach eigenen Angaben":
    #: by its own account)
    reflexive_words: tuple[str, ...]
    #: whether a name's genitive stands where those pronouns do ("nach Hännis Ansicht", "aus Moskaus Sicht")
    possessive_names: bool
    #: "wie X sagte, …": the speaker follows these, then a verb of saying
    as_said: tuple[str, ...]
    #: "X zufolge": the speaker stands before these
    according_after: tuple[str, ...]
    #: whether a verb of saying and its speaker may stand between commas inside a sentence, attributing it ("Такой
    #: переход, считает вице-губернатор, повысит …")
    cue_between: bool
    #: words that open a sentence saying only who said the one before it, a verb of saying and its speaker after
    #: them ("об этом" of "Об этом заявил X.", "das" of "Das sagte X.")
    about_this: tuple[str, ...]
    #: words that attribute only between commas inside a sentence: "…, so Lange, …" (never "So wie …")
    according_between: tuple[str, ...]
    #: words that attribute only opening a sentence, the speaker and a comma after them: "Pour lui, …" (elsewhere
    #: "pour" is "in order to")
    according_opening: tuple[str, ...]
    #: the grammatical case a name is in after ``according_before`` (for packs that bring names to a base form)
    according_case: str
    #: personal pronouns that stand for someone named before ("он", "er", "il")
    pronouns: frozenset[str]
    #: pronouns that stand for a body, never for a person ("it" of "it said"): the body the sentence before opens on
    body_pronouns: frozenset[str]
    #: of those, the ones that stand for a group, never for one named person ("они", "ils")
    plural_pronouns: frozenset[str]
    #: words that may open a speaker phrase without belonging to it ("также", "außerdem", "cependant")
    leading: frozenset[str]
    #: articles: the words after which lower-case words before a role qualify it ("der ehemalige russische
    #: Diplomat Boris Bondarew" opens its sentence on him)
    articles: frozenset[str]
    #: whether a post that speaks, naming no one met before, describes the last speaker named bare, when it is in a
    #: later paragraph and no one else was named since ("…, said Charles Kennedy.¶In his New Year message the Liberal
    #: Democrat leader said …": Kennedy is the Liberal Democrat leader), as English news calls someone again
    post_describes_last: bool
    #: the words a post ends on that only a person holds ("secretary", "chancellor"): a post so written that speaks, in
    #: the paragraph right before one that opens on a name met there first, is that person's ("…, the Trade and
    #: Industry Secretary has said.¶Patricia Hewitt said …"), as news names someone its first paragraph called by
    #: their post (none: the post names no one next)
    person_heads: frozenset[str]
    #: whether a speaker named by one word no one in the article is named with, nothing said of it, is a body
    #: ("Southcorp said"), as where news names a person in full before it calls them by their surname (English; not
    #: Russian, which writes "заявил Песков" of someone it never named in full)
    one_word_bodies: bool
    #: the definite articles: a post opening on one calls someone met before ("the prime minister"), one with another
    #: someone new ("a Labour MP")
    definite: frozenset[str]
    #: whether a speaker named by no name keeps the article it was written with ("the statistics office", "a
    #: spokeswoman"), as English prints one
    article_kept: bool
    #: elided articles written onto the next word ("l’"): taken off a speaker phrase's first word
    elisions: tuple[str, ...]
    #: verbs that make the words after a name a clause of the writer's, not a description ("…, la région aurait …")
    clause_verbs: frozenset[str]
    #: words after which a speaker phrase has ended: to whom or when it was said ("журналистам", "gegenüber", "lors")
    closing: frozenset[str]
    #: endings of adverbs, which may stand between a subject and its verb: a word in lower case on one, after a
    #: speaker's words, ends them ("Mr Brown vigorously denied …"), unless it is one of ``adverb_nouns``
    adverb_endings: tuple[str, ...]
    #: nouns on an adverb's ending that end a speaker phrase as its head ("the Smith family said")
    adverb_nouns: frozenset[str]
    #: what a body publishes ("Bericht", "доклад", "rapport"): one that speaks is its author's ("Bericht der BBC")
    report_nouns: frozenset[str]
    #: relative pronouns: a speaker phrase that opens on one is a relative clause, whose subject stands before it
    relatives: frozenset[str]
    #: articles that are also relative pronouns ("die"): one before a word that cannot stand second in a main clause
    #: (an article, a preposition, a pronoun, an adverb) opens a relative clause ("…, die am Tank untergebracht sind")
    relative_articles: frozenset[str]
    #: conjunctions that open a subordinate clause ("da", "weil", "so dass"): an "according to" inside one gives
    #: that clause only ("…, da nach Angaben der Fluggesellschaft die Genehmigung zu spät beantragt worden war")
    subordinators: frozenset[str]
    #: conjunctions after which the words before a verb of saying are a subordinate clause's, its subject the speaker
    #: ("The dollar's slide has halted after US Treasury Secretary John Snow said …"); none where a subordinate
    #: clause puts its verb last (German)
    clause_openers: frozenset[str]
    #: words that, after a comma following a report's last quotation, open the writer's own words ("but", "which",
    #: "while"): the report ends there (with a participle, a dash or a semicolon); none: a report runs to its
    #: sentence's end
    content_enders: frozenset[str]
    #: the auxiliaries of the passive: a verb of saying right after one has no subject before it ("The EU's move was
    #: welcomed by Beijing, which described …", "The scheme has been branded a “disgraceful waste” by MPs")
    passive: frozenset[str]
    #: words that open a clause of the writer's after a verb of saying and a comma, never its report ("aber",
    #: "nachdem": "Die Regierung begrüßte die Ankündigung, aber die Opposition …")
    not_reports: frozenset[str]
    #: prepositions: a word in lower case that is one is no verb ("Kritik an Bundesregierung:" has none)
    prepositions: frozenset[str]
    #: words that join two verbs of one subject ("и", "und", "et")
    conjunctions: tuple[str, ...]
    #: the words that open an "as X said" clause ("как", "wie", "comme"), found between commas inside a sentence
    as_words: tuple[str, ...]
    #: a word that calls someone named before by their age ("34-Jährige"): resolved as a pronoun is
    age_noun: re.Pattern[str]
    #: articles of the case of whom one speaks to ("dem", "der"): one before an outlet, after someone named or
    #: described, opens whom they told ("sagte Anna Huber dem STANDARD"), no part of the speaker
    addressed: frozenset[str]
    #: of those, the ones that are only ever whom one speaks to, never whose ("dem"): after a surname too
    addressed_only: frozenset[str]
    #: lower-case words that may stand inside a name ("фон", "von", "de")
    particles: frozenset[str]
    #: words that say, right after a name, where the person works ("из Института …", "vom Ifo", "bei der Bank")
    affiliation: frozenset[str]
    #: verbs that say, right after a name that opens a sentence, what the person is: each with the role its
    #: subject holds ("leitet" → "Leiter": "Steffen Kauert leitet die Außenstelle …"), or "" when the role follows
    #: ("ist": "Anna Roth ist Sprecherin der Polizei")
    predicates: Mapping[str, str]
    #: capitalised words that are no part of a person's name ("МИД", "Bundes", "France")
    not_name: frozenset[str]
    #: the endings of common nouns that no given name has ("Souveränität", "Festnahme"): a capitalised word on one
    #: opens no person's name, where every noun has a capital
    noun_endings: tuple[str, ...]
    #: the endings of a middle name that makes a name three words long ("Владимирович")
    patronymic_endings: tuple[str, ...]
    #: roles that make the name after them a possessor, not the speaker ("пресс-служба Кадырова")
    of_someone: frozenset[str]
    #: verbs of writing, whose subject named by one word and nothing else is a publication ("пишет Khorasan")
    publishing: frozenset[str]
    #: the words of the first person ("ich", "wir", "unser"): a sentence with one, outside quotation marks, right
    #: after someone's words, is theirs — news printed without its marks ("…, sagte er: Wir sind traurig. Ich …")
    first_person: frozenset[str]
    #: of those, the subject pronouns ("ich", "wir"): one before a sentence's first comma makes it a speaker's own
    first_person_subjects: frozenset[str]
    #: reflexive pronouns, which may stand between a verb and the subject after it ("sprach sich Hannes Gnauck aus")
    reflexives: frozenset[str]
    #: verb forms and particles of reported speech that carry on a report without a verb of saying (German
    #: Konjunktiv I: "sei"; Russian "мол")
    reported_mood: frozenset[str]
    #: modal verbs of hearsay: with a perfect infinitive at the sentence's end they report what others say ("Rund 800
    #: Menschen sollen verletzt worden sein", "Er soll das Geld genommen haben")
    hearsay_modals: frozenset[str]
    #: the perfect infinitive's auxiliaries that close such a sentence ("sein", "haben")
    hearsay_auxiliaries: frozenset[str]
    #: report nouns that end a compound naming its source ("Polizeiangaben": the police's)
    according_compounds: tuple[str, ...]
    #: nouns of a report or a view that, after a word of ``according_noun_before`` and up to two words in lower case,
    #: make an "according to" whose source follows ("nach ersten Ermittlungen der Polizei", "nach Meinung der …")
    according_view_nouns: tuple[str, ...]
    #: the words before such a noun or such a compound that make an "according to" ("nach"; "laut" is one of
    #: ``according_before``)
    according_noun_before: tuple[str, ...]
    #: the endings of an adjective's inflected forms ("israelischen", "britischer"): a word in lower case on one opens
    #: a noun phrase, not a clause
    adjective_endings: tuple[str, ...]
    #: the endings of a compound's first part that take a linking letter, and the letter ("Regierungs-": "ungs", "s")
    linking_endings: tuple[str, ...]
    linking_letter: str
    #: words that open a sentence which goes on with the report before it, whatever its mood ("Demnach steht …")
    carrying_on: frozenset[str]
    #: the ending of any other verb's form in that mood ("erfolge", "gefährde"): a lower-case word on it right after
    #: a subject (a capitalised word that is no article or preposition, or a pronoun), unless a word below; a pack
    #: with one also reads a comma after a verb of saying as opening a report ("X gab an, die Soldaten seien …")
    mood_ending: str
    #: endings of words on that ending that are another tense ("sagte")
    not_mood_endings: tuple[str, ...]
    #: lower-case words on that ending that are no verb ("diese", "gerne", "nahe")
    not_mood: frozenset[str]
    #: words after which a word on that ending is an adjective ("die neue Regel", "für große Firmen")
    mood_not_after: frozenset[str]
    #: whether a paragraph that opens with a dash is direct speech ("— Это невозможно, — сказал Чуркин.")
    dialogue_dash: bool
    #: whether reported content may follow a verb of saying with no word opening it, as in English ("Pavel Drozd said
    #: the deal was fair"): such content must hold a verb of its own (``finite``)
    bare_content: bool
    #: whether the speaker may follow the verb before what they said ("Am Montag sagte X, dass …", "заявил министр,
    #: что …"); English does so only after a quotation or the content ("…, said X")
    inverted_reports: bool
    #: whether the speaker may stand before the verb after what they said, as English writes ("…, the statistics
    #: office said."); German and Russian put the verb first there ("…, sagte X"), where a subject before it opens a
    #: clause of the writer's
    subject_first_after: bool
    #: finite verbs ("was", "would", "came"), and ``finite_endings`` (the past's "-ed"): one of them within the first
    #: words makes what follows a verb of saying a clause, reported content, not its object ("announced a plan")
    finite: frozenset[str]
    finite_endings: tuple[str, ...]
    #: the words of a clause of the writer's, which describe no one: ``finite``, ``cues`` and ``complementizers``
    clause_words: frozenset[str]
    #: words right after a verb of saying that make it report nothing ("added to the uncertainty", "called off")
    not_reporting_after: tuple[str, ...]
    #: determiners ("these", "his"): a verb of saying's form right after one is a noun ("These claims could take …")
    determiners: frozenset[str]
    #: forms of the verbs whose object, whom one speaks to, stands between them and what is said ("told MPs the …"),
    #: and the words such an object may be, besides a run of capitalised words: "reporters", "him"; and the nouns
    #: that may end such a run ("the BBC News website")
    addressing: frozenset[str]
    addressees: tuple[str, ...]
    addressee_nouns: tuple[str, ...]
    #: whether a quotation right after its attribution's sentence, in the same paragraph, is the same statement's
    #: second part ('“We will not be blackmailed,” Pavel Drozd said. “The quotas stay.”'), as English news prints
    #: one statement around its attribution
    joins_after_sentence: bool
    #: whether a quotation's own comma, inside its closing mark, parts it from a speaker and a verb after it, as
    #: English writes ('"It works," Mr Letwin said.'), where other languages put a comma or a dash after the mark
    comma_inside: bool
    #: the lexicons that type a speaker, compiled
    types: Mapping[str, re.Pattern[str]]
    #: words that are roles, not names: any lexicon stem or word may begin (or, with ``compounds``, end) them
    role: WordTest
    #: roles that say someone speaks for or leads a body and nothing of what the body is ("представитель",
    #: "Sprecher", "directeur"): such a speaker is typed by the body alone
    representative: re.Pattern[str]
    #: the type of a representative whose body no lexicon knows, by the representative's word ("глав" → official)
    representative_types: Mapping[str, SpeakerType]
    #: the same for a representative who names no body at all, by their word ("eine Sprecherin": a company's or an
    #: organisation's, where "Sprecher der Familie" is nobody's in particular)
    representative_alone: Mapping[str, SpeakerType]
    #: the words of those who only voice their body ("spokesman"): one a party's, named by no name, is the party
    #: speaking, an organisation ("a Tory spokesman"; named, a politician: "Tory spokesman Mark Oaten")
    spokespeople: frozenset[str]
    #: a state's titles a company's officers share, as written capitalised alone before a name (after "former" or a
    #: country at most): the state's office, an official's ("Vice President Joe Biden")
    state_titles: frozenset[str]
    #: parties by their names ("SPD", "die Grünen", "КПРФ"): one speaking as a body is an organisation, its
    #: politicians officials (the official lexicon knows the same names in a description); ``None``: no such list
    parties: re.Pattern[str] | None
    #: houses whose people, quoted for no post of their own, give a view as analysts do: banks, brokers, fund managers,
    #: ratings agencies, accountancies ("Simon Wheatley from Goldman Sachs", "Carsten Brzeski von der Direktbank
    #: ING"); their officers and spokespeople speak for the house (None: the pack names none)
    houses: re.Pattern[str] | None
    #: with ``[speakers] typed_by_field``, the lexicons an article's field is read with (the official one, and the
    #: organisations' and the houses': :class:`~briefing.quotes.field.Field`), whose lean types someone quoted and
    #: described nowhere (official in a report about government, organisation in one about companies); None where
    #: the annotated news of a language quotes many people in their own right undescribed (Russian, German)
    field: Field | None
    #: words that make a post a past one ("ehemaliger", "бывший", "ancien", "Ex-"): its holder speaks for no body
    former: re.Pattern[str]
    #: whether the language capitalises every noun (German): a capital then says nothing of a name, and a noun
    #: phrase ends at the first word in lower case after a capitalised one
    capitalised_nouns: bool
    #: the pack's function that brings a name to its base form, given the case it was met in, if it has one
    base_name: Callable[[str, str | None], str] | None
    #: the pack's function that tells a capitalised word is a plural common noun, a group ("Арабы" opening a
    #: sentence), not a name, if it has one
    names_a_group: Callable[[str], bool] | None
    #: the pack's function that tells a capitalised word is no part of any person's name ("Поэтому", "Выход"
    #: opening a sentence), if it has one
    names_no_one: Callable[[str], bool] | None
    #: the pack's function that writes a role in the nominative, whatever case the sentence put it in ("по словам
    #: главного экономиста банка" → "главный экономист банка"), if it has one
    base_role: Callable[[str], str] | None
    #: the pack's function that writes the phrase of a speaker named by no name (a body, a role) in the nominative
    #: ("des Gerichts" → "Gericht"), if it has one
    base_phrase: Callable[[str], str] | None
    #: the pack's function that tells how many words opening a run of capitalised words name someone else, in an
    #: oblique case, before a person's own name ("пресс-секретарь Путина Дмитрий Песков"), if it has one
    someone_elses: Callable[[Sequence[str]], int] | None
    #: the Unicode script people's names are written in ("CYRILLIC"), when the language writes every person's name
    #: in it, a foreign one transliterated; "" when it does not say
    script: str
    #: the type of a speaker named in another script alone, with nothing describing it (a title, a brand)
    foreign_script_type: SpeakerType | None
    #: the pack's function that tells a capitalised word before a name is a place's or a body's in an oblique case,
    #: what the role before it is of ("премьер-министр Турции Реджеп Тайип Эрдоган"), if it has one
    names_a_place: Callable[[str], bool] | None
    #: titles that say nothing of a post ("Mr", "Mrs", "Dr"): before a name they are no part of its holder's role
    courtesy: frozenset[str]
    #: honours that stand before a given name and are part of how a person is named ("Sir John Bourn", later "Sir
    #: John"), in lower case
    honours: frozenset[str]
    #: the endings of participles ("-ing"): a phrase opening on one ("Speaking at the Commonwealth Club, Mr Kennedy
    #: said") is the writer's adverbial, no description of the person after it
    participle_endings: tuple[str, ...]
    #: titles before a surname that type a person named by them alone ("Lord Woolf", a peer: an official), in lower
    #: case
    title_types: Mapping[str, SpeakerType]
    #: title abbreviations whose period ends no sentence ("Dr", "M", "Mme"): a speaker phrase goes on past them
    abbreviations: frozenset[str]
    #: capitals no time zone is named after, by the language's names ("Pékin", "Washington"): with CLDR's countries
    #: and cities (:mod:`briefing.quotes.places`), a place that speaks is its government
    capitals: frozenset[str]
    #: the adjectives of countries ("Palestinian", "French"): a representative of one alone is its government's, an
    #: official ("the Palestinian leader", "a French spokesman"), as a country that speaks is
    demonyms: frozenset[str]
    #: the pack's function that tells a name's gender ("masc", "femn", "" when the name does not say), if it has one
    gender: Callable[[str], str] | None
    #: the endings of a role's feminine form ("-in" of "Ministerin"), in a language whose roles have one: a role
    #: then tells its holder's gender, one with a ``common_role_endings`` ending ("Abgeordnete") excepted
    feminine_role_endings: tuple[str, ...]
    common_role_endings: tuple[str, ...]
    #: the gender a pronoun stands for ("она" → "femn"); a pronoun not listed stands for anyone
    pronoun_genders: Mapping[str, str]


def _entries(table: Mapping[str, Any], key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A lexicon's stems and words, as an article's field reads them (:class:`~briefing.quotes.field.Field`)."""
    entry = table.get(key, {})
    return tuple(entry.get("stems", ())), tuple(entry.get("words", ()))


def _lexicon(table: Mapping[str, Any], key: str, *, compounds: bool) -> Lexicon:
    entry = table.get(key, {})
    # the longest stems first, so that a match is the longest entry that fits where it starts ("pressesprecher"
    # before "presse"): the engine weighs lexicons by how much of a role they match
    stems = tuple(sorted(entry.get("stems", ()), key=len, reverse=True))
    not_continued = {str(k): tuple(v) for k, v in entry.get("not_continued", {}).items()}
    return Lexicon(
        stems=stems,
        words=tuple(entry.get("words", ())),
        compounds=compounds,
        not_continued=not_continued,
        not_after={str(k): tuple(v) for k, v in entry.get("not_after", {}).items()},
        with_s=bool(entry.get("with_s", False)),
        last=tuple(entry.get("last", ())),
    )


def _resolve(code: str, value: Any, files: dict[str, Mapping[str, Any]]) -> Any:
    """``value`` with every reference to another of the pack's files replaced by what it names: a table written
    ``{ from = "words.toml:lexicons.analyst" }`` is the table or list at that dotted path of that file (``from`` a
    list of paths: their lists or tables joined; ``with``: a list or table of the grammar's own joined to them;
    ``without``: words taken out of them), so a pack keeps each list once (English keeps its words in
    ``words.toml`` for its own rules and the engine alike).

    Raises:
        ConfigError: the reference names a file or a path the pack does not have (a broken installation).
    """
    if isinstance(value, list):
        return [_resolve(code, v, files) for v in value]
    if not isinstance(value, dict):
        return value
    if "from" in value and set(value) <= {"from", "with", "without"}:
        sources = value["from"] if isinstance(value["from"], list) else [value["from"]]
        own = [value["with"]] if "with" in value else []
        merged = _merged([_referred(code, str(source), files) for source in sources] + own)
        return _without(merged, frozenset(value.get("without", ())))
    return {k: _resolve(code, v, files) for k, v in value.items()}


def _without(value: Any, left_out: frozenset[str]) -> Any:
    """``value`` with the words ``left_out`` taken out of its lists (and of its tables' lists)."""
    if not left_out:
        return value
    if isinstance(value, list):
        return [w for w in value if w not in left_out]
    if isinstance(value, dict):
        return {k: _without(v, left_out) if isinstance(v, list) else v for k, v in value.items()}
    return value


def _referred(code: str, reference: str, files: dict[str, Mapping[str, Any]]) -> Any:
    """What ``reference`` ("words.toml:lexicons.analyst") names in another of the pack's files."""
    name, _, path = reference.partition(":")
    if name not in files:
        found = pack_data(code, name)
        if found is None:
            raise ConfigError(f"the language pack {code!r} refers to {name}, which it does not have")
        files[name] = found
    target: Any = files[name]
    for key in path.split(".") if path else ():
        if not isinstance(target, dict) or key not in target:
            raise ConfigError(f"the language pack {code!r} refers to {reference}, which {name} does not hold")
        target = target[key]
    return target


def _merged(parts: list[Any]) -> Any:
    """Several referred lists as one, or several tables as one, their lists joined key by key ("from" a list of
    references: the organisation lexicon and the executives' words, which type a speaker alike)."""
    if len(parts) == 1:
        return parts[0]
    if all(isinstance(p, list) for p in parts):
        return [w for p in parts for w in p]
    if not all(isinstance(p, dict) for p in parts):
        raise ConfigError("a language pack joins a list and a table in one reference")
    out: dict[str, Any] = {}
    for part in parts:
        for key, item in part.items():
            if isinstance(item, list) and isinstance(out.get(key), list):
                out[key] = [*out[key], *item]
            elif isinstance(item, dict) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **item}
            else:
                out.setdefault(key, item)
    return out


def _forms(table: Mapping[str, Any]) -> set[str]:
    """A verb table's forms: the ``forms`` as given, each of the ``stems`` with each of the ``endings``, and the forms
    the pack's ``inflect`` function gives of each of the ``lemmas`` (a dictionary's, where the pack has one), but the
    ``not_forms``.

    Raises:
        ConfigError: the table names lemmas and no function to inflect them (a broken installation).
    """
    forms = {f.lower() for f in table.get("forms", ())}
    for group in table.get("inflected", ()):
        forms |= {f"{stem}{ending}".lower() for stem in group["stems"] for ending in group["endings"]}
    lemmas = table.get("lemmas", ())
    if lemmas:
        inflect = _function(table.get("inflect"))
        if inflect is None:
            raise ConfigError("a language pack names verbs by their lemmas and no function to inflect them")
        for lemma in lemmas:
            forms |= {str(f).lower() for f in inflect(lemma)}
    # (forms more often something else: English "states", "comments" are more often plural nouns)
    return forms - {f.lower() for f in table.get("not_forms", ())}


def _types_by_word(table: Mapping[str, Any]) -> dict[str, SpeakerType]:
    """A table of words and the speaker types they give, the types a pack may not name left out."""
    return {str(stem): kind for stem, name in table.items() if (kind := _speaker_type(name)) is not None}


def _speaker_type(value: object) -> SpeakerType | None:
    """A speaker type a pack names, or ``None`` when it names none.

    Raises:
        ConfigError: the pack names no type there is (a broken installation).
    """
    if not value:
        return None
    if value not in _TYPES:
        raise ConfigError(f"a language pack names the speaker type {value!r}, which is none of {', '.join(_TYPES)}")
    return cast(SpeakerType, value)


def _function(spec: object) -> Any:
    """The function a pack names as "module:function", or ``None`` when it names none."""
    if not spec:
        return None
    module, _, function = str(spec).partition(":")
    return getattr(importlib.import_module(module), function)


def _build(code: str, data: Mapping[str, Any]) -> Grammar:
    verbs = data.get("cues", {})
    forms = _forms(verbs)
    pairs = [(str(form).lower(), str(particle).lower()) for form, particle in verbs.get("separable", ())]
    forms |= {form for form, _ in pairs}
    # in a subordinate clause the particle joins its verb again: "wie das Ministerium mitteilte", "als sie angab"
    forms |= {particle + form for form, particle in pairs}
    separable = frozenset(particle for _, particle in pairs)
    lexicons = data.get("types", {})
    compounds = bool(data.get("roles", {}).get("compounds", False))
    types = {kind: _lexicon(lexicons, kind, compounds=compounds).pattern() for kind in _TYPES}
    role_words = [s for kind in _TYPES for s in lexicons.get(kind, {}).get("stems", ())]
    # (a lexicon's whole words name bodies, "SPD", "EZB": they type a description but are no one's role)
    roles = data.get("roles", {})
    role_words += list(roles.get("stems", ())) + list(roles.get("representative", ()))
    # a representative's word also ends a compound whatever its length ("Kremlchef", "Vertriebsleiter")
    stems = "|".join(re.escape(w) for w in sorted(roles.get("representative", ()), key=len, reverse=True))
    representative = re.compile(
        (rf"\b(?:{stems})" + (rf"|\B(?:{stems})" if compounds else "")) if stems else "(?!)", re.IGNORECASE
    )
    before = "|".join(re.escape(w) for w in roles.get("former", ()))
    former = re.compile(rf"(?:^|(?<=[\s(]))(?:{before})" if before else "(?!)", re.IGNORECASE)
    branches = [rf"^(?:{'|'.join(re.escape(w) for w in role_words) or '(?!)'})"]
    if compounds:  # a role ends a compound ("Innenminister", "HTS-Chef"): stems long enough not to be found anywhere
        inner = [re.escape(w) for w in role_words if len(w) >= _ROLE_IN_COMPOUND]
        branches.append(rf"^[\w-]+(?:{'|'.join(inner) or '(?!)'})")
    elif roles.get("hyphenated", False):  # a role after a hyphen heads its word ("Under-Secretary", "co-founder")
        branches.append(rf"^\w+-(?:{'|'.join(re.escape(w) for w in role_words) or '(?!)'})")
    role = WordTest(re.compile("|".join(branches), re.IGNORECASE))
    names = data.get("names", {})
    genders = {w.lower(): "masc" for w in data.get("speakers", {}).get("masculine", ())}
    genders |= {w.lower(): "femn" for w in data.get("speakers", {}).get("feminine", ())}
    according = data.get("according", {})
    speakers = data.get("speakers", {})
    return Grammar(
        code=code,
        cues=frozenset(forms),
        cue=alternation(forms, any_space=True) or "(?!)",
        multiword_cues=tuple(sorted(f for f in forms if " " in f)),
        separable=separable,
        complementizers=tuple(verbs.get("complementizers", ())),
        gerunds=tuple(verbs.get("gerunds", ())),
        according_before=tuple(according.get("before", ())),
        according_as_cue=tuple(according.get("as_cue", ())),
        according_after=tuple(according.get("after", ())),
        according_between=tuple(according.get("between", ())),
        about_this=tuple(according.get("about_this", ())),
        cue_between=bool(according.get("cue_between", False)),
        according_opening=tuple(according.get("opening", ())),
        as_said=tuple(according.get("as_said", ())),
        according_possessive=tuple(according.get("possessive", ())),
        possessive_words=tuple(according.get("possessive_words", ())),
        reflexive_words=tuple(according.get("reflexive_words", ())),
        possessive_names=bool(according.get("possessive_names", False)),
        according_case=str(according.get("case", "")),
        pronouns=frozenset(w.lower() for w in speakers.get("pronouns", ())),
        plural_pronouns=frozenset(w.lower() for w in speakers.get("plural_pronouns", ())),
        body_pronouns=frozenset(w.lower() for w in speakers.get("body_pronouns", ())),
        leading=frozenset(w.lower() for w in speakers.get("leading", ())),
        articles=frozenset(w.lower() for w in speakers.get("articles", ())),
        elisions=tuple(speakers.get("elisions", ())),
        article_kept=bool(speakers.get("article_kept", False)),
        post_describes_last=bool(speakers.get("post_describes_last", False)),
        person_heads=frozenset(w.lower() for w in speakers.get("person_heads", ())),
        definite=frozenset(w.lower() for w in speakers.get("definite", ())),
        one_word_bodies=bool(names.get("one_word_bodies", False)),
        clause_verbs=frozenset(w.lower() for w in speakers.get("clause_verbs", ())),
        closing=frozenset(w.lower() for w in speakers.get("closing", ())),
        adverb_endings=tuple(speakers.get("adverb_endings", ())),
        adverb_nouns=frozenset(w.lower() for w in speakers.get("adverb_nouns", ())),
        addressed=frozenset(w.lower() for w in speakers.get("addressed", ())),
        addressed_only=frozenset(w.lower() for w in speakers.get("addressed_only", ())),
        relatives=frozenset(w.lower() for w in speakers.get("relatives", ())),
        relative_articles=frozenset(w.lower() for w in speakers.get("relative_articles", ())),
        subordinators=frozenset(w.lower() for w in speakers.get("subordinators", ())),
        clause_openers=frozenset(w.lower() for w in speakers.get("clause_openers", ())),
        content_enders=frozenset(w.lower() for w in speakers.get("content_enders", ())),
        passive=frozenset(w.lower() for w in speakers.get("passive", ())),
        not_reports=frozenset(w.lower() for w in verbs.get("not_reports", ())),
        prepositions=frozenset(w.lower() for w in speakers.get("prepositions", ())),
        conjunctions=tuple(speakers.get("conjunctions", ())),
        as_words=tuple(according.get("as_words", ())),
        report_nouns=frozenset(w.lower() for w in speakers.get("report_nouns", ())),
        age_noun=re.compile(str(speakers.get("age_noun", "")) or "(?!)"),
        particles=frozenset(names.get("particles", ())),
        affiliation=frozenset(w.lower() for w in speakers.get("affiliation", ())),
        predicates={str(k).lower(): str(v) for k, v in dict(speakers.get("predicates", {})).items()},
        not_name=frozenset(w.lower() for w in names.get("not_name", ())),
        noun_endings=tuple(names.get("noun_endings", ())),
        patronymic_endings=tuple(names.get("patronymic_endings", ())),
        of_someone=frozenset(w.lower() for w in speakers.get("of_someone", ())),
        reported_mood=frozenset(w.lower() for w in verbs.get("reported_mood", ())),
        first_person=frozenset(w.lower() for w in speakers.get("first_person", ())),
        first_person_subjects=frozenset(w.lower() for w in speakers.get("first_person_subjects", ())),
        reflexives=frozenset(w.lower() for w in speakers.get("reflexives", ())),
        hearsay_modals=frozenset(w.lower() for w in verbs.get("hearsay_modals", ())),
        hearsay_auxiliaries=frozenset(w.lower() for w in verbs.get("hearsay_auxiliaries", ())),
        carrying_on=frozenset(w.lower() for w in according.get("carrying_on", ())),
        according_compounds=tuple(w.lower() for w in according.get("compounds", ())),
        according_view_nouns=tuple(w.lower() for w in according.get("view_nouns", ())),
        according_noun_before=tuple(w.lower() for w in according.get("noun_before", ())),
        adjective_endings=tuple(speakers.get("adjective_endings", ())),
        linking_endings=tuple(w.lower() for w in according.get("linking_endings", ())),
        linking_letter=str(according.get("linking_letter", "")),
        mood_ending=str(verbs.get("mood_ending", "")),
        not_mood_endings=tuple(verbs.get("not_mood_endings", ())),
        not_mood=frozenset(w.lower() for w in verbs.get("not_mood", ())),
        mood_not_after=frozenset(w.lower() for w in verbs.get("mood_not_after", ())),
        publishing=frozenset(w.lower() for w in verbs.get("publishing", ())),
        dialogue_dash=bool(data.get("marks", {}).get("dialogue_dash", False)),
        comma_inside=bool(data.get("marks", {}).get("comma_inside", False)),
        joins_after_sentence=bool(data.get("marks", {}).get("joins_after_sentence", False)),
        bare_content=bool(verbs.get("bare_content", False)),
        subject_first_after=bool(verbs.get("subject_first_after", False)),
        inverted_reports=bool(verbs.get("inverted_reports", True)),
        finite=frozenset(w.lower() for w in verbs.get("finite", ())),
        clause_words=frozenset(
            {w.lower() for w in verbs.get("finite", ())} | forms | {w.lower() for w in verbs.get("complementizers", ())}
        ),
        finite_endings=tuple(verbs.get("finite_endings", ())),
        not_reporting_after=tuple(verbs.get("not_reporting_after", ())),
        addressing=frozenset(w.lower() for w in verbs.get("addressing", ())),
        determiners=frozenset(w.lower() for w in speakers.get("determiners", ())),
        addressees=tuple(speakers.get("addressees", ())),
        addressee_nouns=tuple(speakers.get("addressee_nouns", ())),
        types=types,
        role=role,
        representative=representative,
        representative_types=_types_by_word(roles.get("representative_types", {})),
        representative_alone=_types_by_word(roles.get("representative_alone", {})),
        spokespeople=frozenset(w.lower() for w in roles.get("spokespeople", ())),
        state_titles=frozenset(roles.get("state_titles", ())),
        former=former,
        parties=_lexicon(data, "parties", compounds=False).pattern() if "parties" in data else None,
        houses=_lexicon(data, "houses", compounds=compounds).pattern() if "houses" in data else None,
        field=(
            Field(
                [_entries(lexicons, "official")],
                [_entries(table, key) for table, key in ((lexicons, "organization"), (data, "houses")) if key in table],
            )
            if speakers.get("typed_by_field", False)
            else None
        ),
        capitalised_nouns=bool(names.get("capitalised_nouns", False)),
        base_name=_function(names.get("base_form")),
        gender=_function(names.get("gender")),
        names_a_place=_function(names.get("place")),
        capitals=frozenset(names.get("capitals", ())),
        demonyms=frozenset(w.lower() for w in names.get("demonyms", ())),
        abbreviations=frozenset(names.get("abbreviations", ())),
        courtesy=frozenset(w.lower() for w in names.get("courtesy", ())),
        honours=frozenset(w.lower() for w in names.get("honours", ())),
        participle_endings=tuple(names.get("participle_endings", ())),
        title_types={
            str(title).lower(): kind
            for title, name in names.get("title_types", {}).items()
            if (kind := _speaker_type(name)) is not None
        },
        names_a_group=_function(names.get("group")),
        names_no_one=_function(names.get("no_one")),
        someone_elses=_function(names.get("someone_elses")),
        base_role=_function(names.get("base_role")),
        base_phrase=_function(names.get("base_phrase")),
        script=str(names.get("script", "")).upper(),
        foreign_script_type=_speaker_type(names.get("foreign_script_type")),
        pronoun_genders=genders,
        feminine_role_endings=tuple(speakers.get("feminine_role_endings", ())),
        common_role_endings=tuple(speakers.get("common_role_endings", ())),
    )


@functools.cache
def load_grammar(code: str) -> Grammar:
    """The grammar of the pack ``code`` (its ``grammar.toml``), read and compiled once.

    Raises:
        ConfigError: the pack has no grammar (it does not run on the engine).
    """
    data = pack_data(code, "grammar.toml")
    if data is None:
        raise ConfigError(f"the language pack {code!r} has no grammar for the quote engine", field="language")
    return _build(code, _resolve(code, data, {}))
