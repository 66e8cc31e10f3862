"""Delivering rendered briefs: files (atomic writes) now; email arrives with scheduling."""

from __future__ import annotations

from briefing.deliver.files import write_atomic

__all__ = ["write_atomic"]
