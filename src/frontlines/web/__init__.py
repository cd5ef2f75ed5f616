"""The analyst's desk: ``frontlines serve``, a web map with a day slider, evidence, review and sign-in.

A thin web layer over the library (:mod:`frontlines.views`, :mod:`frontlines.control.ledger`,
:mod:`frontlines.views.exports`) and the store. Corrections are an overlay (:mod:`frontlines.web.review`);
the ledger itself is never edited.
"""

from __future__ import annotations

from frontlines.web.app import create_app

__all__ = ["create_app"]
