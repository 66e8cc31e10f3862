"""Summaries of Russian, German and French articles: each read with its language's stemmer,
stop words, words, furniture and quotation marks; English as it always was."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from briefing.analysis import analyse
from briefing.models import Article
from briefing.nlp import mask, sentences
from briefing.nlp.tokens import words
from briefing.nlp.vectors import article_terms, terms
from briefing.summarize import get_summarizer, summarize
from tests.conftest import build_article


@dataclass(frozen=True, slots=True, kw_only=True)
class _Article(Article):
    """An article with a language, whether or not the model has the field yet."""

    language: str = "en"


def in_language(language: str, text: str, *, title: str = "Test", article_id: str = "a1") -> Article:
    return _Article(id=article_id, title=title, text=text, language=language)


RUSSIAN = """МОСКВА, 12 марта. /ТАСС/. Забастовка портовых рабочих в Новороссийске продолжается третий день, сообщили в профсоюзе.

Фото: ТАСС

По данным профсоюза, в забастовке участвуют около двух тысяч рабочих порта. Руководство порта предложило повысить зарплату на пять процентов.

«Этого недостаточно. Мы требуем двадцать процентов», — заявил председатель профсоюза Олег Смирнов.

Читайте также: Как бастуют портовики в Европе

«Мы готовы продолжать переговоры с рабочими порта».

Министерство транспорта заявило, что следит за ситуацией в порту."""

GERMAN = """Berlin (dpa) - Der Streik der Hafenarbeiter in Hamburg geht in den dritten Tag, teilte die Gewerkschaft mit.

Foto: dpa

Nach Angaben der Gewerkschaft beteiligen sich rund zweitausend Arbeiter des Hafens am Streik. Die Hafenleitung bot eine Lohnerhöhung um fünf Prozent an.

„Das reicht nicht. Wir verlangen zwanzig Prozent“, sagte Gewerkschaftschef Olaf Schmidt.

Lesen Sie auch: Wie Hafenarbeiter in Europa streiken

„Wir sind bereit, mit den Arbeitern des Hafens weiter zu verhandeln.“

Das Verkehrsministerium erklärte, es beobachte die Lage im Hafen genau."""

FRENCH = """PARIS (AFP) - La grève des dockers du port de Marseille entre dans son troisième jour, a indiqué le syndicat.

Photo : AFP

Selon le syndicat, environ deux mille ouvriers du port participent à la grève. La direction du port a proposé une hausse des salaires de cinq pour cent.

« Ce n'est pas assez. Nous exigeons vingt pour cent », a déclaré le secrétaire du syndicat, Olivier Simon.

Lire aussi : Comment les dockers font grève en Europe

« Nous sommes prêts à poursuivre les négociations avec les ouvriers du port. »

Le ministère des Transports a indiqué suivre la situation du port de près."""

ARTICLES = {"ru": RUSSIAN, "de": GERMAN, "fr": FRENCH}
FURNITURE = {
    "ru": ("МОСКВА, 12 марта", "Фото", "Читайте также"),
    "de": ("Berlin (dpa)", "Foto", "Lesen Sie auch"),
    "fr": ("PARIS (AFP)", "Photo", "Lire aussi"),
}
# the quotation standing alone, without its speaker
ALONE = {
    "ru": "«Мы готовы продолжать переговоры с рабочими порта».",
    "de": "„Wir sind bereit, mit den Arbeitern des Hafens weiter zu verhandeln.“",
    "fr": "« Nous sommes prêts à poursuivre les négociations avec les ouvriers du port. »",
}


@pytest.mark.parametrize("language", ["ru", "de", "fr"])
def test_furniture_datelines_and_credits_are_masked_in_each_language(language: str) -> None:
    article = in_language(language, ARTICLES[language])
    found = [s.text for s in sentences(article)]
    for furniture in FURNITURE[language]:
        assert not any(furniture in s for s in found), (furniture, found)
    assert len(mask(article.text, language)) == len(article.text)
    # the first sentence starts after the dateline, at its first word
    assert found[0].split()[0] in ("Забастовка", "Der", "La")


@pytest.mark.parametrize("language", ["ru", "de", "fr"])
@pytest.mark.parametrize("algorithm", ["news", "lexrank", "textrank", "lsa", "sumbasic"])
def test_furniture_is_never_chosen(language: str, algorithm: str) -> None:
    article = in_language(language, ARTICLES[language])
    for count in range(1, 6):
        chosen = get_summarizer(algorithm, language).summarize(sentences(article), count, title=article.title)
        for furniture in FURNITURE[language]:
            assert not any(furniture in s.text for s in chosen)


@pytest.mark.parametrize("language", ["ru", "de", "fr"])
def test_a_quotation_standing_alone_is_never_chosen_by_news(language: str) -> None:
    article = in_language(language, ARTICLES[language])
    split = sentences(article)
    assert ALONE[language] in [s.text for s in split]
    chosen = get_summarizer("news", language).summarize(split, len(split) - 1, title=article.title)
    assert ALONE[language] not in [s.text for s in chosen]
    # the quotation with its speaker is kept whole, and may be chosen
    assert any(s.text.endswith(("Смирнов.", "Schmidt.", "Simon.")) for s in split)


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ru", ["порт", "порта", "порту", "портом", "порте"]),
        ("de", ["Hafen", "Hafens", "Häfen"]),
        ("fr", ["négociation", "négociations"]),
    ],
)
def test_inflected_forms_are_one_term(language: str, forms: list[str]) -> None:
    summarizer = get_summarizer("lexrank", language)
    stems = summarizer._analyzer.content_stems(forms)  # type: ignore[attr-defined]
    assert len(set(stems)) == 1, stems
    assert len(terms(" ".join(f.lower() for f in forms), language=language)) == 1


@pytest.mark.parametrize(
    ("language", "word"), [("ru", "и"), ("ru", "что"), ("de", "und"), ("de", "wurde"), ("fr", "de")]
)
def test_each_language_has_its_stop_words(language: str, word: str) -> None:
    assert word in get_summarizer("news", language).stop_words  # type: ignore[attr-defined]
    assert terms(word, language=language) == {}


def test_a_russian_summary_finds_the_headline_through_its_inflections() -> None:
    # the headline's words are in the third sentence only in other forms (забастовки, продолжаются)
    text = (
        "Утром в городе прошёл сильный дождь, сообщили синоптики. "
        "Движение на дорогах было затруднено несколько часов. "
        "Забастовки в портах юга продолжаются, заявили в профсоюзе докеров. "
        "Вечером погода улучшилась, и ветер стих. "
        "Синоптики обещают тёплую погоду в выходные дни."
    )
    article = in_language("ru", text, title="Забастовку продолжают")
    chosen = summarize(sentences(article), 2, title=article.title, language="ru").sentences
    assert any(s.text.startswith("Забастовки") for s in chosen)
    english_rules = get_summarizer("news").summarize(sentences(article), 2, title=article.title)
    assert not any(s.text.startswith("Забастовки") for s in english_rules)


def test_french_elisions_are_not_part_of_the_word() -> None:
    assert words("L'accord d'Europe qu'il jusqu'à aujourd'hui", "fr") == ("accord", "Europe", "il", "à", "aujourd'hui")
    assert words("L'accord", "en") == ("L'accord",)
    assert "accord" in terms("L'accord est signé.", language="fr")


def test_analyse_reads_each_article_in_its_language() -> None:
    article = in_language("ru", RUSSIAN)
    analysis = analyse(article, algorithm="news", count=3)
    assert not any("Фото" in s.text or "Читайте" in s.text for s in analysis.sentences)
    assert {"порт"} <= set().union(*analysis.terms)
    assert not any("Читайте" in s.text for s in analysis.picks)
    assert article_terms(article.title, analysis.terms, "ru")


def test_english_is_read_as_before() -> None:
    text = "Mr. Smith went to Washington. He arrived late.\n\nPhoto: Reuters\n\n“We agree,” she said. Talks resume."
    plain = build_article(text)
    tagged = in_language("en", text)
    assert sentences(plain) == sentences(tagged)
    assert get_summarizer("news") is get_summarizer("news", "en") is get_summarizer("news", "english")
    assert analyse(plain, algorithm="news", count=2) == analyse(tagged, algorithm="news", count=2)
    assert terms("The talks resumed.") == terms("The talks resumed.", language="en")


def test_a_language_without_data_is_summarized_with_english_rules_and_its_own_stemmer() -> None:
    article = in_language("it", "Il governo ha approvato la legge. I sindacati protestano. La legge entra in vigore.")
    assert len(sentences(article)) == 3
    assert summarize(sentences(article), 1, language="it").sentences
    assert summarize(sentences(article), 1, language="xx").sentences  # no stemmer, no stop words: still a summary
