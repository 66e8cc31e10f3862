"""Atomic file writes: a reader never sees a half-written brief."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place.

    The folder is created if needed. On any failure the temporary file is removed and
    an existing file at ``path`` is left as it was.

    Raises:
        OutputError: the folder cannot be created or the file cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}", hint="check the folder exists and is writable"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}", hint="check free space and permissions"
        ) from exc
