"""Inbox folders: files dropped in are briefed once, then moved aside.

An input written ``inbox:FOLDER`` reads the files in FOLDER like a folder input, but
remembers which ones it took (an :class:`InboxClaim`). Once the brief that used them is
written, :meth:`InboxClaim.commit` moves them into ``FOLDER/.processed/`` (files that gave
no article go to ``FOLDER/.failed/``), so the next run does not brief them again.

A crash at any point loses nothing and briefs nothing twice. Before the brief is
written, :meth:`InboxClaim.prepare` records a journal (``FOLDER/.briefing-journal.json``)
naming the files taken and the SHA-256 of every output about to be written. The next run
that opens the inbox finishes or forgets the interrupted one: if every output in the
journal is on disk with the recorded hash, the brief was written and the files are
moved now; otherwise no brief went out and the files stay to be briefed again. Files
are moved with :func:`os.replace` (atomic within the folder's file system), and a file
changed since it was read is left in the inbox, so its new content is briefed next time.

One run at a time: a lock on ``FOLDER/.briefing.lock`` keeps a second run out. The run that
holds it removes the file when it lets the inbox go, whether it briefed, found nothing, failed or
was a dry run, so no lock file is left in the user's folder (:func:`briefing.locks.remove_lock`).

An inbox is often a drop folder others can write to, so nothing in it can lead briefing
elsewhere: symbolic links are not followed (a link to ``~/.ssh/id_rsa`` is not briefed, and a
``.processed`` that is a link to another folder receives nothing), and names in the journal that
are absolute, hold ``..`` or pass through a link are ignored. Where the system allows (POSIX),
every file is read and moved through descriptors opened one folder at a time without following
links, so a file swapped for a link between the check and the read is refused all the same; a
file's bytes are read once, and the digest recorded is of the bytes briefed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from briefing.errors import InputError

__all__ = ["INBOX_PREFIX", "InboxClaim", "open_inbox"]

log = logging.getLogger("briefing.ingest.inbox")

INBOX_PREFIX = "inbox:"
PROCESSED = ".processed"
FAILED = ".failed"
JOURNAL = ".briefing-journal.json"
LOCK = ".briefing.lock"


#: whether files can be opened relative to an open folder without following links (POSIX)
_BY_DESCRIPTOR = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and {os.open, os.mkdir, os.stat, os.rename} <= os.supports_dir_fd  # os.replace is os.rename's twin (renameat)
)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
#: O_NONBLOCK: a FIFO dropped in the inbox must not hang the run (it is refused as not a regular file)
_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
#: what opening a link, or a folder swapped for one, fails with when links are not followed
_LINK_ERRORS = frozenset({errno.ELOOP, errno.ENOTDIR, errno.EMLINK})


class _Elsewhere(Exception):
    """An inbox name that is a link, passes through one, or is not a regular file."""


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return _digest(fh)[1]


class InboxClaim:
    """The files one run took from an inbox folder, moved aside only after its brief is written."""

    def __init__(self, folder: Path, lock: IO[str] | None) -> None:
        self.folder = folder
        self.taken: list[tuple[str, str]] = []  # (path relative to the folder, sha256)
        self.rejected: list[tuple[str, str]] = []
        self._lock = lock

    def take(self, read: Callable[[Path, bytes], bool], limit: int) -> int:
        """Read every file in the inbox and hand its bytes to ``read`` (True when it gave an article).

        At most ``limit`` + 1 bytes of a file are kept (enough for ``read`` to tell it is too
        large); the digest recorded is of all of it. Returns how many files gave an article.
        """
        for path in sorted(self.folder.rglob("*")):
            rel = path.relative_to(self.folder)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            try:
                if not _inside(self.folder, rel):
                    raise _Elsewhere
                data, digest = _read(self.folder, rel, limit + 1)
            except _Elsewhere:
                # whoever can drop files here must not make briefing read, brief or move files elsewhere
                log.warning("%s: a symbolic link; an inbox reads only files of its own, so it is left in place", path)
                continue
            except OSError as exc:
                log.warning("%s: cannot be read (%s)", path, exc.strerror or exc)
                continue
            (self.taken if read(path, data) else self.rejected).append((rel.as_posix(), digest))
        return len(self.taken)

    def prepare(self, outputs: Sequence[tuple[Path, bytes]]) -> None:
        """Record the journal: the files taken and the outputs about to be written (call before writing)."""
        from briefing.atomic import write_atomic

        journal = {
            "taken": self.taken,
            "rejected": self.rejected,
            "outputs": [[str(Path(p).resolve()), hashlib.sha256(data).hexdigest()] for p, data in outputs],
        }
        write_atomic(self.folder / JOURNAL, json.dumps(journal, indent=1).encode("utf-8"))

    def commit(self) -> None:
        """Move the files taken to ``.processed/`` (and unreadable ones to ``.failed/``); then forget the journal."""
        _move_all(self.folder, self.taken, self.rejected)
        (self.folder / JOURNAL).unlink(missing_ok=True)
        self.close()

    def close(self) -> None:
        """Release the inbox without moving anything (a dry run, or a run that failed)."""
        if self._lock is not None:
            from briefing.locks import remove_lock

            remove_lock(self._lock, self.folder / LOCK)  # closing the file drops the lock
            self._lock = None


def open_inbox(folder: Path) -> InboxClaim:
    """Lock an inbox folder, finish or forget an interrupted run, and return a claim ready to take files.

    Raises:
        InputError: the folder does not exist, or another run holds it.
    """
    if not folder.is_dir():
        raise InputError(f"{INBOX_PREFIX}{folder}: no such folder")
    claim = InboxClaim(folder, _lock(folder))
    try:
        _recover(folder)
    except BaseException:
        claim.close()
        raise
    return claim


def _lock(folder: Path) -> IO[str]:
    from briefing.locks import try_lock

    handle = try_lock(folder / LOCK)
    if handle is None:
        raise InputError(f"{INBOX_PREFIX}{folder}: another briefing run is using this inbox")
    return handle


def _recover(folder: Path) -> None:
    path = folder / JOURNAL
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        log.warning("%s: unreadable journal of an interrupted run; its files stay in the inbox", path)
        path.unlink(missing_ok=True)
        return
    outputs = journal.get("outputs") or []
    written = bool(outputs) and all(Path(p).is_file() and _sha256(Path(p)) == digest for p, digest in outputs)
    if written:
        log.info("%s: the last run wrote its brief but stopped before moving its files; moving them now", folder)
        _move_all(folder, _pairs(journal.get("taken")), _pairs(journal.get("rejected")))
    else:
        log.info("%s: the last run stopped before writing its brief; its files will be briefed now", folder)
    path.unlink(missing_ok=True)


def _inside(folder: Path, rel: Path) -> bool:
    """True when ``folder / rel`` is a file of the folder itself: relative, no ``..``, no link on the way out."""
    if rel.is_absolute() or ".." in rel.parts:
        return False
    path = folder / rel
    if path.is_symlink():
        return False
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


@contextmanager
def _folder_descriptor(folder: Path, parts: Sequence[str], *, create: bool = False) -> Iterator[int]:
    """A descriptor of ``folder / *parts``, each part opened (made, if ``create``) without following a link.

    Raises:
        _Elsewhere: a part is a link, or not a folder.
    """
    fd = os.open(folder, _FOLDER_FLAGS & ~getattr(os, "O_NOFOLLOW", 0))  # the inbox itself is the user's choice
    try:
        for part in parts:
            if create:
                try:
                    os.mkdir(part, dir_fd=fd)
                except FileExistsError:
                    pass
            inner = _open_at(fd, part, _FOLDER_FLAGS)
            os.close(fd)
            fd = inner
        yield fd
    finally:
        os.close(fd)


def _open_at(folder: int, name: str, flags: int) -> int:
    """``os.open`` of ``name`` in the open folder ``folder``; a link (``flags`` follow none) raises _Elsewhere."""
    try:
        return os.open(name, flags, dir_fd=folder)
    except OSError as exc:
        if exc.errno in _LINK_ERRORS:
            raise _Elsewhere from exc
        raise


def _open_file(folder: int, name: str) -> int:
    """A descriptor of the regular file ``name`` in the open folder ``folder``, not following a link."""
    fd = _open_at(folder, name, _FILE_FLAGS)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _Elsewhere
    return fd


def _read(folder: Path, rel: Path, keep: int) -> tuple[bytes, str]:
    """The first ``keep`` bytes of the inbox's file ``rel``, and the SHA-256 of all of it, read once.

    Raises:
        _Elsewhere: the file or a folder on its way is a link, or it is not a regular file.
        OSError: it cannot be read.
    """
    if _BY_DESCRIPTOR:
        with _folder_descriptor(folder, rel.parts[:-1]) as parent:
            fh = os.fdopen(_open_file(parent, rel.parts[-1]), "rb")
    else:
        fh = (folder / rel).open("rb")
    with fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise _Elsewhere
        return _digest(fh, keep)


def _digest(fh: IO[bytes], keep: int = 0) -> tuple[bytes, str]:
    """The first ``keep`` bytes of an open file and the SHA-256 of all of it."""
    digest = hashlib.sha256()
    kept = bytearray()
    for block in iter(lambda: fh.read(1 << 20), b""):
        digest.update(block)
        if len(kept) < keep:
            kept += block[: keep - len(kept)]
    return bytes(kept), digest.hexdigest()


def _pairs(value: object) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    return [(str(v[0]), str(v[1])) for v in value if isinstance(v, list) and len(v) == 2]


def _move_all(folder: Path, taken: Sequence[tuple[str, str]], rejected: Sequence[tuple[str, str]]) -> None:
    for target, files in ((PROCESSED, taken), (FAILED, rejected)):
        for rel, digest in files:
            _move(folder, rel, digest, target)


def _move(folder: Path, rel: str, digest: str, target: str) -> None:
    """Move the inbox's file ``rel`` into ``folder / target`` (under a free name) if it still has ``digest``."""
    source = folder / rel
    if not _inside(folder, Path(rel)) or not source.is_file():
        return  # the journal sits in the inbox too: names in it that lead elsewhere are ignored
    try:
        if _BY_DESCRIPTOR:
            _move_by_descriptor(folder, Path(rel), digest, target)
        else:
            _move_by_path(folder, Path(rel), digest, target)
    except _Elsewhere:
        log.warning("%s or the folder it would go to is a symbolic link; it stays in the inbox", source)
    except OSError as exc:
        log.warning("%s could not be moved to %s (%s); it stays in the inbox", source, target, exc.strerror or exc)


def _changed(source: Path) -> None:
    log.warning("%s changed after it was read; left in the inbox for the next run", source)


def _free_name(rel: Path, taken: Callable[[str], bool]) -> str:
    name, n = rel.name, 1
    while taken(name):
        n += 1
        name = f"{rel.stem}-{n}{rel.suffix}"
    return name


def _move_by_descriptor(folder: Path, rel: Path, digest: str, target: str) -> None:
    *parents, name = rel.parts
    with (
        _folder_descriptor(folder, parents) as here,
        _folder_descriptor(folder, [target, *parents], create=True) as there,
    ):
        with os.fdopen(_open_file(here, name), "rb") as fh:
            _, found = _digest(fh)
        if found != digest:
            _changed(folder / rel)
            return

        def exists(candidate: str) -> bool:
            try:
                os.stat(candidate, dir_fd=there, follow_symlinks=False)
            except FileNotFoundError:
                return False
            return True

        os.replace(name, _free_name(rel, exists), src_dir_fd=here, dst_dir_fd=there)


def _move_by_path(folder: Path, rel: Path, digest: str, target: str) -> None:
    source = folder / rel
    if _sha256(source) != digest:
        _changed(source)
        return
    destination = folder / target / rel.parent
    destination.mkdir(parents=True, exist_ok=True)
    if not _inside(folder, destination.relative_to(folder)):
        raise _Elsewhere
    os.replace(source, destination / _free_name(rel, lambda candidate: (destination / candidate).exists()))
