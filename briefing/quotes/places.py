"""Places by their names, for typing a place that speaks: "Moscow said", "Kiev a affirmé", "China sagte" — a country or
a capital speaking is its government.

The names are CLDR's, as Babel ships them (Babel is already the project's for translations): every country and
territory by its name in the language and in English, and the cities the world's time zones are named after
("Europe/Kyiv", "Asia/Seoul") with their names in the language. A pack may add capitals no time zone is named after
(``[names] capitals`` in a grammar, ``[capitals]`` in English): Washington, Beijing, Ankara.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection

from babel import Locale, UnknownLocaleError
from babel.core import get_global

__all__ = ["names_a_place", "place_names", "state_title"]

#: the regions whose time zones' cities are taken: the Americas' and Oceania's zones are named after many a city that
#: is also a name ("Darwin", "Phoenix", "Regina"), and news speaks of few of them as of a government (their capitals
#: are the packs' to add)
_REGIONS = ("Europe/", "Asia/", "Africa/")


@functools.lru_cache(maxsize=8)
def place_names(language: str, extra: frozenset[str] = frozenset()) -> frozenset[str]:
    """Every country's, territory's and time-zone city's name in ``language`` and in English, case-folded, with the
    pack's ``extra`` ones."""
    zones = {zone for zone in get_global("zone_territories") if zone.count("/") == 1 and zone.startswith(_REGIONS)}
    names = {zone.split("/")[1].replace("_", " ").casefold() for zone in zones}
    for code in dict.fromkeys((language, "en")):
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        names |= {name.casefold() for name in locale.territories.values()}
        names |= {
            city.casefold()
            for zone, names_of in locale.time_zones.items()
            if (city := names_of.get("city")) and zone in zones
        }
    return frozenset(names | {name.casefold() for name in extra})


def names_a_place(name: str, language: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether ``name`` (an article before it left off) is a country's, a territory's or a city's."""
    return " ".join(name.split()).casefold() in place_names(language, extra)


def state_title(role: str, titles: Collection[str], qualifier: Callable[[str], bool]) -> bool:
    """Whether ``role`` is one of a state's ``titles`` as written, alone or after words that only qualify it — a
    country's name or adjective, a past post's word, as ``qualifier`` says of each, read without its periods ("U.S.
    Vice President")."""
    words = role.split()
    while words and qualifier(words[0].replace(".", "").replace("\u2024", "")):
        words.pop(0)
    return " ".join(words) in titles
