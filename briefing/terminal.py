"""A progress display on a terminal, drawn with rich; imported only when standard error is one.

The display appears once a run has taken :data:`DELAY` seconds (a quick run shows nothing) and
disappears when the run ends, leaving the run's one-line summary. It has no thread of its own: it
is redrawn when the run reports progress, at most every :data:`REFRESH` seconds. A refresh thread
would stop the run from forking its helpers (a long PDF's second process, the analysis workers),
which is done only from a process without other threads. While it is shown, briefing's log lines
are printed above it rather than through it.
"""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, SpinnerColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from briefing.progress import Progress

__all__ = ["DELAY", "REFRESH", "TerminalProgress"]

#: seconds a run goes on before its progress is shown
DELAY = 2.0
#: seconds between two redraws, at least
REFRESH = 0.1


class TerminalProgress(Progress):
    """Each stage of a run as a line with a bar, on ``console`` (standard error's by default); a context manager."""

    def __init__(self, console: Console | None = None, *, delay: float | None = None) -> None:
        self._console = console or Console(stderr=True)
        self._bar = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[steps]}"),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
            auto_refresh=False,
        )
        self._delay = DELAY if delay is None else delay
        self._began = time.monotonic()
        self._drawn = 0.0
        self._task: TaskID | None = None
        self._shown = False
        #: standard error, and rich's stand-in for it while the display is shown
        self._streams: tuple[IO[str], IO[str]] | None = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def start(self, stage: str, total: int | None = None, *, description: str = "") -> None:
        """Add a line for the stage (the lines of the stages before it stay, complete)."""
        self.end()
        self._task = self._bar.add_task(description or stage, total=total, steps=f"0/{total}" if total else "")
        self._draw(now=True)

    def advance(self, steps: int = 1) -> None:
        """Move the current stage's bar on."""
        if self._task is not None:
            task = self._current(self._task)
            done = task.completed + steps
            self._bar.update(
                self._task, completed=done, steps=f"{done:g}/{task.total:g}" if task.total else f"{done:g}"
            )
            self._draw()

    def end(self) -> None:
        """Show the current stage complete."""
        if self._task is not None:
            task = self._current(self._task)
            total = task.total or task.completed or 1  # a stage counted no steps: its bar full all the same
            self._bar.update(self._task, total=total, completed=total)
            self._bar.stop_task(self._task)
            self._task = None
            self._draw(now=True)

    def close(self) -> None:
        """Take the display off the terminal."""
        if self._shown:
            if self._streams is not None:
                stderr, stand_in = self._streams
                _move_log(stand_in, stderr)
                self._streams = None
            self._bar.stop()
            self._shown = False

    def _current(self, task: TaskID) -> Task:
        return next(t for t in self._bar.tasks if t.id == task)

    def _draw(self, *, now: bool = False) -> None:
        moment = time.monotonic()
        if not self._shown and moment - self._began >= self._delay:
            before = sys.stderr
            self._bar.start()  # rich takes over sys.stderr, to print what is written there above the display
            self._shown = True
            if sys.stderr is not before:
                self._streams = (before, sys.stderr)
                _move_log(*self._streams)
        if self._shown and (now or moment - self._drawn >= REFRESH):
            self._bar.refresh()
            self._drawn = moment


def _move_log(old: IO[str], new: IO[str]) -> None:
    """Point briefing's log handlers that write to ``old`` at ``new``."""
    for handler in logging.getLogger("briefing").handlers:
        if isinstance(handler, logging.StreamHandler) and handler.stream is old:
            handler.setStream(new)
