"""``briefing templates list|init|check``: which template wins, a starter folder, and a check of every template.

:func:`check_templates` renders every output (PDF page, HTML page, email, Markdown, text)
against the brief it is given (the command gives it :func:`briefing.sample.sample_brief`)
and also compiles every template file in the user's folders, so an error anywhere — a
misspelt variable, an unknown filter, a syntax error, a block the extended template does
not have — is reported as ``file:line: message`` before a scheduled brief meets it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from briefing.errors import ConfigError, TemplateError
from briefing.models import Brief
from briefing.render.environment import builtin_templates_dir, make_environment

__all__ = ["TemplateEntry", "TemplateProblem", "check_templates", "init_templates", "list_templates"]

_TEMPLATE_SUFFIXES = (".html", ".htm", ".css", ".md", ".txt", ".xml")
_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)")
_EXTENDS = re.compile(r"""{%-?\s*extends\s+["']([^"']+)["']""")

_README = """# House templates for briefing

This folder was made by `briefing templates init`. Pass it to briefing and it is searched before the built-in
templates, file by file:

    briefing generate articles/ -o brief.pdf --templates {folder}
    briefing preview articles/ --templates {folder}        # see every change in the browser as you save

{contents}
Check your changes with `briefing templates check {folder}`: it renders everything against a sample brief and reports
errors as file:line. `briefing templates list --templates {folder}` shows which file wins. Every variable and filter
is listed in docs/templates.md.
"""

_MINIMAL = """What is here:

- theme.css — colours, fonts, page size (A4 or letter), margins, the cover on or off, the logo's height.
- logo.example.svg — a stand-in: put your logo here as logo.svg or logo.png and it appears on the cover (PDF, HTML
  and email). Rename this one to logo.svg to see where it goes.

Every other template is the built-in one, so you keep getting its fixes. To change one part of a page, add a file
of the same name here that extends the built-in and replaces only its blocks (those of brief.html: style, cover,
overview, toc, stories, analysts, sources, footer):

    {% extends "default:brief.html" %}
    {% block footer %}<footer class="colophon">Policy Unit — not for circulation</footer>{% endblock %}

To start from a copy of every template instead, run `briefing templates init --all NEWDIR`.
"""

_ALL = """Delete the files you do not change: a file missing here falls back to the built-in one, so you keep getting
its fixes. To change one part of a page, extend the built-in instead of copying it:

    {% extends "default:brief.html" %}
    {% block footer %}<footer class="colophon">Policy Unit — not for circulation</footer>{% endblock %}

What to edit:

- theme.css — colours, fonts, page size (A4 or letter), margins, the cover on or off, the logo's height.
- logo.example.svg — a stand-in: put your logo here as logo.svg or logo.png and it appears on the cover (PDF, HTML
  and email). Rename this one to logo.svg to see where it goes.
- brief.css — the layout, for deeper changes.
- brief.html — the page: blocks style, cover, overview, toc, stories, analysts, sources, footer.
- _cover.html, _overview.html, _toc.html, _story.html, _quote.html, _analysts.html, _sources.html,
  _health_row.html — one part each.
- brief.md and brief.txt — the Markdown output and the plain-text part of the email.
"""

#: the stand-in logo ``templates init`` writes (unused until it is named logo.svg)
_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">
  <rect x="1" y="1" width="238" height="58" fill="none" stroke="#8a1c1c" stroke-width="2" stroke-dasharray="6 4"/>
  <text x="120" y="37" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#8a1c1c">YOUR LOGO</text>
</svg>
"""


@dataclass(frozen=True, slots=True)
class TemplateEntry:
    """One template name, the folder it is taken from, and the folders whose copy it hides."""

    name: str
    used: Path
    hidden: tuple[Path, ...]

    @property
    def overridden(self) -> bool:
        """Whether a user folder replaces the built-in file."""
        return bool(self.hidden)


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """An error in one template: ``file:line: message``."""

    filename: str
    lineno: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.filename}:{self.lineno}" if self.lineno else self.filename
        return f"{where}: {self.message}"


def _files(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in _TEMPLATE_SUFFIXES
        and not p.name.startswith(".")
        and p.name.lower() != "readme.md"
    )


def list_templates(user_dirs: Sequence[Path] = ()) -> list[TemplateEntry]:
    """Every template name in the built-ins and the user folders, with the folder that wins."""
    builtin = builtin_templates_dir()
    dirs = [Path(d) for d in user_dirs] + [builtin]
    names = sorted({name for d in dirs if d.is_dir() for name in _files(d)})
    entries = []
    for name in names:
        having = [d for d in dirs if (d / name).is_file()]
        entries.append(TemplateEntry(name=name, used=having[0], hidden=tuple(having[1:])))
    return entries


def init_templates(folder: Path, *, force: bool = False, copy_all: bool = False) -> list[Path]:
    """Start a template folder; returns the files written.

    It holds what a house style changes — ``theme.css``, a stand-in logo and a README on what to edit and how to
    extend a built-in template — and, with ``copy_all``, a copy of every built-in template.

    Raises:
        ConfigError: ``folder`` exists and is not empty (unless ``force``).
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not force:
        raise ConfigError(
            f"{folder} is not empty", field="folder", hint="choose a new folder, or add --force to overwrite"
        )
    builtin = builtin_templates_dir()
    written = []
    for name in _files(builtin) if copy_all else ["theme.css"]:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(builtin / name, target)
        written.append(target)
    for name, text in (
        ("logo.example.svg", _LOGO),
        ("README.md", _README.format(folder=folder, contents=_ALL if copy_all else _MINIMAL)),
    ):
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def check_templates(brief: Brief, user_dirs: Sequence[Path] = ()) -> list[TemplateProblem]:
    """Render every output against ``brief`` (a sample brief) and compile every user template; the problems found."""
    from briefing.render import render_html, render_markdown
    from briefing.render.email import render_email_html, render_email_text

    problems: list[TemplateProblem] = []
    env = make_environment(user_dirs)
    for folder in user_dirs:
        for name in _files(Path(folder)):
            if not name.endswith((".html", ".htm", ".md", ".txt", ".xml")):
                continue
            problems.extend(_compile(env, Path(folder), name))
    renders: tuple[tuple[str, Callable[[], str]], ...] = (
        ("the PDF page", lambda: render_html(brief, user_dirs, for_print=True)),
        ("the HTML page", lambda: render_html(brief, user_dirs)),
        ("the email", lambda: render_email_html(brief, user_dirs)),
        ("the email's text", lambda: render_email_text(brief, user_dirs)),
        ("the Markdown", lambda: render_markdown(brief, user_dirs)),
    )
    seen = {str(p) for p in problems}
    for what, make in renders:
        try:
            make()
        except TemplateError as exc:
            problem = TemplateProblem(exc.filename or what, exc.lineno, _message(exc, what))
            if str(problem) not in seen and not any(
                p.filename == problem.filename and p.lineno == problem.lineno for p in problems
            ):
                seen.add(str(problem))
                problems.append(problem)
        except Exception as exc:  # a CSS the inliner cannot read, and the like
            problems.append(TemplateProblem(what, None, str(exc)))
    return problems


def _message(exc: TemplateError, what: str) -> str:
    text = str(exc)
    location = f"{exc.filename}:{exc.lineno}: " if exc.filename and exc.lineno else f"{exc.filename}: "
    return f"{text.removeprefix(location)} (rendering {what})"


def _compile(env: jinja2.Environment, folder: Path, name: str) -> list[TemplateProblem]:
    path = folder / name
    source = path.read_text(encoding="utf-8", errors="replace")
    try:
        env.compile(source, name=name, filename=str(path))  # also finds unknown filters and tests
    except jinja2.TemplateSyntaxError as exc:
        return [TemplateProblem(str(path), exc.lineno, exc.message or "syntax error")]
    parent = _EXTENDS.search(source)
    if parent is None:
        return []
    try:
        parent_source = env.loader.get_source(env, parent.group(1))[0] if env.loader else ""
    except jinja2.TemplateNotFound:
        return [TemplateProblem(str(path), _line(source, parent.start()), f"extends {parent.group(1)!r}, not found")]
    known = set(_BLOCK.findall(parent_source))
    problems = []
    for match in _BLOCK.finditer(source):
        if match.group(1) not in known:
            problems.append(
                TemplateProblem(
                    str(path),
                    _line(source, match.start()),
                    f"block {match.group(1)!r} is not in {parent.group(1)} (its blocks: {', '.join(sorted(known))})",
                )
            )
    return problems


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1
