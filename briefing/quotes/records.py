"""The machine-readable form of a quote: one record of ``briefing quotes --jsonl``.

The record is a stable contract (see docs/cli.md): ``text`` is ``article.text[start:end]``,
``kind`` is direct, mixed or indirect, ``speaker_type`` one of analyst, official,
media, organization or other, and ``parts`` the ``[start, end]`` pieces of the quote —
one, unless an attribution stands inside it (“…,” he said, “…”). ``rule`` names the rule that
found the quote and ``confidence`` how often that rule's quotes are right (see docs/languages.md).
"""

from __future__ import annotations

from typing import Any

from briefing.models import Quote

__all__ = ["quote_record"]


def quote_record(quote: Quote) -> dict[str, Any]:
    """The JSON object that stands for ``quote`` in ``briefing quotes`` output."""
    speaker = quote.speaker
    return {
        "text": quote.text,
        "speaker": speaker.name if speaker else None,
        "speaker_type": speaker.type if speaker else "other",
        "role": speaker.role if speaker else "",
        "organization": speaker.organization if speaker else "",
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "cue": quote.cue,
        "paragraph": quote.paragraph,
        "parts": [list(part) for part in quote.parts] or [[quote.start, quote.end]],
        "rule": quote.rule,
        "confidence": quote.confidence,
    }
