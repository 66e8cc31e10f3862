"""What a brief's stylesheet asks of the pages, read before the brief is laid out in parts.

A long brief is laid out part by part (:mod:`briefing.render.parts`), and a part cannot see the
others: it does not know how many pages come before it or after it, which running head was set
on an earlier page, or on which page a story it links to will fall. This module reads the
stylesheet (with tinycss2, which WeasyPrint parses CSS with) for the few things that depend on
the other parts, so that they can be supplied from outside:

- the margin boxes that show a page counter (``counter(page)``, ``counter(pages)``), drawn over
  the joined pages by one small document of as many pages (:mod:`briefing.render.join`), and left
  out of the parts;
- the named strings set with ``string-set`` (the running heads), whose value where a part begins
  is worked out from the document and handed to the part;
- ``target-counter(attr(href), page)`` in the front matter's contents list, rewritten to read
  the page number from an attribute that is filled in once every other part is laid out.

Anything else that depends on the whole document — page selectors other than ``:first``, named
pages, running elements, footnotes, cloned box decorations, counters of pages in the text, other
``target-*`` functions, or a margin box that mixes a counter with other content — makes the brief
unsuitable for parts, and it is laid out as one document as before. :func:`read_page_style`
returns ``None`` for such a stylesheet and says why in the debug log.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PAGE_ATTRIBUTE", "PageStyle", "StringRule", "read_page_style"]

logger = logging.getLogger(__name__)

#: the attribute a contents entry's page number is read from once ``target-counter`` is rewritten
PAGE_ATTRIBUTE = "data-briefing-page"

_PAGE_SELECTORS = ("", ":first")
_COUNTER_FUNCTIONS = ("counter", "counters")
#: words whose presence anywhere in the stylesheet means it relies on the whole document
_WHOLE_DOCUMENT = re.compile(
    r"running\s*\(|element\s*\(|footnote|box-decoration-break|target-text|target-counters|@import", re.IGNORECASE
)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_TARGET_COUNTER = re.compile(r"target-counter\(\s*attr\(\s*([A-Za-z_][\w-]*)\s*\)\s*,\s*page\s*\)", re.IGNORECASE)
#: margin boxes along one edge are laid out together: each side's boxes, and each corner on its own
_EDGES = {
    "top-left": "top",
    "top-center": "top",
    "top-right": "top",
    "bottom-left": "bottom",
    "bottom-center": "bottom",
    "bottom-right": "bottom",
    "left-top": "left",
    "left-middle": "left",
    "left-bottom": "left",
    "right-top": "right",
    "right-middle": "right",
    "right-bottom": "right",
}


class _Unsuitable(Exception):
    """The stylesheet relies on the whole document: lay the brief out as one."""


@dataclass(frozen=True)
class StringRule:
    """A style rule that sets named strings: its selectors, and per name a list of pieces —
    ``None`` for the element's text (``content(text)``), or a literal string."""

    selectors: tuple[Any, ...]
    values: tuple[tuple[str, tuple[str | None, ...]], ...]


@dataclass
class PageStyle:
    """What the stylesheet asks of the pages that parts must be given from outside."""

    #: the stylesheet as the parts use it (``target-counter`` rewritten to read :data:`PAGE_ATTRIBUTE`)
    css: str
    #: margin boxes that show a page counter, and the other margin boxes in use
    counter_boxes: frozenset[str] = frozenset()
    other_boxes: frozenset[str] = frozenset()
    strings: list[StringRule] = field(default_factory=list)
    #: selectors of the rules that showed ``target-counter`` (the elements must lie in the front matter)
    target_selectors: list[Any] = field(default_factory=list)
    #: the attributes those rules read the target from (``href``)
    target_attributes: frozenset[str] = frozenset()

    def part_css(self) -> str:
        """CSS added to every part: the counter margin boxes are drawn over the joined pages instead."""
        return _boxes_none(self.counter_boxes)

    def overlay_css(self) -> str:
        """CSS for the document that draws the counter margin boxes: nothing else, on no background."""
        return (
            "html, body { background: transparent !important; }"
            " @page { background: transparent !important; }" + _boxes_none(self.other_boxes)
        )


def _boxes_none(names: Iterable[str]) -> str:
    boxes = " ".join(f"@{name} {{ content: none !important; }}" for name in sorted(names))
    return f" @page {{ {boxes} }}" if boxes else ""


def read_page_style(css: str) -> PageStyle | None:
    """Read ``css`` (every stylesheet of the brief, in order) for laying the brief out in parts, or
    None when it relies on the whole document in a way parts cannot reproduce."""
    try:
        return _read(css)
    except (_Unsuitable, ImportError) as exc:
        logger.debug("the brief is laid out as one document: %s", exc)
        return None


def _read(css: str) -> PageStyle:
    import cssselect2
    import tinycss2

    found = _WHOLE_DOCUMENT.search(_COMMENT.sub("", css))
    if found:
        raise _Unsuitable(f"the stylesheet uses {found.group().strip('( ')!r}")
    style = PageStyle(css=css)
    counters: set[str] = set()
    others: set[str] = set()
    attributes: set[str] = set()
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            _page_rule(rule, counters, others, tinycss2)
        elif rule.type == "at-rule":
            text = _COMMENT.sub("", tinycss2.serialize(rule.content or []))
            if re.search(r"@page|string-set|target-counter|counters?\(\s*pages?\b|[\s;{]page\s*:", text):
                raise _Unsuitable(f"@{rule.lower_at_keyword} holds rules about pages")
        elif rule.type == "qualified-rule":
            _style_rule(rule, style, attributes, tinycss2, cssselect2)
    for name in counters:
        edge = _EDGES.get(name, name)
        mixed = [other for other in others - counters if _EDGES.get(other, other) == edge]
        if mixed:
            raise _Unsuitable(f"@{name} shows a page counter beside @{mixed[0]} on one edge of the page")
    style.counter_boxes = frozenset(counters)
    style.other_boxes = frozenset(others - counters)
    style.target_attributes = frozenset(attributes)
    if attributes:
        style.css = _TARGET_COUNTER.sub(f"attr({PAGE_ATTRIBUTE})", css)
        if "target-counter" in style.css.lower():
            raise _Unsuitable("a target-counter() of a form other than target-counter(attr(…), page)")
    return style


def _page_rule(rule: Any, counters: set[str], others: set[str], tinycss2: Any) -> None:
    selector = tinycss2.serialize(rule.prelude or []).strip().lower()
    if selector not in _PAGE_SELECTORS:
        raise _Unsuitable(f"the page selector {selector!r}")
    for item in tinycss2.parse_blocks_contents(rule.content or [], skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            if item.lower_name.startswith("counter-"):
                raise _Unsuitable(f"{item.lower_name} on pages")
        elif item.type == "at-rule":
            text = _COMMENT.sub("", tinycss2.serialize(item.content or []))
            if re.search(r"\bcounters?\(", text):
                if re.search(r"\b(?:string|element|content)\(", text):
                    raise _Unsuitable(f"@{item.lower_at_keyword} mixes a page counter with other content")
                counters.add(item.lower_at_keyword)
            else:
                others.add(item.lower_at_keyword)


def _style_rule(rule: Any, style: PageStyle, attributes: set[str], tinycss2: Any, cssselect2: Any) -> None:
    declarations = [
        d
        for d in tinycss2.parse_blocks_contents(rule.content or [], skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]
    selectors: tuple[Any, ...] | None = None
    for declaration in declarations:
        name = declaration.lower_name
        text = _COMMENT.sub("", tinycss2.serialize(declaration.value))
        if name == "page":
            raise _Unsuitable("named pages")
        if re.search(r"\bcounters?\(\s*pages?\s*[,)]", text):
            raise _Unsuitable("a page counter outside the page's margins")
        targets = _TARGET_COUNTER.findall(text)
        if targets:
            selectors = selectors or _compile(rule, tinycss2, cssselect2)
            style.target_selectors.extend(selectors)
            attributes.update(t.lower() for t in targets)
        if name == "string-set":
            values = _string_set(declaration.value, tinycss2)
            if values:
                selectors = selectors or _compile(rule, tinycss2, cssselect2)
                if any(s.pseudo_element for s in selectors):
                    raise _Unsuitable("string-set on a pseudo-element")
                style.strings.append(StringRule(selectors=selectors, values=values))


def _compile(rule: Any, tinycss2: Any, cssselect2: Any) -> tuple[Any, ...]:
    try:
        return tuple(cssselect2.compile_selector_list(rule.prelude))
    except cssselect2.SelectorError as exc:
        raise _Unsuitable(f"a selector cssselect2 cannot read: {tinycss2.serialize(rule.prelude)!r}") from exc


def _string_set(tokens: list[Any], tinycss2: Any) -> tuple[tuple[str, tuple[str | None, ...]], ...]:
    """``string-set``'s value as (name, pieces) pairs; pieces are literal strings or None for the element's text."""
    out: list[tuple[str, tuple[str | None, ...]]] = []
    group: list[Any] = []
    for token in [*tokens, None]:
        if token is not None and not (token.type == "literal" and token.value == ","):
            if token.type not in ("whitespace", "comment"):
                group.append(token)
            continue
        if not group:
            continue
        head, *pieces = group
        group = []
        if head.type != "ident":
            raise _Unsuitable("a string-set this reader does not know")
        if head.lower_value == "none" and not pieces:
            continue
        values: list[str | None] = []
        for piece in pieces:
            if piece.type == "string":
                values.append(piece.value)
            elif piece.type == "function" and piece.lower_name == "content":
                arguments = [a for a in piece.arguments if a.type not in ("whitespace", "comment")]
                if arguments and not (len(arguments) == 1 and getattr(arguments[0], "lower_value", "") == "text"):
                    raise _Unsuitable(f"string-set with content({tinycss2.serialize(piece.arguments)})")
                values.append(None)
            else:
                raise _Unsuitable(f"string-set with {tinycss2.serialize([piece])}")
        out.append((head.value, tuple(values)))
    return tuple(out)
