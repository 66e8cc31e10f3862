"""``python -m briefing``: the same command line as ``briefing``."""

from __future__ import annotations

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
