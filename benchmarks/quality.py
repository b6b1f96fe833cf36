"""Full quality evaluation: planted errors in ../shared/corpus (the seed pages + 300 articles of the
held-out half of THUCNews) and examples/; the errors are planted without the checker's help.

Prints the tables of recall (over all planted errors, and over those whose site the extractor
recognises), precision, F1 and false findings per 10,000 characters, then the misses and false
findings.  Extra arguments go to ``checker eval score`` (``--sample 0`` for the whole held-out
half, 493 articles, ``--format json``, ``--seed N``, ``--corpus DIR``, ``--split tuning|all``).
The README's table: ``--seed 11 --sample 0`` (2 min 17 s on the shared 2-core machine).

    .venv/bin/python benchmarks/quality.py
"""

from __future__ import annotations

import sys

from checker.cli import main

if __name__ == "__main__":
    sys.argv = ["checker", "eval", "score", "--verbose", *sys.argv[1:]]
    main()
