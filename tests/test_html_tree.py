"""libxml2's tree of a page is used only when it is the tree WeasyPrint's own parser (tinyhtml5) builds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from briefing import BriefConfig, build_brief
from briefing.render import render_html
from briefing.render.html_tree import html_tree
from tests.conftest import EXAMPLES, FIXED_NOW

tinyhtml5 = pytest.importorskip("tinyhtml5", reason="WeasyPrint's parser since version 63")
LIBXML2_READS_HTML5 = etree.LIBXML_VERSION >= (2, 14)


def _standard(html: str) -> ET.Element:
    return tinyhtml5.parse(html, namespace_html_elements=False)  # type: ignore[no-any-return]


def _difference(ours: ET.Element, theirs: ET.Element, path: str = "html") -> str | None:
    """Where two trees first differ, or None: tags, attributes in order, text, tails and children."""
    mine = (ours.tag, list(ours.attrib.items()), ours.text, ours.tail, len(ours))
    standard = (theirs.tag, list(theirs.attrib.items()), theirs.text, theirs.tail, len(theirs))
    if mine != standard:
        return f"{path}: {mine!r} != {standard!r}"
    for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        found = _difference(a, b, f"{path}/{a.tag}[{index}]")
        if found:
            return found
    return None


def _same_or_declined(html: str) -> bool:
    """html_tree gives up (None) or gives exactly tinyhtml5's tree; returns whether it took the page."""
    tree = html_tree(html)
    if tree is None:
        return False
    assert _difference(tree, _standard(html)) is None
    return True


@pytest.mark.skipif(not LIBXML2_READS_HTML5, reason="lxml built with libxml2 before 2.14: always the slow way")
@pytest.mark.parametrize("title", ["Port strike", "Q&A: <rates> “quoted” — «guillemets» and ‏עברית‏"])
def test_a_brief_takes_the_fast_way_with_the_standard_tree(title: str) -> None:
    brief, _ = build_brief([str(EXAMPLES)], BriefConfig(title=title), clock=lambda: FIXED_NOW)
    for for_print in (True, False):
        html = render_html(brief, for_print=for_print)
        assert _same_or_declined(html), "a page from the project's own templates fell back to the slow parser"


PAGE = "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n<title>t</title>\n</head>\n<body>\n{}\n</body>\n</html>\n"


@pytest.mark.parametrize(
    "body",
    [
        "<p>one</p>\n<p>two &amp; <a href='?a=1&b=2'>three</a></p>",
        "<ul>\n  <li>a</li>\n  <li>b <em>c</em></li>\n</ul><!-- a comment -->",
        "<table class=health>\n<thead><tr><th>feed</th></tr></thead>\n<tbody><tr><td>ok</td></tr></tbody>\n</table>",
        "<p>line\r\nbreaks\rof every kind</p>",
        "",
    ],
)
@pytest.mark.skipif(not LIBXML2_READS_HTML5, reason="lxml built with libxml2 before 2.14: always the slow way")
def test_well_formed_pages_take_the_fast_way(body: str) -> None:
    assert _same_or_declined(PAGE.format(body))


@pytest.mark.parametrize(
    "page",
    [
        # each is read differently by libxml2 and by the standard's rules, or could be
        "<html><body><p>no doctype: quirks mode</p></body></html>",
        PAGE.format("<ul><li>an item left open</ul>"),
        PAGE.format("<p>a paragraph <div>holding a block</div></p>"),
        PAGE.format("<p>a paragraph <span>with a <section>section</section> deeper</span></p>"),
        PAGE.format("<table><tr><td>a row with no tbody</td></tr></table>"),
        PAGE.format("<table>text in a table<tbody><tr><td>x</td></tr></tbody></table>"),
        PAGE.format("<td>a cell outside a table</td>"),
        PAGE.format("<a href=#x>a link <a href=#y>inside a link</a></a>"),
        PAGE.format("<h2>a heading <h3>inside a heading</h3></h2>"),
        PAGE.format("<div><li>an item outside a list</li></div>"),
        PAGE.format("<b><i>misnested</b></i>"),
        PAGE.format("<p>a stray end tag</p></div>"),
        PAGE.format("<pre>\nthe first line break of a pre</pre>"),
        PAGE.format("<svg><circle r=1></circle></svg>"),
        PAGE.format("<p>a NUL \x00 and a control \x01 character</p>"),
        PAGE.format("<wbr>text</wbr>"),
        PAGE.format("<?php echo 1 ?>"),
        PAGE.format("<p>text</p>") + "after the end of the page",
        PAGE.replace("<title>t</title>", "<title>t</title>\n<p>a paragraph in the head</p>"),
        PAGE.replace("<head>", "<head><base href='https://example.org/'>"),
    ],
)
def test_pages_the_two_parsers_could_read_differently_are_left_to_weasyprint(page: str) -> None:
    assert html_tree(page) is None


_TAGS = st.sampled_from(
    "p div span a b i em strong section ul ol li h2 h3 table thead tbody tr td th caption br img hr"
    " figure figcaption blockquote nav footer small sup q dl dt dd code time main aside address wbr".split()
)
_TEXT = st.sampled_from(
    ["news", " ", "\n", "&amp;", "&lt;", "&nbsp;", "&copy", "&notin;", "&not", "&#39;", "&#128;", "&#0;", "R&D", "<",
     ">", "é", "\u200f", "\t", "a=1&b=2", "\r\n"]
)  # fmt: skip
_ATTRIBUTES = st.sampled_from(
    [
        "",
        ' class="x"',
        " id=y",
        ' href="?a=1&b=2"',
        ' title="&quot;q&quot;"',
        " dir=rtl",
        " data-x",
        ' class="a" class="b"',
    ]
)


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 9))
        if kind < 4 and depth < 4:
            tag = draw(_TAGS)
            parts.append(f"<{tag}{draw(_ATTRIBUTES)}>{draw(_markup(depth + 1))}")
            if draw(st.integers(0, 9)):  # now and then left open
                parts.append(f"</{tag}>")
        elif kind == 4:
            parts.append("<!-- note -->")
        elif kind == 5:
            parts.append(f"</{draw(_TAGS)}>")  # a stray end tag
        else:
            parts.append(draw(_TEXT))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(
    body=_markup(),
    head=st.sampled_from(
        ["", "<meta charset=utf-8><title>t</title>", "\n<title>a &amp; b</title>\n<style>p>a{}</style>\n"]
    ),
    frame=st.sampled_from(
        [("<html><head>", "</head><body>", "</body></html>\n"), ("<html>\n<head>", "</head>\n", ""), ("", "", "")]
    ),
)
def test_any_markup_gets_the_standard_tree_or_none(body: str, head: str, frame: tuple[str, str, str]) -> None:
    before, between, after = frame
    _same_or_declined(f"<!DOCTYPE html>{before}{head}{between}{body}{after}")
