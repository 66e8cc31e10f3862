"""The one Jinja2 environment every output is rendered through.

Lookup order (as in Datasette and Pelican): the user's template folders first, then the
built-in templates. ``default:NAME`` always names the built-in, so an override can
extend the original instead of copying it::

    {% extends "default:brief.html" %}
    {% block cover %}…{% endblock %}

Undefined variables raise (``StrictUndefined``) so a misspelt name fails loudly instead
of rendering blank, and HTML templates autoescape everything: article text is untrusted.

Templates are written in English and translated with gettext (Jinja2's i18n extension, new
style): ``{{ _("Key quotes") }}``, ``{{ ngettext("%(num)d story", "%(num)d stories", n) }}``.
:func:`render_template` installs the catalog of the brief's language (:mod:`briefing.render.i18n`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from briefing import __version__
from briefing.errors import TemplateError
from briefing.models import Brief
from briefing.render.i18n import N_

__all__ = [
    "LONGEST_SHOWN",
    "builtin_templates_dir",
    "find_asset",
    "make_environment",
    "render_template",
    "shown",
    "template_dirs",
]

#: the most characters of one value (a summary sentence, a quote, a title) a page shows: a brief
#: prints summaries and quotes, not whole articles, and WeasyPrint lays out one long paragraph in
#: time that grows faster than its length (a 6 MB line without a sentence end took 247 s)
LONGEST_SHOWN = 3_000


def builtin_templates_dir() -> Path:
    """The folder of built-in templates: inside the installed package, or ``templates/`` of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "brief.html").is_file():
            return candidate
    raise TemplateError(
        "the built-in templates are missing",
        hint="reinstall briefing; in a source checkout, run from the repository that has templates/",
    )


def template_dirs(user_dirs: Sequence[Path] = ()) -> list[Path]:
    """Every template folder in lookup order: the user's first, the built-ins last."""
    return [Path(d) for d in user_dirs] + [builtin_templates_dir()]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


_LINE_BREAKS = re.compile(r"\s*\n\s*")


def md_escape(value: object) -> str:
    """Escape text for Markdown so article content cannot add links, HTML or formatting; its line breaks become
    spaces (a quotation over two paragraphs would otherwise leave its blockquote or list item, as it reads as one
    paragraph in HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)))


def format_datetime(value: datetime | None, fmt: str = "%d %B %Y, %H:%M", language: str = "en") -> str:
    """Format a date for readers in ``language`` (see :func:`briefing.render.i18n.format_date`); an empty string
    when there is none."""
    if value is None:
        return ""
    if language == "en":
        return value.strftime(fmt)
    from briefing.render.i18n import format_date

    return format_date(value, fmt, language)


def _brief_language(context: jinja2.runtime.Context) -> str:
    brief = context.get("brief")
    return brief.language if isinstance(brief, Brief) else "en"


@jinja2.pass_context
def _datetime_filter(context: jinja2.runtime.Context, value: datetime | None, fmt: str = "%d %B %Y, %H:%M") -> str:
    """``{{ when | datetime("%d %B %Y") }}``: the date in the brief's language."""
    return format_datetime(value, fmt, _brief_language(context))


@jinja2.pass_context
def lang_attribute(context: jinja2.runtime.Context, article: object) -> markupsafe.Markup:
    """`` lang="ru"`` for an article written in another language than the brief, else nothing:
    ``<p{{ article | lang }}>`` lets hyphenation and screen readers read its words in their language."""
    language = getattr(article, "language", "")
    if not language or language == _brief_language(context):
        return markupsafe.Markup("")
    return markupsafe.Markup(' lang="{}"').format(language)


#: what stands for an outlet no file, feed or page names, translated into the brief's language
UNKNOWN_OUTLET = N_("unknown outlet")


@jinja2.pass_context
def outlet_name(context: jinja2.runtime.Context, value: object) -> str:
    """The outlet of an article (or an outlet's name as a story lists it), or "unknown outlet" in the brief's
    language when its file, feed or page names none: ``{{ article | outlet }}``. A file's name is never an outlet."""
    name = getattr(value, "outlet", value)
    if isinstance(name, str) and name:
        return name
    gettext = context.resolve("gettext")  # the brief's language's, as the templates' own _()
    return str(context.call(gettext, UNKNOWN_OUTLET)) if callable(gettext) else UNKNOWN_OUTLET


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``3 articles`` / ``1 article``."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def safe_url(value: object) -> str:
    """The URL if it is a web or mail link, else an empty string: no ``javascript:`` or ``file:`` links."""
    url = str(value or "").strip()
    if re.match(r"^(?:https?://|mailto:)[^\s<>\"'`]+$", url, re.IGNORECASE):
        return url
    return ""


def anchor(value: object) -> str:
    """An id safe in HTML attributes and Markdown link targets, derived from an article id."""
    text = str(value)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "item"
    if slug == text:
        return slug
    import hashlib

    return f"{slug}-{hashlib.sha1(text.encode()).hexdigest()[:6]}"


def direction(value: object) -> str:
    """``rtl`` when the text's first strongly directional letter is right-to-left (Arabic, Hebrew…), else ``ltr``.

    HTML's ``dir="auto"`` does the same in browsers, but WeasyPrint does not support it,
    so templates set ``dir="{{ text | direction }}"`` on each piece of article text.
    """
    for char in str(value):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def css_counters(value: object) -> markupsafe.Markup:
    """A translated ``page {page} of {pages}`` as a CSS ``content`` value (see :mod:`briefing.render.i18n`)."""
    from briefing.render.i18n import css_counters as counters

    return markupsafe.Markup(counters(value))


def speaker_description(value: object) -> str:
    """What describes a speaker after their name: their role and organisation, joined by a comma, leaving out a role
    that only repeats the name (someone unnamed is called by their description: "эксперт", not "эксперт, эксперт"):
    ``{{ quote.speaker | description }}``; "" when nothing does."""
    name = str(getattr(value, "name", "") or "").strip()
    role = str(getattr(value, "role", "") or "").strip()
    organization = str(getattr(value, "organization", "") or "").strip()
    if role.casefold() == name.casefold():
        role = ""
    return ", ".join(part for part in (role, organization) if part)


FILTERS: dict[str, Any] = {
    "md": md_escape,
    "datetime": _datetime_filter,
    "lang": lang_attribute,
    "css_counters": css_counters,
    "plural": plural,
    "url": safe_url,
    "anchor": anchor,
    "direction": direction,
    "outlet": outlet_name,
    "description": speaker_description,
}


#: assets larger than this are not inlined into HTML pages and emails
MAX_INLINE_ASSET = 2 * 1024 * 1024


def find_asset(dirs: Sequence[Path], name: str) -> Path | None:
    """The file ``name`` in the first template folder that has it; None for a missing or escaping name."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or ".." in Path(name).parts:
        return None
    for folder in dirs:
        root = Path(folder).resolve()
        candidate = (root / name).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def _asset_function(dirs: Sequence[Path]) -> Any:
    @jinja2.pass_context
    def asset(context: jinja2.runtime.Context, name: str) -> str:
        """A URL for a file in the template folders, or "" when there is none.

        In the PDF it is the file's name (the renderer serves template folders only); in the
        HTML page and the email, which travel without their folder, the file is inlined as a
        ``data:`` URL.
        """
        path = find_asset(dirs, str(name))
        if path is None:
            return ""
        if context.get("output_format") == "pdf":
            return path.relative_to(
                next(Path(d).resolve() for d in dirs if path.is_relative_to(Path(d).resolve()))
            ).as_posix()
        if path.stat().st_size > MAX_INLINE_ASSET:
            return ""
        import base64
        import mimetypes

        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    return asset


def shown(value: Any, longest: int = LONGEST_SHOWN) -> Any:
    """``value`` as a page shows it: text longer than ``longest`` characters is cut at a word
    and says so (``[… cut for display: N characters in all]``); the reference printed beside it
    still names its article and paragraph. Markup the templates made, and anything not text, pass
    unchanged."""
    if not isinstance(value, str) or isinstance(value, markupsafe.Markup) or len(value) <= longest:
        return value
    end = value.rfind(" ", 0, longest + 1)
    head = value[: end if end > longest // 2 else longest].rstrip()
    return f"{head} [… cut for display: {len(value):,} characters in all]"


def make_environment(user_dirs: Sequence[Path] = (), *, for_pages: bool = False) -> jinja2.Environment:
    """Build the environment for the given user template folders (searched before the built-ins);
    ``for_pages`` (HTML and PDF) cuts what any ``{{ … }}`` prints to :func:`shown`'s length."""
    dirs = template_dirs(user_dirs)
    builtin = jinja2.FileSystemLoader(str(dirs[-1]))
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in dirs]),
            jinja2.PrefixLoader({"default": builtin}, delimiter=":"),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        finalize=shown if for_pages else None,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(FILTERS)
    env.globals["version"] = __version__
    env.globals["asset"] = _asset_function(dirs)
    return env


def render_template(env: jinja2.Environment, name: str, brief: Brief, **extra: Any) -> str:
    """Render template ``name`` with the brief's context.

    Raises:
        TemplateError: the template is missing, has a syntax error or fails while rendering;
            the message gives the template file and line when Jinja knows them.
    """
    context: dict[str, Any] = {"brief": brief, **extra}
    from briefing.render.i18n import install

    install(env, brief.language)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(_searchpath(env))
        raise TemplateError(f"template {exc.name!r} not found (searched {searched})") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            exc.message or "syntax error", filename=exc.filename or exc.name, lineno=exc.lineno
        ) from None
    except (jinja2.UndefinedError, jinja2.TemplateError, TypeError, AttributeError, ValueError) as exc:
        filename, lineno = _template_location(exc)
        raise TemplateError(str(exc), filename=filename, lineno=lineno) from None


def _searchpath(env: jinja2.Environment) -> list[str]:
    loader = env.loader
    if isinstance(loader, jinja2.ChoiceLoader) and isinstance(loader.loaders[0], jinja2.FileSystemLoader):
        return list(loader.loaders[0].searchpath)
    return []


def _template_location(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a rendering error's traceback."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        frame = tb.tb_frame
        name = frame.f_code.co_filename
        if name.endswith((".html", ".md", ".css", ".txt", ".xml")) or "<template>" in name:
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found
