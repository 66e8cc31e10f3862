"""Russian verbs of saying named by their infinitives and inflected by pymorphy3's dictionary."""

from __future__ import annotations

from briefing.models import Article
from briefing.quotes import get_extractor
from briefing.quotes.grammar import load_grammar
from briefing.quotes.lang.ru.verbs import reported_forms


def test_a_verb_gives_the_forms_a_report_is_written_in_and_no_other() -> None:
    assert set(reported_forms("отвечать")) == {"отвечает", "отвечают", "отвечал", "отвечала", "отвечали", "отвечало"}
    # a perfective verb has no present; its future ("ответит") reports nothing yet
    forms = set(reported_forms("ответить"))
    assert {"ответил", "ответила", "ответили"} <= forms
    assert "ответит" not in forms and "ответят" not in forms
    assert "жалуется" in reported_forms("жаловаться")


def test_a_word_the_dictionary_does_not_hold_as_an_infinitive_gives_nothing() -> None:
    assert reported_forms("министр") == ()
    assert reported_forms("кваквакать") == ()


def test_the_russian_pack_reads_the_inflected_forms_as_verbs_of_saying() -> None:
    cues = load_grammar("ru").cues
    assert {"отвечает", "рассуждает", "парирует", "жалуется"} <= cues


def test_a_verb_of_saying_after_a_quotation_is_no_part_of_the_speakers_description() -> None:
    text = (
        "Министр иностранных дел Дании Кристиан Йенсен прибыл в Москву.\n\n"
        "«Евросоюз — это великий проект», — отвечает Кристиан Йенсен."
    )
    (quote,) = get_extractor("ru").extract(Article(id="x", title="", text=text, language="ru"), ())
    assert quote.speaker is not None
    assert quote.speaker.name == "Кристиан Йенсен"
    assert quote.speaker.role == "Министр"
    assert quote.speaker.type == "official"
