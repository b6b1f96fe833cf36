"""checker: an editorial fact-consistency checker for Chinese-language newsrooms."""

__version__ = "0.1.0"
