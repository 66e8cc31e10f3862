"""The document tree of a brief's HTML, built by libxml2 in C rather than by WeasyPrint's Python parser.

WeasyPrint reads HTML with tinyhtml5, a parser written in Python that follows the HTML standard's
tree-building rules: 0.65 s for the 1 MB of HTML of a 191-page brief, a twentieth of the time of
its PDF. libxml2 (through lxml, which trafilatura already needs) reads the same HTML in 20 ms, and
since version 2.14 it reads the characters of HTML as the standard does. Its tree-building rules
are older than the standard's and differ from them where markup is left open or misnested, or
where the standard builds a construct in its own way (rows without a ``<tbody>``, ``<svg>``,
``<template>``, ``<pre>``'s first line break …).

So the tree is taken from libxml2 only for a page in which every element is closed by its own end
tag, libxml2 reported no error, no element sits where the standard would close or move it, and
none of those constructs appears. It is then built as the same ``xml.etree`` elements with the same
text that tinyhtml5 would give (tests compare the two, element by element, on briefs and on
generated markup); for any other page the caller lets WeasyPrint parse it. A brief made from this
project's templates takes the fast way; a house template with looser markup is read as before.
"""

from __future__ import annotations

import collections
import re
import xml.etree.ElementTree as ET
from typing import Any

__all__ = ["html_tree"]

#: libxml2 from this version on tokenizes HTML as the HTML standard does
_LIBXML2_MIN = (2, 14)

#: a page in standards mode (without it a <table> does not close a <p>, among other quirks)
_DOCTYPE = re.compile(r"\A\ufeff?[ \t\n\f\r]*<!doctype html[ \t\n\f\r]*>", re.IGNORECASE)
#: text whose tree the standard builds by rules libxml2 does not share, or whose characters it rewrites
_UNSHARED = re.compile(
    r"<(?:svg|math|template|pre|listing|textarea|plaintext|xmp|noscript|noembed|noframes|frameset|frame|iframe"
    r"|object|embed|applet|marquee|select|option|optgroup|datalist|form|button|input|image|isindex|col|base"
    r"|ruby|rb|rp|rt|rtc|nobr)(?=[ \t\n\f\r/>])"
    r"|<[?!](?!--|doctype)|<!-->|<!--->|--!>"  # what the standard reads as comments, or ends them oddly
    # NUL, control and non-characters, which the standard drops or replaces or libxml2 may read otherwise
    r"|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]",
    re.IGNORECASE,
)
#: comments, and the text of elements whose content is not markup, left out when tags are counted
_NOT_TAGS = re.compile(r"<!--.*?-->|(<(style|script)\b[^>]*>).*?(?=</\2)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][^\t\n\f\r />]*)")
#: elements whose start tag closes an open <p> under the standard's rules: a <p> never holds them
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer"
    " form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre search section summary table ul"
    " li dd dt".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: where list items may stand without the standard closing an open one above them
_ITEM_PARENTS = {"li": frozenset({"ul", "ol", "menu"}), "dt": frozenset({"dl"}), "dd": frozenset({"dl"})}
#: the children each table element may have for the standard's tree to be libxml2's (it adds a <tbody>
#: around bare rows, and moves anything else out of the table)
_TABLE_PARTS = {
    "table": frozenset({"caption", "colgroup", "thead", "tbody", "tfoot"}),
    "colgroup": frozenset(),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
}
#: the parents each table element may have (the standard moves them, or drops their tags, elsewhere)
_TABLE_PARENTS = {
    "caption": frozenset({"table"}),
    "colgroup": frozenset({"table"}),
    "thead": frozenset({"table"}),
    "tbody": frozenset({"table"}),
    "tfoot": frozenset({"table"}),
    "tr": frozenset({"thead", "tbody", "tfoot"}),
    "td": frozenset({"tr"}),
    "th": frozenset({"tr"}),
}
#: what <head> may hold for the standard to keep it there
_HEAD_CHILDREN = frozenset({"meta", "title", "style", "link", "script"})
#: elements that hold nothing under the standard's rules (libxml2 reads some of them as containers)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
#: elements whose tags the standard implies when they are left out
_IMPLIED = frozenset({"html", "head", "body"})
#: white space as the HTML standard defines it
_SPACE = " \t\n\f"
_AFTER_HTML = re.compile(r"</html[ \t\n\f]*>([ \t\n\f]*)\Z", re.IGNORECASE)


def html_tree(html: str) -> ET.Element | None:
    """The ``<html>`` element of ``html`` as the HTML standard's parser builds it, or None to leave it to WeasyPrint.

    None when lxml is missing or its libxml2 is older than 2.14, or when the page holds anything
    on which libxml2's tree and the standard's could differ (see the module's docstring).
    """
    if not _DOCTYPE.match(html) or _UNSHARED.search(html):
        return None
    try:
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError:
        return None
    if tuple(etree.LIBXML_VERSION[:2]) < _LIBXML2_MIN:
        return None
    # the standard reads every CR LF and lone CR as LF before anything else
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    parser = lxml_html.HTMLParser(remove_blank_text=False, remove_comments=False, remove_pis=False)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if len(parser.error_log) or root.tag != "html" or [child.tag for child in root] != ["head", "body"]:
        return None
    head, body = root
    after_html = _AFTER_HTML.search(html)
    if after_html is None and "</html" in html.lower():
        return None  # something after </html>, which the standard would add to the body
    if not (_blank(root.text) and _blank(head.tail) and _blank(body.tail)):
        return None
    if not _all_closed(html, root) or not _head_keeps(head, etree):
        return None
    top = ET.Element("html", dict(root.attrib))
    for source in (head, body):
        copy = _copy(source, etree)
        if copy is None:
            return None
        top.append(copy)
    # white space before <head> is dropped; what lies between </head> and <body> is kept; white space
    # after </body> and </html> goes to the end of the body (every element in it being closed)
    top[0].tail = head.tail
    trailing = (body.tail or "") + (after_html.group(1) if after_html else "")
    if trailing:
        copied = top[1]
        if len(copied):
            copied[-1].tail = (copied[-1].tail or "") + trailing
        else:
            copied.text = (copied.text or "") + trailing
    return top


def _all_closed(html: str, root: Any) -> bool:
    """Whether every element of the tree has its own start tag and end tag in ``html``, and no tag is stray.

    The standard and libxml2 differ only in how they close what is left open or misnested; a page
    whose tags all pair up leaves neither anything to close.
    """
    starts: collections.Counter[str] = collections.Counter()
    ends: collections.Counter[str] = collections.Counter()
    for slash, name in _TAG.findall(_NOT_TAGS.sub(_keep_start_tag, html)):
        (ends if slash else starts)[name.lower()] += 1
    elements = collections.Counter(element.tag for element in root.iter() if isinstance(element.tag, str))
    for name in starts.keys() | ends.keys() | elements.keys():
        count = elements[name]
        if name in _IMPLIED:
            if count != 1 or starts[name] > 1 or ends[name] > 1:
                return False
        elif starts[name] != count or ends[name] != (0 if name in _VOID else count):
            return False
    return True


def _keep_start_tag(match: re.Match[str]) -> str:
    return match.group(1) or ""


def _head_keeps(head: Any, etree: Any) -> bool:
    """Whether the standard leaves everything in ``<head>`` there (text or a body element would start the body)."""
    if not _blank(head.text):
        return False
    for child in head:
        if not _blank(child.tail):
            return False
        if not isinstance(child, etree._Comment) and child.tag not in _HEAD_CHILDREN:
            return False
    return True


def _copy(element: Any, etree: Any) -> ET.Element | None:
    """``element`` and what it holds as ``xml.etree`` elements, or None where the standard would build otherwise."""
    top = ET.Element(element.tag)
    # (lxml's element, its copy, whether it is inside a <p>, whether it is inside an <a>)
    stack: list[tuple[Any, ET.Element, bool, bool]] = [(element, top, False, False)]
    while stack:
        source, copy, in_p, in_a = stack.pop()
        tag = copy.tag
        copy.attrib.update(source.attrib)
        copy.text = source.text
        if tag in _VOID and (source.text or len(source)):
            return None
        in_p = in_p or tag == "p"
        in_a = in_a or tag == "a"
        parts = _TABLE_PARTS.get(tag)
        if parts is not None and not _blank(source.text):
            return None  # text in a table is moved out of it
        for child in source:
            if parts is not None and not _blank(child.tail):
                return None  # text in a table is moved out of it
            if isinstance(child, etree._Comment):
                comment = ET.Comment(child.text)
                comment.tail = child.tail
                copy.append(comment)
                continue
            name = child.tag
            if not isinstance(name, str):
                return None  # a processing instruction or an entity, which the standard does not build
            if (
                (in_p and name in _CLOSES_P)
                or (in_a and name == "a")
                or (tag in _HEADINGS and name in _HEADINGS)
                or tag not in _ITEM_PARENTS.get(name, (tag,))
                or tag not in _TABLE_PARENTS.get(name, (tag,))
                or (parts is not None and name not in parts)
            ):
                return None
            node = ET.SubElement(copy, name)
            node.tail = child.tail
            stack.append((child, node, in_p, in_a))
    return top


def _blank(text: str | None) -> bool:
    return not text or not text.strip(_SPACE)
