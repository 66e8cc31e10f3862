"""Settings for building and rendering a brief: one frozen dataclass, merged and validated in one place.

Precedence, lowest first: the defaults below, then environment variables
(``BRIEFING_<FIELD>``, e.g. ``BRIEFING_ALGORITHM=lexrank``), then command-line options.
:func:`load_config` does the merging; :class:`BriefConfig` validates itself when built,
so an invalid value is reported once, naming its field, wherever it came from.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError

__all__ = ["FORMATS", "BriefConfig", "field_help", "load_config", "since_time"]

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
        default="news",
        metadata={
            "help": "Summarization algorithm: news (the default), lead, lexrank, textrank, lsa, luhn, sumbasic, kl, "
            "reduction, edmundson, or sumy's originals as sumy-lexrank, sumy-textrank, …"
        },
    )
    summary_sentences: int = field(default=3, metadata={"help": "Sentences in each story's summary (1–50)."})
    overview_sentences: int = field(
        default=5,
        metadata={
            "help": "Sentences in the brief's overview: each story's first, most important story first "
            "(0–50; 0 leaves it out; a brief of one story has none, as it would repeat the story)."
        },
    )
    quotes_per_story: int = field(default=3, metadata={"help": "Key quotes shown with each story (0–20)."})
    templates: tuple[Path, ...] = field(
        default=(), metadata={"help": "Template folders searched before the built-in templates, first wins."}
    )
    max_bytes: int = field(
        default=20 * 1024 * 1024, metadata={"help": "Input files larger than this many bytes are skipped."}
    )
    since: str = field(
        default="",
        metadata={
            "help": "Keep only articles published since then: a date or time (2026-11-24, 2026-11-24T18:00+01:00) "
            "or a span back from now (90m, 24h, 2d, 1w). Undated articles are kept."
        },
    )
    group_stories: bool = field(
        default=True,
        metadata={
            "help": "Group reports of the same event from several outlets into one story (false: one per article)."
        },
    )
    cluster_threshold: float = field(
        default=0.2,
        metadata={"help": "How alike (average TF-IDF cosine, 0–1) articles must be to share a story."},
    )
    keywords: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "Keep only articles whose title or text mentions one of these words or phrases (whole words; "
            "case-insensitive, except all-capital ones such as US)."
        },
    )
    exclude: tuple[str, ...] = field(
        default=(), metadata={"help": "Leave out articles whose title or text mentions one of these (as keywords)."}
    )
    stale_after_hours: int = field(
        default=72, metadata={"help": "A feed whose newest entry is older than this is reported as stale."}
    )
    tagged_pdf: bool = field(
        default=False,
        metadata={
            "help": "Write PDFs tagged for assistive technology: a structure tree of headings, paragraphs, lists and "
            "links in reading order, and the brief's language, as accessibility rules for public documents ask "
            "(PDF/UA, EN 301 549). A long brief takes about 15% longer and its file is about 75% larger."
        },
    )
    workers: int = field(
        default=0,
        metadata={
            "help": "Processes that analyse articles (split, quotes, summaries) in a run of 200 articles or more, and "
            "that lay out a long PDF (two at most): 0 (the default) uses every available core, 1 none but this one."
        },
    )

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ConfigError("the title is empty", field="title")
        _check_range("summary_sentences", self.summary_sentences, 1, 50)
        _check_range("overview_sentences", self.overview_sentences, 0, 50)
        _check_range("quotes_per_story", self.quotes_per_story, 0, 20)
        _check_range("max_bytes", self.max_bytes, 1, 2**40)
        _check_range("stale_after_hours", self.stale_after_hours, 1, 24 * 365)
        _check_range("workers", self.workers, 0, 256)
        if isinstance(self.cluster_threshold, bool) or not isinstance(self.cluster_threshold, int | float):
            raise ConfigError(
                f"cluster_threshold must be a number, not {self.cluster_threshold!r}", field="cluster_threshold"
            )
        if not 0.0 < self.cluster_threshold <= 1.0:
            raise ConfigError("cluster_threshold must be above 0 and at most 1", field="cluster_threshold")
        for name in ("keywords", "exclude"):
            for word in getattr(self, name):
                if not isinstance(word, str) or not word.strip():
                    raise ConfigError(f"{name} must be non-empty words or phrases, not {word!r}", field=name)
        if self.since:
            since_time(self.since, datetime.now(UTC))  # raises ConfigError on a bad value
        from briefing.summarize import get_summarizer

        get_summarizer(self.algorithm)  # raises ConfigError naming the choices
        for folder in self.templates:
            if not folder.is_dir():
                raise ConfigError(
                    f"template folder {str(folder)!r} does not exist",
                    field="templates",
                    hint="create it with `briefing templates init DIR` or fix the path",
                )


_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_SPAN_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def since_time(value: str, now: datetime) -> datetime:
    """The moment ``value`` names: a span back from ``now``, or an ISO date or time (local time when it has no zone).

    Raises:
        ConfigError: the value is neither.
    """
    m = _SPAN.match(value)
    if m:
        return now - timedelta(seconds=float(m.group(1)) * _SPAN_UNITS[m.group(2).lower()])
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(
            f"cannot read the time {value!r}",
            field="since",
            hint="give a date or time (2026-11-24, 2026-11-24T18:00+01:00) or a span (90m, 24h, 2d, 1w)",
        ) from None
    return when if when.tzinfo is not None else when.astimezone()


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
    for name in ("keywords", "exclude"):
        if name in values:
            values[name] = tuple(values[name])
    return BriefConfig(**values)


def _convert(name: str, raw: str, default: object) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}", field=name) from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number, not {raw!r}", field=name) from None
    if isinstance(default, tuple):
        separator = os.pathsep if name == "templates" else ","  # folders by the path separator, words by commas
        return tuple(p.strip() for p in raw.split(separator) if p.strip())
    return raw
