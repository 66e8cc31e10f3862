"""A small brief built from articles shipped in the package, for checking and previewing templates.

It runs the real pipeline over three short fictional reports (two outlets on one event, one
on another), then adds a failed feed and a skipped input, so every part of the templates —
stories with several outlets, key quotes, analyst views, the source health table, skipped
inputs — has something to show. It is built here, above the pipeline, and handed to
:func:`briefing.render.manage.check_templates`: rendering only ever receives a brief.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from briefing.config import BriefConfig
from briefing.ingest import IngestResult
from briefing.models import Article, Brief, SkippedInput, SourceHealth
from briefing.pipeline import assemble_brief

__all__ = ["sample_brief"]

_NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)

_ARTICLES = (
    Article(
        id="harbour-times-bridge",
        title="Tarn bridge to stay closed for a month after crack found",
        source="The Harbour Times",
        url="https://harbour-times.example/tarn-bridge",
        published=datetime(2026, 11, 24, 18, 5, tzinfo=UTC),
        origin="sample",
        text=(
            "The Tarn road bridge will stay closed to traffic for at least a month after inspectors found a crack in "
            "one of its main steel girders, the regional transport authority said on Tuesday.\n\n"
            '"We will not reopen a bridge we cannot vouch for," said Ilse Marten, the authority\'s director, at a '
            "news conference in Tarnby.\n\n"
            "About 28,000 vehicles a day use the bridge, and the diversion adds 40 minutes to the journey between "
            "Tarnby and the coast.\n\n"
            "Professor Jonas Vik, a structural engineer at the Northern Institute of Technology, said the crack "
            "was the kind that fatigue testing is meant to catch early."
        ),
    ),
    Article(
        id="coast-courier-bridge",
        title="Commuters face long detours as Tarn bridge shuts",
        source="Coast Courier",
        url="https://coast-courier.example/news/tarn-detours",
        published=datetime(2026, 11, 24, 20, 30, tzinfo=UTC),
        origin="sample",
        text=(
            "Commuters between Tarnby and the coast face detours of up to 40 minutes after the Tarn road bridge was "
            "closed on Tuesday when inspectors found a crack in a main girder.\n\n"
            "Bus operators said they would add extra services on the coastal road from Thursday.\n\n"
            '"Closing it was the right call, but a month is optimistic," said Anna Lind, director of the Centre '
            'for Infrastructure Policy. "Girder repairs of this kind usually take longer."'
        ),
    ),
    Article(
        id="ledger-rates",
        title="Central bank holds rates, signals cut in spring",
        source="The Financial Ledger",
        url="https://ledger.example/markets/rates-hold",
        published=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        origin="sample",
        text=(
            "The central bank kept its main interest rate at 4.25 per cent on Monday and said it expected to cut "
            "borrowing costs in the spring if inflation kept falling.\n\n"
            '"The worst of the price shock is behind us," Governor Margit Holm told reporters.\n\n'
            "Karin Lund, chief economist at the Harwell Policy Centre, said a spring cut was now the most likely "
            "outcome but warned that wage growth remained strong."
        ),
    ),
)


def sample_brief(title: str = "Sample brief") -> Brief:
    """A brief of two stories from three sample articles, with a failed feed and a skipped input."""
    ingested = IngestResult(articles=_ARTICLES, skipped=())
    brief, _ = assemble_brief(ingested, BriefConfig(title=title), inputs=["sample"], now=_NOW)
    return replace(
        brief,
        source_health=(
            SourceHealth(
                name="harbour-times.example/rss",
                url="https://harbour-times.example/rss",
                kind="feed",
                status="ok",
                articles=1,
                newest=datetime(2026, 11, 24, 18, 5, tzinfo=UTC),
            ),
            SourceHealth(
                name="wire.example/feed.xml",
                url="https://wire.example/feed.xml",
                kind="feed",
                status="failed",
                detail="HTTP 503 Service Unavailable",
            ),
        ),
        skipped=(SkippedInput(name="notes/scan.pdf", reason="not an article format briefing reads"),),
    )
