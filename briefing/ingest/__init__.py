"""Read articles from files, folders and standard input.

:func:`read_inputs` never raises for a bad input: an unreadable, empty, binary or
undecodable file is recorded as a :class:`~briefing.models.SkippedInput` with its reason.
:func:`read_articles` is what commands use: it fails with one message naming the reasons
when nothing usable is left, and otherwise logs each skipped input as a warning.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefing.errors import InputError, NoArticlesError
from briefing.ingest.decode import decode_bytes
from briefing.ingest.readers import READERS, Reader, parse_date, reader_for, sniff
from briefing.models import Article, SkippedInput

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "IngestResult", "parse_date", "read_articles", "read_inputs"]

log = logging.getLogger("briefing.ingest")

#: Files larger than this are skipped: no news article is 20 MB of text.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """The articles read, in input order, and the inputs that were skipped with their reasons."""

    articles: tuple[Article, ...]
    skipped: tuple[SkippedInput, ...]


def read_inputs(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestResult:
    """Read every article from ``inputs`` (files, folders searched recursively, or ``-`` for stdin).

    Article ids are made unique within the run (``aleppo``, ``aleppo-2``, …).
    """
    collector = _Collector(max_bytes=max_bytes)
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            collector.read_bytes(stream.read(max_bytes + 1), name="<stdin>", stem="stdin", reader=None)
        elif item.startswith(("http://", "https://")):
            collector.skip(item, "web addresses are not read by this version; save the page and pass the file")
        else:
            collector.read_path(Path(item))
    return IngestResult(articles=tuple(collector.articles), skipped=tuple(collector.skipped))


def read_articles(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestResult:
    """Read ``inputs`` like :func:`read_inputs`, for a run that needs at least one article.

    Each skipped input is logged as a warning naming it and the reason.

    Raises:
        NoArticlesError: nothing usable was found; the message names what was skipped and why.
    """
    result = read_inputs(inputs, stdin=stdin, max_bytes=max_bytes)
    if not result.articles:
        raise NoArticlesError(_nothing_usable(inputs, result.skipped), hint=_HINT)
    for item in result.skipped:
        log.warning("skipped %s: %s", item.name, item.reason)
    return result


_HINT = "pass article files (.txt .md .html .json .jsonl .eml) or folders that hold them"


def _nothing_usable(inputs: Sequence[str], skipped: Sequence[SkippedInput]) -> str:
    if len(skipped) == 1:
        return f"{skipped[0].name}: {skipped[0].reason}"
    where = ", ".join(inputs) if inputs else "the input"
    if not skipped:
        return f"no usable article in {where}"
    reasons = "; ".join(f"{s.name}: {s.reason}" for s in skipped[:3])
    more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return f"no usable article in {where} ({len(skipped)} inputs skipped: {reasons}{more})"


class _Collector:
    def __init__(self, *, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.articles: list[Article] = []
        self.skipped: list[SkippedInput] = []
        self._ids: set[str] = set()

    def skip(self, name: str, reason: str) -> None:
        log.debug("skipped %s: %s", name, reason)
        self.skipped.append(SkippedInput(name=name, reason=reason))

    def warn(self, message: str) -> None:
        name, _, reason = message.partition(": ")
        self.skip(name, reason or message)

    def read_path(self, path: Path) -> None:
        name = str(path)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                self.skip(name, "empty folder (no article files in it)")
            for file in files:
                reader = reader_for(file.suffix)
                if reader is None:
                    self.skip(str(file), f"unsupported file type {file.suffix or '(no suffix)'!r}")
                else:
                    self.read_file(file, reader)
        elif path.is_file():
            # a file named explicitly is read even with an unknown suffix: as plain text
            self.read_file(path, reader_for(path.suffix) or READERS[".txt"])
        elif path.exists():
            self.skip(name, "not a regular file")
        else:
            self.skip(name, "no such file or folder")

    def read_file(self, path: Path, reader: Reader) -> None:
        name = str(path)
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                self.skip(name, f"too large ({size:,} bytes; the limit is {self.max_bytes:,})")
                return
            data = path.read_bytes()
        except OSError as exc:
            self.skip(name, f"cannot be read ({exc.strerror or exc})")
            return
        self.read_bytes(data, name=name, stem=path.stem, reader=reader)

    def read_bytes(self, data: bytes, *, name: str, stem: str, reader: Reader | None) -> None:
        if len(data) > self.max_bytes:
            self.skip(name, f"too large (over {self.max_bytes:,} bytes)")
            return
        try:
            text = decode_bytes(data, name=name)
            chosen = reader or sniff(text)
            for article in chosen(text, name=name, stem=stem, warn=self.warn):
                self.articles.append(self._unique(article))
        except InputError as exc:
            self.warn(str(exc))
        except Exception as exc:  # a reader bug or a library failure must not end the run
            log.debug("reader failed on %s", name, exc_info=True)
            self.skip(name, f"could not be parsed ({type(exc).__name__}: {exc})")

    def _unique(self, article: Article) -> Article:
        base = article.id or "article"
        new_id, n = base, 1
        while new_id in self._ids:
            n += 1
            new_id = f"{base}-{n}"
        self._ids.add(new_id)
        if new_id == article.id:
            return article
        from dataclasses import replace

        return replace(article, id=new_id)


def _walk(folder: Path) -> Iterable[Path]:
    """Files under ``folder``, sorted, hidden files and folders left out."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            yield path
