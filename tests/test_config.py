"""Settings: the configuration file, the environment and options, merged in one order and checked in one place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import find_config_file, load_config, read_config_file, resolve_config
from briefing.errors import ConfigError
from tests.conftest import EXAMPLES


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- yes/no settings in the environment ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"),
    [("BRIEFING_TAGGED_PDF", "ture"), ("BRIEFING_GROUP_STORIES", "nope"), ("BRIEFING_TAGGED_PDF", "2")],
)
def test_a_yes_no_setting_that_is_neither_is_refused_not_read_as_no(
    variable: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(variable, value)
    out = tmp_path / "brief.md"
    code, _, err = run(["generate", str(EXAMPLES / "rates"), "-o", str(out)], capsys)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == f"error: {variable} must be yes or no, not {value!r}"
    assert lines[1] == "hint: write one of true, yes, on, 1 or false, no, off, 0"
    assert not out.exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("TRUE", True),
        ("yes", True),
        ("On", True),
        ("1", True),
        ("off", False),
        ("No", False),
        ("0", False),
        ("false", False),
    ],
)
def test_every_accepted_yes_no_spelling(raw: str, expected: bool) -> None:
    assert load_config(env={"BRIEFING_TAGGED_PDF": raw}).tagged_pdf is expected
    assert load_config(env={"BRIEFING_GROUP_STORIES": raw}).group_stories is expected


# --- the configuration file ---------------------------------------------------------------------------------------


def test_the_file_the_options_and_the_environment_in_order(tmp_path: Path) -> None:
    file = write(
        tmp_path / "briefing.toml", '[generate]\ntitle = "From the file"\nsummary_sentences = 2\nquotes_per_story = 5\n'
    )
    env = {"BRIEFING_SUMMARY_SENTENCES": "4"}
    resolved = resolve_config({"quotes_per_story": 1}, env=env, config_file=file)
    assert resolved.config.title == "From the file"  # file over default
    assert resolved.config.summary_sentences == 4  # environment over file
    assert resolved.config.quotes_per_story == 1  # option over file
    assert resolved.config.algorithm == "news"
    assert resolved.origins["title"] == f"{file}:2"
    assert resolved.origins["summary_sentences"] == "environment BRIEFING_SUMMARY_SENTENCES"
    assert resolved.origins["quotes_per_story"] == "command line"
    assert resolved.origins["algorithm"] == "default"


def test_values_take_toml_types_and_folders_are_taken_from_the_files_folder(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    file = write(
        tmp_path / "conf" / "desk.toml",
        '[generate]\ntemplates = ["../house"]\nkeywords = ["Syria*", "port strike"]\nexclude = "football"\n'
        "tagged_pdf = true\ncluster_threshold = 1\n",
    )
    config = load_config(config_file=file, env={})
    assert config.templates == (tmp_path / "conf" / "../house",)
    assert config.templates[0].resolve() == (tmp_path / "house").resolve()
    assert config.keywords == ("Syria*", "port strike")
    assert config.exclude == ("football",)
    assert config.tagged_pdf is True
    assert config.cluster_threshold == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[generate]\ntitle = "x"\n\nsorces = 3\n', "{file}:4: unknown setting 'sorces'"),
        ('[generate]\ntitel = "x"\n', "{file}:2: unknown setting 'titel'; did you mean 'title'?"),
        ('# house\n[genrate]\ntitle = "x"\n', "{file}:2: unknown table 'genrate'; did you mean 'generate'?"),
        ('title = "x"\n', "{file}:1: unknown setting 'title'"),
        ('[generate]\ntagged_pdf = "ture"\n', "{file}:2: tagged_pdf must be true or false, not 'ture'"),
        ("[generate]\nsummary_sentences = 2.5\n", "{file}:2: summary_sentences must be a whole number, not 2.5"),
        ("[generate]\nkeywords = [1, 2]\n", "{file}:2: keywords must be a list of strings"),
        ("[generate]\n\nsummary_sentences = 99\n", "{file}:3: summary_sentences must be a whole number from 1 to 50"),
        ('[generate]\ntemplates = ["nowhere"]\n', "{file}:2: template folder"),
        ("[generate\n", "{file}: not valid TOML"),
    ],
)
def test_a_bad_file_is_reported_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    file = write(tmp_path / "briefing.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(config_file=file, env={})
    assert str(caught.value).startswith(message.format(file=file)), str(caught.value)


def test_a_file_not_in_utf8_or_unreadable_is_a_config_error(tmp_path: Path) -> None:
    file = tmp_path / "briefing.toml"
    file.write_bytes(b"[generate]\ntitle = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        read_config_file(file)


def test_where_the_file_is_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "work"
    here.mkdir()
    config_home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    assert find_config_file(cwd=here) is None
    users = write(config_home / "briefing" / "briefing.toml", "[generate]\n")
    assert find_config_file(cwd=here) == users
    local = write(here / "briefing.toml", "[generate]\n")
    assert find_config_file(cwd=here) == local  # this folder's before the user's
    named = write(tmp_path / "named.toml", "[generate]\n")
    assert find_config_file(named, cwd=here) == named  # --config before both
    with pytest.raises(ConfigError, match="no such configuration file"):
        find_config_file(tmp_path / "missing.toml", cwd=here)


def test_generate_reads_the_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "briefing.toml", '[generate]\ntitle = "Desk brief from the file"\nkeyword_typo = 1\n')
    code, _, err = run(["generate", str(EXAMPLES / "rates"), "-o", "brief.md"], capsys)
    assert code == 2 and err.startswith(f"error: {tmp_path / 'briefing.toml'}:3: unknown setting 'keyword_typo'")
    write(tmp_path / "briefing.toml", '[generate]\ntitle = "Desk brief from the file"\n')
    code, _, _ = run(["generate", str(EXAMPLES / "rates"), "-o", "brief.md"], capsys)
    assert code == 0 and (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# Desk brief from the file")
    code, _, _ = run(["generate", str(EXAMPLES / "rates"), "-o", "b2.md", "--title", "From the option"], capsys)
    assert code == 0 and (tmp_path / "b2.md").read_text(encoding="utf-8").startswith("# From the option")


@pytest.mark.parametrize("before", [True, False])
def test_config_option_before_or_after_the_command(
    before: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(tmp_path / "desk.toml", '[generate]\ntitle = "Named file"\n')
    out = tmp_path / "brief.md"
    option = ["--config", str(file)]
    args = (
        [*option, "generate", str(EXAMPLES / "rates"), "-o", str(out)]
        if before
        else ["generate", str(EXAMPLES / "rates"), "-o", str(out), *option]
    )
    code, _, _ = run(args, capsys)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# Named file")


def test_a_missing_named_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["config", "show", "--config", str(tmp_path / "nope.toml")], capsys)
    assert code == 2 and err.startswith(f"error: {tmp_path / 'nope.toml'}: no such configuration file")


def test_config_show_says_where_each_value_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    file = write(tmp_path / "briefing.toml", '[generate]\n# the desk\ntitle = "Desk brief"\nsummary_sentences = 2\n')
    monkeypatch.setenv("BRIEFING_SUMMARY_SENTENCES", "4")
    code, out, _ = run(["config", "show"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"configuration file: {file}"
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in lines[2:]}
    assert rows["title"] == ['"Desk', f'brief"  {file}:3']
    assert rows["summary_sentences"] == ["4", "environment BRIEFING_SUMMARY_SENTENCES"]
    assert rows["algorithm"] == ['"news"', "default"]
    code, out, _ = run(["config", "show", "--json"], capsys)
    document = json.loads(out)
    assert document["file"] == str(file)
    assert document["settings"]["title"] == {"value": "Desk brief", "from": f"{file}:3"}
    assert document["settings"]["summary_sentences"] == {"value": 4, "from": "environment BRIEFING_SUMMARY_SENTENCES"}
    assert document["settings"]["templates"] == {"value": [], "from": "default"}


def test_config_show_without_a_file_names_where_one_would_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    code, out, _ = run(["config", "show"], capsys)
    assert code == 0
    assert out.splitlines()[0] == (
        f"configuration file: none ({tmp_path / 'briefing.toml'} or "
        f"{tmp_path / 'home-config' / 'briefing' / 'briefing.toml'} would be read)"
    )


@pytest.mark.parametrize("command", [["quotes", "x.txt"], ["schedule", "list"], ["templates", "list"]])
def test_a_config_file_given_to_a_command_that_reads_none_is_refused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(tmp_path / "desk.toml", "[generate]\n")
    with pytest.raises(SystemExit) as exited:
        main(["--config", str(file), *command])
    assert exited.value.code == 2
    assert f"'briefing {command[0]}' reads no configuration file" in capsys.readouterr().err
