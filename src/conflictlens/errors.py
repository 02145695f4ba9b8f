"""The one exception root of conflictlens.

Tree::

    ConflictlensError                 every error this package raises on purpose
    ├── ConfigError                   bad option, config file or environment value
    ├── InputError                    an input item cannot be read (names the item and the reason)
    │   ├── FetchError                a URL or feed could not be fetched (timeout, status, size)
    │   └── EmptyArticleError         nothing left after cleaning
    ├── QuerySyntaxError              a user search query does not parse
    ├── StoreError                    the database cannot be opened, migrated or written
    │   ├── NotFoundError             no article / event with that id or URL
    │   └── MissingDatabaseError      a read command names a database file that does not exist
    ├── GazetteerError                a gazetteer file is corrupt or cannot be imported
    ├── ExtractionError               the NLP pipeline cannot run (model missing ...)
    ├── QuestionError                 an `ask` question is not understood
    ├── IngestFailedError             `ingest(strict=True)`: items failed (each with its origin and reason)
    └── MissingExtraError             an optional dependency is not installed (message has the pip line)

The CLI turns these into a one-line message and a non-zero exit status;
anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class ConflictlensError(Exception):
    """Root of all deliberate conflictlens errors."""

    exit_code = 1


class ConfigError(ConflictlensError):
    exit_code = 2


class InputError(ConflictlensError):
    """An input item cannot be read. ``origin`` names the file, line or URL."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class FetchError(InputError):
    pass


class EmptyArticleError(InputError):
    pass


class QuerySyntaxError(ConflictlensError):
    exit_code = 2


class StoreError(ConflictlensError):
    pass


class NotFoundError(StoreError):
    exit_code = 3


class MissingDatabaseError(StoreError):
    """Only ``ingest`` creates a database; reading one that does not exist is a usage error."""

    exit_code = 2


class GazetteerError(ConflictlensError):
    pass


class ExtractionError(ConflictlensError):
    pass


class QuestionError(ConflictlensError):
    exit_code = 2


class IngestFailedError(ConflictlensError):
    """Items of an ingest failed; ``results`` has every item's result (the others were stored)."""

    def __init__(self, results):
        failed = [r for r in results if r.status == "failed"]
        shown = "; ".join(f"{r.origin}: {r.error}" for r in failed[:5]) + ("; ..." if len(failed) > 5 else "")
        super().__init__(f"{len(failed)} of {len(results)} input items failed: {shown}")
        self.results = results
        self.failed = failed


class MissingExtraError(ConflictlensError):
    def __init__(self, feature: str, pip_line: str):
        super().__init__(f"{feature} needs an optional dependency: run `{pip_line}`")
        self.pip_line = pip_line
