"""The language of each article (told, given or forced) and the brief in its reader's language.

The sample texts here and in tests/data/languages were written for these tests.
"""

from __future__ import annotations

import gettext
import json
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from briefing import BriefConfig, build_brief
from briefing.cli import main
from briefing.errors import ConfigError
from briefing.ingest import read_inputs
from briefing.models import Article
from briefing.nlp.language import BRIEF_LANGUAGES, LANGUAGES, brief_language, detect_language
from briefing.render import render_html, render_json, render_markdown
from briefing.render.email import render_email_text
from briefing.render.i18n import DEFAULT_TITLE, LOCALE_DIR, css_counters, format_date
from tests.conftest import DATA, FIXED_NOW, ROOT

LANGUAGE_DATA = DATA / "languages"

# Short news texts, as titles and first lines come: a handful per language.
SAMPLES = {
    "en": [
        "Ministers agree to raise the minimum wage next spring",
        "Talks between the unions and the port authority broke down on Tuesday night.",
        "The central bank kept interest rates unchanged, citing slowing inflation.",
    ],
    "ru": [
        "Правительство одобрило проект бюджета на следующий год",
        "Переговоры профсоюза с администрацией порта сорвались во вторник вечером.",
        "Центральный банк сохранил ключевую ставку, сославшись на замедление инфляции.",
    ],
    "de": [
        "Die Regierung billigt den Haushaltsentwurf für das kommende Jahr",
        "Die Gespräche zwischen Gewerkschaft und Hafenverwaltung scheiterten am Dienstagabend.",
        "Die Zentralbank ließ den Leitzins unverändert und verwies auf die sinkende Inflation.",
    ],
    "fr": [
        "Le gouvernement adopte le projet de budget pour l'année prochaine",
        "Les négociations entre le syndicat et la direction du port ont échoué mardi soir.",
        "La banque centrale a maintenu ses taux, invoquant le ralentissement de l'inflation.",
    ],
}


@pytest.mark.parametrize(("language", "text"), [(lang, text) for lang, texts in SAMPLES.items() for text in texts])
def test_the_language_of_a_short_news_text_is_told(language: str, text: str) -> None:
    assert detect_language(text) == language


def test_text_too_short_or_unclear_gets_the_default_and_cyrillic_a_cyrillic_language() -> None:
    assert detect_language("OK") == "en"
    assert detect_language("2026", default="de") == "de"
    assert detect_language("Brexit", default="fr") == "fr"
    assert detect_language("Путин", default="en") == "ru"  # too short to tell, but not English
    assert detect_language("Україна", default="en") == "uk"
    assert (
        detect_language("قال الوزير إن الميناء سيفتح يوم الاثنين. 港口发言人说，罢工已经结束。 Wir sind zurück.")
        == "en"
    )


def test_the_title_helps_a_short_text() -> None:
    assert detect_language("Sie tagen am Montag.", title="Die Regierung billigt den Haushaltsentwurf") == "de"


def _read(folder: Path, **options: str) -> dict[str, Article]:
    return {a.id: a for a in read_inputs([str(folder)], **options).articles}


def test_every_article_read_gets_its_language() -> None:
    articles = _read(LANGUAGE_DATA)
    assert {i: a.language for i, a in articles.items()} == {
        "de-hafen": "de",
        "fr-port": "fr",
        "ru-budget": "ru",
        "ru-port": "ru",
    }


def test_a_given_language_beats_detection(tmp_path: Path) -> None:
    french = "Les négociations entre le syndicat et la direction du port ont échoué mardi soir, selon les délégués."
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "text": french, "language": "de-AT"}), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": french, "language": "PL"}) + "\n", "utf-8")
    (tmp_path / "c.md").write_text(f"---\ntitle: Grève\nlanguage: it\n---\n{french}\n", encoding="utf-8")
    (tmp_path / "d.md").write_text(f"---\ntitle: Grève\nlang: es\n---\n{french}\n", encoding="utf-8")
    # a language the file names in words, not as a code, is no code: the text is read instead
    (tmp_path / "e.json").write_text(json.dumps({"id": "e", "text": french, "language": "Russian"}), "utf-8")
    languages = {i: a.language for i, a in _read(tmp_path).items()}
    assert languages == {"a": "de", "b": "pl", "c": "it", "d": "es", "e": "fr"}


def test_a_page_keeps_its_declared_language_unless_its_words_clearly_say_otherwise(tmp_path: Path) -> None:
    def page(lang: str, title: str, body: str) -> str:
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1><p>{body}</p></article></body></html>"
        )

    german = (
        "Die Gespräche zwischen Gewerkschaft und Hafenverwaltung scheiterten am Dienstagabend. "
        "Beide Seiten wollen am Donnerstag erneut verhandeln, teilte die Gewerkschaft mit."
    )
    (tmp_path / "declared.html").write_text(page("de-DE", "Streik", german), encoding="utf-8")
    (tmp_path / "site-wide.html").write_text(page("en", "Streik im Hafen", german), encoding="utf-8")
    (tmp_path / "unclear.html").write_text(page("pl", "OK", "Ok, 12:00, 2026, UEFA, NATO."), encoding="utf-8")
    languages = {i: a.language for i, a in _read(tmp_path).items()}
    assert languages == {"declared": "de", "site-wide": "de", "unclear": "pl"}


def test_language_forces_every_article_and_default_language_fills_the_unclear(tmp_path: Path) -> None:
    assert {a.language for a in _read(LANGUAGE_DATA, language="fr").values()} == {"fr"}
    (tmp_path / "short.txt").write_text("NATO\n\n12:00 UTC.\n", encoding="utf-8")
    assert _read(tmp_path, default_language="de")["short"].language == "de"


def test_quotes_json_lines_carry_each_articles_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", str(LANGUAGE_DATA), "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {d["id"]: d["language"] for d in lines} == {
        "de-hafen": "de",
        "fr-port": "fr",
        "ru-budget": "ru",
        "ru-port": "ru",
    }
    assert main(["quotes", str(LANGUAGE_DATA), "--json", "--language", "DE"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {d["language"] for d in document["articles"]} == {"de"}


@pytest.mark.parametrize(
    "args",
    [
        ["quotes", str(LANGUAGE_DATA), "--language", "xx"],
        ["summarize", str(LANGUAGE_DATA), "--language", "russian"],
        ["generate", str(LANGUAGE_DATA), "-o", "-", "--format", "json", "--language", "jp"],
        ["generate", str(LANGUAGE_DATA), "-o", "-", "--format", "json", "--brief-language", "uk"],
    ],
)
def test_an_unknown_language_is_bad_usage_naming_the_known_ones(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "language" in err
    assert "en, ru, de, fr" in err


def test_the_language_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="default_language"):
        BriefConfig(default_language="xx")
    with pytest.raises(ConfigError, match="brief_language must be a language the brief is translated into"):
        BriefConfig(brief_language="pl")
    assert BriefConfig(language="uk", brief_language="ru").language == "uk"


def test_the_brief_json_gives_each_articles_language_and_the_briefs(clock: Callable[[], datetime]) -> None:
    brief, _ = build_brief([str(LANGUAGE_DATA)], BriefConfig(), clock=clock)
    data = json.loads(render_json(brief))
    assert data["language"] == "ru"  # two articles of four: the most met
    languages = {a["id"]: a["language"] for s in data["stories"] for a in s["articles"]}
    assert languages == {"de-hafen": "de", "fr-port": "fr", "ru-budget": "ru", "ru-port": "ru"}


def test_the_brief_is_in_the_language_most_articles_are_in() -> None:
    def a(language: str) -> Article:
        return Article(id=language, title="", text="x", language=language)

    assert brief_language([a("de"), a("fr"), a("de")]) == "de"
    assert brief_language([a("fr"), a("de")]) == "fr"  # a tie: the first met
    assert brief_language([a("uk"), a("uk"), a("ru")]) == "en"  # no translation into Ukrainian
    assert brief_language([]) == "en"


@pytest.fixture
def russian_brief(clock: Callable[[], datetime]) -> str:
    brief, _ = build_brief([str(LANGUAGE_DATA)], BriefConfig(), clock=clock)
    assert brief.language == "ru"
    return render_html(brief, for_print=True)


def test_a_russian_brief_has_russian_labels_and_says_so(russian_brief: str) -> None:
    html = russian_brief
    assert '<html lang="ru">' in html
    for label in ("Сводка", "Содержание", "Источники", "Коротко", "4 сюжета", "4 статьи", "из 4 источников"):
        assert label in html, label
    assert '"стр. " counter(page) " из " counter(pages)' in html
    assert "среда, 25 ноября 2026" in html  # the fixed clock's date, in Russian
    for english in (">Contents<", ">Sources<", ">At a glance<", "Made by briefing", '"page "', "News brief"):
        assert english not in html, english
    assert '<h1 class="title">Сводка новостей</h1>' in html  # the default title, translated


def test_a_title_given_is_kept_and_quotations_take_the_briefs_marks(clock: Callable[[], datetime]) -> None:
    articles = str(ROOT / "examples" / "ru")
    brief, _ = build_brief([articles], BriefConfig(title="Зерно: утренний обзор"), clock=clock)
    assert brief.title == "Зерно: утренний обзор"
    html = render_html(brief)
    views = re.findall(r'<li class="view view-direct"[^>]*>• (.)', html)
    assert views and set(views) == {"«"}
    brief, _ = build_brief([articles], BriefConfig(brief_language="de"), clock=clock)
    assert brief.title == "Nachrichtenüberblick"
    assert set(re.findall(r'<li class="view view-direct"[^>]*>• (.)', render_html(brief))) == {"„"}
    brief, _ = build_brief([articles], BriefConfig(brief_language="en"), clock=clock)
    assert brief.title == DEFAULT_TITLE == BriefConfig().title
    assert set(re.findall(r'<li class="view view-direct"[^>]*>• (.)', render_html(brief))) == {"“"}


def test_a_mixed_brief_marks_the_articles_in_other_languages(russian_brief: str) -> None:
    html = russian_brief
    german = re.search(r'<h2 class="headline"[^>]*>Streik im Hafen', html)
    french = re.search(r'<h2 class="headline"[^>]*>La grève', html)
    russian = re.search(r'<h2 class="headline"[^>]*>Забастовка', html)
    assert german and 'lang="de"' in german.group(0)
    assert french and 'lang="fr"' in french.group(0)
    assert russian and "lang=" not in russian.group(0)  # the brief's own language is said once, on <html>
    assert re.search(r'<p class="sentence"[^>]*lang="de"[^>]*>Der Streik', html)
    assert re.search(r'<li dir="ltr" lang="fr">\s*<span id="src-fr-port">', html)


def test_the_brief_language_can_be_chosen_and_dates_follow_it(
    clock: Callable[[], datetime], capsys: pytest.CaptureFixture[str]
) -> None:
    brief, _ = build_brief([str(LANGUAGE_DATA)], BriefConfig(brief_language="de"), clock=clock)
    html = render_html(brief)
    assert '<html lang="de">' in html
    assert "Mittwoch, 25. November 2026, 07:00 UTC" in html  # the cover's date, as German writes it
    assert "24. November 2026, 09:00" in html  # an article's date
    assert ">Inhalt<" in html and ">Quellen<" in html
    assert re.search(r'<h2 class="headline"[^>]*lang="ru"[^>]*>Забастовка', html)
    md = render_markdown(brief)
    assert "## Quellen" in md and "4 Themen · 4 Artikel aus 4 Quellen" in md
    text = render_email_text(brief)
    assert "QUELLEN" in text and "Erstellt mit briefing" in text
    assert main(["generate", str(LANGUAGE_DATA), "-o", "-", "--format", "md", "--brief-language", "fr", "-q"]) == 0
    assert "Produit par briefing" in capsys.readouterr().out


def test_dates_in_each_language() -> None:
    when = FIXED_NOW
    assert format_date(when, "%d %B %Y", "en") == "25 November 2026"
    assert format_date(when, "%d %B %Y", "de") == "25. November 2026"
    assert format_date(when, "%d %B %Y", "fr") == "25 novembre 2026"
    assert format_date(when, "%d %B %Y", "ru").startswith("25 ноября 2026")
    assert format_date(when, "%a %d %b", "de") == "Mi. 25 Nov."  # a format of one's own: the names translated
    assert format_date(when, "%B %%B", "fr") == "novembre %B"


def test_the_page_counter_becomes_css() -> None:
    assert css_counters("page {page} of {pages}") == '"page " counter(page) " of " counter(pages)'
    assert css_counters('{page}/{pages} "x"') == 'counter(page) "/" counter(pages) " \\"x\\""'


def test_plural_forms_follow_each_language(clock: Callable[[], datetime], tmp_path: Path) -> None:
    shutil.copy(LANGUAGE_DATA / "ru-port.md", tmp_path)
    brief, _ = build_brief([str(tmp_path)], BriefConfig(), clock=clock)
    html = render_html(brief)
    assert "1 сюжет ·" in html and "1 статья" in html and "из 1 источника" in html
    translations = gettext.translation("briefing", str(LOCALE_DIR), languages=["ru"])
    assert [translations.ngettext("%(num)d article", "%(num)d articles", n) % {"num": n} for n in (1, 3, 5, 21)] == [
        "1 статья",
        "3 статьи",
        "5 статей",
        "21 статья",
    ]


def test_an_english_brief_is_marked_english(clock: Callable[[], datetime], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    brief, _ = build_brief(["examples/en"], BriefConfig(), clock=clock)
    assert brief.language == "en" and {a.language for a in brief.articles} == {"en"}
    html = render_html(brief)
    assert '<html lang="en">' in html and ' lang="' not in html.replace('<html lang="en">', "")


def _forms(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (str(value),)


def _template_messages() -> set[str]:
    mapping = [(f"**{suffix}", "jinja2") for suffix in (".html", ".md", ".txt", ".css")]
    return {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(str(ROOT / "templates"), method_map=mapping, options_map={})
    }


@pytest.mark.parametrize("language", [code for code in BRIEF_LANGUAGES if code != "en"])
def test_every_label_is_translated_and_the_shipped_catalog_is_the_compiled_one(language: str) -> None:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "briefing.po"
    with po_path.open("rb") as fh:
        po = read_po(fh, locale=language)
    with po_path.with_suffix(".mo").open("rb") as fh:
        mo = read_mo(fh)
    translated = {m.id if isinstance(m.id, str) else m.id[0]: _forms(m.string) for m in po if m.id}
    missing = _template_messages() - {k for k, v in translated.items() if all(v)}
    assert not missing, f"{language}: not translated: {sorted(missing)} (see docs/templates.md, Translations)"
    compiled = {m.id if isinstance(m.id, str) else m.id[0]: _forms(m.string) for m in mo if m.id}
    assert compiled == translated, (
        f"{language}: briefing.mo is stale: run pybabel compile -d briefing/locale -D briefing"
    )


def test_the_detector_knows_every_brief_language() -> None:
    assert set(BRIEF_LANGUAGES) <= set(LANGUAGES)


# Letters the brief must draw from the articles of its users' press, each in a word of its language.
LETTERS = {"é": "Élysée", "ü": "Bürgermeister", "ß": "Straße", "ё": "ещё", "Ж": "Жуковский"}


def test_cyrillic_and_accented_latin_come_out_of_the_pdf_drawn_and_the_pdf_says_its_language(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tests.test_hostile import _embedded_fonts, _families_with_glyph

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ru.txt").write_text(
        "Жуковский ответил ещё раз\n\nЖуковский ответил ещё раз на вопросы депутатов. Заседание продолжалось до вечера.\n",
        encoding="utf-8",
    )
    (inputs / "de.txt").write_text(
        "Der Bürgermeister sperrt die Straße\n\nDer Bürgermeister sperrt die Straße am Hafen. Die Polizei leitet den "
        "Verkehr um.\n",
        encoding="utf-8",
    )
    (inputs / "fr.txt").write_text(
        "L'Élysée répond aux syndicats\n\nL'Élysée a répondu mardi aux syndicats. Une réunion est prévue jeudi.\n",
        encoding="utf-8",
    )
    out = tmp_path / "brief.pdf"
    assert main(["generate", str(inputs), "-o", str(out), "--tagged-pdf", "--brief-language", "ru", "-q"]) == 0
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for word in (*LETTERS.values(), "СОДЕРЖАНИЕ", "3 сюжета", "стр. 1 из 3"):
        assert word in text, word
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    if shutil.which("fc-list") is None:
        return
    embedded = _embedded_fonts(out.read_bytes())
    for char in LETTERS:
        families = _families_with_glyph(char)
        assert any(font.startswith(family) for font in embedded for family in families), (
            f"{char} is drawn with none of the fonts that have it ({sorted(families)}); the PDF embeds {sorted(embedded)}"
        )
