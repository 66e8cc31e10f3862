"""The package's layers: what a lower module may import, read from every import statement (in functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "briefing"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str, module: str, *, package: bool = False) -> set[str]:
    """Every briefing module that ``module``'s ``source`` names in an import, at the top or inside a function."""
    here = module if package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("briefing.")}


IMPORTS = {
    _module(path): _imports(path.read_text(encoding="utf-8"), _module(path), package=path.name == "__init__.py")
    for path in sorted(PACKAGE.rglob("*.py"))
}


def _within(name: str, area: str) -> bool:
    return name == area or name.startswith(area + ".")


def _crossing(area: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if _within(module, area)
        for name in names
        if any(_within(name, other) for other in forbidden)
    )


@pytest.mark.parametrize(
    ("area", "forbidden"),
    [
        # render receives a built Brief: it never builds one
        ("briefing.render", ("briefing.pipeline", "briefing.ingest", "briefing.config", "briefing.sample")),
        # reading articles does not reach up into delivering briefs
        ("briefing.ingest", ("briefing.deliver", "briefing.pipeline", "briefing.render")),
        # the stages beside each other share what lies below them (briefing.nlp), not each other
        ("briefing.summarize", ("briefing.cluster",)),
        ("briefing.cluster", ("briefing.summarize",)),
    ],
)
def test_a_lower_layer_does_not_import_a_higher_one(area: str, forbidden: tuple[str, ...]) -> None:
    assert any(_within(module, area) for module in IMPORTS), f"no module {area}"
    assert _crossing(area, forbidden) == []


@pytest.mark.parametrize(
    ("area", "allowed"),
    [
        # the offline word-level layer (tokens, stop words, term vectors) and atomic writes stand below every stage
        ("briefing.nlp", ("briefing.nlp", "briefing.models", "briefing.errors")),
        ("briefing.atomic", ("briefing.errors",)),
    ],
)
def test_the_ground_floor_imports_only_the_models_and_errors(area: str, allowed: tuple[str, ...]) -> None:
    assert any(_within(module, area) for module in IMPORTS), f"no module {area}"
    above = sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if _within(module, area)
        for name in names
        if not any(_within(name, ok) for ok in allowed)
    )
    assert above == []


def test_the_import_reader_sees_imports_inside_functions_and_relative_ones() -> None:
    assert "briefing.render" in IMPORTS["briefing.pipeline"]  # imported inside publish()
    assert "briefing.ingest.web" in IMPORTS["briefing.ingest"]  # imported inside a function of the package
    source = "from . import vectors\nfrom ..deliver.files import write_stdout\n"
    assert _imports(source, "briefing.nlp.x") == {
        "briefing.nlp",
        "briefing.nlp.vectors",
        "briefing.deliver.files",
        "briefing.deliver.files.write_stdout",
    }
    assert _imports("from .splitter import segment\n", "briefing.nlp", package=True) >= {"briefing.nlp.splitter"}
