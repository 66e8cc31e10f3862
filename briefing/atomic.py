"""Atomic file writes: a reader never sees a half-written file.

Briefs and their manifests, an inbox's journal, a feed's validators and a schedule's
snapshot are written with :func:`write_atomic`. It stands below the stages and delivery
alike: whatever writes a file imports it, and it imports nothing of briefing but the errors.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from briefing.errors import OutputError

__all__ = ["write_atomic"]

#: how many names a temporary file tries before giving up (each is random: a clash means someone else's file)
_ATTEMPTS = 100


def write_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place.

    The folder is created if needed. The file gets the permissions a plain write would give it:
    those of the file it replaces, or for a new file what the process's umask allows (so a brief
    written to a shared or published folder is readable there, as ``cp`` or an editor would leave
    it). On any failure the temporary file is removed and an existing file at ``path`` is left as it was.

    With ``replace=False`` the file is created, never replaced: if ``path`` exists (or appears
    while ``data`` is written) it is left as it was and the write fails. The whole file is linked
    into place in one step (:func:`os.link` fails on an existing name, as ``O_EXCL`` does), so a
    reader still never sees it half-written; where the file system has no hard links, the name
    is first taken with ``O_EXCL`` (empty for an instant) and the whole file renamed over it.

    Raises:
        OutputError: the folder cannot be created or the file cannot be written; with
            ``replace=False``, a file named ``path`` exists already.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(path)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}",
            hint="missing folders are created: check you may create and write in the folder",
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            if replace:
                _keep_mode(fh.fileno(), path)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            _create_from(tmp, path)
    except FileExistsError as exc:
        _discard(tmp)
        raise OutputError(
            f"cannot write {path}: a file of that name exists already (it is left as it was)",
            hint="another run or program wrote it: move it aside, or check that two schedules do not share one name",
        ) from exc
    except OSError as exc:
        _discard(tmp)
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}", hint="check free space and permissions"
        ) from exc


#: what os.link fails with where a file system has no hard links (FAT, some network shares)
_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK, errno.EXDEV})


def _create_from(tmp: str, path: Path) -> None:
    """Give the written file ``tmp`` the name ``path``, which must not exist yet; ``tmp`` is gone afterwards.

    Raises:
        FileExistsError: ``path`` exists.
        OSError: the file cannot be named so.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # no hard links here: take the name exclusively, then put the whole file in its place
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666))
        try:
            os.replace(tmp, path)
        except OSError:
            _discard(str(path))  # the empty file this write made, no one else's
            raise
        return
    _discard(tmp)


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path``, opened for writing, with the mode a new file gets under the umask.

    (``tempfile.mkstemp`` would make it readable by its owner alone, and the rename would keep that.)
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    # as mkstemp opens it: not inherited by the processes a run starts, never through a link, bytes on Windows
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path.name}")


def _keep_mode(fd: int, path: Path) -> None:
    """Give the temporary file the permission bits of the regular file it is about to replace, if any."""
    try:
        existing = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(existing.st_mode) and hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(existing.st_mode) & 0o777)
