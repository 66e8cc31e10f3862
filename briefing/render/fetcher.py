"""WeasyPrint's URL fetcher, locked down to the template folders' own assets.

WeasyPrint's default fetcher follows every ``file://`` and ``http(s)://`` URL in the
HTML and CSS. A brief's HTML carries untrusted article content (escaped, but defence in
depth matters) and templates may name assets, so this fetcher serves only files that lie
inside one of the template folders, searched in lookup order — a logo in the user's
folder wins over a built-in one — plus inline ``data:`` URLs. Everything else (the
network, any other local file, paths that climb out with ``..`` or symlinks) is refused.

:class:`AssetFetcher` holds the policy; :func:`weasyprint_fetcher` adapts it to the
installed WeasyPrint (version 68 and later want a ``URLFetcher`` subclass returning
``URLFetcherResponse``; earlier ones a function returning a dict).
"""

from __future__ import annotations

import base64
import logging
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

__all__ = ["ASSET_BASE", "AssetFetcher", "weasyprint_fetcher"]

log = logging.getLogger("briefing.render")

#: The base URL a brief is rendered against: relative asset URLs resolve under it.
ASSET_BASE = "file:///briefing-assets/"


class AssetFetcher:
    """Serves only files inside ``roots`` (and ``data:`` URLs); records what it refused."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []

    def load(self, url: str) -> tuple[bytes, str]:
        """Return the bytes and MIME type ``url`` names.

        Raises:
            ValueError: the URL is not a template asset (the message starts with "refused").
        """
        if url.startswith("data:"):
            return _data_url(url)
        path = self.resolve(url)
        if path is None:
            self.refused.append(url)
            log.warning("refused to load %s: only the template folders' own files are served", url[:200])
            raise ValueError(f"refused: {url[:200]}")
        mime, _ = mimetypes.guess_type(path.name)
        return path.read_bytes(), mime or "application/octet-stream"

    def resolve(self, url: str) -> Path | None:
        """The file ``url`` names inside a template folder, or ``None`` when it is not allowed."""
        if not url.startswith(ASSET_BASE):
            return None
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            return None
        relative = unquote(parts.path[len(urlsplit(ASSET_BASE).path) :])
        if not relative or relative.startswith("/") or "\\" in relative:
            return None
        for root in self.roots:
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None


def _data_url(url: str) -> tuple[bytes, str]:
    header, sep, payload = url[5:].partition(",")
    if not sep:
        raise ValueError("refused: malformed data: URL")
    mime = header.split(";")[0] or "text/plain"
    data = base64.b64decode(payload) if header.endswith(";base64") else unquote_to_bytes(payload)
    return data, mime


def weasyprint_fetcher(policy: AssetFetcher) -> Any:
    """An object WeasyPrint accepts as ``url_fetcher`` that applies ``policy``."""
    from weasyprint import urls

    response: Any = getattr(urls, "URLFetcherResponse", None)
    base: Any = getattr(urls, "URLFetcher", None)
    if response is None or base is None:
        # WeasyPrint before 68: a function returning a dict
        def fetch_dict(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
            data, mime = policy.load(url)
            return {"string": data, "mime_type": mime, "redirected_url": url}

        return fetch_dict

    class LockedFetcher(base):  # type: ignore[misc]
        """Never opens a connection or a file itself: everything goes through ``policy``."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            data, mime = policy.load(url)
            return response(url, data, {"Content-Type": mime}, 200)

    return LockedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
