"""Bytes to text: detect binary files, decode UTF-8 (with or without BOM), UTF-16, cp1252 and latin-1.

News files arrive in whatever encoding the sender's system used. Most are UTF-8; older
Windows exports are cp1252 (curly quotes as bytes 0x93/0x94); a few are latin-1. A file
that decodes only into control characters is binary or in an encoding we cannot guess,
and is skipped with that reason rather than briefed as gibberish.
"""

from __future__ import annotations

import codecs
import re

from briefing.errors import InputError

__all__ = ["decode_bytes"]

# C0 controls other than tab/newline/carriage return/form feed, and the C1 block: text never has them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode ``data`` to text and normalise line endings to ``\\n``.

    Raises:
        InputError: the data is empty, binary, or not text in any encoding tried.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample))
    if bad > max(2, len(sample) // 200):
        raise InputError(f"{name}: not text (binary data or an unknown encoding)")
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: not text (binary data: NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few stray bytes (text pasted together from two sources): keep the
    # UTF-8 reading, or every curly quote in it would turn into cp1252 mojibake.
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    multibyte = sum(1 for c in lenient if ord(c) > 0x7F) - replaced
    if multibyte > replaced:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # five byte values are undefined in cp1252; latin-1 maps every byte
        return data.decode("latin-1")
