"""Schedule files: one TOML file per brief, parsed and checked field by field.

A file's stem is the schedule's name (``syria-morning.toml`` → ``syria-morning``).
Relative paths in it (sources, ``output_dir``, ``templates``) are taken from the folder
the file is in, so a schedule means the same thing whatever folder the scheduler was
started from. :func:`load_folder` never stops at a bad file: each problem is returned
with its path and field, and the good files are loaded.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefing.config import FORMATS
from briefing.errors import ConfigError
from briefing.ingest import INBOX_PREFIX

__all__ = [
    "EmailSpec",
    "ScheduleProblem",
    "ScheduleSpec",
    "format_duration",
    "format_subject",
    "load_folder",
    "load_schedule",
    "parse_duration",
]

_FIELDS = {
    "title",
    "cron",
    "every",
    "timezone",
    "sources",
    "keywords",
    "exclude",
    "formats",
    "output_dir",
    "templates",
    "summary_sentences",
    "tagged_pdf",
    "grace",
    "email",
}
_EMAIL_FIELDS = {"to", "subject", "attach"}
_SUBJECT_FIELDS = {"title", "date", "name", "stories", "articles"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_DURATION = re.compile(r"(\d+)\s*([smhdw])", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
DEFAULT_SUBJECT = "{title} — {date:%d %B %Y}"


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailSpec:
    """Who receives a schedule's brief, under which subject, with which files attached."""

    to: tuple[str, ...]
    subject: str = DEFAULT_SUBJECT
    attach: tuple[str, ...] = ("pdf",)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleSpec:
    """One schedule, checked; equal specs mean an unchanged schedule (the scheduler compares them)."""

    name: str
    path: str
    title: str
    timezone: str
    sources: tuple[str, ...]
    formats: tuple[str, ...]
    output_dir: str
    cron: str | None = None
    every_seconds: int | None = None
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    summary_sentences: int | None = None
    #: PDFs tagged for assistive technology (None: the ``tagged_pdf`` setting, off unless the environment says so)
    tagged_pdf: bool | None = None
    #: how late a run may start and still happen (None: the scheduler's default)
    grace_seconds: int | None = None
    email: EmailSpec | None = None
    #: SHA-256 of the file as read, for the run manifest
    digest: str = field(default="", compare=False)

    @property
    def when(self) -> str:
        """The schedule in words: the cron expression or ``every 30m``."""
        return f"cron {self.cron}" if self.cron else f"every {format_duration(self.every_seconds or 0)}"

    @property
    def outputs(self) -> tuple[str, ...]:
        """Formats to render: those asked for, and any attached to the email."""
        extra = self.email.attach if self.email else ()
        return tuple(dict.fromkeys((*self.formats, *extra)))

    def trigger(self) -> Any:
        """An APScheduler trigger for this schedule (imported here: APScheduler stays inside this package)."""
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        tz = ZoneInfo(self.timezone)
        if self.cron:
            return CronTrigger.from_crontab(self.cron, timezone=tz)
        return IntervalTrigger(seconds=self.every_seconds or 1, timezone=tz)

    def next_run(self, now: datetime) -> datetime | None:
        """When the schedule runs next after ``now``, in its own timezone."""
        fire: datetime | None = self.trigger().get_next_fire_time(None, now.astimezone(ZoneInfo(self.timezone)))
        return fire


@dataclass(frozen=True, slots=True)
class ScheduleProblem:
    """What is wrong with one schedule file: ``path: field: message``."""

    path: str
    field: str | None
    message: str

    @property
    def name(self) -> str:
        """The schedule the file would define."""
        return Path(self.path).stem

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}" if self.field else f"{self.path}: {self.message}"


def parse_duration(value: str) -> int:
    """Seconds in ``30m``, ``6h``, ``10s``, ``1d`` or ``1h30m``.

    Raises:
        ValueError: the text is not such a duration, or it is zero.
    """
    text = value.strip().replace(" ", "")
    if not text or _DURATION.sub("", text):
        raise ValueError(f"cannot read {value!r} as a duration; write it like 10s, 30m, 6h, 1d or 1h30m")
    seconds = sum(int(n) * _UNITS[unit.lower()] for n, unit in _DURATION.findall(text))
    if seconds <= 0:
        raise ValueError("the duration must be more than zero")
    return seconds


def format_duration(seconds: int) -> str:
    """``5400`` → ``1h30m``."""
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


def load_schedule(path: Path) -> ScheduleSpec:
    """Read and check one schedule file.

    Raises:
        ConfigError: the file cannot be read or is wrong; ``field`` names the field, and the
            message starts with the file's path.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}", hint="see docs/schedules.md for the format") from None
    try:
        return _build(path, data, hashlib.sha256(raw).hexdigest())
    except _FieldError as exc:
        raise ConfigError(f"{path}: {exc.field}: {exc.message}", field=exc.field) from None


def load_folder(folder: Path) -> tuple[list[ScheduleSpec], list[ScheduleProblem]]:
    """Every ``*.toml`` schedule in ``folder`` (not its sub-folders), and the problems of the bad ones.

    Raises:
        ConfigError: the folder itself does not exist.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(
            f"schedules folder {str(folder)!r} does not exist",
            field="schedules",
            hint="give it with --schedules DIR; docs/schedules.md shows a schedule file",
        )
    specs: list[ScheduleSpec] = []
    problems: list[ScheduleProblem] = []
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("."):
            continue
        try:
            specs.append(load_schedule(path))
        except ConfigError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            if exc.field:
                message = message.removeprefix(f"{exc.field}: ")
            problems.append(ScheduleProblem(str(path), exc.field, message))
    return specs, problems


class _FieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _build(path: Path, data: Mapping[str, Any], digest: str) -> ScheduleSpec:
    name = path.stem
    if not _NAME.match(name):
        raise _FieldError("name", f"the file name {name!r} must be letters, digits, '.', '-' or '_'")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise _FieldError(unknown[0], f"unknown field; the fields are {', '.join(sorted(_FIELDS))}")
    base = path.parent.resolve()
    title = _text(data, "title", required=True)
    cron, every = data.get("cron"), data.get("every")
    if (cron is None) == (every is None):
        raise _FieldError("cron", 'give exactly one of cron ("0 7 * * MON-FRI") and every ("30m")')
    timezone = _text(data, "timezone", required=True)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _FieldError("timezone", f"unknown timezone {timezone!r}; use a name like Europe/Moscow or UTC") from None
    every_seconds = None
    if cron is not None:
        if not isinstance(cron, str):
            raise _FieldError("cron", 'must be a string like "0 7 * * MON-FRI"')
        _check_cron(cron, timezone)
    else:
        if not isinstance(every, str):
            raise _FieldError("every", 'must be a string like "30m"')
        try:
            every_seconds = parse_duration(every)
        except ValueError as exc:
            raise _FieldError("every", str(exc)) from None
    sources = _strings(data, "sources", required=True)
    formats = _strings(data, "formats") or ("pdf",)
    for fmt in formats:
        if fmt not in FORMATS:
            raise _FieldError("formats", f"unknown format {fmt!r}; use {', '.join(FORMATS)}")
    summary_sentences = data.get("summary_sentences")
    if summary_sentences is not None and (
        isinstance(summary_sentences, bool)
        or not isinstance(summary_sentences, int)
        or not 1 <= summary_sentences <= 50
    ):
        raise _FieldError("summary_sentences", "must be a whole number from 1 to 50")
    tagged_pdf = data.get("tagged_pdf")
    if tagged_pdf is not None and not isinstance(tagged_pdf, bool):
        raise _FieldError("tagged_pdf", "must be true or false")
    grace = data.get("grace")
    grace_seconds = None
    if grace is not None:
        try:
            grace_seconds = parse_duration(grace) if isinstance(grace, str) else None
        except ValueError as exc:
            raise _FieldError("grace", str(exc)) from None
        if grace_seconds is None:
            raise _FieldError("grace", 'must be a duration like "1h"')
    templates = tuple(str((base / t).resolve()) for t in _strings(data, "templates"))
    for folder in templates:
        if not Path(folder).is_dir():
            raise _FieldError("templates", f"template folder {folder!r} does not exist")
    beside = str((base / "templates").resolve())  # a house style shared by every schedule in the folder
    if Path(beside).is_dir() and beside not in templates:
        templates += (beside,)
    return ScheduleSpec(
        name=name,
        path=str(path.resolve()),
        title=title,
        timezone=timezone,
        cron=" ".join(cron.split()) if isinstance(cron, str) else None,
        every_seconds=every_seconds,
        sources=tuple(_source(base, s) for s in sources),
        keywords=_strings(data, "keywords"),
        exclude=_strings(data, "exclude"),
        formats=formats,
        output_dir=str((base / _text(data, "output_dir", required=True)).resolve()),
        templates=templates,
        summary_sentences=summary_sentences,
        tagged_pdf=tagged_pdf,
        grace_seconds=grace_seconds,
        email=_email(data.get("email")),
        digest=digest,
    )


def _check_cron(cron: str, timezone: str) -> None:
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(cron, timezone=ZoneInfo(timezone))
    except (ValueError, TypeError) as exc:
        raise _FieldError(
            "cron", f'{cron!r}: {exc}; write minute hour day month weekday, e.g. "0 7 * * MON-FRI"'
        ) from None


def _text(data: Mapping[str, Any], name: str, *, required: bool = False) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise _FieldError(name, "missing")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _FieldError(name, "must be a non-empty string")
    if any(c in value for c in "\r\n\x00"):
        raise _FieldError(name, "must be one line")
    return value.strip()


def _strings(data: Mapping[str, Any], name: str, *, required: bool = False) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        if required:
            raise _FieldError(name, "missing")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _FieldError(name, "must be a list of non-empty strings")
    if required and not value:
        raise _FieldError(name, "must name at least one")
    return tuple(v.strip() for v in value)


def _source(base: Path, source: str) -> str:
    if source.startswith(("http://", "https://")) or source == "-":
        if source == "-":
            raise _FieldError("sources", "standard input ('-') cannot be a scheduled source")
        return source
    if source.startswith(INBOX_PREFIX):
        return INBOX_PREFIX + str((base / source[len(INBOX_PREFIX) :]).resolve())
    if "://" in source:
        raise _FieldError("sources", f"{source!r}: only http and https addresses can be fetched")
    return str((base / source).resolve())


def _email(value: object) -> EmailSpec | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _FieldError("email", "must be a table: [email] with to = [...]")
    unknown = sorted(set(value) - _EMAIL_FIELDS)
    if unknown:
        raise _FieldError(f"email.{unknown[0]}", f"unknown field; the fields are {', '.join(sorted(_EMAIL_FIELDS))}")
    to = _strings(value, "to", required=True)
    for address in to:
        _check_address(address)
    subject = DEFAULT_SUBJECT if value.get("subject") is None else value["subject"]
    if not isinstance(subject, str) or not subject.strip() or any(c in subject for c in "\r\n"):
        raise _FieldError("email.subject", "must be one line of text")
    _check_subject(subject)
    attach = _strings(value, "attach") if "attach" in value else ("pdf",)
    for fmt in attach:
        if fmt not in FORMATS:
            raise _FieldError("email.attach", f"unknown format {fmt!r}; use {', '.join(FORMATS)}")
    return EmailSpec(to=tuple(dict.fromkeys(to)), subject=subject, attach=attach)


def _check_address(address: str) -> None:
    from email.errors import HeaderParseError
    from email.headerregistry import Address
    from email.utils import parseaddr

    _, bare = parseaddr(address)  # "Desk <desk@example.org>" or "desk@example.org"
    try:
        parsed = Address(addr_spec=bare) if bare else None
    except (ValueError, IndexError, HeaderParseError):
        parsed = None
    if parsed is None or not parsed.username or ("." not in parsed.domain and parsed.domain != "localhost"):
        raise _FieldError("email.to", f"{address!r} is not an email address")


def _check_subject(subject: str) -> None:
    """Only the documented names, with plain format specs: no attribute or item access."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(subject) if f is not None]
    except ValueError as exc:
        raise _FieldError("email.subject", f"{exc}; use {{title}} and {{date:%d %B %Y}}") from None
    for name in fields:
        if name not in _SUBJECT_FIELDS:
            raise _FieldError(
                "email.subject",
                f"unknown name {{{name}}}; use {', '.join('{' + n + '}' for n in sorted(_SUBJECT_FIELDS))}",
            )
    try:
        format_subject(subject, title="Brief", date=datetime(2026, 1, 1), name="brief", stories=1, articles=1)
    except (ValueError, TypeError) as exc:
        raise _FieldError("email.subject", f"{exc}; write dates like {{date:%d %B %Y}}") from None


def format_subject(subject: str, **values: Any) -> str:
    """The subject line with ``{title}``, ``{date:…}``, ``{name}``, ``{stories}`` and ``{articles}`` filled in."""
    return " ".join(subject.format_map(values).split())
