"""Find the boilerplate in an article's text: bylines, time stamps, share buttons, photo credits.

Boilerplate is *masked*, never cut: :func:`mask` returns a copy of the text of the same
length with boilerplate replaced by spaces, so every offset the later stages compute
still points into the original article text.

Other languages add their own furniture from their data file (:mod:`briefing.nlp.language_rules`):
"Фото: …", "Читайте также", "Lesen Sie auch", "Lire aussi", bylines ("Von …", "Par …"), and
the datelines before a story's first sentence ("МОСКВА, 12 марта. /ТАСС/.", "Berlin (dpa) -",
"PARIS (AFP) -"). English is masked as it always was.
"""

from __future__ import annotations

import functools
import re

from briefing.nlp.language_rules import DEFAULT_LANGUAGE, rules_for

__all__ = ["boilerplate_spans", "mask"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_STAMP = rf"\d{{1,2}}[:.]\d{{2}}\s*(?:[AP]M\s*)?(?:[A-Z]{{2,4}})?,?\s*\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"

# Daily Mail-style header run into the first paragraph:
# "By . Jane Doe . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 14:23 EST, 25 October 2013 ."
_INLINE_HEADER = re.compile(
    r"(?:By\s*\.\s*[^.\n]{1,80}?\s*\.\s*(?:and\s*\.\s*[^.\n]{1,80}?\s*\.\s*)?)?"
    rf"(?:PUBLISHED|UPDATED|Last updated at)\s*:?\s*\.?\s*{_STAMP}\s*\.?\s*"
    rf"(?:\|\s*\.?\s*UPDATED\s*:?\s*\.?\s*{_STAMP}\s*\.?\s*)?",
    re.IGNORECASE,
)
# the words every inline header holds: a quick search for them spares the header pattern,
# which cannot skip ahead and is tried at every position, on the articles that have none
_INLINE_HEADER_WORD = re.compile(r"published|updated", re.IGNORECASE)
_INLINE_BYLINE = re.compile(r"^By\s*\.\s*[^.\n]{1,80}?\s*\.\s*(?=[A-Z(“\"'])", re.MULTILINE)

# Whole lines that are never part of the story. Kept short and anchored: a sentence
# that merely contains these words is left alone.
_LINE_PATTERNS = [
    # bylines: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By JANE DOE | Staff writer"
    r"By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|al-\w+|and|&|,))"
    r"{0,8}(?:\s*[,|]\s*[\w '’-]{0,40})?",
    # datelines and time stamps on their own line
    r"(?:Published|Updated|Last updated|Posted)\s*:?\s*.{0,60}\d.{0,40}",
    rf"{_STAMP}.{{0,20}}",
    # share and follow furniture
    r"(?:Share|Tweet|Email|Print)(?:\s+(?:this|on|via)\b.{0,40})?",
    r"(?:Share|Follow)\s+(?:this\s+(?:article|story)|us\b.{0,40})",
    r"(?:Scroll down for video|Advertisement|ADVERTISEMENT|Read more\s*:.{0,200}|Related\s*:.{0,200})",
    r"(?:Sign up|Subscribe)\b.{0,80}(?:newsletter|updates|inbox)\.?",
    r"(?:Click here\b|Watch\s*:).{0,80}",
    # photo and image credits
    r"\(?(?:Photo|Photograph|Picture|Image|Video|Credit|Pictured|Source)\s*(?:by|credit|copyright)?\s*[:|/]"
    r".{0,120}\)?",
    r"\(?(?:Photo|Photograph|Picture)\s+by\s+.{0,100}\)?",
    r"Image copyright\s.{0,100}",
    r"\(?(?:AFP|AP|Reuters|Getty Images|EPA|PA|Shutterstock)(?:\s*/\s*[\w .-]{1,40})?(?:\s+via\s+[\w .]{1,40})?\)?",
]
_LINES = re.compile(r"^[ \t]*(?:" + "|".join(_LINE_PATTERNS) + r")[ \t]*$", re.MULTILINE)


def _may_hold_inline_header(text: str) -> bool:
    """Whether ``text`` holds "published" or "updated" in any case, as :data:`_INLINE_HEADER_WORD` finds them.

    Looked for in the lower-cased text (a search that ignores case cannot skip ahead: it took about 40 µs an
    article); the pattern itself only when the text holds "ı", "İ" or "ſ", which match i and s when case is
    ignored but are not lower-cased to them.
    """
    low = text.lower()
    if "published" in low or "updated" in low:
        return True
    return any(c in text for c in "ıİſ") and _INLINE_HEADER_WORD.search(text) is not None


def boilerplate_spans(text: str, language: str = DEFAULT_LANGUAGE) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of boilerplate in ``text``, sorted and non-overlapping.

    ``language`` adds its own furniture and datelines to the English patterns.
    """
    spans = [m.span() for m in _LINES.finditer(text) if m.end() > m.start()]
    rules = rules_for(language) if language != DEFAULT_LANGUAGE else None
    if rules is not None:
        for pattern in (rules.boilerplate_lines, rules.datelines):
            if pattern is not None:
                spans += [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    if _may_hold_inline_header(text):
        spans += [m.span() for m in _INLINE_HEADER.finditer(text) if m.end() > m.start()]
    spans += [m.span() for m in _INLINE_BYLINE.finditer(text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mask(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Return ``text`` with its boilerplate replaced by spaces (same length, newlines kept)."""
    return _mask(text, language)


@functools.lru_cache(maxsize=16)
def _mask(text: str, language: str) -> str:
    # the splitter and the quote finder both mask the article they are given: done once
    spans = boilerplate_spans(text, language)
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pieces.append("".join("\n" if c == "\n" else " " for c in text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
