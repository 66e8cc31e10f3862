"""Reading a file only when it is a regular file.

A FIFO, a socket or a device named like an article or a schedule (``news.xml``, ``daily.toml``)
would hold a plain ``open()`` until something writes to it, or read forever. :func:`read_regular`
opens without blocking, checks what was opened (not the name, which could be swapped in
between) and reads only a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["NotRegularFileError", "read_regular"]


class NotRegularFileError(OSError):
    """The path names a FIFO, socket, device or folder, not a regular file."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``: at most ``limit`` of them when given (``limit + 1`` tells it is larger).

    Raises:
        NotRegularFileError: ``path`` is a FIFO, socket, device or folder.
        OSError: it cannot be opened or read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(Path(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read() if limit is None else fh.read(limit + 1)
    finally:
        os.close(fd)
