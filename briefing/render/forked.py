"""A job run in a process forked from this one, its result sent back through a pipe.

A long PDF's parts are shared out this way over two cores (:mod:`briefing.render.parts`): the
forked process starts with everything this one has loaded and built — the brief's tree, the
fonts — so nothing is sent to it, and only its result, small files, comes back. Forking is
safe only in a process that runs no other thread: a thread could be holding a lock at the
moment of the fork, which the copy would then wait on for ever.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["Forked", "NoAnswer", "can_fork"]


class NoAnswer(Exception):
    """The forked process ended without sending a result (killed, or out of memory)."""


def can_fork(processes: int) -> bool:
    """Whether a second process may take a share of the work: asked for (``processes`` 0 or more than 1), a
    second core to run it, and a process that can be forked safely (no other thread: the scheduler's, the
    preview's)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return (
        (processes == 0 or processes > 1)
        and cores > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


class Forked:
    """``job`` run in a process forked from this one; :meth:`result` waits for what it returned.

    Exceptions of the ``passes`` types come back as they were raised; any other becomes a
    RuntimeError with its type and message (a library's own exception may not pickle).
    """

    def __init__(self, job: Callable[[], Any], *, passes: tuple[type[Exception], ...] = ()) -> None:
        # what this process has printed but not yet written would be written again by the forked one at its end
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(job, send, passes), daemon=True)
        self._process.start()
        send.close()

    def stop(self) -> None:
        """End the process if it is still running (its result no longer wanted)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()

    def result(self) -> Any:
        """The job's result; its error raised here.

        Raises:
            NoAnswer: the process ended without sending one.
        """
        try:
            status, value = self._receive.recv()
        except EOFError:
            status, value = "error", NoAnswer("the second process ended without an answer")
        finally:
            self._receive.close()
            self._process.join()
        if status == "error":
            raise value
        return value


def _run(job: Callable[[], Any], send: Any, passes: tuple[type[Exception], ...]) -> None:
    try:
        answer: tuple[str, Any] = ("ok", job())
    except KeyboardInterrupt:
        return  # the run's own process is stopping too, and says so
    except Exception as exc:
        answer = ("error", exc if isinstance(exc, passes) else RuntimeError(f"{type(exc).__name__}: {exc}"))
    send.send(answer)
    send.close()
