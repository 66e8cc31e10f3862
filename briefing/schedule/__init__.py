"""Scheduled briefs: schedule files (:mod:`.spec`), one run (:mod:`.runner`), the scheduler (:mod:`.daemon`).

The only package that imports APScheduler, and only inside functions, so ``briefing --help``
stays fast. A schedule only triggers the pipeline; it never reaches into a stage.
"""

from __future__ import annotations
