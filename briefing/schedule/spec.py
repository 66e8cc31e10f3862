"""Schedule files: one TOML file per brief, parsed and checked field by field.

A file's stem is the schedule's name (``syria-morning.toml`` → ``syria-morning``).
Relative paths in it (sources, ``output_dir``, ``templates``) are taken from the folder
the file is in, so a schedule means the same thing whatever folder the scheduler was
started from. :func:`load_folder` never stops at a bad file: each problem is returned
with its path and field, and the good files are loaded.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from briefing.config import FORMATS
from briefing.errors import ConfigError
from briefing.ingest import INBOX_PREFIX
from briefing.nlp.language import check_brief_language, check_language
from briefing.people import check_people
from briefing.regular import NotRegularFileError, read_regular

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
    "people",
    "people_memory",
    "thread_memory",
    "max_stories",
    "summary_sentences",
    "tagged_pdf",
    "language",
    "brief_language",
    "grace",
    "machine",
    "email",
}
_EMAIL_FIELDS = {"to", "subject", "attach"}
_SUBJECT_FIELDS = {"title", "date", "name", "stories", "articles"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_DURATION = re.compile(r"(\d+)\s*([smhdw])", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
#: the longest ``every``, ``grace`` or ``--reload-every``: a year (a longer one overflowed the scheduler's dates)
MAX_DURATION = 365 * 86400
#: how long a schedule's earlier stories are recalled by default (``thread_memory``)
THREAD_MEMORY = 30 * 86400
DEFAULT_SUBJECT = "{title} — {date:%d %B %Y}"
#: where the runs of every ``every`` schedule are counted from, in the schedule's timezone: ``30m`` runs on the hour
#: and at half past, ``6h`` at midnight, 6:00, noon and 18:00 — whenever the scheduler started, so the next run
#: can be told without it
INTERVAL_START = datetime(2000, 1, 1)
_NONE: tuple[str, ...] = ()


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
    #: people files (docs/people.md), resolved from the schedule file's folder
    people: tuple[str, ...] = ()
    #: how long what earlier briefs learned of people is used (None: not kept nor used; docs/people.md)
    people_memory_seconds: int | None = MAX_DURATION
    #: how long the stories of earlier briefs are recalled as a thread's earlier developments (None: not kept)
    thread_memory_seconds: int | None = THREAD_MEMORY
    summary_sentences: int | None = None
    #: stories shown in full (None: the ``max_stories`` setting; 0: all)
    max_stories: int | None = None
    #: PDFs tagged for assistive technology (None: the ``tagged_pdf`` setting, off unless the environment says so)
    tagged_pdf: bool | None = None
    #: the language of every article (empty: each article's own, as the ``language`` setting)
    language: str = ""
    #: the language of the brief's labels and dates (empty: the one most articles are in)
    brief_language: str = ""
    #: how late a run may start and still happen (None: the scheduler's default)
    grace_seconds: int | None = None
    #: on the queue, the machine (its host name) whose workers alone run it; empty: any, or the clock's for an inbox
    machine: str = ""
    email: EmailSpec | None = None
    #: SHA-256 of the file as read, for the run manifest
    digest: str = field(default="", compare=False)

    @property
    def has_inbox(self) -> bool:
        """Whether a source is an inbox folder, whose files only the machine that holds it may claim."""
        return any(source.startswith(INBOX_PREFIX) for source in self.sources)

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
        return IntervalTrigger(
            seconds=self.every_seconds or 1, timezone=tz, start_date=INTERVAL_START.replace(tzinfo=tz)
        )

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
    #: a suggestion to show after the message, if any
    hint: str | None = None

    @property
    def name(self) -> str:
        """The schedule the file would define."""
        return Path(self.path).stem

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}" if self.field else f"{self.path}: {self.message}"


def parse_duration(value: str) -> int:
    """Seconds in ``30m``, ``6h``, ``10s``, ``1d`` or ``1h30m``.

    Raises:
        ValueError: the text is not such a duration, or it is zero or more than a year (:data:`MAX_DURATION`).
    """
    text = value.strip().replace(" ", "")
    if not text or len(text) > 100 or _DURATION.sub("", text):
        raise ValueError(f"cannot read {value!r} as a duration; write it like 10s, 30m, 6h, 1d or 1h30m")
    seconds = sum(int(n) * _UNITS[unit.lower()] for n, unit in _DURATION.findall(text))
    if seconds <= 0:
        raise ValueError("the duration must be more than zero")
    if seconds > MAX_DURATION:
        raise ValueError(f"the duration {value.strip()!r} is longer than a year (365d), the longest allowed")
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
        ConfigError: the file cannot be read or is wrong; the message starts with the file's path and
            tells its first problem (and how many more there are), ``field`` names the field.
    """
    spec, problems = _read(Path(path))
    if spec is not None:
        return spec
    first, more = problems[0], len(problems) - 1
    hint = f"`briefing schedule validate --schedules {Path(path).parent}` shows them all" if more else first.hint
    also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    raise ConfigError(f"{first}{also}", field=first.field, hint=hint)


def load_folder(folder: Path) -> tuple[list[ScheduleSpec], list[ScheduleProblem]]:
    """Every ``*.toml`` schedule in ``folder`` (not its sub-folders), and every problem of the bad ones.

    A bad file's problems are all there, in the order its fields are checked.

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
        spec, found = _read(path)
        if spec is not None:
            specs.append(spec)
        problems.extend(found)
    return specs, problems


def _read(path: Path) -> tuple[ScheduleSpec | None, list[ScheduleProblem]]:
    """The file's schedule, or None and each of its problems."""
    try:
        raw = read_regular(path)  # a FIFO named *.toml would hold validate and the daemon for ever
    except NotRegularFileError:
        return None, [ScheduleProblem(str(path), None, "not a regular file", "a schedule must be a plain file")]
    except OSError as exc:
        return None, [ScheduleProblem(str(path), None, f"cannot be read: {exc.strerror or exc}")]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [ScheduleProblem(str(path), None, "not UTF-8 text")]
    except tomllib.TOMLDecodeError as exc:
        return None, [
            ScheduleProblem(str(path), None, f"not valid TOML: {exc}", "see docs/schedules.md for the format")
        ]
    errors: list[_FieldError] = []
    spec = _build(path, data, hashlib.sha256(raw).hexdigest(), errors)
    return (spec, []) if not errors else (None, [ScheduleProblem(str(path), e.field, e.message) for e in errors])


class _FieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


_T = TypeVar("_T")


def _noted(errors: list[_FieldError], default: _T, check: Callable[..., _T], *args: Any) -> _T:
    """What ``check(*args)`` returns, or ``default`` once its problem is added to ``errors``."""
    try:
        return check(*args)
    except _FieldError as exc:
        errors.append(exc)
        return default


def _build(path: Path, data: Mapping[str, Any], digest: str, errors: list[_FieldError]) -> ScheduleSpec | None:
    """The schedule in ``data``, or None when ``errors`` has a problem (each one found, in the fields' order)."""
    name = path.stem
    if not _NAME.match(name):
        errors.append(_FieldError("name", f"the file name {name!r} must be letters, digits, '.', '-' or '_'"))
    for key in sorted(set(data) - _FIELDS):
        errors.append(_FieldError(key, _unknown(key, _FIELDS)))
    base = path.parent.resolve()
    title = _noted(errors, "", _text, data, "title", True)
    cron, every = data.get("cron"), data.get("every")
    if (cron is None) == (every is None):
        errors.append(_FieldError("cron", 'give exactly one of cron ("0 7 * * MON-FRI") and every ("30m")'))
    every_seconds = None
    if cron is not None and every is None:
        _noted(errors, None, _check_cron, cron)
    elif every is not None and cron is None:
        every_seconds = _noted(errors, None, _every, every)
    timezone = _noted(errors, "UTC", _timezone, data)
    sources = _noted(errors, _NONE, _strings, data, "sources", True)
    resolved = tuple(_noted(errors, "", _source, base, source) for source in sources)
    keywords = _noted(errors, _NONE, _strings, data, "keywords")
    exclude = _noted(errors, _NONE, _strings, data, "exclude")
    formats = _noted(errors, _NONE, _strings, data, "formats") or ("pdf",)
    for fmt in formats:
        if fmt not in FORMATS:
            errors.append(_FieldError("formats", f"unknown format {fmt!r}; use {', '.join(FORMATS)}"))
    output_dir = _noted(errors, "", _text, data, "output_dir", True)
    templates = tuple(str((base / t).resolve()) for t in _noted(errors, _NONE, _strings, data, "templates"))
    for folder in templates:
        if not Path(folder).is_dir():
            errors.append(_FieldError("templates", f"template folder {folder!r} does not exist"))
    people = tuple(str((base / p).resolve()) for p in _noted(errors, _NONE, _strings, data, "people"))
    for file in people:
        errors += [_FieldError("people", problem) for problem in check_people(Path(file))[1]]
    kept: int | None = MAX_DURATION  # (what a wrong value leaves while its problem is reported)
    people_memory_seconds = _noted(errors, kept, _memory, data.get("people_memory"))
    threads_kept: int | None = THREAD_MEMORY
    thread_memory_seconds = _noted(errors, threads_kept, _thread_memory, data.get("thread_memory"))
    summary_sentences = data.get("summary_sentences")
    if summary_sentences is not None and (
        isinstance(summary_sentences, bool)
        or not isinstance(summary_sentences, int)
        or not 1 <= summary_sentences <= 50
    ):
        errors.append(_FieldError("summary_sentences", "must be a whole number from 1 to 50"))
    max_stories = data.get("max_stories")
    if max_stories is not None and (
        isinstance(max_stories, bool) or not isinstance(max_stories, int) or not 0 <= max_stories <= 10_000
    ):
        errors.append(_FieldError("max_stories", "must be a whole number from 0 (all in full) to 10000"))
    tagged_pdf = data.get("tagged_pdf")
    if tagged_pdf is not None and not isinstance(tagged_pdf, bool):
        errors.append(_FieldError("tagged_pdf", "must be true or false"))
    language = _noted(errors, "", _language, data, "language", check_language)
    brief_language = _noted(errors, "", _language, data, "brief_language", check_brief_language)
    grace_seconds = _noted(errors, None, _grace, data.get("grace"))
    machine = _noted(errors, "", _machine, data)
    email = _email(data.get("email"), errors)
    beside = str((base / "templates").resolve())  # a house style shared by every schedule in the folder
    if Path(beside).is_dir() and beside not in templates:
        templates += (beside,)
    if errors:
        return None
    return ScheduleSpec(
        name=name,
        path=str(path.resolve()),
        title=title,
        timezone=timezone,
        cron=" ".join(cron.split()) if isinstance(cron, str) else None,
        every_seconds=every_seconds,
        sources=resolved,
        keywords=keywords,
        exclude=exclude,
        formats=formats,
        output_dir=str((base / output_dir).resolve()),
        templates=templates,
        people=people,
        people_memory_seconds=people_memory_seconds,
        thread_memory_seconds=thread_memory_seconds,
        summary_sentences=summary_sentences,
        max_stories=max_stories,
        tagged_pdf=tagged_pdf,
        language=language,
        brief_language=brief_language,
        grace_seconds=grace_seconds,
        machine=machine,
        email=email,
        digest=digest,
    )


def _language(data: Mapping[str, Any], key: str, check: Callable[..., str]) -> str:
    """A language code (``language``: any of the detector's; ``brief_language``: one with a translation)."""
    value = data.get(key)
    if value is None:
        return ""
    try:
        return check(value, field=key)
    except ConfigError as exc:
        raise _FieldError(key, f"{exc}; {exc.hint}") from None


def _unknown(key: str, known: set[str]) -> str:
    """The message for an unknown field: the field likeliest meant, else the list of them."""
    close = difflib.get_close_matches(key, sorted(known), n=1)
    if close:
        return f"unknown field; did you mean {close[0]}?"
    return f"unknown field; the fields are {', '.join(sorted(known))}"


def _timezone(data: Mapping[str, Any]) -> str:
    timezone = _text(data, "timezone", required=True)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        message = f"unknown timezone {timezone!r}"
        names = {n.lower(): n for n in available_timezones()}
        close = difflib.get_close_matches(timezone.lower(), sorted(names), n=1)
        if close:
            raise _FieldError("timezone", f"{message}; did you mean {names[close[0]]}?") from None
        raise _FieldError("timezone", f"{message}; use a name like Europe/Moscow or UTC") from None
    return timezone


def _every(every: object) -> int:
    if not isinstance(every, str):
        raise _FieldError("every", 'must be a string like "30m"')
    try:
        return parse_duration(every)
    except ValueError as exc:
        raise _FieldError("every", str(exc)) from None


def _memory(memory: object) -> int | None:
    if memory is None or memory is True:
        return MAX_DURATION
    if memory is False:
        return None
    return _duration("people_memory", memory, 'must be a duration like "90d" (a year at most), or false')


def _thread_memory(memory: object) -> int | None:
    if memory is None or memory is True:
        return THREAD_MEMORY
    if memory is False:
        return None
    return _duration("thread_memory", memory, 'must be a duration like "30d" (a year at most), or false')


def _grace(grace: object) -> int | None:
    return None if grace is None else _duration("grace", grace, 'must be a duration like "1h"')


def _duration(name: str, value: object, wrong_type: str) -> int:
    """The seconds of the duration field ``name``, or its problem (``wrong_type`` when it is no text)."""
    if not isinstance(value, str):
        raise _FieldError(name, wrong_type)
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise _FieldError(name, str(exc)) from None


def _check_cron(cron: object) -> None:
    from apscheduler.triggers.cron import CronTrigger

    if not isinstance(cron, str):
        raise _FieldError("cron", 'must be a string like "0 7 * * MON-FRI"')
    try:
        CronTrigger.from_crontab(cron, timezone=ZoneInfo("UTC"))  # the fields' meaning does not depend on it
    except (ValueError, TypeError) as exc:
        raise _FieldError(
            "cron", f'{cron!r}: {exc}; write minute hour day month weekday, e.g. "0 7 * * MON-FRI"'
        ) from None


def _text(data: Mapping[str, Any], name: str, required: bool = False) -> str:
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


def _machine(data: Mapping[str, Any]) -> str:
    machine = _text(data, "machine")
    if machine and not all(c.isascii() and (c.isalnum() or c in ".-_") for c in machine):
        raise _FieldError("machine", f"{machine!r} is not a host name (letters, digits, '.', '-' and '_')")
    return machine


def _strings(data: Mapping[str, Any], name: str, required: bool = False) -> tuple[str, ...]:
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


def _email(value: object, errors: list[_FieldError]) -> EmailSpec | None:
    """The ``[email]`` table; each of its problems is added to ``errors``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.append(_FieldError("email", "must be a table: [email] with to = [...]"))
        return None
    for key in sorted(set(value) - _EMAIL_FIELDS):
        errors.append(_FieldError(f"email.{key}", _unknown(key, _EMAIL_FIELDS)))
    to = _noted(errors, _NONE, _strings, value, "to", True)
    for address in to:
        _noted(errors, None, _check_address, address)
    subject = DEFAULT_SUBJECT if value.get("subject") is None else value["subject"]
    if not isinstance(subject, str) or not subject.strip() or any(c in subject for c in "\r\n"):
        errors.append(_FieldError("email.subject", "must be one line of text"))
    else:
        _noted(errors, None, _check_subject, subject)
    attach = _noted(errors, _NONE, _strings, value, "attach") if "attach" in value else ("pdf",)
    for fmt in attach:
        if fmt not in FORMATS:
            errors.append(_FieldError("email.attach", f"unknown format {fmt!r}; use {', '.join(FORMATS)}"))
    return EmailSpec(to=tuple(dict.fromkeys(to)), subject=subject, attach=attach)


def _check_address(address: str) -> None:
    from email.errors import HeaderParseError
    from email.headerregistry import Address
    from email.utils import parseaddr

    from briefing.addresses import check_deliverable

    _, bare = parseaddr(address)  # "Desk <desk@example.org>" or "desk@example.org"
    try:
        # what the mail server will be given: an international domain in its ASCII (IDNA) form
        envelope = check_deliverable(bare) if bare else ""
    except ValueError as exc:
        raise _FieldError("email.to", str(exc)) from None
    try:
        parsed = Address(addr_spec=envelope) if envelope else None
    except (ValueError, IndexError, HeaderParseError):
        parsed = None
    if parsed is None or not parsed.username or ("." not in parsed.domain and parsed.domain != "localhost"):
        raise _FieldError("email.to", f"{address!r} is not an email address")


def _check_subject(subject: str) -> None:
    """Only the documented names, with plain format specs: no attribute or item access, no nested fields."""
    try:
        _subject_fields(subject)
    except ValueError as exc:
        message = str(exc) if "; use" in str(exc) else f"{exc}; use {{title}} and {{date:%d %B %Y}}"
        raise _FieldError("email.subject", message) from None
    try:
        format_subject(subject, title="Brief", date=datetime(2026, 1, 1), name="brief", stories=1, articles=1)
    except (ValueError, TypeError) as exc:
        raise _FieldError("email.subject", f"{exc}; write dates like {{date:%d %B %Y}}") from None


def _subject_fields(subject: str) -> None:
    """Raise ValueError unless every field is a bare documented name, without a conversion, whose format spec
    holds no field of its own (``{date:{title.__class__}}`` would format ``title.__class__``)."""
    known = ", ".join("{" + n + "}" for n in sorted(_SUBJECT_FIELDS))
    for _, name, spec, conversion in string.Formatter().parse(subject):
        if name is None:
            continue
        if name not in _SUBJECT_FIELDS:
            raise ValueError(f"unknown name {{{name}}}; use {known}")
        if conversion is not None:
            raise ValueError(f"{{{name}!{conversion}}}: no conversions; use {known}")
        if spec and ("{" in spec or "}" in spec):
            raise ValueError(f"{{{name}:{spec}}}: a format cannot hold another field")


def format_subject(subject: str, **values: Any) -> str:
    """The subject line with ``{title}``, ``{date:…}``, ``{name}``, ``{stories}`` and ``{articles}`` filled in.

    Raises:
        ValueError: the subject names anything else, or formats a field with another field.
    """
    _subject_fields(subject)
    return " ".join(subject.format_map(values).split())
