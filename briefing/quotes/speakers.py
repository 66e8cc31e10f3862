"""Speakers: split a speaker phrase into name, role and organisation, resolve later mentions, and type them.

"the Director of the Analytical center of MGIMO Andrew Kazantsev" becomes
``Speaker(name="Andrew Kazantsev", role="Director", organization="Analytical center of MGIMO",
type="analyst")``; a later "Kazantsev", "he" or "the director" resolves back to him.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import replace

from briefing.models import Speaker, SpeakerType
from briefing.quotes.lang import load_pack
from briefing.quotes.places import names_a_place, state_title

__all__ = ["POSSESSIVE", "SpeakerBook", "classify", "is_body", "parse_speaker"]

#: the language whose words are read (the engine is English-shaped for now; a pack will be passed in)
PACK = load_pack("en")

_PERSON_HEADS = frozenset(PACK.person_heads)
_PRONOUNS = PACK.speaker_pronouns  # ("I" and "we" outside a quotation are the writer)
# Words that are capitalised in a speaker phrase without being part of a person's name.
_NOT_NAME = PACK.not_name_words
# honours that stand before a given name: "Sir John Stevens", later "Sir John"
_HONOURS = PACK.honours
_ROLE_ONLY = re.compile(r"^the\s+([a-z][a-z -]+)$")
# Capitalised words that belong to organisations' names ("Vienna School of International Affairs")
_ORG_WORDS = PACK.organisation_words
_PARTICLES = PACK.name_particles
_DEMONYMS = PACK.demonyms
_COURTESY = re.compile(r"(?:" + "|".join(map(re.escape, PACK.courtesy_titles)) + r")\b")
_TITLE_PREFIX = re.compile(r"^(?:" + "|".join(map(re.escape, PACK.title_abbreviations)) + r")\.?\s+")

# what a speaker's description says of their type: the pack's lexicons, as patterns
_ANALYST = PACK.lexicons.analyst.pattern()
_OFFICIAL = PACK.lexicons.official.pattern()
_MEDIA = PACK.lexicons.media.pattern()
_ORGANIZATION = PACK.lexicons.organization.pattern()
_OTHER = PACK.lexicons.other.pattern()
_NON_GOVERNMENT = PACK.lexicons.non_government.pattern()
_EXECUTIVE = PACK.lexicons.executive.pattern()
_PARTIES = PACK.lexicons.parties.pattern()
_FINANCIAL = PACK.lexicons.financial.pattern()
# the words that rank an officer's title ("Ryanair deputy chief executive"), which say nothing of a government
#: the places a pack names beyond CLDR's: capitals no time zone is named after, countries by their names in the news
_PLACES = PACK.capitals | PACK.country_names
_RANKS = re.compile(r"\b(?:deputy|vice|acting|interim|assistant|joint)\b", re.IGNORECASE)


def is_role_or_org_word(word: str) -> bool:
    """Whether a capitalised word is a title, a role or part of an organisation's name, not a person's."""
    return word.strip(",.").lower() in _NOT_NAME or word.strip(",.").lower() in _ORG_WORDS


#: a country's representative by the country alone: its adjective or its name's possessive, then the post ("the
#: Palestinian leader", "Russia's president", "a French spokesman")
_COUNTRY_S = re.compile(
    r"^(?:(?:the|an?)\s+)?(?P<country>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:['’]s)?\s+(?P<post>[a-z][a-z -]*)$"
)


def _a_state_s_title(role: str) -> bool:
    """Whether ``role`` is one of a state's titles a company's officers share (words.toml's ``state_titles``), as
    written, alone or after "former" or a country ("U.S. Vice President": :func:`.places.state_title`)."""
    return state_title(
        role,
        PACK.state_titles,
        lambda w: w.lower() == "former" or w.lower() in _DEMONYMS or names_a_place(w, "en", _PLACES),
    )


def _a_country_s(described: str) -> bool:
    """Whether ``described`` is a post of a country's alone ("the Palestinian leader", "Russia's president")."""
    m = _COUNTRY_S.match(described.strip())
    if m is None or m.group("post") not in PACK.representative_posts:
        return False
    country = m.group("country")
    return country.lower() in _DEMONYMS or names_a_place(country, "en", _PLACES)


def classify(role: str, organization: str, name: str = "") -> SpeakerType:
    """Type a speaker from their role and organisation: analyst, official, media, organization or other."""
    if not organization and _a_state_s_title(role):
        return "official"  # ("Vice President Joe Biden", "U.S. Vice President": not a company's, which it names)
    described = f"{role} {organization}".strip()
    if _OTHER.search(described) and not _ANALYST.search(described) and not _OFFICIAL.search(described):
        return "other"  # ("a local resident"; not "local government minister")
    if role.strip() and role.rsplit(None, 1)[-1].lower() in PACK.learners:
        return "other"  # (a role that ends on a student's is no analyst's: "Stanford University student")
    body = organization or _body_before_post(role)  # ("NUJ official": an official of the NUJ)
    if body and _SPOKESPERSON_WORD.search(role) and not _OFFICIAL.search(_SPOKESPERSON_WORD.sub(" ", role)):
        # a spokesperson speaks for their body, never with a view of their own: a university's or an institute's
        # is that body's, a ministry's an official's ("RCA spokeswoman", "PCS Union spokesman", "EU spokesman"; a
        # party's "home affairs spokesman" and a "police spokesman" are officials by their own words)
        kind = _body_type(body)
        return "organization" if kind == "analyst" else kind
    if _ANALYST.search(described):
        return "analyst"
    if _MEDIA.search(described) or (not role and _MEDIA.search(name)):  # (or "Pearson's Financial Times")
        return "media"
    house = bool(body) and not _OFFICIAL.search(body) and _FINANCIAL.search(body) is not None
    if house and not _OFFICIAL.search(described) and not (role and _SPEAKS_FOR.search(role)):
        # someone at a bank, a broker or an accountancy, quoted for no post of theirs but their view
        return "analyst"
    officer = _EXECUTIVE.search(role) is not None
    if (
        house
        or (_NON_GOVERNMENT.search(body) and not _OFFICIAL.search(body))
        or (officer and not _OFFICIAL.search(_RANKS.sub(" ", _EXECUTIVE.sub(" ", described))))
    ):
        # a trade union's general secretary; a company's chief executive, named or not ("general manager of
        # Toshiba's European storage device division") — an officer of no government body or party
        return "organization"
    if _officials_of_a_house(described):
        return "organization"
    if _OFFICIAL.search(described):
        return "official"
    if _ORGANIZATION.search(described) or (not described and _ORGANIZATION.search(name)):
        return "organization"
    if not described and _a_party(name):
        return "organization"  # a party speaking as a body ("the Conservatives"); its politicians are officials
    if not described and _OFFICIAL.search(name):
        return "official"  # a body speaking by its name alone: "the National Audit Office", "the Treasury"
    if not described and (_NON_GOVERNMENT.search(name) or _FINANCIAL.search(name)):
        return "organization"  # "Halvard Container Terminals", "Sony Computer Entertainment", "Deutsche Bank"
    if not described and name.split(" ", 1)[0] in PACK.surname_titles:
        return "official"  # a peer, of the House of Lords ("Lord Nicholls", "Baroness Scotland")
    if not described and names_a_place(re.sub(r"^[Tt]he\s+", "", name), "en", _PLACES):
        return "official"  # a country or a capital speaking is its government ("France said", "Washington warned")
    if _a_country_s(described or name):
        return "official"  # one who speaks for a country alone ("the Palestinian leader", "a French spokesman")
    if (
        role
        and role.rsplit(None, 1)[-1].lower() in _PERSON_HEADS
        and not _FORMER.search(role)
        and _an_unknown_body(body)
    ):
        # a post at a body no lexicon knows, held now: a company's, a charity's ("Oxfam senior policy adviser"; a
        # former company chief speaks for no one: "Former WorldCom chief")
        return "organization"
    if (
        not role
        and _an_unknown_body(organization)
        and _INITIALS.fullmatch(organization)
        and not _NUMERAL.fullmatch(organization)
    ):
        return "organization"  # someone of a body by initials no lexicon knows ("Subir Raha of ONGC")
    return "other"


#: a past post: "former", "ex-"
_FORMER = re.compile(r"\b(?:former|ex-)", re.IGNORECASE)
#: a Roman numeral after a name, no body's initials ("Brent Bozell III")
_NUMERAL = re.compile(r"[IVX]+")
#: a body's initials: two to eight capitals and digits ("ONGC", "G7")
_INITIALS = re.compile(r"[A-Z][A-Z0-9&-]{1,7}")


def _an_unknown_body(body: str) -> bool:
    """Whether ``body`` is a body's name (capitalised) that no lexicon types and no place or country names."""
    bare = body.strip()
    if not bare or not bare[:1].isupper() or POSSESSIVE.search(bare) or bare.lower() in _DEMONYMS:
        return False
    if names_a_place(bare, "en", _PLACES):
        return False
    return not any(lexicon.search(bare) for lexicon in (_ANALYST, _OFFICIAL, _MEDIA, _ORGANIZATION, _OTHER, _PARTIES))


def _a_party(phrase: str) -> bool:
    """Whether ``phrase`` is a party's name and nothing else ("the Conservatives", "UKIP", "the Liberal Democrats")."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    m = _PARTIES.match(bare)
    return m is not None and m.end() == len(bare)


#: an unnamed spokesperson of a party ("a Tory spokesman", "a senior party spokeswoman"): the party speaking
_PARTY_SPOKESPERSON = re.compile(
    r"^(?:an?|the)\s+(?:senior\s+|top\s+|chief\s+)?(?P<party>.+?)\s+spokes(?:man|woman|person)$", re.IGNORECASE
)


#: officials called by the common noun of their house: "bank officials", "company officials", "a union official"
_OFFICIALS_OF = re.compile(r"\b(?P<house>[a-z][\w-]*)\s+officials?\b")


def _officials_of_a_house(described: str) -> bool:
    """Whether ``described`` calls someone an official of a company, a bank or another body of no government by its
    common noun ("bank officials", "union officials"; not "government officials" nor "US officials")."""
    m = _OFFICIALS_OF.search(described)
    if m is None:
        return False
    house = m.group("house")
    return not _OFFICIAL.search(house) and any(
        lexicon.search(house) for lexicon in (_NON_GOVERNMENT, _FINANCIAL, _ORGANIZATION)
    )


_SPOKESPERSON_WORD = re.compile(r"\bspokes(?:man|woman|person)\b", re.IGNORECASE)
#: who speaks for a house rather than giving a view of their own: its officers and spokespeople
_SPEAKS_FOR = re.compile(
    _EXECUTIVE.pattern + r"|\b(?:spokes(?:man|woman|person)|official|president|founder|owner)\b|\b(?:chief|boss)$",
    re.IGNORECASE,
)
#: a body named before someone's post: "NUJ official", "EFF lawyer", "Goldman Sachs economist"
_BODY_THEN_POST = re.compile(
    r"^(?P<body>[A-Z][\w&.'’-]*(?:\s+(?:(?:of|and|for|the|&)\s+)*[A-Z][\w&.'’-]*){0,5})\s+(?P<post>[a-z][a-z -]*)$"
)


def _body_before_post(role: str) -> str:
    """The body a role opens on, when a lower-case post follows it ("NUJ official" → "NUJ"), else ""."""
    m = _BODY_THEN_POST.match(role)
    return m.group("body").strip() if m else ""


def _is_name_token(token: str) -> bool:
    bare = token.strip(",.;:")
    if not bare:
        return False
    if bare.lower() in _PARTICLES or bare.lower().startswith("al-"):
        return True
    if len(bare) == 1 and bare.isupper() and token.rstrip(",;:").endswith("."):
        return True  # an initial: Jane F. Roe, Paul D. Ryan
    low = bare.lower()
    # (a title after a hyphen heads its word: "Under-Secretary" is no name's)
    titled = "-" in low and low.rsplit("-", 1)[1] in _NOT_NAME
    return bare[0].isupper() and not bare.isupper() and low not in _NOT_NAME and not titled


_ORG_PREP = PACK.org_prepositions
_RELATIVE = re.compile(r"\b(?:" + "|".join(map(re.escape, PACK.relatives)) + r")$")
#: a possessive word's ending: "Alliance's", "Atticus'"
POSSESSIVE = re.compile(r"['’]s$|s['’]$")


def parse_speaker(phrase: str) -> Speaker:
    """Split a speaker phrase into a :class:`Speaker` with name, role, organisation and type.

    The name is the last run of capitalised name-like words that is not part of an
    organisation's name ("the Vienna School", "of Kresk"); what stands before it is the
    role, and an "of/at …" after it, or an appositive ("Jane Doe, a professor at X"), the
    organisation.
    """
    return _parse_speaker(phrase)


@functools.lru_cache(maxsize=8192)
def _parse_speaker(phrase: str) -> Speaker:
    # a phrase recurs within an article ("the minister", "Ms Okafor") and across a run: parsed once
    phrase = " ".join(phrase.replace("’s ", "'s ").replace("\u2024", ".").translate(_INVISIBLE).split()).strip(
        " ,.;:—–-"
    )
    phrase = re.split(r"\s+(?:who|which|whose)\b(?!.*\b(?:as|named)\s+[A-Z])", phrase)[0]
    phrase = _ADVERB_FIRST.sub("", phrase)
    if _a_party(phrase):
        return _unnamed(phrase)  # (a party by its name, whole: "The Liberal Democrats", not "Liberal" Democrats)
    head, _, appositive = phrase.partition(",")
    role_first = _ROLE_THEN_NAME.match(phrase)
    if role_first and _pick_name_run(head.split()) is None:
        # "A ministry spokesman, Henrik Dahl" · "Its chief executive, Pieter Aalders"
        head, appositive = role_first.group("name"), role_first.group("role")
    tokens = head.split()
    run = _pick_name_run(tokens)
    if run is None or (len(tokens) == 1 and tokens[0].lower() in _NO_ONE):
        return _unnamed(phrase)  # (a sentence's first word, capitalised: "It said …", "That means …")
    start, end = run
    rest = tokens[end:]
    if (
        0 < len(rest) <= 2
        and all(t.islower() for t in rest)
        and ((rest[-1].endswith("s") and rest[0] not in _LINKS) or rest[-1].strip(",.") in _SOMEONE_AT)
    ):
        # a group named after someone ("several Clinton supporters", "Obama aides", "Trump campaign officials"),
        # or someone unnamed at an organisation ("a Sony spokesman", "a Microsoft executive")
        return _unnamed(phrase)
    run_text = " ".join(tokens[start:end])
    title = _TITLE_PREFIX.match(run_text)
    name = run_text[title.end() if title else 0 :].strip(" ,.")
    before = " ".join(tokens[:start])
    after = " ".join(tokens[end:])
    if before.split()[-1:] in (["The"], ["the"]) and _MEDIA.search(phrase):
        name, before = f"The {name}", before.rsplit(None, 1)[0] if " " in before else ""
    before = re.sub(r"^(?:the|a|an)\s+", "", before, flags=re.IGNORECASE).strip(" ,")
    before = re.sub(r"(?:^|\s+)(?:Dr|Mr|Mrs|Ms|Mx)\.?$", "", before)  # ("deputy prime minister Mr Prescott")
    before = re.sub(r"^Prof\.?$", "Professor", before)
    before = re.sub(r"\s+(?:who\s+.*|as)$", "", before).strip()
    before = _role_before_name(before)
    after = re.sub(r"^(?:of|at|from|with)\s+(?:the\s+)?", "", after).strip(" ,") if after[:1].islower() else after
    appositive = re.sub(r"^\d{1,3}(?:,\s*|$)", "", appositive.strip(" ,"))  # an age: "Jane Roe, 41, a nurse"
    appositive = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", appositive, flags=re.IGNORECASE)
    if after and after[:1].isupper():
        role, organization = before, after
    elif appositive and not before:
        # "from the Federation of Small Businesses" is where someone works (but "from Wembley" stays their role)
        where = _FROM_ORGANIZATION.match(appositive) or _at_house(appositive)
        role, organization = ("", where.group(1)) if where is not None else _split_role(appositive)
    else:
        role, organization = _split_role(before)
        if not organization and appositive:
            organization = _split_role(appositive)[1] or appositive
    if not _CLAUSE_VERBS.isdisjoint(role.lower().split()) or role.lower() in _DEMONYMS:
        # a clause of the writer's, not a post: "…, on his first full day in the job after X was sacked,"; nor is a
        # nationality alone ("Australian Lynton Crosby")
        role = ""
    if not role and title and not _COURTESY.match(title.group()):
        role = title.group().strip()  # "Rep. Jim Jordan": the title is all the role there is
    return Speaker(name=name, role=role, organization=organization, type=classify(role, organization, name))


# verbs that make a description a clause: no post holds them
_CLAUSE_VERBS = PACK.clause_verbs


# an appositive that is only where someone works: "from the Federation of Small Businesses"
#: marks no reader sees, which split a name for a pattern: soft hyphens, zero-width spaces, word joiners
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u2060\ufeff")
_FROM_ORGANIZATION = re.compile(
    r"(?:from|of|at)\s+(?:the\s+)?((?=[A-Z])[^,]*?\b(?i:"
    + "|".join(sorted(_ORG_WORDS | {"federation", "association"}))
    + r")\b[^,]*)$"
)
#: the same, a capitalised name after "from", "of" or "at", checked against the houses' lexicon: "from Goldman Sachs"
_FROM_NAME = re.compile(r"(?:from|of|at)\s+(?:the\s+)?((?=[A-Z])[^,]*)$")


def _at_house(appositive: str) -> re.Match[str] | None:
    """``appositive`` as where someone works when it names a bank, a broker or an accountancy ("from Goldman
    Sachs"), which no organisation word of their name says; otherwise ``None``."""
    m = _FROM_NAME.match(appositive)
    return m if m is not None and _FINANCIAL.search(m.group(1)) and not _OFFICIAL.search(m.group(1)) else None


# a sentence adverb before the speaker: "Meanwhile Mark Oaten, …"
_ADVERB_FIRST = re.compile(r"^(?:" + "|".join(map(re.escape, PACK.sentence_adverbs)) + r")\b,?\s+")

# what ends the description standing before a name: a clause of the writer's ("Bolton boss Sam Allardyce has
# signed Roma defender Vincent Candela", "That was a message repeated by Home Secretary Charles Clarke")
_CLAUSE_WORDS = PACK.clause_words
# participles that describe who someone is rather than what they did: "retired engineer", "jailed activist"
_DESCRIBING = PACK.describing_participles
# roles held "to" someone: "representative to the UN", "adviser to the president"
_ROLES_TO = PACK.roles_to
# -ing words that are the verb of a clause rather than part of a role ("marketing director" is a role)
_CLAUSE_PARTICIPLES = PACK.clause_participles


def _role_before_name(before: str) -> str:
    """The description right before a name, the words of a clause in front of it left out."""
    tokens = before.split()
    i = len(tokens)
    while i > 0:
        token = tokens[i - 1]
        word = token.strip(",;:").lower()
        if token.endswith((",", ";", ":")):
            break
        if word == "and" and 2 <= i < len(tokens) and tokens[i - 2][:1].isupper() and tokens[i][:1].isupper():
            i -= 1  # "Richard and Judy", "Ernst and Young": a name
            continue
        acronym = len(word) > 1 and token.strip(",;:").isupper()  # "US", "IT"
        if word in ("the", "a", "an") and i >= 2 and tokens[i - 2].lower() in ("of", "at", "for", "to"):
            i -= 1  # "Director of the Analytical center"
            continue
        if word == "to" and i >= 2 and tokens[i - 2].lower() in _ROLES_TO:
            i -= 1  # "permanent representative to the UN"
            continue
        if i >= 2 and tokens[i - 2].lower() == "to" and token[:1].islower():
            break  # the verb of an infinitive: "is to marry music executive Jordan Bratman"
        if word in _CLAUSE_WORDS and not acronym:
            break
        if token[:1].islower() and ((word.endswith("ed") and word not in _DESCRIBING) or word in _CLAUSE_PARTICIPLES):
            break  # a verb of the clause: "… has signed Roma defender", "… stopping R&B singer"
        if i == len(tokens) and token[:1].islower() and word.endswith("ing") and len(word) > 4:
            break  # a participle right before the name: "the controversy surrounding David Blunkett"
        i -= 1
    k = i - 1
    if k >= 0 and tokens[k].lower() in ("the", "a", "an"):
        k -= 1
    opens = k == 0 or (k == 1 and tokens[0][:1].isupper() and tokens[0].lower().endswith("ing"))
    if opens and tokens[k].strip(",;:").lower() in _OBJECT_AFTER:
        # the object of a preposition the clause opens on: "Speaking in Harrogate Mr Kennedy said", "In the
        # Cosmopolitan interview Mr Howard said" (not "a BBC film on ex-UKIP MEP Robert Kilroy-Silk")
        return ""
    return " ".join(tokens[i:])


#: prepositions whose object stands right before a name when a clause opens on them without a comma ("Speaking in
#: Harrogate Mr Kennedy said", "In the Cosmopolitan interview Mr Howard said"): their object describes no one
_OBJECT_AFTER = (frozenset(PACK.prepositions) | frozenset(PACK.time_leads) | {"from", "into", "after", "before"}) - {
    "earlier",
    "early",
    "last",
    "late",
    "later",
    "next",
    "this",
}


# who someone unnamed is at an organisation named before them: "a Sony spokesman"
_SOMEONE_AT = PACK.someone_at
# someone unnamed who speaks for others: "a bank spokesman", "A spokeswoman for the Electoral Commission"
_SPOKESPERSON = re.compile(r"^(?:an?|the)\s+(?:[\w&.'’-]+\s+){0,3}?spokes(?:man|woman|person)\b", re.IGNORECASE)

# words that stand for someone or something without naming them
_NO_ONE = PACK.no_one_words
_LINKS = PACK.links
_ROLE_THEN_NAME = re.compile(
    r"^(?P<role>(?:(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:['’]s|s['’])\s+)"
    r"[^,]{2,80}),\s+"
    r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)$"
)


#: the nouns a body's name ends on ("Committee", "Court"), after which a name is a person's, not more of the body's
_BODY_HEADS = frozenset(PACK.body_nouns)
#: letters after a name that say what its holder is ("Peter Ainsworth MP")
_POST_NOMINALS = PACK.post_nominals


def _pick_name_run(tokens: list[str]) -> tuple[int, int] | None:
    """The span of the person's name in ``tokens``: the last capitalised run not part of an organisation."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        # (a particle opens no name in lower case, "al Hassan"; capitalised it may be a first name, "Al Gore")
        bare = tokens[i].strip(",.")
        first_name = bare[:1].isupper() and not re.search(r"[.\u2024]", tokens[i])  # (not "Del." of a title)
        if _is_name_token(tokens[i]) and (bare.lower() not in _PARTICLES or first_name):
            j = i + 1
            while j < len(tokens) and _is_name_token(tokens[j]) and not POSSESSIVE.search(tokens[j - 1]):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    for k in range(len(runs) - 1, -1, -1):
        start, end = runs[k]
        prev = tokens[start - 1].lower() if start else ""
        nxt = tokens[end] if end < len(tokens) else ""
        prev_org_word = tokens[start - 1][:1].isupper() and prev.strip(",.") in _ORG_WORDS if start else False
        part_of_org = prev in _ORG_PREP or prev_org_word or (nxt[:1].isupper() and nxt.strip(",.").lower() in _NOT_NAME)
        if (
            prev_org_word
            and prev.strip(",.") in _BODY_HEADS
            and end - start >= 2
            and all(t.strip(",.") in _POST_NOMINALS for t in tokens[end:])
        ):
            # the last words a person's name, after a body's that ends in its own word: "Chairman of the
            # Environmental Audit Committee Peter Ainsworth MP"
            part_of_org = False
        earlier = runs[k - 1] if k else None
        if earlier is not None and earlier[1] - earlier[0] >= 2 and "from" in tokens[earlier[1] : start]:
            part_of_org = True  # "Graham Cluley from anti-virus firm Sophos": where the full name before works
        # "Local officials …": a capitalised first word followed by lower case is not a name
        sentence_initial = start == 0 and end == 1 and nxt[:1].islower()
        # "Mr Begg's father", "the Countryside Alliance's Simon Hart": whose someone is, not who; and
        # what follows a possessor is a name only at the end ("the SEC's Boston office", "the SNP's Holyrood leader")
        possessor = end < len(tokens) and POSSESSIVE.search(tokens[end - 1]) is not None
        possessed = start > 0 and end < len(tokens) and POSSESSIVE.search(tokens[start - 1]) is not None
        if not part_of_org and not sentence_initial and not possessor and not possessed:
            honour = next((i for i in range(start + 1, end - 1) if tokens[i] in _HONOURS), None)
            if honour is not None:
                start = honour  # "Metropolitan Police Commissioner Sir John Stevens"
            if end - start >= 3 and tokens[start].strip(",.").lower() in _DEMONYMS:
                start += 1  # a nationality before the name: "Australian Lynton Crosby"
            if end - start <= 4:
                return start, end
            # "Senate Majority Leader Mitch McConnell": titles run into the name; the name is its
            # last two words, with a middle initial three ("House Speaker Paul D. Ryan")
            initial = len(tokens[end - 2].strip(",;:")) == 2 and tokens[end - 2].rstrip(",;:").endswith(".")
            return end - (3 if initial else 2), end
    return None


def _unnamed(phrase: str) -> Speaker:
    # A publication or an organisation named without a person ("The Washington Post",
    # "the London-based Syrian Observatory for human rights") is a named speaker;
    # anyone else keeps their description as their name ("one of the locals").
    if (_MEDIA.search(phrase) or _ORGANIZATION.search(phrase)) and _has_proper(phrase):
        titled = re.search(r"\bThe\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*$", phrase)
        name = titled.group() if titled else re.sub(r"^the\s+", "", phrase)
        if "," in name:
            # "Late last year, marketing company Doubleclick, one of the leading providers …": the body's name is
            # its capitalised words, not the sentence around them (nor the capital a sentence opens with)
            runs = [m.group() for m in _CAPITALISED_RUN.finditer(name) if m.start() > 0]
            name = runs[0] if runs else name
        return Speaker(name=name, type=classify("", "", phrase), named=True)
    spokesperson = _PARTY_SPOKESPERSON.match(phrase)
    if spokesperson is not None and _a_party(spokesperson.group("party")):
        return Speaker(name=phrase, type="organization", named=False)  # (the party speaking, as by its name)
    at = _SOMEONE_AT_BODY.match(phrase)
    if at is not None and at.group("who").lower().rstrip("s") in _SOMEONE_AT:
        # "a Sony spokesman", "a Microsoft executive", "a Home Office spokesman": typed by whom they speak for — a
        # body no lexicon knows is a company or an organisation, a country's is its government
        return Speaker(name=phrase, type=_body_type(at.group("body")), named=False)
    if _officials_of_a_house(phrase):
        return Speaker(name=phrase, type="organization", named=False)
    if _a_party(phrase):
        return Speaker(name=phrase, type="organization", named=False)  # (a party speaking as a body)
    if _a_country_s(phrase):
        return Speaker(name=phrase, type="official", named=False)  # ("the Palestinian leader", "Russia's president")
    kind: SpeakerType = "media" if _MEDIA.search(phrase) else "official" if _OFFICIAL.search(phrase) else "other"
    if kind == "other" and _BODY_NOUN.match(phrase) and _ORGANIZATION.search(phrase) and not _OTHER.search(phrase):
        kind = "organization"  # "the company", "the union" speaking
    return Speaker(name=phrase, type=kind, named=False)


# someone unnamed at a body named before them: "a Sony spokesman", "an M&S executive", "a US official"
_SOMEONE_AT_BODY = re.compile(
    r"^(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:senior\s+|former\s+|top\s+)?(?P<body>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+"
    r"(?P<who>[a-z]+)$"
)


def _body_type(body: str) -> SpeakerType:
    """The type of whoever speaks for ``body``: by its lexicon; a country or nationality is its government's;
    a body no lexicon knows is an organisation's (a company, a charity, a club)."""
    if _MEDIA.search(body):
        return "media"
    if _ANALYST.search(body):
        return "analyst"
    if _OFFICIAL.search(body) or all(word.lower().strip(".") in _NOT_NAME for word in body.split()):
        return "official"  # ("a US official", "a British diplomat": a country's is its government's)
    return "organization"


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*")


def _has_proper(phrase: str) -> bool:
    return any(t[:1].isupper() for t in phrase.split()[1:]) or (phrase[:1].isupper() and " " not in phrase)


def _split_role(description: str) -> tuple[str, str]:
    """Split "professor of economics at Eastbridge University" into role and organisation."""
    if not description:
        return "", ""
    possessive = re.match(r"^(.+?)(?:'s|(?<=s)')(?:\s+(.+))?$", description)
    # a possessor opening the description, a name ("Sony's chief executive", not "Former referees' chief")
    if possessive and possessive.group(1)[:1].isupper() and possessive.group(1).split()[-1][:1].isupper():
        if _COURTESY.match(description) or _RELATIVE.search(description):
            return description, ""  # "Mr Begg's father": a relation to a person, not a post at an organisation
        return possessive.group(2) or "", possessive.group(1)
    # "at" names a place of work more reliably than "of" (a professor *of economics* *at* X)
    for pattern in (r"^(.+)\s+at\s+(?:the\s+)?(.+)$", r"^(.+?)\s+(?:of|for|with|to)\s+(?:the\s+)?(.+)$"):
        m = re.match(pattern, description)
        if m and any(t[:1].isupper() for t in m.group(2).split()) and _is_post(m.group(1)):
            return m.group(1), m.group(2)
    return description, ""


def _is_post(words: str) -> bool:
    """Whether ``words`` before "of"/"at" can be a post ("director", "Professor") rather than part of a
    name ("Republic" of "Republic of Ireland manager")."""
    last = words.split()[-1].strip(",")
    return not last[:1].isupper() or (last.lower() in _NOT_NAME and last.lower() not in _ORG_WORDS)


# what an organisation, a publication or a document is called when unnamed: "the company", "a report by Demos"
_BODY_NOUN = re.compile(
    r"^(?:the|a|an|its|their)\s+(?:[\w&'’.-]+\s+){0,3}?(?:" + "|".join(map(re.escape, PACK.body_nouns)) + r")\b"
    # (the phrase's head: not "a Home Office minister", whose body noun only says whose minister)
    r"(?!\s+(?:" + "|".join(map(re.escape, (*PACK.group_nouns, *PACK.person_heads))) + r")\b)",
    re.IGNORECASE,
)


def is_body(speaker: Speaker) -> bool:
    """Whether ``speaker`` is something "it" can stand for — an organisation, a publication, a report
    ("Wipro", "The TUC", "the administrator", "a report by Demos") — rather than a person or a group."""
    if speaker.role:
        return False
    if speaker.named:
        words = speaker.name.split()
        return speaker.type in ("organization", "media") or len(words) == 1 or words[0] in ("The", "the")
    if _ACRONYM.match(speaker.name):
        return True  # "The TUC", "the BBC"
    return _BODY_NOUN.match(speaker.name) is not None and not _plural(speaker)


_ACRONYM = re.compile(r"^(?:[Tt]he\s+)?[A-Z]{2,}[a-z]?$")


def _plural(speaker: Speaker) -> bool:
    """Whether an unnamed speaker is a group ("some pundits", "Analysts"), which "he" cannot be."""
    last = speaker.name.split()[-1:] if not speaker.named else []
    return bool(last) and last[0].lower().endswith("s") and not last[0].lower().endswith("ss")


class SpeakerBook:
    """The speakers of one article, so later mentions resolve to the person first introduced.

    ``resolve("Kazantsev")`` finds Andrew Kazantsev, ``resolve("he")`` the last person
    who spoke, ``resolve("the director")`` the last speaker with that role.
    """

    def __init__(
        self,
        introductions: dict[str, str] | None = None,
        mentions: list[tuple[int, str]] | None = None,
        subjects: Callable[[], frozenset[int]] = frozenset,
    ) -> None:
        self._people: list[Speaker] = []
        #: everyone and everything noted, in order: what "it" stands for is looked for here, when asked
        self._noted: list[Speaker] = []
        self._last: Speaker | None = None
        self._intros = introductions or {}
        self._mentions = mentions or []
        #: where a mention opens its sentence as its subject (found when a pronoun first asks)
        self._find_subjects = subjects
        self._subjects: frozenset[int] | None = None
        self._last_at = -1  # where the last speaker was attributed
        self._pronoun_at = -1  # where a pronoun was last resolved
        #: people whose post the article gives only by calling them by it ("the Liberal Democrat leader")
        self._called_by_post: set[str] = set()

    @property
    def last(self) -> Speaker | None:
        """The speaker mentioned most recently."""
        return self._last

    @property
    def last_at(self) -> int:
        """Where the last speaker named (not by a pronoun) was attributed; -1 before anyone was."""
        return self._last_at

    def note(self, speaker: Speaker) -> Speaker:
        """Record a speaker (merging with a known one of the same surname); returns the canonical speaker.

        The people are kept in the order they were last noted, so "he" and a bare surname look at
        whoever spoke most recently first.
        """
        known = self._find_by_name(speaker.name) if speaker.named else None
        if known is not None:
            self._people.remove(known)
            role = known.role or speaker.role
            organization = known.organization or speaker.organization
            kind = known.type if known.type != "other" else speaker.type
            if (role, organization, kind) != (known.role, known.organization, known.type):
                # (a later mention that adds nothing, most of them, leaves the record as it is)
                known = replace(known, role=role, organization=organization, type=kind)
            speaker = known
        if speaker.named:
            self._people.append(speaker)
        self._noted.append(speaker)
        self._last = speaker
        return speaker

    def body(self, subject: str, position: int, paragraph_start: int) -> Speaker | None:
        """What "it" stands for: the body that spoke last in this paragraph, else the body the sentence
        before is about (``subject``, its subject), else the body that spoke last; ``None`` if no body has.
        """
        last = self._last
        if last is not None and self._last_at >= paragraph_start and is_body(last):
            return last
        if subject:
            speaker = parse_speaker(subject)
            if is_body(speaker):
                self._last_at = position
                return self.note(speaker)
        return next((noted for noted in reversed(self._noted) if is_body(noted)), None)

    def resolve(
        self, phrase: str, position: int | None = None, paragraph_start: int = 0, end: int | None = None
    ) -> Speaker:
        """Turn a speaker phrase into a speaker, resolving pronouns, surnames and role mentions.

        ``position`` (an offset into the article, where the quote starts) lets a pronoun resolve to the person
        mentioned last before it, even when that mention was not a quote; ``end``, where the quote ends, keeps a post
        from naming someone the quote itself speaks of.
        """
        bare = phrase.strip(" ,.;:").lower()
        if bare in _PRONOUNS:
            return self._pronoun(phrase, position, paragraph_start)
        since = self._last_at
        if position is not None:
            self._last_at = position
        role_only = _ROLE_ONLY.match(bare)
        if role_only:
            person = self._with_role(role_only.group(1))
            if person is not None and not person.named:
                # (the same unnamed spokesperson, typed as before and called as written: "the spokesman")
                return replace(person, name=phrase.strip(" ,.;:"))
            if person is not None and person.name in self._called_by_post:
                return Speaker(name=phrase.strip(" ,.;:"), type=person.type, named=False)
            if person is None and position is not None and since < paragraph_start:
                quote_end = position if end is None else end
                person = self._described_as(phrase.strip(" ,.;:"), (since, paragraph_start, position, quote_end))
            if person is not None:
                return person
        speaker = parse_speaker(phrase)
        if speaker.named and not (speaker.role or speaker.organization):
            given = speaker.name.split()
            if len(given) == 2 and given[0] in _HONOURS and self._find_by_name(speaker.name) is None:
                # "Sir Alan", introduced as "Sir Alan Budd" without a word of his own quoted until now
                names = (parse_speaker(intro).name.split() for intro in self._intros.values())
                given = next((name for name in names if name[:2] == given), given)
            intro = self._intros.get(given[-1])
            if intro and self._find_by_name(given[-1]) is None:
                # "Churkin", "Ruth Okafor": first named in full with a role elsewhere in the article (but
                # "Azmat Begg" is not the "Moazzam Begg" introduced before him)
                introduced = parse_speaker(intro)
                if introduced.named and introduced.name.split()[-len(given) :] == given:
                    speaker = introduced
                elif introduced.named and introduced.name.split()[0] in PACK.surname_titles and len(given) == 2:
                    # "David Sainsbury", introduced as "Science Minister Lord Sainsbury": a peer by his title
                    if introduced.name.split()[-1] == given[-1]:
                        speaker = replace(introduced, name=speaker.name)
        return self.note(speaker)

    def subject(self, phrase: str, position: int) -> Speaker | None:
        """The person a sentence's subject names — someone known or introduced by name, or "the
        director" someone known is — or ``None`` (an organisation, a group, a role no one holds)."""
        role_only = _ROLE_ONLY.match(phrase.strip(" ,").lower())
        if role_only:
            person = self._with_role(role_only.group(1))
            if person is not None:
                self._last_at = position
            return person
        speaker = parse_speaker(phrase)
        if not speaker.named or speaker.type in ("media", "organization"):
            return None
        if len(speaker.name.split()) < 2:
            # a single capitalised word is someone known by their full name ("Mrs Maguire", "Dawson"), not
            # anything else that reports or is reported ("Microsoft had delivered development kits")
            known = self._find_by_name(speaker.name)
            intro = self._intros.get(speaker.name)
            if (known.name if known else parse_speaker(intro).name if intro else "").count(" ") < 1:
                return None
        return self.resolve(phrase, position)

    def _with_role(self, wanted: str) -> Speaker | None:
        """The person last noted whose role or organisation holds ``wanted`` ("the director"); else, when ``wanted``
        is a spokesperson, the unnamed speaker last noted whose phrase ends on it ("the spokesman" after "a Vodafone
        spokesman" spoke; not "the chancellor" after "the shadow chancellor")."""
        for person in reversed(self._people):
            if wanted in f"{person.role} {person.organization}".lower() or (
                wanted in ("publication", "newspaper", "paper") and person.type == "media"
            ):
                return self.note(person)
        if " " not in wanted and _SPOKESPERSON_WORD.fullmatch(wanted):
            for earlier in reversed(self._noted):
                if not earlier.named and earlier.name.lower().split()[-1:] == [wanted]:
                    return self.note(earlier)
        return None

    def _described_as(self, phrase: str, where: tuple[int, int, int, int]) -> Speaker | None:
        """The person a post names when news calls them by it for variety in the paragraph after they spoke ("…,
        said Charles Kennedy.¶In his New Year message the Liberal Democrat leader said …"; within a paragraph the
        post may be anyone's: "Gordon Brown said …. The prime minister said …") — the last speaker, when they were
        named without a post of their own, no one else was named since, the quote (``position`` to ``end``) does not
        name them ("the Lib Dem chief executive said it was "just a cock-up" that Mr Kennedy …" is someone else), and
        the description is a post one person holds ("leader", "minister"; not "the spokesman", who speaks for
        someone, nor "the firm"); ``None`` otherwise. ``where``: where the last speaker was attributed, where the
        post's paragraph starts, and where its quote starts and ends."""
        since, paragraph_start, position, end = where
        last = self._last
        words = phrase.split()[1:]
        if (
            last is None
            or not last.named
            or last.role
            or last.organization
            or last.type in ("media", "organization")
            or len(last.name.split()) < 2
            or not any(w.lower() in _PERSON_HEADS and not _SPOKESPERSON_WORD.fullmatch(w) for w in words)
        ):
            return None
        surname = last.name.split()[-1]
        mentions = self._mentions
        first, here, said = (bisect.bisect_left(mentions, (at,)) for at in (since, paragraph_start, position))
        if any(mentioned != surname for _, mentioned in mentions[first:here]):
            return None  # (someone else named since they spoke may be who the post is)
        if self._subjects is None:
            self._subjects = self._find_subjects()
        for at, mentioned in mentions[here:said]:
            if mentioned != surname and (at in self._subjects or self._find_by_name(mentioned) is not None):
                return None  # (nor someone the post's own paragraph is about, or who spoke)
        if any(mentioned == surname for _, mentioned in mentions[said : bisect.bisect_left(mentions, (end,))]):
            return None  # (the quote speaks of them)
        role = " ".join(words)
        kind = classify(role, "", last.name)
        self._called_by_post.add(self.note(replace(last, role=role, type=kind)).name)
        # (a quote the post is said of keeps it as its speaker, as the sentence calls them; the person's own quotes
        # take it as their description)
        return Speaker(name=phrase, type=kind, named=False)

    def _pronoun(self, phrase: str, position: int | None, paragraph_start: int) -> Speaker:
        # "he" is the last speaker when they spoke in this paragraph; otherwise the person
        # named last in this paragraph ("Eide rejected the criticism. '…,' he said.") — and whoever a sentence
        # opened on since the last speaker spoke ("But fellow Tory David Heathcoat-Amory said …. “…,” he said.")
        if position is not None:
            since = max(self._last_at, self._pronoun_at)
            self._pronoun_at = position
            subject = self._subject_since(since, position)
            if subject is not None:
                return subject
        if position is not None and self._last_at < paragraph_start:
            named = self._named_last(position, since=paragraph_start)
            if named is not None:
                return named
        last = self._last
        if last is not None and not last.named and _SPOKESPERSON.search(last.name):
            # "…, a bank spokesman told Reuters. He estimated …": the unnamed spokesman who just spoke — in this
            # paragraph, or the one before when no one has been named since ("…, the spokesman said.¶“…,” he said")
            after = bisect.bisect_left(self._mentions, (self._last_at + 1,))
            named_since = position is not None and after < len(self._mentions) and self._mentions[after][0] < position
            if self._last_at >= paragraph_start or not named_since:
                return last
        for person in reversed(self._people):
            if person.named and (person.type not in ("media", "organization") or person.role):
                # (someone with a post at an organisation is still someone "he" can be — Graham Cluley, senior
                # consultant at security firm Sophos; the organisation itself is not)
                self._last = person
                return person
        if last is not None and phrase.strip().lower() in ("he", "she") and _plural(last):
            # "Some pundits believe … “…,” he said": "he" is one person, so the one named last before it
            named = self._named_last(position, since=0) if position is not None else None
            return named or Speaker(name=phrase.strip(), named=False)
        if last is not None:
            return last
        return Speaker(name=phrase.strip(), named=False)

    def _subject_since(self, since: int, position: int) -> Speaker | None:
        """The person the latest sentence between ``since`` and ``position`` that opens on a named person is
        about, if they are someone who spoke or whom the article introduces."""
        mentions = self._mentions
        for k in range(bisect.bisect_left(mentions, (position,)) - 1, -1, -1):
            pos, surname = mentions[k]
            if pos <= since:
                break
            if self._subjects is None:
                self._subjects = self._find_subjects()
            if pos not in self._subjects:
                continue
            known = self._find_by_name(surname)
            if known is not None and self._last is not None and known.name == self._last.name:
                continue  # (the last speaker's own attribution: "“…,” Merkley said.")
            if known is not None:
                self._last = known
                return known
            if surname in self._intros and parse_speaker(self._intros[surname]).named:
                return self.note(parse_speaker(self._intros[surname]))
            return None
        return None

    def _named_last(self, position: int, *, since: int) -> Speaker | None:
        """The person whose surname was mentioned last between ``since`` and ``position``: someone
        who has spoken, or else the nearest name the article introduces."""
        introduced: str | None = None
        mentions = self._mentions
        for k in range(bisect.bisect_left(mentions, (position,)) - 1, -1, -1):
            pos, surname = mentions[k]
            if pos < since:
                break
            known = self._find_by_name(surname)
            if known is not None:
                self._last = known
                return known
            if introduced is None and surname in self._intros and parse_speaker(self._intros[surname]).named:
                introduced = self._intros[surname]  # (not "… new stadium in Stanley Park": a place names no one)
        return self.note(parse_speaker(introduced)) if introduced is not None else None

    def _find_by_name(self, name: str) -> Speaker | None:
        parts = name.split()
        if not parts:
            return None
        for person in reversed(self._people):
            theirs = person.name.split()
            if person.name == name or (len(parts) == 1 and theirs and theirs[-1] == parts[0]):
                return person
            if len(parts) == 2 and parts[0] in _HONOURS and theirs[:2] == parts:
                return person  # "Sir John" is Sir John Stevens
            if len(parts) > 1 and len(theirs) > 1 and theirs == parts[-len(theirs) :]:
                # ("Katherine Jackson" is not the "Mr Jackson" noted before her: news names someone in full first)
                return person
        return None
