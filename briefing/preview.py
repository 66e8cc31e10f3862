"""``briefing preview``: the brief in the browser, re-rendered and reloaded as templates and inputs change.

A small HTTP server (loopback by default) with four pages:

``/``           the brief as the HTML page
``/email``      the HTML email, as mail clients get it (CSS inlined)
``/brief.pdf``  the PDF
``/__version``  a fingerprint of the template folders and local inputs

Pages carry a toolbar and a script that asks for ``/__version`` every second and reloads
when it changes, so saving a template or an article shows the result. The brief is rebuilt
only when an input changes, and re-rendered on every request. A template error is shown in
the page as ``file:line: message`` and the page keeps watching, so fixing the file brings the
brief back. Inbox inputs are read but never moved.
"""

from __future__ import annotations

import hashlib
import html
import ipaddress
import logging
import threading
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from briefing.config import BriefConfig
from briefing.errors import BriefingError
from briefing.ingest import INBOX_PREFIX
from briefing.models import Brief

__all__ = ["PreviewServer"]

log = logging.getLogger("briefing.preview")

_TOOLBAR = """
<div id="briefing-preview" style="position:fixed;top:0;right:0;z-index:9999;background:#1d1d1b;color:#fff;
font:12px/1.4 sans-serif;padding:6px 10px;border-bottom-left-radius:6px;opacity:.9">
Preview: <a style="color:#fff" href="/">HTML</a> · <a style="color:#fff" href="/brief.pdf">PDF</a> ·
<a style="color:#fff" href="/email">Email</a> <span id="briefing-preview-state"></span></div>
<script>
(function () {{
  var version = {version!r};
  function poll() {{
    fetch("/__version", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (v !== version) {{ location.reload(); }} else {{ setTimeout(poll, 1000); }}
    }}).catch(function () {{
      document.getElementById("briefing-preview-state").textContent = "(server stopped)";
      setTimeout(poll, 2000);
    }});
  }}
  setTimeout(poll, 1000);
}})();
</script>
"""


class PreviewServer:
    """Serves the brief built from ``inputs`` with ``config``'s templates until :meth:`shutdown`."""

    def __init__(self, inputs: Sequence[str], config: BriefConfig, *, host: str = "127.0.0.1", port: int = 8000):
        self.inputs = list(inputs)
        self.config = config
        self._lock = threading.Lock()
        self._built: tuple[str, Brief | None, str] = ("", None, "")
        preview = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "briefing-preview"

            def do_GET(self) -> None:
                preview._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                log.debug("%s " + format, self.address_string(), *args)

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self._host = host.strip("[]").rstrip(".").lower()

    @property
    def url(self) -> str:
        """The address the preview is served at."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` is called (from another thread) or the process is interrupted."""
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()

    # what is watched ------------------------------------------------------------------------

    def _template_files(self) -> list[Path]:
        from briefing.render.environment import template_dirs

        return [p for folder in template_dirs(self.config.templates) for p in Path(folder).rglob("*") if p.is_file()]

    def _input_files(self) -> list[Path]:
        files: list[Path] = []
        for item in self.inputs:
            if item.startswith(("http://", "https://")) or item == "-":
                continue
            path = Path(item[len(INBOX_PREFIX) :] if item.startswith(INBOX_PREFIX) else item)
            if path.is_dir():
                files.extend(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            elif path.is_file():
                files.append(path)
        return files

    def version(self) -> str:
        """A fingerprint of every template file and local input: name, size and modification time."""
        return _fingerprint([*self._template_files(), *self._input_files()])[:16]

    def brief(self) -> Brief:
        """The brief, rebuilt when an input changed since the last build.

        Raises:
            BriefingError: the inputs gave no brief.
        """
        from briefing.pipeline import build_brief

        key = _fingerprint(self._input_files())
        with self._lock:
            cached_key, cached, error = self._built
            if cached_key == key:
                if cached is None:
                    raise BriefingError(error)
                return cached
            try:
                brief, stats = build_brief(self.inputs, self.config)
            except BriefingError as exc:
                self._built = (key, None, str(exc))
                raise
            for claim in stats.claims:
                claim.close()  # a preview never moves inbox files
            self._built = (key, brief, "")
            return brief

    # pages ----------------------------------------------------------------------------------

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        if not self._host_allowed(request.headers.get("Host")):
            # a page elsewhere whose name was made to resolve to this address (DNS rebinding) sends its own name
            self._send(request, HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"unknown host\n")
            return
        path = request.path.split("?", 1)[0]
        if path == "/__version":
            self._send(request, HTTPStatus.OK, "text/plain; charset=utf-8", self.version().encode())
            return
        if path not in ("/", "/email", "/brief.pdf"):
            self._send(request, HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
            return
        version = self.version()
        try:
            brief = self.brief()
            if path == "/brief.pdf":
                from briefing.render import render_pdf

                self._send(
                    request,
                    HTTPStatus.OK,
                    "application/pdf",
                    render_pdf(brief, self.config.templates, tagged=self.config.tagged_pdf),
                )
                return
            if path == "/email":
                from briefing.render.email import render_email_html

                page = render_email_html(brief, self.config.templates)
            else:
                from briefing.render import render_html

                page = render_html(brief, self.config.templates)
        except BriefingError as exc:
            log.warning("preview: %s", exc)
            page = _error_page(exc)
            self._send(
                request,
                HTTPStatus.INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8",
                _with_toolbar(page, version).encode(),
            )
            return
        self._send(request, HTTPStatus.OK, "text/html; charset=utf-8", _with_toolbar(page, version).encode())

    def _host_allowed(self, header: str | None) -> bool:
        """Whether a request's ``Host`` names this server: a localhost name, the address it listens on (any
        address when it listens on all of them) or the name given with ``--host``, with its port if any."""
        if not header:
            return False
        value = header.strip().lower()
        bound_ip, bound_port = str(self.httpd.server_address[0]), int(self.httpd.server_address[1])
        if value.startswith("["):
            name, _, rest = value[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else rest
        else:
            name, _, port = value.partition(":")
        if port and port != str(bound_port):
            return False
        name = name.rstrip(".")
        if name in ("localhost", self._host) or name.endswith(".localhost"):
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            return False
        if address.is_loopback:
            return True
        bound = ipaddress.ip_address(bound_ip)
        return address == bound or bound.is_unspecified

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: HTTPStatus, mime: str, body: bytes) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", mime)
            request.send_header("Content-Length", str(len(body)))
            request.send_header("Cache-Control", "no-store")
            request.send_header("X-Content-Type-Options", "nosniff")
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away


def _fingerprint(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        try:
            stat = path.stat()
        except OSError:  # removed while we looked
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _with_toolbar(page: str, version: str) -> str:
    toolbar = _TOOLBAR.format(version=version)
    index = page.lower().rfind("</body>")
    return page[:index] + toolbar + page[index:] if index >= 0 else page + toolbar


def _error_page(exc: BriefingError) -> str:
    hint = f"<p>{html.escape(exc.hint, quote=False)}</p>" if exc.hint else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Template error</title></head>'
        '<body style="font:15px/1.5 sans-serif;margin:3em;max-width:50em">'
        '<h1 style="color:#8a1c1c">The brief could not be rendered</h1>'
        '<pre class="error" style="white-space:pre-wrap;background:#f6f3ee;padding:1em">'
        f"{html.escape(str(exc), quote=False)}</pre>"
        f"{hint}<p>Fix the file and save: this page reloads by itself.</p></body></html>"
    )
