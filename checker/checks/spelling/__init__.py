"""Spelling (错别字) without neural weights: kept dictionaries, look-alike and sound-alike
characters, and a window language model; see :mod:`checker.checks.spelling.rules`."""

from checker.checks.spelling.rules import MisspeltCharRule, MisspeltIdiomRule, MisusedParticleRule

__all__ = ["MisspeltCharRule", "MisspeltIdiomRule", "MisusedParticleRule"]
