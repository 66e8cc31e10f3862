"""Delivering rendered briefs: to standard output (:mod:`.files`) and by email (:mod:`.smtp`).

Files are written with :func:`briefing.atomic.write_atomic`, below every stage that writes one.
"""

from __future__ import annotations
