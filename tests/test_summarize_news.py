"""The news-aware default summarizer, and ``briefing eval summaries``."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import InputError
from briefing.evaluate.summaries import evaluate, load_references, reference_sentences
from briefing.nlp import sentences
from briefing.summarize import DEFAULT_ALGORITHM, get_summarizer
from briefing.summarize.news import MAX_SENTENCES
from tests.conftest import build_article

STORY = """Dock workers at the port of Halvard walked out on Monday, halting all container traffic.

The union said the strike would last until the port authority restored the night-shift bonus.

Read more:

What does this mean for shoppers?

Container ships queued outside the harbour as cranes stood idle, and port officials warned of delays.

Dock workers at the port of Halvard walked out on Monday, halting all container traffic, the union said.

The port authority said talks with the union would resume on Thursday.

Halvard handles a fifth of the country's imports, mostly food and fuel."""


def _summary(text: str, count: int, title: str = "") -> list[str]:
    article = build_article(text, title=title)
    return [s.text for s in get_summarizer("news").summarize(sentences(article), count, title=title)]


def test_news_is_the_default() -> None:
    assert DEFAULT_ALGORITHM == "news"


def test_the_lead_comes_first_and_furniture_and_questions_never_do() -> None:
    chosen = _summary(STORY, 3, title="Halvard dock workers strike")
    assert chosen[0].startswith("Dock workers at the port of Halvard walked out on Monday, halting")
    assert not any(s.endswith(("?", ":")) for s in chosen)


def test_a_quotation_standing_alone_is_never_chosen() -> None:
    text = (
        "Foster carers are to be guaranteed a minimum allowance, the government has announced.\n\n"
        "“Our proposal for a national minimum rate shows we are serious about a better deal for foster carers.”\n\n"
        "“It is a start,” said Robert Tapsfield of the Fostering Network, which had campaigned for the rate.\n\n"
        "Payment levels vary from area to area, with some carers getting just £50 a week."
    )
    chosen = _summary(text, 3, title="Minimum rate for foster parents")
    assert len(chosen) == 3 and not any(s.startswith("“Our proposal") for s in chosen)
    assert any(s.startswith("“It is a start,” said Robert Tapsfield") for s in chosen)  # (its speaker is in it)


def test_a_repeated_sentence_is_not_chosen_twice() -> None:
    chosen = _summary(STORY, 4)
    assert sum("walked out on Monday" in s for s in chosen) == 1


def test_the_headline_pulls_its_sentence_up() -> None:
    body = "\n\n".join(
        [
            "The members met on Tuesday evening in the town hall.",
            "A vote on closing the old bridge to traffic passed by nine votes to two.",
            "Officials discussed the budget for the coming year at length.",
            "Residents asked about parking near the market square again.",
            "The meeting ended shortly before ten o'clock at night.",
        ]
    )
    without = _summary(body, 1)
    with_title = _summary(body, 1, title="Council votes to close old bridge to traffic")
    assert without == ["The members met on Tuesday evening in the town hall."]
    assert with_title == ["A vote on closing the old bridge to traffic passed by nine votes to two."]


def test_a_pathological_article_is_bounded() -> None:
    rng = random.Random(7)
    vocabulary = [
        f"{a}{b}" for a in ("har", "cra", "dock", "ship", "port", "tug") for b in ("bour", "ne", "ker", "ment")
    ]
    body = "\n\n".join(" ".join(rng.sample(vocabulary, 6)).capitalize() + "." for _ in range(3 * MAX_SENTENCES))
    chosen = get_summarizer("news").summarize(sentences(build_article(body)), 3)
    assert len(chosen) == 3
    assert all(s.index < MAX_SENTENCES for s in chosen)


# --- eval summaries ------------------------------------------------------------------------


def _jsonl(tmp_path: Path) -> Path:
    records = [
        {
            "id": "one",
            "text": STORY,
            "summary": ["Halvard dock workers strike over night-shift bonus.", "Container traffic halted."],
        },
        {
            "id": "two",
            "text": "The council voted to close the bridge. Drivers must use the ring road. Shops fear losses.",
            "summary": "Council votes to close the bridge; drivers diverted.",
        },
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_jsonl_and_bbc_layouts_are_read(tmp_path: Path) -> None:
    refs = load_references(_jsonl(tmp_path))
    assert [r.id for r in refs] == ["one", "two"]
    assert reference_sentences(refs[0].summary) == 2
    root = tmp_path / "BBC News Summary"
    for folder in ("News Articles/business", "Summaries/business"):
        (root / folder).mkdir(parents=True)
    (root / "News Articles/business/001.txt").write_bytes(b"Strike hits port\n\nDock workers walked out.")
    (root / "Summaries/business/001.txt").write_bytes(b"Dock workers walked out.It cost \x93millions\x94.")
    bbc = load_references(tmp_path)
    assert bbc[0].id == "business/001" and bbc[0].title == "Strike hits port"
    assert reference_sentences(bbc[0].summary) == 2  # run-together sentences still count as two
    assert "“millions”" in bbc[0].summary


def test_a_bad_record_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "x", "summary": "y"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        load_references(path)


def test_rouge_and_lead_are_scored_side_by_side(tmp_path: Path) -> None:
    results = evaluate(load_references(_jsonl(tmp_path)), ["news", "lead", "lexrank"], sentences=2)
    assert [r.algorithm for r in results] == ["news", "lead", "lexrank"]
    for r in results:
        assert r.documents == 2
        assert 0 < r.rouge2 <= r.rouge1 <= 100 and 0 < r.rougeL <= 100
    # a reference that is the article's own first sentences gives LEAD a perfect ROUGE-1
    exact = tmp_path / "exact.jsonl"
    text = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu."
    exact.write_text(json.dumps({"id": "x", "text": text, "summary": "Alpha beta gamma delta."}) + "\n")
    (lead,) = evaluate(load_references(exact), ["lead"], sentences=1)
    assert lead.rouge1 == pytest.approx(100.0)


def test_the_command_prints_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "summaries", str(_jsonl(tmp_path)), "-a", "news", "-a", "lead", "--match-reference"]) == 0
    out = capsys.readouterr().out
    assert "2 documents, sentences as in each reference" in out
    assert "| news |" in out and "| lead |" in out
    assert main(["eval", "summaries", str(_jsonl(tmp_path)), "-a", "lead", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures[0]["algorithm"] == "lead" and figures[0]["documents"] == 2
    assert main(["eval", "summaries", str(_jsonl(tmp_path)), "-a", "nonsense"]) == 2
    assert "unknown summarization algorithm" in capsys.readouterr().err


def test_a_sentence_that_opens_on_someone_named_before_comes_only_with_that_sentence() -> None:
    text = (
        "Retail sales fell for a third month in November, official figures showed on Friday.\n\n"
        "Economists had expected a small rise ahead of the Christmas season.\n\n"
        "The largest department store chain, Halden & Co, reported its worst quarter in a decade.\n\n"
        "It blamed the poor results on sluggish decision making and a rise in discount retailers.\n\n"
        "Shoppers spent less on clothing and furniture, while food sales held steady across the country."
    )
    for count in (2, 3):
        chosen = _summary(text, count, title="Retail sales fall again as Halden blames discounters")
        if any(s.startswith("It blamed") for s in chosen):
            assert any(s.startswith("The largest department store chain") for s in chosen)
    from briefing.summarize.base import opens_on_reference

    assert opens_on_reference("It blamed the poor results on sluggish decision making.")
    assert opens_on_reference("— The firm said its profits were up.")
    assert not opens_on_reference("“It is a start,” said Robert Tapsfield.")  # the speaker's own "it"
    assert not opens_on_reference("Italy's economy grew by 0.3%.")  # (a word that begins with "It")
    assert opens_on_reference("Она напомнила о прошлом сезоне.", "ru")
    assert opens_on_reference("Cette décision a surpris.", "fr") and opens_on_reference("Sie kündigte an.", "de")
    assert not opens_on_reference("Ostrava lehnte ab.", "de")


def test_a_story_summary_takes_no_stranger_from_any_of_its_reports() -> None:
    from briefing.summarize.multi import summarize_story

    first = build_article(
        "Halden & Co reported its worst quarter in a decade on Friday.\n\n"
        "Its chief executive said the chain would close twelve stores next year.\n\n"
        "Sales fell by eight per cent in the three months to December.",
        title="Halden reports worst quarter",
        article_id="a",
    )
    second = build_article(
        "The department store chain Halden & Co will close twelve stores, its chief executive said on Friday.\n\n"
        "He said the closures would cost about 600 jobs across the country.\n\n"
        "Unions called the decision a betrayal of loyal staff.",
        title="Halden to close twelve stores",
        article_id="b",
    )
    documents = [(a, sentences(a)) for a in (first, second)]
    for count in (1, 2, 3, 4):
        chosen = summarize_story(documents, "news", count)
        placed = {(s.article_id, s.index) for s in chosen}
        for s in chosen:
            if s.text.startswith(("He ", "Its ")):
                assert (s.article_id, s.index - 1) in placed, (count, s.text)


def test_a_story_summary_states_a_fact_once() -> None:
    from briefing.ingest import read_inputs
    from briefing.summarize.multi import summarize_story
    from tests.conftest import EXAMPLES

    articles = read_inputs([str(EXAMPLES / "rates")]).articles
    documents = [(a, sentences(a)) for a in articles]
    chosen = summarize_story(documents, "news", 3)
    assert len(chosen) == 3
    # the rise to 4.25 per cent is told once, not once from each report
    assert sum("4.25" in s.text for s in chosen) == 1
