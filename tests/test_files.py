"""Atomic writes leave the brief with the permissions a plain write would give it, and, when asked, never replace
a file that exists."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.atomic import write_atomic
from briefing.errors import OutputError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def umask() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_brief_is_readable_as_the_umask_allows(tmp_path: Path, umask: None) -> None:
    # a brief written to a shared or published folder: others may read it, as after cp or an editor
    out = tmp_path / "published" / "brief.pdf"
    write_atomic(out, b"%PDF-1.7 brief")
    assert out.read_bytes() == b"%PDF-1.7 brief"
    assert _mode(out) == 0o644
    assert [p.name for p in out.parent.iterdir()] == ["brief.pdf"], "no temporary file left behind"


def test_a_private_umask_keeps_the_brief_private(tmp_path: Path, umask: None) -> None:
    os.umask(0o077)
    out = tmp_path / "brief.html"
    write_atomic(out, b"<html>")
    assert _mode(out) == 0o600


def test_a_rewritten_brief_keeps_the_mode_it_had(tmp_path: Path, umask: None) -> None:
    out = tmp_path / "brief.md"
    out.write_bytes(b"old")
    out.chmod(0o640)  # a group-readable brief stays group-readable, whatever the umask says
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new"
    assert _mode(out) == 0o640


def test_a_special_bit_on_the_old_file_is_not_copied(tmp_path: Path, umask: None) -> None:
    out = tmp_path / "brief.json"
    out.write_bytes(b"{}")
    out.chmod(0o4755)
    write_atomic(out, b"[]")
    assert _mode(out) == 0o755


def test_a_write_that_may_not_replace_leaves_an_existing_file_as_it_was(tmp_path: Path, umask: None) -> None:
    """replace=False creates the file or fails: another run's brief of the same name is never written over."""
    out = tmp_path / "desk.pdf"
    out.write_bytes(b"another run's brief")
    with pytest.raises(OutputError, match="exists already"):
        write_atomic(out, b"this run's brief", replace=False)
    assert out.read_bytes() == b"another run's brief"
    fresh = tmp_path / "desk-2.pdf"
    write_atomic(fresh, b"this run's brief", replace=False)
    assert fresh.read_bytes() == b"this run's brief" and _mode(fresh) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk-2.pdf", "desk.pdf"], "no temporary file left behind"


def test_without_hard_links_a_write_that_may_not_replace_still_never_does(
    tmp_path: Path, umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links (FAT, some shares) the name is taken with O_EXCL instead."""

    def no_links(*_a: object, **_k: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "desk.pdf"
    write_atomic(out, b"first", replace=False)
    with pytest.raises(OutputError, match="exists already"):
        write_atomic(out, b"second", replace=False)
    assert out.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["desk.pdf"]
