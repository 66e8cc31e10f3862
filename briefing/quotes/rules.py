"""The quote rules of a language as named data: each rule's id, what it reads, and its examples.

A language's rules are listed in ``briefing/quotes/lang/<code>/rules.toml``, in the order the
engine tries them. Every quote the extractor finds names its rule (``Quote.rule``), and every
rule's examples run as tests: the rule must find the example's quote, with its speaker. The
list is the documentation of the rules and the check that each one still does what it says.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from briefing.errors import ConfigError

__all__ = ["Rule", "RuleExample", "load_rules"]


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A sentence or two, and the quote and speaker (empty: none) the rule finds there."""

    text: str
    quote: str
    speaker: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule: ``id`` is language.stage.name (``en.after.inverted``), ``reads`` what it reads."""

    id: str
    reads: str
    examples: tuple[RuleExample, ...]
    #: whether only the quote engine reads it: a rule of English's list that the English rules have no twin of, its
    #: examples run on the engine alone
    engine_only: bool = False

    @property
    def stage(self) -> str:
        """Where the rule looks: after, inside or before a quotation, in a mixed quote, in reported speech, …"""
        parts = self.id.split(".")
        return parts[1] if len(parts) > 2 else parts[-1]


@functools.cache
def load_rules(language: str) -> tuple[Rule, ...]:
    """The rules of ``language``, in the order the engine tries them.

    Raises:
        ConfigError: the language has no rules file, or the file is malformed.
    """
    from briefing.quotes.lang import pack_data

    path = f"briefing/quotes/lang/{language}/rules.toml"
    data = pack_data(language, "rules.toml")
    if data is None:
        raise ConfigError(f"no quote rules for the language {language!r}", field="language")
    rules = []
    for entry in data.get("rule", []):
        try:
            examples = tuple(RuleExample(e["text"], e["quote"], e.get("speaker", "")) for e in entry["examples"])
            engine_only = bool(entry.get("engine", False))
            rules.append(Rule(id=entry["id"], reads=entry["reads"], examples=examples, engine_only=engine_only))
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: a rule lacks {exc}", field="rule") from None
    return tuple(rules)
