"""Near-duplicate detection and story clustering across sources."""

from __future__ import annotations

from briefing.cluster.dedup import canonical_url, content_key
from briefing.cluster.stories import LEDE_SENTENCES, ClusterSettings, Grouping, GroupingResult, group_articles

__all__ = [
    "LEDE_SENTENCES",
    "ClusterSettings",
    "Grouping",
    "GroupingResult",
    "canonical_url",
    "content_key",
    "group_articles",
]
