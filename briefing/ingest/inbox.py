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

One run at a time: a lock on ``FOLDER/.briefing.lock`` keeps a second run out.

An inbox is often a drop folder others can write to, so nothing in it can lead briefing
elsewhere: symbolic links are not followed (a link to ``~/.ssh/id_rsa`` is not briefed),
and names in the journal that are absolute, hold ``..`` or pass through a link are ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class InboxClaim:
    """The files one run took from an inbox folder, moved aside only after its brief is written."""

    def __init__(self, folder: Path, lock: IO[str] | None) -> None:
        self.folder = folder
        self.taken: list[tuple[str, str]] = []  # (path relative to the folder, sha256)
        self.rejected: list[tuple[str, str]] = []
        self._lock = lock

    def take(self, read: Callable[[Path], bool]) -> int:
        """Read every file in the inbox with ``read`` (True when it gave an article); returns how many did."""
        for path in sorted(self.folder.rglob("*")):
            rel = path.relative_to(self.folder)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            if not _inside(self.folder, rel):
                # whoever can drop files here must not make briefing read, brief or move files elsewhere
                log.warning("%s: a symbolic link; an inbox reads only files of its own, so it is left in place", path)
                continue
            try:
                digest = _sha256(path)
            except OSError as exc:
                log.warning("%s: cannot be read (%s)", path, exc.strerror or exc)
                continue
            (self.taken if read(path) else self.rejected).append((rel.as_posix(), digest))
        return len(self.taken)

    def prepare(self, outputs: Sequence[tuple[Path, bytes]]) -> None:
        """Record the journal: the files taken and the outputs about to be written (call before writing)."""
        from briefing.deliver.files import write_atomic

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
            self._lock.close()  # closing the file drops the lock
            self._lock = None


def open_inbox(folder: Path) -> InboxClaim:
    """Lock an inbox folder, finish or forget an interrupted run, and return a claim ready to take files.

    Raises:
        InputError: the folder does not exist, or another run holds it.
    """
    if not folder.is_dir():
        raise InputError(f"{INBOX_PREFIX}{folder}: no such folder")
    lock = _lock(folder)
    _recover(folder)
    return InboxClaim(folder, lock)


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


def _pairs(value: object) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    return [(str(v[0]), str(v[1])) for v in value if isinstance(v, list) and len(v) == 2]


def _move_all(folder: Path, taken: Sequence[tuple[str, str]], rejected: Sequence[tuple[str, str]]) -> None:
    for target, files in ((PROCESSED, taken), (FAILED, rejected)):
        for rel, digest in files:
            _move(folder, rel, digest, folder / target)


def _move(folder: Path, rel: str, digest: str, target: Path) -> None:
    source = folder / rel
    if not _inside(folder, Path(rel)) or not source.is_file():
        return  # the journal sits in the inbox too: names in it that lead elsewhere are ignored
    try:
        if _sha256(source) != digest:
            log.warning("%s changed after it was read; left in the inbox for the next run", source)
            return
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        n = 1
        while dest.exists():
            n += 1
            dest = dest.with_name(f"{Path(rel).stem}-{n}{Path(rel).suffix}")
        os.replace(source, dest)
    except OSError as exc:
        log.warning("%s could not be moved to %s (%s); it stays in the inbox", source, target, exc.strerror or exc)
