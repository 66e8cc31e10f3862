"""The language-neutral quote engine that the Russian, German and French packs run on.

Its modules, by role: :mod:`.reader` finds quotations, attributions and reported speech (the rules, in order),
:mod:`.patterns` compiles a grammar's words into the patterns the rules read with, :mod:`.names` reads names and
speaker phrases, :mod:`.book` resolves pronouns, surnames and roles to the speakers met before, and
:mod:`.speaker_types` types a speaker from the pack's lexicons. None holds a word of any language.
"""

from __future__ import annotations

from briefing.quotes.engine.reader import QuoteEngine

__all__ = ["QuoteEngine"]
