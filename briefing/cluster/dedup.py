"""Duplicate articles: the same URL, the same text, or a lightly edited copy of it.

Three tests, cheapest first:

* **Same URL**: :func:`canonical_url` lower-cases the scheme and host, drops the
  fragment, default ports, a trailing slash, ``www.`` and tracking parameters
  (``utm_*``, ``fbclid``, ``gclid``, …) and sorts what is left of the query. Two entries with
  one canonical URL are one article read twice (two feeds carrying it): the later is dropped.
* **Same text**: :func:`content_key` hashes the words of the body, ignoring case,
  punctuation and spacing. Different outlets printing the same text are reprints.
* **Near-identical text** (:func:`near_duplicate`): wire copy re-edited by each outlet —
  a new first paragraph, a trimmed ending, a changed word. Candidates come from the
  TF-IDF cosine the story clustering computes anyway; a pair is a copy when most word
  5-grams of the shorter text also occur in the longer (containment, so a trimmed copy
  still counts). Cosine alone cannot tell a reprint from two reports of one event that
  share their names and numbers; shingles keep word order, which reprints share and
  independent reports do not. docs/evaluation.md has the figures.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url", "containment", "content_key", "near_duplicate", "shingles", "words"]

_TRACKING = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|"
    r"mkt_tok|ref|ref_src|cmpid|ocid|at_medium|at_campaign|smid|sr_share|s_cid|ito|guccounter)$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")


def canonical_url(url: str) -> str:
    """The URL with case, ports, fragments, ``www.`` and tracking parameters normalised away."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        raw_port = parts.port
    except ValueError:  # a malformed address (bad IPv6 brackets, a port out of range) is compared as written
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = raw_port if raw_port and (scheme, raw_port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    # http and https name the same article
    return urlunsplit(("https" if scheme in ("http", "https") else scheme, netloc, path, urlencode(query), ""))


def words(text: str) -> list[str]:
    """The text's words, case-folded: what :func:`content_key` and :func:`shingles` are made of."""
    return _WORDS.findall(text.casefold())


def content_key(text: str | list[str]) -> str:
    """A hash of the text's words (or of :func:`words` already found), blind to case, punctuation and spacing."""
    normal = " ".join(words(text) if isinstance(text, str) else text)
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()


def shingles(text: str | list[str], size: int = 5) -> frozenset[int]:
    """Hashes of the text's word ``size``-grams (case-folded; or of :func:`words` already found)."""
    tokens = words(text) if isinstance(text, str) else text
    if len(tokens) < size:
        return frozenset([hash(" ".join(tokens))]) if tokens else frozenset()
    return frozenset(map(hash, zip(*(tokens[k:] for k in range(size)), strict=False)))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set's shingles found in the other (0 to 1)."""
    if not a or not b:
        return 0.0
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & big) / len(small)


def near_duplicate(a: frozenset[int], b: frozenset[int], *, threshold: float = 0.5) -> bool:
    """True when one text is (mostly) a copy of the other."""
    return containment(a, b) >= threshold
