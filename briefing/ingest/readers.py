"""Article readers, one per file format, in a registry keyed by file suffix.

A reader turns the decoded text of one file into zero or more :class:`Article`\\ s. It
raises :class:`~briefing.errors.InputError` when the whole file is unusable; readers of
multi-article formats (JSON lists, JSON Lines) report a bad record through ``warn`` and
keep the rest. Readers never touch the network: trafilatura is given the page's HTML,
never a URL to fetch.
"""

from __future__ import annotations

import email
import email.policy
import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import EmailMessage, MIMEPart
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any, Protocol

from briefing.errors import InputError
from briefing.models import Article

log = logging.getLogger(__name__)

__all__ = ["READERS", "Reader", "language_code", "parse_date", "reader_for"]

Warn = Callable[[str], None]


class Reader(Protocol):
    """Reads the decoded text of one file into articles.

    ``name`` is the file's display name (used in messages and as ``Article.origin``) and
    ``stem`` the default article id. Raises ``InputError`` when nothing in the file is usable.
    """

    def __call__(self, text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]: ...


def parse_date(value: Any) -> datetime | None:
    """Parse an ISO 8601 or RFC 2822 date; ``None`` when there is none or it cannot be read."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


_LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def language_code(value: Any) -> str:
    """The ISO 639-1 code of a language tag as files give it (``ru``, ``de-AT``, ``fr_FR``, ``EN``), in lower
    case; an empty string for anything else (a name such as ``Russian``, a three-letter code, a number)."""
    if not isinstance(value, str):
        return ""
    m = _LANGUAGE_TAG.match(value)
    return m.group(1).lower() if m else ""


#: control characters other than tab and newline (C0, DEL and C1): they would reach the terminal raw (ESC starts
#: escape sequences) and the brief's HTML and Markdown; and the invisible marks that split a word in two for every
#: reader but the eye — soft hyphens ("Sema\u00adglutid", "meint \u00adAberle"), zero-width spaces, word joiners, byte
#: order marks inside the text
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")


def clean_text(text: str) -> str:
    """``text`` with line endings made ``\n`` (a lone CR too: Markdown would read it as a break) and every other
    control character but tab dropped, and soft hyphens and zero-width spaces; vertical tab and form feed become
    line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return _CONTROL.sub("", text)


def _article(*, stem: str, name: str, title: str, text: str, **meta: Any) -> Article:
    # ``text`` is kept as given but for line endings and control characters: offsets index into it
    text, title = clean_text(text), clean_text(title)
    if not text.strip():
        raise InputError(f"{name}: no article text")
    raw_date = meta.get("published")
    published = parse_date(raw_date)
    note = ""
    if published is None and isinstance(raw_date, str) and raw_date.strip():
        note = f"date {raw_date.strip()[:60]!r} could not be read"
    return Article(
        id=stem,
        title=" ".join(title.split()) or first_words(text),
        text=text,
        source=str(meta.get("source") or "").strip(),
        url=str(meta.get("url") or "").strip(),
        published=published,
        origin=name,
        date_note=note,
        language=language_code(meta.get("language")),
    )


def first_words(text: str, n: int = 12) -> str:
    """The first ``n`` words of ``text``: a title for an article that has none."""
    tokens = text.split()
    return " ".join(tokens[:n]) + ("…" if len(tokens) > n else "")


def read_txt(text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]:
    """Plain text: the first non-empty line is the title, the rest is the body."""
    lines = text.lstrip().split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        raise InputError(f"{name}: only a title line, no article text")
    yield _article(stem=stem, name=name, title=lines[0], text=lines[1].strip("\n"))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
# (pattern, replacement, a character without which the pattern cannot match): most
# articles have no Markdown beyond paragraphs, and a test for a character is far quicker
# than a pattern tried at every position
_MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), "", "!"),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1", "["),  # links keep their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2", ""),  # bold
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2", "*_"),  # italics
    (re.compile(r"`([^`]+)`"), r"\1", "`"),
    (re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE), "", ">"),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", re.MULTILINE), "", ""),  # list markers
    (re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE), "", "-*_"),  # rules
]


def _has_any(text: str, characters: str) -> bool:
    return not characters or any(c in text for c in characters)


def read_md(text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]:
    """Markdown with optional front matter (``title``, ``source``, ``url``, ``published``, ``language``)."""
    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() and not key.startswith((" ", "\t", "#")):
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[m.end() :]
        if "lang" in meta and "language" not in meta:
            meta["language"] = meta.pop("lang")
    title = meta.pop("title", "")
    if not title:
        h = _MD_HEADING.search(text)
        if h and not text[: h.start()].strip():
            title = h.group(1)
            text = text[h.end() :]
        else:
            first, _, rest = text.lstrip().partition("\n")
            title, text = first, rest
    if "#" in text:
        text = _MD_HEADING.sub(r"\1", text)
    for pattern, repl, needs in _MD_INLINE:
        if _has_any(text, needs):
            text = pattern.sub(repl, text)
    yield _article(stem=stem, name=name, title=title, text=text.strip("\n"), **meta)


_HTML_LANG = re.compile(r"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)


def page_language(html: str) -> str:
    """The language a page declares on its ``<html lang>`` (ISO 639-1), or an empty string."""
    m = _HTML_LANG.search(html, 0, 20_000)
    return language_code(m.group(1)) if m else ""


def read_html(text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]:
    """An HTML page: main text and metadata extracted with trafilatura (imported lazily).

    The page's ``<html lang>`` is taken as its language unless its words say otherwise with
    confidence: a site's template often declares one language for pages in several.
    """
    import trafilatura  # heavy: loaded only when an HTML file is read

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    # trafilatura 2 returns a Document (with .as_dict()); 1.x returned a dict
    doc: Any = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else extracted
    if not isinstance(doc, dict) or not (doc.get("text") or "").strip():
        raise InputError(f"{name}: no article text found in the page")
    title = str(doc.get("title") or "")
    paragraphs = [p.strip() for p in str(doc["text"]).split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1> as the first line
    body = "\n\n".join(paragraphs)
    declared = page_language(text)
    if declared:
        from briefing.nlp.language import detect_language

        declared = detect_language(body, title=title, default=declared)
    yield _article(
        stem=stem,
        name=name,
        title=title,
        text=body,
        source=doc.get("sitename") or "",
        url=doc.get("url") or "",
        published=doc.get("date"),
        language=declared,
    )


def _from_object(obj: Any, *, name: str, stem: str) -> Article:
    if not isinstance(obj, dict):
        raise InputError(f"{name}: expected an article object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'{name}: the article has no "text"')
    title = obj.get("title")
    return _article(
        stem=str(obj.get("id") or stem),
        name=name,
        title=title if isinstance(title, str) else "",
        text=text,
        source=obj.get("source"),
        url=obj.get("url"),
        published=obj.get("published"),
        language=obj.get("language"),
    )


def read_json(text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]:
    """One article object, or a list of them: ``{"id", "title", "text", "url", "source", "published",
    "language"}``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict):
        yield _from_object(data, name=name, stem=stem)
        return
    if not isinstance(data, list):
        raise InputError(f"{name}: expected an article object or a list of them")
    found = False
    for i, obj in enumerate(data, start=1):
        try:
            yield _from_object(obj, name=f"{name}[{i}]", stem=f"{stem}-{i}")
            found = True
        except InputError as exc:
            warn(str(exc))
    if not found:
        raise InputError(f"{name}: no usable article in the list")


def read_jsonl(text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]:
    """JSON Lines: one article object a line; a bad line is reported and skipped."""
    found = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
            yield _from_object(obj, name=where, stem=f"{stem}-{lineno}")
            found = True
        except json.JSONDecodeError as exc:
            warn(f"{where}: not valid JSON ({exc.msg})")
        except RecursionError:  # the line alone is skipped, never the lines after it
            warn(f"{where}: not valid JSON (nested too deeply)")
        except InputError as exc:
            warn(str(exc))
    if not found:
        raise InputError(f"{name}: no usable article in the file")


def read_eml(text: str, *, name: str, stem: str, warn: Warn) -> Iterator[Article]:
    """An email message (a newsletter or a forwarded article): subject, sender, date, body."""
    msg = email.message_from_string(text, policy=email.policy.default)
    if not isinstance(msg, EmailMessage):  # pragma: no cover - the default policy always gives one
        raise InputError(f"{name}: not an email message")
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise InputError(f"{name}: the message has no text part")
    body = _body(part, name)
    sender_name, sender_address = parseaddr(str(msg.get("From", "")))
    meta = {"source": sender_name or sender_address, "published": str(msg.get("Date", ""))}
    if part.get_content_type() == "text/html":
        html = next(read_html(body, name=name, stem=stem, warn=warn))
        body = html.text
    yield _article(stem=stem, name=name, title=str(msg.get("Subject", "")), text=body, **meta)


def _body(part: MIMEPart, name: str) -> str:
    """A message part's text; in a charset Python does not know, read as UTF-8, else Latin-1 (and said so)."""
    try:
        return str(part.get_content())
    except LookupError:
        pass
    charset = part.get_content_charset() or ""
    if part.get("Content-Transfer-Encoding", "").strip().lower() in ("base64", "quoted-printable"):
        data = part.get_payload(decode=True)
        raw = data if isinstance(data, bytes) else b""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    else:  # 7bit or 8bit: the file's own bytes, already decoded with the file
        text = str(part.get_payload())
    log.warning("%s: unknown charset %r; read as UTF-8 (Latin-1 where that fails)", name, charset)
    return text


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".eml": read_eml,
}


def reader_for(suffix: str) -> Reader | None:
    """The reader registered for a file suffix (``".txt"``), or ``None``."""
    return READERS.get(suffix.lower())


def sniff(text: str) -> Reader:
    """Guess the reader for text of unknown type (stdin): JSON, JSON Lines, HTML or plain text."""
    head = text.lstrip()[:200]
    if head.startswith("["):
        return read_json
    if head.startswith("{"):
        first = text.lstrip().split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return read_jsonl
        except RecursionError:
            return read_jsonl  # a line nested too deeply: reported alone by read_jsonl
        except json.JSONDecodeError:
            return read_json
    if head[:1] == "<" and re.match(r"<(!doctype|html|head|body|article|div|p)\b", head, re.IGNORECASE):
        return read_html
    if head.startswith("---"):
        return read_md
    return read_txt
