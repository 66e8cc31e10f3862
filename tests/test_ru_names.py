"""Russian names: a name in any case comes back in the nominative, and two mentions in different cases, with or
without the given name, are told to be one person or two."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.models import Article
from briefing.quotes import get_extractor
from briefing.quotes.lang.ru import names
from briefing.quotes.lang.ru.names import gender, nominative, role_in_nominative, same_person, someone_elses


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # the genitive ("по словам …"), a man and a woman
        ("Андрея Казанцева", "Андрей Казанцев"),
        ("Анны Казанцевой", "Анна Казанцева"),
        ("Марии Захаровой", "Мария Захарова"),
        ("Дмитрия Пескова", "Дмитрий Песков"),
        ("Григория Явлинского", "Григорий Явлинский"),
        ("Юлии Навальной", "Юлия Навальная"),
        # the dative ("заявил …")
        ("Дмитрию Медведеву", "Дмитрий Медведев"),
        ("Сергею Лаврову", "Сергей Лавров"),
        ("Елене Владимировне", "Елена Владимировна"),
        # the instrumental ("встретился с …")
        ("Владимиром Владимировичем Путиным", "Владимир Владимирович Путин"),
        ("Марией Владимировной Захаровой", "Мария Владимировна Захарова"),
        ("Анной Казанцевой", "Анна Казанцева"),
        ("Рамзаном Кадыровым", "Рамзан Кадыров"),
        ("Ольгой Зеленской", "Ольга Зеленская"),
        # the locative ("об …")
        ("Андрее Казанцеве", "Андрей Казанцев"),
        ("Алексее Малашенко", "Алексей Малашенко"),
        # the accusative ("поддержали …")
        ("Анну Казанцеву", "Анна Казанцева"),
        # already in the nominative: unchanged
        ("Андрей Казанцев", "Андрей Казанцев"),
        ("Анна Казанцева", "Анна Казанцева"),
        # surname first
        ("Казанцева Андрея", "Казанцев Андрей"),
        ("Петровой Елены Ивановны", "Петрова Елена Ивановна"),
        # indeclinable surnames in -о, -у, and a woman's in a consonant
        ("Алексея Малашенко", "Алексей Малашенко"),
        ("Валентиной Матвиенко", "Валентина Матвиенко"),
        ("Сергея Шойгу", "Сергей Шойгу"),
        ("Ольги Бойко", "Ольга Бойко"),
        ("Ангелы Меркель", "Ангела Меркель"),
        ("Ангеле Меркель", "Ангела Меркель"),
        # a woman's given name that does not decline still makes her surname hers: not "Нелли Казанцев"
        ("Нелли Казанцева", "Нелли Казанцева"),
        # foreign names
        ("Барака Обамы", "Барак Обама"),
        ("Бараку Обаме", "Барак Обама"),
        ("Нэнси Пелоси", "Нэнси Пелоси"),
        ("Хван Чжан Ёп", "Хван Чжан Ёп"),
        ("Жан-Клода Юнкера", "Жан-Клод Юнкер"),
        ("Жан-Клоде Юнкере", "Жан-Клод Юнкер"),
        ("Эммануэля Макрона", "Эммануэль Макрон"),
        ("Бориса Джонсона", "Борис Джонсон"),
        ("Олафа Шольца", "Олаф Шольц"),
        ("Джо Байдена", "Джо Байден"),
        ("Каи Каллас", "Кая Каллас"),
        ("Урсулы фон дер Ляйен", "Урсула фон дер Ляйен"),
        ("Башара аль-Асада", "Башар аль-Асад"),
        ("Винсента Ван Гога", "Винсент Ван Гог"),
        ("Тедросом Адханомом Гебрейесусом", "Тедрос Адханом Гебрейесус"),
        # the endings a surname the dictionary lacks is read by: -ь, -й, -ия, -а
        ("Александра Лебедя", "Александр Лебедь"),
        ("Леонида Гайдая", "Леонид Гайдай"),
        ("Звиада Гамсахурдии", "Звиад Гамсахурдия"),
        ("Леонидом Кучмой", "Леонид Кучма"),
        ("Артема Шмыгалёва", "Артем Шмыгалёв"),
        # the dictionary holds "Карина" as her given name alone: his surname Карин is read by its ending
        ("Андрея Карина", "Андрей Карин"),
        # adjectival surnames
        ("Максима Горького", "Максим Горький"),
        ("Льва Толстого", "Лев Толстой"),
        # hyphenated (double) surnames, each part in the nominative
        ("Михаила Салтыкова-Щедрина", "Михаил Салтыков-Щедрин"),
        ("Анной Петровой-Водкиной", "Анна Петрова-Водкина"),
        ("Анны Римской-Корсаковой", "Анна Римская-Корсакова"),
        ("Римского-Корсакова", "Римский-Корсаков"),
    ],
)
def test_a_name_comes_back_in_the_nominative(written: str, expected: str) -> None:
    assert nominative(written) == expected


@pytest.mark.parametrize(
    ("written", "case", "expected"),
    [
        # "по словам Казанцева": his genitive; "Казанцева сказала": her nominative
        ("Казанцева", "gent", "Казанцев"),
        ("Казанцева", "nomn", "Казанцева"),
        ("Казанцева", "accs", "Казанцев"),
        ("Казанцеву", "datv", "Казанцев"),
        ("Казанцеву", "accs", "Казанцева"),
        ("Казанцевым", "ablt", "Казанцев"),
        ("Казанцевой", "datv", "Казанцева"),
        ("Казанцеве", "loct", "Казанцев"),
        ("Пескова", "gent", "Песков"),
        ("Зеленской", "gent", "Зеленская"),
        ("Юнкере", "loct", "Юнкер"),
        ("Обаме", "datv", "Обама"),
        ("Малашенко", "gent", "Малашенко"),
        # the case of the construction decides an initial's surname too
        ("А. Казанцева", "gent", "А. Казанцев"),
        ("А.В. Казанцеву", "datv", "А.В. Казанцев"),
        ("Казанцеву А.В.", "datv", "Казанцев А.В."),
        ("Ж.-К. Юнкера", "gent", "Ж.-К. Юнкер"),
        ("Петрова-Водкина", "gent", "Петров-Водкин"),
        # pymorphy's second genitive and locative count as the case
        ("Казанцева", "gen2", "Казанцев"),
        ("Казанцеве", "loc2", "Казанцев"),
        # a foreign given name the dictionary lacks: only the case tells Антониу Гутерриш from a woman
        ("Антониу Гутерриша", "gent", "Антониу Гутерриш"),
        ("Си Цзиньпина", "gent", "Си Цзиньпин"),
    ],
)
def test_the_case_hint_decides_a_surname_alone(written: str, case: str, expected: str) -> None:
    assert nominative(written, case) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # with no hint and no given name, the reading that is already nominative wins
        ("Казанцева", "Казанцева"),
        ("А. Казанцева", "А. Казанцева"),
        # … where there is one: this is no nominative
        ("Казанцеву", "Казанцев"),
        ("Казанцевой", "Казанцева"),
        ("Зеленским", "Зеленский"),
        ("Шмыгалёву", "Шмыгалёв"),
        # a given name alone
        ("Сергея", "Сергей"),
    ],
)
def test_with_no_hint_the_nominative_is_preferred(written: str, expected: str) -> None:
    assert nominative(written) == expected


def test_a_hint_that_does_not_fit_the_name_does_not_decline_it() -> None:
    # the name is already nominative: read as a genitive, neither word can be
    assert nominative("Андрей Казанцев", "gent") == "Андрей Казанцев"
    # a hint that is no case is no hint
    assert nominative("Казанцеву", "dative") == "Казанцев"


@pytest.mark.parametrize(
    "written",
    [
        "Angela Merkel",
        "Merkel",
        "Jean-Claude Juncker",
        "представителя МИД",  # no name: lowercase words and an abbreviation
        "МИД",
        "Казанцева, Андрея",  # punctuation: not a name run
        "Андрея Казанцева 2",
        "",
        "   ",
        "Ивана Петрова Сидорова Кузнецова Смирнова Попова Васильева Морозова Новикова",  # no one's name
    ],
)
def test_what_is_no_russian_name_is_returned_as_given(written: str) -> None:
    assert nominative(written) == written


def test_spaces_are_kept_as_written() -> None:
    assert nominative(" Андрея  Казанцева ") == " Андрей  Казанцев "


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), st.sampled_from([None, "gent", "x"]))
def test_nominative_never_raises_and_leaves_other_scripts_alone(text: str, case: str | None) -> None:
    result = nominative(text, case)
    assert isinstance(result, str)
    if not any("а" <= c <= "я" or c == "ё" for c in text.lower()):
        assert result == text
    assert isinstance(same_person(text, "Андрей Казанцев"), bool)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a surname in any case, with or without the given name
        ("Казанцева", "Андрей Казанцев"),
        ("Казанцеву", "Андрей Казанцев"),
        ("Казанцева", "Казанцеву"),
        ("Андрея Казанцева", "Казанцевым"),
        ("Казанцев Андрей", "Андрея Казанцева"),
        ("Анна Казанцева", "Казанцевой"),
        ("Анны Казанцевой", "Анна Казанцева"),
        # initials
        ("А. Казанцев", "Андрей Казанцев"),
        ("В.В. Путин", "Владимир Владимирович Путин"),
        ("Владимира Владимировича Путина", "Путин"),
        ("Владимир Путин", "Владимир Владимирович Путин"),
        # a patronymic the dictionary lacks is no part of the surname
        ("Рамзана Зелимхановича Казанцева", "Казанцев"),
        # indeclinable and foreign names
        ("Малашенко", "Алексея Малашенко"),
        ("Ангелы Меркель", "Меркель"),
        ("Жан-Клода Юнкера", "Юнкер"),
        ("Урсула фон дер Ляйен", "фон дер Ляйен"),
        ("Марин Ле Пен", "Ле Пен"),
        ("Бориса Джонсона", "Джонсон"),
        ("Angela Merkel", "Merkel"),
    ],
)
def test_mentions_of_one_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Анна Казанцева is not Казанцев
        ("Казанцев", "Анна Казанцева"),
        ("Анны Казанцевой", "Андрей Казанцев"),
        # Андрей's surname in any case is never Казанцева, hers
        ("Андрея Казанцева", "Казанцевой"),
        # other given names, initials and patronymics
        ("Андрей Казанцев", "Алексей Казанцев"),
        ("Б. Казанцев", "Андрей Казанцев"),
        ("Владимир Иванович Путин", "Владимир Владимирович Путин"),
        # other surnames
        ("Лаврова", "Мария Захарова"),
        ("Юлии Навальной", "Навальный"),
        ("Angela Merkel", "Angela Dorothea"),
        ("", ""),
    ],
)
def test_mentions_of_two_people(a: str, b: str) -> None:
    assert not same_person(a, b)
    assert not same_person(b, a)


def test_the_analyzer_is_loaded_once_and_each_word_read_once() -> None:
    assert names._analyzer() is names._analyzer()
    names._token.cache_clear()
    nominative.cache_clear()  # (an earlier test may have read the same name: the words must be read here)
    nominative("Андрея Казанцева")
    read = names._token.cache_info().misses
    nominative("Андрея Казанцева", "gent")
    assert names._token.cache_info().misses == read
    assert names._token.cache_info().hits >= read


def test_importing_the_module_loads_no_dictionary() -> None:
    code = (
        "import sys, briefing.quotes.lang.ru.names as n; "
        "assert 'pymorphy3' not in sys.modules; "
        "assert n.nominative('Андрея Казанцева') == 'Андрей Казанцев'; "
        "assert 'pymorphy3' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ольга Прохорова", "femn"),
        ("Ирины Самсоновой", "femn"),
        ("Виктор Ломакин", "masc"),
        ("Андрея Белецкого", "masc"),
        ("Ломакин", ""),  # a surname alone does not say
        ("Nancy Pelosi", ""),  # nor a name in another script
        ("Саша Петренко", ""),  # nor a given name of either gender with an indeclinable surname
    ],
)
def test_gender_is_told_by_the_given_name(name: str, expected: str) -> None:
    assert gender(name) == expected


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Турции", True),  # a country in the genitive: what "премьер-министр" is of
        ("Газпрома", True),  # an organisation
        ("Новой", True),  # a place's adjective ("Новой Зеландии")
        ("Реджеп", False),  # a given name
        ("Лавров", False),  # a surname
        ("Морнингстар", False),  # a word the dictionary does not hold is no place
        ("Россия", False),  # in the nominative a place may be the subject, not what a role is of
    ],
)
def test_a_place_or_a_body_before_a_name_is_told_by_the_dictionary(word: str, place: bool) -> None:
    assert names.names_a_place(word) is place


@pytest.mark.parametrize(
    ("word", "group"),
    [("Арабы", True), ("Инвесторы", True), ("Демократы", True), ("Путин", False), ("Москва", False), ("Кремль", False)],
)
def test_a_plural_common_noun_is_a_group_not_a_name(word: str, group: bool) -> None:
    assert names.names_a_group(word) is group


@pytest.mark.parametrize(
    ("words", "whose"),
    [
        (["Путина", "Дмитрий", "Песков"], 1),  # Putin's press secretary Dmitry Peskov
        (["Гаева", "Александр", "Аснис"], 1),
        (["Медведева", "Аркадий", "Дворкович"], 1),
        (["Реджеп", "Тайип", "Эрдоган"], 0),  # one person's three names
        (["Путина", "Мария", "Ивановна"], 0),  # a woman's surname first, in the nominative, agreeing with her name
        (["Владимир", "Владимирович", "Путин"], 0),
        (["Дмитрий", "Песков"], 0),
        (["Сбербанка", "Ивана", "Петрова"], 1),  # a body's name before a person's, all in the genitive
        (["Петрова", "Ивана", "Сергеевича"], 0),  # surname first, in one case with the given name
    ],
)
def test_someone_elses_name_in_the_genitive_before_a_persons_own(words: list[str], whose: int) -> None:
    assert someone_elses(words) == whose


def test_the_principal_in_the_genitive_is_part_of_the_post_not_of_the_name() -> None:
    article = Article(
        id="x", title="", text="«Это неправда», — сказал пресс-секретарь Путина Дмитрий Песков.", language="ru"
    )
    (quote,) = get_extractor("ru").extract(article, ())
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.type) == (
        "Дмитрий Песков",
        "пресс-секретарь Путина",
        "official",
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("бывшего главного редактора французской газеты", "бывший главный редактор французской газеты"),
        ("главного экономиста банка", "главный экономист банка"),
        ("военного аналитика из Академии", "военный аналитик из Академии"),
        ("пресс-секретаря Кремля", "пресс-секретарь Кремля"),
        ("главой МИД", "глава МИД"),
        ("экспертов", "эксперты"),
        ("бывшей помощницы президента", "бывшая помощница президента"),
        # as it is: in the nominative already, or opening on a thing
        ("ведущий исследователь Института Брукингса", "ведущий исследователь Института Брукингса"),
        ("официальные лица", "официальные лица"),
        ("института международных исследований и специалиста", "института международных исследований и специалиста"),
    ],
)
def test_a_role_is_written_in_the_nominative_whatever_case_the_sentence_put_it_in(role: str, expected: str) -> None:
    assert role_in_nominative(role) == expected


def test_a_speaker_after_po_slovam_keeps_a_role_in_the_nominative() -> None:
    text = "По словам главного экономиста Сбербанка Ивана Петрова, рост экономики в следующем году замедлится."
    (quote,) = get_extractor("ru").extract(Article(id="x", title="", text=text, language="ru"), ())
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.type) == (
        "Иван Петров",
        "главный экономист Сбербанка",
        "analyst",
    )
