"""One exception hierarchy for the library.

Library code raises these; only the CLI turns them into a one-line message and
an exit status, and the web layer into one JSON error body.
"""


class FrontlinesError(Exception):
    """Base class of every error frontlines raises on purpose."""


class InputError(FrontlinesError):
    """A report, file or argument that cannot be used (empty, binary, too big, bad date...)."""


class TheaterError(FrontlinesError):
    """A theater pack that is missing or malformed."""


class StorageError(FrontlinesError):
    """The database cannot be opened or written."""


class ExportError(FrontlinesError):
    """An output file cannot be produced."""


class EvalError(FrontlinesError):
    """A gold file that cannot be read or scored."""
