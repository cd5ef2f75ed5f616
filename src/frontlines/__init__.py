"""frontlines: conflict reports -> places, ACLED-style events and a territorial-control ledger.

The Python API::

    import frontlines
    result = frontlines.extract(text_of_a_report, published="2024-12-01")
    result.to_dict()["events"]
"""

from typing import Any

from frontlines.errors import FrontlinesError, InputError, TheaterError
from frontlines.models import Extraction
from frontlines.theater import load_theater

__version__ = "0.1.0"
__all__ = ["Extraction", "FrontlinesError", "InputError", "TheaterError", "extract", "extract_documents", "load_theater",
           "open"]


def __getattr__(name: str) -> Any:
    # The pipeline pulls in spaCy; import it only when the API is used.
    if name in ("extract", "extract_documents"):
        from frontlines import pipeline

        return getattr(pipeline, name)
    if name == "open":
        from frontlines.views import open_database

        return open_database
    raise AttributeError(f"module 'frontlines' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The lazy names (extract, open...) are listed even before their first use.
    return sorted(set(globals()) | set(__all__))
