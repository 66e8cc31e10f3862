"""The speaker book of one article: who was named and who has spoken, so that a pronoun, a surname or a role
met again resolves to someone met before (:class:`_Book`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from briefing.models import Speaker
from briefing.quotes.engine.names import (
    _WORD,
    _clean_phrase,
    _may_be,
    _Mention,
    _opening_article,
    _parse,
    _same_word,
)
from briefing.quotes.engine.speaker_types import _a_party, _author_of, _role_gender
from briefing.quotes.grammar import Grammar


class _Book:
    """The people of one article and who has spoken: a pronoun, a surname or a role resolves to someone met before.

    People are met as speakers and as mentions: a run of two or three capitalised words that are no role and no
    organisation ("Андрей Казанцев"), with the role words right before it ("политолог Андрей Казанцев").
    """

    def __init__(
        self, grammar: Grammar, mentions: list[_Mention], paragraphs: Sequence[tuple[int, int]] = (), text: str = ""
    ) -> None:
        self.grammar = grammar
        self._paragraph_starts = [start for start, _ in paragraphs]
        self.speakers: list[tuple[int, Speaker]] = []
        self.mentions = mentions
        self._starts = [m.position for m in self.mentions]
        # names written as a person's for sure: described, or inside a sentence (a sentence's first word may be
        # any noun, "Слова Сагдеева")
        self._named = {m.name for m in self.mentions if m.described or not m.subject}
        # the described mentions by the last word of their name, for a description given later (see _known)
        self._described: dict[str, list[_Mention]] = {}
        for m in self.mentions:
            if m.described and m.name:
                self._described.setdefault(m.name.split()[-1], []).append(m)
        self._genders: dict[str, str] = {}  # (a name's gender, read once: the pack's reading is costly)
        #: people named bare, described by a post met later (``post_describes_last``): name → the speaker described
        self.learned: dict[str, Speaker] = {}
        #: posts that spoke naming no one and that the person named next holds (``person_heads``): the post as its
        #: quotations were given it → that person
        self.named_next: dict[Speaker, Speaker] = {}
        self.text = text

    def resolve(self, phrase: str, case: str | None, position: int) -> Speaker | None:
        """The speaker ``phrase`` names at ``position`` (where its quote starts)."""
        g = self.grammar
        # (a dash between spaces sets off a description as a comma does: "Mr Schroeder - a staunch supporter of the
        # pact - said")
        head, comma, description = _dashes_as_commas(phrase).partition(", ")
        cleaned = _clean_phrase(head, g)  # (a description between commas after it is kept for _parse)
        if head.strip().lower() in g.possessive_words:
            cleaned = head.strip()  # (one a pack also lists as a leading word: "Ihrer Ansicht nach")
        if not cleaned:
            return None
        if cleaned.lower() in g.plural_pronouns:
            # a group: the last unnamed speaker, if any ("врачи … они предупреждают")
            groups = [s for _, s in self.speakers if not s.named]
            return self._note(position, groups[-1]) if groups else None
        if cleaned.lower() in g.pronouns or cleaned.lower() in g.possessive_words:
            # (a possessive stands for its owner: "по его словам", "d'après ses calculs")
            return self._note(position, self._pronoun(position, g.pronoun_genders.get(cleaned.lower(), "")))
        if g.age_noun.match(cleaned):
            # "sagte die 34-Jährige": someone named before, called by their age, as a pronoun would
            return self._note(position, self._pronoun(position, ""))
        speaker = _parse(f"{cleaned}, {description.strip()}" if comma and description.strip() else cleaned, g, case)
        speaker = _author_of(speaker, g)
        known = self._known(speaker, position)
        if known is not None and speaker.named and len(speaker.name.split()) > len(known.name.split()):
            known = replace(known, name=speaker.name)
        elif (
            known is not None
            and speaker.named
            and case is None
            and speaker.name.split()[-1:] != known.name.split()[-1:]
        ):
            # a name written in the nominative is surer than one brought to it from another case ("Каролина
            # Бороньска-Грыневецка:" over "Бороньская-Грыневецкая", guessed from "Бороньской-Грыневецкой")
            if len(speaker.name.split()) == len(known.name.split()):
                known = replace(known, name=speaker.name)
        if known is None and self._a_noun(speaker):
            speaker = replace(speaker, named=False)  # ("Hebamme", "Kreisverwaltung": who or what, not whose name)
        elif (
            known is None
            and g.one_word_bodies
            and speaker.named
            and speaker.type == "other"
            and not speaker.role
            and " " not in speaker.name
            and not any(_may_be(m.name, speaker.name, full=False) for m in self.mentions)
        ):
            # one word no one in the article is named with, and nothing said of it: a body's name ("Southcorp said"),
            # where news names a person in full before it calls them by their surname
            speaker = replace(speaker, type="organization")
        if known is None and not speaker.named and (g.post_describes_last or g.article_kept):
            written = _with_article(head, speaker.name, g)  # (the name as the phrase writes it, with its article)
            if speaker.role and g.post_describes_last and written.split(None, 1)[0].lower() in g.definite:
                self._describe_last(speaker, head, position)
            if g.article_kept:
                speaker = replace(speaker, name=written)
        elif speaker.named and not speaker.role and not speaker.organization and g.person_heads and self.text:
            bare = known is None or not (known.role or known.organization)
            post = self._post_naming(known.name if known is not None else speaker.name, position) if bare else None
            if post is not None:
                person = replace(known or speaker, role=post.role, organization=post.organization, type=post.type)
                self.learned[person.name] = person
                for _, spoke in self.speakers:
                    if not spoke.named and spoke.role == post.role:
                        self.named_next[spoke] = person  # (the post's own quotations are the person's)
                return self._note(position, person)
        return self._note(position, known or speaker)

    def _post_naming(self, name: str, position: int) -> Speaker | None:
        """The post that ``name`` holds when news calls the person by it first: in the paragraph right before the one
        ``name`` is first met in, with no one named between, a definite article and up to four more words ending on a
        word only a person holds (the pack's ``person_heads``), the subject of a verb of saying ("…, the Trade and
        Industry Secretary has said.¶Patricia Hewitt said …"), with no one named before: the first paragraph of a news
        report calls the person by their post, the next names them. A spokesman's post is someone else's."""
        g = self.grammar
        first = next((m for m in self.mentions if _may_be(m.name, name, full=False)), None)
        at = first.position if first is not None and first.position <= position else position
        k = bisect.bisect_right(self._paragraph_starts, at) - 1
        if k < 1:
            return None
        start, end = self._paragraph_starts[k - 1], self._paragraph_starts[k]
        words = list(_WORD.finditer(self.text, start, end))
        found: tuple[int, str] | None = None
        for i, article in enumerate(words):
            if article.group().lower() not in g.definite:
                continue
            for j in range(i + 1, min(i + 6, len(words))):
                if any(c in ",;:()" for c in self.text[words[j - 1].end() : words[j].start()]):
                    break
                if words[j].group().lower().strip(".") not in g.person_heads:
                    continue
                verbs = [w.group().lower().strip(".") for w in words[j + 1 : j + 3]]
                if any(v in g.cues for v in verbs) and self.text[words[j].end() : words[j].end() + 1].isspace():
                    found = (article.start(), self.text[article.start() : words[j].end()])
                break
        if found is None:
            return None
        where, phrase = found
        post = _parse(_clean_phrase(phrase, g), g, None)
        if (
            post.named
            or not post.role
            or any(w.lower().strip(".,") in g.of_someone for w in post.role.split())
            # (no one named or heard before it either: a post after someone named may call them again — "…, Sanders
            # remarked.¶…, the senator said.¶Sen. Claire McCaskill …")
            or self.mentions[: bisect.bisect_left(self._starts, at)]
            or any(spoke.named and p < where for p, spoke in self.speakers)
        ):
            return None
        return post

    def _describe_last(self, post: Speaker, phrase: str, position: int) -> None:
        """Learn that ``post`` (written with a definite article, in ``phrase``) describes the last speaker named bare,
        when they spoke in an earlier paragraph and no one else was named since (a spokesman's post describes no
        one, nor a party's name)."""
        g = self.grammar
        if (
            not self.speakers
            or any(w.lower().strip(".,") in g.of_someone for w in post.role.split())
            or _a_party(post.role, g)
        ):
            return  # (a spokesman speaks for someone else; "the Tories" are a party)
        at, last = self.speakers[-1]
        if not last.named or last.role or last.organization or last.name in self.learned:
            return
        k = bisect.bisect_right(self._paragraph_starts, position) - 1
        if k < 0 or at >= self._paragraph_starts[k]:
            return
        # (since they were last named: a report's content before its speaker names others — "… on the Law Lords'
        # ruling …, Mary Robinson has said.")
        named = [m.position for m in self.mentions[: bisect.bisect_left(self._starts, position)] if m.name == last.name]
        since = max(at, named[-1]) if named else at
        between = self.mentions[bisect.bisect_right(self._starts, since) : bisect.bisect_left(self._starts, position)]
        # (a name inside the post's own phrase is none: "In his New Year message the Liberal Democrat leader")
        if any(not _may_be(m.name, last.name, full=False) and m.name not in phrase for m in between):
            return
        self.learned[last.name] = replace(last, role=post.role, organization=post.organization, type=post.type)

    def _a_noun(self, speaker: Speaker) -> bool:
        """Whether a "name" is a common noun, in a language that capitalises nouns: one word, lower case after its
        first letter, that no one in the article is named with (a surname alone names someone named in full)."""
        g = self.grammar
        if not g.capitalised_nouns or not speaker.named or " " in speaker.name or not speaker.name[1:].islower():
            return False
        return not any(_may_be(m.name, speaker.name, full=False) for m in self.mentions)

    def _note(self, position: int, speaker: Speaker | None) -> Speaker | None:
        if speaker is not None:
            self.speakers.append((position, speaker))
        return speaker

    def _pronoun(self, position: int, gender: str) -> Speaker | None:
        """Whoever was last the subject of a sentence or spoke before ``position``: the later of the two; failing
        both, the person named last (within a few sentences). A pronoun of one ``gender`` ("она") passes over
        whoever the pack can tell is of the other; when it passes over the last speaker, the person named last
        who fits may be the one."""
        last = next(
            (item for item in reversed(self.speakers) if self._fits(item[1].name, item[1].named, gender, item[1].role)),
            None,
        )
        passed_over = bool(self.speakers) and last is not self.speakers[-1]
        end = bisect.bisect_left(self._starts, position)
        near = [
            m
            for m in self.mentions[max(0, end - 6) : end]
            if position - m.position < 600 and self._fits(m.name, True, gender, m.role)
        ]
        # (a person named right before the quotation is the subject of its words, not who says them: 'Mr Sullivan
        # "made accounting decisions," he told the court' is Mr Ebbers's)
        subjects = [m for m in near if m.subject and not 0 <= position - m.end <= 1]
        # (one who spoke in an earlier paragraph is no longer whom a pronoun stands for when this paragraph has named
        # someone since: "Mathematik in der achten Klasse, Lehrer Rejhan Nisic moderiert. „…“, erklärt er.")
        k = bisect.bisect_right(self._paragraph_starts, position) - 1
        paragraph = self._paragraph_starts[k] if k >= 0 else 0
        moved_on = (
            last is not None
            and last[0] < paragraph
            and bool(near)
            and near[-1].position >= paragraph
            and (near[-1].subject or near[-1].described)
        )
        pick = subjects[-1] if subjects else (near[-1] if near and (last is None or passed_over or moved_on) else None)
        if pick is None and gender and last is not None and not last[1].named and self.grammar.gender is not None:
            # "она" after a body spoke and a woman was named since ("выступила министр … Ольга Прохорова"): her
            since = [m for m in near if m.position > last[0] and self.grammar.gender(m.name) == gender]
            pick = since[-1] if since else None
        if pick is not None and (last is None or pick.position > last[0]):
            mentioned = _parse(pick.phrase, self.grammar, None)
            return self._known(mentioned, pick.position) or mentioned
        return last[1] if last else None

    def _fits(self, name: str, named: bool, gender: str, role: str = "") -> bool:
        """Whether a person of this name and ``role`` may be what a pronoun of ``gender`` stands for: the pack tells
        a name's gender, or a role's ("Umweltministerin" is a woman's, "Wirtschaftsminister" a man's)."""
        if not gender or not named:
            return True
        g = self.grammar
        theirs = self._genders.get(name)
        if theirs is None:
            theirs = self._genders[name] = g.gender(name) if g.gender is not None else ""
        return (theirs or _role_gender(role, g)) in ("", gender)

    def _known(self, speaker: Speaker, position: int) -> Speaker | None:
        """The person met before ``position`` that ``speaker`` names again, with what is known of them."""
        if speaker.named and self.grammar.honours:
            given = speaker.name.split()
            if len(given) == 2 and given[0].lower() in self.grammar.honours:
                # "Sir John": the person named in full with the honour and the given name before ("Sir John Bourn")
                honoured = next(
                    (
                        m
                        for m in reversed(self.mentions[: bisect.bisect_left(self._starts, position)])
                        if m.name.split()[:2] == given and len(m.name.split()) > 2
                    ),
                    None,
                )
                if honoured is not None:
                    return _parse(honoured.phrase, self.grammar, None)
        if speaker.named:
            # a first name counts only when the article names that person in full as a person (a mention), not
            # when the words before a surname were taken for one ("Regnum Минченко")
            full = speaker.name in self._named
            earlier = next(
                (e for _, e in reversed(self.speakers) if e.named and _may_be(e.name, speaker.name, full=full)), None
            )
            if earlier is not None and speaker.role and not earlier.role:
                # described now, bare before: what they are, from here on ("— говорит Лукаш Кулеса, научный
                # руководитель …" after a quote of his with his name alone)
                longer = len(earlier.name.split()) >= len(speaker.name.split())
                return replace(speaker, name=earlier.name) if longer else speaker
            if earlier is not None and (earlier.role or speaker.role):
                return earlier
            mentioned = [
                m
                for m in reversed(self.mentions[: bisect.bisect_left(self._starts, position)])
                if _may_be(m.name, speaker.name, full=full)
            ]
            described = next((m for m in mentioned if m.described), None)
            if described is None and not speaker.role:
                # (or where the article describes them later: "…, said Mr Kennedy." … "Liberal Democrat leader Charles
                # Kennedy, who backs the constitution, …")
                later = [
                    m
                    for m in self._described.get(speaker.name.split()[-1], ())
                    if m.position >= position and _may_be(m.name, speaker.name, full=full)
                ]
                # (one person: a surname shared by two people named later says neither — "John Howard")
                if len({m.name for m in later}) == 1:
                    described = later[0]
            if described is not None and not speaker.role:
                # "die Ökonomin Christiane Neumüller …", later "sagte Neumüller": what she is, from where she was named
                return _parse(described.phrase, self.grammar, None)
            if earlier is not None:
                return earlier
            if mentioned:
                return replace(speaker, name=mentioned[0].name)
            return None
        heads = [w for w in speaker.name.split() if self.grammar.role.match(w)]
        if not heads:
            return None
        head = heads[0]
        last = self.speakers[-1][1] if self.speakers else None
        if last is not None and last.named and last.role and any(self._compound_of(w, head) for w in last.role.split()):
            return last  # ("Gesundheitsminister Johannes Rauch …, sagte er. Der Minister betonte: …")
        for _, earlier in reversed(self.speakers):
            if earlier.named and earlier.role and any(_same_word(w, head, stem=True) for w in earlier.role.split()):
                return earlier
        for m in reversed(self.mentions[: bisect.bisect_left(self._starts, position)]):
            if m.role and any(_same_word(w, head, stem=True) for w in m.role.split()):
                return _parse(m.phrase, self.grammar, None)
        return None

    def _compound_of(self, word: str, head: str) -> bool:
        """Whether ``word`` is a compound that ends on the role ``head``, in a language that writes compounds as one
        word ("Gesundheitsminister" is a "Minister"). Taken for the last speaker only: someone named earlier with
        such a compound is not who a later "der Mediziner" is ("Ernährungsmediziner" Pfeiffer, when Aberle spoke
        last)."""
        return (
            self.grammar.capitalised_nouns
            and len(head) >= _COMPOUND_HEAD
            and word.lower().strip(".,").endswith(head.lower().strip(".,"))
        )


def _with_article(head: str, name: str, g: Grammar) -> str:
    """``name`` with the article that opens the phrase ``head`` it was read from, among the words that open a phrase
    without belonging to it ("but the statistics office" → "the statistics office")."""
    article = _opening_article(head, g)
    if not article or name.lower().startswith(f"{article} "):
        return name
    return f"{article} {name}"


#: a dash between spaces, which may set off a description
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


def _dashes_as_commas(phrase: str) -> str:
    """``phrase`` with the dashes between spaces that set off a description — after a name, opening on a word in lower
    case — read as commas ("Mr Schroeder - a staunch supporter of the pact"; not a dateline's, "LONDON - Donald
    Trump")."""
    if "-" not in phrase and "–" not in phrase and "—" not in phrase:
        return phrase
    first = _SPACED_DASH.search(phrase)
    if first is None or not phrase[first.end() : first.end() + 1].islower():
        return phrase
    before = phrase[: first.start()].split()
    if not before or not before[-1][:1].isupper() or not before[-1][1:].islower():
        return phrase  # (after a name only: not "In May 2013 - four months after …", "drew Trump's ire - he called")
    return _SPACED_DASH.sub(", ", phrase)


#: the shortest role that a compound ending on it holds ("Minister" of "Gesundheitsminister"; not "Chef" alone, which
#: ends "Küchenchef" as well as "Parteichef")
_COMPOUND_HEAD = 6
