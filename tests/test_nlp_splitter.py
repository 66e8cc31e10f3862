from __future__ import annotations

import json

import pytest

from briefing.nlp import mask, segment, sentences, split_paragraphs, split_sentences
from briefing.nlp.tokens import SumyTokenizer, words
from briefing.quotes import RuleQuoteExtractor
from tests.conftest import DATA, build_article

# the hard cases, shared with bench/bench_splitter.py
CASES = json.loads((DATA / "splitter-cases.json").read_text(encoding="utf-8"))


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(case["text"], case["sentences"]) for case in CASES],
    ids=[case["text"][:40] for case in CASES],
)
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_em_dash_attribution_inside_a_quotation() -> None:
    text = (
        "“It is necessary that people have not changed conditions every two days, because the deal was, "
        "all you had to do is do it, — said Churkin. — The agreement was, and the only thing needed is its "
        "implementation.”"
    )
    assert split(text) == [
        "“It is necessary that people have not changed conditions every two days, because the deal was, "
        "all you had to do is do it, — said Churkin.",
        "The agreement was, and the only thing needed is its implementation.”",
    ]


def test_offsets_are_verbatim_and_inside_the_text() -> None:
    text = "First para. Second sentence.\n\nSecond para here.\nThird para after a line end.\nsoft\nwrap here."
    for _, s, e in segment(text):
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "First para. Second sentence.",
        "Second para here.",
        "Third para after a line end.",
        "soft\nwrap here.",
    ]


def test_boilerplate_is_masked_without_moving_offsets() -> None:
    text = (
        "By Jane Doe\n\nShare this article\n\nThe minister resigned on Friday. Her deputy takes over.\n\n"
        "Photo: Reuters\n\n"
        "By . Daily Mail Reporter . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 14:23 EST, "
        "25 October 2013 . Police said the road was closed."
    )
    masked = mask(text)
    assert len(masked) == len(text)
    found = [text[s:e] for _, s, e in segment(masked)]
    assert found == [
        "The minister resigned on Friday.",
        "Her deputy takes over.",
        "Police said the road was closed.",
    ]


@pytest.mark.parametrize(
    "header",
    [
        "PUBLISHED: . 14:11 EST, 25 October 2013 .",
        "Published: 14:11 EST, 25 October 2013",
        "UPDATED : 9.05 GMT, 3 May 2021 .",
        # "ı", "İ" and "ſ" match i and s when case is ignored, though lower-casing does not make them i and s
        "PUBLİSHED: . 14:11 EST, 25 October 2013 .",
        "publıshed: 14:11 EST, 25 October 2013",
        "PUBLIſHED: 14:11 EST, 25 October 2013",
    ],
)
def test_an_inline_header_is_masked_in_any_case(header: str) -> None:
    text = f"By . Jane Doe . {header} Police said the road was closed."
    found = [text[s:e] for _, s, e in segment(mask(text))]
    assert found == ["Police said the road was closed."]


def test_boilerplate_leaves_real_sentences_alone() -> None:
    text = "By Tuesday, the government had fallen.\n\nShare prices rose after the vote."
    assert mask(text) == text


def test_article_sentences_carry_provenance() -> None:
    article = build_article("One. Two.\n\nThree.", article_id="x")
    got = sentences(article)
    assert [(s.text, s.paragraph, s.index) for s in got] == [("One.", 1, 0), ("Two.", 1, 1), ("Three.", 2, 2)]
    assert all(article.text[s.start : s.end] == s.text for s in got)


def test_words_drop_numbers_and_possessives() -> None:
    assert words("Russia’s 3 envoys don't agree with al-Assad's U.S. plan.") == (
        "Russia",
        "envoys",
        "don't",
        "agree",
        "with",
        "al-Assad",
        "U.S",
        "plan",
    )


def test_sumy_tokenizer_works_with_sumy_parser_offline() -> None:
    from sumy.parsers.plaintext import PlaintextParser

    parser = PlaintextParser.from_string("Mr. Smith spoke. The U.S. agreed.\n\nA new paragraph.", SumyTokenizer())
    assert [str(s) for s in parser.document.sentences] == ["Mr. Smith spoke.", "The U.S. agreed.", "A new paragraph."]


def test_chinese_and_japanese_full_stops_end_sentences_without_a_space() -> None:
    text = (
        "港口发言人说，罢工已经结束。港の広報担当者は、「ストライキは終わった。」と述べた！Talks resume. 항구가 열렸다."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "港口发言人说，罢工已经结束。",
        "港の広報担当者は、「ストライキは終わった。」と述べた！",
        "Talks resume.",
        "항구가 열렸다.",
    ]


def test_a_heading_or_a_caption_on_a_line_of_its_own_is_a_paragraph_but_a_wrapped_line_is_not() -> None:
    # a page read as text: the headline and a picture's caption, each on its line without a full stop
    text = (
        "Элтон Джон: я мог умереть в любой момент\n"
        "Элтон Джон\n"
        "Популярный британский певец Элтон Джон заявил, что ему повезло.\n\n"
        "A paragraph wrapped at seventy-two characters goes on past the end of the\n"
        "line, and Its next line may open on a capital without being a new one."
    )
    assert [text[s:e] for s, e in split_paragraphs(text, "ru")][:3] == [
        "Элтон Джон: я мог умереть в любой момент",
        "Элтон Джон",
        "Популярный британский певец Элтон Джон заявил, что ему повезло.",
    ]
    assert len(split_paragraphs(text)) == 4


def test_reader_comments_with_a_dash_attribution_are_paragraphs_of_their_own() -> None:
    text = (
        "“He does not answer to anyone.” ―\u00a0Christina Olidem\n"
        "“We can build a wall around him.” ― Steve Quinlan\n"
        "“I would rather live in what he calls hell,\n"
        "than live with him as president.” — Adriana Rodarte"
    )
    paragraphs = [text[s:e] for s, e in split_paragraphs(text)]
    assert paragraphs == [
        "“He does not answer to anyone.” ―\u00a0Christina Olidem",
        "“We can build a wall around him.” ― Steve Quinlan",
        "“I would rather live in what he calls hell,\nthan live with him as president.” — Adriana Rodarte",
    ]
    quotes = RuleQuoteExtractor().extract(build_article(text), sentences(build_article(text)))
    assert [q.speaker.name if q.speaker else None for q in quotes] == [
        "Christina Olidem",
        "Steve Quinlan",
        "Adriana Rodarte",
    ]


def test_a_number_with_a_decimal_point_ends_a_sentence() -> None:
    text = "It sued the government for $28.3bn. Analysts doubt the case. Output fell to 3.5m. Shares rose."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "It sued the government for $28.3bn.",
        "Analysts doubt the case.",
        "Output fell to 3.5m.",
        "Shares rose.",
    ]


# Russian, German and French: each language's abbreviations, quotation marks and dialogue
# (briefing/nlp/lang/<code>.toml); paragraphs written for these tests, split by hand
LANGUAGE_CASES = [
    (language, case["text"], case["sentences"])
    for language in ("ru", "de", "fr")
    for case in json.loads((DATA / f"splitter-cases-{language}.json").read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    LANGUAGE_CASES,
    ids=[f"{language}-{text[:30]}" for language, text, _ in LANGUAGE_CASES],
)
def test_each_language_splits_as_its_writers_do(language: str, text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text, language=language)] == expected


def test_no_sentence_ends_inside_a_quotation_unless_its_speaker_interrupts_it() -> None:
    text = "«Мы не согласны. Это невозможно», — сказал он. «Договор был, — добавил он. — Его нужно выполнять»."
    assert [text[s:e] for s, e in split_sentences(text, language="ru")] == [
        "«Мы не согласны. Это невозможно», — сказал он.",
        "«Договор был, — добавил он.",
        "Его нужно выполнять».",
    ]
    # English keeps its rules: a sentence may end inside “…”
    english = "He said: “We disagree. It is impossible.” Then he left."
    assert len(split_sentences(english)) == 3


def test_an_unclosed_quotation_splits_as_if_it_were_not_there() -> None:
    # Russian quotations that go on in the next paragraph open each paragraph and close only in the last
    text = "«Мы не согласны. Это невозможно. Мы уходим."
    assert len(split_sentences(text, language="ru")) == 3


def test_a_french_closing_mark_after_a_space_stays_with_its_sentence() -> None:
    text = "Il a dit : « C'est fini. » Puis il est parti."
    assert [text[s:e] for s, e in split_sentences(text, language="fr")] == [
        "Il a dit : « C'est fini. »",
        "Puis il est parti.",
    ]


def test_a_language_without_data_and_english_get_the_english_rules() -> None:
    text = "Mr. Smith went to Washington. He arrived late. “Stop. Now,” she said."
    assert split_sentences(text, language="it") == split_sentences(text) == split_sentences(text, language="en")


def test_the_abbreviations_are_data() -> None:
    from briefing.nlp.language_rules import rules_for

    russian, german, french = rules_for("ru"), rules_for("de"), rules_for("fr")
    assert russian is not None and german is not None and french is not None
    assert {"ген", "ул", "им"} <= russian.titles and "г" in russian.units
    assert {"dr", "prof"} <= german.titles and "bzw" in german.never and "oktober" in german.ordinal_after
    assert {"m", "mme", "mlle"} <= french.titles
    assert rules_for("en") is None and rules_for("it") is None
    assert rules_for("russian") is russian


def test_segment_and_paragraphs_take_the_language() -> None:
    text = "Er sagte: „Wir gehen. Jetzt.“\nDanach war es still."
    found = [(p, text[s:e]) for p, s, e in segment(text, language="de")]
    assert found == [(1, "Er sagte: „Wir gehen. Jetzt.“"), (2, "Danach war es still.")]
