"""Schedule runs as jobs in PostgreSQL, run by workers on any number of machines (the optional extra ``queue``).

The default stays embedded (``briefing schedule run``: SQLite, the scheduler's own threads). With
the queue, the work is split in two, and the two share one PostgreSQL database::

    clocks (briefing schedule run --executor queue)       workers (briefing worker), any number, anywhere
      one leads (advisory lock), the others stand by        take a job (FOR UPDATE SKIP LOCKED) and run
      due run -> a row in due_runs + a job, one transaction   run_schedule, as `schedule trigger` does

- :mod:`.database`: the URL checked, connections, the queue's tables and ``briefing queue init``;
- :mod:`.jobs`: a due run as a job, enqueued once per (schedule, due time); a dead worker's job brought back;
- :mod:`.clock`: the clock that leads, or stands by until the one leading dies;
- :mod:`.worker`: the worker;
- :mod:`.commands`: the command line's side.

procrastinate (the job queue) is imported by these modules only, and they are imported only by the
commands of the queue, so ``briefing --help`` and every other command never load it.
"""

from __future__ import annotations
