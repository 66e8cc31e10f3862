"""A job in a forked process (briefing/render/forked.py): its result, its errors, and a process that dies.

Each case runs in a fresh interpreter: pytest's own process may hold threads other tests left
running, and a process with threads is not one to fork.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.render import forked

CASES = """
import os, signal, sys
from briefing.render.forked import Forked, NoAnswer

class Kept(Exception):
    pass

def fails(kind):
    def job():
        raise kind("went wrong")
    return job

def dies():
    os.kill(os.getpid(), signal.SIGKILL)

case = sys.argv[1]
job = {
    "result": lambda: {"pid": os.getpid(), "pages": [1, 2, 3]},
    "kept": fails(Kept),
    "other": fails(KeyError),
    "dies": dies,
}[case]
other = Forked(job, passes=(Kept,))
try:
    value = other.result()
except Exception as exc:
    print(type(exc).__name__, exc)
else:
    print("forked" if value["pid"] != os.getpid() else "same process", value["pages"])
finally:
    other.stop()
"""


def _case(name: str) -> str:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    done = subprocess.run(
        [sys.executable, "-c", CASES, name],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_the_result_comes_back_from_another_process() -> None:
    assert _case("result") == "forked [1, 2, 3]"


def test_an_exception_it_passes_is_raised_as_it_was() -> None:
    assert _case("kept") == "Kept went wrong"


def test_any_other_exception_becomes_a_runtime_error_naming_it() -> None:
    assert _case("other") == "RuntimeError KeyError: 'went wrong'"


def test_a_process_that_dies_gives_no_answer_rather_than_a_hang() -> None:
    assert _case("dies") == "NoAnswer the second process ended without an answer"


def test_no_fork_when_one_process_is_asked_for_or_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    assert forked.can_fork(2) and forked.can_fork(0)
    assert not forked.can_fork(1)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 2)
    assert not forked.can_fork(2)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not forked.can_fork(0)
