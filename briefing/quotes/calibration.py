"""How far to trust a quote: each rule's measured rate of quotes with their words and speaker right.

A language's table is ``briefing/quotes/lang/<code>/confidence.toml``, written by
``briefing eval quotes GOLD --calibrate FILE`` from annotated news: for each rule, the share of
its quotes that match a gold quote and name its speaker, shrunk towards the rate of all rules
when the rule found few quotes. A quote's ``confidence`` is its rule's figure, so a quote at 0.9
comes from a rule whose quotes were right about nine times in ten on that data. Rules the data
never exercised get the table's ``default``; a language without a table gives ``None``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

__all__ = ["confidence", "confidence_table"]


@functools.cache
def confidence_table(language: str) -> tuple[Mapping[str, float], float | None]:
    """The rules' figures of ``language`` and its default, read once; empty and ``None`` without a table."""
    from briefing.quotes.lang import pack_data

    data = pack_data(language, "confidence.toml")
    if data is None:
        return {}, None
    rules = {str(rule): float(value) for rule, value in data.get("rules", {}).items()}
    default = data.get("default")
    return rules, (float(default) if default is not None else None)


def confidence(rule: str) -> float | None:
    """The measured confidence of a quote found by ``rule`` (``en.after.inverted``: its language comes first)."""
    language = rule.partition(".")[0]
    if not language:
        return None
    rules, default = confidence_table(language)
    return rules.get(rule, default)
