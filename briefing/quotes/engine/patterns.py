"""The engine's patterns, compiled once per grammar from its words (:class:`_Patterns`)."""

from __future__ import annotations

import re

from briefing.quotes.grammar import Grammar

# a speaker phrase: no clause punctuation, no quotation mark, no dash
_SPEAKER = (
    r"(?:[^,.;:!?«»“”„\"—–()\[\]\n]|«[^«»\n]{1,40}»|„[^„“\n]{1,40}“|\"[^\"\n]{1,40}\"|\([^()\n]{1,40}\)"
    # (a site's address: "NEWSru.com", "Lenta.ru")
    r"|(?<=\w)\.(?=(?:ru|com|net|org|info|ua|by|kz|de|at|ch|fr|eu|su)\b)){1,100}?"
)


# a body's name in quotation marks inside a description ("советник президента фонда «Сколково»")
_NAMED = r"«[^«»\n]{1,40}»|„[^„“\n]{1,40}“"


# capital letters of the Latin, Greek and Cyrillic scripts, for a pattern's character class
_CAPITALS = re.escape("".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()))

# where a speaker phrase after its verb ends: at clause punctuation or a quotation mark — but not at a body's name in
# quotation marks before a person's ("заявил координатор движения «Архнадзор» Константин Михайлов")
_SPEAKER_END = rf"(?=\s*(?:(?!(?-i:«[{_CAPITALS}][^«»\n]{{0,39}}»\s+[{_CAPITALS}]))[,.;:!?—–«»“”„\"()\n]|$))"


_DASH = r"(?:[—–]|\s-\s)"

# a number that opens a date or a time (a word in lower case after it: "8 февраля", "10.30 utc"; not an age,
# "51-Jährige", nor part of a name, "Bayer 04 Leverkusen")
_DATED = rf"(?=\d[\d.:]*\s+(?-i:(?![{_CAPITALS}])\w))"

# the writer's words that may follow a speaker phrase to a clause's end (when and where it was said)
_WRITERS = r"[^,.;:!?«»“”„\"—–()\[\]\n]{1,200}?"


def _compiled(used: bool, pattern: str, flags: re.RegexFlag) -> re.Pattern[str]:
    """``pattern`` compiled when a grammar ``used`` it; else one that never matches (and costs nothing to build)."""
    return re.compile(pattern if used else "(?!)", flags)


class _Patterns:
    """The engine's patterns, built from a grammar's words."""

    def __init__(self, g: Grammar) -> None:
        cue = rf"(?P<cue>{g.cue})(?!\w)"
        comp = "|".join(re.escape(c) for c in g.complementizers) or "(?!)"
        according = "|".join(r"\s+".join(map(re.escape, a.split())) for a in g.according_before) or "(?!)"
        # ("Как отмечает X, …": the word and any form of a verb of saying, opening a sentence)
        as_cue = (
            rf"(?:{'|'.join(map(re.escape, g.according_as_cue))})\s+(?:{g.cue})(?!\w)" if g.according_as_cue else ""
        )
        mine = "|".join(map(re.escape, (*g.possessive_words, *g.reflexive_words))) or "(?!)"
        # the nouns that, after a word of ``according_noun_before``, make an "according to" (a sentence holding none
        # is not tried against it)
        self.according_nouns = (*g.according_compounds, *g.according_view_nouns)
        lead_words = "|".join(map(re.escape, g.according_noun_before))
        if g.according_compounds and lead_words:
            # "nach Polizeiangaben": the word before a compound whose end is a report noun
            nouns = "|".join(map(re.escape, g.according_compounds))
            according += rf"|(?:{lead_words})(?=\s+[^\W\d_][\w-]*(?:{nouns})\b)"
        if g.according_view_nouns and lead_words:
            # "nach ersten Ermittlungen der Polizei", "nach Meinung der …": the word, up to two words in lower case
            # (an article, an adjective), and a noun of a report or a view; its source follows
            # (not a possessive: "nach seinen Informationen" is the possessive rule's)
            nouns = "|".join(map(re.escape, g.according_view_nouns))
            word = rf"(?-i:(?![A-Z])(?!(?:{mine})\b)[^\W\d_][\w-]*)"
            according += rf"|(?:{lead_words})(?:\s+{word}){{0,2}}\s+(?:{nouns})\b"
        owner = mine
        if g.possessive_names:
            owner += r"|[^\W\d_][\w-]*s"  # a name's genitive ("nach Hännis Ansicht"; its capital is checked)
        possessive = "|".join(
            r"\s+".join(f"(?:{owner})" if w == "{}" else re.escape(w) for w in phrase.split())
            for phrase in g.according_possessive
        )
        self.according_possessive = re.compile(
            rf"^\W*(?P<cue>{possessive or '(?!)'}),?\s+(?P<content>.+)$", re.IGNORECASE
        )
        # a word of each such phrase that a sentence holding it must hold ("ansicht" of "nach {} ansicht")
        self.possessive_heads = tuple(
            {max((w for w in phrase.lower().split() if w != "{}"), key=len) for phrase in g.according_possessive}
        )
        self.possessive_within = re.compile(rf"(?<=\s)(?P<cue>{possessive or '(?!)'})(?=[\s,])", re.IGNORECASE)
        after_acc = "|".join(re.escape(a) for a in g.according_after) or "(?!)"
        flags = re.IGNORECASE
        self.after_inverted = re.compile(
            # (a name's other spelling in brackets may stand before the description: "Мартен Мишло (Martin Michelot),
            # сотрудник …")
            # (and the date it was said on after the name, however long the writer's words after it: "— сказал
            # Медведев 8 февраля на встрече с …")
            rf"^\s*[,.!?…]?\s*{_DASH}?\s*{cue}(?:\s+(?P<speaker>{_SPEAKER})(?:\s+{_DATED}{_WRITERS})?)?"
            rf"(?:\s*\([^()\n]{{1,60}}\))?"
            rf"(?:,\s+(?P<appositive>{_SPEAKER}))?{_SPEAKER_END}",
            flags,
        )
        self.after_normal = re.compile(
            rf"^\s*[,.!?…]?\s*{_DASH}\s*(?P<speaker>{_SPEAKER})\s+{cue}{_SPEAKER_END}", flags
        )
        # '"…," Mr Letwin said on Friday.', '"…," Thomas Dawson, an IMF director, said.': the speaker and the verb after
        # a quotation that ends on its own comma (``comma_inside``), when and where it was said after the verb
        # (the patterns of one language's constructions are compiled for the grammars that have them: a verb of
        # saying's every form is in each, which makes them costly to build)
        self.after_comma_inside = _compiled(
            g.comma_inside,
            # (the description's closing comma is often left out: "…," Anais Faraj, an analyst at Nomura told the BBC.)
            rf"^\s*(?P<speaker>{_SPEAKER})(?:,\s+(?P<appositive>{_SPEAKER}),?)?\s+{cue}"
            rf"(?:\s+[^,.;:!?«»“”„\"—–()\n]{{1,60}}?)?{_SPEAKER_END}",
            flags,
        )
        # "Pavel Drozd said the deal was fair", "He told MPs the plan was dead": a subject, a verb of saying, whom it
        # was said to, and content with no word opening it (``bare_content``: the reader checks it is a clause)
        whom = "|".join(map(re.escape, g.addressees)) or "(?!)"
        nouns = "|".join(map(re.escape, g.addressee_nouns)) or "(?!)"
        capitalised = rf"(?-i:[{_CAPITALS}][\w.&’'-]*)"
        definite = "|".join(map(re.escape, g.definite)) or "(?!)"
        # (a name's later words may be numbers: "Radio 4's Today", "Channel 4 News")
        later = rf"(?:{capitalised}|\d[\w’']*)"
        addressee = (
            rf"(?:{whom})\b|(?:(?:{definite})\s+)?{capitalised}(?:\s+{later}){{0,3}}(?:[’']s)?"
            rf"(?:\s+(?:{nouns})\b)?"
        )
        not_after = "|".join(map(re.escape, g.not_reporting_after)) or "(?!)"
        # (when or where it was said may stand between commas after the verb, opening on a preposition: "Altria Group
        # said, in a statement, the government now “must …”")
        # (a word of when, where or to whom: the pack's closing words and prepositions)
        prepositions = "|".join(map(re.escape, sorted(g.closing | g.prepositions, key=len, reverse=True))) or "(?!)"
        bare = (
            rf"{cue}(?:,\s+(?:{prepositions})\s[^,;:«»“”„\"]{{2,40}}?,)?(?!\s+(?:{not_after})\b)"
            rf"(?:\s+(?P<object>{addressee}))?\s+(?P<content>\S.+?)$"
        )
        # "Exports fell for the third month running, the statistics office said on Friday.": the speaker before the verb
        # after the content, and when, where or to whom it was said after it
        closing = "|".join(map(re.escape, sorted(g.closing, key=len, reverse=True))) or "(?!)"
        self.trailing_normal = _compiled(
            g.subject_first_after,
            rf"^(?P<content>.+?),\s*(?P<speaker>{_SPEAKER})\s+{cue}(?:\s+(?:{addressee}))?"
            rf"(?:\s+(?:{closing})\b[^,.;:!?«»“”„\"]{{0,60}}?)?\s*[.!?…]?$",
            flags,
        )
        self.clause = _compiled(g.bare_content, rf"(?:^|[,;]\s+)(?P<speaker>{_SPEAKER})\s+{bare}", flags)
        self.clause_subject = _compiled(
            g.bare_content, rf"^\W*(?P<speaker>(?:[^;:«»“”„\"]|{_NAMED}){{2,200}}?)\s+{bare}", flags
        )
        # '“…” ― Sonya Herridge', '“…” — Oleg Marchenko, at the border crossing.': a name after a dash, with nothing
        # after it but a description, before the paragraph's end or the next quotation (a panel's voices, a caption)
        self.after_dash = re.compile(
            rf"^\s*[,.]?\s*(?:{_DASH}|―)\s*(?P<speaker>(?-i:[{_CAPITALS}])[^,.;:!?«»“”„\"—–―()\n]{{1,60}}?)"
            rf"(?:,\s+(?P<appositive>[^.;:!?«»“”„\"\n]{{1,100}}?))?\s*\.?\s*(?=[«“„\"”]|$)",
            flags,
        )
        # (or, where a statement goes on after its attribution's sentence, past that sentence's stop: "… X said. “…”")
        stop = "[,.:]" if g.joins_after_sentence else "[,:]"
        self.second_part = re.compile(rf"^\s*{stop}?\s*{_DASH}?\s*")
        self.inside = re.compile(
            rf"(?:[,.!?…]\s*{_DASH}|{_DASH})\s*{cue}\s+(?P<speaker>{_SPEAKER})\s*[.,]\s*{_DASH}\s*", flags
        )
        self.before_according = re.compile(
            rf"(?:^|[,.;]\s+)(?P<cue>{according})\s+(?P<speaker>[^,;:«»“”„\"]{{2,100}}?),?\s*$", flags
        )
        self.before_normal = re.compile(
            rf"(?:^|[,.;]\s+)(?P<speaker>{_SPEAKER})\s+{cue}(?:\s+[^,:;«»“”„\"]{{1,60}}?)?\s*[:,]\s*{_DASH}?\s*$", flags
        )
        # (what stands before the verb is one part of the sentence, of up to six words: "Am Montag sagte X:", "Nach
        # Details gefragt meint X:")
        self.before_inverted = re.compile(
            rf"(?:^|[,.;]\s+)(?:[\w-]+\s+){{0,6}}?{cue}\s+(?P<speaker>{_SPEAKER})\s*[:,]\s*{_DASH}?\s*$", flags
        )
        self.name_colon = re.compile(r"(?:^|[.!?]\s+|\n)(?P<speaker>[^\W\d_][\w.'’-]*(?:\s+[\w.'’-]+){0,3}):\s*$")
        self.dialogue_open = re.compile(rf"\s*{_DASH}\s*")
        self.dialogue_attribution = re.compile(
            rf"[,.!?…]\s*{_DASH}?\s*{cue}(?:\s+(?P<speaker>{_SPEAKER}))?\s*(?:[.,]\s*(?P<more>{_DASH})?\s*|$)", flags
        )
        opening = "|".join(r"\s+".join(map(re.escape, a.split())) for a in g.according_opening)
        first = "|".join(part for part in (according, opening, as_cue) if part)
        # (a conjunction or sentence adverb may open the sentence before it: "Однако, по мнению аналитиков, …")
        lead = "|".join(map(re.escape, sorted(g.leading, key=len, reverse=True))) or "(?!)"
        self.according_first = re.compile(
            rf"^\W*(?:(?:{lead}),?\s+)?(?P<cue>{first})\s+(?P<speaker>[^,;:]{{2,120}}?),\s+(?P<content>.+)$", flags
        )
        self.according_first_np = re.compile(rf"^\W*(?P<cue>{according})\s+(?P<content>.+)$", flags)
        self.according_within = re.compile(rf"(?<=\s)(?P<cue>{according})\s+", flags)
        between = "|".join(re.escape(b) for b in g.according_between)
        inside = f"{according}|{between}" if between else according
        # "…, считает эксперт, …": a verb of saying and its speaker between commas inside a sentence
        self.cue_inside = re.compile(rf",\s+{cue}\s+(?P<speaker>{_SPEAKER}),\s+", flags)
        self.according_inside = re.compile(rf",\s+(?P<cue>{inside})\s+(?P<speaker>[^,;:]{{2,80}}),\s+", flags)
        self.according_last = re.compile(
            rf"^(?P<content>.+?),?\s+(?P<cue>{according})\s+(?P<speaker>[^,;:«»“”„\"]{{2,120}}?)[.!?…]?$", flags
        )
        about = "|".join(r"\s+".join(map(re.escape, a.split())) for a in g.about_this) or "(?!)"
        # "Об этом заявил X.", "Das sagte X am Montag.": a sentence that only says who said the one before it
        self.about_this = re.compile(rf"^\W*(?:{about})\s+{cue}\s+(?P<speaker>{_SPEAKER}){_SPEAKER_END}\W*$", flags)
        as_said = "|".join(re.escape(a) for a in g.as_said) or "(?!)"
        # "wie X sagte", "как заявил X": the clause, wherever in the sentence it stands
        as_said_clause = rf"(?:{as_said})\s+(?P<speaker>{_SPEAKER})\s+{cue}(?:\s+[^,;:]{{1,40}}?)?"
        self.as_said_first = re.compile(rf"^\W*{as_said_clause},\s+(?P<content>.+)$", flags)
        self.as_said_inside = re.compile(rf",\s+{as_said_clause},\s+", flags)
        self.as_said_last = re.compile(rf"^(?P<content>.+?),\s+{as_said_clause}[.!?…]?$", flags)
        self.according_after_first = re.compile(
            rf"^\W*(?P<speaker>[^,;:]{{2,80}}?)\s+(?P<cue>{after_acc})\s+(?P<content>.+)$", flags
        )
        self.according_after_last = re.compile(
            rf"^(?P<content>.+?),\s+(?P<speaker>[^,;:]{{2,80}}?)\s+(?P<cue>{after_acc})[.!?…]?$", flags
        )
        self.trailing = re.compile(
            rf"^(?P<content>.+?)(?:,\s*{_DASH}?|\s*{_DASH})\s*{cue}(?:\s+(?P<speaker>{_SPEAKER}))?(?:,\s+(?!(?:{comp})\s)(?P<appositive>[^,;]{{2,120}}?))?\s*[.!?…]?$",
            flags,
        )
        # the same with a description that has commas of its own ("…, sagt Jens Aberle, ärztlicher Leiter der Sektion
        # Endokrinologie, Stoffwechsel, Diabetologie am Klinikum."), taken only when it opens on a role; or one after a
        # dash ("…, считает Таня Марш — профессор Университета Уэйк Форест.")
        self.trailing_described = re.compile(
            rf"^(?P<content>.+?)(?:,\s*{_DASH}?|\s*{_DASH})\s*{cue}\s+(?P<speaker>{_SPEAKER})(?:,|\s+[—–])\s+(?!(?:{comp})\s)(?P<appositive>[^;]{{2,200}}?)\s*[.!?…]?$",
            flags,
        )
        # the clause before the verb, from the sentence's start (a subject named and described: see _apposed)
        self.that_subject = re.compile(
            rf"^\W*(?P<speaker>(?:[^;:«»“”„\"]|{_NAMED}){{2,200}}?)\s+{cue}(?:\s+[^,;:]{{1,60}}?)?,?\s+(?:{comp}),?\s+"
            rf"(?P<content>.+?)$",
            flags,
        )
        self.before_subject = re.compile(
            rf"^\W*(?P<speaker>[^:;«»“”„\"]{{2,200}}?)\s+{cue}(?:\s+[^,:;«»“”„\"]{{1,120}}?)?\s*[:,]\s*{_DASH}?\s*$",
            flags,
        )
        self.that = re.compile(
            rf"(?:^|[,;]\s+)(?P<speaker>{_SPEAKER})\s+{cue}(?:\s+(?P<after>[^,;:]{{1,60}}?))?,?\s+(?:{comp}),?\s+(?P<content>.+?)$",
            flags,
        )
        self.inverted_that = re.compile(
            rf"(?:^|[,;]\s+|\s){cue}\s+(?P<speaker>{_SPEAKER}),?\s+(?:{comp}),?\s+(?P<content>.+?)$", flags
        )
        # "…, пояснив, что …": a verb of saying as an adverbial participle; its speaker is the clause's subject
        gerunds = "|".join(r"\s+".join(map(re.escape, w.split())) for w in g.gerunds) or "(?!)"
        self.gerund = re.compile(
            rf",\s+(?P<cue>{gerunds})(?:\s+[^,;:«»“”„\"]{{1,30}}?)?,?\s+(?:{comp}),?\s+(?P<content>.+?)$", flags
        )
        # "…, adding that …", "…, saying they were …": a second statement of a report's speaker inside its content
        # (with no word opening it where ``bare_content`` allows)
        # (a comma may stand before the word that opens it: "…, пояснив, что …")
        opener = rf",?\s+(?:{comp}),?\s+" if not g.bare_content else rf"(?:,?\s+(?:{comp}),?\s+|\s+)"
        self.gerund_within = re.compile(rf",\s+(?P<cue>{gerunds}){opener}(?P<content>\S.+?)$", flags)
        # any verb of saying, anywhere: a sentence holding one may report someone else
        self.any_cue = re.compile(rf"(?<!\w)(?:{g.cue})(?!\w)", flags)
        # "— говорит Сплидбёль и подчеркивает, что …": a second verb of the same speaker, joined by "and"
        joined = "|".join(map(re.escape, g.conjunctions)) or "(?!)"
        self.joined_that = re.compile(
            rf"(?:^|[,;]\s+|\s)(?:{g.cue})(?!\w)\s+(?P<speaker>{_SPEAKER})\s+(?:{joined})\s+{cue}"
            rf"(?:\s+[^,;:]{{1,60}}?)?,?\s+(?:{comp}),?\s+(?P<content>.+?)$",
            flags,
        )
        # "… called the bank's behavior “outrageous” and called for bonuses to be “clawed back”": a second verb of
        # saying of the report's speaker, joined by "and" inside its content (an adverb may stand before it: "and also
        # said")
        self.joined_within = re.compile(
            rf",?\s+(?:{joined})\s+(?:[^\W\d_]+\s+)?(?P<cue>{g.cue})(?!\w)(?:,?\s+(?:{comp}))?,?\s+(?P<content>\S.+?)$",
            flags,
        )
        # where the writer may go on after a report's last quotation: a comma (inside the closing mark or after it) and
        # a word, which the reader checks; a dash between spaces; a semicolon
        self.writers_after = re.compile(
            r"(?:,[”\"’»]?|(?<=,[”\"’»]))\s+(?P<word>[^\W\d_]+)(?:\s+(?P<second>[^\W\d_]+))?|\s+[—–]\s+|;\s+"
        )
        # a clause between commas that is no part of the sentence's own (", как сообщало агентство ТАСС,", ", которого
        # цитирует ТАСС,"): read around when the subject and its verb stand on either side of it
        asides = "|".join(map(re.escape, (*g.relatives, *g.as_said, *g.as_words))) or "(?!)"
        relatives = "|".join(map(re.escape, g.relatives)) or "(?!)"
        # (a relative clause between commas right after a name or a noun: ", who last year denied …,")
        self.relative_aside = re.compile(rf"(?<=\w),\s+(?:{relatives})\s[^,;:.!?«»“”„\"\n]{{2,160}}?,(?=\s)", flags)
        self.aside = re.compile(rf",\s+(?:{asides})\s[^,;:«»“”„\"]{{2,100}}?,(?=\s)|\s\([^()\n]{{1,80}}\)", flags)
        # the verb within a few words after a sentence's subject: "Саеб Эрекат | призвал ООН «…»"
        self.cue_after_subject = re.compile(rf"\s+(?:[^\s,«»“”„\"]+\s+){{0,2}}?{cue}\s*", flags)
        self.colon = re.compile(
            rf"^(?P<speaker>{_SPEAKER})\s+{cue}(?:\s+(?P<after>[^,;:]{{1,40}}?))?\s*(?P<mark>[:,])\s+(?P<content>.+?)$",
            flags,
        )
