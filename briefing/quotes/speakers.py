"""Speakers: split a speaker phrase into name, role and organisation, resolve later mentions, and type them.

"the Director of the Analytical center of MGIMO Andrew Kazantsev" becomes
``Speaker(name="Andrew Kazantsev", role="Director", organization="Analytical center of MGIMO",
type="analyst")``; a later "Kazantsev", "he" or "the director" resolves back to him.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.models import Speaker, SpeakerType

__all__ = ["SpeakerBook", "classify", "parse_speaker"]

_PRONOUNS = frozenset("he she they him her them i we".split())
# Words that are capitalised in a speaker phrase without being part of a person's name.
_NOT_NAME = frozenset(
    """the a an of for and to in on at by from with un us uk eu nato u.s. u.n. u.k. e.u. mr mrs ms dr prof
    president minister secretary director professor senator governor general ambassador spokesman
    spokeswoman spokesperson chairman chairwoman chair head chief deputy member fellow analyst
    economist representative envoy mayor council center centre institute university school college
    department ministry office agency committee party foundation academy bank commission group
    observatory association union court army police government state federal national analytical
    scientific research international foreign interior defence defense finance justice monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december american russian syrian british french german chinese
    european western eastern northern southern new""".split()
)
_PARTICLES = frozenset("al al- bin ibn van von de der da di du la le del dos ter".split())
_TITLE_PREFIX = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Adm|Sgt|Amb)\.?\s+")

_ANALYST = re.compile(
    r"\b(?:analyst|professor|prof\b|economist|fellow|researcher|scholar|expert|strategist|lecturer|"
    r"political scientist|historian|think[- ]tank|universit|institute|college|school of|academy|"
    r"analytical|research|studies|scientific council|polling|carnegie|brookings|chatham|rand\b|mgimo|"
    r"centre for|center for|policy cent|policy institute)",
    re.IGNORECASE,
)
_OFFICIAL = re.compile(
    r"\b(?:minister|ministry|president|prime|secretary|spokes(?:man|woman|person)|ambassador|envoy|"
    r"diplomat|representative to|permanent representative|governor|mayor|senator|congress|parliament|"
    r"lawmaker|mp\b|deputy|chancellor|official|government|administration|kremlin|white house|pentagon|"
    r"state department|foreign office|army|military|general|commander|colonel|police|prosecutor|judge|"
    r"party|cabinet|regulator|central bank|treasury|department of|authorit|state)",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:newspaper|publication|magazine|broadcaster|news agency|agency said|editorial|tabloid|outlet|"
    r"the (?:washington )?post|times|guardian|cnn|bbc|reuters|associated press|afp|bloomberg|"
    r"tass|ria novosti|al jazeera|journal|gazette|herald|tribune|daily)\b",
    re.IGNORECASE,
)
_ORGANIZATION = re.compile(
    r"\b(?:observatory|organi[sz]ation|ngo|charity|red cross|red crescent|amnesty|watch\b|union|"
    r"association|company|corporation|firm|group|federation|committee|council|foundation|coalition|"
    r"alliance|network|monitor|opposition|rebels|inc\b|ltd\b|plc\b)",
    re.IGNORECASE,
)
_OTHER = re.compile(r"\b(?:local|resident|witness|villager|passer-?by|neighbou?r|survivor|voter|fan)s?\b", re.I)


def classify(role: str, organization: str, name: str = "") -> SpeakerType:
    """Type a speaker from their role and organisation: analyst, official, media, organization or other."""
    described = f"{role} {organization}".strip()
    if _OTHER.search(described) and not _ANALYST.search(described):
        return "other"
    if _ANALYST.search(described):
        return "analyst"
    if _MEDIA.search(described) or (not described and _MEDIA.search(name)):
        return "media"
    if _OFFICIAL.search(described):
        return "official"
    if _ORGANIZATION.search(described) or (not described and _ORGANIZATION.search(name)):
        return "organization"
    return "other"


def _is_name_token(token: str) -> bool:
    bare = token.strip(",.;:")
    if not bare:
        return False
    if bare.lower() in _PARTICLES or bare.lower().startswith("al-"):
        return True
    return bare[0].isupper() and not bare.isupper() and bare.lower() not in _NOT_NAME


def parse_speaker(phrase: str) -> Speaker:
    """Split a speaker phrase into a :class:`Speaker` with name, role, organisation and type.

    The name is the run of capitalised name-like words at the end of the phrase (or at its
    start, before an appositive: "Jane Doe, a professor at X"); what stands before it is
    the role, split at "of"/"at" into role and organisation.
    """
    phrase = " ".join(phrase.replace("’s ", "'s ").split()).strip(" ,.;:—–-")
    appositive = ""
    if "," in phrase:
        head, _, tail = phrase.partition(",")
        if _name_run(head.split()) == len(head.split()) and head:
            phrase, appositive = head, tail.strip(" ,")
    tokens = phrase.split()
    n = _name_run(tokens)
    name = " ".join(tokens[len(tokens) - n :]) if n else ""
    name = _TITLE_PREFIX.sub("", name).strip(" ,.")
    description = appositive or " ".join(tokens[: len(tokens) - n])
    if n and description.split()[-1:] in (["The"], ["the"]) and _MEDIA.search(phrase):
        name, description = f"The {name}", description.rsplit(None, 1)[0] if " " in description else ""
    description = re.sub(r"^(?:the|a|an)\s+", "", description, flags=re.IGNORECASE).strip(" ,")
    role, organization = _split_role(description)
    if not name:
        # An unnamed speaker keeps its description as its name ("one of the locals").
        # A publication or an organisation named without a person ("The Washington Post",
        # "the London-based Syrian Observatory for human rights") is a named speaker.
        if (_MEDIA.search(phrase) or _ORGANIZATION.search(phrase)) and _has_proper(phrase):
            return Speaker(name=re.sub(r"^the\s+", "", phrase), type=classify("", "", phrase), named=True)
        kind: SpeakerType = "media" if _MEDIA.search(phrase) else "official" if _OFFICIAL.search(phrase) else "other"
        return Speaker(name=phrase, type=kind, named=False)
    return Speaker(name=name, role=role, organization=organization, type=classify(role, organization, name))


def _has_proper(phrase: str) -> bool:
    return any(t[:1].isupper() for t in phrase.split()[1:]) or phrase[:1].isupper() and " " not in phrase


def _name_run(tokens: list[str]) -> int:
    n = 0
    for token in reversed(tokens):
        if _is_name_token(token):
            n += 1
        else:
            break
    while n and tokens[len(tokens) - n].strip(",.").lower() in _PARTICLES:
        n -= 1  # a name does not start with "de" or "al"
    return n if n <= 4 else 0


def _split_role(description: str) -> tuple[str, str]:
    """Split "professor of economics at Eastbridge University" into role and organisation."""
    if not description:
        return "", ""
    possessive = re.match(r"^(.+?)'s\s+(.+)$", description)
    if possessive and possessive.group(1)[:1].isupper():
        return possessive.group(2), possessive.group(1)
    # "at" names a place of work more reliably than "of" (a professor *of economics* *at* X)
    for pattern in (r"^(.+)\s+at\s+(?:the\s+)?(.+)$", r"^(.+?)\s+(?:of|for|with|to)\s+(?:the\s+)?(.+)$"):
        m = re.match(pattern, description)
        if m and any(t[:1].isupper() for t in m.group(2).split()):
            return m.group(1), m.group(2)
    return description, ""


class SpeakerBook:
    """The speakers of one article, so later mentions resolve to the person first introduced.

    ``resolve("Kazantsev")`` finds Andrew Kazantsev, ``resolve("he")`` the last person
    who spoke, ``resolve("the director")`` the last speaker with that role.
    """

    def __init__(self, introductions: dict[str, str] | None = None) -> None:
        self._people: list[Speaker] = []
        self._last: Speaker | None = None
        self._intros = introductions or {}

    @property
    def last(self) -> Speaker | None:
        """The speaker mentioned most recently."""
        return self._last

    def note(self, speaker: Speaker) -> Speaker:
        """Record a speaker (merging with a known one of the same surname); returns the canonical speaker."""
        known = self._find_by_name(speaker.name) if speaker.named else None
        if known is not None:
            richer = replace(
                known,
                role=known.role or speaker.role,
                organization=known.organization or speaker.organization,
                type=known.type if known.type != "other" else speaker.type,
            )
            self._people[self._people.index(known)] = richer
            speaker = richer
        elif speaker.named:
            self._people.append(speaker)
        self._last = speaker
        return speaker

    def resolve(self, phrase: str) -> Speaker:
        """Turn a speaker phrase into a speaker, resolving pronouns, surnames and role mentions."""
        bare = phrase.strip(" ,.;:").lower()
        if bare in _PRONOUNS:
            # a pronoun refers to the last named person more often than to an unnamed source
            for person in reversed(self._people):
                if person.named and person.type not in ("media", "organization"):
                    if self._last is None or not self._last.named or self._last is person:
                        self._last = person
                        return person
                    break
            if self._last is not None:
                return self._last
            return Speaker(name=phrase.strip(), named=False)
        words = phrase.split()
        if len(words) == 1 and self._find_by_name(words[0]) is None and words[0] in self._intros:
            # "Churkin", first named in full earlier: "Russia's permanent representative … Vitaly Churkin"
            self.note(parse_speaker(self._intros[words[0]]))
        role_only = re.match(r"^the\s+([a-z][a-z -]+)$", bare)
        if role_only:
            wanted = role_only.group(1)
            for person in reversed(self._people):
                if wanted in f"{person.role} {person.organization}".lower() or (
                    wanted in ("publication", "newspaper", "paper") and person.type == "media"
                ):
                    self._last = person
                    return person
        return self.note(parse_speaker(phrase))

    def _find_by_name(self, name: str) -> Speaker | None:
        parts = name.split()
        if not parts:
            return None
        for person in reversed(self._people):
            theirs = person.name.split()
            if person.name == name or (len(parts) == 1 and theirs and theirs[-1] == parts[0]):
                return person
            if len(parts) > 1 and theirs == parts[-len(theirs) :]:
                return person
        return None
