"""Full quality evaluation: planted errors in ../shared/corpus (seeds + 300 THUCNews articles) and examples/.

Prints the table of recall, precision, F1 and false findings per 10,000 characters, then the
misses and false findings.  Extra arguments go to ``checker eval score`` (``--sample 0`` for
all 1,000 THUCNews articles, ``--format json``, ``--seed N``).

    .venv/bin/python benchmarks/quality.py
"""

from __future__ import annotations

import sys

from checker.cli import main

if __name__ == "__main__":
    sys.argv = ["checker", "eval", "score", "--verbose", *sys.argv[1:]]
    main()
