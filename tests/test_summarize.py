from __future__ import annotations

import math

import pytest

from briefing.errors import ConfigError
from briefing.nlp import sentences
from briefing.summarize import ALGORITHMS, get_summarizer, summarize
from tests.conftest import build_article

TEXT = """The city council voted on Tuesday to close the old bridge to traffic from January. Engineers said the bridge was unsafe.

The mayor said the decision was painful but necessary. Drivers will use the ring road, adding ten minutes to many journeys.

Shop owners near the bridge fear losing customers. A new bridge is planned for 2029, but money has not been found.

The council will publish a list of detours next week. Cyclists and pedestrians can still cross."""


@pytest.mark.parametrize("name", ALGORITHMS)
def test_every_algorithm_returns_verbatim_sentences_in_document_order(name: str) -> None:
    article = build_article(TEXT)
    all_sentences = sentences(article)
    summary = summarize(all_sentences, 3, algorithm=name, title="Old bridge to close")
    assert len(summary.sentences) == 3
    assert summary.algorithm == name
    indexes = [s.index for s in summary.sentences]
    assert indexes == sorted(indexes)
    for s in summary.sentences:
        assert s in all_sentences  # the same objects: provenance kept
        assert article.text[s.start : s.end] == s.text


@pytest.mark.parametrize("name", ALGORITHMS)
@pytest.mark.parametrize("body", ["", "Only one sentence here.", "First sentence here. Second sentence here."])
def test_tiny_articles_give_sensible_output(name: str, body: str) -> None:
    all_sentences = sentences(build_article(body))
    one = summarize(all_sentences, 1, algorithm=name)
    assert [s.text for s in one.sentences] == [s.text for s in all_sentences[:1]]
    three = summarize(all_sentences, 3, algorithm=name)
    assert three.sentences == all_sentences


def test_lexrank_on_two_sentences_is_the_lead_not_nan() -> None:
    all_sentences = sentences(build_article("Alpha beta gamma. Delta epsilon zeta."))
    chosen = get_summarizer("lexrank").summarize(all_sentences, 1)
    assert chosen == all_sentences[:1]
    assert not any(math.isnan(float(len(s.text))) for s in chosen)


def test_lead_is_the_first_sentences() -> None:
    all_sentences = sentences(build_article(TEXT))
    assert summarize(all_sentences, 2, algorithm="lead").sentences == all_sentences[:2]


@pytest.mark.parametrize("alias", ["LexRank", "lex-rank", "text_rank", "sum-basic"])
def test_names_are_forgiving(alias: str) -> None:
    assert get_summarizer(alias).name in ALGORITHMS


def test_unknown_algorithm_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="unknown summarization algorithm") as info:
        get_summarizer("bart")
    assert info.value.hint is not None and "lexrank" in info.value.hint


def test_multi_document_summary_keeps_each_sentence_article() -> None:
    a = build_article(TEXT, article_id="a")
    b = build_article("The bridge closure was confirmed by the council. Traffic will be diverted.", article_id="b")
    pool = sentences(a) + sentences(b)
    summary = summarize(pool, 3, algorithm="textrank")
    assert {s.article_id for s in summary.sentences} <= {"a", "b"}
    assert list(summary.sentences) == [s for s in pool if s in summary.sentences]


@pytest.mark.parametrize("language", ["english", "English", "german", "czech", "en", "de", "slovak"])
def test_stop_words_are_sumys_own_list(language: str) -> None:
    from sumy.utils import get_stop_words

    from briefing.nlp.stopwords import default_stop_words

    assert default_stop_words(language) == frozenset(w.lower() for w in get_stop_words(language))
    assert "the" in default_stop_words("english")


def test_stop_words_of_a_language_sumy_lacks_raise_its_error() -> None:
    from briefing.nlp.stopwords import default_stop_words

    with pytest.raises(LookupError):
        default_stop_words("klingon")
