"""Language packs: the English pack loads, its lists are clean, and packs load only when asked."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from briefing.errors import ConfigError
from briefing.quotes.lang import LanguagePack, Lexicon, VerbForms, load_pack, packs

WORDS = Path(__file__).resolve().parent.parent / "briefing" / "quotes" / "lang" / "en" / "words.toml"


def _lists(data: dict[str, object], prefix: str = "") -> dict[str, list[str]]:
    """Every list of the data file, by its table's name ("lexicons.media.words")."""
    found: dict[str, list[str]] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            found.update(_lists(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            found[f"{prefix}{key}"] = value
    return found


def test_the_english_pack_loads_once() -> None:
    pack = load_pack("en")
    assert isinstance(pack, LanguagePack)
    assert (pack.code, pack.name) == ("en", "English")
    assert load_pack("en") is pack
    assert "en" in packs()


def test_every_field_of_the_pack_is_filled() -> None:
    pack = load_pack("en")
    for field in dataclasses.fields(pack):
        value = getattr(pack, field.name)
        if isinstance(value, frozenset | tuple):
            assert value, f"{field.name} is empty"
            assert all(isinstance(w, str) for w in value), field.name
    for field in dataclasses.fields(pack.lexicons):
        lexicon = getattr(pack.lexicons, field.name)
        assert isinstance(lexicon, Lexicon)
        assert lexicon.stems or lexicon.words, f"the {field.name} lexicon is empty"


def test_every_list_is_clean() -> None:
    """No list is empty, repeats a word or holds stray whitespace."""
    lists = _lists(tomllib.loads(WORDS.read_text(encoding="utf-8")))
    assert len(lists) > 40
    for name, words in lists.items():
        assert words, f"{name} is empty"
        assert all(isinstance(w, str) and w == w.strip() and "  " not in w and w for w in words), name
        repeated = sorted({w for w in words if words.count(w) > 1})
        assert not repeated, f"{name} repeats {repeated}"


def test_every_table_says_what_it_is_for() -> None:
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("[") and not line.endswith(".not_after]"):
            assert lines[number - 1].startswith("#"), f"{line} has no comment"


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("say", VerbForms("say", "says", "said", "saying")),
        ("write", VerbForms("write", "writes", "wrote", "writing", "written")),
        ("deny", VerbForms("deny", "denies", "denied", "denying")),
        ("admit", VerbForms("admit", "admits", "admitted", "admitting")),
        ("stress", VerbForms("stress", "stresses", "stressed", "stressing")),
        ("warn", VerbForms("warn", "warns", "warned", "warning")),
        ("argue", VerbForms("argue", "argues", "argued", "arguing")),
    ],
)
def test_english_inflects_its_reporting_verbs(lemma: str, forms: VerbForms) -> None:
    assert load_pack("en").inflect(lemma) == forms


@pytest.mark.parametrize(
    ("lexicon", "text", "found"),
    [
        ("analyst", "professor of economics", True),
        ("analyst", "Prof", True),
        ("analyst", "profits chief", False),
        ("analyst", "University of Kent", True),
        ("media", "The Washington Post", True),
        ("media", "Timesheet", False),
        ("other", "local residents", True),
        ("other", "witnesses", False),  # (as before: "witness" and "witnesss" only)
        ("non_government", "trade union", True),
        ("non_government", "European Union", False),
        ("official", "Sen. Smith", True),
    ],
)
def test_a_lexicon_is_matched_from_a_word_start(lexicon: str, text: str, found: bool) -> None:
    pattern = getattr(load_pack("en").lexicons, lexicon).pattern()
    assert (pattern.search(text) is not None) is found


def test_an_unknown_language_has_no_pack() -> None:
    with pytest.raises(ConfigError, match="no language pack for 'xx'"):
        load_pack("xx")
    with pytest.raises(ConfigError):
        load_pack("../en")


def test_importing_the_packages_loads_no_pack() -> None:
    code = (
        "import sys, briefing.quotes, briefing.quotes.lang; "
        "assert not [m for m in sys.modules if m.startswith('briefing.quotes.lang.')], sorted(sys.modules); "
        "briefing.quotes.lang.load_pack('en'); "
        "assert 'briefing.quotes.lang.en' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)
