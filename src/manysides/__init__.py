"""manysides: many news articles in, what happened and who says what out."""

from manysides.errors import ConfigError, InputError, ManysidesError, StoreError

__version__ = "0.1.0"
__all__ = ["ConfigError", "InputError", "ManysidesError", "StoreError", "__version__"]
