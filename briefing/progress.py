"""What a long run is doing, told as it goes: the stages of a brief and the steps of each.

The pipeline calls a :class:`Progress` at each stage (reading inputs, analysing articles,
grouping stories, assembling the brief, rendering, writing) and as work within it is done.
The default, :data:`NO_PROGRESS`, does nothing: a run that nobody watches pays only for the
calls. The command line passes a display when standard error is a terminal
(:class:`briefing.terminal.TerminalProgress`, which alone imports rich).
"""

from __future__ import annotations

import logging
import time

__all__ = ["NO_PROGRESS", "Progress", "StageTimes"]


class Progress:
    """Hears a run's stages, one at a time; every method here does nothing, a display overrides them."""

    def start(self, stage: str, total: int | None = None, *, description: str = "") -> None:
        """A stage begins: ``stage`` names it (read, analyse, cluster, assemble, render, write), ``total`` is its
        steps when known, ``description`` what a person is shown."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""

    def end(self) -> None:
        """The current stage is over."""


#: the progress of a run nobody watches
NO_PROGRESS = Progress()


class StageTimes(Progress):
    """Passes every call on to ``inner`` and logs the time each stage took, at INFO (``-v``), to ``log``."""

    def __init__(self, inner: Progress, log: logging.Logger) -> None:
        self._inner = inner
        self._log = log
        self._stage: tuple[str, float] | None = None

    def start(self, stage: str, total: int | None = None, *, description: str = "") -> None:
        """End the stage before, and time this one."""
        self.end()
        self._stage = (stage, time.perf_counter())
        self._inner.start(stage, total, description=description)

    def advance(self, steps: int = 1) -> None:
        """Pass the steps on."""
        self._inner.advance(steps)

    def end(self) -> None:
        """Log the current stage's time."""
        if self._stage is not None:
            stage, began = self._stage
            self._stage = None
            self._inner.end()
            self._log.info("%s took %.2f s", stage, time.perf_counter() - began)
