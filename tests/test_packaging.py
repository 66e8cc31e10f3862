"""The built-in templates work from a source checkout (the other tests) and from an installed wheel (here)."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT


@pytest.mark.slow
def test_installed_wheel_renders_with_its_own_templates(tmp_path: Path) -> None:
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        env=env,
        capture_output=True,
    )
    (wheel,) = dist.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("brief.html", "brief.css", "brief.md", "_story.html", "_quote.html"):
        assert f"briefing/templates/{name}" in names
    assert "briefing/py.typed" in names
    assert "briefing/quotes/lang/en/words.toml" in names  # the English pack's words, read by every quote run

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    _see_dependencies_of_this_interpreter(python)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, env=env, capture_output=True
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    probe = subprocess.run(
        [str(python), "-c", "import briefing.render as r; print(r.builtin_templates_dir())"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    )
    templates = Path(probe.stdout.strip())
    assert templates.is_relative_to(venv), templates  # the wheel's copy, not the checkout's
    out = work / "brief.md"
    result = subprocess.run(
        [str(venv / "bin" / "briefing"), "generate", str(EXAMPLES / "rates"), "-o", str(out)],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Bank of Estmark raises rates" in out.read_text(encoding="utf-8")


def _see_dependencies_of_this_interpreter(python: Path) -> None:
    """Let a new venv import the packages the tests run with, offline, without seeing this checkout.

    ``--system-site-packages`` would show the base interpreter's packages, which inside a virtual environment are
    not the ones installed for the tests. A ``.pth`` file of plain paths appends this interpreter's own
    site-packages after the new venv's; the ``.pth`` files in those folders are not processed, so an editable
    install of this checkout stays invisible and the wheel is what gets imported.
    """
    inner = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    outer = dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(inner) / "_outer_site_packages.pth").write_text("".join(f"{path}\n" for path in outer), encoding="utf-8")
