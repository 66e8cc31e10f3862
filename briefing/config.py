"""Settings for building and rendering a brief: one frozen dataclass, merged and validated in one place.

Precedence, lowest first: the defaults below, then a configuration file (TOML, its ``[generate]``
table), then environment variables (``BRIEFING_<FIELD>``, e.g. ``BRIEFING_ALGORITHM=lexrank``),
then command-line options. :func:`resolve_config` does the merging and says where each value
came from; :class:`BriefConfig` validates itself when built, so an invalid value is reported
once, naming its field and where it was set, wherever it came from.

The command line finds the file with :func:`find_config_file`: ``--config FILE``, else
``briefing.toml`` in the current folder, else ``briefing.toml`` in the user's configuration
folder (``~/.config/briefing`` on Linux). Library callers pass a path or none.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError

__all__ = [
    "CONFIG_FILE_NAME",
    "FORMATS",
    "BriefConfig",
    "ResolvedConfig",
    "config_file_places",
    "did_you_mean",
    "field_help",
    "find_config_file",
    "load_config",
    "read_config_file",
    "resolve_config",
    "since_time",
]

#: The name of the configuration file looked for in the current folder and the user's configuration folder.
CONFIG_FILE_NAME = "briefing.toml"

#: The one table of the configuration file so far: the settings of :class:`BriefConfig`.
_TABLES = ("generate",)

#: How a yes/no setting may be written in the environment (any case); anything else is refused.
_YES = ("true", "yes", "on", "1")
_NO = ("false", "no", "off", "0")

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
    max_stories: int = field(
        default=25,
        metadata={
            "help": "Stories shown in full, the most important first (by how many outlets carried them, their "
            "analysts, how recent); the rest are listed as one-line headlines under Also reported. 0 shows all "
            "in full (0–10000)."
        },
    )
    templates: tuple[Path, ...] = field(
        default=(), metadata={"help": "Template folders searched before the built-in templates, first wins."}
    )
    people: tuple[Path, ...] = field(
        default=(),
        metadata={
            "help": "People files (TOML, docs/people.md): who people are — name, aliases, role, organisation, type "
            "— over what articles imply; the first file that names a person wins."
        },
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
        metadata={
            "help": "How alike (average TF-IDF cosine, 0–1) articles must be to share a thread: the reports of "
            "one ongoing matter, shown linked."
        },
    )
    story_threshold: float = field(
        default=0.55,
        metadata={
            "help": "How alike (0–1: the texts' and ledes' cosine, more for reports of the same days) the articles "
            "of a thread must be to be one story, one event (0: each thread is one story)."
        },
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
    language: str = field(
        default="",
        metadata={
            "help": "The language of every article, as an ISO 639-1 code (en, ru, de, fr, uk, be, pl, cs, es, it, pt, "
            "nl), over what its file says or its words tell; empty (the default): each article's own."
        },
    )
    default_language: str = field(
        default="en",
        metadata={
            "help": "The language of an article that says none and is too short or unclear to tell (fewer than 12 "
            "letters, or a guess under 60% sure), one of the codes of language; Cyrillic text gets Russian, "
            "Ukrainian or Belarusian instead."
        },
    )
    brief_language: str = field(
        default="",
        metadata={
            "help": "The language of the brief's own labels and dates: en, ru, de or fr; empty (the default): the "
            "language most of its articles are in, English when that one has no translation."
        },
    )
    stale_after_hours: int = field(
        default=72, metadata={"help": "A feed whose newest entry is older than this is reported as stale."}
    )
    fetch_budget: int = field(
        default=600,
        metadata={
            "help": "Seconds for all of a run's fetches of feeds and pages together (1–86400), counted from the "
            "first; once spent, the feeds and pages not yet fetched are reported as skipped in Source health "
            "(an entry's page skipped: the feed's own text is used). Each transfer also stops after 30 s."
        },
    )
    allow_hosts: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "Hosts fetched even at a loopback, private, link-local or reserved address, as host or host:port "
            "(intranet.example, 10.0.0.5:8080, [fd00::1]). Such addresses are refused otherwise, except the host and "
            "port of an input address the user gave."
        },
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
        _check_range("max_stories", self.max_stories, 0, 10_000)
        _check_range("max_bytes", self.max_bytes, 1, 2**40)
        _check_range("stale_after_hours", self.stale_after_hours, 1, 24 * 365)
        _check_range("fetch_budget", self.fetch_budget, 1, 86400)
        _check_range("workers", self.workers, 0, 256)
        if isinstance(self.cluster_threshold, bool) or not isinstance(self.cluster_threshold, int | float):
            raise ConfigError(
                f"cluster_threshold must be a number, not {self.cluster_threshold!r}", field="cluster_threshold"
            )
        if not 0.0 < self.cluster_threshold <= 1.0:
            raise ConfigError("cluster_threshold must be above 0 and at most 1", field="cluster_threshold")
        if isinstance(self.story_threshold, bool) or not isinstance(self.story_threshold, int | float):
            raise ConfigError(
                f"story_threshold must be a number, not {self.story_threshold!r}", field="story_threshold"
            )
        if not 0.0 <= self.story_threshold <= 1.0:
            raise ConfigError("story_threshold must be from 0 to 1", field="story_threshold")
        if self.allow_hosts:
            from briefing.ingest.fetch import check_allowed_host  # httpx: loaded only when hosts are named

            for entry in self.allow_hosts:
                try:
                    check_allowed_host(entry)
                except (TypeError, ValueError, AttributeError):
                    raise ConfigError(
                        f"allow_hosts: {entry!r} is not a host name or address, with an optional :port",
                        field="allow_hosts",
                        hint="give the host alone (intranet.example, 10.0.0.5:8080), not a URL",
                    ) from None
        for name in ("keywords", "exclude"):
            for word in getattr(self, name):
                if not isinstance(word, str) or not word.strip():
                    raise ConfigError(f"{name} must be non-empty words or phrases, not {word!r}", field=name)
        if self.since:
            since_time(self.since, datetime.now(UTC))  # raises ConfigError on a bad value
        from briefing.nlp.language import check_brief_language, check_language

        if self.language:
            check_language(self.language, field="language")
        check_language(self.default_language, field="default_language")
        if self.brief_language:
            check_brief_language(self.brief_language, field="brief_language")
        from briefing.summarize import algorithm_name

        algorithm_name(self.algorithm)  # raises ConfigError naming the choices
        for folder in self.templates:
            if not folder.is_dir():
                raise ConfigError(
                    f"template folder {str(folder)!r} does not exist",
                    field="templates",
                    hint="create it with `briefing templates init DIR` or fix the path",
                )
        for path in self.people:
            if not path.is_file():
                raise ConfigError(
                    f"people file {str(path)!r} does not exist", field="people", hint="fix the path (docs/people.md)"
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
        try:
            return now - timedelta(seconds=float(m.group(1)) * _SPAN_UNITS[m.group(2).lower()])
        except (OverflowError, ValueError):
            raise _out_of_range(value) from None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(
            f"cannot read the time {value!r}",
            field="since",
            hint="give a date or time (2026-11-24, 2026-11-24T18:00+01:00) or a span (90m, 24h, 2d, 1w)",
        ) from None
    try:
        when = when if when.tzinfo is not None else when.astimezone()
        when.astimezone(UTC)  # a time at the ends of the calendar cannot be compared with others
    except (OverflowError, ValueError):
        raise _out_of_range(value) from None
    return when


def _out_of_range(value: str) -> ConfigError:
    return ConfigError(
        f"the time {value!r} is out of range",
        field="since",
        hint="give a date from the year 2 to 9998 or a span back from now shorter than that (90m, 24h, 2d, 1w)",
    )


def _check_range(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {value!r}", field=name)


def field_help() -> dict[str, str]:
    """Each setting's name and help text, in declaration order (used by docs and tests)."""
    return {f.name: str(f.metadata.get("help", "")) for f in dataclasses.fields(BriefConfig)}


@dataclass(frozen=True)
class ResolvedConfig:
    """A validated :class:`BriefConfig`, where each setting's value came from, and the file that was read."""

    config: BriefConfig
    #: setting name -> "default", "FILE:LINE", "environment BRIEFING_NAME" or "command line"
    origins: Mapping[str, str]
    file: Path | None = None


def load_config(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> BriefConfig:
    """Merge the defaults, ``config_file``, ``BRIEFING_*`` environment variables and ``overrides`` into a config.

    ``None`` values in ``overrides`` mean "not given" and do not override. No file is read unless one is given.

    Raises:
        ConfigError: a value has the wrong type or is out of range, a name is unknown, or the file is unusable.
    """
    return resolve_config(overrides, env=env, config_file=config_file).config


def resolve_config(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> ResolvedConfig:
    """As :func:`load_config`, and say where each setting's value came from (for ``briefing config show``).

    Raises:
        ConfigError: as :func:`load_config`; a bad value's message starts with where it was set.
    """
    env = os.environ if env is None else env
    fields = {f.name: f for f in dataclasses.fields(BriefConfig)}
    values: dict[str, Any] = {}
    origins = dict.fromkeys(fields, "default")
    if config_file is not None:
        for name, (value, where) in read_config_file(config_file).items():
            values[name], origins[name] = value, where
    for name, f in fields.items():
        variable = f"BRIEFING_{name.upper()}"
        raw = env.get(variable)
        if raw is not None and raw != "":
            values[name], origins[name] = _convert(name, raw, f.default, variable), f"environment {variable}"
    for name, value in (overrides or {}).items():
        if name not in fields:
            raise ConfigError(f"unknown setting {name!r}", field=name, hint=f"known: {', '.join(fields)}")
        if value is not None:
            values[name] = _convert(name, value, fields[name].default) if isinstance(value, str) else value
            origins[name] = "command line"
    for name in _PATHS:
        if name in values:
            values[name] = tuple(Path(p) for p in values[name])
    for name in ("keywords", "exclude", "allow_hosts"):
        if name in values:
            values[name] = tuple(values[name])
    try:
        config = BriefConfig(**values)
    except ConfigError as exc:
        where = origins.get(exc.field or "", "default")
        if where in ("default", "command line"):
            raise
        raise ConfigError(
            f"{where.removeprefix('environment ')}: {exc.message}", field=exc.field, hint=exc.hint
        ) from None
    return ResolvedConfig(config=config, origins=origins, file=config_file)


def config_file_places(cwd: Path | None = None) -> tuple[Path, Path]:
    """Where a configuration file is looked for when none is named: this folder's, then the user's."""
    import platformdirs

    here = (cwd or Path.cwd()) / CONFIG_FILE_NAME
    return here, platformdirs.user_config_path("briefing", appauthor=False) / CONFIG_FILE_NAME


def find_config_file(given: Path | None = None, *, cwd: Path | None = None) -> Path | None:
    """The configuration file to read: ``given``, else the first of :func:`config_file_places` that exists.

    Raises:
        ConfigError: ``given`` is not a file.
    """
    if given is not None:
        if not given.is_file():
            raise ConfigError(
                f"{given}: no such configuration file",
                field="config",
                hint=f"check the path, or leave --config out to use ./{CONFIG_FILE_NAME} if there is one",
            )
        return given
    return next((place for place in config_file_places(cwd) if place.is_file()), None)


def read_config_file(path: Path) -> dict[str, tuple[Any, str]]:
    """The settings a configuration file gives, each with ``"FILE:LINE"`` where it is set.

    Values are checked for their type here (a yes/no setting must be ``true`` or ``false``, a number a number);
    ranges and the rest are checked by :class:`BriefConfig`. Relative template folders are taken from the file's
    own folder.

    Raises:
        ConfigError: the file cannot be read or parsed, or names an unknown table or setting, or a value has the
            wrong type — the message starts with ``FILE:LINE``.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}", field="config") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text", field="config") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}", field="config", hint="see docs/configuration.md") from None
    lines = _key_lines(text)
    for table, value in data.items():
        if table not in _TABLES or not isinstance(value, dict):
            where = f"{path}:{lines.get(('', table), 1)}"
            raise ConfigError(
                f"{where}: unknown {'table' if isinstance(value, dict) else 'setting'} {table!r}"
                f"{did_you_mean(table, _TABLES)}",
                field="config",
                hint=f"settings go in a [generate] table: [generate] then {table} = …"
                if table in _setting_names()
                else "the file's one table is [generate] (see docs/configuration.md)",
            )
    known = {f.name: f for f in dataclasses.fields(BriefConfig)}
    settings: dict[str, tuple[Any, str]] = {}
    for name, value in data.get("generate", {}).items():
        where = f"{path}:{lines.get(('generate', name), lines.get(('', 'generate'), 1))}"
        if name not in known:
            raise ConfigError(
                f"{where}: unknown setting {name!r}{did_you_mean(name, known)}",
                field=name,
                hint="the settings are listed in docs/configuration.md and by `briefing config show`",
            )
        settings[name] = (_typed(name, value, known[name].default, where, path.parent), where)
    return settings


def _setting_names() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(BriefConfig))


#: the settings that are lists of paths: relative to a configuration file, separated by os.pathsep in the environment
_PATHS = ("templates", "people")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The "; did you mean 'x'?" for the choice closest to a misspelt ``word``, or "" when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


_TABLE_LINE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_LINE = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """(table, key) -> the line it is set on; a table's own header as ("", name). Enough to point a user at it."""
    found: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_LINE.match(line)
        if header:
            table = header.group(1)
            found.setdefault(("", table), number)
            continue
        key = _KEY_LINE.match(line)
        if key:
            found.setdefault((table, next(g for g in key.groups() if g)), number)
    return found


def _typed(name: str, value: object, default: object, where: str, base: Path) -> Any:
    """A value from the file, checked against the type of the setting's default."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {name} must be true or false, not {value!r}", field=name)
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: {name} must be a whole number, not {value!r}", field=name)
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: {name} must be a number, not {value!r}", field=name)
        return float(value)
    if isinstance(default, tuple):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ConfigError(f"{where}: {name} must be a list of strings, not {value!r}", field=name)
        if name in _PATHS:
            return tuple(base / Path(item).expanduser() for item in items)
        return tuple(items)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {name} must be a string, not {value!r}", field=name)
    return value


def _convert(name: str, raw: str, default: object, variable: str | None = None) -> Any:
    label = variable or name
    if isinstance(default, bool):
        word = raw.strip().lower()
        if word in _YES or word in _NO:
            return word in _YES
        raise ConfigError(
            f"{label} must be yes or no, not {raw!r}",
            field=name,
            hint=f"write one of {', '.join(_YES)} or {', '.join(_NO)}",
        )
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{label} must be a whole number, not {raw!r}", field=name) from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(f"{label} must be a number, not {raw!r}", field=name) from None
    if isinstance(default, tuple):
        separator = os.pathsep if name in _PATHS else ","  # paths by the path separator, words by commas
        return tuple(p.strip() for p in raw.split(separator) if p.strip())
    return raw
