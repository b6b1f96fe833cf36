"""``checker review``: the Textual review app. The only part of checker that imports Textual.

The work itself (loading findings, filters, decisions, passages) lives in
:mod:`checker.triage`, which imports no Textual.
"""

from __future__ import annotations

from checker.review.app import ReviewApp, create_app

__all__ = ["ReviewApp", "create_app"]
