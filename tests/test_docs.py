"""The docs cover every setting, command, option, template variable and filter."""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import models
from briefing.cli import build_parser
from briefing.config import field_help
from briefing.render.environment import FILTERS
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name, help_text in field_help().items():
        assert f"| `{name}` |" in text, name
        assert f"BRIEFING_{name.upper()}" in text, name
        assert help_text, f"{name} has no help text"


def _commands(
    parser: argparse.ArgumentParser, prefix: str = "briefing"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command that does something, with its full name ("briefing eval quotes")."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _commands(sub, f"{prefix} {name}")
                else:
                    yield f"{prefix} {name}", sub


def test_every_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = dict(_commands(build_parser()))
    assert "briefing eval quotes" in commands
    for name, sub in commands.items():
        assert f"## `{name}" in text, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag not in ("--help", "--quiet", "--verbose"):
                    assert f"`{flag}" in text or f"{flag}`" in text or f" {flag} " in text, f"{name} {flag}"


@pytest.mark.parametrize(
    ("model", "prefix"),
    [
        (models.Brief, "brief"),
        (models.Story, "story"),
        (models.Article, "article"),
        (models.Summary, "summary"),
        (models.Sentence, "sentence"),
        (models.Quote, "quote"),
        (models.Speaker, "speaker"),
        (models.AnalystView, "view"),
        (models.SkippedInput, "skipped"),
        (models.SourceHealth, "health"),
    ],
)
def test_every_model_field_is_in_the_template_reference(model: type, prefix: str) -> None:
    text = (DOCS / "templates.md").read_text(encoding="utf-8")
    names = [f.name for f in dataclasses.fields(model)]
    names += [n for n, v in vars(model).items() if isinstance(v, property) and not n.startswith("_")]
    for name in names:
        assert re.search(rf"`{prefix}\.{name}\b", text), f"{prefix}.{name} is not documented"


def test_every_filter_is_documented() -> None:
    text = (DOCS / "templates.md").read_text(encoding="utf-8")
    for name in FILTERS:
        assert f"| `{name}` |" in text, name


def test_every_template_global_and_output_format_is_documented() -> None:
    from briefing.render.environment import make_environment

    text = (DOCS / "templates.md").read_text(encoding="utf-8")
    ours = set(make_environment().globals) - set(jinja2_defaults())
    assert ours >= {"asset", "version"}
    for name in ours:
        assert f"| `{name}" in text, name
    for fmt in ("pdf", "html", "email", "md", "text"):
        assert f'`"{fmt}"`' in text, fmt


def jinja2_defaults() -> dict[str, object]:
    import jinja2

    return dict(jinja2.Environment().globals)


def test_every_template_file_is_documented() -> None:
    text = (DOCS / "templates.md").read_text(encoding="utf-8")
    for path in (ROOT / "templates").iterdir():
        assert f"`{path.name}`" in text, path.name


def test_every_schedule_field_and_mail_setting_is_documented() -> None:
    from briefing.deliver import smtp
    from briefing.schedule import spec

    text = (DOCS / "schedules.md").read_text(encoding="utf-8")
    for name in spec._FIELDS:
        assert f"| `{name}` |" in text, name
    for name in spec._EMAIL_FIELDS:
        assert f"| `email.{name}` |" in text, name
    variables = set(re.findall(r"BRIEFING_SMTP_[A-Z]+", smtp.__doc__ or ""))
    assert len(variables) >= 9
    for name in variables:
        assert f"| `{name}` |" in text, name
    assert "[Service]" in text and "ExecStart=" in text and "briefing schedule run" in text


def test_the_example_schedules_are_valid() -> None:
    from briefing.schedule.spec import load_folder

    specs, problems = load_folder(ROOT / "schedules")
    assert problems == []
    assert {s.name for s in specs} >= {"example-morning", "port-strike-watch"}


def test_every_defence_in_security_md_names_tests_that_exist() -> None:
    """SECURITY.md lists each defence next to the tests that prove it: every one named must exist."""
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line and "::" in line]
    defences = text.split("## Defences", 1)[1].split("\n## ", 1)[0]
    table = [line for line in defences.splitlines() if line.startswith("| ") and not line.startswith("| ---")][1:]
    assert len(table) >= 15
    for row in table:
        assert "::" in row.rsplit("|", 2)[-2], f"a defence without a test: {row[:80]}"
    named = 0
    reference = re.compile(r"`(?:tests/)?(test_\w+\.py)?::(test_\w+)(?:\[([\w-]+)\])?`|`\[([\w-]+)\]`")
    for row in rows:
        file: str | None = None
        source = ""
        for m in reference.finditer(row):
            if m.group(2):  # [file]::name[case]; a name alone is in the file named before it
                file = m.group(1) or file
                assert file, f"{m.group(2)} names no file: {row[:80]}"
                source = (ROOT / "tests" / file).read_text(encoding="utf-8")
                assert re.search(rf"^def {m.group(2)}\(", source, re.MULTILINE), (
                    f"tests/{file}::{m.group(2)} is missing"
                )
                named += 1
            case = m.group(3) or m.group(4)  # a case of the test named last: `[case]`
            if case:
                assert f'"{case}"' in source, f"tests/{file}: no case {case!r}"
    assert named >= 40


def _readme_commands() -> list[str]:
    """The README's set-up commands: the one-line ``sh`` blocks of its "Set up" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", setup, re.DOTALL)]


def test_ci_runs_the_readmes_commands_in_a_fresh_virtual_environment() -> None:
    """CI runs the test command exactly as written, as users do: inside a venv it has just made."""
    install_and_demo, install_and_test = _readme_commands()
    demo = "pip install . && briefing generate examples/en --people examples/people.toml -o "
    assert install_and_demo.startswith(demo)
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    made = next(i for i, line in enumerate(lines) if re.match(r"python3? -m venv ", line))
    activated = next(i for i, line in enumerate(lines) if re.match(r"\. \S*/bin/activate\"?$", line))
    tested = lines.index(install_and_test)
    assert made < activated < tested
    assert any(line.startswith(demo.removeprefix("pip install . && ")) for line in lines[tested:])


def test_the_schedules_folder_readme_is_true() -> None:
    """Every command it shows exists, every file it links is there, and it names every example."""
    from briefing.cli import build_parser

    text = (ROOT / "schedules" / "README.md").read_text(encoding="utf-8")
    assert "not part of this version" not in text
    parser = build_parser()
    actions = dict(_commands(parser))
    shown = re.findall(r"^briefing (schedule \w+)", text, re.MULTILINE)
    assert len(shown) >= 4
    for command in shown:
        assert f"briefing {command}" in actions, command
    for target in re.findall(r"\]\(([^)#]+)", text):
        assert (ROOT / "schedules" / target).exists(), target
    for example in (ROOT / "schedules").glob("*.toml"):
        assert f"({example.name})" in text, example.name


def _fenced_blocks(lines: list[str]) -> list[str]:
    """The text of each fenced code block in ``lines``."""
    blocks: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


@pytest.mark.parametrize(
    ("name", "command"),
    [("performance.md", "python bench/suite.py"), ("evaluation.md", "briefing eval ")],
)
def test_figures_and_their_command_come_first(name: str, command: str) -> None:
    """A reader sees the current figures and how to reproduce them on the first screen; the record of
    earlier runs is an appendix of its own, linked both ways."""
    text = (DOCS / name).read_text(encoding="utf-8")
    first = text.splitlines()[:40]
    assert any(line.startswith("| ---") for line in first), f"{name}: no table in the first 40 lines"
    assert sum(line.startswith("| ") for line in first) >= 8, f"{name}: the first table is too short"
    assert any(command in block for block in _fenced_blocks(first)), f"{name}: no `{command}` block in 40 lines"
    assert f"](history/{name})" in text, f"{name} does not link to its history"
    history = (DOCS / "history" / name).read_text(encoding="utf-8")
    assert f"](../{name})" in "\n".join(history.splitlines()[:5]), f"history/{name} does not link back at once"
    # what moved out stays out: the first screen is not a log of rounds
    assert "What changed since" not in text and "The seventh round:" not in text


def _anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _outside_code(text: str) -> str:
    """``text`` without fenced blocks and inline code spans, where ``[x](y)`` is no link."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", text)


def _anchors(path: Path) -> set[str]:
    text = _outside_code(path.read_text(encoding="utf-8"))
    return {_anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def test_every_relative_link_in_the_docs_resolves() -> None:
    """Every relative link in README.md and docs/ names a file that exists, and an anchor names a heading."""
    pages = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
    checked = 0
    for page in pages:
        for m in re.finditer(r"\]\(([^)\s]+)\)", _outside_code(page.read_text(encoding="utf-8"))):
            target = m.group(1)
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                continue
            file, _, anchor = target.partition("#")
            dest = (page.parent / file).resolve() if file else page
            where = f"{page.relative_to(ROOT)}: {target}"
            assert dest.exists(), f"{where} points to no file"
            if anchor and dest.suffix == ".md":
                assert anchor in _anchors(dest), f"{where}: no such heading"
            checked += 1
    assert checked >= 20
