"""Offline language processing: boilerplate masking, paragraphs, sentences and words.

Nothing here downloads data: it is regular expressions and a few word lists, fast
enough to split 100,000 sentences a second on one core, and the language of an
article told by py3langid's model, shipped in its wheel
(:mod:`briefing.nlp.language`: import it where it is used). Below the
stages that weigh words: stop words (:mod:`briefing.nlp.stopwords`) and the TF-IDF term
vectors that stories and story summaries are compared by (:mod:`briefing.nlp.vectors`,
with NumPy: import it where it is used).
"""

from __future__ import annotations

from briefing.models import Article, Sentence
from briefing.nlp.boilerplate import boilerplate_spans, mask
from briefing.nlp.language_rules import DEFAULT_LANGUAGE
from briefing.nlp.splitter import TITLES, segment, split_paragraphs, split_sentences
from briefing.nlp.tokens import SumyTokenizer, words

__all__ = [
    "TITLES",
    "SumyTokenizer",
    "article_language",
    "boilerplate_spans",
    "mask",
    "segment",
    "sentences",
    "split_paragraphs",
    "split_sentences",
    "words",
]


def sentences(article: Article, language: str | None = None) -> tuple[Sentence, ...]:
    """Split an article's body into sentences, boilerplate left out, offsets into ``article.text``.

    The article's language (its ``language``, English when it has none) picks the abbreviations,
    quotation marks and boilerplate; ``language`` overrides it.
    """
    text = article.text
    if language is None:
        language = article_language(article)
    return tuple(
        Sentence(text=text[s:e], article_id=article.id, paragraph=p, index=i, start=s, end=e)
        for i, (p, s, e) in enumerate(segment(mask(text, language), language))
    )


def article_language(article: object) -> str:
    """An article's language code: its ``language`` when it has one, else English."""
    language = getattr(article, "language", DEFAULT_LANGUAGE)
    return language if isinstance(language, str) and language else DEFAULT_LANGUAGE
