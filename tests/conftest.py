"""Shared fixtures: paths, a fixed clock, sample builders, and a guard that fails any test touching the network."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from briefing.models import Article
from tests.pg import new_database, own_postgresql  # noqa: F401  (PostgreSQL servers for the modules that ask)

ROOT = Path(__file__).resolve().parent.parent
#: the example articles written for the project, a folder per language (en, ru, de, fr), a story in each
EXAMPLES_BY_LANGUAGE = ROOT / "examples"
#: the English examples: the demo corpus (its brief is the golden one, its quotes the snapshot)
EXAMPLES = EXAMPLES_BY_LANGUAGE / "en"
#: the hand-made quote lists of the Russian, German and French examples, ``<language>/<article>.json``
EXAMPLES_GOLD = ROOT / "bench" / "data" / "lang-examples"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
FIXED_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="rewrite tests/golden/ from the current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test: briefing works offline.

    Loopback stays open: tests start their own HTTP and SMTP servers on 127.0.0.1.
    """
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else address
            if host not in ("127.0.0.1", "::1", "localhost"):
                raise AssertionError(f"test tried to reach the network: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A developer's own ~/.config/briefing/briefing.toml must not change what the tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-user-config"))


@pytest.fixture
def httpserver() -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1 that serves requests in parallel (a slow response holds up no other)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def seed_article() -> Path:
    path = SHARED / "fixtures" / "seed-article.txt"
    if not path.is_file():
        pytest.skip("../shared/fixtures/seed-article.txt is not beside this checkout")
    return path


def build_article(text: str, *, title: str = "Test article", article_id: str = "a1", **meta: object) -> Article:
    """An article from a body text, in the spirit of sumy's build_document."""
    return Article(id=article_id, title=title, text=text, **meta)  # type: ignore[arg-type]
