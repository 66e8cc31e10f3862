"""Inbox folders: each file briefed once, moved aside only after its brief is written, crash-safe."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import InputError
from briefing.ingest import inbox as inbox_module
from briefing.ingest.inbox import JOURNAL, LOCK, open_inbox
from tests.conftest import DATA

STORIES = DATA / "stories"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in sorted((STORIES / "tarn-bridge-collapse").iterdir()):
        shutil.copy(path, folder / path.name)
    (folder / "broken.json").write_text("{not json")
    return folder


def briefed(out: Path) -> list[str]:
    brief = json.loads(out.read_text("utf-8"))
    return sorted(a["id"] for s in brief["stories"] for a in (*s["articles"], *s["copies"]))


def test_files_are_moved_aside_after_the_brief_is_written(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    assert main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"]) == 0
    assert briefed(out) == ["meridian-wire", "northern-courier", "tarn-observer"]
    assert sorted(p.name for p in inbox.iterdir() if not p.name.startswith(".")) == []
    assert sorted(p.name for p in (inbox / ".processed").iterdir()) == [
        "meridian-wire.md",
        "northern-courier.md",
        "tarn-observer.md",
    ]
    assert [p.name for p in (inbox / ".failed").iterdir()] == ["broken.json"]
    assert not (inbox / JOURNAL).exists()
    # nothing new: the next run has nothing to brief, writes nothing and is not a failure
    second = tmp_path / "second.json"
    assert main(["generate", f"inbox:{inbox}", "-o", str(second), "-q"]) == 0
    assert not second.exists()
    # a new file is briefed on its own
    shutil.copy(STORIES / "malaria-vaccine" / "global-dispatch.md", inbox / "new.md")
    assert main(["generate", f"inbox:{inbox}", "-o", str(second), "-q"]) == 0
    assert briefed(second) == ["new"]


def test_a_brief_on_standard_output_moves_the_files_once_written(
    inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", f"inbox:{inbox}", "-o", "-", "--format", "json", "-q"]) == 0
    brief = json.loads(capsys.readouterr().out)
    assert sorted(a["id"] for s in brief["stories"] for a in (*s["articles"], *s["copies"])) == [
        "meridian-wire",
        "northern-courier",
        "tarn-observer",
    ]
    assert len(list((inbox / ".processed").glob("*.md"))) == 3
    assert not (inbox / JOURNAL).exists()


def test_a_crash_before_a_brief_on_standard_output_is_sent_loses_nothing(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.deliver.files

    def crash(data: bytes, *, binary: bool = False) -> None:
        raise SystemExit("killed while writing the brief")

    with monkeypatch.context() as patch:
        patch.setattr(briefing.deliver.files, "write_stdout", crash)
        with pytest.raises(SystemExit):
            main(["generate", f"inbox:{inbox}", "-o", "-", "--format", "md", "-q"])
    assert (inbox / JOURNAL).exists(), "the journal was written before the brief"
    # no file can show the brief was sent: the next run briefs every file again rather than lose one
    out = tmp_path / "brief.json"
    assert main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"]) == 0
    assert briefed(out) == ["meridian-wire", "northern-courier", "tarn-observer"]


def test_a_dry_run_moves_nothing(inbox: Path, tmp_path: Path) -> None:
    assert main(["generate", f"inbox:{inbox}", "-o", str(tmp_path / "b.json"), "--dry-run", "-q"]) == 0
    assert not (inbox / ".processed").exists()
    assert len(list(inbox.glob("*.md"))) == 3


def test_a_crash_before_the_brief_is_written_loses_nothing(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "brief.json"

    import briefing.atomic

    real_write = briefing.atomic.write_atomic

    def crash(path: Path, data: bytes) -> None:
        if Path(path) == out:
            raise SystemExit("killed while writing the brief")
        real_write(path, data)

    with monkeypatch.context() as patch:
        patch.setattr(briefing.atomic, "write_atomic", crash)
        with pytest.raises(SystemExit):
            main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"])
    assert (inbox / JOURNAL).exists(), "the journal was written before the brief"
    assert not out.exists()
    # the next run finds no brief on disk: the journal is dropped and every file is briefed now
    assert main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"]) == 0
    assert briefed(out) == ["meridian-wire", "northern-courier", "tarn-observer"]
    assert not (inbox / JOURNAL).exists()


def test_a_crash_after_the_brief_is_written_briefs_nothing_twice(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "brief.json"

    def crash(*_args: object) -> None:
        raise SystemExit("killed before moving the files")

    with monkeypatch.context() as patch:
        patch.setattr(inbox_module, "_move_all", crash)
        with pytest.raises(SystemExit):
            main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"])
    assert out.exists() and (inbox / JOURNAL).exists()
    assert len(list(inbox.glob("*.md"))) == 3, "the files are still in the inbox"
    # the next run sees the brief on disk with the journal's hash: it moves the files, briefs nothing again
    assert main(["generate", f"inbox:{inbox}", "-o", str(tmp_path / "again.json"), "-q"]) == 0
    assert not (tmp_path / "again.json").exists()
    assert not list(inbox.glob("*.md"))
    assert len(list((inbox / ".processed").glob("*.md"))) == 3


def test_a_file_changed_after_it_was_read_stays_for_the_next_run(inbox: Path) -> None:
    claim = open_inbox(inbox)
    taken = claim.take(lambda path, data: path.suffix == ".md", 1 << 20)
    assert taken == 3
    (inbox / "tarn-observer.md").write_text((inbox / "tarn-observer.md").read_text() + "\nA correction.\n")
    claim.prepare([])
    claim.commit()
    assert [p.name for p in inbox.glob("*.md")] == ["tarn-observer.md"]


def test_one_run_at_a_time(inbox: Path) -> None:
    first = open_inbox(inbox)
    with pytest.raises(InputError, match="another briefing run is using this inbox"):
        open_inbox(inbox)
    first.close()
    open_inbox(inbox).close()


def test_a_missing_inbox_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", f"inbox:{tmp_path / 'nowhere'}", "-o", str(tmp_path / "b.json")]) == 1
    assert "nowhere: no such folder" in capsys.readouterr().err


def test_odd_names_are_briefed_and_links_are_not_followed(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An inbox is a drop folder: whatever names and links arrive, nothing outside it is read or moved."""
    outside = tmp_path / "private"
    outside.mkdir()
    secret = outside / "notes.md"
    secret.write_text("# Private notes\n\nThe password is SECRET-MARKER-41, the treasurer said on Monday.\n")
    (outside / "more.md").write_text("# More\n\nSECRET-MARKER-42 is in this folder too, the clerk said.\n")
    (inbox / "leak.md").symlink_to(secret)
    (inbox / "linked").symlink_to(outside, target_is_directory=True)
    odd = ["-rf.md", "new\nline.md", "back\\slash.md", "spaced name ☃.md", "%2e%2e%2fup.md"]
    stories = ["corran-election", "estmark-inflation", "lyss-rail-strike", "malaria-vaccine", "varnia-floods"]
    for name, story in zip(odd, stories, strict=True):
        shutil.copy(sorted((STORIES / story).glob("*.md"))[0], inbox / name)

    out = tmp_path / "brief.json"
    assert main(["generate", f"inbox:{inbox}", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "SECRET-MARKER" not in text
    assert len(briefed(out)) == 3 + len(odd)
    assert "leak.md: a symbolic link" in capsys.readouterr().err
    processed = inbox / ".processed"
    assert sorted(p.name for p in processed.iterdir()) == sorted(
        [*odd, "meridian-wire.md", "northern-courier.md", "tarn-observer.md"]
    )
    # the links stay where they were, and what they point at is untouched
    assert (inbox / "leak.md").is_symlink() and (inbox / "linked").is_symlink()
    assert sorted(p.name for p in outside.iterdir()) == ["more.md", "notes.md"]


def test_a_tampered_journal_moves_nothing_from_outside_the_inbox(inbox: Path, tmp_path: Path) -> None:
    """The journal lives in the inbox, so whoever drops files can write it: its names must stay inside."""
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n\nThis file is not the inbox's.\n")
    digest = inbox_module._sha256(outside)
    brief = tmp_path / "brief.json"
    brief.write_text("{}")
    (inbox / "link.md").symlink_to(outside)
    journal = {
        "taken": [["../outside.md", digest], [str(outside), digest], ["link.md", digest]],
        "rejected": [],
        "outputs": [[str(brief), inbox_module._sha256(brief)]],  # "the brief was written": move them now
    }
    (inbox / JOURNAL).write_text(json.dumps(journal))
    open_inbox(inbox).close()
    assert outside.is_file() and (inbox / "link.md").is_symlink()
    assert not (inbox / ".processed").exists()
    assert not (inbox / JOURNAL).exists()


by_descriptor = pytest.mark.skipif(
    not inbox_module._BY_DESCRIPTOR, reason="files are opened relative to a folder only where the system allows"
)


@by_descriptor
def test_a_file_swapped_for_a_link_after_the_check_is_still_not_read(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Reading does not rely on the check before it: the file is opened without following a link."""
    secret = tmp_path / "secret.md"
    secret.write_text("# Private\n\nSECRET-MARKER-43 was said by the treasurer on Monday.\n")
    (inbox / "leak.md").symlink_to(secret)
    # as if the link had replaced a plain file between the check and the read
    monkeypatch.setattr(inbox_module, "_inside", lambda folder, rel: True)
    claim = open_inbox(inbox)
    seen: list[bytes] = []
    claim.take(lambda path, data: seen.append(data) or True, 1 << 20)
    claim.close()
    assert len(seen) == 4 and not any(b"SECRET-MARKER" in data for data in seen)
    assert "leak.md: a symbolic link" in caplog.text


@by_descriptor
def test_no_link_on_the_way_to_a_file_is_followed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    outside = tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "notes.md").write_text("# Notes\n")
    (inbox / "linked").symlink_to(outside, target_is_directory=True)
    (inbox / "file.md").symlink_to(outside / "notes.md")
    (inbox / "real").mkdir()
    (inbox / "real" / "kept.md").write_bytes(b"# Kept\n" * 10)
    os.mkfifo(inbox / "pipe.md")  # opening a FIFO to read would wait for a writer
    for rel in ("linked/notes.md", "file.md", "pipe.md"):
        with pytest.raises(inbox_module._Elsewhere):
            inbox_module._read(inbox, Path(rel), 100)
    data, digest = inbox_module._read(inbox, Path("real/kept.md"), 10)
    assert data == b"# Kept\n# K" and digest == inbox_module._sha256(inbox / "real" / "kept.md")


def test_a_processed_folder_that_is_a_link_receives_nothing(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whoever drops files could make .processed a link to a folder of theirs (autostart, say): nothing goes there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (inbox / ".processed").symlink_to(elsewhere, target_is_directory=True)
    out = tmp_path / "brief.json"
    assert main(["generate", f"inbox:{inbox}", "-o", str(out)]) == 0
    assert list(elsewhere.iterdir()) == []
    assert len(list(inbox.glob("*.md"))) == 3  # left in the inbox
    assert "symbolic link; it stays in the inbox" in capsys.readouterr().err


def test_an_empty_inbox_is_nothing_new_exit_0_unless_asked_to_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "drop"
    empty.mkdir()
    out = tmp_path / "brief.pdf"
    assert main(["generate", f"inbox:{empty}", "-o", str(out)]) == 0
    assert capsys.readouterr().err.splitlines() == [f"nothing new in inbox:{empty}; nothing written"]
    assert not out.exists()
    assert main(["generate", f"inbox:{empty}", "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["generate", f"inbox:{empty}", "-o", str(out), "--fail-if-empty"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"error: nothing new in inbox:{empty}"
    assert not out.exists()


def test_an_inbox_whose_files_give_no_article_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "broken.json").write_text("{not json")
    assert main(["generate", f"inbox:{drop}", "-o", str(tmp_path / "b.json")]) == 1
    assert "broken.json" in capsys.readouterr().err
    # an empty inbox beside a named folder that holds nothing: the stricter rule of the two
    empty, folder = tmp_path / "empty-inbox", tmp_path / "empty-folder"
    empty.mkdir()
    folder.mkdir()
    assert main(["generate", f"inbox:{empty}", str(folder), "-o", str(tmp_path / "b.json"), "-q"]) == 1
    assert "empty folder" in capsys.readouterr().err


def test_no_lock_file_is_left_in_the_inbox(inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.pipeline

    out = tmp_path / "brief.json"
    # a run that fails while rendering
    with monkeypatch.context() as patch:
        patch.setattr("briefing.render.render", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("no renderer")))
        assert main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"]) == 1
    assert not (inbox / LOCK).exists()
    # a run that fails while building the brief
    with monkeypatch.context() as patch:
        patch.setattr(briefing.pipeline, "assemble_brief", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bug")))
        assert main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"]) == 1
    assert not (inbox / LOCK).exists()
    assert main(["generate", f"inbox:{inbox}", "-o", str(out), "--dry-run", "-q"]) == 0
    assert not (inbox / LOCK).exists()
    assert main(["generate", f"inbox:{inbox}", "-o", str(out), "-q"]) == 0
    assert out.exists() and not (inbox / LOCK).exists()
    assert main(["generate", f"inbox:{inbox}", "-o", str(tmp_path / "nothing.json"), "-q"]) == 0
    assert not (inbox / LOCK).exists()
    assert sorted(p.name for p in inbox.iterdir()) == [".failed", ".processed"]


def test_a_lock_file_removed_by_its_holder_is_not_locked_by_the_next_run(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    from briefing import locks

    first = open_inbox(inbox)
    # a second run opens the lock file; before it locks it, the first run removes the file and lets go
    real_flock = fcntl.flock
    opened: list[int] = []

    def flock_after_release(fd: int, operation: int) -> None:
        if not opened:
            opened.append(fd)
            first.close()
        real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock_after_release)
    second = open_inbox(inbox)  # it locks the file now at the path, not the removed one
    monkeypatch.setattr(fcntl, "flock", real_flock)
    assert opened and (inbox / LOCK).exists()
    with pytest.raises(InputError, match="another briefing run is using this inbox"):
        open_inbox(inbox)
    second.close()
    assert not (inbox / LOCK).exists()
    handle = locks.try_lock(inbox / LOCK)
    assert handle is not None
    locks.remove_lock(handle, inbox / LOCK)
    assert not (inbox / LOCK).exists()
