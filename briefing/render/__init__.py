"""Rendering a built brief: HTML and Markdown from templates, PDF from the HTML, JSON from the models."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefing import __version__
from briefing.errors import ConfigError, RenderError
from briefing.models import Brief, to_jsonable
from briefing.progress import NO_PROGRESS, Progress
from briefing.render.environment import builtin_templates_dir, make_environment, render_template, template_dirs
from briefing.render.fetcher import ASSET_BASE, AssetFetcher, weasyprint_fetcher
from briefing.render.parts import render_in_parts
from briefing.render.weasy import html_document

__all__ = [
    "JSON_SCHEMA_VERSION",
    "builtin_templates_dir",
    "make_environment",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
]

JSON_SCHEMA_VERSION = 1


def render_html(brief: Brief, templates: Sequence[Path] = (), *, for_print: bool = False) -> str:
    """The brief as one self-contained HTML page (CSS inlined); a value longer than a page should hold
    (a "sentence" that is a whole one-line article) is cut for display and says so
    (:func:`~briefing.render.environment.shown`)."""
    env = make_environment(templates, for_pages=True)
    return render_template(env, "brief.html", brief, output_format="pdf" if for_print else "html")


def render_markdown(brief: Brief, templates: Sequence[Path] = ()) -> str:
    """The brief as Markdown, article text escaped so it cannot add links or HTML."""
    env = make_environment(templates)
    return render_template(env, "brief.md", brief, output_format="md")


def render_json(brief: Brief) -> str:
    """The whole brief as JSON (``schema`` says which version of the layout it is)."""
    data = {"schema": JSON_SCHEMA_VERSION, "generator": f"briefing {__version__}", **to_jsonable(brief)}
    data["sources"] = list(brief.sources)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_pdf(
    brief: Brief,
    templates: Sequence[Path] = (),
    *,
    tagged: bool = False,
    workers: int = 1,
    progress: Progress = NO_PROGRESS,
) -> bytes:
    """The brief as a print-ready PDF (WeasyPrint, imported only here); ``tagged`` adds the structure tree and
    language that screen readers and accessibility checks need (the ``tagged_pdf`` setting). A long brief is
    laid out in parts (:mod:`briefing.render.parts`), over two processes when ``workers`` allows (0: one per
    available core, as the ``workers`` setting); ``progress`` hears of the pages of each part laid out.

    Raises:
        RenderError: WeasyPrint or its system libraries are missing, or rendering failed.
    """
    html = render_html(brief, templates, for_print=True)
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango or cairo missing from the system
        raise RenderError(
            f"PDF output needs WeasyPrint and its system libraries: {exc}",
            hint="install pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0) or choose --format html",
        ) from exc
    options = {}
    if tagged:
        if "pdf_tags" not in getattr(weasyprint, "DEFAULT_OPTIONS", {}):
            raise RenderError(
                f"tagged PDFs need a newer WeasyPrint than {getattr(weasyprint, '__version__', 'this one')}",
                hint="pip install --upgrade weasyprint, or leave tagged_pdf off",
            )
        options["pdf_tags"] = True
    policy = AssetFetcher(template_dirs(templates))
    document_options = {"base_url": ASSET_BASE, "url_fetcher": weasyprint_fetcher(policy)}
    try:
        with _fewer_collections():
            # a long brief is laid out a part at a time (a tagged PDF's structure tree cannot be joined)
            pdf = None if tagged else render_in_parts(html, document_options, processes=workers, progress=progress)
            if pdf is None:
                pdf = html_document(html, **document_options).write_pdf(**options)
    except Exception as exc:  # WeasyPrint raises many kinds; none must become a traceback
        raise RenderError(f"the PDF could not be rendered: {exc}") from exc
    assert isinstance(pdf, bytes)
    return pdf


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the block with the cyclic garbage collector waking up less often.

    Laying out a long brief creates millions of small objects but few reference cycles;
    with the default thresholds the collector keeps walking all of them, a fifth of the time
    of a 150-page PDF. Peak memory measured the same either way (docs/history/performance.md).
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def render(
    brief: Brief,
    fmt: str,
    *,
    templates: Sequence[Path] = (),
    tagged_pdf: bool = False,
    workers: int = 1,
    progress: Progress = NO_PROGRESS,
) -> bytes:
    """Render ``brief`` in ``fmt`` (pdf, html, md or json) and return the file's bytes (``workers``: the processes
    a long PDF may be laid out over, and ``progress``, as in :func:`render_pdf`).

    Raises:
        ConfigError: unknown format. TemplateError, RenderError: rendering failed.
    """
    if fmt == "pdf":
        return render_pdf(brief, templates, tagged=tagged_pdf, workers=workers, progress=progress)
    if fmt == "html":
        return render_html(brief, templates).encode("utf-8")
    if fmt == "md":
        return render_markdown(brief, templates).encode("utf-8")
    if fmt == "json":
        return render_json(brief).encode("utf-8")
    raise ConfigError(f"unknown output format {fmt!r}", field="format", hint="use pdf, html, md or json")
