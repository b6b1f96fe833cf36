"""Ingest and check benchmarks at several archive sizes, with bare jieba as the yardstick.

``python -m benchmarks [--quick] [--sizes 1000,10000,100000] [--db-url URL] [--jobs 2]``

For each size N it generates N article files (:mod:`benchmarks.corpus`), times in one run

* bare ``jieba.lcut`` over the text of those files (one process, dictionary already loaded),
* ``checker ingest --jobs J`` of the same files into an empty database (the whole CLI process),
* checking ~50 new articles one at a time in process (:mod:`benchmarks.checkone`: p50/p95 of
  read+extract+store and of the checks alone),
* ``checker check --no-store one.md`` as a whole process (median of 5),

and prints peak memory and database size per article.  ``--db-url`` takes a PostgreSQL
server URL (``scripts/postgres.sh`` prints one): each size gets a fresh database there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import CorpusFile, Generator

PYTHON = sys.executable
REPO = Path(__file__).resolve().parent.parent
NEW_BASE = 50_000_000  # generator indices of the new articles, far from the archive's


@dataclass
class Row:
    n: int
    articles: int
    characters: int
    ingest_s: float
    ingest_cpu_s: float
    jieba_s: float
    jieba_cpu_s: float
    ingest_maxrss_mib: float
    check_p50_ms: float
    check_p95_ms: float
    e2e_p50_ms: float
    e2e_p95_ms: float
    check_maxrss_mib: float
    cli_check_s: float
    db_bytes: int

    @property
    def ratio(self) -> float:
        return self.ingest_s / self.jieba_s


def machine_info() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}; {os.cpu_count()} cores; {mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}"
    )


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB of the process tree's largest process, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    # ru_maxrss of RUSAGE_CHILDREN: the largest of the children (and their children) waited for so far.
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])} … failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return wall, maxrss, out.decode()


def peak_rss_of(cmd: list[str]) -> tuple[float, float, str, float]:
    """(wall s, peak RSS MiB, stdout, CPU s) of ``cmd`` and its children (wait4 rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])} … failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out.decode(), usage.ru_utime + usage.ru_stime


_GAZETTEER_PROBE = """
import json, resource, sys, time
from pathlib import Path
from checker.text import segment
segment.set_cache_dir(Path(sys.argv[1]))
from checker.text.gazetteer import gazetteer
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
g = gazetteer()
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps([len(g), seconds, (after - before) / 1024]))
"""


def gazetteer_load(workdir: Path) -> tuple[int, float, float, float]:
    """(divisions, first build s, warm open s, RSS MiB added by the open) of the gazetteer, its cache
    in a folder of its own under ``workdir`` (built by the first process, opened by the next three)."""
    folder = workdir / "gazetteer-cache"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    runs = []
    for _ in range(4):
        out = subprocess.run([PYTHON, "-c", _GAZETTEER_PROBE, str(folder)], capture_output=True, text=True,
                             cwd=REPO, check=True).stdout
        runs.append(json.loads(out))
    warm = sorted(runs[1:], key=lambda r: r[1])[1]
    return int(runs[0][0]), float(runs[0][1]), float(warm[1]), float(warm[2])


def jieba_seconds(files: list[CorpusFile]) -> tuple[float, float]:
    """(wall s, CPU s) of bare jieba.lcut over the files' text, dictionary already loaded."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热词典")
    start, cpu = time.perf_counter(), time.process_time()
    for f in files:
        jieba.lcut(f.path.read_text(encoding="utf-8"))
    return time.perf_counter() - start, time.process_time() - cpu


class Database:
    """An empty database for one size: an SQLite file, or a fresh database on a PostgreSQL server."""

    def __init__(self, base_url: str | None, workdir: Path, n: int) -> None:
        self.base_url = base_url
        if base_url is None:
            self.path: Path | None = workdir / f"archive-{n}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.url = f"sqlite:///{self.path}"
            self.name = ""
        else:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            self.path = None
            self.name = f"checker_bench_{n}_{uuid.uuid4().hex[:8]}"
            admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
            admin.dispose()
            self.url = make_url(base_url).set(database=self.name).render_as_string(hide_password=False)

    def free_bytes(self) -> int:
        """SQLite's free pages (left by a bulk load's staging tables, reused by later ingests)."""
        if self.path is None:
            return 0
        with sqlite3.connect(self.path) as conn:
            pages = conn.execute("PRAGMA freelist_count").fetchone()[0]
            return int(pages) * int(conn.execute("PRAGMA page_size").fetchone()[0])

    def size(self) -> int:
        if self.path is not None:
            with sqlite3.connect(self.path) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return sum(Path(f"{self.path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{self.path}{s}").exists())
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url)
        with engine.connect() as conn:
            size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
        engine.dispose()
        return size

    def counts(self) -> tuple[int, int]:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url)
        with engine.connect() as conn:
            # Real articles: page furniture (mastheads, datelines split off as their own parts) not counted.
            articles = int(
                conn.execute(text("SELECT count(*) FROM articles WHERE kind <> 'furniture'")).scalar_one()
            )
            chars = int(conn.execute(text("SELECT coalesce(sum(char_count), 0) FROM documents")).scalar_one())
        engine.dispose()
        return articles, chars

    def drop(self) -> None:
        if self.base_url is None:
            return
        from sqlalchemy import create_engine, text

        admin = create_engine(self.base_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}"'))
        admin.dispose()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_size(n: int, gen: Generator, args: argparse.Namespace, new_files: list[CorpusFile]) -> Row:
    workdir: Path = args.workdir
    corpus_dir = workdir / f"corpus-{args.seed}-{n}"
    marker = corpus_dir / ".complete"
    if marker.exists():
        files = [CorpusFile(p, len(p.read_text(encoding="utf-8"))) for p in sorted(corpus_dir.rglob("a*.*"))]
    else:
        shutil.rmtree(corpus_dir, ignore_errors=True)
        t = time.perf_counter()
        files = Generator(args.seed, n).write(corpus_dir, 0, n)
        marker.touch()
        log(f"  generated {n} files in {time.perf_counter() - t:.1f}s")
    jieba_s, jieba_cpu = jieba_seconds(files)
    log(f"  jieba.lcut over {sum(f.characters for f in files):,} chars: {jieba_s:.1f}s")

    db = Database(args.db_url, workdir, n)
    try:
        ingest_s, ingest_rss, _, ingest_cpu = peak_rss_of(
            [PYTHON, "-m", "checker", "ingest", str(corpus_dir), "--db", db.url, "--jobs", str(args.jobs)]
        )
        log(f"  ingest --jobs {args.jobs}: {ingest_s:.1f}s wall, {ingest_cpu:.1f}s CPU")
        articles, chars = db.counts()
        db_bytes = db.size()
        log(f"  database {db_bytes / 2**20:.0f} MiB, of it free pages {db.free_bytes() / 2**20:.0f} MiB")

        cmd = [PYTHON, "-m", "benchmarks.checkone", "--db", db.url]
        if args.profile:
            cmd += ["--profile", str(workdir / f"check-{n}.prof")]
        _, check_rss, out, _ = peak_rss_of(cmd + [str(f.path) for f in new_files])
        timings = json.loads(out)
        check = [t * 1000 for t in timings["check"]]
        e2e = [(a + b) * 1000 for a, b in zip(timings["prepare"], timings["check"], strict=True)]

        cli = []
        for f in new_files[: args.cli_runs]:
            wall, _, _ = run_timed(
                [PYTHON, "-m", "checker", "check", str(f.path), "--db", db.url, "--no-store", "--format", "json"]
            )
            cli.append(wall)
    finally:
        db.drop()
    return Row(
        n=n, articles=articles, characters=chars, ingest_s=ingest_s, ingest_cpu_s=ingest_cpu, jieba_s=jieba_s,
        jieba_cpu_s=jieba_cpu,
        ingest_maxrss_mib=ingest_rss, check_p50_ms=percentile(check, 0.5), check_p95_ms=percentile(check, 0.95),
        e2e_p50_ms=percentile(e2e, 0.5), e2e_p95_ms=percentile(e2e, 0.95), check_maxrss_mib=check_rss,
        cli_check_s=statistics.median(cli), db_bytes=db_bytes,
    )


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def table(rows: list[Row], args: argparse.Namespace, startup_s: float,
          gazetteer: tuple[int, float, float, float] | None = None) -> str:
    backend = "PostgreSQL" if args.db_url else "SQLite"
    head = (
        "| N files | articles | chars | ingest s | ingest CPU s | articles/s | chars/s | jieba s | ingest/jieba "
        "| CPU ingest/jieba "
        "| check p50 ms | check p95 ms | read+store+check p50/p95 ms | CLI check s | ingest RSS MiB "
        "| check RSS MiB | DB KiB/article |"
    )
    lines = [
        f"machine: {machine_info()}; load average now {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        f"database: {backend}; ingest --jobs {args.jobs}; seed {args.seed}; "
        f"`python -m checker --help`: {startup_s:.2f}s",
        *([f"gazetteer: {gazetteer[0]:,} divisions; first build {gazetteer[1]:.1f}s; open from the cache "
           f"{gazetteer[2]:.3f}s (median of 3), +{gazetteer[3]:.0f} MiB RSS"] if gazetteer else []),
        "",
        head,
        "|" + "|".join("---" for _ in range(head.count("|") - 1)) + "|",
    ]
    for r in rows:
        lines.append(
            f"| {r.n:,} | {r.articles:,} | {r.characters:,} | {r.ingest_s:.1f} | {r.ingest_cpu_s:.1f} "
            f"| {r.articles / r.ingest_s:.0f} "
            f"| {r.characters / r.ingest_s:,.0f} | {r.jieba_s:.1f} | {r.ratio:.2f} "
            f"| {r.ingest_cpu_s / r.jieba_cpu_s:.2f} | {r.check_p50_ms:.0f} "
            f"| {r.check_p95_ms:.0f} | {r.e2e_p50_ms:.0f} / {r.e2e_p95_ms:.0f} | {r.cli_check_s:.2f} "
            f"| {r.ingest_maxrss_mib:.0f} | {r.check_maxrss_mib:.0f} | {r.db_bytes / 1024 / max(1, r.articles):.1f} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        lines.append("")
        lines.append(
            f"growth {first.n:,} -> {last.n:,}: check p50 x{last.check_p50_ms / first.check_p50_ms:.2f}, "
            f"CLI check x{last.cli_check_s / first.cli_check_s:.2f}, "
            f"ingest articles/s x{(last.articles / last.ingest_s) / (first.articles / first.ingest_s):.2f}"
        )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="archive sizes, multiples of 1000")
    parser.add_argument("--quick", action="store_true", help="N = 1,000 and 20 new articles only (CI smoke)")
    parser.add_argument("--db-url", help="PostgreSQL server URL (default: an SQLite file per size)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="ingest --jobs (default: cores)")
    parser.add_argument("--new", type=int, default=50, help="new articles checked one by one")
    parser.add_argument("--cli-runs", type=int, default=5, help="`checker check` processes timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "checker-bench")
    parser.add_argument("--profile", action="store_true", help="also write a cProfile of the checks per size")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.new, args.cli_runs = "1000", 20, 3
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    gen = Generator(args.seed)
    new_dir = args.workdir / f"new-{args.seed}"
    shutil.rmtree(new_dir, ignore_errors=True)
    new_files = gen.write(new_dir, NEW_BASE, args.new + 1)
    startup = statistics.median(run_timed([PYTHON, "-m", "checker", "--help"])[0] for _ in range(3))
    gazetteer = gazetteer_load(args.workdir)
    rows = []
    for n in sizes:
        log(f"N = {n:,}")
        rows.append(bench_size(n, gen, args, new_files))
        log(table(rows, args, startup, gazetteer))
    print(table(rows, args, startup, gazetteer))


if __name__ == "__main__":
    main()
