"""Errors the CLI turns into one clear line and exit code 2."""

from __future__ import annotations


class CheckerError(Exception):
    """Base class for errors reported to the user without a traceback."""


class InputError(CheckerError):
    """A file that cannot be read as an article: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from both parts (the default would call __init__ with the message alone):
        # an ingest worker process sends its bad files back to the parent pickled.
        return (InputError, (self.path, self.problem))


class UsageError(CheckerError):
    """A bad flag, configuration value or rule pack."""


class ReviewConflict(CheckerError):
    """Another reviewer decided on the same finding since this one last looked."""
