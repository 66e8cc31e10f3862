"""A speaker's type from what describes them: the pack's lexicons, tried in a fixed order (:func:`_type`)."""

from __future__ import annotations

import re
import unicodedata

from briefing.models import Speaker, SpeakerType
from briefing.quotes.grammar import Grammar
from briefing.quotes.marks import QUOTATION_MARKS
from briefing.quotes.places import names_a_place, state_title


def _author_of(speaker: Speaker, g: Grammar) -> Speaker:
    """The body behind a report that speaks: "Bericht" of the BBC is the BBC's, "BBC-Recherche" too ("Laut einem
    Bericht der BBC", "по данным доклада Минфина"); any other speaker as it is."""
    first = speaker.name.split(None, 1)[0] if speaker.name.strip() else ""
    closed = next(
        (first[: -len(n)] for n in g.according_compounds if first.lower().endswith(n) and len(first) - len(n) >= 3),
        "",
    )
    if closed and speaker.role in ("", speaker.name):
        # ("nach Polizeiangaben": the police; "Regierungsangaben zufolge": the government), named or not
        body = _without_link(closed, g)
        return Speaker(name=body, organization="", type=_type("", "", body, g), named=True)
    if not g.report_nouns or not speaker.named or speaker.role:
        return speaker
    head, hyphen, noun = speaker.name.rpartition("-")
    if hyphen and head and noun.lower() in g.report_nouns and " " not in head:
        body = head  # ("BBC-Recherche", "Ifo-Prognose")
    elif speaker.name.lower() in g.report_nouns and speaker.organization:
        body = speaker.organization
    else:
        return speaker
    return Speaker(name=body, organization="", type=_type("", "", body, g), named=True)


def _without_link(head: str, g: Grammar) -> str:
    """A compound's first part as a word of its own: without a hyphen ("UNHCR-") or the linking letter the pack
    names for its endings ("Regierungs" → "Regierung")."""
    head = head.rstrip("-")
    linked = g.linking_letter and head.lower().endswith(g.linking_endings)
    return head[: -len(g.linking_letter)] if linked else head


def _role_gender(role: str, g: Grammar) -> str:
    """The gender a role says its holder is of, in a language whose roles have a feminine form by their ending
    ("Ministerin", "Ökonomin": "femn"; "Minister": "masc"); "" when the role does not say ("Abgeordnete")."""
    if not g.feminine_role_endings:
        return ""
    head = next((w.lower().strip(".,") for w in role.split() if g.role.match(w.strip(".,"))), "")
    if not head or head.endswith(g.common_role_endings):
        return ""
    return "femn" if head.endswith(g.feminine_role_endings) else "masc"


#: the order a description is tried against the type lexicons: an analyst's role first ("директор центра" is an
#: analyst before it is anyone's director); a name alone, an outlet or an authority first ("МИД", "Greenpeace")
_BY_DESCRIPTION: tuple[SpeakerType, ...] = ("analyst", "media", "official", "organization", "other")


_BY_NAME: tuple[SpeakerType, ...] = ("media", "official", "organization", "analyst", "other")


def _type(role: str, organization: str, name: str, g: Grammar) -> SpeakerType:
    """A speaker's type from what describes them, else from their name.

    A role that only says someone speaks for or leads a body ("представитель МИД", "Pressesprecher der Polizei",
    "Kremlchef") is typed by the body it names alone, and is nobody's in particular when no lexicon knows the body;
    it decides only when it is the longest entry found where the role begins ("Regierungssprecher" is an
    official's, "официальный представитель" too). (Taking an unknown body for a company's or an association's
    typed more development quotes right and fewer of the held-out check sets: docs/evaluation.md.)
    """
    if g.state_titles and not organization and _a_state_s_title(role, g):
        return "official"  # ("Vice President Joe Biden", "U.S. Vice President": not a company's, which it names)
    described = f"{role} {organization}".strip()
    if g.parties is not None and _a_party(name, g) and (not described or _a_party(described, g)):
        # a party speaking as a body, by its name ("die Sozialdemokraten", "die Partei „Die Mitte“"): an organisation,
        # as the annotated sets have it; its politicians, described by it, are officials (below)
        return "organization"
    if g.former.search(role):
        # a past post speaks for no body: "ehemalige Grünen-Vorsitzende", "экс-министр" — unless what describes them
        # makes them an analyst or a journalist now ("бывший посол …, участник дискуссии в Атлантическом совете")
        kind = _type(g.former.sub(" ", role), organization, "", g) if g.former.sub(" ", role) != role else "other"
        return kind if kind in ("analyst", "media") else "other"
    body = _represented(role, g)
    if body is not None:
        body = f"{body} {organization}".strip()
        by_body: SpeakerType | None = next((k for k in _BY_DESCRIPTION[:-1] if body and g.types[k].search(body)), None)
        if by_body is not None:
            return by_body
        # (a possessive's apostrophe and ending left off: "Russia's leader")
        country = " ".join(re.sub(r"['’]\w?$", "", w) for w in body.split() if w.lower() not in g.articles)
        if country and (country.lower() in g.demonyms or names_a_place(country, g.code, g.capitals)):
            return "official"  # a country's alone: its government's ("the Palestinian leader", "a French spokesman")
        if g.script and _foreign_script(body, g.script):
            # a body no lexicon knows, written in the letters of another language: a company by its own name ("глава
            # HP", "представитель Philips"), where the press writes authorities' names in its own
            return "organization"
        # a body no lexicon knows: the representative's own word types them when the pack says so ("глава района" is
        # an official; "представитель фирмы X" no one in particular)
        words = role.lower().split()
        types = {**g.representative_types, **g.representative_alone} if not body else g.representative_types
        own = next((t for stem, t in types.items() if any(w.startswith(stem) for w in words)), None)
        if own is not None:
            return own
        named = [w.strip("-,.") for w in body.split() if w[:1].isupper()]
        if any(_initials(w) for w in named) or (len(named) == 1 and body.endswith("-")):
            # else, one by its initials or by its own name before a hyphen ("Sprecher der RWTH Aachen", "RWE-Sprecher",
            # "eine Tiktok-Sprecherin"): a company's or an institution's, or a country's government
            return "official" if names_a_place(" ".join(named), g.code, g.capitals) else "organization"
        return "other"
    if _at_a_house(role, organization, g):
        return "analyst"  # someone at a bank or a broker, quoted for their view and no post ("Simon Wheatley from …")
    for i, kind in enumerate(_BY_DESCRIPTION if described else ()):
        first = g.types[kind].search(described)
        if first is None:
            continue
        if (kind == "analyst" and " " in first.group()) or kind == "official":
            # (tried first, an analyst's entry of several words yields to a longer one of another lexicon that shares
            # its words: "генеральный директор" is a company's officer, whatever centre they direct — not an
            # analyst's "директор центра"; and an official's: "vice president", "general secretary" are a company's
            # or a union's officers before "president" or "secretary" is anyone's)
            for later in _BY_DESCRIPTION[i + 1 :]:
                if g.types[later].search(described) is None:
                    continue
                # (any of its entries, not only its first: "executive vice-president" holds two)
                for m in g.types[later].finditer(described):
                    if m.start() < first.end() and first.start() < m.end() and len(m.group()) > len(first.group()):
                        return later
        return kind
    for kind in _BY_NAME:
        if g.types[kind].search(name):
            return kind
    titled = g.title_types.get(name.split(None, 1)[0].lower()) if " " in name.strip() else None
    if titled is not None and not described:
        return titled  # ("Lord Woolf", "Baroness Scotland": a peer, by the title alone)
    if _initials(described):
        # someone of a body by initials no lexicon knows ("Nora Back (OGBL)"), or of a country ("Bill Burns (USA)")
        return "official" if names_a_place(described, g.code, g.capitals) else "organization"
    if described in ("", name) and names_a_place(name, g.code, g.capitals):
        return "official"  # a country or a capital speaking is its government ("Москва заявила", "Kiev a affirmé")
    if described in ("", name) and _initials(name):
        return "organization"  # a body by initials no lexicon knows ("RWE", "MVB", "ECCHR", "ГИМ")
    return "other"


def _a_state_s_title(role: str, g: Grammar) -> bool:
    """Whether ``role`` is one of the pack's ``state_titles`` as written, alone or after a word of a past post or a
    country's name or adjective ("U.S. Vice President": :func:`~briefing.quotes.places.state_title`)."""
    return state_title(
        role,
        g.state_titles,
        lambda w: bool(g.former.match(w)) or w.lower() in g.demonyms or names_a_place(w, g.code, g.capitals),
    )


def _at_a_house(role: str, organization: str, g: Grammar) -> bool:
    """Whether a description places someone at one of the pack's ``houses`` (a bank, a broker, an accountancy) with no
    post of theirs that speaks for it — none of an organisation's lexicon nor a representative's ("chief executive",
    "spokesman") — and names no authority ("Bank of England", "Bundesbank" are officials')."""
    if g.houses is None or not organization:
        return False
    described = f"{role} {organization}"
    return (
        g.houses.search(organization) is not None
        and g.types["official"].search(described) is None
        and not (role and (g.types["organization"].search(role) or g.representative.search(role)))
    )


def _a_party(text: str, g: Grammar) -> bool:
    """Whether ``text`` is a party's name (the pack's ``parties``) and nothing else, but an article before it."""
    if g.parties is None or not text or g.parties.search(text) is None:
        return False  # (most names hold none: one search says so)
    words = text.strip(QUOTATION_MARKS + " ").split()
    while words and words[0].lower() in g.articles:
        words.pop(0)
    bare = " ".join(w.strip(QUOTATION_MARKS) for w in words)
    m = g.parties.match(bare) if bare else None
    return m is not None and m.end() == len(bare)


def _foreign_script(name: str, script: str) -> bool:
    """Whether ``name`` has letters and none of them in ``script`` (a Unicode script's name: "CYRILLIC")."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and not any(unicodedata.name(c, "").startswith(script) for c in letters)


def _initials(name: str) -> bool:
    """Whether ``name`` is a body's initials, in any script: two to eight capitals, digits or hyphens, opening on a
    capital ("RWE", "G7", "NAACP", "ГИМ")."""
    return (
        2 <= len(name) <= 8
        and name[0].isalpha()
        and name[0].isupper()
        and all(c.isupper() or c.isdigit() or c == "-" for c in name)
    )


def _represented(role: str, g: Grammar) -> str | None:
    """When ``role`` is a representative's, the rest of it (what may name the body); otherwise ``None``."""
    first = next((m for m in re.finditer(r"\S+", role) if g.role.match(m.group().strip(",."))), None)
    if first is None:
        return None
    found = g.representative.search(role)
    if found is None or found.start() >= first.end():
        return None
    longest = max(
        (
            len(m.group())
            for kind in _BY_DESCRIPTION[:-1]
            if (m := g.types[kind].search(role)) and m.start() < first.end()
        ),
        default=0,
    )
    if longest >= len(found.group()):
        return None
    end = re.compile(r"\w*").match(role, found.end())
    return f"{role[: found.start()]} {role[end.end() if end else found.end() :]}".strip()
