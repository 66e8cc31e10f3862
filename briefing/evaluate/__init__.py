"""Measuring ``briefing`` against annotated public data (the ``briefing eval`` commands).

Nothing here runs during a brief; it is how the figures in docs/evaluation.md are made.
"""

from __future__ import annotations
