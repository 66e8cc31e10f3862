"""briefing: turn incoming news articles into a brief people trust.

Build a brief (phase one), then render and write it (phase two)::

    from pathlib import Path
    from briefing import BriefConfig, build_brief, publish

    brief, stats = build_brief(["examples"], BriefConfig(title="Morning brief"))
    publish(brief, Path("brief.pdf"), "pdf", BriefConfig())
"""

from __future__ import annotations

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
)
from briefing.pipeline import BuildStats, build_brief, publish

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
    "__version__",
    "build_brief",
    "load_config",
    "publish",
]
