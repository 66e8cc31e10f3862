"""Progress on long work: the stages a run reports, the terminal display, and silence off a terminal."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from briefing import BriefConfig, build_brief, publish
from briefing.progress import Progress
from briefing.terminal import TerminalProgress
from tests.conftest import EXAMPLES, ROOT


class Recorder(Progress):
    """Every call, as (stage, total, steps done) once the stage ends."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None, int]] = []
        self._current: list[object] | None = None

    def start(self, stage: str, total: int | None = None, *, description: str = "") -> None:
        self.end()
        assert description, f"{stage} has nothing to show a person"
        self._current = [stage, total, 0]

    def advance(self, steps: int = 1) -> None:
        assert self._current is not None, "progress outside a stage"
        self._current[2] += steps  # type: ignore[operator]

    def end(self) -> None:
        if self._current is not None:
            stage, total, done = self._current
            self.stages.append((stage, total, done))  # type: ignore[arg-type]
            self._current = None


def test_a_run_reports_each_stage_and_its_steps(tmp_path: Path) -> None:
    recorder = Recorder()
    inputs = [str(EXAMPLES / "rates"), str(EXAMPLES / "port-strike"), str(EXAMPLES / "ceasefire")]
    brief, stats = build_brief(inputs, BriefConfig(workers=1), progress=recorder)
    publish(brief, tmp_path / "brief.md", "md", BriefConfig(), progress=recorder)
    assert stats.articles == 10 and stats.stories == 3
    assert recorder.stages == [
        ("read", 3, 3),
        ("analyse", 10, 10),
        ("cluster", None, 0),
        ("assemble", 3, 3),
        ("render", None, 0),
        ("write", None, 0),
    ]


def test_the_terminal_display_shows_each_stage() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100, color_system=None)
    with TerminalProgress(console, delay=0) as progress:
        brief, _ = build_brief([str(EXAMPLES)], BriefConfig(workers=1), progress=progress)
    shown = screen.getvalue()
    for line in ("reading inputs", "analysing articles", "10/10", "grouping stories", "assembling the brief", "3/3"):
        assert line in shown, line
    assert brief.stories


def test_a_run_that_is_not_on_a_terminal_shows_no_progress_and_loads_no_rich(tmp_path: Path) -> None:
    code = "import sys, briefing.cli as c\n" + (
        f"code = c.main(['generate', {str(EXAMPLES)!r}, '-o', {str(tmp_path / 'b.md')!r}])\n"
        "print(code, 'rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["0", "False"]
    assert done.stderr.splitlines() == [done.stderr.splitlines()[0]] and done.stderr.startswith(f"wrote {tmp_path}")


def test_progress_goes_to_the_terminal_never_to_the_brief_on_standard_output() -> None:
    code = (
        "import briefing.cli as c, briefing.terminal as t\n"
        "t.DELAY = 0\n"  # show it at once: this run is quicker than the display's usual wait
        f"raise SystemExit(c.main(['generate', {str(EXAMPLES)!r}, '-o', '-', '--format', 'md']))\n"
    )
    main_end, terminal = pty.openpty()
    shown = b""
    try:
        with subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL
        ) as done:
            os.close(terminal)
            while True:
                try:
                    chunk = os.read(main_end, 65536)
                except OSError:  # the other end closed
                    break
                if not chunk:
                    break
                shown += chunk
            assert done.stdout is not None
            brief = done.stdout.read()
            assert done.wait(timeout=120) == 0
    finally:
        os.close(main_end)
    assert b"analysing articles" in shown and b"rendering MD" in shown and b"wrote standard output" in shown
    assert brief.startswith(b"# ") and b"\x1b" not in brief and b"analysing" not in brief
