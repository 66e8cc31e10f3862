"""One lock file per resource, held for as long as its handle is open (``flock``; released if the process dies).

Used for an inbox (one run per inbox), a schedule (one run per schedule) and the scheduler's
state folder (one scheduler per job store). On systems without ``fcntl`` the file is opened
but not locked: keeping to one run at a time is then up to the user.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

__all__ = ["holder", "try_lock"]


def try_lock(path: Path) -> IO[str] | None:
    """Open ``path`` (created if missing) and lock it without waiting; None when another process holds it.

    The lock lasts until the returned handle is closed. The file's content is left alone:
    a holder may write who it is, for the message of the one refused.
    """
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
    return handle


def holder(path: Path) -> str:
    """What the process holding ``path`` wrote about itself, or "another process"."""
    try:
        return Path(path).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"
