"""Delivering a rendered brief to standard output (``-o -``).

Files, the brief's among them, are written with :func:`briefing.atomic.write_atomic`.
"""

from __future__ import annotations

import os
import sys

from briefing.errors import OutputError

__all__ = ["write_stdout"]


def write_stdout(data: bytes, *, binary: bool = False) -> None:
    """Write ``data`` to standard output (``-o -``), refusing a ``binary`` file (a PDF) when it is a terminal.

    Raises:
        OutputError: standard output is a terminal and ``data`` is binary, or it was closed
            before all was written (a pipe into ``head``).
    """
    stream = sys.stdout
    if binary and stream.isatty():
        raise OutputError(
            "a PDF is not written to a terminal", hint="redirect standard output to a file or a pipe, or use -o FILE"
        )
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError as exc:
        # nothing more can be written there: keep the interpreter from complaining at exit
        _discard_stdout()
        raise OutputError("standard output was closed before the brief was written in full") from exc


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
