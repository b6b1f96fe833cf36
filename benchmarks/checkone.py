"""Check new articles one by one against an archive, in this process; print timings as JSON.

Run by :mod:`benchmarks.run` in a fresh process so its peak memory is the checker's alone:
``python -m benchmarks.checkone --db URL FILE...``.  Each article is checked the way
``checker check --no-store`` does it: read, extract, store and check inside one transaction
that is rolled back, so the archive is unchanged.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from checker.checks.runner import run_checks
from checker.pipeline import prepare_file
from checker.rulepack import load_pack
from checker.service import article_ids_of, open_engine
from checker.store.ingest import store_document
from checker.store.session import make_sessionmaker


def check_one(engine: object, path: Path, pack: object) -> tuple[float, float, int]:
    """(seconds to read+extract+store, seconds to run the checks, findings) for one file."""
    session = make_sessionmaker(engine)()  # type: ignore[arg-type]
    try:
        session.begin()
        t0 = time.perf_counter()
        result = store_document(session, prepare_file(path))
        t1 = time.perf_counter()
        ids = article_ids_of(session, [result.path])
        rows = run_checks(session, ids, pack)  # type: ignore[arg-type]
        t2 = time.perf_counter()
    finally:
        session.rollback()
        session.close()
    return t1 - t0, t2 - t1, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the timed checks here")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    engine = open_engine(args.db)
    pack = load_pack(())
    import jieba

    jieba.initialize()  # loaded lazily by the extractors; a one-off cost of every process
    check_one(engine, args.files[0], pack)  # warm-up: rule tables, SQL compile cache
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    prepare, check, findings = [], [], 0
    for path in args.files[1:]:
        p, c, n = check_one(engine, path, pack)
        prepare.append(p)
        check.append(c)
        findings += n
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"prepare": prepare, "check": check, "findings": findings, "maxrss_kib": maxrss_kib}))


if __name__ == "__main__":
    main()
