"""Offline paragraph and sentence splitting for news text, with character offsets.

Why our own splitter: sumy's default tokenizer needs NLTK's punkt data, which cannot be
downloaded on a firewalled machine; pysbd is right on most news but runs at about 2,000
sentences a second; the figures for every candidate are in docs/performance.md. This one
is a single regular-expression scan for candidate boundaries followed by a few cheap
checks, written for the cases news copy is full of:

- abbreviations that never end a sentence before a name: Mr., Dr., Gen., Sen., St.;
- acronyms that usually do not (the U.S. State Department) but may (… on the U.S. The …);
- dates and numbers: Sept. 22, No. 10, 3.5 per cent; initials: John F. Kennedy;
- quotations: a sentence ends after its closing mark (… war.” Then …), not before an
  attribution (“Stop!” she said), and an em-dash attribution inside a quotation
  (“… do it, — said Churkin. — The agreement …”) ends with the speaker, while the next
  sentence starts at its first word, not at the dash;
- ellipses that trail off (… and so on… the talks) or end a sentence (… failed… Then);
- Chinese and Japanese full stops (。！？), which end a sentence with no space after them.

Other languages bring their own abbreviations, sentence starters and quotation marks as
data (:mod:`briefing.nlp.language_rules`, ``briefing/nlp/lang/<code>.toml``): ген., т. е. and
initials (А. С. Пушкин) in Russian; z. B., Dr. and ordinals (am 3. Oktober) in German;
M., p. ex. and av. J.-C. in French. In those languages no sentence ends inside a quotation
(«…», „…“, »…«, « … »), unless the quotation is interrupted by its speaker as Russian and
French write it («…, — сказал он. — …»), and a French closing mark set off by a space stays
with its sentence.

Every sentence is returned as a ``(start, end)`` span of the text it was given, with no
surrounding white space, so ``text[start:end]`` is the sentence verbatim.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from briefing.nlp.language_rules import DEFAULT_LANGUAGE, LanguageRules, normalise, rules_for

__all__ = ["TITLES", "segment", "split_paragraphs", "split_sentences"]

# A run of terminal punctuation, then any closing quotes or brackets, then white space; or
# the full-width marks of Chinese and Japanese (。！？), which need no space after them.
_CANDIDATE = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)|[。！？]+[」』”’）)\]]*")
# Paragraphs: blank lines always separate them.
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# What a line must end with for a single line break to separate paragraphs.
_LINE_END = frozenset(".!?…:\"”’'»)]")
# …or with an attribution after a quotation, as reader comments and epigraphs are printed:
# “We can build a wall around him.” ― Steve Quinlan
_DASH_ATTRIBUTION = re.compile(r"[\"”»]\s*[―—]\s*[^\s“”\"«»―—][^\n“”\"«»―—]{0,60}$")
_OPENERS = "\"“‘'«([—–-"
_SKIP_AT_START = " \t\n\r—–-"

#: Abbreviated titles, lower-case, that are followed by a name and never end a sentence
#: (the quote finder keeps them inside speaker phrases too).
TITLES = frozenset(
    """mr mrs ms mx dr prof sen rep del gov gen lt col maj capt cmdr adm sgt cpl pte rev hon pres
    supt det insp messrs mmes mme mlle sr jr fr msgr amb atty""".split()
)
# Abbreviations that end a sentence only when a sentence obviously starts next.
_NAME_LIKE = frozenset("st inc corp ltd co bros plc llc gmbh mt ft ave blvd rd dept univ assn est".split())
# Abbreviations that never end a sentence (they are followed by a number or a lower-case word).
_NEVER = frozenset("vs v etc.al e.g i.e cf ca approx viz al fig figs no nos vol pp ch sec art para op".split())
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Words that start sentences in news copy: after an ambiguous abbreviation they mean a break.
_STARTERS = frozenset(
    """a an the he she it its they we i you his her their our this that these those there then
    but and or so yet however meanwhile still also in on at as after before when while if
    although though since because mr mrs ms dr officials police some many most several others
    no not one two three according""".split()
)


def split_paragraphs(text: str, language: str = DEFAULT_LANGUAGE) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` span of every paragraph of ``text``.

    A blank line always separates paragraphs. A single line break separates them too when
    the line before it ends a sentence (scraped text often has one paragraph a line);
    otherwise it is a soft wrap inside the paragraph (a line may end with the closing
    quotation marks of ``language`` too).
    """
    rules = rules_for(language) if language != DEFAULT_LANGUAGE else None
    line_end = _LINE_END if rules is None else rules.line_end
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK.finditer(text):
        _lines(text, pos, m.start(), spans, line_end)
        pos = m.end()
    _lines(text, pos, len(text), spans, line_end)
    return spans


#: the longest line without a sentence's end that is a heading or a caption of its own when it opens a paragraph and
#: a capital opens the next ("Элтон Джон", "Stephen Spielberg at Cannes"): a wrapped line is longer
HEADING_LINE = 60


def _lines(text: str, start: int, end: int, out: list[tuple[int, int]], line_end: frozenset[str]) -> None:
    para_start = start
    nl = text.find("\n", start, end)
    while nl != -1:
        before = text[para_start:nl].rstrip()
        if before and (
            before[-1] in line_end
            or _DASH_ATTRIBUTION.search(before, max(0, len(before) - 80))
            or _heading(before, text, nl + 1, end)
        ):
            _emit(text, para_start, nl, out)
            para_start = nl + 1
        nl = text.find("\n", nl + 1, end)
    _emit(text, para_start, end, out)


def _heading(line: str, text: str, next_start: int, end: int) -> bool:
    """Whether a paragraph's first line, with no sentence's end, is a heading or a picture's caption on a line of its
    own: short, opening on a capital or a digit, the next line on a capital (not a line wrapped in a paragraph)."""
    line = line.strip()
    if not line or len(line) > HEADING_LINE or "\n" in line or not (line[0].isupper() or line[0].isdigit()):
        return False
    following = text[next_start:end].lstrip(" \t")
    return following[:1].isupper()


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def split_sentences(
    text: str, start: int = 0, end: int | None = None, language: str = DEFAULT_LANGUAGE
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one paragraph) into sentences; spans index into ``text``.

    ``language`` (an ISO 639-1 code) picks the abbreviations and quotation marks; English, and a
    language without data of its own, get the English rules.
    """
    if end is None:
        end = len(text)
    if language != DEFAULT_LANGUAGE:
        rules = rules_for(language)
        if rules is not None:
            return _split_with(text, start, end, rules)
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, m, end):
            _add(text, sent_start, m.end(), spans)
            sent_start = m.end()
    _add(text, sent_start, end, spans)
    return spans


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start] in _SKIP_AT_START:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # a sentence needs a letter or a digit; a lone dash or quote mark is not one
    if end > start and any(c.isalnum() for c in text[start:end]):
        out.append((start, end))


def _is_boundary(text: str, m: re.Match[str], limit: int) -> bool:
    # the first character of what follows, past white space, dashes and opening marks
    nxt = m.end()
    while nxt < limit and (text[nxt].isspace() or text[nxt] in _OPENERS):
        nxt += 1
    if nxt >= limit:
        return True
    first = text[nxt]
    punct = m.group()
    if punct[0] in "。！？":
        # 「…終わった。」と述べた: a quotation closed inside a sentence that goes on in hiragana
        return not (punct[-1] in "」』" and "\u3040" <= first <= "\u309f")
    if first.islower():
        return False  # “Stop!” she said · the U.S. economy · e.g. the talks
    if punct[0] != "." or punct.startswith(".."):
        return True  # ! ? and ellipses followed by a capital end the sentence
    # a single period: look at the word it closes
    word_start = text.rfind(" ", 0, m.start()) + 1
    word = text[word_start : m.start()].lstrip(_OPENERS).lower()
    if not word:
        return True
    if word in TITLES:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: John F. Kennedy
    if word in _NEVER:
        return False
    if word in _MONTHS:
        return not first.isdigit()
    if word[:1].isdigit() or (word[:1] in "$£€¥" and word[1:2].isdigit()):
        return True  # a number ends the sentence: "sued for $28.3bn. Analysts …", "rose 3.5m. Shares …"
    if "." in word or word in _NAME_LIKE:
        # U.S., U.N., a.m., St., Inc.: a break only if a sentence obviously starts next
        return _next_word(text, nxt, limit) in _STARTERS
    return True


def _next_word(text: str, start: int, limit: int) -> str:
    end = start
    while end < limit and (text[end].isalpha() or text[end] in "'’"):
        end += 1
    return text[start:end].lower()


def segment(text: str, language: str = DEFAULT_LANGUAGE) -> Iterator[tuple[int, int, int]]:
    """Yield ``(paragraph_number, start, end)`` for every sentence of ``text``.

    Paragraphs are numbered from 1. Callers that want boilerplate left out pass the
    masked text from :func:`briefing.nlp.boilerplate.mask`; the offsets are the same.
    """
    for number, (p_start, p_end) in enumerate(split_paragraphs(text, language), start=1):
        for s_start, s_end in split_sentences(text, p_start, p_end, language):
            yield number, s_start, s_end


# --- languages with data of their own (briefing/nlp/lang/<code>.toml) ---

_DASHES = "—–-"
# a number before a unit (в 2010 г.), an ordinal, a century in Roman numerals (в XX в.)
_NUMBER = re.compile(r"(?:\d+(?:[.,:–—-]\d+)*|[IVXLC]+)")


def _split_with(text: str, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    quoted = _quotations(text, start, end, rules) if rules.quote_marks is not None else []
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in rules.candidate.finditer(text, start, end):
        if _boundary_in(text, m, end, rules, quoted):
            _add(text, sent_start, m.end(), spans)
            sent_start = m.end()
    _add(text, sent_start, end, spans)
    return spans


def _quotations(text: str, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    """The ``(opening, closing)`` positions of the paragraph's outermost quotations, paired by position and nesting.

    A mark that closes the innermost open quotation closes it; otherwise an opening mark opens
    one. Quotations still open at the paragraph's end (a quotation that goes on in the next
    paragraph, a missing mark) hold nothing: the paragraph is split as if they were not there.
    """
    assert rules.quote_marks is not None
    pairs = rules.quotes
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in rules.quote_marks.finditer(text, start, end):
        c, i = m.group(), m.start()
        if stack and pairs[stack[-1][0]] == c:
            found.append((stack.pop()[1], i))
        elif c in pairs:
            stack.append((c, i))
    # the outermost quotations, in order: a candidate inside an inner one is inside its outer one
    outer: list[tuple[int, int]] = []
    for opening, closing in sorted(found):
        if not outer or opening > outer[-1][1]:
            outer.append((opening, closing))
    return outer


def _boundary_in(text: str, m: re.Match[str], limit: int, rules: LanguageRules, quoted: list[tuple[int, int]]) -> bool:
    nxt = m.end()
    while nxt < limit and (text[nxt].isspace() or text[nxt] in rules.openers):
        nxt += 1
    if nxt >= limit:
        return True
    first = text[nxt]
    punct = m.group()
    if punct[0] in "。！？":
        return not (punct[-1] in "」』" and "\u3040" <= first <= "\u309f")
    if first.islower():
        return False
    if quoted:
        k = bisect.bisect_left(quoted, (m.start(),)) - 1
        if k >= 0 and m.end() <= quoted[k][1]:
            # inside a quotation: only where its speaker interrupts it (…, — сказал он. — Мы …)
            after = m.end()
            while after < limit and text[after].isspace():
                after += 1
            return after < limit and text[after] in _DASHES
    if punct[0] != "." or punct.startswith(".."):
        return True
    return _after_period(text, m.start(), nxt, limit, rules)


def _after_period(text: str, period: int, nxt: int, limit: int, rules: LanguageRules) -> bool:
    """Whether the single period at ``period`` ends a sentence, the next word starting at ``nxt``."""
    word_start = period
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:period].lstrip(rules.openers)
    if not word:
        return True
    if rules.multi_part is not None:
        kind = _multi_part(text, period, rules)
        if kind is not None:
            return _by_kind(kind, text, word_start, nxt, limit, rules)
    low = word.lower()
    if len(word) == 1 and word.isalpha():
        if word.isupper():
            return False  # an initial: А. С. Пушкин
        for kind in ("units", "ending", "ambiguous"):
            if low in getattr(rules, kind):
                return _by_kind(kind, text, word_start, nxt, limit, rules)
        return False  # a one-letter abbreviation
    if low[0].isdigit():
        if word_start == 0 or text[word_start - 1] == "\n":
            return False  # a list's number: 1. Дюссельдорф …
        if rules.ordinal_before and _is_ordinal(text, word_start, low, nxt, limit, rules):
            return False  # am 3. Oktober, im 20. Jahrhundert
        return True
    for kind in ("units", "titles", "never", "ending", "months", "ambiguous"):
        if low in getattr(rules, kind):
            return _by_kind(kind, text, word_start, nxt, limit, rules)
    if "." in low:
        return _next_word(text, nxt, limit) in rules.starters  # acronyms with periods
    return True


def _multi_part(text: str, period: int, rules: LanguageRules) -> str | None:
    """The kind of the abbreviation of several parts (т. е., z. B.) that ends at ``period``, if one does."""
    assert rules.multi_part is not None
    found = rules.multi_part.search(text[max(0, period - 24) : period])
    if found is None:
        return None
    return rules.multi_kind.get(normalise(found.group()))


def _by_kind(kind: str, text: str, word_start: int, nxt: int, limit: int, rules: LanguageRules) -> bool:
    first = text[nxt]
    if kind == "units":
        return first.isupper() and _number_before(text, word_start, rules)
    if kind == "ending":
        return True  # a capital or a digit follows: the lower-case case was settled before
    if kind == "months" and first.isdigit():
        return False
    if kind in ("months", "ambiguous"):
        return _next_word(text, nxt, limit) in rules.starters
    return False  # titles, never


def _number_before(text: str, word_start: int, rules: LanguageRules) -> bool:
    """Whether a number, or a number and a unit (5 млрд руб.), comes before the word at ``word_start``."""
    for _ in range(2):
        end = word_start
        while end > 0 and text[end - 1].isspace():
            end -= 1
        begin = end
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
        if end == begin:
            return False
        if _NUMBER.fullmatch(text, begin, end) is not None:
            return True
        if text[begin:end].rstrip(".").lower() not in rules.units:
            return False
        word_start = begin
    return False


def _is_ordinal(text: str, word_start: int, number: str, nxt: int, limit: int, rules: LanguageRules) -> bool:
    if not number.isdigit() or len(number) > 3:
        return False
    if _next_word(text, nxt, limit) in rules.ordinal_after:
        return True
    end = word_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end].lower() in rules.ordinal_before
