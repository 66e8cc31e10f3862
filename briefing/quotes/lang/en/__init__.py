"""The English pack: its words are in ``words.toml`` beside this file, its verb forms in :mod:`.verbs`."""

from __future__ import annotations

from typing import Any

from briefing.quotes.lang import LanguagePack, Lexicon, SpeakerLexicons, pack_data
from briefing.quotes.lang.en.verbs import inflect

__all__ = ["PACK"]


def _read() -> dict[str, Any]:
    data = pack_data("en", "words.toml")
    if data is None:
        raise FileNotFoundError("briefing/quotes/lang/en/words.toml is missing: reinstall briefing")
    return data


def _pack(data: dict[str, Any]) -> LanguagePack:
    lists = {name: table["words"] for name, table in data.items() if name != "lexicons"}
    lexicons = {
        name: Lexicon(
            stems=tuple(table.get("stems", ())),
            words=tuple(table.get("words", ())),
            not_after={word: tuple(before) for word, before in table.get("not_after", {}).items()},
            with_s=table.get("with_s", False),
            last=tuple(table.get("last", ())),
        )
        for name, table in data["lexicons"].items()
    }
    # every list is a set but those whose order a pattern keeps
    ordered = {f for f, t in LanguagePack.__annotations__.items() if t == "tuple[str, ...]"}
    word_lists: dict[str, Any] = {name: tuple(w) if name in ordered else frozenset(w) for name, w in lists.items()}
    return LanguagePack(code="en", name="English", inflect=inflect, lexicons=SpeakerLexicons(**lexicons), **word_lists)


#: the English pack
PACK = _pack(_read())
