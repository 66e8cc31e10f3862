"""The parts of a long brief's PDF joined into one file (pikepdf, over qpdf).

Each part is a PDF that WeasyPrint wrote of some of the brief's pages. The joined file has the
pages in order, with what WeasyPrint would have written for the one document:

- every page's links, written here once (the parts are written without theirs), an internal one to
  an anchor's name, and one table of named destinations, so that a link lands on the right page
  whichever part its anchor was laid out in;
- one outline, built from every page's bookmarks as WeasyPrint builds it for a document;
- the page counters drawn over each page from the counters' document, when there is one;
- the front part's document information (title, author, dates) and language.

The file is written with object streams, as WeasyPrint writes its own: a long brief's thousands
of link annotations would otherwise each be an object of their own, and the file twice the size.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["JoinedPage", "PartFile", "join_parts"]

#: PDF points per CSS pixel, as WeasyPrint draws at zoom 1
_SCALE = 0.75


@dataclass
class JoinedPage:
    """What the join needs of one page: its height (CSS pixels), its anchors by name (x, y from its top left,
    CSS pixels) and its bookmarks (level, label, (x, y), "open" or "closed"), as WeasyPrint's ``Page`` has them."""

    height: float
    anchors: dict[str, tuple[float, float]] = field(default_factory=dict)
    bookmarks: list[tuple[int, str, tuple[float, float], str]] = field(default_factory=list)
    #: links: (internal, the anchor's name or the address, (x1, y1, x2, y2) from the top left in CSS pixels)
    links: list[tuple[bool, str, tuple[float, ...]]] = field(default_factory=list)


@dataclass
class PartFile:
    """A part's PDF and its pages, in order."""

    pdf: bytes
    pages: Sequence[JoinedPage]


def join_parts(parts: Sequence[PartFile], *, overlay: bytes | None = None) -> bytes:
    """One PDF of ``parts``' pages in order, their links, outline and metadata joined, ``overlay``'s pages (one
    for each page) drawn over them."""
    import pikepdf

    with contextlib.ExitStack() as opened:
        joined = opened.enter_context(pikepdf.new())
        sources = [opened.enter_context(pikepdf.open(io.BytesIO(part.pdf))) for part in parts]
        pages: list[JoinedPage] = []
        for part, source in zip(parts, sources, strict=True):
            if len(source.pages) != len(part.pages):
                raise ValueError(f"a part has {len(source.pages)} pages in its PDF and {len(part.pages)} noted")
            with warnings.catch_warnings():
                # pikepdf warns that named destinations are not carried over: the join writes them itself
                warnings.simplefilter("ignore", getattr(pikepdf, "PageCopyWarning", UserWarning))
                joined.pages.extend(source.pages)
            pages.extend(part.pages)
        if overlay is not None:
            counters = opened.enter_context(pikepdf.open(io.BytesIO(overlay)))
            if len(counters.pages) != len(joined.pages):
                raise ValueError(f"the page counters have {len(counters.pages)} pages for {len(joined.pages)}")
            for page, over in zip(joined.pages, counters.pages, strict=True):
                page.add_overlay(over, None)
        first = sources[0]
        joined.docinfo = joined.copy_foreign(first.docinfo)  # type: ignore[assignment]
        if "/Lang" in first.Root:
            joined.Root.Lang = first.Root.Lang
        _links(joined, pages, pikepdf)
        _destinations(joined, pages, pikepdf)
        _outline(joined, pages, pikepdf)
        out = io.BytesIO()
        joined.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
            min_version=first.pdf_version,
        )
    return out.getvalue()


def _destination(pdf: Any, pages: Sequence[JoinedPage], index: int, x: float, y: float, pikepdf: Any) -> Any:
    """Page ``index`` at (x, y) from its top left in CSS pixels, as a PDF destination (points from the bottom)."""
    return pikepdf.Array([pdf.pages[index].obj, pikepdf.Name.XYZ, x * _SCALE, (pages[index].height - y) * _SCALE, 0])


def _links(pdf: Any, pages: Sequence[JoinedPage], pikepdf: Any) -> None:
    """Each page's links as WeasyPrint writes them: an internal one goes to an anchor's name, resolved through
    the joined file's table of destinations."""
    for page, noted in zip(pdf.pages, pages, strict=True):
        if not noted.links:
            continue
        annotations = pikepdf.Array()
        for internal, target, (x1, y1, x2, y2) in noted.links:
            height = noted.height
            link = pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array([x1 * _SCALE, (height - y1) * _SCALE, x2 * _SCALE, (height - y2) * _SCALE]),
                BS=pikepdf.Dictionary(W=0),
            )
            if internal:
                link.Dest = pikepdf.String(target)
            else:
                link.A = pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.URI, URI=pikepdf.String(target))
            annotations.append(pdf.make_indirect(link))
        page.obj.Annots = annotations


def _destinations(pdf: Any, pages: Sequence[JoinedPage], pikepdf: Any) -> None:
    """One name tree of every anchor, at its first page (as WeasyPrint takes the first of two of one name)."""
    located: dict[str, Any] = {}
    for index, page in enumerate(pages):
        for name, (x, y) in page.anchors.items():
            if name not in located:
                located[name] = _destination(pdf, pages, index, x, y, pikepdf)
    if not located:
        return
    names = pikepdf.Array()
    for name in sorted(located):
        names.append(pikepdf.String(name))
        names.append(located[name])
    pdf.Root.Names = pikepdf.Dictionary(Dests=pdf.make_indirect(pikepdf.Dictionary(Names=names)))


def _outline(pdf: Any, pages: Sequence[JoinedPage], pikepdf: Any) -> None:
    """The outline of every page's bookmarks: a bookmark is the child of the last one of a lower level."""
    root: list[Any] = []
    # (level, children list) of the open path, from the top
    path: list[tuple[int, list[Any]]] = [(0, root)]
    for index, page in enumerate(pages):
        for level, label, (x, y), state in page.bookmarks:
            while path[-1][0] >= level:
                path.pop()
            children: list[Any] = []
            path[-1][1].append((label, index, x, y, state, children))
            path.append((level, children))
    if not root:
        return
    top = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    first, last, count = _items(pdf, pages, root, top, pikepdf)
    top.First, top.Last, top.Count = first, last, count
    pdf.Root.Outlines = top


def _items(pdf: Any, pages: Sequence[JoinedPage], items: list[Any], parent: Any, pikepdf: Any) -> tuple[Any, Any, int]:
    """Write ``items`` as outline entries under ``parent``: the first and last, and how many are visible."""
    made: list[Any] = []
    visible = len(items)
    for label, index, x, y, state, children in items:
        entry = pdf.make_indirect(
            pikepdf.Dictionary(
                Title=pikepdf.String(label),
                Parent=parent,
                Dest=_destination(pdf, pages, index, x, y, pikepdf),
            )
        )
        if children:
            first, last, count = _items(pdf, pages, children, entry, pikepdf)
            entry.First, entry.Last = first, last
            entry.Count = -count if state == "closed" else count
            if state != "closed":
                visible += count
        else:
            entry.Count = 0
        if made:
            entry.Prev = made[-1]
            made[-1].Next = entry
        made.append(entry)
    return made[0], made[-1], visible
