"""Settings for building and rendering a brief: one frozen dataclass, merged and validated in one place.

Precedence, lowest first: the defaults below, then environment variables
(``BRIEFING_<FIELD>``, e.g. ``BRIEFING_ALGORITHM=lexrank``), then command-line options.
:func:`load_config` does the merging; :class:`BriefConfig` validates itself when built,
so an invalid value is reported once, naming its field, wherever it came from.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError

__all__ = ["FORMATS", "BriefConfig", "field_help", "load_config"]

#: Output formats, by the name ``--format`` takes and the file suffixes that imply them.
FORMATS: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "md": (".md", ".markdown"),
    "json": (".json",),
}


@dataclass(frozen=True, kw_only=True)
class BriefConfig:
    """How a brief is built and rendered. Every field's ``help`` is the documentation."""

    title: str = field(default="News brief", metadata={"help": "The brief's title, on the cover and every page."})
    algorithm: str = field(
        default="textrank",
        metadata={
            "help": "Summarization algorithm: lead, lexrank, textrank, lsa, luhn, edmundson, kl, sumbasic, reduction."
        },
    )
    summary_sentences: int = field(default=3, metadata={"help": "Sentences in each story's summary (1–50)."})
    overview_sentences: int = field(
        default=5, metadata={"help": "Sentences in the brief's overview across all stories (0–50; 0 leaves it out)."}
    )
    quotes_per_story: int = field(default=3, metadata={"help": "Key quotes shown with each story (0–20)."})
    templates: tuple[Path, ...] = field(
        default=(), metadata={"help": "Template folders searched before the built-in templates, first wins."}
    )
    max_bytes: int = field(
        default=20 * 1024 * 1024, metadata={"help": "Input files larger than this many bytes are skipped."}
    )

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ConfigError("the title is empty", field="title")
        _check_range("summary_sentences", self.summary_sentences, 1, 50)
        _check_range("overview_sentences", self.overview_sentences, 0, 50)
        _check_range("quotes_per_story", self.quotes_per_story, 0, 20)
        _check_range("max_bytes", self.max_bytes, 1, 2**40)
        from briefing.summarize import get_summarizer

        get_summarizer(self.algorithm)  # raises ConfigError naming the choices
        for folder in self.templates:
            if not folder.is_dir():
                raise ConfigError(
                    f"template folder {str(folder)!r} does not exist",
                    field="templates",
                    hint="create it with `briefing templates init DIR` or fix the path",
                )


def _check_range(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {value!r}", field=name)


def field_help() -> dict[str, str]:
    """Each setting's name and help text, in declaration order (used by docs and tests)."""
    return {f.name: str(f.metadata.get("help", "")) for f in dataclasses.fields(BriefConfig)}


def load_config(overrides: Mapping[str, Any] | None = None, *, env: Mapping[str, str] | None = None) -> BriefConfig:
    """Merge the defaults, ``BRIEFING_*`` environment variables and ``overrides`` into a validated config.

    ``None`` values in ``overrides`` mean "not given" and do not override.

    Raises:
        ConfigError: a value has the wrong type or is out of range, or a name is unknown.
    """
    env = os.environ if env is None else env
    fields = {f.name: f for f in dataclasses.fields(BriefConfig)}
    values: dict[str, Any] = {}
    for name, f in fields.items():
        raw = env.get(f"BRIEFING_{name.upper()}")
        if raw is not None and raw != "":
            values[name] = _convert(name, raw, f.default)
    for name, value in (overrides or {}).items():
        if name not in fields:
            raise ConfigError(f"unknown setting {name!r}", field=name, hint=f"known: {', '.join(fields)}")
        if value is not None:
            values[name] = _convert(name, value, fields[name].default) if isinstance(value, str) else value
    if "templates" in values:
        values["templates"] = tuple(Path(p) for p in values["templates"])
    return BriefConfig(**values)


def _convert(name: str, raw: str, default: object) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}", field=name) from None
    if isinstance(default, tuple):
        return tuple(p for p in raw.split(os.pathsep) if p)
    return raw
