"""The brief in its reader's language: the templates' labels from gettext catalogs, dates by Babel.

The built-in templates mark their fixed words with ``_()`` and ``ngettext()`` (Jinja2's i18n
extension, new style: ``_("%(name)s said", name=...)``); the catalogs are
``briefing/locale/<code>/LC_MESSAGES/briefing.po``, compiled to ``.mo`` beside them and shipped
in the wheel (docs/templates.md says how to update them). English is the templates' own text,
so an English brief reads no catalog and imports no Babel.

Dates go through the ``datetime`` filter: in English with ``strftime`` as written; in another
language the templates' own formats become that language's long and full dates (CLDR, through
Babel: "Mittwoch, 25. November 2026"), and any other format gets the language's day and month
names.
"""

from __future__ import annotations

import functools
import gettext
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from briefing.nlp.language import BRIEF_LANGUAGES, brief_language, check_brief_language

__all__ = [
    "BRIEF_LANGUAGES",
    "DEFAULT_TITLE",
    "DOMAIN",
    "LOCALE_DIR",
    "brief_language",
    "brief_title",
    "check_brief_language",
    "css_counters",
    "format_date",
    "translations",
]

#: Where the compiled catalogs are: ``<code>/LC_MESSAGES/briefing.mo``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "briefing"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language``, read once; English (and a language without one) translates nothing."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True)


def N_(message: str) -> str:  # (the name pybabel extracts)
    """Mark ``message`` for the catalogs without translating it here."""
    return message


#: the title a brief has when none is given (``title`` in the settings): translated into the brief's language
DEFAULT_TITLE = N_("News brief")


def brief_title(title: str, language: str) -> str:
    """The brief's title in ``language``: the default title translated, any other as it was given."""
    return translations(language).gettext(title) if title == DEFAULT_TITLE else title


def css_counters(text: object) -> str:
    """A CSS ``content`` value for a translated ``page {page} of {pages}``: its words as CSS strings, its
    ``{page}`` and ``{pages}`` as the page counters (``"page " counter(page) " of " counter(pages)``)."""
    out: list[str] = []
    for piece in re.split(r"(\{pages?\})", str(text)):
        if piece in ("{page}", "{pages}"):
            out.append(f"counter({piece[1:-1]})")
        elif piece:
            out.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"')
    return " ".join(out) or '""'


#: the built-in templates' date formats, as CLDR widths: (date, then the time after a separator, or none)
_HOUSE_FORMATS: dict[str, tuple[str, str | None, bool]] = {
    "%A %d %B %Y, %H:%M %Z": ("full", ", ", True),
    "%d %B %Y, %H:%M": ("long", ", ", False),
    "%d %B %Y": ("long", None, False),
    "%d %b %Y %H:%M": ("medium", " ", False),
}
_DIRECTIVE = re.compile(r"%(.)", re.DOTALL)


def format_date(value: datetime, fmt: str, language: str) -> str:
    """``value`` formatted as ``fmt`` (a ``strftime`` format) says, in ``language``.

    English is ``strftime`` itself. In another language the built-in templates' formats
    become the language's own (Babel's CLDR data: ``25. November 2026``, ``25 ноября 2026 г.``),
    and in any other format the day and month names (``%A %a %B %b``) are the language's.
    """
    if language == "en" or language not in BRIEF_LANGUAGES:
        return value.strftime(fmt)
    from babel import dates  # loaded only for a brief in another language than English

    house = _HOUSE_FORMATS.get(fmt)
    if house is not None:
        width, separator, zone = house
        out = dates.format_date(value, width, locale=language)
        if separator is not None:
            out += separator + dates.format_time(value, "HH:mm", locale=language)
        if zone and value.tzinfo is not None:
            out += f" {value.strftime('%Z')}"
        return out

    def name(directive: str) -> str:
        width: Literal["wide", "abbreviated"] = "wide" if directive in "AB" else "abbreviated"
        if directive in "aA":
            return str(dates.get_day_names(width, "format", locale=language)[value.weekday()])
        return str(dates.get_month_names(width, "format", locale=language)[value.month])

    # the names go in after strftime has read the format, so nothing in a name can be taken for a directive
    marked = _DIRECTIVE.sub(lambda m: f"\ue000{m.group(1)}\ue001" if m.group(1) in "aAbB" else m.group(0), fmt)
    return re.sub("\ue000([aAbB])\ue001", lambda m: name(m.group(1)), value.strftime(marked))


def install(env: Any, language: str) -> None:
    """Give ``env``'s templates ``_``, ``gettext`` and ``ngettext`` in ``language`` (new style)."""
    env.install_gettext_translations(translations(language), newstyle=True)
