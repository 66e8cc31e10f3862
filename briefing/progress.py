"""What a long run is doing, told as it goes: the stages of a brief and the steps of each.

The pipeline calls a :class:`Progress` at each stage (reading inputs, analysing articles,
grouping stories, assembling the brief, rendering, writing) and as work within it is done.
The default, :data:`NO_PROGRESS`, does nothing: a run that nobody watches pays only for the
calls. The command line passes a display when standard error is a terminal
(:class:`briefing.terminal.TerminalProgress`, which alone imports rich).
"""

from __future__ import annotations

__all__ = ["NO_PROGRESS", "Progress"]


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
