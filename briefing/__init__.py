"""briefing: turn incoming news articles into a brief people trust.

Build a brief (phase one), then render and write it (phase two)::

    from pathlib import Path
    from briefing import BriefConfig, build_brief, publish

    brief, stats = build_brief(["examples/en"], BriefConfig(title="Morning brief"))
    publish(brief, Path("brief.pdf"), "pdf", BriefConfig())
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

__version__ = "0.1.0"

from briefing.config import BriefConfig, load_config
from briefing.errors import (
    BriefingError,
    ConfigError,
    InputError,
    NoArticlesError,
    OutputError,
    RenderError,
    TemplateError,
)
from briefing.models import (
    AnalystView,
    Article,
    Brief,
    Quote,
    RenderedOutput,
    Sentence,
    SkippedInput,
    Speaker,
    Story,
    Summary,
    Thread,
)

if _typing.TYPE_CHECKING:
    from briefing.pipeline import BuildStats, build_brief, publish

#: names exported here but imported from their module only when first used, so that ``import briefing`` (and
#: ``briefing --help``) does not load the pipeline, the quote engine and their libraries
_LAZY = {"BuildStats": "briefing.pipeline", "build_brief": "briefing.pipeline", "publish": "briefing.pipeline"}


def __getattr__(name: str) -> _typing.Any:
    if name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "AnalystView",
    "Article",
    "Brief",
    "BriefConfig",
    "BriefingError",
    "BuildStats",
    "ConfigError",
    "InputError",
    "NoArticlesError",
    "OutputError",
    "Quote",
    "RenderError",
    "RenderedOutput",
    "Sentence",
    "SkippedInput",
    "Speaker",
    "Story",
    "Summary",
    "TemplateError",
    "Thread",
    "__version__",
    "build_brief",
    "load_config",
    "publish",
]
