"""Property-based tests: on arbitrary Unicode the splitter, the quote finder, the readers and the
clustering never raise, and every offset they return lies inside the text it points into."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cluster import group_articles
from briefing.cluster.dedup import canonical_url
from briefing.errors import InputError
from briefing.ingest.decode import decode_bytes
from briefing.ingest.feeds import html_paragraphs, looks_like_feed
from briefing.ingest.readers import READERS, clean_text
from briefing.models import Article
from briefing.nlp import mask
from briefing.nlp import sentences as split
from briefing.nlp.splitter import split_paragraphs, split_sentences
from briefing.quotes import RuleQuoteExtractor

# text with a bias towards what breaks news parsers: quote marks of every kind, dashes,
# abbreviations, blank lines, right-to-left marks, any letters and symbols (CJK, emoji), NULs
MARKS = st.sampled_from([*list("“”„‟«»‹›\"'‘’—–-.?!:;,\n\n\t \u200f\u202e\x00"), "said", "Mr.", "U.S.", "he said,"])
LETTERS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30)
TEXT = st.lists(st.one_of(LETTERS, MARKS), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_splitter_offsets_lie_inside_the_text_and_do_not_overlap(text: str) -> None:
    last = 0
    for start, end in split_sentences(text):
        assert 0 <= start < end <= len(text)
        assert start >= last
        last = end
    for start, end in split_paragraphs(text):
        assert 0 <= start <= end <= len(text)


# the same for the languages with rules of their own: their abbreviations and quotation marks
FOREIGN_MARKS = st.sampled_from(
    ["т. е.", "г.", "ген.", "z. B.", "am 3.", "M.", "av. J.-C.", " »", "« ", "„", "“", "— "]
)
FOREIGN = st.lists(st.one_of(LETTERS, MARKS, FOREIGN_MARKS), max_size=60).map("".join)


@SETTINGS
@given(FOREIGN, st.sampled_from(["ru", "de", "fr"]))
def test_each_language_splits_inside_the_text_without_overlap(text: str, language: str) -> None:
    last = 0
    for start, end in split_sentences(text, language=language):
        assert 0 <= start < end <= len(text)
        assert start >= last
        last = end
    for start, end in split_paragraphs(text, language):
        assert 0 <= start <= end <= len(text)
    masked = mask(text, language)
    assert len(masked) == len(text)


@SETTINGS
@given(TEXT, TEXT)
def test_quote_finder_never_raises_and_quotes_are_the_article_text(title: str, text: str) -> None:
    if not text.strip():
        return
    article = Article(id="a", title=title, text=text)
    sentences = split(article)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    for quote in RuleQuoteExtractor().extract(article, sentences):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        for start, end in quote.parts:
            assert quote.start <= start < end <= quote.end
        quote.content  # noqa: B018 - must not raise


@SETTINGS
@given(st.binary(max_size=400))
def test_readers_never_raise_anything_but_input_errors(data: bytes) -> None:
    try:
        text = decode_bytes(data, name="x")
    except InputError:
        return
    for suffix in (".txt", ".md", ".json", ".jsonl", ".eml"):
        try:
            for article in READERS[suffix](text, name="x", stem="x", warn=lambda _m: None):
                assert article.text.strip()
        except InputError:
            pass


@SETTINGS
@given(TEXT)
def test_json_articles_with_any_text_round_trip(text: str) -> None:
    """The text comes back as written, but for line endings made \\n and control characters other than tab dropped."""
    cleaned = clean_text(text)
    if not cleaned.strip():
        return
    (article,) = READERS[".json"](json.dumps({"text": text}), name="x", stem="x", warn=lambda _m: None)
    assert article.text == cleaned
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", article.text)


@SETTINGS
@given(st.text(max_size=300))
def test_html_fragments_and_feed_sniffing_never_raise(text: str) -> None:
    for paragraph in html_paragraphs(text):
        assert paragraph == paragraph.strip() and paragraph
    looks_like_feed(text.encode("utf-8", "surrogatepass"))


URLS = st.one_of(
    st.text(max_size=120),
    st.builds(lambda host, rest: f"http://{host}{rest}", st.text(max_size=20), st.text(max_size=40)),
    st.sampled_from(["http://[", "http://x:99999/a", "https://x:abc/", "http://[::1]:80/a?utm_source=1"]),
)


@SETTINGS
@given(URLS)
def test_canonical_url_never_raises(url: str) -> None:
    assert isinstance(canonical_url(url), str)


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=8))
def test_clustering_puts_every_article_in_exactly_one_story(texts: list[str]) -> None:
    articles = [Article(id=f"a{i}", title=t[:20], text=t or "x") for i, t in enumerate(texts)]
    result = group_articles(articles)
    seen = sorted(i for g in result.groups for i in (*g.articles, *g.copies))
    assert seen == list(range(len(articles)))
