"""WeasyPrint's ``url_fetcher``, locked down to the template folders' own assets.

WeasyPrint's default fetcher follows every ``file://`` and ``http(s)://`` URL in the
HTML and CSS. A brief's HTML carries untrusted article content (escaped, but defence in
depth matters) and templates may name assets, so this fetcher serves only files that lie
inside one of the template folders, searched in lookup order — a logo in the user's
folder wins over a built-in one — plus inline ``data:`` URLs. Everything else (the
network, any other local file, paths that climb out with ``..`` or symlinks) is refused.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = ["ASSET_BASE", "AssetFetcher"]

log = logging.getLogger("briefing.render")

#: The base URL a brief is rendered against: relative asset URLs resolve under it.
ASSET_BASE = "file:///briefing-assets/"


class AssetFetcher:
    """A WeasyPrint ``url_fetcher`` serving only files inside ``roots``."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []

    def __call__(self, url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if url.startswith("data:"):
            from weasyprint.urls import default_url_fetcher

            result: dict[str, Any] = default_url_fetcher(url)
            return result
        path = self.resolve(url)
        if path is None:
            self.refused.append(url)
            log.warning("refused to load %s: only the template folders' own files are served", url[:200])
            raise ValueError(f"refused: {url[:200]}")
        mime, _ = mimetypes.guess_type(path.name)
        return {"string": path.read_bytes(), "mime_type": mime or "application/octet-stream", "filename": path.name}

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
