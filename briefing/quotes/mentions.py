"""Who an article names: every "First Surname", how each is introduced ("Dr. Jane Roe, director of
the X Institute"), and where each is mentioned again, by full name or surname alone — what a
:class:`~briefing.quotes.speakers.SpeakerBook` resolves "Roe", "she" and "the director" with.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection

from briefing.quotes.phrases import CUES, LEADING, PRONOUN_OPENS
from briefing.quotes.speakers import PACK, POSSESSIVE, classify, is_body, is_role_or_org_word, parse_speaker

__all__ = [
    "FULL_NAME",
    "find_acronyms",
    "find_body_names",
    "find_introductions",
    "find_mentions",
    "find_names",
    "find_subjects",
    "written_as_body",
]


# first name + surname, role and organisation words left out
FULL_NAME = re.compile(
    r"(?P<full>(?P<first>[A-Z](?<!\w[A-Z])[a-z]+(?:-[A-Z][a-z]+)?)[ \t]+"
    r"(?P<surname>(?:al-|de |van |von )?[A-Z][\w’'-]+))\b"
)

# a body's name and its possessive: "UKIP's", "Foster's", "Labour's"
_BODYS = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}['’]s"

# a description right after a name: ", the director of …", ", a professor at …"
_APPOSITIVE = re.compile(
    r",\s+((?:the\s+|a\s+|an\s+)[^,.;:“”\"]{2,100}|[a-z][^,.;:“”\"]{0,60}\b(?:of|at|for|with)\b[^,.;:“”\"]{2,80}"
    # or a post at an organisation named first: ", UKIP's deputy leader,", "…, said Trevor O'Hoy, Foster's chief
    # executive officer."
    rf"|{_BODYS}\s+[a-z][^,.;:“”\"]{{2,60}}(?=[,.;]|\s*$)"
    # or where they work, with no post: ", at Citigroup Global Markets", ", from Goldman Sachs"
    r"|(?:at|from)\s+(?:the\s+)?[A-Z][^,.;:“”\"]{1,80}(?=[,.;]|\s*$))"
)

# … or a post written in capitals, to the end of the clause: ", NUJ General Secretary.", ", Bishop of Durham,"
_CAPITALISED_POST = re.compile(
    r",\s+([A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w&.'’-]*){0,5})(?=[,.;]|\s*$)"
)


def _capitalised_post(text: str, end: int) -> re.Match[str] | None:
    """The capitalised description right after a name ending at ``end``, when it types its holder as a post does
    (not another name in a list: ", Gordon Brown,")."""
    m = _CAPITALISED_POST.match(text, end, end + 120)
    return m if m is not None and classify(m.group(1), "") != "other" else None


# a second name coordinated with the first, after a plural description of both
_AND_NAME = re.compile(r"\s+and\s+[A-Z]")
_PLURAL_END = re.compile(r"[^s']s\s*$")

# what stands between two names of a list: "and", and the second's title ("… and Sir George Young")
_NEXT_IN_LIST = re.compile(r"\s+and\s+(?:(?:Sir|Dame|Lord|Lady|Dr|Prof|Mr|Mrs|Ms)\.?\s+)?")
# a body's possessive before a name: "Labour's " of "Labour's Robin Cook and Tony Wright"
_OWNED = re.compile(_BODYS)


def _one_of(lead: str) -> str:
    """A plural description as each of the people it describes holds it ("Tories" → "Tory", "Labour MPs" → "Labour
    MP"), when it is a post the type lexicons know; "" for any other ("Hollywood stars")."""
    words = lead.split()
    if not words or not words[-1].endswith("s"):
        return ""
    last = words[-1]
    one = " ".join([*words[:-1], last[:-3] + "y" if last.endswith("ies") else last[:-1]])
    return one if classify(one, "") != "other" else ""


# a lead that says nothing of who they are: a title alone
_TITLE_ONLY = re.compile(r"^\s*(?:(?:Mr|Ms|Mrs|Mx|Dr|Prof)[.\u2024]?\s*)?$")

# where the words introducing a name may begin: a sentence, clause or quotation, or after a verb of saying
_CLAUSE_START = re.compile(rf"(?:^|\n|[.;:!?“”\"«»]\s*|,\s+(?:and\s+)?|\band\s+|\bthat\s+|\bby\s+|\b(?:{CUES})\s+)")


# capitalised words that start sentences or names of other things, not first names: "But Parry", "When
# Clinton", "The Tories", "Six Nations"
_NOT_FIRST_NAMES = PACK.not_first_names


def find_names(text: str) -> list[re.Match[str]]:
    """Every "First Surname" in the text (found once, used for introductions and mentions)."""
    found: list[re.Match[str]] = []
    m = FULL_NAME.search(text)
    while m is not None:
        if (
            not is_role_or_org_word(m.group("first"))
            and not is_role_or_org_word(m.group("surname"))
            and m.group("first").lower() not in _NOT_FIRST_NAMES
        ):
            found.append(m)
        m = FULL_NAME.search(text, m.start() + 1)  # overlapping: "Barack Obama Jr" holds two
    return found


def find_introductions(text: str, names: list[re.Match[str]]) -> dict[str, str]:
    """The first full mention of each surname with its description, for resolving "Churkin" or "Veld"."""
    intros: dict[str, str] = {}
    shared, shared_end = "", -1  # a plural post before a list of names, which each of them holds, and where it ends
    for m in names:
        surname = m.group("surname")
        if surname in intros:
            continue
        window = text[max(0, m.start() - 120) : m.start()]
        starts = [c.end() for c in _CLAUSE_START.finditer(window)]
        lead = LEADING.sub("", window[starts[-1] :] if starts else window)  # not "But" of "But Edward Leigh"
        if shared and _NEXT_IN_LIST.fullmatch(text, shared_end, m.start()):
            # ("Tories Ken Clarke and Sir George Young", "Labour's Robin Cook and Tony Wright")
            lead = f"{shared} {lead.strip()} ".replace("  ", " ")
        elif _OWNED.fullmatch(lead.strip()) and _AND_NAME.match(text, m.end("full")):
            shared, shared_end = lead.strip(), m.end("full")  # (whose they both are)
        elif not lead.strip() and window.rstrip().endswith(","):
            lead = _described_before(window.rstrip()[:-1])
            if lead and parse_speaker(f"{lead}{m.group('full')}").name != m.group("full"):
                lead = ""  # (a description the speaker parser cannot tell from the name is left out)
        elif _TITLE_ONLY.match(lead) or (_PLURAL_END.search(lead) and _AND_NAME.match(text, m.end("full"))):
            # (in "Hollywood stars Kevin Spacey and Kate Bosworth" neither is "Hollywood stars"; in "Tories Ken Clarke
            # and Sir George Young" each is a Tory: a plural post goes to every name of the list, in the singular)
            one = "" if _TITLE_ONLY.match(lead) else _one_of(lead)
            lead = f"{one} " if one else ""
            shared, shared_end = one, m.end("full")
        intro = f"{lead}{m.group('full')}".strip()
        appositive = _APPOSITIVE.match(text, m.end("full"), m.end("full") + 200) or _capitalised_post(
            text, m.end("full")
        )
        if appositive and (not lead or _first_names(lead)):
            # (a lead of given names is the name's own start: "Carlos" of "said Carlos Baez Silva, president of …")
            intro += ", " + appositive.group(1)
        elif not lead:
            described = _described_next_door(text, m, names)
            if described:
                intro += ", " + described
        intros[surname] = intro
    if any("," not in intro for intro in intros.values()):
        _describe_by_definite_posts(text, names, intros)
    return intros


#: a sentence that opens on a post with "the" and goes on with its verb: "The prime minister has made it clear …",
#: "The Tory leader supports …" (not "The prime minister's wife …": whose the wife is says nothing of who she is)
_DEFINITE_POST = re.compile(
    r"\b(?P<post>The(?:\s+[A-Za-z][\w'’-]*){1,4}?)(?=\s+(?:has|had|is|was|will|would|also|then|later|[a-z]+s|[a-z]+ed)\b)"
)
#: … or one after a conjunction that goes on about the same ("But the Tory leader will argue …"; not after
#: "Meanwhile", "Separately", which turn to someone else), matched where str.find finds the conjunction
_CONJUNCTIONS = ("But the ", "And the ", "Yet the ", "However, the ")
_DEFINITE_AFTER = re.compile(
    r"(?:But|And|Yet|However,)\s+(?P<post>the(?:\s+[A-Za-z][\w-]*){1,3}?)"
    r"(?=\s+(?:has|had|is|was|will|would|also|then|later|[a-z]+s|[a-z]+ed)\b)"
)


def _definite_posts(text: str) -> list[re.Match[str]]:
    """The posts with "the" that open a sentence's subject, in text order (:data:`_DEFINITE_POST`,
    :data:`_DEFINITE_AFTER`)."""
    found = list(_DEFINITE_POST.finditer(text))
    for conjunction in _CONJUNCTIONS:
        at = text.find(conjunction)
        while at >= 0:
            m = _DEFINITE_AFTER.match(text, at)
            if m is not None:
                found.append(m)
            at = text.find(conjunction, at + 1)
    return sorted(found, key=lambda m: m.start()) if len(found) > 1 else found


#: the words a post ends on that only a person is: "leader", "secretary"
_PERSON_HEADS = PACK.person_heads


#: how many sentences about "he" or "she" (:data:`~briefing.quotes.phrases.PRONOUN_OPENS`) a post looks back past for
#: the person named
_PRONOUN_SENTENCES = 3


def _describe_by_definite_posts(text: str, names: list[re.Match[str]], intros: dict[str, str]) -> None:
    """Give a person the article names bare the post a sentence then opens on ("Tony Blair says …. The prime minister
    is trying …", "… backed Michael Howard's stance. The Tory leader supports …"): news calls the person it just
    named by their post. The post goes to the person the sentence before opens on, else to the one it named last,
    when nothing describes them yet, neither that sentence nor anyone the article names with it holds the post (then
    it is someone else's: "He met the chancellor. The chancellor …", "Home Secretary David Blunkett"), the post is an
    office, and it says nothing itself ("The mayor said …" is a speaker of its own, read as written)."""
    mentions: list[tuple[int, str]] | None = None  # (found when a post first calls for them)
    starts: list[int] = []
    for m in _definite_posts(text):
        if not _OPENS_SENTENCE.search(text, max(0, m.start() - 4), m.start() + 1):
            continue  # (opening its sentence)
        if m.group("post").rsplit(None, 1)[-1].lower() not in _PERSON_HEADS:
            continue  # (the phrase ends on what a person is: "leader", "chancellor"; not "The Tories say Labour")
        if _VERB_AFTER.match(text, m.end()) and text[: m.start()].rstrip(" \t")[-1:] not in ("\n", ""):
            # a post that says something within a paragraph may be anyone's ("Gordon Brown sets out … . The prime
            # minister responds by …"); one that opens the paragraph after someone's is theirs ("…, Charles Kennedy
            # has said.¶The Liberal Democrat leader predicted …")
            continue
        post = _as_post(m.group("post")[:1].upper() + m.group("post")[1:])
        if not post or classify(post, "") != "official":
            continue  # (an office: a strategist or a singer may be anyone the sentence before named)
        words = post.split(None, 1)[-1].lower()
        if any(_holds(other, words) for other in intros.values()):
            continue  # (someone the article names with it holds it: "Home Secretary David Blunkett")
        at = m.start()
        back = len(text[:at].rstrip())  # (the sentence before may end a paragraph)
        before_start = _sentence_around(text, max(0, back - 1), max(0, back - 1))[0]
        if post.lower().split(None, 1)[-1] in text[before_start:at].lower():
            continue
        if mentions is None:
            mentions = find_mentions(text, names)
            starts = [p for p, _ in mentions]
        # (whom that sentence opens on, its subject, is whom the next goes on about — "Marco Rubio says the race is
        # between himself, Donald Trump and Ted Cruz. The Florida senator …"; else the person it named last)
        named = [k for k in range(bisect.bisect_left(starts, before_start), bisect.bisect_left(starts, at))]
        for _ in range(_PRONOUN_SENTENCES):
            if named or not PRONOUN_OPENS.match(text, before_start):
                break
            # (a sentence about "he" goes on about the person named before it: "Michael Howard is to make a pitch
            # …. He will say …. But the Tory leader will argue …")
            back = len(text[:before_start].rstrip())
            if back == 0:
                break
            at_before = before_start
            before_start = _sentence_around(text, back - 1, back - 1)[0]
            named = [k for k in range(bisect.bisect_left(starts, before_start), bisect.bisect_left(starts, at_before))]
        if not named:
            continue
        first = named[0]
        opens = _BEFORE_SUBJECT.match(text[before_start : starts[first]].lstrip()) is not None
        surname = mentions[first if opens else named[-1]][1]
        owner = POSSESSIVE.sub("", surname)
        if owner != surname and owner not in intros:
            # named so far only as an owner ("backed Michael Howard's stance"): the name without its "'s"
            full = next((n.group("full") for n in names if n.group("surname") == surname), "")
            intros[owner] = POSSESSIVE.sub("", full)
        intro = intros.get(owner, "")
        if intro and "," not in intro and len(intro.split()) <= 3:
            intros[owner] = f"{intro}, {post}"


def _holds(intro: str, post: str) -> bool:
    """Whether an introduction gives its person ``post`` (lower case): right before the name ("Home Secretary David
    Blunkett") or after it ("David Blunkett, the home secretary")."""
    low = intro.lower()
    at = low.find(post)
    if at < 0:
        return False
    after = intro[at + len(post) :].split(",")[0].split()
    return low[:at].rstrip().endswith(",") or (bool(after) and all(w[:1].isupper() for w in after))


def _first_names(lead: str) -> bool:
    """Whether the words before a "First Surname" are more of the name: one or two capitalised words, none a title, a
    role or an organisation's."""
    words = lead.split()
    return 0 < len(words) <= 2 and all(
        w[:1].isupper() and w[1:].islower() and not is_role_or_org_word(w) and w.lower() not in _NOT_FIRST_NAMES
        for w in words
    )


def _described_next_door(text: str, name: re.Match[str], names: list[re.Match[str]]) -> str:
    """The post a neighbouring sentence gives a person the article names bare: news names someone, then calls them
    by their post as the next sentence's subject ("Gordon Brown has addressed the conference. The Chancellor said
    …"), or opens on the post, or ends on it, and names them in the next sentence ("France's finance minister has
    said …. Herve Gaymard said …"; "…, a Home Office minister has said. Hazel Blears said …"). Taken only when the
    person opens their sentence, no one else is named in either sentence, and the post is someone's who says
    something there (a post of a known type, not "the company") — else ""."""
    # (the cheap tests first: most names have neither a post after their sentence nor one before it)
    following = _SENTENCE_END.search(text, name.end(), name.end() + 600)
    after = _POST_SUBJECT.match(text, following.end()) if following else None
    opens = _OPENS_SENTENCE.search(text, max(0, name.start() - 4), name.start() + 1) is not None
    if after is None and not opens:
        return ""
    start, end = _sentence_around(text, name.start(), name.end())
    before_start = _sentence_around(text, max(0, start - 2), max(0, start - 2))[0] if opens and start else start
    before = _POST_SUBJECT.match(text, before_start, start) if before_start < start else None
    trailing = (
        _TRAILING_POST.search(text, before_start, start) if opens and before is None and before_start < start else None
    )
    if after is None and before is None and trailing is None:
        return ""
    if not _BEFORE_SUBJECT.match(text[start : name.start()]) or _names_between(text, names, start, end, name):
        return ""
    if after and _names_between(text, names, end, _sentence_around(text, end, end)[1], name) == 0:
        return _as_post(after.group("post"))
    if text[start : name.start()].strip():
        return ""  # (a post named before sets up the next sentence's subject, which opens on the name itself)
    if before and _names_between(text, names, before_start, start, name) == 0:
        return _as_post(before.group("post"))
    if trailing and _names_between(text, names, before_start, start, name) == 0:
        # "UK Muslims should accept …, a Home Office minister has said. Hazel Blears said …": news's lead gives the
        # post, the next sentence the name
        return _as_post(trailing.group("post"))
    return ""


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]``: after the last sentence end before it, up to and
    including the next one's spaces (the next sentence begins there)."""
    begin = 0
    low = max(0, start - 400)
    while True:
        # (back from the span a clause at a time: the sentence's start is near, and a scan forward over the window
        # would visit every sentence end in it)
        at = max(text.rfind(mark, low, start) for mark in _ENDS)
        if at < 0:
            break
        m = _SENTENCE_END.match(text, at, start + 1)  # (its look-ahead sees the next letter)
        if m is not None and m.end() <= start:
            begin = m.end()
            break
        start = at
    after = _SENTENCE_END.search(text, end, end + 600)
    return begin, after.end() if after else min(len(text), end + 600)


def _names_between(text: str, names: list[re.Match[str]], start: int, end: int, but: re.Match[str]) -> int:
    """How many people other than ``but``'s stand in ``[start, end)``: full names, and surnames after a title
    ("Mr Blair", "Lord Woolf")."""
    surname = but.group("surname")
    titled = sum(1 for m in _TITLED.finditer(text, start, end) if m.group(1) != surname)
    return titled + sum(1 for m in names if start <= m.start() < end and m.group("surname") != surname)


_TITLED = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, (*PACK.courtesy_titles, *PACK.honours, *PACK.surname_titles)))
    + r")\.?\s+([A-Z][\w’'-]+)"
)


def _as_post(post: str) -> str:
    """``post`` as a person's description, when it is a post of a known type that only a person holds."""
    speaker = parse_speaker(post)
    if speaker.named or is_body(speaker) or speaker.name.split()[-1].lower().endswith("s"):
        return ""  # (a name, the company or the ministry, the ministers: no one's post)
    first, rest = post.split(None, 1)
    if first == "The":
        post = f"the {rest}"
    return post if classify(rest if first.lower() == "the" else post, "") != "other" or POSSESSIVE.search(first) else ""


#: the characters a sentence ends on (then spaces and a capital: see _SENTENCE_END)
_ENDS = (".", "!", "?", "\n")
#: a name that opens its sentence: the text's start, a paragraph's, or after a sentence's end
_OPENS_SENTENCE = re.compile(r"(?:^|\n\s*|[.!?][\"”’']?[ \t]+)(?=[A-Z])")

_SENTENCE_END = re.compile(r"(?:[.!?][\"”’']?[ \t]+|\n\s*)(?=[\"“‘']?[A-Z])")

#: a sentence that opens on a post and says something: "The Chancellor said", "Meanwhile, France's finance minister
#: has said", "The prime minister has told"
_POST_SUBJECT = re.compile(
    r"(?:(?:" + "|".join(map(re.escape, PACK.sentence_adverbs)) + r"),?\s+)?"
    r"(?P<post>(?:[Tt]he|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s)(?:\s+[\w-]+){1,4}?)"
    rf"\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?(?:{CUES})\b"
)


#: a sentence that ends on a post saying it: "…, a Home Office minister has said."
_TRAILING_POST = re.compile(
    r",\s+(?P<post>(?:[Aa]n?|[Tt]he)\s+[^,.;:“”\"]{2,60}?)\s+(?:has\s+|had\s+|have\s+)?"
    rf"(?:{CUES})\b[^,.;:“”\"]{{0,40}}[.!?]\s*$"
)


def _described_before(prior: str) -> str:
    """ "Its chief executive" of "Its chief executive, Pieter Aalders, called …": the description that opens the
    clause before a name and its comma — a few words, a role or organisation among them — else ""."""
    starts = [c.end() for c in _DESCRIPTION_START.finditer(prior)]
    raw = (prior[starts[-1] :] if starts else prior).strip()
    if raw.split()[:1] and raw.split()[0].lower() in _NOT_DESCRIBING:
        return ""  # ("On Sunday, …", "For a short time, …", "As a test, …": a clause's opening words describe no one)
    segment = LEADING.sub("", raw).strip()
    words = segment.split()
    if not 2 <= len(words) <= _DESCRIBED_BEFORE_WORDS or not _DESCRIPTION_OPENS.match(segment):
        return ""
    if words[-1].lower() in _ORDINALS:
        return ""  # ("And a third, Daniel Traynor": one of several, no description)
    return segment + ", "


#: where a description before a name may begin: a sentence, a clause after a comma ("and" may follow), a quotation —
#: not after "by" or a verb of saying ("by her side, Hillary Clinton")
_DESCRIPTION_START = re.compile(r"(?:^|\n|[.;:!?“”\"«»]\s*|,\s+(?:and\s+)?)")

#: words that open a clause of time, place or manner, never a description of someone: the pack's prepositions,
#: the words that lead a time ("on", "in", "by") and the function words that are prepositions ("for", "to")
_NOT_DESCRIBING = (
    frozenset(PACK.prepositions)
    | frozenset(PACK.time_leads)
    | (frozenset(PACK.function_words) - frozenset(PACK.determiners) - {"and", "but", "or", "that"})
)
#: the pack's quantifiers and ordinal words: "a third, Daniel Traynor" is one of several, not a description
_ORDINALS = frozenset(PACK.quantifiers) | frozenset(PACK.ordinals)


# a description opens on an article or a possessive: "Its chief executive", "A ministry spokesman", "Varnia's foreign
# minister", "the state's governor"
_DESCRIPTION_OPENS = re.compile(
    r"^(?:(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s)"
)


#: the most words a description before a name and its comma may have ("Varnia's foreign minister, Pavel Drozd")
_DESCRIBED_BEFORE_WORDS = 6

_WORD_CHAR = re.compile(r"\w")


def find_mentions(text: str, names: list[re.Match[str]]) -> list[tuple[int, str]]:
    """Where each person is mentioned (full name or surname alone), for resolving "he" and "she"."""
    surnames = {m.group("surname") for m in names}
    if not surnames:
        return []
    # the names first and the word boundary before them checked by hand: a pattern that begins
    # with its alternatives skips to their first letters, one that begins with \b tries every position
    pattern = re.compile(r"(?:" + "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True)) + r")\b")
    found: list[tuple[int, str]] = []
    m = pattern.search(text)
    while m is not None:
        if m.start() == 0 or not _WORD_CHAR.match(text, m.start() - 1):
            found.append((m.start(), m.group()))
            m = pattern.search(text, m.end())
        else:  # inside a word ("McSmith"): a name may still start in what it covered
            m = pattern.search(text, m.start() + 1)
    return found


# what may stand between a sentence's start and its subject's name: a sentence adverb, an article, a title, words
# in capitals (a party, a post: "Tory leader", "Conservative") and a few describing words ("fellow Tory")
_BEFORE_SUBJECT = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, PACK.sentence_adverbs)) + r")\b,?\s+)?"
    # when or where, before the subject: "However during the case on Tuesday Mr Ebbers denied …"
    r"(?:(?i:" + "|".join(map(re.escape, PACK.time_leads)) + r")\s+(?:the\s+|a\s+|an\s+)?[A-Za-z][a-z-]*"
    r"(?:\s+(?:" + "|".join(map(re.escape, PACK.time_leads)) + r")\s+(?:the\s+|a\s+)?[A-Z]?[a-z][\w-]*){0,2},?\s+)?"
    r"(?:(?:the|a|an|fellow|former|then|ex-|new|his|her|their)\s+|[A-Z][\w.'’-]*\s+)*$"
)
# a coordinated clause's start, where a subject may open it: ", but", ", and", "; "
_CLAUSE_OPENING = re.compile(r"(?:,\s+(?:but|and|yet|while|although|though|whereas)|;)\s+")
# a sentence's start: the text's, a paragraph's, or after a full stop or a closing quotation mark
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?][\"”’']?\s+|[\"”]\s+)(?=[^\n]*$)")
# after the name (and a description between commas), a verb of saying: the sentence reports what they said
# ("… Heathcoat-Amory said …", "Mr Ebbers denied …"), not what became of them ("Mutu was sacked …")
_VERB_AFTER = re.compile(rf"(?:,[^,.;:“”\"]{{2,100}},)?\s+(?:has\s+|had\s+|also\s+)?(?:{CUES})\b")


def find_subjects(
    text: str, mentions: list[tuple[int, str]], quoted: Callable[[int], bool] = lambda _: False
) -> frozenset[int]:
    """The positions of the mentions that open their sentence as its subject ("But fellow Tory David Heathcoat-Amory
    said …", "Mr Ebbers denied …"): only capitalised words, titles and a few describing words stand before the name
    since the sentence began, and a verb of saying follows it (after a description between commas, if any); none
    inside a quotation (``quoted``), whose sentences are the speaker's."""
    found = set()
    for position, surname in mentions:
        if not _VERB_AFTER.match(text, position + len(surname)) or quoted(position):
            continue  # (the verb first: most names are followed by none)
        window = text[max(0, position - 80) : position]
        start = None
        for m in _SENTENCE_START.finditer(window):
            start = m.end()
        for m in _CLAUSE_OPENING.finditer(window, start or 0):
            start = m.end()  # a clause of its own after a comma: "…, but on Wednesday Mr Straw said …"
        before = window[start:] if start is not None else (window if position < 80 else None)
        if before is not None and _BEFORE_SUBJECT.match(before):
            found.add(position)
    return frozenset(found)


def find_acronyms(text: str, spell: Collection[str] = ()) -> dict[str, str]:
    """What the article says each body's initials stand for: "the Public and Commercial Services Union (PCS)" →
    ``{"PCS": "Public and Commercial Services Union"}``, "AARA, an association that represents …" → ``{"AARA":
    "association"}`` — so that "PCS leader" is typed by the union. The first definition of each stands; a spelled-out
    name counts only when its capitalised words open on the initials' first letter. Initials in ``spell`` that the
    article never defines are spelled by a body's name it gives anywhere ("NUJ" by "National Union of Journalists")."""
    found: dict[str, str] = {}
    for bracket in _BRACKETED_INITIALS.finditer(text):
        # (the brackets first, then the name before them: a pattern that began with the name would be tried at every
        # capital of the text)
        m = _SPELLED_OUT.search(text, max(0, bracket.start() - 160), bracket.start())
        if m is None:
            continue
        initials, words = bracket.group(1), m.group("name").split()
        # (from the word the initials begin with: not "The" of "The Electronic Frontier Foundation (EFF)")
        first = next((k for k, w in enumerate(words) if w[0] == initials[0]), None)
        if first is not None and sum(w[:1].isupper() for w in words[first:]) >= 2:
            found.setdefault(initials, " ".join(words[first:]))
    for m in _DESCRIBED_AS.finditer(text):
        found.setdefault(m.group("initials"), m.group("what"))
    used = set(spell) - found.keys()
    if used:
        # initials the article uses without defining them, spelled by a body's name it gives elsewhere: "The National
        # Union of Journalists said …" then "NUJ official Barry Fitzpatrick" (its capitalised words, in turn, with
        # only a body name's small words between them)
        by_letter: dict[str, list[str]] = {}
        for initials in used:
            by_letter.setdefault(initials[0], []).append(initials)
        capitals = [(m.start(), m.end(), m.group()) for m in _CAPITALISED_WORD.finditer(text)]
        for k, (at, _, head) in enumerate(capitals):
            for initials in by_letter.get(head[0], ()):
                if initials in found or k + len(initials) > len(capitals):
                    continue
                run = capitals[k : k + len(initials)]
                if all(
                    w[2][0] == letter and _BETWEEN_NAME_WORDS.fullmatch(text, prev[1], w[0])
                    for prev, w, letter in zip(run, run[1:], initials[1:], strict=False)
                ) and not _BODY_WORDS.isdisjoint(w[2].lower() for w in run):
                    found[initials] = text[at : run[-1][1]]
    return found


#: a body's initials in brackets: "(PCS)"
_BRACKETED_INITIALS = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
#: the name before them, up to the bracket: "the Public and Commercial Services Union "
_SPELLED_OUT = re.compile(r"(?P<name>(?:[A-Z][\w&'’.-]*\s+(?:(?:of|and|for|the|on|in|&)\s+)*){1,8})$")
#: words that make a name a body's ("Union", "Office"; not "United States", whose "US" is a nationality)
_BODY_WORDS = PACK.organisation_words | frozenset(PACK.body_nouns)
_SHORT_BODY_NAMES = PACK.short_body_names
#: the verb forms that may stand before a committee's name, whom one spoke to ("told the joint committee")
_SAID_TO = frozenset(form for verb in ("tell", "say") for form in PACK.inflect(verb) if form)
#: a word of a name: a capital, then lower case ("National")
_CAPITALISED_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[a-z][\w'’.-]*")
_BETWEEN_NAME_WORDS = re.compile(r"\s+(?:(?:of|and|for|the|on|in|&)\s+)*")


#: a body's initials, then what it is: "AARA, an association that represents …", "the EFF, a civil liberties group"
_DESCRIBED_AS = re.compile(
    r"(?P<initials>[A-Z](?<!\w[A-Z])[A-Z&]{1,7}),\s+(?:an?|the)\s+(?P<what>(?:[\w-]+\s+){0,4}?(?:"
    + "|".join(map(re.escape, PACK.body_nouns))
    + r"))\b"
)


#: a body's noun written with a capital at a post's start, as the article's own short name for a body it named in
#: full before: "Committee chairman Barry Sheerman" after "The Commons education select committee"
_NOUN_OPENING_POST = re.compile(r"^(?P<noun>[A-Z][a-z]+)\s+[a-z]")


def find_body_names(text: str, role: str) -> str:
    """``role`` with a body's noun that opens it ("Committee chairman") spelled by the fullest name of a body on that
    noun the article gives whose words type it ("the Commons education select committee"): what the short name
    stands for. ``role`` as it is when it opens on no such noun or the article names no such body."""
    m = _NOUN_OPENING_POST.match(role)
    if m is None or m.group("noun").lower() not in _SHORT_BODY_NAMES:
        return role
    noun = m.group("noun")
    best = ""
    for named in re.finditer(rf"((?:[\w'’&-]+\s+){{1,5}}){re.escape(noun.lower())}\b", text, re.IGNORECASE):
        words = named.group().split()
        while words and (words[0].lower() in PACK.function_words or words[0].lower() in _SAID_TO):
            words = words[1:]  # ("the Commons education select committee", "told the joint committee")
        phrase = " ".join(words)
        if len(words) > 1 and classify(phrase, "") != "other" and len(phrase) > len(best):
            best = phrase
    return f"{best}{role[m.end('noun') :]}" if best else role


#: after a body's name: "…, which", "said it", "'s shares", " shares" (what only a body has: `[body_possessions]`)
_AFTER_BODY = re.compile(
    r",?\s+which\b|\s+(?:has\s+|had\s+)?(?:said|says|added|warned|announced)\s+(?:that\s+)?it\b|\s+shares\b"
    r"|['’]s\s+(?:[a-z][\w-]*\s+)?(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(PACK.body_possessions, key=len, reverse=True))
    + r")\b"
)
_SHARES_IN = re.compile(r"\bshares\s+in\s+$")
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(map(re.escape, PACK.courtesy_titles)) + r")\.?\s+$")


def written_as_body(text: str, name: str) -> bool:
    """Whether the article writes ``name`` as a body's, not a person's: "BT said it …", "British American Tobacco,
    which …", "BT's shares", "GE's net profits", "shares in BT" — and never with a title ("Mr Cairn")."""
    if not name or not name[:1].isupper() or len(name) > 60:
        return False
    last = name.split()[-1]
    at = text.find(last)
    while at >= 0:  # (the surname alone, after a title: a person)
        if _TITLE_BEFORE.search(text, max(0, at - 6), at):
            return False
        at = text.find(last, at + 1)
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        whole = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        if whole and (_AFTER_BODY.match(text, end) or _SHARES_IN.search(text, max(0, at - 12), at)):
            return True
        at = text.find(name, at + 1)
    return False
