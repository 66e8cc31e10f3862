"""The ``briefing`` command line.

This is the only module that turns a :class:`~briefing.errors.BriefingError` into text
for people: one line saying what went wrong, one line of hint, and an exit code —
0 success (warnings allowed), 1 the run failed, 2 bad usage or configuration.
Heavy libraries are imported inside the commands, so ``briefing --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from briefing import __version__
from briefing.errors import BriefingError, ConfigError

if TYPE_CHECKING:
    from briefing.config import BriefConfig
    from briefing.models import Article, Quote
    from briefing.progress import Progress

__all__ = ["main"]

log = logging.getLogger("briefing")

_FORMAT_CHOICES = ("pdf", "html", "md", "json")
_ALGORITHMS = "news (default), lead, lexrank, textrank, lsa, luhn, sumbasic, kl, reduction, edmundson, sumy-NAME"


class _Formatter(logging.Formatter):
    def __init__(self, *, timestamps: bool = False) -> None:
        super().__init__()
        self.timestamps = timestamps

    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        when = f"{self.formatTime(record, '%Y-%m-%d %H:%M:%S')} " if self.timestamps else ""
        return f"{when}{level}{record.getMessage()}"


@contextlib.contextmanager
def _logging_to(
    stream: TextIO, verbosity: int, *, timestamps: bool = False, libraries: Sequence[str] = ()
) -> Iterator[None]:
    """Send briefing's log to ``stream`` for one run, and put everything back afterwards.

    ``libraries``: loggers of libraries whose warnings and errors are shown too, one line each, as ours
    (the queue's procrastinate and psycopg, which would otherwise print tracebacks through Python's last resort).
    """
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_Formatter(timestamps=timestamps))
    root = logging.getLogger("briefing")
    saved = (root.level, root.propagate)
    root.addHandler(handler)
    root.setLevel({-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG))
    root.propagate = False
    shown = [logging.getLogger(name) for name in libraries]
    shown_saved = [(logger.level, logger.propagate) for logger in shown]
    for logger in shown:
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING if verbosity < 2 else logging.DEBUG)
        logger.propagate = False
    # WeasyPrint and fontTools are chatty about fonts and CSS; only their errors matter to a reader
    noisy = [logging.getLogger(name) for name in ("weasyprint", "fontTools", "trafilatura", "htmldate")]
    noisy_levels = [logger.level for logger in noisy]
    for logger in noisy:
        logger.setLevel(logging.ERROR if verbosity < 2 else logging.DEBUG)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(saved[0])
        root.propagate = saved[1]
        for logger, level in zip(noisy, noisy_levels, strict=True):
            logger.setLevel(level)
        for logger, (level, propagate) in zip(shown, shown_saved, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


class _Parser(argparse.ArgumentParser):
    """argparse, with "did you mean" for a misspelt choice and a sub-command's own usage for an unknown option."""

    _top = False  # the top-level parser; sub-commands' parsers are made by argparse with this class

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is not None and value not in choices:
            names = [str(c) for c in choices]
            close = difflib.get_close_matches(str(value), names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (choose from {', '.join(map(repr, names))})"
            what = "command" if isinstance(action, argparse._SubParsersAction) else "choice"
            raise argparse.ArgumentError(action, f"unknown {what} {value!r}{hint}")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and not self._top:
            # a sub-command reports what it does not know with its own usage, not the top-level one
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output messages")
    group.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    group.add_argument("-v", "--verbose", action="count", default=0, help="say more (-vv for debugging)")


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file (TOML, a [generate] table; default: ./briefing.toml, else the user's, "
        "e.g. ~/.config/briefing/briefing.toml)",
    )


def _words(value: str) -> list[str]:
    """One --keyword value: a word or phrase, or several separated by commas."""
    return [word.strip() for word in value.split(",") if word.strip()]


_LANGUAGE_CODES = "en, ru, de, fr, uk, be, pl, cs, es, it, pt, nl"


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        type=str.lower,
        metavar="LANG",
        help=f"the language of every article ({_LANGUAGE_CODES}), over what its file says or its words tell "
        "(default: each article's own)",
    )


def _people_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--people",
        action="append",
        type=Path,
        metavar="FILE",
        help="a people file: who people are, over what articles imply (repeatable; the first that names a "
        "person wins; docs/people.md)",
    )


def _brief_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--brief-language",
        type=str.lower,
        metavar="LANG",
        help="the language of the brief's labels and dates: en, ru, de or fr (default: the one most articles are in)",
    )


def _inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files (.txt .md .html .json .jsonl .eml), folders (searched recursively), RSS/Atom feeds "
        "(files or URLs), web page URLs, inbox:FOLDER (files briefed once, then moved aside) or - for stdin",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command (also used to document the command line)."""
    parser = _Parser(
        prog="briefing",
        description="Turn news articles into a brief: traceable summaries, key quotes with speakers, "
        "analyst views and sources, as PDF, HTML, Markdown or JSON. Works offline.",
        epilog="Run 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    # -q, -v and --config are taken before the command too (`briefing -v generate …`); the command's own win
    parser.add_argument("-q", "--quiet", dest="global_quiet", action="store_true", help="print only errors")
    parser.add_argument(
        "-v", "--verbose", dest="global_verbose", action="count", default=0, help="say more (-vv for debugging)"
    )
    parser.add_argument("--config", dest="global_config", type=Path, metavar="FILE", help="settings file (TOML)")
    parser._top = True
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gen = commands.add_parser(
        "generate",
        help="build a brief from articles and write it as PDF, HTML, Markdown or JSON",
        description="Build a brief from articles and write it. The format comes from the output's suffix "
        "unless --format is given.",
    )
    _inputs(gen)
    gen.add_argument(
        "-o", "--output", required=True, type=Path, metavar="OUT", help="file to write ('-': standard output)"
    )
    gen.add_argument("--format", choices=_FORMAT_CHOICES, help="output format (default: from OUT's suffix)")
    gen.add_argument("--title", help="the brief's title (default: 'News brief')")
    gen.add_argument("--algorithm", metavar="NAME", help=f"summarization algorithm: {_ALGORITHMS}")
    gen.add_argument("--summary-sentences", type=int, metavar="N", help="sentences in each story's summary (default 3)")
    gen.add_argument(
        "--templates",
        action="append",
        type=Path,
        metavar="DIR",
        help="template folder searched before the built-ins (repeatable; first wins)",
    )
    _people_option(gen)
    gen.add_argument(
        "--max-stories",
        type=int,
        metavar="N",
        help="stories shown in full, the most important first; the rest as headlines under Also reported "
        "(default 25; 0: all in full)",
    )
    gen.add_argument(
        "--since",
        metavar="WHEN",
        help="keep only articles published since WHEN: a date or time (2026-11-24, 2026-11-24T18:00+01:00) "
        "or a span back from now (90m, 24h, 2d, 1w); undated articles are kept",
    )
    gen.add_argument(
        "--no-grouping",
        dest="group_stories",
        action="store_false",
        default=None,
        help="one story per article, instead of one story per event across outlets",
    )
    gen.add_argument(
        "--keyword",
        "--keywords",
        dest="keywords",
        action="extend",
        type=_words,
        metavar="WORD[,WORD...]",
        help="keep only articles mentioning one of these words or phrases (whole words; Syria* for any ending); "
        "repeat the option or separate them with commas",
    )
    gen.add_argument(
        "--exclude",
        action="extend",
        type=_words,
        metavar="WORD[,WORD...]",
        help="leave out articles mentioning any of these (repeat the option or separate them with commas)",
    )
    gen.add_argument(
        "--tagged-pdf",
        action="store_true",
        default=None,
        help="tag the PDF for screen readers and accessibility checks (structure, reading order, language)",
    )
    gen.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes analysing articles in runs of 200 or more (default 0: one per core; 1: this one only)",
    )
    _language_option(gen)
    _brief_language_option(gen)
    gen.add_argument("--dry-run", action="store_true", help="build the brief and report, but write nothing")
    _config_option(gen)
    gen.add_argument(
        "--fail-if-empty",
        action="store_true",
        help="exit 1 when inboxes and feeds have nothing new (default: say so, write nothing, exit 0)",
    )
    _common(gen)

    summ = commands.add_parser(
        "summarize",
        help="print an extractive summary of each article",
        description="Summarize each article on its own; sentences come out verbatim, in document order.",
    )
    _inputs(summ)
    summ.add_argument("--algorithm", metavar="NAME", help=f"summarization algorithm: {_ALGORITHMS}")
    summ.add_argument("--sentences", type=int, metavar="N", help="sentences per summary (default 3)")
    _language_option(summ)
    summ.add_argument(
        "--jsonl",
        action="store_true",
        help='one JSON object a line: {"id": ..., "summary": ["sentence", ...]}',
    )
    _config_option(summ)
    _common(summ)

    quo = commands.add_parser(
        "quotes",
        help="list the quotes in each article with their speakers",
        description="Find direct, mixed and indirect quotes, with speaker, role, organisation and type.",
    )
    _inputs(quo)
    _language_option(quo)
    _people_option(quo)
    fmt = quo.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON document for all articles")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object a line, one line an article")
    _common(quo)

    ev = commands.add_parser(
        "eval",
        help="measure quality against annotated data",
        description="Measure briefing against hand-annotated articles and print the figures.",
    )
    targets = ev.add_subparsers(dest="target", metavar="WHAT", required=True)
    evq = targets.add_parser(
        "quotes",
        help="score quote extraction and speakers against gold quotes",
        description="Run the quote extractor over the articles of a gold file and score it: quote-span "
        "precision, recall and F1 at a token-overlap threshold, speaker accuracy, speaker types and analyst "
        "views. The figures follow the definitions of the project's evaluation kit (see docs/evaluation.md).",
    )
    evq.add_argument(
        "gold",
        type=Path,
        metavar="GOLD",
        help='gold quotes: JSONL, one {"doc_id", "text", "quotes": [...]} a line, or a JSON document or list',
    )
    evq.add_argument(
        "--kinds",
        default="",
        metavar="LIST",
        help="score only these kinds, comma-separated: direct, mixed, indirect (default: all)",
    )
    evq.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        metavar="X",
        help="token overlap for a predicted quote to match a gold one, 0 to 1 (default 0.5)",
    )
    evq.add_argument("--json", action="store_true", help="print the figures as JSON")
    evq.add_argument("--predictions", type=Path, metavar="FILE", help="also write the predictions as JSONL to FILE")
    evq.add_argument("--show-errors", type=int, default=0, metavar="N", help="list up to N misses and mistakes")
    evq.add_argument(
        "--by-rule",
        action="store_true",
        help="also each rule's quotes, precision and share right, and how well the quotes' confidence holds",
    )
    evq.add_argument(
        "--calibrate",
        type=Path,
        metavar="FILE",
        help="write the rules' confidence table (TOML) measured on GOLD to FILE (implies --by-rule)",
    )
    _common(evq)
    evm = targets.add_parser(
        "summaries",
        help="score summarizers with ROUGE against reference summaries",
        description="Summarize every article of a dataset with each algorithm and score it against the "
        "reference summary: ROUGE-1, ROUGE-2 and ROUGE-L F1 (rouge-score, stemming on), and the time per "
        "article. DATASET is a JSONL file of {id, text, summary} records (title optional) or the BBC News "
        "Summary folder. Needs the eval extra: pip install 'briefing[eval]'.",
    )
    evm.add_argument("dataset", type=Path, metavar="DATASET", help="a JSONL file, or the BBC News Summary folder")
    evm.add_argument(
        "--algorithm",
        "-a",
        action="append",
        metavar="NAME",
        help="an algorithm to score; repeat for several (default: news, lead and every vectorized and sumy one)",
    )
    length = evm.add_mutually_exclusive_group()
    length.add_argument(
        "--sentences", type=int, default=3, metavar="N", help="summary length in sentences (default 3, LEAD-3)"
    )
    length.add_argument(
        "--match-reference", action="store_true", help="as many sentences as each reference summary has"
    )
    evm.add_argument("--limit", type=int, default=0, metavar="N", help="score only N documents")
    evm.add_argument("--seed", type=int, metavar="S", help="with --limit, a random sample drawn with this seed")
    evm.add_argument("--json", action="store_true", help="print the figures as JSON")
    _common(evm)
    evs = targets.add_parser(
        "stories",
        help="score story clustering against articles labelled by event",
        description="Group the articles of labelled folders into stories and score the grouping pair by pair "
        "(precision, recall, F1). Each FOLDER holds one sub-folder per event with its reports; a sub-folder "
        "named 'singletons' holds articles that are each an event of their own.",
    )
    evs.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="a folder of event folders")
    evs.add_argument(
        "--threshold", type=float, metavar="X", help="similarity for articles to share a story (default: as configured)"
    )
    evs.add_argument(
        "--story-threshold",
        type=float,
        metavar="X",
        help="likeness for the articles of a thread to be one story; 0: each thread is one story "
        "(default: as configured)",
    )
    evs.add_argument(
        "--set",
        dest="cluster_options",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="another setting of the story level, for experiments: lede_weight (0-1), same_days (days) or "
        "other_outlets (1 or 0)",
    )
    evs.add_argument(
        "--threads",
        action="store_true",
        help="score the threads instead of the stories: against the events, and against the sagas when a "
        "FOLDER has a sagas.json",
    )
    evs.add_argument(
        "--no-window", action="store_true", help="ignore publication dates (score the text similarity alone)"
    )
    evs.add_argument("--json", action="store_true", help="print the figures as JSON")
    _config_option(evs)
    _common(evs)
    _schedule_commands(commands)
    _queue_commands(commands)
    _template_commands(commands)
    _config_commands(commands)
    _people_commands(commands)
    return parser


def _config_commands(commands: Any) -> None:
    cfg = commands.add_parser(
        "config",
        help="show the settings in effect and where each comes from",
        description="Settings come from the defaults, a configuration file, BRIEFING_* environment variables and "
        "options, each overriding the one before (see docs/configuration.md).",
    )
    actions = cfg.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show",
        help="every setting's value and where it was set: default, FILE:LINE, environment or option",
        description="Print every setting's value and where it was set, and which configuration file was read.",
    )
    show.add_argument("--json", action="store_true", help="print the settings as JSON")
    _config_option(show)
    _common(show)


def _people_commands(commands: Any) -> None:
    ppl = commands.add_parser(
        "people",
        help="check people files; list or export what schedules learned of who people are",
        description="People files (TOML, docs/people.md) say who people are — name, aliases in other spellings "
        "and scripts, role, organisation, type — over what articles imply.",
    )
    actions = ppl.add_subparsers(dest="action", metavar="ACTION", required=True)
    chk = actions.add_parser(
        "check",
        help="report every problem of each people file as file:line",
        description="Read each people file and report every problem in it as file:line: message. Exit code 2 when any.",
    )
    chk.add_argument("files", nargs="+", type=Path, metavar="FILE", help="people files")
    _common(chk)
    listing = actions.add_parser(
        "list",
        help="who earlier briefs' articles said people are, as schedules remember it",
        description="The people schedules' briefs quoted, each with the description their articles gave most "
        "often (the latest among equals), how many articles gave it and the latest of them. A later brief uses it "
        "for a person no people file and none of its own articles describes (docs/people.md).",
    )
    export = actions.add_parser(
        "export",
        help="write what schedules remember of people as a people file to edit and give back",
        description="Write the people schedules remember as a people file (TOML): edit what is wrong, delete whom "
        "you do not want, and give it back with --people, where it wins over articles and memory alike.",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the file here (default: stdout)")
    listing.add_argument("--json", action="store_true", help="one JSON object a line")
    for p in (listing, export):
        p.add_argument(
            "--max-age",
            metavar="DURATION",
            help="only descriptions seen within this long, like 90d (default: all remembered)",
        )
        p.add_argument(
            "--state",
            type=Path,
            metavar="DIR",
            help="the schedules' state folder (default: $BRIEFING_STATE_DIR, else the user's data folder)",
        )
        p.add_argument(
            "--database",
            metavar="URL",
            help="the state's database URL instead of STATE/state.sqlite (default: $BRIEFING_DATABASE_URL)",
        )
        _common(p)


def _template_commands(commands: Any) -> None:
    tpl = commands.add_parser(
        "templates",
        help="list, copy and check the templates the brief is rendered from",
        description="The brief's templates: which file wins, a starter folder of your own, and a check of them all.",
    )
    actions = tpl.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="every template, the folder it comes from, and what it overrides")
    lst.add_argument(
        "--templates", action="append", type=Path, metavar="DIR", help="a template folder of yours (repeatable)"
    )
    _common(lst)
    ini = actions.add_parser(
        "init", help="start a template folder DIR: theme.css, a logo slot and a README on what to edit and extend"
    )
    ini.add_argument("folder", type=Path, metavar="DIR", help="the folder to create")
    ini.add_argument("--all", action="store_true", dest="copy_all", help="also copy every built-in template")
    ini.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")
    _common(ini)
    chk = actions.add_parser(
        "check",
        help="render every template against a sample brief and report errors as file:line",
        description="Compile every template in DIR and render the PDF page, HTML page, email, email text and "
        "Markdown against a sample brief; each error is printed as file:line: message. Exit code 1 when any.",
    )
    chk.add_argument("folders", nargs="*", type=Path, metavar="DIR", help="your template folders (default: none)")
    _common(chk)

    pre = commands.add_parser(
        "preview",
        help="show the brief in the browser, reloading as templates and articles change",
        description="Serve the brief as HTML, PDF and email on a local address and reload the page whenever a "
        "template, its CSS or an input file changes. Template errors are shown in the page.",
    )
    _inputs(pre)
    pre.add_argument(
        "--templates", action="append", type=Path, metavar="DIR", help="a template folder of yours (repeatable)"
    )
    pre.add_argument("--title", help="the brief's title")
    _people_option(pre)
    _language_option(pre)
    _brief_language_option(pre)
    _config_option(pre)
    pre.add_argument("--port", type=int, default=8000, metavar="N", help="port to listen on (default 8000; 0: any)")
    pre.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default 127.0.0.1: this machine only; the preview has no access control)",
    )
    _common(pre)


def _schedule_commands(commands: Any) -> None:
    sch = commands.add_parser(
        "schedule",
        help="briefs on a schedule: check, list, run the scheduler, run one now, show past runs",
        description="Scheduled briefs: one TOML file per brief in a schedules folder (see docs/schedules.md).",
    )
    actions = sch.add_subparsers(dest="action", metavar="ACTION", required=True)

    def folders(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--schedules",
            type=Path,
            default=Path("schedules"),
            metavar="DIR",
            help="the folder of schedule files (default: ./schedules)",
        )
        p.add_argument(
            "--state",
            type=Path,
            metavar="DIR",
            help="where runs, briefed articles, queued emails and the job store are kept "
            "(default: $BRIEFING_STATE_DIR, else the user's data folder, e.g. ~/.local/share/briefing)",
        )
        p.add_argument(
            "--database",
            metavar="URL",
            help="an SQLAlchemy database URL for the state instead of STATE/state.sqlite "
            "(default: $BRIEFING_DATABASE_URL), e.g. postgresql+psycopg://user@host/briefing",
        )
        _common(p)

    folders(actions.add_parser("validate", help="check every schedule file and report each problem"))
    folders(actions.add_parser("list", help="each schedule with its next run time, in its timezone, and its last run"))
    run = actions.add_parser(
        "run",
        help="run the scheduler until stopped (SIGTERM or Ctrl-C)",
        description="Run every schedule on time. Schedule files added, changed or removed are picked up while "
        "running; runs missed while stopped are run once at start-up if within the grace time.",
    )
    folders(run)
    run.add_argument(
        "--grace",
        default="1h",
        metavar="SPAN",
        help="how late a run may start and still happen, e.g. 10m, 1h (default 1h; a schedule's grace overrides it)",
    )
    run.add_argument(
        "--reload-every", default="5s", metavar="SPAN", help="how often to look for changed schedule files (default 5s)"
    )
    run.add_argument(
        "--executor",
        choices=("local", "queue"),
        default="local",
        help="local (default): run the briefs here; queue: be a clock of the queue in the PostgreSQL --database, "
        "enqueuing each due run for `briefing worker` (docs/scaling.md)",
    )
    run.add_argument(
        "--fetch-every",
        default="15m",
        metavar="SPAN",
        help="with --executor queue: how often each feed the schedules name is checked, once for all of them "
        "(default 15m; an `every` schedule naming it more often checks it as often)",
    )
    trig = actions.add_parser("trigger", help="run one schedule now, in the foreground, exactly as the scheduler would")
    trig.add_argument("name", metavar="NAME", help="the schedule (its file name without .toml)")
    folders(trig)
    hist = actions.add_parser("history", help="past runs with their outcome, outputs and deliveries")
    hist.add_argument("name", nargs="?", metavar="NAME", help="only this schedule")
    hist.add_argument("--limit", type=int, default=20, metavar="N", help="show the last N runs (default 20)")
    hist.add_argument("--json", action="store_true", help="print the runs as JSON")
    folders(hist)


def _queue_commands(commands: Any) -> None:
    def database(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--database",
            metavar="URL",
            help="the queue's PostgreSQL database (default: $BRIEFING_DATABASE_URL), "
            "e.g. postgresql+psycopg://user@host/briefing",
        )

    que = commands.add_parser(
        "queue",
        help="the queue of scheduled runs in PostgreSQL, for workers on many machines",
        description="Scheduled runs as jobs in a PostgreSQL database, run by `briefing worker` on any number of "
        "machines (needs the queue extra: pip install 'briefing[queue]'; see docs/scaling.md).",
    )
    actions = que.add_subparsers(dest="action", metavar="ACTION", required=True)
    ini = actions.add_parser(
        "init",
        help="create the queue's tables in the database (once; again says they are there)",
        description="Create procrastinate's tables, the due runs' table and the schedules' state tables in the "
        "PostgreSQL database. Run again, it says the queue is there already and exits 0.",
    )
    database(ini)
    _common(ini)

    wrk = commands.add_parser(
        "worker",
        help="run the queue's jobs (scheduled runs) until stopped (SIGTERM or Ctrl-C)",
        description="Take scheduled runs from the queue in the PostgreSQL database and run them, as "
        "`briefing schedule trigger` would, until SIGTERM or Ctrl-C; the runs in hand are finished first. "
        "Start any number, on any machine that sees the schedules' sources and output folders (docs/scaling.md).",
    )
    database(wrk)
    wrk.add_argument(
        "--state",
        type=Path,
        metavar="DIR",
        help="this machine's state folder: run locks and emails waiting to be sent "
        "(default: $BRIEFING_STATE_DIR, else the user's data folder)",
    )
    wrk.add_argument(
        "--schedules",
        type=Path,
        metavar="DIR",
        help="read schedule files from DIR instead of the folder the clock recorded in each job",
    )
    wrk.add_argument("--concurrency", type=int, default=1, metavar="N", help="runs at once (default 1)")
    wrk.add_argument("--name", metavar="NAME", help="the worker's name in the history (default: HOST:PID)")
    wrk.add_argument(
        "--machine",
        metavar="HOST",
        help="also run the jobs pinned to HOST (a schedule's machine key; an inbox schedule's clock) "
        "(default: this machine's host name)",
    )
    wrk.add_argument(
        "--heartbeat",
        default="10s",
        metavar="SPAN",
        help="how often the worker tells the database it is alive and looks for workers that stopped (default 10s)",
    )
    wrk.add_argument(
        "--stalled-after",
        default="1m",
        metavar="SPAN",
        help="a worker silent this long has its jobs put back in the queue (default 1m; give every worker the "
        "same, at least three heartbeats)",
    )
    wrk.add_argument(
        "--host-gap",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="the least time between the starts of two requests to one host, from any worker (default 1; give "
        "every worker the same)",
    )
    _common(wrk)


def _outlets(known: int, unknown: int) -> str:
    """How many outlets the articles came from, as the brief's cover counts them."""
    if not known and unknown:
        return "unknown outlets"
    counted = f"{known} {'source' if known == 1 else 'sources'}"
    return counted + (f" ({unknown} of them from unknown outlets)" if unknown else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    args.quiet = getattr(args, "quiet", False) or args.global_quiet
    args.verbose = getattr(args, "verbose", 0) + args.global_verbose
    if not hasattr(args, "config") and args.global_config is not None:
        # a file given to a command that never reads one would be ignored without a word
        parser.error(f"'briefing {args.command}' reads no configuration file: leave out --config")
    if getattr(args, "config", None) is None:
        args.config = args.global_config
    verbosity = -1 if args.quiet else args.verbose
    daemon = (args.command == "schedule" and args.action == "run") or args.command == "worker"
    if daemon and not args.quiet:
        verbosity = max(verbosity, 1)  # the scheduler logs each run, with the time, unless told to be quiet
    queue = args.command == "worker" or (daemon and getattr(args, "executor", "local") == "queue")
    libraries = ("procrastinate", "psycopg") if queue else ()
    with _logging_to(sys.stderr, verbosity, timestamps=daemon, libraries=libraries):
        return _run(parser, args)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.command == "generate":
            return _generate(args)
        if args.command == "summarize":
            return _summarize(args)
        if args.command == "quotes":
            return _quotes(args)
        if args.command == "eval":
            handlers = {"stories": _eval_stories, "summaries": _eval_summaries, "quotes": _eval_quotes}
            return handlers[args.target](args)
        if args.command == "templates":
            return _templates(args)
        if args.command == "preview":
            return _preview(args)
        if args.command == "config":
            return _config_show(args)
        if args.command == "people":
            return _people_check(args) if args.action == "check" else _people_memory(args)
        if args.command == "schedule":
            from briefing.schedule.commands import run_command

            return run_command(args)
        if args.command == "queue":
            from briefing.queue.commands import init_command

            return init_command(args)
        if args.command == "worker":
            from briefing.queue.commands import worker_command

            return worker_command(args)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.verbose:
            raise
        print(f"error: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("hint: run again with -v for the traceback, and report it", file=sys.stderr)
        return 1
    parser.error(f"unknown command {args.command!r}")


def _output_format(out: Path, given: str | None) -> str:
    from briefing.pipeline import STDOUT

    if given:
        return given
    if str(out) == STDOUT:
        raise ConfigError(
            "writing the brief to standard output (-o -) needs its format",
            field="format",
            hint=f"add --format ({', '.join(_FORMAT_CHOICES)})",
        )
    suffix = out.suffix.lower()
    for name, suffixes in _suffixes().items():
        if suffix in suffixes:
            return name
    raise ConfigError(
        f"cannot tell the output format from {str(out)!r}",
        field="format",
        hint=f"name the file .pdf, .html, .md or .json, or add --format ({', '.join(_FORMAT_CHOICES)})",
    )


def _suffixes() -> dict[str, tuple[str, ...]]:
    from briefing.config import FORMATS

    return FORMATS


def _settings(args: argparse.Namespace, overrides: dict[str, Any]) -> BriefConfig:
    """The settings of this run: the defaults, the configuration file, the environment, then ``overrides``."""
    from briefing.config import find_config_file, load_config

    return load_config(overrides, config_file=find_config_file(args.config))


def _generate(args: argparse.Namespace) -> int:
    from briefing.errors import NothingNewError
    from briefing.pipeline import STDOUT, build_brief, publish

    fmt = _output_format(args.output, args.format)
    config = _settings(
        args,
        {
            "title": args.title,
            "algorithm": args.algorithm,
            "summary_sentences": args.summary_sentences,
            "templates": tuple(args.templates) if args.templates else None,
            "people": tuple(args.people) if args.people else None,
            "max_stories": args.max_stories,
            "since": args.since,
            "group_stories": args.group_stories,
            "keywords": tuple(args.keywords) if args.keywords else None,
            "exclude": tuple(args.exclude) if args.exclude else None,
            "workers": args.workers,
            "tagged_pdf": args.tagged_pdf,
            "language": args.language,
            "brief_language": args.brief_language,
        },
    )
    started = time.perf_counter()
    try:
        with _progress(args.quiet) as progress:  # off the terminal before anything below is printed
            brief, stats = build_brief(args.inputs, config, progress=progress)
            output = (
                None
                if args.dry_run
                else publish(brief, args.output, fmt, config, claims=stats.claims, progress=progress)
            )
    except NothingNewError as exc:
        if args.fail_if_empty:
            raise
        if not args.quiet:  # a routine outcome for cron: quiet means no mail from it
            print(f"{exc}; nothing written", file=sys.stderr)
        return 0
    counts = (
        f"{stats.stories} {'story' if stats.stories == 1 else 'stories'}, "
        f"{stats.articles} {'article' if stats.articles == 1 else 'articles'} from "
        + _outlets(len(brief.sources), brief.unknown_outlets)
        + (
            f", {stats.duplicates} {'duplicate' if stats.duplicates == 1 else 'duplicates'} folded"
            if stats.duplicates
            else ""
        )
        + (f", {stats.too_old} older than --since" if stats.too_old else "")
        + (f", {stats.filtered} left out by keywords" if stats.filtered else "")
        + (f", {stats.skipped} skipped" if stats.skipped else "")
        + (f", {len(brief.source_problems)} feeds or pages with problems" if brief.source_problems else "")
    )
    if output is None:  # a dry run
        for claim in stats.claims:
            claim.close()
        if not args.quiet:
            print(f"dry run: {counts}; nothing written", file=sys.stderr)
        return 0
    if not args.quiet:
        where = "standard output" if output.path == STDOUT else output.path
        print(
            f"wrote {where} ({fmt.upper()}, {output.size:,} bytes): {counts} in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return 0


def _progress(quiet: bool) -> contextlib.AbstractContextManager[Progress]:
    """A progress display on standard error when it is a terminal (rich, imported only then); else nothing."""
    if quiet or not sys.stderr.isatty():
        from briefing.progress import NO_PROGRESS

        return contextlib.nullcontext(NO_PROGRESS)
    from briefing.terminal import TerminalProgress

    return TerminalProgress()


def _read(inputs: Sequence[str], *, language: str = "", default_language: str = "en") -> Sequence[Article]:
    from briefing.ingest import read_articles

    return read_articles(inputs, language=language, default_language=default_language).articles


def _summarize(args: argparse.Namespace) -> int:
    from briefing.languages import tools_for

    # (the settings check the algorithm's name: a bad one fails before any article is read)
    config = _settings(
        args, {"algorithm": args.algorithm, "summary_sentences": args.sentences, "language": args.language}
    )
    articles = _read(args.inputs, language=config.language, default_language=config.default_language)
    out = sys.stdout
    for article in articles:
        tools = tools_for(article)
        chosen = tools.summarize(article, tools.sentences(article), config.algorithm, config.summary_sentences)
        if args.jsonl:
            out.write(json.dumps({"id": article.id, "summary": [s.text for s in chosen]}, ensure_ascii=False) + "\n")
        else:
            out.write(f"{article.title}\n")
            for s in chosen:
                out.write(f"  - {s.text}\n")
            out.write("\n")
    return 0


def _quotes(args: argparse.Namespace) -> int:
    from briefing.languages import tools_for
    from briefing.nlp.language import check_language
    from briefing.people import read_people
    from briefing.quotes.rank import DescribeAlike
    from briefing.quotes.records import quote_record

    # quotes reads no settings (building them would load the summarizers' stemmer): --language and --people only
    language = check_language(args.language) if args.language else ""
    people = read_people(args.people or ())
    articles = _read(args.inputs, language=language)
    found: list[Sequence[Quote]] = []
    for article in articles:
        tools = tools_for(article)
        found.append(people.apply(tools.quotes.extract(article, tools.sentences(article)), article.published))
    # a person named bare in one article is described as the run's other articles describe them, as in a brief
    alike = DescribeAlike(found)
    documents: list[dict[str, Any]] = [
        {
            "id": article.id,
            "title": article.title,
            "language": article.language,
            "quotes": [quote_record(alike(q)) for q in quotes],
        }
        for article, quotes in zip(articles, found, strict=True)
    ]
    out = sys.stdout
    if args.jsonl:
        for doc in documents:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    elif args.json:
        out.write(json.dumps({"articles": documents}, ensure_ascii=False, indent=2) + "\n")
    else:
        for doc in documents:
            out.write(f"{doc['title']}\n")
            for q in doc["quotes"]:
                who = q["speaker"] or "(unattributed)"
                extra = ", ".join(x for x in (q["role"], q["organization"]) if x)
                out.write(f"  [{q['kind']}] {who}{f' ({extra})' if extra else ''} [{q['speaker_type']}]: {q['text']}\n")
            out.write("\n")
    return 0


def _eval_quotes(args: argparse.Namespace) -> int:
    from briefing.atomic import write_atomic
    from briefing.evaluate.quotes import calibration_table, format_report, load_gold, predict, score

    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = sorted(set(kinds) - {"direct", "mixed", "indirect", "nested"})
    if unknown:
        raise ConfigError(
            f"unknown quote kind {unknown[0]!r}", field="kinds", hint="use direct, mixed and indirect, comma-separated"
        )
    if not 0.0 < args.threshold <= 1.0:
        raise ConfigError("the threshold must be above 0 and at most 1", field="threshold", hint="the usual one is 0.5")
    gold = load_gold(args.gold)
    predictions = predict(gold)
    if args.predictions:
        lines = (
            json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False) for doc_id, quotes in predictions.items()
        )
        write_atomic(args.predictions, ("\n".join(lines) + "\n").encode("utf-8"))
    by_rule = args.by_rule or args.calibrate is not None
    scores = score(
        gold, predictions, threshold=args.threshold, kinds=kinds, show_errors=args.show_errors, by_rule=by_rule
    )
    if args.calibrate is not None:
        # a table is one language's: the language of the rules that found the quotes
        languages = sorted({r.rule.partition(".")[0] for r in scores.by_rule if r.right + r.wrong})
        if len(languages) != 1:
            raise ConfigError(
                f"the quotes of {args.gold.name} were found by the rules of {', '.join(languages) or 'no language'}",
                field="calibrate",
                hint="calibrate on gold in one language at a time",
            )
        table = calibration_table(scores, language=languages[0], source=f"{args.gold.name} ({len(gold)} articles)")
        write_atomic(args.calibrate, table.encode("utf-8"))
    if args.json:
        sys.stdout.write(json.dumps(scores.as_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(format_report(scores) + "\n")
    return 0


def _eval_summaries(args: argparse.Namespace) -> int:
    from briefing.summarize import ALGORITHMS, algorithm_name

    try:
        import rouge_score  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            "scoring summaries needs the rouge-score package", hint="pip install 'briefing[eval]'"
        ) from exc
    from briefing.evaluate.summaries import evaluate, format_table, load_references

    names = args.algorithm or [name for name in ALGORITHMS if name != "edmundson"]
    names = [algorithm_name(name) for name in names]  # unknown names fail here, before any work
    if args.sentences < 1:
        raise ConfigError("--sentences must be at least 1", field="sentences", hint="LEAD-3 uses 3")
    references = load_references(args.dataset, limit=args.limit, seed=args.seed)
    results = evaluate(references, names, sentences=args.sentences, match_reference=args.match_reference)
    if args.json:
        sys.stdout.write(json.dumps([r.as_dict() for r in results], indent=2) + "\n")
        return 0
    length = "sentences as in each reference" if args.match_reference else f"{args.sentences} sentences"
    sys.stdout.write(f"{len(references)} documents, {length}, ROUGE F1 x 100 (rouge-score, stemmed)\n\n")
    sys.stdout.write(format_table(results) + "\n")
    return 0


def _eval_stories(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from briefing.evaluate.stories import load_labelled, saga_labels, score_grouping
    from briefing.pipeline import cluster_settings

    config = _settings(args, {"cluster_threshold": args.threshold, "story_threshold": args.story_threshold})
    settings = replace(cluster_settings(config), **_cluster_options(args.cluster_options))
    if args.no_window:
        settings = replace(settings, window=timedelta(days=365 * 1000))
    articles, labels = load_labelled(args.folders)
    scores = score_grouping(articles, labels, settings, level="threads" if args.threads else "stories")
    sagas = saga_labels(args.folders, articles, labels) if args.threads else None
    against_sagas = score_grouping(articles, sagas, settings, level="threads") if sagas is not None else None
    figures: dict[str, Any] = {
        "articles": scores.articles,
        "events": scores.events,
        "stories": scores.stories,
        "threads": scores.threads,
        "threshold": settings.threshold,
        "story_threshold": settings.story_threshold,
        "lede_weight": settings.lede_weight,
        "same_days": settings.same_days.total_seconds() / 86400,
        "other_outlets": settings.other_outlets,
        "window_days": None if args.no_window else settings.window.days,
        "level": "threads" if args.threads else "stories",
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
    }
    if against_sagas is not None:
        figures["sagas"] = against_sagas.events
        figures["sagas_precision"] = round(against_sagas.precision, 4)
        figures["sagas_recall"] = round(against_sagas.recall, 4)
        figures["sagas_f1"] = round(against_sagas.f1, 4)
    if args.json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
        return 0
    out = sys.stdout
    window = "no date window" if args.no_window else f"window {settings.window.days} days"
    stories = (
        "each thread one story"
        if settings.story_threshold is None
        else f"stories {settings.story_threshold:g}, lede weight {settings.lede_weight:g}, "
        f"same days {settings.same_days.total_seconds() / 86400:g}"
    )
    out.write(
        f"{scores.articles} articles, {scores.events} events, {scores.stories} stories in {scores.threads} threads "
        f"(threads {settings.threshold:g}, {window}; {stories})\n"
        f"{'threads' if args.threads else 'stories'}: pairwise precision {scores.precision:.1%}  "
        f"recall {scores.recall:.1%}  F1 {scores.f1:.1%}\n"
    )
    if against_sagas is not None:
        out.write(
            f"threads against {against_sagas.events} sagas: pairwise precision {against_sagas.precision:.1%}  "
            f"recall {against_sagas.recall:.1%}  F1 {against_sagas.f1:.1%}\n"
        )
    if args.verbose:
        for story in scores.stories_found:
            out.write(f"  - {', '.join(story)}\n")
    return 0


#: the grouping settings ``eval stories --set`` takes, and how each is read
_CLUSTER_OPTIONS = {
    "lede_weight": "a number from 0 to 1",
    "same_days": "a number of days",
    "other_outlets": "1 (on) or 0 (off)",
}


def _cluster_options(options: Sequence[str]) -> dict[str, Any]:
    """``--set NAME=VALUE`` as :class:`~briefing.cluster.ClusterSettings` fields."""
    import math

    out: dict[str, Any] = {}
    for option in options:
        name, _, raw = option.partition("=")
        name = name.strip().replace("-", "_")
        if name not in _CLUSTER_OPTIONS:
            known = ", ".join(_CLUSTER_OPTIONS)
            raise ConfigError(f"--set {option}: no grouping setting {name!r}", hint=f"one of: {known}")
        try:
            value = float(raw)
        except ValueError:
            raise ConfigError(f"--set {option}: not a number", hint=f"{name} is {_CLUSTER_OPTIONS[name]}") from None
        if (
            not math.isfinite(value)
            or value < 0
            or (name == "lede_weight" and value > 1)
            or (name == "other_outlets" and value not in (0, 1))
        ):
            raise ConfigError(f"--set {option}: out of range", hint=f"{name} is {_CLUSTER_OPTIONS[name]}")
        if name == "same_days":
            out[name] = timedelta(days=value)
        else:
            out[name] = bool(value) if name == "other_outlets" else value
    return out


def _people_check(args: argparse.Namespace) -> int:
    from briefing.people import check_people

    failed = False
    for path in args.files:
        count, problems = check_people(path)
        for problem in problems:
            print(problem)
        failed = failed or bool(problems)
        if not problems and not args.quiet:
            print(f"{path}: {count} {'person' if count == 1 else 'people'}, no problem")
    return 2 if failed else 0


def _people_memory(args: argparse.Namespace) -> int:
    from briefing.people.memory import people_file
    from briefing.schedule.commands import open_state
    from briefing.schedule.spec import parse_duration

    max_age = None
    if args.max_age:
        try:
            max_age = timedelta(seconds=parse_duration(args.max_age))
        except ValueError as exc:
            raise ConfigError(str(exc), field="max-age", hint="write it like 90d or 52w") from None
    store = open_state(args.state, args.database)
    if store is None:
        remembered = []
    else:
        from briefing.people.memory import PeopleMemory

        try:
            remembered = PeopleMemory(store).everyone(max_age=max_age)
        finally:
            store.close()
    if args.action == "export":
        text = people_file(remembered)
        if args.output is None:
            sys.stdout.write(text)
        else:
            from briefing.atomic import write_atomic

            write_atomic(args.output, text.encode("utf-8"))
            if not args.quiet:
                print(f"wrote {len(remembered)} {'person' if len(remembered) == 1 else 'people'} to {args.output}")
        return 0
    for r in remembered:
        s = r.speaker
        if args.json:
            record = {
                "name": s.name,
                "role": s.role,
                "organization": s.organization,
                "type": s.type,
                "articles": r.times,
                "latest": {"article": r.article, "outlet": r.outlet, "seen": r.seen.isoformat() if r.seen else None},
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            where = ", ".join(part for part in (s.role, s.organization) if part)
            seen = f"{r.seen:%Y-%m-%d}" if r.seen else "undated"
            outlet = f" {r.outlet}" if r.outlet else ""
            sys.stdout.write(f"{s.name} — {where} ({s.type}); {r.times}×, latest {seen}{outlet}\n")
    if not remembered and not args.json and not args.quiet:
        print("no one remembered yet: schedules remember people as their briefs describe them", file=sys.stderr)
    return 0


def _templates(args: argparse.Namespace) -> int:
    from briefing.render import manage

    out = sys.stdout
    if args.action == "list":
        _existing_folders(args.templates or ())
        entries = manage.list_templates(args.templates or ())
        width = max(len(e.name) for e in entries)
        for entry in entries:
            origin = "built-in" if not entry.overridden and entry.used == _builtin() else str(entry.used)
            note = f"  (overrides {', '.join(_where(h) for h in entry.hidden)})" if entry.hidden else ""
            out.write(f"{entry.name.ljust(width)}  {origin}{note}\n")
        return 0
    if args.action == "init":
        written = manage.init_templates(args.folder, force=args.force, copy_all=args.copy_all)
        if not args.quiet:
            print(f"wrote {len(written)} files to {args.folder}; see {args.folder / 'README.md'}", file=sys.stderr)
        return 0
    _existing_folders(args.folders)
    from briefing.sample import sample_brief

    problems = manage.check_templates(sample_brief(), args.folders)
    for problem in problems:
        out.write(f"{problem}\n")
    if not args.quiet:
        folders = ", ".join(str(f) for f in args.folders) or "the built-in templates"
        verdict = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "no problems"
        print(f"checked {folders}: {verdict}", file=sys.stderr)
    return 1 if problems else 0


def _existing_folders(folders: Sequence[Path]) -> None:
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(
                f"template folder {str(folder)!r} does not exist",
                field="templates",
                hint="create it with `briefing templates init DIR` or fix the path",
            )


def _config_show(args: argparse.Namespace) -> int:
    from briefing.config import config_file_places, find_config_file, resolve_config

    path = find_config_file(args.config)
    resolved = resolve_config(config_file=path)
    values = {name: _plain(getattr(resolved.config, name)) for name in resolved.origins}
    if args.json:
        document = {
            "file": str(path) if path else None,
            "settings": {name: {"value": values[name], "from": resolved.origins[name]} for name in values},
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    out = sys.stdout
    if path is not None:
        out.write(f"configuration file: {path}\n\n")
    else:
        places = " or ".join(str(place) for place in config_file_places())
        out.write(f"configuration file: none ({places} would be read)\n\n")
    width = max(len(name) for name in values)
    shown = {name: json.dumps(value, ensure_ascii=False) for name, value in values.items()}
    value_width = min(max(len(text) for text in shown.values()), 40)
    for name, text in shown.items():
        out.write(f"{name.ljust(width)}  {text.ljust(value_width)}  {resolved.origins[name]}\n")
    return 0


def _plain(value: object) -> object:
    """A setting's value as JSON has it: folders as strings, tuples as lists."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value


def _builtin() -> Path:
    from briefing.render.environment import builtin_templates_dir

    return builtin_templates_dir()


def _where(folder: Path) -> str:
    return "built-in" if folder == _builtin() else str(folder)


def _preview(args: argparse.Namespace) -> int:
    from briefing.preview import PreviewServer

    config = _settings(
        args,
        {
            "title": args.title,
            "templates": tuple(args.templates) if args.templates else None,
            "people": tuple(args.people) if args.people else None,
            "language": args.language,
            "brief_language": args.brief_language,
        },
    )
    if not 0 <= args.port <= 65535:
        raise ConfigError("--port must be from 0 to 65535", field="port")
    try:
        server = PreviewServer(args.inputs, config, host=args.host, port=args.port)
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            field="port",
            hint="choose another --port (0 picks a free one)",
        ) from None
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("the preview is reachable from other machines at %s; it has no access control", server.url)
    print(f"preview at {server.url} (HTML; {server.url}brief.pdf; {server.url}email) — Ctrl-C to stop", file=sys.stderr)
    try:
        server.serve_forever()
    finally:
        server.shutdown()
    return 0
