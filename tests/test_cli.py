"""The command line end to end on the examples (examples/en/), as a user runs it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import DATA, EXAMPLES, ROOT


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_generate_examples_in_each_text_format(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"brief.{fmt}"
    code, _, err = run(["generate", str(EXAMPLES), "-o", str(out), "--title", "Desk brief"], capsys)
    assert code == 0, err
    assert err.startswith(f"wrote {out} ({fmt.upper()}")
    assert "10 articles from 10 sources" in err
    content = out.read_text(encoding="utf-8")
    for headline in ("Dockworkers walk out at Port of Halvard", "Bank of Estmark raises rates", "Geneva talks"):
        assert headline in content
    assert not list(tmp_path.glob(".*.part")), "no temporary file left behind"


def test_generate_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.pdf"
    code, _, err = run(["generate", str(EXAMPLES), "-o", str(out)], capsys)
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")


def test_generate_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["generate", str(EXAMPLES), "-o", "-", "--format", "md"], capsys)
    assert code == 0, err
    assert out.startswith("# ") and "Dockworkers walk out at Port of Halvard" in out
    assert err.startswith("wrote standard output (MD, ")
    assert not list(tmp_path.iterdir()), "no file named '-' (nor any other) is written"
    code, out, err = run(["generate", str(EXAMPLES), "-o", "-"], capsys)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: writing the brief to standard output (-o -) needs its format",
        "hint: add --format (pdf, html, md, json)",
    ]


def _briefing(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=ROOT, timeout=120, **kwargs)  # type: ignore[call-overload,no-any-return]


def test_a_pdf_goes_to_a_pipe_but_not_to_a_terminal() -> None:
    import os
    import pty

    done = _briefing(["generate", str(EXAMPLES / "rates"), "-o", "-", "--format", "pdf"], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and done.stdout.rstrip().endswith(b"%%EOF")
    main_end, terminal = pty.openpty()
    try:
        done = _briefing(
            ["generate", str(EXAMPLES / "rates"), "-o", "-", "--format", "pdf"], stdout=terminal, stderr=subprocess.PIPE
        )
    finally:
        os.close(terminal)
        os.close(main_end)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines()[0] == "error: a PDF is not written to a terminal"


def test_a_reader_that_stops_early_is_one_line_not_a_traceback() -> None:
    # "briefing generate … -o - | head -1": the pipe closes before the brief is written in full
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _briefing(
            ["generate", str(EXAMPLES), "-o", "-", "--format", "html"], stdout=write_end, stderr=subprocess.PIPE
        )
    finally:
        os.close(write_end)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert err.splitlines()[0] == "error: standard output was closed before the brief was written in full"
    assert "Traceback" not in err and "Exception ignored" not in err


def test_format_option_overrides_the_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.out"
    code, _, _ = run(["generate", str(EXAMPLES / "rates"), "-o", str(out), "--format", "json"], capsys)
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))["schema"] == 1


def test_unknown_suffix_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["generate", str(EXAMPLES), "-o", str(tmp_path / "brief.docx")], capsys)
    assert code == 2
    assert err.splitlines()[0] == f"error: cannot tell the output format from '{tmp_path / 'brief.docx'}'"


def test_options_are_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["generate", str(EXAMPLES), "-o", str(tmp_path / "b.md"), "--algorithm", "gpt"], capsys)
    assert code == 2 and err.startswith("error: unknown summarization algorithm 'gpt'")
    code, _, err = run(["generate", str(EXAMPLES), "-o", str(tmp_path / "b.md"), "--summary-sentences", "0"], capsys)
    assert code == 2 and "summary_sentences must be a whole number from 1 to 50" in err


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (["{empty}"], "empty folder"),
        (["{tmp}/missing.txt"], "missing.txt: no such file or folder"),
        (["{broken}"], "3 inputs skipped"),
    ],
)
def test_nothing_usable_is_one_clear_line_and_exit_1(
    tmp_path: Path, inputs: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("empty.txt", "binary-nul-bytes.txt", "bad-json.json"):
        (broken / name).write_bytes((DATA / "articles" / name).read_bytes())
    args = [i.format(empty=empty, tmp=tmp_path, broken=broken) for i in inputs]
    code, _, err = run(["generate", *args, "-o", str(tmp_path / "b.pdf"), "-q"], capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("error: ") and message in lines[0]
    assert len(lines) == 2 and lines[1].startswith("hint: ")
    assert not (tmp_path / "b.pdf").exists()


def test_one_broken_file_among_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((EXAMPLES / "ceasefire" / "continental-post-talks-open.txt").read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "brief.md"
    code, _, err = run(["generate", str(folder), "-o", str(out)], capsys)
    assert code == 0
    assert f"warning: skipped {folder / 'broken.txt'}: not text" in err
    text = out.read_text(encoding="utf-8")
    assert "Varnia and Ostrava agree to ceasefire talks" in text
    assert "### Skipped inputs" in text and "broken.txt" in text


def test_summarize_jsonl_contract(seed_article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["summarize", str(seed_article), "--jsonl", "--sentences", "2"], capsys)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 1 and set(lines[0]) == {"id", "summary"}
    assert lines[0]["id"] == "seed-article" and len(lines[0]["summary"]) == 2
    text = seed_article.read_text(encoding="utf-8")
    positions = [text.index(s) for s in lines[0]["summary"]]
    assert positions == sorted(positions)  # document order, verbatim


def test_summarize_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["summarize", str(EXAMPLES / "rates" / "reactions.jsonl"), "--algorithm", "lead"], capsys)
    assert code == 0
    assert out.startswith("Mortgage holders brace for higher payments after rate rise\n  - Around 600,000")


def test_quotes_jsonl_contract(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "rates" / "meridian-wire-rate-decision.json"
    code, out, _ = run(["quotes", str(path), "--jsonl"], capsys)
    assert code == 0
    doc = json.loads(out.splitlines()[0])
    text = json.loads(path.read_text(encoding="utf-8"))["text"]
    assert doc["quotes"]
    for q in doc["quotes"]:
        assert {"text", "speaker", "speaker_type", "role", "organization", "kind", "start", "end"} <= set(q)
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["kind"] in ("direct", "mixed", "indirect")
        assert q["speaker_type"] in ("analyst", "official", "media", "organization", "other")
        assert q["parts"][0][0] == q["start"] and q["parts"][-1][1] == q["end"]
        assert all(s < e <= s2 for (s, e), (s2, _) in zip(q["parts"], q["parts"][1:], strict=False))


def test_a_quote_split_by_its_attribution_lists_its_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "split.txt"
    path.write_text("Talks\n“The plan is late,” said Jane Roe, “and it will not pass this year.”\n", encoding="utf-8")
    code, out, _ = run(["quotes", str(path), "--jsonl"], capsys)
    assert code == 0
    (quote,) = json.loads(out)["quotes"]
    text = path.read_text(encoding="utf-8").split("\n", 1)[1].strip("\n")
    assert [text[s:e] for s, e in quote["parts"]] == ["“The plan is late,”", "“and it will not pass this year.”"]
    assert quote["text"] == text[quote["start"] : quote["end"]]


def test_a_person_named_bare_in_one_article_is_described_as_the_run_s_others_describe_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(
        'Budget row\n"We will cut taxes," said Prime Minister Tony Blair on Monday.\n', encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text('Poll\n"The election is wide open," said Tony Blair.\n', encoding="utf-8")
    code, out, _ = run(["quotes", str(tmp_path / "b.txt"), "--jsonl"], capsys)
    assert code == 0
    assert [(q["speaker"], q["role"], q["speaker_type"]) for q in json.loads(out)["quotes"]] == [
        ("Tony Blair", "", "other")
    ]
    code, out, _ = run(["quotes", str(tmp_path), "--jsonl"], capsys)
    assert code == 0
    speakers = {(q["speaker"], q["role"], q["speaker_type"]) for line in out.splitlines() for q in json.loads(line)["quotes"]}
    assert speakers == {("Tony Blair", "Prime Minister", "official")}


def test_quotes_json_lists_the_seed_analysts(seed_article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["quotes", str(seed_article), "--json"], capsys)
    assert code == 0
    analysts = {q["speaker"] for q in json.loads(out)["articles"][0]["quotes"] if q["speaker_type"] == "analyst"}
    assert analysts == {"Andrew Kazantsev", "Alexei Malashenko"}


def test_generate_seed_to_markdown(seed_article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.md"
    code, _, _ = run(["generate", str(seed_article), "-o", str(out)], capsys)
    assert code == 0
    assert "## Battle for Aleppo" in out.read_text(encoding="utf-8")


def test_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (EXAMPLES / "rates" / "meridian-wire-rate-decision.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = tmp_path / "b.md"
    code, _, _ = run(["generate", "-", "-o", str(out)], capsys)
    assert code == 0 and "Estmark central bank lifts rates" in out.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["generate", str(EXAMPLES), "-o", str(tmp_path / "b.pdf"), "--dry-run"], capsys)
    assert code == 0 and "dry run: 3 stories, 10 articles" in err and not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("command", [[], ["generate"], ["summarize"], ["quotes"]])
def test_help_everywhere(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", *command, "--help"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: briefing")


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, briefing.cli as c\n"
        "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'trafilatura', 'nltk', 'sumy', 'jinja2', 'numpy', 'briefing.pipeline',"
        " 'briefing.quotes', 'briefing.analysis', 'py3langid', 'babel') if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("args", "loads_stemmer"),
    [
        (["quotes", "examples/en/port-strike/halvard-herald-strike-begins.txt"], False),
        (["templates", "list"], False),
        (["summarize", "examples/en/port-strike/halvard-herald-strike-begins.txt"], True),
    ],
)
def test_the_stemmer_is_loaded_only_to_summarize_and_only_once(args: list[str], loads_stemmer: bool) -> None:
    code = (
        "import io, contextlib, sys, briefing.cli as c\n"
        "import briefing.summarize.terms as t\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    c.main({args!r})\n"
        "info = t.default_stemmer.cache_info() if 'briefing.summarize.terms' in sys.modules else None\n"
        "print('Stemmer' in sys.modules, 'nltk' in sys.modules, info.misses if info else 0, 'sumy.utils' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    stemmer_loaded, nltk_loaded, stemmer_loads, sumy_utils_loaded = result.stdout.split()
    assert stemmer_loaded == str(loads_stemmer)
    assert nltk_loaded == "False"  # English is stemmed by PyStemmer: NLTK (half a second, 66 MB) is never loaded
    assert sumy_utils_loaded == "False"  # stop words are read from sumy's file: no requests, no pycountry (0.1 s)
    assert int(stemmer_loads) == (1 if loads_stemmer else 0)


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (["genrate", "x"], "usage: briefing [", "unknown command 'genrate'; did you mean 'generate'?"),
        (["schedule", "valdate"], "usage: briefing schedule [", "unknown command 'valdate'; did you mean 'validate'?"),
        (["templates", "lst"], "usage: briefing templates [", "unknown command 'lst'; did you mean 'list'?"),
        (["generate", "x", "-o", "b.md", "--format", "pfd"], "usage: briefing generate [", "did you mean 'pdf'?"),
        (["generate", "x", "-o", "b.md", "--bogus"], "usage: briefing generate [", "unrecognized arguments: --bogus"),
        (["schedule", "list", "--bogus"], "usage: briefing schedule list [", "unrecognized arguments: --bogus"),
    ],
)
def test_a_misspelt_command_gets_a_suggestion_and_an_unknown_option_its_commands_usage(
    args: list[str], usage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage), err
    assert message in err.splitlines()[-1]


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_and_verbose_before_or_after_the_command(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["generate", str(EXAMPLES / "rates"), "-o", str(tmp_path / "b.md")]
    code, _, err = run(["-q", *command] if where == "before" else [*command, "-q"], capsys)
    assert code == 0 and err == ""
    code, _, err = run(command, capsys)
    assert code == 0 and err.startswith("wrote ")
    # -v before the command reaches it: an internal error is then raised with its traceback, not summed up
    broken = ["generate", str(EXAMPLES / "rates"), "-o", str(tmp_path / "c.md"), "--workers", "1"]
    import briefing.pipeline

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(briefing.pipeline, "publish", fail)
        code, _, err = run(broken, capsys)
        assert code == 1 and "hint: run again with -v for the traceback" in err
        with pytest.raises(RuntimeError, match="boom"):
            main(["-v", *broken] if where == "before" else [*broken, "-v"])


def test_keywords_never_swallow_the_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.json"
    # `--keywords Estmark rates/` once took rates/ for a second keyword and found no input
    code, _, _ = run(["generate", "--keywords", "Estmark", str(EXAMPLES / "rates"), "-o", str(out)], capsys)
    assert code == 0
    settings = json.loads(out.read_text(encoding="utf-8"))["settings"]
    assert settings["keywords"] == ["Estmark"] and settings["inputs"] == [str(EXAMPLES / "rates")]
    repeated = ["--keyword", "Estmark,Halvard", "--keyword", "port strike", "--exclude", "football, cricket"]
    code, _, _ = run(["generate", str(EXAMPLES), *repeated, "-o", str(out)], capsys)
    assert code == 0
    settings = json.loads(out.read_text(encoding="utf-8"))["settings"]
    assert settings["keywords"] == ["Estmark", "Halvard", "port strike"]
    assert settings["exclude"] == ["football", "cricket"]


def test_missing_folders_and_files_are_usage_errors_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["templates", "list", "--templates", str(tmp_path / "missing")], capsys)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"error: template folder '{tmp_path / 'missing'}' does not exist",
        "hint: create it with `briefing templates init DIR` or fix the path",
    ]
    code, _, err = run(["eval", "quotes", str(tmp_path / "missing.jsonl")], capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == f"error: {tmp_path / 'missing.jsonl'}: no such file"
    assert len(lines) == 2 and lines[1].startswith("hint: GOLD is a JSONL file")


def test_output_into_a_missing_folder_creates_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "briefs" / "2026" / "brief.md"
    code, _, _ = run(["generate", str(EXAMPLES / "rates"), "-o", str(out)], capsys)
    assert code == 0 and out.is_file()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    code, _, err = run(["generate", str(EXAMPLES / "rates"), "-o", str(blocked / "brief.md")], capsys)
    assert code == 1
    assert err.splitlines()[-1] == "hint: missing folders are created: check you may create and write in the folder"


def test_verbose_says_what_the_run_read_formed_and_how_long_each_stage_took(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((EXAMPLES / "ceasefire" / "continental-post-talks-open.txt").read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    rates = str(EXAMPLES / "rates")
    out = tmp_path / "brief.md"
    code, _, err = run(["generate", rates, str(folder), "-o", str(out), "-v"], capsys)
    assert code == 0, err
    lines = err.splitlines()
    assert f"read {rates}: 4 articles" in lines
    assert f"read {folder}: 1 article, 1 skipped" in lines
    assert any(line.startswith(f"warning: skipped {folder / 'broken.txt'}: not text") for line in lines)
    stories = [line for line in lines if line.startswith("story ")]
    assert len(stories) == 2
    assert "story 1: Bank of Estmark raises rates to 4.25% and signals more to come (4 reports; " in stories[0]
    for stage in ("read", "analyse", "cluster", "assemble", "render", "write"):
        assert len([line for line in lines if line.startswith(f"{stage} took ") and line.endswith(" s")]) == 1, stage
    assert lines[-1].startswith(f"wrote {out}")
    # without -v: the warning and the closing line only
    code, _, err = run(["generate", rates, str(folder), "-o", str(out)], capsys)
    assert code == 0
    assert len(err.splitlines()) == 2
    assert err.splitlines()[0].startswith(f"warning: skipped {folder / 'broken.txt'}: not text")
    assert err.splitlines()[1].startswith(f"wrote {out}")
