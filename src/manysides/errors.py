"""One exception family, so callers can catch any manysides error.

    ManysidesError
    ├── InputError        an input (file, record, URL, feed) could not be read or used
    ├── StoreError        the DuckDB store is unreadable, locked or from another schema
    └── ConfigError       a bad option or a missing resource (model, data file)

Messages name the thing that failed and say what the user can do about it.
"""


class ManysidesError(Exception):
    """Base of every error manysides raises on purpose."""


class InputError(ManysidesError):
    """An input could not be turned into an article."""

    def __init__(self, source: str, cause: str):
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause


class StoreError(ManysidesError):
    """The store could not be opened, read or written."""


class ConfigError(ManysidesError):
    """A bad option, or a resource manysides needs is missing."""
