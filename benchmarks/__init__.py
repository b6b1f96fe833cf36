"""Performance benchmarks of checker: ``python -m benchmarks --help`` (see docs/performance.md)."""
