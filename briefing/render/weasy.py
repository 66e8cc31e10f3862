"""WeasyPrint's document for a brief, started from a leaner user-agent stylesheet when the brief allows it.

WeasyPrint's own stylesheet for HTML gives every element a ``::marker`` and five pseudo-elements
for footnotes and notes (``::footnote-call``, ``::footnote-marker``, ``::note-call``,
``::note-marker``, ``::note-callback``), and WeasyPrint computes a style for each of them
whether or not it is ever drawn: six styles for every element of the brief, all held until
the PDF is written. A brief whose pages use no footnotes or notes needs none of the five, and
one whose only list items are ``<li>`` needs markers on those alone; without them a 191-page
brief lays out in 94 MB less and a little faster, and the PDF is byte for byte the same
(docs/history/performance.md; a test compares the two).

The leaner stylesheet is WeasyPrint's own with those rules narrowed, so it follows whatever
version is installed; when that version's stylesheet or hook is not the one expected, or the
brief's HTML mentions footnotes, notes, other list items or an outside stylesheet, the
document starts from WeasyPrint's stylesheet unchanged.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from briefing.render.html_tree import html_tree

__all__ = ["html_document", "lean_user_agent", "tree_document"]

logger = logging.getLogger(__name__)

#: WeasyPrint's rules for footnote and note pseudo-elements, each matching every element
_NOTE_RULES = ("::footnote-call {", "::footnote-marker {", "::note-call {", "::note-marker {", "::note-callback {")
#: its rule for markers, matching every element; list items in HTML are <li> (and <summary>)
_MARKER_RULE = "::marker {"
_LI_MARKER_RULE = "li::marker, summary::marker {"
#: a selector no element of a brief matches (WeasyPrint adds no attributes of its own)
_NO_ELEMENT = "[data-briefing-never]"

#: words in a brief's HTML that mean its house style may use what the leaner stylesheet leaves out
_NEEDS_NOTES = ("footnote", "note-call", "note-marker", "note-callback")
_NEEDS_MARKERS = ("list-item",)
_OUTSIDE_STYLES = ("<link", "@import")
#: what WeasyPrint parses when it is handed the page's tree ready-made (a <base> would change its base URL,
#: and html_tree takes no page that has one)
_EMPTY_PAGE = "<!DOCTYPE html><html><head></head><body></body></html>"


def lean_user_agent(html: str) -> tuple[bool, bool]:
    """Which of WeasyPrint's rules ``html`` can do without: ``(notes, markers_beyond_li)``.

    True means the rules can be left out. The test is on the whole text of the page, so a
    brief whose article text happens to say "footnote" keeps the note rules: never wrong,
    only not as lean.
    """
    lowered = html.lower()
    if any(word in lowered for word in _OUTSIDE_STYLES):
        return False, False
    notes = not any(word in lowered for word in _NEEDS_NOTES)
    markers = not any(word in lowered for word in _NEEDS_MARKERS)
    return notes, markers


@functools.lru_cache(maxsize=4)
def _stylesheet(drop_notes: bool, drop_markers: bool) -> Any:
    """WeasyPrint's user-agent stylesheet with the chosen rules narrowed, or None when it cannot be."""
    try:
        from weasyprint import CSS
        from weasyprint import html as weasy_html
        from weasyprint.css.counters import CounterStyle

        source = str(weasy_html.UA)
    except (ImportError, AttributeError) as exc:
        logger.debug("WeasyPrint's user-agent stylesheet is not where expected (%s): used as it is", exc)
        return None
    rules = (_NOTE_RULES if drop_notes else ()) + ((_MARKER_RULE,) if drop_markers else ())
    for rule in rules:
        if source.count(rule) != 1:
            logger.debug(
                "WeasyPrint's user-agent stylesheet has %d rules %r, not one: used as it is", source.count(rule), rule
            )
            return None
        narrowed = _LI_MARKER_RULE if rule == _MARKER_RULE else f"{_NO_ELEMENT}{rule}"
        source = source.replace(rule, narrowed)
    # a counter style of its own: WeasyPrint's shared one already holds the stylesheet's counter styles
    return CSS(string=source, counter_style=CounterStyle())


def _parsed(html: str, tree: Any, options: dict[str, Any]) -> Any:
    """WeasyPrint's document of ``html``, holding ``tree`` (its ``<html>`` element) if given, not parsed again."""
    from weasyprint import HTML

    document = None if tree is None else _from_tree(tree, options)
    return HTML(string=html, **options) if document is None else document


def _from_tree(tree: Any, options: dict[str, Any]) -> Any:
    """WeasyPrint's document holding ``tree``, or None when this WeasyPrint cannot be handed a tree."""
    from weasyprint import HTML

    document = HTML(string=_EMPTY_PAGE, **options)
    try:
        import cssselect2

        wrapper = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
    except (ImportError, AttributeError, TypeError) as exc:
        logger.debug("WeasyPrint's document could not take a parsed tree (%s): it parses the page itself", exc)
        return None
    if not (hasattr(document, "wrapper_element") and hasattr(document, "etree_element")):
        return None
    document.wrapper_element = wrapper
    document.etree_element = wrapper.etree_element
    return document


def html_document(html: str, **options: Any) -> Any:
    """``weasyprint.HTML(string=html, **options)``, starting from the leaner stylesheet when it can.

    The page's tree comes from libxml2 when it is sure to be the one WeasyPrint's own parser would
    build (:mod:`briefing.render.html_tree`): the same document in a twentieth of the time.
    """
    return _leaner(_parsed(html, html_tree(html), options), *lean_user_agent(html))


def tree_document(tree: Any, lean: tuple[bool, bool], **options: Any) -> Any:
    """WeasyPrint's document of a tree of ``xml.etree`` elements (its ``<html>``), or None when the installed
    WeasyPrint cannot be handed one; ``lean`` is :func:`lean_user_agent` of the page the tree comes from."""
    document = _from_tree(tree, options)
    return None if document is None else _leaner(document, *lean)


def _leaner(document: Any, drop_notes: bool, drop_markers: bool) -> Any:
    """``document`` starting from WeasyPrint's stylesheet with the chosen rules narrowed, where it can."""
    if not (drop_notes or drop_markers):
        return document
    lean = _stylesheet(drop_notes, drop_markers)
    try:
        from weasyprint.html import UA_STYLESHEET
    except ImportError:
        return document
    hook = getattr(document, "_ua_stylesheets", None)
    if lean is None or hook is None:
        return document

    def stylesheets(forms: bool = False) -> list[Any]:
        return [lean if sheet is UA_STYLESHEET else sheet for sheet in hook(forms)]

    document._ua_stylesheets = stylesheets
    return document
