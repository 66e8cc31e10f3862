"""A long brief's PDF laid out in parts, each written and freed before the next, then joined.

WeasyPrint keeps every page of a document it has laid out until the file is written — about
0.75 MB a page of a brief, so a 200-page brief held 150 MB of pages on top of everything else.
Laid out in parts of about :data:`PART_PAGES` pages, a brief holds one part's pages at a time,
and the joined PDF looks as the one document would:

- **Parts begin where the one document turns a page.** The templates mark the elements that
  begin on a page of their own (``data-part``: the stories, the analysts' views, the sources) and
  the elements whose children a part may begin with (``data-part-items``: the stories, each story
  and its summary and quotes, the analysts, the list of sources). A part is laid out from a child
  on; it keeps its pages up to the last one that begins with a fresh child — a child starting at
  the top of the page, as it would in the one document, since nothing before it on that page is
  left out — and the next part starts with that child. The pages it laid out past that point are
  laid out again in the next part.
- **Each part's first page is one that is left out.** It carries the running heads (``string-set``)
  in force where the part begins, worked out from the document, and it takes ``@page :first``,
  which belongs to the brief's cover alone; the part's content follows it after an unforced break,
  as in the one document.
- **Elements outside the part stay in its tree, hidden**, so that selectors such as
  ``.story:first-child`` match what they match in the one document; an element the part
  continues has its top margin, border and padding taken away, as a page break does.
- **The front matter (cover, overview, contents) is laid out last**, when the page of every
  story is known: the contents' ``target-counter(attr(href), page)`` reads that number from an
  attribute (:mod:`briefing.render.pagestyle`).
- **Page counters** (``page 3 of 191``) are drawn over the joined pages by one small document of
  as many pages that holds only those margin boxes; the parts leave them out. Links and the
  outline are joined by :mod:`briefing.render.join`.

A brief whose templates mark no parts, whose stylesheet relies on the whole document in a way this
cannot reproduce (:func:`briefing.render.pagestyle.read_page_style`), whose page is not one the fast
parser takes, or that is short, is laid out as one document: :func:`render_in_parts` returns None.
"""

from __future__ import annotations

import functools
import gc
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from briefing.progress import NO_PROGRESS, Progress
from briefing.render.forked import Forked, NoAnswer, can_fork
from briefing.render.html_tree import html_tree
from briefing.render.join import JoinedPage, PartFile, join_parts
from briefing.render.pagestyle import PAGE_ATTRIBUTE, PageStyle, read_page_style
from briefing.render.weasy import lean_user_agent, tree_document

__all__ = ["ITEMS_ATTRIBUTE", "PARTS_FROM", "PART_ATTRIBUTE", "PART_PAGES", "css_string", "render_in_parts"]

logger = logging.getLogger(__name__)

#: briefs whose HTML is shorter than this (in characters; about 60 pages) are laid out as one document
PARTS_FROM = 300_000
#: pages a part keeps, about: fewer hold less memory, more cost fewer part starts and font copies
PART_PAGES = 20
#: on an element of the body: it begins a page of its own, and the parts of the brief after it
PART_ATTRIBUTE = "data-part"
#: on such an element or one inside it: a part may begin with any of this element's children
ITEMS_ATTRIBUTE = "data-part-items"

#: characters of text a page holds, until a part has been laid out to tell
_FIRST_GUESS = 2500
#: how many times a part is laid out again, longer, when no page of it begins with a fresh child
_WIDER = 3
#: what a hidden element and a continued one are given in their style attribute
_HIDDEN = "display: none !important"
_CONTINUED = "margin-top: 0 !important; padding-top: 0 !important; border-top-width: 0 !important"


class _NoParts(Exception):
    """The brief cannot be laid out in parts after all: lay it out as one document."""


@dataclass
class _Section:
    """A body element that begins a page of its own, the elements a part may begin with, and what follows."""

    root: ET.Element
    #: the elements a part may begin with, in document order: the children of the root and of every element
    #: marked with ITEMS_ATTRIBUTE inside it, but for those marked elements themselves
    units: list[ET.Element] = field(default_factory=list)
    #: each unit's length of text, to size the parts
    weights: list[int] = field(default_factory=list)
    #: the units each holder (the root and the marked elements) holds: (first, after the last)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: body elements after the root, up to the next section: they go with its last part
    trailing: list[ET.Element] = field(default_factory=list)
    #: each unit's place in ``units``, by the unit's identity (what a page's boxes point to)
    index_of: dict[int, int] = field(default_factory=dict)


@dataclass
class _Plan:
    tree: ET.Element
    head: ET.Element
    body: ET.Element
    style: PageStyle
    lean: tuple[bool, bool]
    front: list[ET.Element]
    sections: list[_Section]
    #: (document order, name, value) of every string-set assignment, in document order
    assignments: list[tuple[int, str, str]]
    order: dict[int, int]


def render_in_parts(
    html: str,
    options: dict[str, Any],
    *,
    processes: int = 1,
    part_pages: int | None = None,
    parts_from: int | None = None,
    progress: Progress = NO_PROGRESS,
) -> bytes | None:
    """The PDF of ``html`` laid out in parts and joined, or None when it is to be laid out as one document.

    ``options`` are WeasyPrint's document options (base URL, URL fetcher). With ``processes`` 2 or
    more (0: one per available core), a second process forked from this one lays out the later
    sections (the appendices) while this one lays out the stories; the PDF is the same.
    ``part_pages`` and ``parts_from`` default to :data:`PART_PAGES` and :data:`PARTS_FROM`. Errors
    of WeasyPrint propagate, as they would from the one document. ``progress`` hears of the pages of each
    part as this process lays it out, and of the other process's pages when they come back.
    """
    if len(html) < (PARTS_FROM if parts_from is None else parts_from):
        return None
    part_pages = PART_PAGES if part_pages is None else part_pages
    try:
        plan = _plan(html)
        if plan is None:
            return None
        parts, overlay = _Layout(plan, options, part_pages, progress).run(can_fork(processes))
    except _NoParts as exc:
        logger.debug("the brief is laid out as one document: %s", exc)
        return None
    return join_parts(parts, overlay=overlay)


# --- the plan: sections, units and what the stylesheet needs ---------------------------------------------------


def _plan(html: str) -> _Plan | None:
    try:
        import cssselect2
    except ImportError:
        return None
    tree = html_tree(html)
    if tree is None or len(tree) != 2:
        return None
    head, body = tree
    if any(child.tag == "link" for child in head):
        return None
    style = read_page_style("\n".join(child.text or "" for child in head if child.tag == "style"))
    if style is None:
        return None
    front: list[ET.Element] = []
    sections: list[_Section] = []
    for child in body:
        if not _is_element(child):
            continue  # a comment
        if PART_ATTRIBUTE in child.attrib:
            sections.append(_section(child))
        elif sections:
            sections[-1].trailing.append(child)
        else:
            front.append(child)
    if not sections or not front:
        return None
    wrapper = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
    order: dict[int, int] = {}
    assignments: list[tuple[int, str, str]] = []
    in_front = {id(e) for top in front for e in top.iter()}
    for index, element in enumerate(wrapper.iter_subtree()):
        node = element.etree_element
        order[id(node)] = index
        for rule in style.strings:
            if any(selector.test(element) for selector in rule.selectors):
                for name, pieces in rule.values:
                    value = "".join(_text(node) if piece is None else piece for piece in pieces)
                    assignments.append((index, name, value))
        if style.target_selectors and id(node) not in in_front:
            if any(selector.test(element) for selector in style.target_selectors):
                raise _NoParts(f"a page number of a link outside the front matter (<{node.tag}>)")
    return _Plan(
        tree=tree,
        head=_head(head, style),
        body=body,
        style=style,
        lean=lean_user_agent(html),
        front=front,
        sections=sections,
        assignments=assignments,
        order=order,
    )


def _section(root: ET.Element) -> _Section:
    section = _Section(root=root)

    def collect(holder: ET.Element) -> None:
        _blank_text(holder)
        first = len(section.units)
        for child in holder:
            if not _is_element(child):
                continue
            if ITEMS_ATTRIBUTE in child.attrib and child is not root:
                collect(child)
            else:
                section.units.append(child)
                section.weights.append(len(_text(child)) + 80)
        section.spans[id(holder)] = (first, len(section.units))

    collect(root)
    section.index_of = {id(unit): i for i, unit in enumerate(section.units)}
    if not section.units:
        raise _NoParts(f"<{root.tag} {PART_ATTRIBUTE}> holds nothing")
    return section


def _blank_text(element: ET.Element) -> None:
    """Text directly in a section or its item holder would be cut in two between parts: refuse it."""
    for text in (element.text, *(child.tail for child in element)):
        if text and text.strip():
            raise _NoParts(f"text directly inside <{element.tag}> between the parts' elements")


def _is_element(node: Any) -> bool:
    """Whether ``node`` is an element (not a comment, whose tag is a function)."""
    return isinstance(node.tag, str)


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _head(head: ET.Element, style: PageStyle) -> ET.Element:
    """The head as the parts use it: the rewritten stylesheet in place of each <style>'s own text, and the parts'
    own rules (:meth:`PageStyle.part_css`) after it."""
    out = ET.Element(head.tag, dict(head.attrib))
    out.text = head.text
    styles = [child for child in head if child.tag == "style"]
    for child in head:
        if child.tag != "style":
            out.append(child)
            continue
        copy = ET.SubElement(out, "style", dict(child.attrib))
        # every stylesheet in one (read_page_style read them together), in the first <style>'s place
        copy.text = style.css if child is styles[0] else ""
        copy.tail = child.tail
    extra = style.part_css()
    if extra:
        ET.SubElement(out, "style").text = extra
    return out


# --- laying out ---------------------------------------------------------------------------------------------------


class _Layout:
    """Lays out the sections part by part, then the front matter, then the page counters, and joins them."""

    def __init__(self, plan: _Plan, options: dict[str, Any], part_pages: int, progress: Progress = NO_PROGRESS) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.plan, self.options, self.part_pages = plan, options, part_pages
        self.progress = progress
        self.chars_per_page = float(_FIRST_GUESS)
        # one for every part: each would otherwise load fontconfig's configuration and Pango's font map anew
        self.fonts = FontConfiguration()
        #: collect after every part: what its boxes held (in reference cycles) is freed before the next part grows
        #: the process, for about 60 ms a part
        self.collect_each_part = False

    def run(self, fork: bool = False) -> tuple[list[PartFile], bytes | None]:
        """Lay out every part: their files in order, and the page counters' file (None when nothing shows one).

        With ``fork``, the sections are shared between this process and one forked from it, about half
        the text each (this one keeps the first sections, the stories); the other also lays the front
        matter out once, to tell how many pages it takes.
        """
        sections = self.plan.sections
        share = _share(sections) if fork else len(sections)
        if share < len(sections):
            # two processes lay the brief out well within the time target, and this one, holding the brief, comes
            # nearest the memory target: they spend time to hold less (191 pages: 225 and 149 MB rather than 233
            # and 163, for 0.3 s more); one process, for which the time is the tighter limit, does not
            self.collect_each_part = True
            other = Forked(
                lambda: ([p for s in sections[share:] for p in self._section_parts(s)], self._front_length()),
                passes=(_NoParts,),
            )
            try:
                parts = [self._counted(part) for section in sections[:share] for part in self._section_parts(section)]
                theirs, front_pages = other.result()
                self.progress.advance(sum(len(part.pages) for part in theirs))
            except NoAnswer as exc:
                raise _NoParts(str(exc)) from exc
            finally:
                other.stop()  # if this process failed first, the other is not left waiting to be heard
            parts.extend(theirs)
        else:
            parts = [self._counted(part) for section in sections for part in self._section_parts(section)]
            front_pages = 1
        front = self._counted(self._front(parts, front_pages))
        parts.insert(0, front)
        total = sum(len(p.pages) for p in parts)
        overlay = self._overlay(total) if self.plan.style.counter_boxes else None
        return parts, overlay

    def _counted(self, part: PartFile) -> PartFile:
        """``part``, its pages told to the progress (in this process only: the forked one tells no one)."""
        self.progress.advance(len(part.pages))
        return part

    def _section_parts(self, section: _Section) -> Iterator[PartFile]:
        start, count = 0, len(section.units)
        while start < count:
            stop = self._stop(section, start)
            for _ in range(_WIDER + 1):
                part, following = self._section_part(section, start, stop)
                if part is not None:
                    break
                stop = min(count, stop + max(1, stop - start))
            else:
                raise _NoParts(f"no page begins with a fresh element in {stop - start} of <{section.root.tag}>'s")
            assert part is not None
            if self.collect_each_part:
                gc.collect()
                _release_free_memory()
            yield part
            start = following

    def _stop(self, section: _Section, start: int) -> int:
        """Where a part beginning at ``start`` ends: a page past what it is meant to keep, or the section's end
        when what is left would make a short part of its own."""
        budget = (self.part_pages + 1) * self.chars_per_page
        left = sum(section.weights[start:])
        if left <= budget * 1.25:
            return len(section.units)
        stop, held = start, 0.0
        while stop < len(section.units) and held < budget:
            held += section.weights[stop]
            stop += 1
        return max(stop, start + 1)

    def _section_part(self, section: _Section, start: int, stop: int) -> tuple[PartFile | None, int]:
        """Lay out the units ``start:stop``: the part with the pages it keeps and the unit the next begins
        with, or (None, stop) when no page after its first begins with a fresh unit."""
        last = stop == len(section.units)
        document = self._document(self._section_tree(section, start, stop, last))
        pages = document.pages
        # the unit each page begins with afresh (-1: none, the page continues one)
        starts = [
            -1 if lead is None or not lead[1] else lead[0]
            for lead in (_leading_unit(page, section.index_of) for page in pages)
        ]
        if start not in starts:
            raise _NoParts(f"the part from <{section.units[start].tag}> did not begin on a page of its own")
        first = starts.index(start)
        if last:
            keep, following = pages[first:], stop
        else:
            cut = next((n for n in range(len(pages) - 1, first, -1) if start < starts[n] < stop), None)
            if cut is None:
                return None, stop
            keep, following = pages[first:cut], starts[cut]
        kept_weight = sum(section.weights[start:following])
        self.chars_per_page = max(200.0, kept_weight / max(1, len(keep)))
        return self._write(document, keep), following

    def _section_tree(self, section: _Section, start: int, stop: int, last: bool) -> ET.Element:
        """The part's document: the head, a first page that is left out (it sets the running heads), and the
        body with the units ``start:stop`` in place, every other element there but hidden."""
        plan = self.plan
        root = ET.Element(plan.tree.tag, dict(plan.tree.attrib))
        root.append(plan.head)
        root.append(self._carry(section.units[start]))
        body = ET.SubElement(root, plan.body.tag, _with_style(plan.body.attrib, _CONTINUED))
        body.text = plan.body.text
        for child in plan.body:
            if child is section.root:
                body.append(_rebuilt(section, start, stop))
            elif last and any(child is t for t in section.trailing):
                body.append(child)
            elif _is_element(child):
                body.append(_hidden(child))
        return root

    def _carry(self, unit: ET.Element) -> ET.Element:
        """The part's first page, left out: it sets the running heads in force before ``unit`` and takes
        ``@page :first``."""
        before = self.plan.order[id(unit)]
        values: dict[str, str] = {}
        for index, name, value in self.plan.assignments:
            if index >= before:
                break
            values[name] = value
        strings = ", ".join(f"{name} {css_string(value)}" for name, value in values.items())
        # taller than any page: what follows begins the next page after an unforced break, as in the one document
        # (where the margins above it are truncated), and a forced break of its own stays one
        style = "display: block !important; height: 100000px; margin: 0; padding: 0; border: 0"
        if strings:
            style += f"; string-set: {strings}"
        return ET.Element("div", {"style": style})

    def _front_length(self) -> int:
        """How many pages the front matter takes, its contents' page numbers three digits wide."""
        self._number(0, {}, stand_in="000")
        return len(self._document(self._front_tree()).pages)

    def _front_tree(self) -> ET.Element:
        plan = self.plan
        root = ET.Element(plan.tree.tag, dict(plan.tree.attrib))
        root.append(plan.head)
        body = ET.SubElement(root, plan.body.tag, dict(plan.body.attrib))
        body.text = plan.body.text
        for child in plan.body:
            if any(child is f for f in plan.front):
                body.append(child)
            elif _is_element(child):
                body.append(_hidden(child))
        return root

    def _front(self, parts: list[PartFile], front_pages: int) -> PartFile:
        """The front matter, its contents numbered, laid out again until its own length is the one assumed
        (``front_pages`` at first)."""
        located: dict[str, int] = {}
        offset = 0
        for part in parts:
            for page in part.pages:
                offset += 1
                for name in page.anchors:
                    located.setdefault(name, offset)
        for _ in range(4):
            self._number(front_pages, located)
            document = self._document(self._front_tree())
            if len(document.pages) == front_pages:
                return self._write(document, document.pages)
            front_pages = len(document.pages)
            # freed before the next is laid out: a laid-out document is full of reference cycles (each box and
            # its parent), which only the collector frees, and it wakes seldom while a PDF is rendered
            del document
            gc.collect()
        raise _NoParts("the front matter's length did not settle")

    def _number(self, front_pages: int, located: dict[str, int], stand_in: str | None = None) -> None:
        """Give each link in the front matter the page its target falls on, for the rewritten target-counter
        (``stand_in`` for every one, when the pages are not known yet)."""
        attributes = self.plan.style.target_attributes
        if not attributes:
            return
        for top in self.plan.front:
            for element in top.iter():
                for attribute in attributes:
                    target = element.get(attribute)
                    if target and target.startswith("#"):
                        page = located.get(target[1:])
                        number = "" if page is None else str(page + front_pages)
                        element.set(PAGE_ATTRIBUTE, number if stand_in is None else stand_in)

    def _overlay(self, pages: int) -> bytes:
        """A document of ``pages`` pages holding only the margin boxes that show page counters."""
        plan = self.plan
        root = ET.Element(plan.tree.tag, dict(plan.tree.attrib))
        head = ET.SubElement(root, "head")
        ET.SubElement(head, "style").text = plan.style.css + plan.style.overlay_css()
        body = ET.SubElement(root, plan.body.tag, dict(plan.body.attrib))
        for _ in range(pages):
            ET.SubElement(body, "briefing-page", {"style": "display: block !important; break-before: page"})
        document = self._document(root)
        if len(document.pages) != pages:
            raise _NoParts(f"the page counters' document has {len(document.pages)} pages, not {pages}")
        data: bytes = document.write_pdf()
        return data

    def _document(self, tree: ET.Element) -> Any:
        """WeasyPrint's laid-out document of ``tree``."""
        document = tree_document(tree, self.plan.lean, **self.options)
        if document is None:
            raise _NoParts("this WeasyPrint cannot be handed a document tree")
        return document.render(font_config=self.fonts)

    def _write(self, document: Any, pages: list[Any]) -> PartFile:
        """Write ``pages`` of ``document`` as a PDF, and note what the join makes of each page: its anchors,
        bookmarks and links. The part is written without its links and anchors: the join writes them once,
        in the joined file, rather than copying a part's (a long brief has thousands)."""
        records = [_record(page) for page in pages]
        for page in pages:
            page.links, page.anchors = [], {}
        data: bytes = document.copy(pages).write_pdf()
        del document, pages
        _release_free_memory()
        return PartFile(pdf=data, pages=records)


def _share(sections: list[_Section]) -> int:
    """How many of the first sections this process lays out when another takes the rest: about half the text,
    and at least one section each."""
    weights = [sum(section.weights) for section in sections]
    total, held = sum(weights), 0
    for count, weight in enumerate(weights[:-1], start=1):
        held += weight
        if held >= total / 2:
            return count
    return max(1, len(sections) - 1)


def _record(page: Any) -> JoinedPage:
    """What the join needs of a laid-out page (WeasyPrint's ``Page``: anchors, bookmarks and links)."""
    links = []
    for kind, target, rectangle, *_ in page.links:
        if kind not in ("internal", "external"):
            raise _NoParts(f"a link of kind {kind!r}")
        links.append((kind == "internal", str(target), tuple(float(v) for v in rectangle[:4])))
    return JoinedPage(
        height=float(page.height),
        anchors={name: (float(v[0]), float(v[1])) for name, v in page.anchors.items()},
        bookmarks=[(int(b[0]), str(b[1]), (float(b[2][0]), float(b[2][1])), str(b[3])) for b in page.bookmarks],
        links=links,
    )


def _release_free_memory() -> None:
    """Hand the memory a part freed back to the system (glibc keeps it otherwise, scattered among what the next
    part allocates, and the process grows part after part); a no-op where the C library is not glibc."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _leading_unit(page: Any, index_of: dict[int, int]) -> tuple[int, bool] | None:
    """The innermost unit the page's content begins with, and whether it begins there rather than continuing
    from the page before (WeasyPrint takes away the top decoration of a block that continues), or None. A unit
    laid out inline is never taken to begin a page: its lines carry no such mark."""
    from weasyprint.formatting_structure.boxes import BlockLevelBox

    box = getattr(page, "_page_box", None)
    if box is None:
        raise _NoParts("this WeasyPrint's pages do not show their boxes")
    found: tuple[int, bool] | None = None
    while True:
        children = getattr(box, "children", None)
        if not children:
            return found
        box = children[0]
        index = index_of.get(id(getattr(box, "element", None)))
        # a unit's own lines and text name the unit's element too: the unit is its outermost box
        if index is not None and (found is None or found[0] != index):
            block = isinstance(box, BlockLevelBox)
            found = index, block and "top" not in getattr(box, "remove_decoration_sides", ("top",))


def _rebuilt(section: _Section, start: int, stop: int) -> ET.Element:
    """The section's root holding the units ``start:stop``, every other unit hidden, and each holder whose
    earlier units are left out marked as continued (its top margin, border and padding taken away)."""

    def shell(holder: ET.Element) -> ET.Element:
        first = section.spans[id(holder)][0]
        attributes = _with_style(holder.attrib, _CONTINUED) if first < start else dict(holder.attrib)
        out = _shallow(holder, attributes, tail=holder.tail)
        unit = section.spans[id(holder)][0]
        for child in holder:
            if not _is_element(child):
                continue
            span = section.spans.get(id(child))
            if span is not None:
                lo, hi = span
                out.append(shell(child) if lo < stop and hi > start else _hidden(child))
                unit = hi
                continue
            out.append(child if start <= unit < stop else _hidden(child))
            unit += 1
        return out

    return shell(section.root)


def _hidden(element: ET.Element) -> ET.Element:
    """An empty stand-in for ``element`` that takes no room: selectors such as ``:first-child`` still count it."""
    return _shallow(element, _with_style(element.attrib, _HIDDEN, replace=True), tail=element.tail)


def _shallow(element: ET.Element, attributes: dict[str, str], *, tail: str | None = None) -> ET.Element:
    copy = ET.Element(element.tag, attributes)
    copy.text = element.text
    copy.tail = tail
    return copy


def _with_style(attributes: Any, declarations: str, *, replace: bool = False) -> dict[str, str]:
    out = dict(attributes)
    before = "" if replace else out.get("style", "").strip().rstrip(";")
    out["style"] = f"{before}; {declarations}" if before else declarations
    return out


def css_string(value: str) -> str:
    """``value`` as a CSS string that ends where it should: quotes, backslashes, line breaks (CSS ends a string at
    CR and form feed too) and every other control character escaped as hexadecimal. A running head's value is an
    article's title, which must not add declarations to the style it is carried in."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\' or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in value)
    return f'"{escaped}"'
