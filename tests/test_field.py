"""An article's field: the type someone quoted and described nowhere takes from what the article is about."""

from __future__ import annotations

from briefing.models import Article
from briefing.nlp import sentences
from briefing.quotes import get_extractor
from briefing.quotes.engine import QuoteEngine
from briefing.quotes.grammar import load_grammar

GOVERNMENT = (
    "The government's plan was debated in parliament on Monday. Labour MPs and Tory MPs clashed over the minister's "
    "figures, and the Treasury said the chancellor would answer the committee. The prime minister's party whips "
    'were busy.\n\n"We will not give way on this," said Tony Blair.'
)
BUSINESS = (
    "The company's shares rose after the firm reported profits. The carmaker's chief executive and its chairman "
    "met analysts at the bank, and the group's managing director spoke to the lender's board.\n\n"
    '"We will not give way on this," said Carlos Ghosn.'
)
NEITHER = 'The weather was fine on the day of the festival.\n\n"We will not give way on this," said Tony Blair.'


def _type(text: str, extractor: object) -> str:
    article = Article(id="t", title="", text=text, source="", origin="test", language="en")
    (quote,) = [q for q in extractor.extract(article, sentences(article)) if q.kind == "direct"]  # type: ignore[attr-defined]
    assert quote.speaker is not None
    return quote.speaker.type


def test_a_person_described_nowhere_takes_the_type_the_article_leans_to() -> None:
    for extractor in (get_extractor("en"), QuoteEngine("en")):
        assert _type(GOVERNMENT, extractor) == "official"
        assert _type(BUSINESS, extractor) == "organization"
        assert _type(NEITHER, extractor) == "other"  # (an article that leans nowhere types no one)


def test_a_described_person_keeps_their_own_type() -> None:
    text = GOVERNMENT.replace("said Tony Blair.", "said Jane Roe, a local resident.")
    assert _type(text, get_extractor("en")) == "other"


def test_the_field_leans_only_by_far() -> None:
    field = load_grammar("en").field
    assert field is not None
    assert field.lean(GOVERNMENT) == "official"
    assert field.lean(BUSINESS) == "organization"
    assert field.lean(GOVERNMENT + " " + BUSINESS) is None  # (both: no lean)
    assert field.lean("The minister spoke.") is None  # (too few)


def test_packs_whose_news_quotes_people_in_their_own_right_type_no_one_by_the_field() -> None:
    assert load_grammar("de").field is None and load_grammar("ru").field is None
    assert load_grammar("en").field is not None
