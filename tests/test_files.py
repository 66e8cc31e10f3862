"""Atomic writes leave the brief with the permissions a plain write would give it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.atomic import write_atomic

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
