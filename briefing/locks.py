"""One lock file per resource, held for as long as its handle is open (``flock``; released if the process dies).

Used for an inbox (one run per inbox), a schedule (one run per schedule) and the scheduler's
state folder (one scheduler per job store). On systems without ``fcntl`` the file is opened
but not locked: keeping to one run at a time is then up to the user.

A lock file that must not stay behind (an inbox is the user's folder) is removed by its holder
with :func:`remove_lock` before the lock is released. A run that opened the file just before
may then lock the removed file; :func:`try_lock` checks that the file it locked is still the one
at the path, and otherwise locks the one there now, so two runs never both hold the lock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

__all__ = ["holder", "remove_lock", "try_lock"]


def try_lock(path: Path) -> IO[str] | None:
    """Open ``path`` (created if missing) and lock it without waiting; None when another process holds it.

    The lock lasts until the returned handle is closed. The file's content is left alone:
    a holder may write who it is, for the message of the one refused.
    """
    while True:
        handle = Path(path).open("a+", encoding="utf-8")
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return handle
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return None
        if _is_at(handle, path):
            return handle
        handle.close()  # its holder removed it after it was opened here: a lock on it keeps no one out


def remove_lock(handle: IO[str], path: Path) -> None:
    """Remove the lock file ``path`` held through ``handle``, then release the lock."""
    try:
        if _is_at(handle, path):
            Path(path).unlink()
    except OSError:
        pass  # not removable while open (not POSIX), or removed already: the lock is released all the same
    handle.close()


def _is_at(handle: IO[str], path: Path) -> bool:
    """Whether the open file ``handle`` is the file at ``path`` now."""
    try:
        here = os.stat(path)
    except OSError:
        return False
    held = os.fstat(handle.fileno())
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


def holder(path: Path) -> str:
    """What the process holding ``path`` wrote about itself, or "another process"."""
    try:
        return Path(path).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"
