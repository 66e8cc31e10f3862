"""The one exception tree of ``briefing``.

Every error this package raises on purpose derives from :class:`BriefingError`, so a
caller can catch them all in one place. The command line (``briefing.cli``) is the only
place that turns them into a one-line message with a hint and an exit code::

    BriefingError
     ├── ConfigError(ValueError)           bad settings, options or schedule files   → exit 2
     ├── InputError                         articles could not be read                → exit 1
     │    └── NoArticlesError               nothing usable was left to brief
     │         └── NothingNewError          an inbox or feed run found nothing new (the CLI: exit 0)
     ├── TemplateError                      a template is missing or fails to render  → exit 1
     ├── RenderError                        an output could not be produced (e.g. PDF) → exit 1
     ├── OutputError(OSError)               an output could not be written            → exit 1
     ├── ScheduleError                      a schedule cannot run now (unknown, busy,  → exit 1
     │    │                                 a second scheduler on one state folder)
     │    └── ScheduleBusyError             a run of it is under way already (its lock is held)
     ├── StateError                         the state database cannot be used         → exit 1
     └── DeliveryError                      an email could not be delivered           → exit 1

Usage::

    try:
        brief = build_brief(["examples/en"], BriefConfig())
    except BriefingError as exc:
        print(exc, exc.hint)
"""

from __future__ import annotations

__all__ = [
    "BriefingError",
    "ConfigError",
    "DeliveryError",
    "InputError",
    "NoArticlesError",
    "NothingNewError",
    "OutputError",
    "RenderError",
    "ScheduleBusyError",
    "ScheduleError",
    "StateError",
    "TemplateError",
]


class BriefingError(Exception):
    """Base class of every error ``briefing`` raises on purpose.

    ``hint`` is an optional short suggestion the command line prints after the message.
    """

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class ConfigError(BriefingError, ValueError):
    """A setting, option or configuration file is invalid; ``field`` names what is wrong."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class InputError(BriefingError):
    """Articles could not be read from an input (a path, a feed, stdin)."""


class NoArticlesError(InputError):
    """No usable article remained after reading every input."""


class NothingNewError(NoArticlesError):
    """Every input was an inbox or a feed and none gave an article, nor failed: nothing new since the last run.

    A routine outcome for a run started by cron, not a mistake: ``briefing generate`` reports it
    and exits 0 unless given ``--fail-if-empty``.
    """


class TemplateError(BriefingError):
    """A template could not be found, parsed or rendered.

    ``filename`` and ``lineno`` locate the problem when it is known.
    """

    def __init__(
        self,
        message: str,
        *,
        filename: str | None = None,
        lineno: int | None = None,
        hint: str | None = None,
    ) -> None:
        location = f"{filename}:{lineno}: " if filename and lineno else (f"{filename}: " if filename else "")
        super().__init__(f"{location}{message}", hint=hint)
        self.filename = filename
        self.lineno = lineno


class RenderError(BriefingError):
    """An output format could not be produced from a brief."""


class OutputError(BriefingError, OSError):
    """An output file could not be written."""


class ScheduleError(BriefingError):
    """A schedule cannot be run: it does not exist, it is running already, or another scheduler holds the state."""


class ScheduleBusyError(ScheduleError):
    """A run of the schedule is under way already, here or on a machine sharing the database: its lock is held.

    A run that waits its turn (a worker of the queue) may try again once the other has ended.
    """


class StateError(BriefingError):
    """The state database (articles briefed, runs, deliveries) cannot be opened, read or written."""


class DeliveryError(BriefingError):
    """An email could not be handed to the mail server; ``temporary`` says whether trying again may help."""

    def __init__(self, message: str, *, temporary: bool = True, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.temporary = temporary
