"""Every quote rule is named in its language's rules file, in order, and does what its examples say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.models import Article
from briefing.nlp import sentences
from briefing.quotes import get_extractor
from briefing.quotes.rules import Rule, load_rules
from tests.conftest import ROOT

RULES = load_rules("en")
ENGINE = ROOT / "briefing" / "quotes" / "extract.py"


def test_every_rule_the_engine_names_is_listed_once_and_every_listed_rule_is_used() -> None:
    named = set(re.findall(r'"(en\.[a-z]+(?:\.[a-z]+(?:-[a-z]+)*)?)"', ENGINE.read_text(encoding="utf-8")))
    listed = [rule.id for rule in RULES]
    assert len(listed) == len(set(listed)), "a rule is listed twice"
    # (a rule the quote engine alone reads is listed with English's, its examples run on the engine)
    assert {rule.id for rule in RULES if not rule.engine_only} == named


def test_rules_have_examples_and_a_description() -> None:
    without = [rule.id for rule in RULES if not rule.examples]
    # one rule is shadowed by the clause rule in every sentence tried (rules.toml says so); no other may lack examples
    assert without == ["en.indirect.adding-that"]
    for rule in RULES:
        assert rule.reads.strip() and rule.stage in {
            "after",
            "inside",
            "before",
            "mixed",
            "indirect",
            "unattributed",
            "labelled",
        }


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" .,")


@pytest.mark.parametrize(
    ("rule", "index"),
    [(rule, i) for rule in RULES if not rule.engine_only for i in range(len(rule.examples))],
    ids=lambda value: value.id if isinstance(value, Rule) else str(value),
)
def test_each_rule_finds_its_examples(rule: Rule, index: int) -> None:
    example = rule.examples[index]
    article = Article(id="example", title="Example", text=example.text, source="", origin="test")
    quotes = get_extractor("en").extract(article, sentences(article))
    found = [q for q in quotes if q.rule == rule.id]
    assert found, f"{rule.id} found nothing in {example.text!r}: {[(q.rule, q.content) for q in quotes]}"
    wanted = _normal(example.quote)
    match = next((q for q in found if _normal(q.content).startswith(wanted) or wanted in _normal(q.content)), None)
    assert match is not None, f"{rule.id}: {[q.content for q in found]} ≠ {example.quote!r}"
    assert (match.speaker.name if match.speaker else "") == example.speaker


def test_rules_load_from_data_with_a_clear_error_for_an_unknown_language(tmp_path: Path) -> None:
    from briefing.errors import ConfigError

    with pytest.raises(ConfigError, match="no quote rules for the language 'xx'"):
        load_rules("xx")
