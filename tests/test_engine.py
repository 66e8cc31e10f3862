"""The language-neutral quote engine and the packs that run on it (Russian, German, French)."""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import ConfigError
from briefing.models import Article
from briefing.nlp import sentences
from briefing.quotes import extractor_for, get_extractor
from briefing.quotes.engine import QuoteEngine
from briefing.quotes.grammar import load_grammar
from briefing.quotes.rules import Rule, load_rules
from tests.conftest import ROOT

ENGINE = ROOT / "briefing" / "quotes" / "engine"  # the package; its rules are named in reader.py
LANGUAGES = ("ru", "de", "fr")


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" .,")


def _quotes(text: str, language: str) -> list[tuple[str, str, str, str]]:
    article = Article(id="t", title="", text=text, source="", origin="test", language=language)
    found = get_extractor(language).extract(article, sentences(article))
    return [
        (q.rule, q.content, q.speaker.name if q.speaker else "", q.speaker.type if q.speaker else "") for q in found
    ]


@pytest.mark.parametrize(
    ("rule", "index"),
    [(rule, i) for language in LANGUAGES for rule in load_rules(language) for i in range(len(rule.examples))],
    ids=lambda value: value.id if isinstance(value, Rule) else str(value),
)
def test_each_rule_finds_its_examples(rule: Rule, index: int) -> None:
    example = rule.examples[index]
    language = rule.id.partition(".")[0]
    found = [q for q in _quotes(example.text, language) if q[0] == rule.id]
    assert found, f"{rule.id} found nothing in {example.text!r}: {_quotes(example.text, language)}"
    wanted = _normal(example.quote)
    match = next((q for q in found if wanted in _normal(q[1]) or _normal(q[1]).startswith(wanted)), None)
    assert match is not None, f"{rule.id}: {[q[1] for q in found]} ≠ {example.quote!r}"
    assert match[2] == example.speaker


def engine_rule_names() -> set[str]:
    """The rules the engine names, without their language: "after.inverted", "indirect.that", …"""
    source = (ENGINE / "reader.py").read_text(encoding="utf-8")
    named = set(re.findall(r'\{(?:code|g\.code|self\.grammar\.code)\}\.([a-z]+(?:\.[a-z-]+)?)"', source))
    named |= {f"indirect.{name}" for name in re.findall(r'self\._span\(\s*\w+,\s*m,\s*"([a-z-]+)"', source)}
    named |= set(re.findall(r'"((?:before|indirect)\.[a-z-]+)"', source))  # (written out whole)
    return named


def test_every_rule_the_engine_names_is_listed_by_a_pack_and_every_listed_rule_is_the_engines() -> None:
    named = engine_rule_names()
    listed: set[str] = set()
    for language in LANGUAGES:
        ids = [rule.id for rule in load_rules(language)]
        assert len(ids) == len(set(ids)), f"{language}: a rule is listed twice"
        assert all(i.startswith(f"{language}.") for i in ids)
        listed |= {i.partition(".")[2] for i in ids}
    assert listed <= named, f"listed but never produced: {sorted(listed - named)}"
    # (a rule the engine has for English alone is listed, with its examples, by the English rules it takes over:
    # tests/test_engine_english.py runs them on the engine)
    english = {rule.id.partition(".")[2] for rule in load_rules("en")}
    assert named <= listed | english, f"produced but listed by no pack: {sorted(named - listed - english)}"


def test_the_engine_holds_no_word_of_any_language() -> None:
    """Its string constants (docstrings apart) carry no letter outside ASCII, and no run of three or more letters
    that is not a regular-expression name or flag: the words are the packs'."""
    modules = sorted(ENGINE.glob("*.py"))
    assert len(modules) > 1, "the engine's modules are not where this test looks"
    for module in modules:
        _assert_no_word_of_any_language(ast.parse(module.read_text(encoding="utf-8")))


def _assert_no_word_of_any_language(tree: ast.Module) -> None:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            letters = [c for c in node.value if c.isalpha() and not c.isascii()]
            assert not letters, f"a word of a language in the engine: {node.value!r}"
            assert all(unicodedata.category(c)[0] != "L" or c.isascii() for c in node.value)
            unknown = set(re.findall(r"[A-Za-z]{3,}", node.value)) - _ENGINE_VOCABULARY
            assert not unknown, f"a word of a language in the engine: {sorted(unknown)} in {node.value!r}"


#: the runs of three or more letters the engine's strings may hold, none a word read in an article: its regular
#: expressions' group names, its rules' ids, quote kinds, speaker types and genders, and the web's top-level domains a
#: site's address ends on ("NEWSru.com")
_ENGINE_VOCABULARY = frozenset(
    # group names
    "speaker content cue appositive after before mark more next object label rest verb word second name".split()
    # rule ids (their parts), quote kinds, speaker types, genders
    + "QuoteEngine about according answer block clause colon continuation continued dash dashes dialogue direct"
    " first gerund indirect inside interview introduced inverted joined last mixed mood normal paragraph person reported"
    " rules said sentence subject that this trailing unattributed view".split()
    + "analyst media official organization other femn masc".split()
    # top-level domains
    + "com net org info".split()
)


def test_packs_on_the_engine_load_their_grammar_and_english_keeps_its_own_rules() -> None:
    for language in LANGUAGES:
        grammar = load_grammar(language)
        assert grammar.code == language and grammar.cues and grammar.according_before
        assert isinstance(get_extractor(language), QuoteEngine)
    assert not isinstance(get_extractor("en"), QuoteEngine)
    # a language with no pack is read with the English rules; asking for it by name is an error
    assert extractor_for("es") is get_extractor("en")
    with pytest.raises(ConfigError, match="no quote extractor"):
        get_extractor("es")
    with pytest.raises(ConfigError, match="no grammar"):
        load_grammar("xx")


def test_russian_speakers_are_resolved_across_a_text() -> None:
    text = (
        "Политолог Андрей Казанцев считает, что переговоры затянутся.\n\n"
        "«Никто не готов уступить первым», — сказал Казанцев.\n\n"
        "Министр финансов Алексей Кудрин заявил, что бюджет будет исполнен. По его словам, дефицит сократится вдвое."
    )
    found = _quotes(text, "ru")
    assert [(rule, speaker, kind) for rule, _, speaker, kind in found] == [
        ("ru.indirect.that", "Андрей Казанцев", "analyst"),
        ("ru.after.inverted", "Андрей Казанцев", "analyst"),
        ("ru.indirect.that", "Алексей Кудрин", "official"),
        ("ru.indirect.according-first", "Алексей Кудрин", "official"),
    ]


def test_a_name_described_between_commas_before_the_verb_is_the_speaker_whatever_the_description() -> None:
    # (no role word in "seit zehn Jahren im Ort": the commas around it after a person's name say it describes them)
    found = _quotes("Gabi Schwab, seit zehn Jahren im Ort, sagte, dass die Schule im Sommer schließt.", "de")
    assert [(rule, content, speaker) for rule, content, speaker, _ in found] == [
        ("de.indirect.that", "die Schule im Sommer schließt", "Gabi Schwab")
    ]


def test_a_person_named_right_after_a_verb_of_saying_is_its_subject_whom_a_pronoun_then_stands_for() -> None:
    # (where the verb may come first: "warnte der Ökonom Paul Berger" opens on the verb, Berger is its subject)
    text = (
        "Der Minister Peter Roth lobte den Plan. Am Abend warnte der Ökonom Paul Berger vor den Kosten. "
        "Er forderte, »die Pläne sofort zu stoppen«."
    )
    assert [(speaker, kind) for _, _, speaker, kind in _quotes(text, "de")] == [("Paul Berger", "analyst")]
    # a quotation right after the attribution of one before goes on with it, though the attribution names its
    # speaker as a sentence's subject
    found = _quotes("«Мы не отступим», — заявила Анна Петрова. «Квоты останутся».", "ru")
    assert [(rule, speaker) for rule, _, speaker, _ in found] == [
        ("ru.after.inverted", "Анна Петрова"),
        ("ru.continuation", "Анна Петрова"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a reflexive pronoun between the verb and its subject
        (
            "Nicht gegen die Ehrung, wohl aber gegen die Eskalationspolitik der Bundesregierung sprach sich Hannes "
            "Gnauck (AfD) aus. Er forderte, »die größte Katastrophe zu verhindern«.",
            "Hannes Gnauck",
        ),
        # a description given after the name: the words before the name are all read as they stand
        (
            "Einen direkten Zusammenhang zwischen den hohen Meerestemperaturen und den Wetterextremen sieht Marc Olefs, "
            "Leiter der Abteilung Klimaforschung bei Geosphere Austria: „Wenn die Ozeane überhitzt sind, führt das zu "
            "einer Erwärmung“, sagte er.",
            "Marc Olefs",
        ),
    ],
)
def test_a_subject_after_the_verb_with_a_reflexive_between_or_a_description_after_it(
    sentence: str, speaker: str
) -> None:
    text = (
        "Der Klimaforscher Helge Gößling sprach von Hitze.\n\nVerteidigungsminister Boris Pistorius (SPD) nannte den Tag "
        f"ein »Zeichen der Wertschätzung«. {sentence}"
    )
    assert [name for _, _, name, _ in _quotes(text, "de")] == ["Boris Pistorius", speaker]


def test_a_person_quoted_bare_takes_the_description_the_article_gives_them_later() -> None:
    text = "„Wir bleiben hier“, sagte Anna Roth am Montag.\n\nDie Ökonomin Anna Roth forscht seit Jahren zur Region."
    assert [(speaker, kind) for _, _, speaker, kind in _quotes(text, "de")] == [("Anna Roth", "analyst")]


def test_german_reported_speech_goes_on_in_konjunktiv_until_the_writer_speaks() -> None:
    text = (
        "Der Plan sei gescheitert, sagte der Ökonom Martin Gruber vom Wifo. Man müsse nun neu verhandeln. "
        "Die Regierung tagt am Dienstag."
    )
    found = _quotes(text, "de")
    assert [(rule, content, speaker, kind) for rule, content, speaker, kind in found] == [
        ("de.indirect.trailing", "Der Plan sei gescheitert", "Martin Gruber", "analyst"),
        ("de.indirect.reported-mood", "Man müsse nun neu verhandeln", "Martin Gruber", "analyst"),
    ]


def test_a_plural_pronoun_never_stands_for_one_named_person() -> None:
    text = "Министр Олег Смирнов заявил, что завод закроют. Они утверждают, что решение окончательное."
    found = _quotes(text, "ru")
    assert found[0][2] == "Олег Смирнов"
    assert all(speaker != "Олег Смирнов" for _, _, speaker, _ in found[1:])


def test_briefing_quotes_reads_each_article_in_its_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ru.txt").write_text(
        "Квоты на экспорт зерна сохранят\n\n"
        "«Квоты сохранятся до конца сезона», — заявил министр сельского хозяйства Олег Смирнов. "
        "По словам экономиста Натальи Орловой, цены на хлеб при этом не вырастут.\n",
        encoding="utf-8",
    )
    (tmp_path / "de.txt").write_text(
        "Hafen bleibt geschlossen\n\n"
        "„Der Hafen bleibt bis Montag geschlossen“, sagte Bürgermeister Franz Huber am Freitag in der Stadt. "
        "Laut Polizei wurden bei den Protesten drei Personen leicht verletzt.\n",
        encoding="utf-8",
    )
    assert main(["quotes", str(tmp_path / "ru.txt"), str(tmp_path / "de.txt"), "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_language = {line["language"]: line["quotes"] for line in lines}
    assert set(by_language) == {"ru", "de"}
    assert [q["rule"].partition(".")[0] for q in by_language["ru"]] == ["ru", "ru"]
    assert by_language["ru"][0]["speaker"] == "Олег Смирнов"
    assert by_language["ru"][0]["speaker_type"] == "official"
    assert by_language["de"][0]["speaker"] == "Franz Huber"
    assert by_language["de"][1]["speaker"] == "Polizei"


def test_a_pronoun_of_one_gender_passes_over_a_speaker_of_the_other() -> None:
    text = (
        "«Квоты надо пересмотреть», — сказал губернатор Виктор Ломакин.\n\n"
        "Резче всех выступила министр сельского хозяйства области Ольга Прохорова.\n\n"
        "— Нам предлагают подождать. Это невозможно, — заявила она. — Хозяйства не переживут два сезона."
    )
    speakers = [speaker for _, _, speaker, _ in _quotes(text, "ru")]
    assert speakers == ["Виктор Ломакин", "Ольга Прохорова"]
    # a pronoun of the speaker's own gender still goes to the last speaker
    text = "«Квоты надо пересмотреть», — сказал губернатор Виктор Ломакин. «Мы будем добиваться своего», — добавил он."
    assert [speaker for _, _, speaker, _ in _quotes(text, "ru")] == ["Виктор Ломакин", "Виктор Ломакин"]


def test_what_a_speaker_is_comes_from_the_description_beside_their_name() -> None:
    # between commas after the name, in the attribution itself
    text = (
        "„Der Zug ist noch nicht abgefahren“, sagt Christiane Neumüller, Expertin für Zahlungsverkehr bei der "
        "Beratung Capco."
    )
    assert _quotes(text, "de") == [
        ("de.after.inverted", "Der Zug ist noch nicht abgefahren", "Christiane Neumüller", "analyst")
    ]
    # or where they were first named, for a later quote that gives the surname alone
    text = (
        "Иначе смотрит на ситуацию Ирина Самсонова, директор Центра исследований продовольственных рынков. "
        "Она напомнила о прошлом сезоне.\n\n«Регион потерял выход к причалу», — сказала Самсонова."
    )
    assert _quotes(text, "ru")[-1][2:] == ("Ирина Самсонова", "analyst")
    # but a clause of the writer's after a name is no description of them
    text = "D’après Antoine Keller, la région aurait intérêt à attendre : « Chacun veut dire que ce n’est pas lui. »"
    assert all(kind != "official" for _, _, _, kind in _quotes(text, "fr"))


def test_wie_reports_only_with_a_verb_of_saying_after_the_speaker() -> None:
    text = "Die Daten sollen so schnell wie möglich nutzbar sein. Der Plan sei gut, wie der Ökonom Martin Gruber sagte."
    assert _quotes(text, "de") == [("de.indirect.as-said", "Der Plan sei gut", "Martin Gruber", "analyst")]


def test_a_description_before_the_name_and_a_name_joined_by_a_particle() -> None:
    text = "Man werde nicht nachgeben, sagte der Fraktionsvorsitzende der Grünen im Landtag, Mathias Wagner."
    assert _quotes(text, "de")[0][2:] == ("Mathias Wagner", "official")
    text = "„Wir bleiben“, sagt der Milizenführer Ayman Sheib ad-Din über die neue Regierung."
    assert _quotes(text, "de")[0][2] == "Ayman Sheib ad-Din"


def test_a_name_closes_a_long_run_of_capitalised_words_and_two_people_may_share_a_surname() -> None:
    # the words of a country or a body before a name describe the person, however many there are
    text = (
        "Переговоры продолжатся, заявил министр иностранных дел Южной Кореи Пак Чин. По его словам, сроки не "
        "определены.\n\n"
        "Мать студента Ольга Серова пришла на суд. «Он ни в чём не виноват», — сказала Ольга Серова. "
        "Её сын Игорь Серов задержан в марте. «Я не знаю, где мой сын», — добавила Серова."
    )
    found = _quotes(text, "ru")
    assert [(speaker, kind) for _, _, speaker, kind in found] == [
        ("Пак Чин", "official"),
        ("Ольга Серова", "other"),
        ("Ольга Серова", "other"),
    ]
    german = (
        "Unter den Gästen ist Maria Haddad ad-Din. Ihr Bruder, der Oberst Samir Haddad ad-Din, fiel 2014.\n\n"
        "Die Lage sei schwierig, sagt der Arzt und Aktivist Karim Nasr ad-Din. "
        "„Wir brauchen Hilfe“, sagt Nasr ad-Din."
    )
    speakers = [speaker for _, _, speaker, _ in _quotes(german, "de")]
    assert speakers == ["Karim Nasr ad-Din", "Karim Nasr ad-Din"]


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        # a representative is typed by the body they speak for, before or after the word
        ("de", "Die Lage sei ruhig, sagte ein Pressesprecher der Polizei.", "official"),
        ("de", "Man werde verhandeln, sagte Kremlchef Wladimir Putin.", "official"),
        ("de", "Der Haushalt stehe, sagte Regierungssprecher Jan Berger.", "official"),
        ("ru", "«Погибших нет», — сообщил представитель ГИБДД Олег Петров.", "official"),
        ("ru", "«Выплаты начнутся в мае», — сказал руководитель департамента Иван Орлов.", "official"),
        ("fr", "« Nous ne fermerons pas », a déclaré la porte-parole de la préfecture.", "official"),
        # … and the word alone says nothing of the body: a press officer's "presse" is not the press (one who names
        # no body speaks for a company or an organisation: `representative_alone`)
        ("de", "Die Züge führen wieder, sagte Pressesprecher Tim Kohl.", "organization"),
        ("ru", "«Мы готовы к переговорам», — сказал генеральный директор компании Павел Зуев.", "organization"),
    ],
)
def test_a_representative_is_typed_by_the_body_they_speak_for(language: str, text: str, kind: str) -> None:
    found = _quotes(text, language)
    assert [k for _, _, _, k in found] == [kind], found


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a compound that ends on a report noun names its source: "nach Polizeiangaben", "Armeeangaben zufolge"
        ("Nach Polizeiangaben waren die meisten Passagiere Touristen aus Japan.", "Polizei", "official"),
        ("Armeeangaben zufolge wurden zwei Soldaten verletzt.", "Armee", "official"),
        ("Laut Regierungsangaben seien 40 Menschen gestorben.", "Regierung", "official"),
        ("Nach UNHCR-Angaben sind 35.000 Menschen in der Stadt eingeschlossen.", "UNHCR", "official"),
    ],
)
def test_a_report_nouns_compound_names_whose_report_it_is(text: str, speaker: str, kind: str) -> None:
    found = _quotes(text, "de")
    assert [(s, k) for _, _, s, k in found] == [(speaker, kind)], found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a speaker named by no name is written in the nominative: its head, and the adjectives before it
        ("Nach Angaben des Gerichts kam niemand zu Schaden.", "Gericht"),
        (
            "Nach Angaben des palästinensischen Gesundheitsministeriums wurden 20 Menschen getötet.",
            "palästinensische Gesundheitsministerium",
        ),
        ("Laut Vertretern der Regierung sei die Lage ruhig.", "Vertreter der Regierung"),
        # … what follows the head keeps its case
        ("Das sei falsch, sagte ein Sprecher des Bundestages.", "Sprecher des Bundestages"),
    ],
)
def test_a_german_body_or_role_named_by_no_name_is_written_in_the_nominative(text: str, speaker: str) -> None:
    assert [s for _, _, s, _ in _quotes(text, "de")] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "nach", up to two words in lower case and a noun of a report or a view: an "according to" whose source follows
        ("Nach ersten Ermittlungen der Polizei war der Bus nach einem Überholvorgang verunglückt.", "Polizei"),
        (
            "Der Abschuss rechtfertige sich nach Meinung der Umweltschutzorganisation durch die Gefahr.",
            "Umweltschutzorganisation",
        ),
        (
            "Nach den Worten des Parteichefs Pham Quang Nghi handelt es sich um die schwerste Katastrophe.",
            "Pham Quang Nghi",
        ),
        # … and no source when a verb follows the noun, or a possessive stands before it (the possessive rule's)
        ("Nach damaligen Aussagen war die Technik fast bereit für die Massenproduktion.", None),
    ],
)
def test_nach_and_a_noun_of_a_view_attribute_to_the_source_after_it(text: str, speaker: str | None) -> None:
    found = _quotes(text, "de")
    assert [s for _, _, s, _ in found] == ([speaker] if speaker else []), found


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("Ermittler", "official"),
        ("Polizist", "official"),
        ("Staatsanwältin", "official"),
        ("Zollbeamte", "official"),
        ("Außenamtssprecher", "official"),
        ("Papst", "organization"),
        # scientists and physicians of every field speak as analysts
        ("Neurologe", "analyst"),
        ("Endokrinologin", "analyst"),
        ("Statistiker", "analyst"),
        # a company's functions and their heads speak for it
        ("Vertriebsleiter", "organization"),
        ("Werksleiter", "organization"),
        ("Finanzvorstand", "organization"),
        ("Trainer", "other"),
    ],
)
def test_german_roles_of_the_state_the_church_and_companies(role: str, kind: str) -> None:
    assert [k for _, _, _, k in _quotes(f"Das sei falsch, sagte {role} Hans Müller am Montag.", "de")] == [kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the police by its old name, investigators, law enforcement and the rescue services are the state's
        ("Сотрудник милиции Иван Петров заявил, что задержанный дал показания.", "official"),
        ("Следователь Иван Петров заявил, что дело будет передано в суд.", "official"),
        ("Представитель правоохранительных органов сообщил, что подозреваемый задержан.", "official"),
        ("Источник в правоохранительных органах сообщил, что подозреваемый задержан.", "official"),
        ("Спасатели сообщили, что из завалов извлечены три человека.", "official"),
        # the state's ombudsmen
        ("«Это важно», — написал в Facebook бизнес-омбудсмен Борис Титов.", "official"),
        ("Уполномоченный по правам человека Татьяна Москалькова заявила, что жалоб стало больше.", "official"),
        # RT is a broadcaster, its head a journalist's voice
        ("Глава RT Маргарита Симоньян заявила, что переговоры шли легко.", "media"),
    ],
)
def test_russian_law_enforcement_and_rescue_services_are_officials(text: str, kind: str) -> None:
    assert [k for _, _, _, k in _quotes(text, "ru")] == [kind]


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        # a body by initials no lexicon knows is an organisation; one a lexicon knows keeps its type
        ("de", "RWE teilte mit, das Werk werde geschlossen.", "organization"),
        ("de", "Das Verfahren sei unfair, sagte das ECCHR.", "organization"),
        ("ru", "ГИМ сообщил, что выставка откроется в мае.", "organization"),
        ("de", "Die Lage sei ernst, sagte das BKA.", "official"),
    ],
)
def test_initials_no_lexicon_knows_are_an_organisations(language: str, text: str, kind: str) -> None:
    found = _quotes(text, language)
    assert [k for _, _, _, k in found] == [kind], found


def test_a_common_noun_read_as_a_name_is_no_ones_name() -> None:
    # in German every noun is capitalised: a speaker "Hebamme" is a description, not a person for the People appendix
    text = (
        "Die Geburtshilfe schließt. „Wir wissen nicht, wohin die Frauen gehen sollen“, sagte eine Hebamme. "
        "„Das ist bitter“, sagte Anna Roth."
    )
    article = Article(id="t", title="", text=text, source="", origin="test", language="de")
    found = get_extractor("de").extract(article, sentences(article))
    assert [(q.speaker.name, q.speaker.named) for q in found if q.speaker] == [("Hebamme", False), ("Anna Roth", True)]


def test_a_word_after_a_bodys_initials_is_the_bodys_name_in_the_latin_script() -> None:
    french = _quotes("« Les crédits manquent », a déclaré un porte-parole de SNCF Réseau.", "fr")
    assert [speaker for _, _, speaker, _ in french] == ["porte-parole de SNCF Réseau"]
    russian = _quotes("«Преступность снижается», — заявил глава МВД Колокольцев.", "ru")
    assert [speaker for _, _, speaker, _ in russian] == ["Колокольцев"]


def test_a_soft_hyphen_in_a_text_read_as_it_is_splits_no_speakers_name() -> None:
    text = "\u201eIn der Tat hat er neue Ma\u00dfst\u00e4be gesetzt\u201c, meint \u00adJens Aberle."
    assert [speaker for _, _, speaker, _ in _quotes(text, "de")] == ["Jens Aberle"]


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        # where a person belongs, said where they are named — a party in brackets, a body after a particle — types
        # them when they speak later under their surname alone
        ("de", "Lena Vogt (Linke) kritisierte den Plan. „Das ist Symbolpolitik“, sagte Vogt.", "official"),
        ("de", "Jan Kluge (ÖVP) stimmte zu. „Wir tragen das mit“, sagte Kluge.", "official"),
        (
            "de",
            "Eva Roth vom Center for Financial Studies der Universität Frankfurt sieht Risiken. "
            "„Das rechnet sich erst nach Jahren“, sagte Roth.",
            "analyst",
        ),
        ("ru", "Иван Орлов из Института экономики РАН не согласен. «Это ошибка», — сказал Орлов.", "analyst"),
        # a past post speaks for no body
        ("de", "„Das ist Symbolpolitik“, sagte die ehemalige Grünen-Vorsitzende Ricarda Lang.", "other"),
        ("ru", "«Это ошибка», — сказал бывший министр финансов Иван Орлов.", "other"),
        ("fr", "« C'est une erreur », a déclaré l'ancien ministre Jean Roux.", "other"),
        ("de", "„Das ist Symbolpolitik“, sagte die Grünen-Vorsitzende Ricarda Lang.", "official"),
        # … and nothing when the brackets or the words after the particle name no body a lexicon knows
        ("de", "Anna Kovacs (45) wohnt am Stadtrand. „Wir geben nicht auf“, sagte Kovacs.", "other"),
        ("de", "Tom Weber von nebenan hat es gesehen. „Es ging sehr schnell“, sagte Weber.", "other"),
    ],
)
def test_where_a_person_belongs_said_where_they_are_named_types_them_later(language: str, text: str, kind: str) -> None:
    found = _quotes(text, language)
    assert [k for _, _, _, k in found] == [kind], found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the clause's subject, named and described side by side, before the verb: not what follows the verb
        (
            "Petra Lenz, Leiterin der Grundschule Au sagte am Morgen: „Wir bleiben offen, so lange es geht.“",
            "Petra Lenz",
        ),
        (
            "Der Direktor des Tierparks, Jonas Reiter, bestätigte am Abend: „Alle Tiere sind wohlauf und versorgt.“",
            "Jonas Reiter",
        ),
        ("Karl Brunner, Verwalter des Heims, sagte dem Sender, dass niemand in Gefahr gewesen sei.", "Karl Brunner"),
        # a party in brackets belongs to no name; a pronoun after the verb is its subject, the rest its object
        ("Lena Vogt (Grüne) kritisierte, dass der Plan zu spät komme und zu wenig Geld vorsehe.", "Lena Vogt"),
        # after a representative and an article comes the body they speak for, not their name
        ("Das sagte ein Sprecher der RWTH Aachen: „Es gab keine Kooperation.“", "Sprecher der RWTH Aachen"),
        ("„Wir prüfen das“, sagte eine Sprecherin von Tiktok.", "Sprecherin von Tiktok"),
        # a word after a body's initials is more of the body's name (but a Russian surname after them is a person)
        ("„Die Kooperation ist beendet“, sagte ein Sprecher der TU München.", "Sprecher der TU München"),
        # how it was said ends the phrase: "wie folgt"
        ("Warum sie sich einigten, erklärt Anna Roth wie folgt: „Es gab keinen anderen Weg.“", "Anna Roth"),
        (
            "Dazu sagte Tom Berger: „Wir sind vorbereitet.“ Gleichzeitig betont er aber die Risiken: „Niemand weiß, wie lange es dauert.“",
            "Tom Berger",
        ),
        # a body's name after a name's particle is where they work; a name's particles lead to one word
        ("Der Handel bleibe schwach, sagte Eva Roth von der Deutschen Gesellschaft für Handelsfragen.", "Eva Roth"),
        ("„Das ist nicht hinnehmbar“, sagte EU-Kommissionspräsidentin Ursula von der Leyen.", "Ursula von der Leyen"),
    ],
)
def test_who_speaks_in_a_german_clause(text: str, speaker: str) -> None:
    found = _quotes(text, "de")
    assert found and all(s == speaker for _, _, s, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a separable verb joined again in a subordinate clause
        (
            "Wie das Umweltministerium mitteilte, sei der Fluss wieder sauber genug zum Baden.",
            [("sei der Fluss wieder sauber genug zum Baden", "Umweltministerium")],
        ),
        # a sentence in Konjunktiv I right after an attributed quotation carries it on
        (
            "„Das ist gefährlich“, warnte Maria Huber. Gerade Kinder seien dem Rauch schutzlos ausgesetzt.",
            [
                ("Das ist gefährlich", "Maria Huber"),
                ("Gerade Kinder seien dem Rauch schutzlos ausgesetzt", "Maria Huber"),
            ],
        ),
        # "laut X" inside a sentence, without commas: the speaker is the noun phrase after it
        (
            "Die Zahl der Anträge ist laut Statistischem Landesamt im Mai deutlich gestiegen.",
            [("Die Zahl der Anträge ist … im Mai deutlich gestiegen", "Statistischem Landesamt")],
        ),
        # a clause that opens on a pronoun introduces the quotation after its colon
        (
            "Klaus Meier leitet das Heim seit zehn Jahren. Er ist überzeugt: „So schlimm war es noch nie.“",
            [("So schlimm war es noch nie.", "Klaus Meier")],
        ),
        # a plural present: groups say things too
        (
            "Experten erwarten, dass die Preise im Herbst weiter steigen werden.",
            [("die Preise im Herbst weiter steigen werden", "Experten")],
        ),
    ],
)
def test_german_reported_speech_in_the_forms_news_uses(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(content, speaker) for _, content, speaker, _ in _quotes(text, "de")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the present with its pronoun written on after the quotation
        (
            "La maire Anne Roux a reçu les cheminots. « On ne fermera pas la ligne », prévient-elle.",
            [("On ne fermera pas la ligne", "Anne Roux")],
        ),
        (
            "Le politologue Luc Favre suit le dossier. « Le compte n'y est pas », analyse-t-il.",
            [("Le compte n'y est pas", "Luc Favre")],
        ),
        # a description before the name and a comma: what the person is, and who "le ministre" is later
        (
            "Le ministre délégué aux Transports, Paul Renaud, a visité la gare. « Nous tiendrons parole », a déclaré "
            "le ministre devant la presse.",
            [("Nous tiendrons parole", "Paul Renaud")],
        ),
        # a new verb of saying, and the role it named her by; a possessive "d'après ses calculs" is the person's
        (
            "« Il manque quatre millions », a réagi Claire Dumas, conseillère régionale. « Rien n'est réglé », a "
            "déclaré la conseillère.",
            [("Il manque quatre millions", "Claire Dumas"), ("Rien n'est réglé", "Claire Dumas")],
        ),
        (
            "L'économiste Marc Lenoir a étudié le dossier. D'après ses calculs, le car coûterait plus cher que le "
            "train.",
            [("le car coûterait plus cher que le train", "Marc Lenoir")],
        ),
        # "selon lui": a stressed pronoun stands for the person too
        (
            "Le sociologue Hugo Martin a suivi le débat. Selon lui, la région devra céder avant l'été.",
            [("la région devra céder avant l'été", "Hugo Martin")],
        ),
    ],
)
def test_french_attributions(text: str, expected: list[tuple[str, str]]) -> None:
    found = _quotes(text, "fr")
    assert [(content, speaker) for _, content, speaker, _ in found] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a title in quotation marks after the name is whom they told
        ("— Зерно никто не берёт, — сказал Иван Рябов «Деловому вестнику». — Весной нужен сев.", "Иван Рябов"),
        # a name first, then whom they told: the name alone, with what the article said of them before
        (
            "Политолог Игорь Зуев изучает регион. «Турция здесь надолго», — сказал Игорь Зуев Русской службе радио.",
            "Игорь Зуев",
        ),
        # a description with a place in it, then the name
        (
            "Глава хозяйства из Кременского района Николай Дьяченко говорит, что продал меньше трети урожая.",
            "Николай Дьяченко",
        ),
    ],
)
def test_russian_speaker_phrases(text: str, speaker: str) -> None:
    found = _quotes(text, "ru")
    assert found and all(s == speaker for _, _, s, _ in found), found


def test_a_plural_verb_after_kak_reports_a_body() -> None:
    found = _quotes("Как пояснили в пресс-службе министерства, методика едина для всех участников рынка.", "ru")
    assert [(rule, content, kind) for rule, content, _, kind in found] == [
        ("ru.indirect.according-first", "методика едина для всех участников рынка", "official")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "so X" between commas inside a sentence; never "So wie …" at its start
        (
            "Die Ökonomin Eva Brandt kennt den Markt. Im besten Fall, so Brandt, könne man die Preise halten.",
            [("Im besten Fall … könne man die Preise halten", "Eva Brandt", "analyst")],
        ),
        ("So wie die Dinge stehen, bleibt die Brücke gesperrt.", []),
        # a bank's economists speak as analysts; questions are quoted too
        (
            "„Wo bleibt der Aufschwung?“, fragt Lars Vogt, Chefvolkswirt der Nordbank.",
            [("Wo bleibt der Aufschwung?", "Lars Vogt", "analyst")],
        ),
        # "gehen … davon aus, dass" with words between
        (
            "Analysten gehen aber davon aus, dass der Index nur eine Pause einlegt.",
            [("der Index nur eine Pause einlegt", "Analysten", "analyst")],
        ),
    ],
)
def test_german_analysts_in_the_forms_news_uses(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(content, speaker, kind) for _, content, speaker, kind in _quotes(text, "de")] == expected


def test_german_inward_chevrons_pair_as_quotation_marks() -> None:
    # »…« (German and Austrian print) pair like „…“; a text printed with «…» keeps them outward
    inward = "»Wir geben nicht auf«, sagte Anna Kovacs. Sie nannte den Plan »folgerichtig, aber spät«."
    assert next((c, s) for _, c, s, _ in _quotes(inward, "de")) == ("Wir geben nicht auf", "Anna Kovacs")
    outward = "«Wir geben nicht auf», sagte Anna Kovacs."
    assert [(c, s) for _, c, s, _ in _quotes(outward, "de")] == [("Wir geben nicht auf", "Anna Kovacs")]
    russian = "«Мы не сдадимся», — сказала Анна Ковач. И добавила: «Никогда»."
    assert next(c for _, c, _, _ in _quotes(russian, "ru")) == "Мы не сдадимся"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Laut X" with no comma after it: the speaker is the noun phrase, the rest of the sentence the report
        (
            "Laut „Washington Post“ hatte Trump bereits 2021 Bondi eingesetzt, nachdem ein Vertrauter gegangen war.",
            "Washington Post",
        ),
        # when, where or to whom it was said may take more than a few words before the colon
        (
            "Anna Brandt leitet die Behörde. Brandt sagte deswegen im Gespräch mit dem Regionalsender: „Fahren Sie langsam.“",
            "Anna Brandt",
        ),
    ],
)
def test_german_speaker_after_laut_and_before_a_long_colon(text: str, expected: str) -> None:
    found = _quotes(text, "de")
    assert found and found[-1][2] == expected, found


def test_so_between_commas_attributes_only_to_someone() -> None:
    # "…, so wie früher, …" compares: no one's words
    assert _quotes("Die Preise steigen, so wie früher, jedes Jahr im Herbst um einige Prozent.", "de") == []


def test_an_outlet_quoting_someone_named_before_is_not_their_name() -> None:
    # "цитирует ИА Regnum Минченко": the outlet, then the person it quotes, named in full earlier
    text = (
        "Директор института Евгений Минченко изучает выборы. "
        "«Ключевым был момент, когда всё изменилось», — цитирует ИА Regnum Минченко."
    )
    assert [speaker for _, _, speaker, _ in _quotes(text, "ru")] == ["Евгений Минченко"]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        # a quotation no rule attributed, opening the sentence after one that reports someone, goes on with them
        (
            "de",
            "Ein Nachweis gelinge nur selten, sagt der Forscher Harald Prüß. „Es gibt keinen akzeptierten Biomarker.“",
            "Harald Prüß",
        ),
        (
            "ru",
            "Переговоры затянутся до весны, считает политолог Иван Орлов. «Никто не готов уступить первым.»",
            "Иван Орлов",
        ),
        # a clause that opens on a person, the verb of saying after them and words between
        ("de", "Veit sieht die Lage an den Märkten ebenfalls als ruhig an: „Die Zinsen bleiben, wo sie sind.“", "Veit"),
    ],
)
def test_a_quotation_goes_on_with_the_one_reported_just_before(language: str, text: str, speaker: str) -> None:
    found = _quotes(text, language)
    assert found and found[-1][2] == speaker, found


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a name's other spelling in brackets between it and what it is
        (
            "Йосси Альфер (Yossi Alpher), бывший аналитик разведки, изучает регион. «Союз продержится недолго», — "
            "сказал Альфер.",
            "Йосси Альфер",
            "analyst",
        ),
        # one word writing, and nothing else said of it, is a publication
        ("«Вашингтон ищет повод остаться в Сирии», — пишет Khorasan.", "Khorasan", "media"),
    ],
)
def test_who_a_russian_press_review_quotes(text: str, speaker: str, kind: str) -> None:
    assert [(s, k) for _, _, s, k in _quotes(text, "ru")] == [(speaker, kind)]


def test_a_russian_name_keeps_the_post_given_where_the_place_its_role_is_of_stands_before_it() -> None:
    # the country between the post and the name is the post's, not the name's; the speaker named later by two of
    # the three names is the same person, with the post; a party's faction leader is an official
    text = (
        "Во вторник премьер-министр Турции Реджеп Тайип Эрдоган прибыл в Киев. «Это признак важного шага», — сказал "
        "Реджеп Эрдоган.\n\nЛидер фракции КПРФ Владимир Беспалов опроверг эту информацию. «Избиратели против», — "
        "рассказал Беспалов."
    )
    assert [q[2:] for q in _quotes(text, "ru")] == [
        ("Реджеп Тайип Эрдоган", "official"),
        ("Владимир Беспалов", "official"),
    ]


def test_a_russian_speaker_named_in_latin_letters_alone_is_an_outlet_unless_described() -> None:
    # Russian writes a person's name in Cyrillic, a foreign one transliterated: a name in Latin letters alone is a
    # title's or a brand's, and the pack types it; a description says otherwise, and the brand is no part of the name
    # after it
    text = (
        "Кризис затянется надолго, пишет Frankfurter Allgemeine Zeitung. «Выхода нет», — резюмировала Die Welt.\n\n"
        "«Мы снизим цены», — заявил генеральный директор Hewlett-Packard Марк Херд."
    )
    assert [q[2:] for q in _quotes(text, "ru")] == [
        ("Frankfurter Allgemeine Zeitung", "media"),
        ("Die Welt", "media"),
        ("Марк Херд", "organization"),
    ]
    # German writes names in its own script: no such reading
    assert load_grammar("de").foreign_script_type is None


def test_a_german_outlet_told_is_cut_only_after_a_full_name_or_an_age() -> None:
    # after a noun, "der" + outlet may be whose the noun is: the phrase stays whole
    quotes = _quotes("„Das war knapp“, sagte die Moderatorin der ARD.", "de")
    assert [q[2:] for q in quotes] == [("Moderatorin", "media")]
    quotes = _quotes("„Das war knapp“, sagte eine Sprecherin der APA.", "de")
    assert [q[2:] for q in quotes] == [("Sprecherin der APA", "media")]


def test_a_german_role_is_the_last_speaker_whose_compound_role_ends_on_it() -> None:
    text = (
        "Gesundheitsminister Johannes Rauch verteidigte den Plan. „Wir haben keine Wahl“, sagte er. Der Minister "
        "betonte: „Das Geld ist da.“"
    )
    assert [q[2:] for q in _quotes(text, "de")] == [("Johannes Rauch", "official")] * 2


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("„Wir beten für die Opfer“, sagte der Salzburger Erzbischof Franz Lackner.", "de", "Franz Lackner"),
        # (a description with an elided article before the name and its comma: "l'archevêque de Paris, Laurent …")
        ("« Nous prions pour les victimes », a déclaré l'archevêque de Paris, Laurent Ulrich.", "fr", "Laurent Ulrich"),
    ],
)
def test_the_clergy_speak_for_their_church(text: str, language: str, speaker: str) -> None:
    assert [q[2:] for q in _quotes(text, language)] == [(speaker, "organization")]


def test_a_russian_group_opening_a_sentence_is_nobody_s_name() -> None:
    article = Article(id="t", title="", text="Арабы заявляют, что мир в регионе невозможен.", source="", origin="test")
    quotes = get_extractor("ru").extract(article, sentences(article))
    assert [(q.speaker.name, q.speaker.named) for q in quotes if q.speaker] == [("Арабы", False)]


def test_the_russian_central_bank_is_no_analysts_centre() -> None:
    text = "Председатель Центробанка Сергей Игнатьев отметил: «Инфляция снижается»."
    assert [q[2:] for q in _quotes(text, "ru")] == [("Сергей Игнатьев", "official")]
    text = "Директор Центра политических технологий Игорь Бунин считает, что выборы пройдут спокойно."
    assert [q[2:] for q in _quotes(text, "ru")] == [("Игорь Бунин", "analyst")]


def test_a_preposition_opening_a_german_sentence_begins_no_name() -> None:
    # "Vor Tagen" is two capitals, as German writes nouns, and no one's name: "er" is still Féraud
    text = (
        "Gemeindepräsident Nicolas Féraud wies die Vorwürfe zurück. Vor Tagen hatte er noch geschwiegen. Er kämpfte "
        'mit den Tränen, als er sagte: "Wir sind extrem traurig."'
    )
    assert [q[2] for q in _quotes(text, "de")] == ["Nicolas Féraud"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a reflexive verb of how it was said
        ("„Es ist ein guter Tag“, freute sich Bürgermeisterin Maria Huber.", "Maria Huber"),
        # the words after the noun phrase are the writer's; a name's particles are the name's
        ("„Das wird gelingen“, zeigte sich Ministerin Anna Huber überzeugt.", "Anna Huber"),
        ("„Wir brauchen Hilfe“, sagt Dissident Ayman Sheib ad-Din.", "Ayman Sheib ad-Din"),
    ],
)
def test_a_german_speaker_phrase_ends_on_its_noun(text: str, speaker: str) -> None:
    assert [q[2] for q in _quotes(text, "de")] == [speaker]


def test_german_er_passes_over_a_woman_her_role_names_and_a_retort_is_a_verb_of_saying() -> None:
    text = (
        "Umweltministerin Leonore Gewessler verteidigte den Plan. „Wir haben keine Wahl“, sagte sie. Kritik kam von "
        "Wirtschaftsminister Martin Kocher. „Das ist zu teuer“, sagte er. Gewessler widersprach: „Nichts tun ist "
        "teurer.“"
    )
    assert [q[2] for q in _quotes(text, "de")] == ["Leonore Gewessler", "Martin Kocher", "Leonore Gewessler"]


def test_a_name_and_a_colon_is_an_interview_s_answer_only_where_someone_asks() -> None:
    # no label asks anything: "Name: claim" is a headline, and what follows is the writer's
    text = (
        "Кристиан Йенсен: ЕС надо провести реформы.\n\nГлава МИД Дании Кристиан Йенсен — сторонник Евросоюза. Однако "
        "он считает, что союзу нужны перемены."
    )
    assert all(not rule.startswith("ru.interview") for rule, _, _, _ in _quotes(text, "ru"))
    # a label's paragraph that ends on no sentence's end is a subheading, not an answer
    text = (
        "Der Ökonom Martin Kocher im Gespräch.\n\nSTANDARD: Wie geht es weiter?\n\nMartin Kocher: Zinsen und Inflation "
        "im Überblick\n\nMartin Kocher: Wir rechnen mit einem Rückgang."
    )
    assert [(rule, speaker) for rule, _, speaker, _ in _quotes(text, "de")] == [
        ("de.interview.answer", "Martin Kocher")
    ]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("Laut einem Bericht der BBC haben Sicherheitskräfte die Frau getötet.", "de", "BBC"),
        ("Laut einer BBC-Recherche hatten drei Männer die Frau geschlagen.", "de", "BBC"),
    ],
)
def test_a_report_that_speaks_is_its_author_s(text: str, language: str, speaker: str) -> None:
    assert [q[2] for q in _quotes(text, language)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an outlet closing the sentence: its initials are no addressee, a site's address is one name
        ("Кандидатом на выборы стала лидер движения Марин Ле Пен, сообщает РИА «Новости».", "РИА «Новости»"),
        ("Бюро США по патентам выдало социальной сети патент, сообщает NEWSru.com.", "NEWSru.com"),
        # a report inside, which the outlet passes on, is its own speaker's
        ("Министр Игорь Щёголев заверил, что Россия готова к переговорам, сообщает РИА «Новости».", "Игорь Щёголев"),
    ],
)
def test_a_russian_outlet_closing_a_sentence_reports_it_unless_it_passes_on_another_s_report(
    text: str, speaker: str
) -> None:
    assert [q[2] for q in _quotes(text, "ru")] == [speaker]


def test_a_verb_and_speaker_between_commas_is_not_taken_before_a_that_clause_or_a_name() -> None:
    # ", sagte der Kleinen Zeitung, dass …": the subject stands before; ", …, Mathias Wagner, …": a name follows
    text = "Franz Webhofer, Verwalter der Heime, sagte der Kleinen Zeitung, dass es einen Notfallplan gibt."
    assert all(rule != "de.indirect.cue-inside" for rule, _, _, _ in _quotes(text, "de"))
    text = "Das Ticket, sagte der Fraktionsvorsitzende der Grünen, Mathias Wagner, sei ein großer Erfolg."
    assert all(rule != "de.indirect.cue-inside" for rule, _, _, _ in _quotes(text, "de"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("«Мы не отступим», — сказал глава профсоюза Иван Петров.", "organization"),
        ("«Мы не отступим», — сказал глава МИД Сергей Лавров.", "official"),
        # a body no lexicon knows: the head of it is an official, as the pack says
        ("«Мы не отступим», — сказал глава района Иван Петров.", "official"),
        # "главный" is any post's adjective, no head of anything; a coach is a role of sport's
        ("«Мы не отступим», — сказал главный тренер клуба Иван Петров.", "other"),
    ],
)
def test_a_russian_head_is_typed_by_the_body_he_heads(text: str, kind: str) -> None:
    assert [q[3] for q in _quotes(text, "ru")] == [kind]


@pytest.mark.parametrize(
    ("text", "language", "speaker", "kind"),
    [
        # a body's name in quotation marks between a post and a name is the post's body, not the name's first word
        (
            "Генеральный директор компании «Газпром» Алексей Миллер заявил, что цены вырастут.",
            "ru",
            "Алексей Миллер",
            "organization",
        ),
        (
            "Вечером главный редактор радиостанции «Эхо Москвы» Алексей Венедиктов сообщил, что пострадали двое.",
            "ru",
            "Алексей Венедиктов",
            "media",
        ),
        # and part of the post a later surname takes
        (
            "Так депутат Госдумы от «Справедливой России» Илья Пономарёв назвал её ударом. «Это удар», — сказал Пономарёв.",
            "ru",
            "Илья Пономарёв",
            "official",
        ),
        # a name that is all in quotation marks stays whole
        (
            "Laut „Washington Post“ hat sie bei vielen Pressekonferenzen eine führende Rolle gespielt.",
            "de",
            "Washington Post",
            "media",
        ),
        # of two lexicon entries that share words, the longer types: a general director is a company's officer,
        # whatever centre they direct
        (
            "«Она уедет», — сказал генеральный директор центра спорта «Самбо-70» Ренат Лайшев.",
            "ru",
            "Ренат Лайшев",
            "organization",
        ),
    ],
)
def test_a_body_s_name_in_quotation_marks_before_a_person_s_is_their_post_s(
    text: str, language: str, speaker: str, kind: str
) -> None:
    assert [q[2:] for q in _quotes(text, language)] == [(speaker, kind)]


@pytest.mark.parametrize(
    ("text", "language", "speaker", "kind"),
    [
        # a party speaking as a body is an organisation; its politicians are officials
        ("Die Sozialdemokraten teilten mit, man werde zustimmen.", "de", "Sozialdemokraten", "organization"),
        ("Die SPD erklärte, der Plan sei gut.", "de", "SPD", "organization"),
        ("SPD-Chef Lars Klingbeil sagte, man werde zustimmen.", "de", "Lars Klingbeil", "official"),
        ("КПРФ заявила, что выборы были нечестными.", "ru", "КПРФ", "organization"),
        ("Депутат от КПРФ Иван Петров заявил, что выборы были нечестными.", "ru", "Иван Петров", "official"),
    ],
)
def test_a_party_speaking_is_an_organisation_and_its_politicians_officials(
    text: str, language: str, speaker: str, kind: str
) -> None:
    assert [q[2:] for q in _quotes(text, language)] == [(speaker, kind)]


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a given name's initials are part of the name, and the post before it says what they are when the words
        # after it do not
        (
            "„Ein wenig, ja“, sagt US-Luftwaffengeneral C.Q. Brown, Vorsitzender der Vereinigten Stabschefs.",
            "C.Q. Brown",
            "official",
        ),
        # "Vereinte Nationen" are no club ("Verein") and no one's name
        (
            "Die Lage sei ernst, sagte ein Sprecher der Vereinten Nationen.",
            "Sprecher der Vereinten Nationen",
            "official",
        ),
        # a body's name and then a person's: the person
        ("„Das ist richtig“, sagt der Sprecher der Bahn Peter Müller.", "Peter Müller", "other"),
        ("Die Lage sei ernst, sagte ein Sprecher des Vereins.", "Sprecher des Vereins", "organization"),
    ],
)
def test_initials_in_a_name_and_a_body_s_adjectives_before_it(text: str, speaker: str, kind: str) -> None:
    assert [q[2:] for q in _quotes(text, "de")] == [(speaker, kind)]


def test_a_pronoun_with_no_person_before_it_is_the_body_the_sentence_before_opened_on() -> None:
    text = "Die Gewerkschaft Verdi kritisierte den Plan. „Das ist unsozial“, sagte sie."
    assert [q[2:] for q in _quotes(text, "de")] == [("Verdi", "organization")]


def test_a_body_s_initials_type_its_officer_by_what_the_article_spells_them_out_as() -> None:
    text = (
        "Ассоциация туроператоров России (АТОР) провела опрос. «Спрос упал вдвое», — сказала исполнительный директор "
        "АТОР Майя Ломидзе."
    )
    assert [q[2:] for q in _quotes(text, "ru")] == [("Майя Ломидзе", "organization")]


def test_a_double_surname_in_two_cases_is_one_person_shown_as_written_in_the_nominative() -> None:
    # the description comes with the name in the instrumental; the answers carry it in the nominative
    text = (
        "Интервью с Каролиной Бороньской-Грыневецкой — аналитиком Польского института международных отношений.\n\n"
        "Interia.pl: Выгоден ли выход Великобритании Путину?\n\n"
        "Каролина Бороньска-Грыневецка: Разумеется. Любое ослабление Европы ему выгодно."
    )
    speakers = {(q[2], q[3]) for q in _quotes(text, "ru") if q[2]}
    assert speakers == {("Каролина Бороньска-Грыневецка", "analyst")}


def test_a_name_in_brackets_is_another_spelling_not_someone_a_pronoun_can_stand_for() -> None:
    text = (
        "«Это победа Путина», — написал в Twitter бывший посол США в России Майкл Макфол (Michael McFaul). А в другом "
        "твите он пояснил, что Путин сожалел о распаде СССР и Варшавского договора."
    )
    speakers = [q[2] for q in _quotes(text, "ru")]
    assert speakers == ["Майкл Макфол", "Майкл Макфол"]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        ("ru", "Москва заявила, что не признает выборы.", "Москва"),
        ("de", "Moskau erklärte, die Sanktionen seien illegal.", "Moskau"),
        ("fr", "Kiev a affirmé que l'attaque avait été repoussée.", "Kiev"),
        ("fr", "La Chine a déclaré que la visite était une provocation.", "Chine"),
        ("de", "Peking erklärte, man werde reagieren.", "Peking"),  # (a capital of the pack's own list)
    ],
)
def test_a_country_or_a_capital_that_speaks_is_its_government(language: str, text: str, speaker: str) -> None:
    assert [(q[2], q[3]) for q in _quotes(text, language)] == [(speaker, "official")]


def test_a_person_quoted_bare_before_the_article_says_what_they_are_is_described_throughout() -> None:
    text = (
        "«Большого прогресса ждать нельзя», — говорит Лукаш Кулеса.\n\n"
        "«Имеет смысл вести переговоры», — говорит Мартен Мишло (Martin Michelot), сотрудник мозгового центра "
        "German Marshall Fund.\n\n"
        "«Страны НАТО озабочены», — говорит Лукаш Кулеса (Lukasz Kulesa), научный руководитель мозгового центра "
        "European Leadership Network."
    )
    speakers = [(q[2], q[3]) for q in _quotes(text, "ru")]
    assert speakers == [("Лукаш Кулеса", "analyst"), ("Мартен Мишло", "analyst"), ("Лукаш Кулеса", "analyst")]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        ("de", "„Wir wenden die Kriterien an“, sagt Dr. Alexander Schwarz.", "Alexander Schwarz"),
        ("ru", "«Мы не спешим», — заявил А. Кудрин.", "А. Кудрин"),
        (
            "fr",
            "Il faut des migrants, a déclaré le porte-parole du Kremlin, Dmitri Peskov. «C’est un besoin», a affirmé "
            "M. Peskov.",
            "Dmitri Peskov",
        ),
    ],
)
def test_a_title_s_or_an_initial_s_period_does_not_end_a_speaker(language: str, text: str, speaker: str) -> None:
    assert [q[2] for q in _quotes(text, language)][-1] == speaker


def test_a_german_noun_the_article_writes_after_an_article_opens_no_name() -> None:
    # "Angaben Hälfte" in a ticker's headline is two nouns, not a person whom "die Armee" of the next lines resolves to;
    # "Lehrer", written "die Lehrer" elsewhere, is the role before Andreas Heller's name, not his given name
    text = (
        "19.27 Uhr: Israels Armee hat laut eigenen Angaben Hälfte der Führungsriege getötet\n\n"
        "Die Angaben lassen sich nicht überprüfen. Die Truppe wolle ab Sonntag Bescheide verschicken, teilte die "
        "Armee mit.\n\n"
        "Die Lehrer sind skeptisch. „Die GPT ist absolut anpassbar und spart uns viel Zeit“, sagt Lehrer Andreas Heller."
    )
    speakers = {speaker for _, _, speaker, _ in _quotes(text, "de")}
    assert "Angaben Hälfte" not in speakers and "Andreas Heller" in speakers, speakers


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause after the verb's object: no one's words
        "Von diesen Sensoren gibt es vier, die am großen externen Tank untergebracht sind.",
        "Der Bericht schildert die Fehlerkette, welche schließlich zu der Tragödie führte.",
        "Der Bürgermeister lobte das Engagement des Vereins, der die Strecke attraktiver gestaltet hatte.",
        # a second verb of the same subject, and an indirect question of the writer's
        "Die Regierung begrüßte die Ankündigung, aber die Opposition lehnte sie entschieden ab.",
        "Das Dokument stellt anhand vieler Daten dar, wie sich das Klima auf der Erde langsam ändert.",
        # a sentence that opens on a subordinate clause names no speaker before its verb
        "Ob die Preise im Winter so hoch bleiben, lasse sich noch nicht absehen.",
        # nor when a verb of saying ends the subordinate clause: the main clause after it is the writer's
        "Wenn der Internationale Währungsfonds Sparmaßnahmen fordert, gehorcht der kenianische Staat.",
        "Als der Minister erklärte, man werde sparen, brach im Saal Jubel aus.",
    ],
)
def test_a_clause_of_the_writer_s_after_a_verb_and_a_comma_is_no_report(text: str) -> None:
    assert [q for q in _quotes(text, "de") if q[0] == "de.indirect.colon"] == []


def test_a_word_that_opens_subordinate_clauses_may_be_a_preposition_before_the_main_verb() -> None:
    text = "Während der Sitzung sagte Merkel, man werde im Herbst sparen."
    assert [(q[1], q[2]) for q in _quotes(text, "de")] == [("man werde im Herbst sparen", "Merkel")]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # an article before a verb in the mood of reported speech opens the report itself
        ("Die Polizei teilte mit, das sei ein Unfall gewesen.", "das sei ein Unfall gewesen"),
        ("Palästinensische Medien berichteten, der etwa 40-Jährige sei erschossen worden.", "der etwa 40-Jährige sei"),
        ("Das Ministerium teilte mit, die neuen Regeln gälten ab Montag.", "die neuen Regeln gälten ab Montag"),
    ],
)
def test_an_article_that_opens_a_report_after_a_comma_is_not_a_relative_pronoun(text: str, quote: str) -> None:
    found = _quotes(text, "de")
    assert any(q[0] == "de.indirect.colon" and _normal(q[1]).startswith(quote) for q in found), found


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # an "according to" inside a subordinate clause gives that clause, not the sentence
        (
            "Die Hunde trafen mit Verzögerung ein, da nach Angaben der Fluggesellschaft die Genehmigung zu spät "
            "beantragt worden war.",
            "da … die Genehmigung zu spät beantragt worden war",
            "Fluggesellschaft",
        ),
        (
            "Katar ist ein neuer Mitspieler, der laut der Agentur Reuters mit 17 Prozent bei VW einsteigen will.",
            "der … mit 17 Prozent bei VW einsteigen will",
            "Agentur Reuters",
        ),
        # the clause goes on over its verb's own "dass"
        (
            "In Japan wird am Sonntag gewählt, wobei es laut Umfragen danach aussieht, dass die Regierung die "
            "Mehrheit verliert.",
            "wobei es … danach aussieht, dass die Regierung die Mehrheit verliert",
            "Umfragen",
        ),
        # "das" before a verb opens the main clause: the sentence is the report
        (
            "Ob die Texte selbst verfasst wurden, das lässt sich laut dem Leseforscher Christian Dawidowski kaum "
            "überprüfen.",
            "Ob die Texte selbst verfasst wurden, das lässt sich … kaum überprüfen",
            "Christian Dawidowski",
        ),
    ],
)
def test_an_according_to_inside_a_subordinate_clause_gives_that_clause(text: str, content: str, speaker: str) -> None:
    found = [q for q in _quotes(text, "de") if q[0] == "de.indirect.according-inside"]
    assert [(q[1], q[2]) for q in found] == [(content, speaker)]


@pytest.mark.parametrize(
    "text",
    [
        # a question asks: "Ihrer Meinung nach" is the one asked, no report
        "Inwieweit ist der Plan Ihrer Meinung nach mit dem Grundgesetz vereinbar und wer trägt die Kosten?",
        # "so dass" and "so etwa" are no "so X,"
        "Die Flamme wurde gelöscht, so dass die Fackel durch das Mutterfeuer, das im Bus mitfuhr, neu entzündet "
        "werden musste.",
        "Die Besucher hatten mit anderen Widrigkeiten zu kämpfen, so etwa den niedrigen Temperaturen, die den "
        "ganzen Tag anhielten.",
    ],
)
def test_a_question_or_a_so_that_is_no_according_to(text: str) -> None:
    assert _quotes(text, "de") == []


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        # a body's initials in brackets after a name: where the person belongs; one no lexicon knows is a body's
        (
            "Anna Kessler (VKBZ) sprach vor dem Rathaus. „Die Regierung muss sich bewegen“, sagte Anna Kessler.",
            "de",
            "organization",
        ),
        # a country's are its state's
        ("Bill Burns (USA) reiste nach Kairo. „Wir sind nah an einer Einigung“, sagte Bill Burns.", "de", "official"),
        (
            "Анна Кесслер (ВКБЗ) выступила на митинге. «Правительство должно действовать», — сказала Анна Кесслер.",
            "ru",
            "organization",
        ),
        # past the name's other spelling, what the brackets say the person is
        (
            "Ларс Хансен (Lars Hansen, Социал-демократическая партия) выступил в парламенте. «Союзу нужны реформы», "
            "— считает Ларс Хансен.",
            "ru",
            "official",
        ),
    ],
)
def test_what_brackets_after_a_name_say_types_the_person(text: str, language: str, kind: str) -> None:
    found = _quotes(text, language)
    assert found and found[-1][3] == kind, found


@pytest.mark.parametrize(
    "text",
    [
        # a quotation alone in its paragraph with no closing stop is a subheading, nobody's words
        "Die Gruppe plant, den Anbieter Payconiq International zu kaufen.\n\n„Ein zweites PayPal reicht nicht“\n\nDie "
        "Banken wollen mehr.",
        # the one person named in a sentence that reports another's words does not introduce the next quotation
        "Selon elle, M. Macron a balayé l’idée d’un référendum. « Là-dessus, notre désaccord est total. »",
    ],
)
def test_a_subheading_or_a_report_before_a_quotation_introduces_no_one(text: str) -> None:
    language = "fr" if "Selon" in text else "de"
    assert [q for q in _quotes(text, language) if q[0].endswith("before.subject-sentence")] == []


@pytest.mark.parametrize(
    "text",
    [
        "„Das ist absurd“, protestierte die Abgeordnete Anna Huber.",
        "„Bleiben Sie zu Hause“, rät die Ärztin Anna Huber.",
        "„Trinken Sie viel Wasser“, empfiehlt die Ärztin Anna Huber.",
        "„Die Schulen bleiben offen“, informierte Schulleiterin Anna Huber.",
    ],
)
def test_german_verbs_of_protesting_advising_and_informing_attribute(text: str) -> None:
    assert [q[2] for q in _quotes(text, "de")] == ["Anna Huber"]


def test_russian_calling_something_so_is_a_verb_of_saying() -> None:
    # "назвал X «…»": the quoted words are the subject's, a mixed quote
    found = _quotes("Премьер-министр Японии Наото Кан назвал эту поездку «крайне прискорбной и недопустимой».", "ru")
    assert [(q[0], q[2]) for q in found] == [("ru.mixed.subject-cue", "Наото Кан")]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # printed without quotation marks: the first-person sentence before "…, sagt X" is the same quotation
        (
            "Das Team verlor knapp.\n\nWir haben alles gegeben. Am Ende hat es nicht gereicht, sagt Trainerin Anna "
            "Huber.",
            "Wir haben alles gegeben. Am Ende hat es nicht gereicht",
        ),
        # the writer's "wir" inside a clause is no speaker's
        (
            "Das erlebt der Mann, den wir nur Max nennen, am Morgen. Es ist alles dunkel, sagt er.",
            "Es ist alles dunkel",
        ),
    ],
)
def test_unmarked_words_said_before_a_trailing_attribution(text: str, quote: str) -> None:
    found = [q for q in _quotes(text, "de") if q[0] == "de.indirect.trailing"]
    assert [_normal(q[1]) for q in found] == [quote], found


def test_unmarked_words_after_a_colon_run_on_while_the_speaker_speaks() -> None:
    text = (
        "Der Trainer war wütend.\n\nYakin behauptete: Wir sind für einen Fehler bestraft worden. Ich verstehe das "
        "nicht. Die Mannschaft reiste am Abend ab."
    )
    found = [q for q in _quotes(text, "de") if q[2] == "Yakin"]
    assert [_normal(q[1]) for q in found] == ["Wir sind für einen Fehler bestraft worden. Ich verstehe das nicht"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a possessive and a noun before a colon are the owner's words, not a speaker named "Fazit"
        ("Trainer Max Huber war enttäuscht. Sein Fazit: „Wir haben verdient verloren.“", "Max Huber"),
        ("Die Ministerin Anna Berg sprach lange. Ihre Botschaft: „Wir geben nicht auf.“", "Anna Berg"),
    ],
)
def test_a_possessive_and_a_noun_before_a_colon_are_the_owner_s(text: str, speaker: str) -> None:
    assert [q[2] for q in _quotes(text, "de")] == [speaker]


def test_a_name_opening_on_an_adjective_after_an_article_is_a_body_s() -> None:
    # people's names take no article in German; "die Deutsche Bahn" is a company's, whichever lexicon lacks it
    text = "Die Deutsche Bahn erwartet viele Kunden. Man rechne mit sechs Millionen Abonnenten, teilte die Deutsche Bahn mit."
    assert [q[2:] for q in _quotes(text, "de")] == [("Deutsche Bahn", "organization")]
    # a person named after a noun and an article stays a person ("der Soldat Andrij")
    text = "Der Soldat Andrij ist müde. Das werde nicht passieren, sagt Soldat Andrij."
    assert [q[3] for q in _quotes(text, "de")] == ["other"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a public broadcaster by its initials, a court by its short name, a state office, a clinic's medical post
        ("„Das war fast ein Frühstart“, sagte NDR-Sprecher Wilfried Hark.", "media"),
        ("Das Gesetz sei verfassungswidrig, teilte das BVerfG am Dienstag mit.", "official"),
        ("Die Preise seien gestiegen, teilte das Statistische Landesamt mit.", "official"),
        ("Die Substanz sei bald verfügbar, sagt Jens Aberle, ärztlicher Leiter am Klinikum.", "analyst"),
        ("Der Lauf sei ein Erfolg gewesen, teilte der Veranstalter mit.", "organization"),
        ("Die Preise seien zu hoch, sagte ein Sprecher der Verbraucherzentrale.", "organization"),
        # a spokesperson of a body no lexicon knows, by its initials or its own name before a hyphen
        ("„Wir prüfen das“, sagte eine Tiktok-Sprecherin.", "organization"),
        ("„Wir prüfen das“, sagte ein Sprecher der RWTH Aachen.", "organization"),
        ("„Wir prüfen das“, sagte Pressesprecher Tim Stein.", "organization"),
        # (but one who names a body no lexicon knows is nobody's in particular)
        ("„Wir prüfen das“, sagte ein Sprecher der Familie.", "other"),
        # schools, museums and theatres speak through their heads
        ("„Wir prüfen das“, sagte Norbert Salcher, Schulleiter der Volksschule Tristach.", "organization"),
        ("„Wir prüfen das“, sagte Jörg Morré, Direktor des Museums Berlin-Karlshorst.", "organization"),
    ],
)
def test_german_lexicons_type_broadcasters_courts_offices_and_clinicians(text: str, kind: str) -> None:
    assert [q[3] for q in _quotes(text, "de")] == [kind]


@pytest.mark.parametrize(
    ("text", "content", "role"),
    [
        # a clause of the writer's after the speaker's comma — a conjunction of time, a relative clause — is neither
        # part of their words nor who they are
        (
            "Wir sind sehr zufrieden, sagte Ministerin Maria Berger, nachdem der Landtag das Gesetz beschlossen hatte.",
            "Wir sind sehr zufrieden",
            "Ministerin",
        ),
        (
            "Das war ein schwerer Tag, sagte Bürgermeister Jan Roth, der die Feuerwehr am Abend besuchte.",
            "Das war ein schwerer Tag",
            "Bürgermeister",
        ),
        # but a clause in the speaker's mood goes on with their words
        (
            "Der Vorschlag komme zu spät, sagte Botschafterin Eva Roth, da er an der Lage nichts mehr ändern könne.",
            "Der Vorschlag komme zu spät … da er an der Lage nichts mehr ändern könne",
            "Botschafterin",
        ),
    ],
)
def test_a_writers_clause_after_a_german_speaker_is_no_part_of_their_words_nor_their_role(
    text: str, content: str, role: str
) -> None:
    article = Article(id="t", title="", text=text, source="", origin="test", language="de")
    (quote,) = get_extractor("de").extract(article, sentences(article))
    assert quote.speaker is not None
    assert (quote.content, quote.speaker.role) == (content, role)


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        # sport's posts are roles before a name, and whom the speaker told stays out of it
        ("„Das wird schwer“, sagte Trainerin Maria Berger dem Sender.", "Maria Berger", "Trainerin"),
        ("„Das wird schwer“, sagte Nationalspieler Roth dem Portal sport.de.", "Roth", "Nationalspieler"),
        # and the text names them by it again
        (
            "Trainer Jan Roth hat Grund zur Freude. Der Trainer freut sich: „Ich bin froh, dass es wieder läuft.“",
            "Jan Roth",
            "Trainer",
        ),
    ],
)
def test_german_sport_posts_are_roles(text: str, speaker: str, role: str) -> None:
    article = Article(id="t", title="", text=text, source="", origin="test", language="de")
    (quote,) = get_extractor("de").extract(article, sentences(article))
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.role) == (speaker, role)


def test_demnach_after_a_semicolon_points_inside_its_own_sentence() -> None:
    # "demnach" in a sentence's first clause carries the report before it on; after a semicolon, what it points to
    # is in the same sentence, not the speaker before
    text = (
        "Die Firma teilte mit, sie werde Berufung einlegen. Dem Portal liegt das Urteil vor; demnach muss die Firma "
        "zahlen."
    )
    assert [content for _, content, _, _ in _quotes(text, "de")] == ["sie werde Berufung einlegen"]


@pytest.mark.parametrize(
    ("text", "role", "kind"),
    [
        # two posts of one person joined by "и", a study's author, a ratings agency
        (
            "«Это случается очень редко», — сказал директор музея и археолог Иван Петров.",
            "директор музея и археолог",
            "analyst",
        ),
        (
            "Автор исследования Брайан Приман отметил, что сегодня можно говорить о депрессии.",
            "Автор исследования",
            "analyst",
        ),
        (
            "Рейтинговое агентство Fitch отметило, что банк может не выплатить долги.",
            "Рейтинговое агентство Fitch",
            "analyst",
        ),
        # who they are, before a clause between commas that parts it from their name
        (
            "Руководитель пресс-службы «Новой газеты», где работала Политковская, Анна Смирнова отметила, что дата "
            "процесса не случайна.",
            "Руководитель пресс-службы",  # (of «Новой газеты», the organisation, as any body's name after a post)
            "media",
        ),
        # and after a dash
        (
            "Это сделает Кембридж, если Россия откажется, считает Таня Марш — профессор университета Уэйк Форест.",
            "профессор университета",
            "analyst",
        ),
    ],
)
def test_russian_descriptions_type_analysts_and_outlets(text: str, role: str, kind: str) -> None:
    article = Article(id="t", title="", text=text, source="", origin="test", language="ru")
    (quote,) = get_extractor("ru").extract(article, sentences(article))
    assert quote.speaker is not None
    assert (quote.speaker.role, quote.speaker.type) == (role, kind)


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # a text that prints no quotation marks: the sentence between two speakers' words is the second's
        (
            "Das Spiel war hart, sagte Anna Berger. Das Finale ist ein großes Ziel. Am Ende fehlte die Kraft, sagte "
            "Maria Roth.",
            "Das Finale ist ein großes Ziel. Am Ende fehlte die Kraft",
        ),
        # but not one that speaks of someone in the third person, nor in a text that marks its quotations
        (
            "Das Spiel war hart, sagte Anna Berger. Die Trainerin ist seit Mai im Amt. Am Ende fehlte die Kraft, "
            "sagte Maria Roth.",
            "Am Ende fehlte die Kraft",
        ),
        (
            "„Das Spiel war hart“, sagte Anna Berger. Das Finale ist ein großes Ziel. Am Ende fehlte die Kraft, "
            "sagte Maria Roth.",
            "Am Ende fehlte die Kraft",
        ),
    ],
)
def test_unmarked_words_between_two_attributions_are_the_second_speakers(text: str, second: str) -> None:
    assert [content for _, content, _, _ in _quotes(text, "de")][-1] == second


@pytest.mark.parametrize(
    ("text", "role", "organization", "kind"),
    [
        # what the sentence that opens on a name says the person is types them when they speak later
        (
            "Steffen Kauert leitet die Außenstelle Magdeburg der Autobahn GmbH. Die Schäden seien groß, sagte Kauert.",
            "Leiter",
            "Außenstelle Magdeburg der Autobahn GmbH",
            "organization",
        ),
        (
            "Anna Roth ist seit Mai Sprecherin der Polizei. „Wir ermitteln“, sagte Roth.",
            "Sprecherin der Polizei",
            "",
            "official",
        ),
        # a verb that says no role describes no one
        ("Anna Roth ist seit Mai in Berlin. „Wir ermitteln“, sagte Roth.", "", "", "other"),
    ],
)
def test_a_german_predicate_says_who_someone_is(text: str, role: str, organization: str, kind: str) -> None:
    article = Article(id="t", title="", text=text, source="", origin="test", language="de")
    (quote,) = get_extractor("de").extract(article, sentences(article))
    assert quote.speaker is not None
    assert (quote.speaker.role, quote.speaker.organization, quote.speaker.type) == (role, organization, kind)


def test_a_german_adverb_on_weise_is_no_reported_mood() -> None:
    # "teilweise" ends as the reported mood's verbs do; the sentence is the writer's, not the speaker's carried on
    text = "Die Kosten seien hoch, sagt Anna Roth. Bei Paypal zahlen die Händler die Gebühren, geben ihre Kosten teilweise weiter."
    assert [content for _, content, _, _ in _quotes(text, "de")] == ["Die Kosten seien hoch"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a representative of a body no lexicon knows, written in Latin letters: a company by its own name
        ("«Мы будем развивать стратегию», — сказал глава HP Дейв Донателли.", "organization"),
        ("«Нам нужно лучше понять рынок», — сказал представитель Philips.", "organization"),
        # a body a lexicon knows keeps its type, and one in Cyrillic no lexicon knows stays nobody's in particular
        ("«Мы будем развивать стратегию», — сказал глава МИД Иван Орлов.", "official"),
        ("«Мы будем развивать стратегию», — сказал представитель семьи Иван Орлов.", "other"),
    ],
)
def test_a_russian_representative_of_a_body_in_latin_letters_speaks_for_a_company(text: str, kind: str) -> None:
    assert [q[3] for q in _quotes(text, "ru")] == [kind]


def test_a_description_after_a_name_may_open_on_two_words_before_its_role() -> None:
    text = (
        "Марк Тоунер, исполняющий обязанности официального представителя Госдепартамента США, выступил сегодня со "
        "специальным заявлением: «Соединенные Штаты осуждают приговор»."
    )
    assert [(speaker, kind) for _, _, speaker, kind in _quotes(text, "ru")] == [("Марк Тоунер", "official")]


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("de", "Carsten Brzeski von der Direktbank ING erklärt dazu: „Die Zinsen steigen wieder.“", "analyst"),
        ("ru", "«Рубль укрепится», — сказал Антон Табах из рейтингового агентства «Эксперт РА».", "analyst"),
        ("ru", "«Ставка останется прежней», — сказала Ксения Юдаева из Банка России.", "official"),
    ],
)
def test_someone_at_a_bank_or_a_broker_with_no_post_of_their_own_is_an_analyst(
    language: str, text: str, kind: str
) -> None:
    assert [t for _, _, _, t in _quotes(text, language)] == [kind]


def test_a_person_named_and_described_before_the_verb_is_no_trailing_report() -> None:
    text = "Lars Schauer, Manager von Energie Cottbus, kritisierte die Entscheidung des Verbandes scharf."
    assert [rule for rule, _, _, _ in _quotes(text, "de")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Как отмечает директор Центра политической информации Алексей Мухин, власти готовятся к выборам.",
        "Как говорит политолог Алексей Мухин, власти готовятся к выборам.",
    ],
)
def test_kak_and_any_form_of_a_verb_of_saying_opens_an_according_to(text: str) -> None:
    assert [(content, speaker) for _, content, speaker, _ in _quotes(text, "ru")] == [
        ("власти готовятся к выборам", "Алексей Мухин")
    ]


@pytest.mark.parametrize(
    ("block", "found"),
    [
        # a title in marks inside the block is no quotation of its own
        ("Для этого города я подготовил выставку «Витамин Б». В экспозицию включены живописные серии.", True),
        # a quotation inside it is someone's words: the block is not read as one
        ("Для этого города я подготовил выставку, о которой критики писали: «это лучшая выставка года». Вот так.", False),
        ("«Для этого города я подготовил выставку», — добавил он.", False),
    ],
)
def test_a_paragraph_a_colon_introduces_is_a_block_quotation_when_it_quotes_no_one(block: str, found: bool) -> None:
    text = f"После официальной части все поднялись в зал.\n\nКирилл Бородин сказал:\n{block}\n\nИ работы наполнили зал.\n"
    blocks = [q for q in _quotes(text, "ru") if q[0] == "ru.before.block"]
    assert bool(blocks) is found
    if found:
        assert blocks[0][2] == "Кирилл Бородин"
