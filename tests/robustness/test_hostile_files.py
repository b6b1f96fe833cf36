"""Hostile files: readers never crash, and the real CLI refuses bad files with a clear error.

In process, a property test feeds arbitrary bytes to every reader. Through the CLI
(``python -m checker ingest FILE`` in a child process under an address-space limit),
every kind of bad file must give exit code 2 and one line naming the file, in bounded
time and memory.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.errors import InputError
from checker.model import RawDocument
from checker.read import read_file
from tests.robustness.cli import MEMORY_LIMIT_BYTES, Run, run_checker
from tests.robustness.strategies import ROBUST, hostile_bytes

SUFFIXES = [".txt", ".md", ".html", ".docx"]
MAX_SECONDS = 30.0  # per refused file, including interpreter start-up on a busy CI machine
MAX_RSS_MB = 600.0


def _docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SAMPLE_DOCX = _docx_bytes(["县政府今年投入资金三百万元。", "记者 王小明"] * 20)


def _read_or_refuse(path: Path) -> RawDocument | None:
    try:
        doc = read_file(path, max_bytes=1_000_000)
    except InputError as exc:
        assert str(path) in str(exc)
        return None
    assert doc.text.strip()
    doc.text.encode("utf-8")  # storable: no lone surrogates survive a reader
    assert "\x00" not in doc.text  # PostgreSQL text cannot hold NUL
    return doc


@ROBUST
@given(hostile_bytes(), st.sampled_from(SUFFIXES))
def test_readers_return_text_or_input_error(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    _read_or_refuse(path)


@ROBUST
@given(st.data())
def test_damaged_docx_never_crashes(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """A real .docx cut anywhere, or with bytes overwritten, is read or refused, never a crash."""
    blob = bytearray(SAMPLE_DOCX)
    how = data.draw(st.sampled_from(["cut", "flip", "both"]))
    if how in ("flip", "both"):
        for _ in range(data.draw(st.integers(1, 20))):
            blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    if how in ("cut", "both"):
        blob = blob[: data.draw(st.integers(0, len(blob)))]
    path = tmp_path_factory.mktemp("docx") / "damaged.docx"
    path.write_bytes(bytes(blob))
    _read_or_refuse(path)


# -- bad files through the real CLI ------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes | Callable[[zipfile.ZipFile, str], None]]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members.items():
            if callable(content):
                content(archive, name)
            else:
                archive.writestr(name, content)


def _stream_zeros(total: int) -> Callable[[zipfile.ZipFile, str], None]:
    def write(archive: zipfile.ZipFile, name: str) -> None:
        chunk = b"\0" * (1 << 20)
        with archive.open(name, "w", force_zip64=True) as member:
            for _ in range(total // len(chunk)):
                member.write(chunk)

    return write


def _bad_files(root: Path) -> dict[str, Path]:
    """Every kind of file that must be refused, by name."""
    rng = random.Random(20240315)
    text = "县政府今年投入资金三百万元，修缮老街石板路。\n" * 200
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        files[name] = root / name
        files[name].write_bytes(data)

    put("binary.txt", bytes(rng.randrange(256) for _ in range(50_000)))
    put("elf.md", b"\x7fELF\x02\x01\x01\x00" + bytes(rng.randrange(256) for _ in range(4000)))
    put("empty.txt", b"")
    put("blank.md", b" \n\t\r\n\n  ")
    put("wrong-encoding.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(20_000)))
    put("utf16-no-bom.txt", text.encode("utf-16-le"))
    put("truncated-utf8.txt", text.rstrip().encode("utf-8")[:-1])  # cut in the middle of the last character
    put("truncated.docx", SAMPLE_DOCX[: len(SAMPLE_DOCX) // 2])
    put("not-a-zip.docx", text.encode("utf-8"))
    put("scripts-only.html", b"<html><head><script>" + b"var x = 1;" * 1000 + b"</script></head><body></body></html>")
    # 50 MB of text: over the 10 MB limit, refused before it is read.
    big = root / "huge.txt"
    with big.open("wb") as out:
        line = text.encode("utf-8")
        while out.tell() < 50_000_000:
            out.write(line)
    files["huge.txt"] = big
    # Zip containers that are not Word documents, or that would inflate far beyond any article.
    _zip(root / "no-document.docx", {"[Content_Types].xml": b"<Types/>", "word/other.xml": b"<x/>"})
    files["no-document.docx"] = root / "no-document.docx"
    _zip(root / "broken-xml.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body"})
    files["broken-xml.docx"] = root / "broken-xml.docx"
    _zip(root / "zip-bomb.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": _stream_zeros(300 << 20)})
    files["zip-bomb.docx"] = root / "zip-bomb.docx"
    _zip(root / "ratio-bomb.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": _stream_zeros(60 << 20)})
    files["ratio-bomb.docx"] = root / "ratio-bomb.docx"
    _zip(root / "many-members.docx", {"word/document.xml": b"<x/>", **{f"m/{i}": b"" for i in range(10_050)}})
    files["many-members.docx"] = root / "many-members.docx"
    return files


def _ingest(path: Path, cwd: Path) -> Run:
    return run_checker(["ingest", path, "--db", f"sqlite:///{cwd / 'db' / 'archive.db'}"], cwd=cwd, timeout=120)


@pytest.mark.slow
def test_bad_files_exit_2_naming_the_file(tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(files, pool.map(lambda p: _ingest(p, tmp_path), files.values()), strict=True))
    problems = []
    for name, run in runs.items():
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        if run.returncode != 2 or "Traceback" in run.stderr or not any(name in line for line in lines):
            problems.append(f"{name}: exit {run.returncode}\n{run.stderr[-2000:]}")
        elif run.seconds > MAX_SECONDS or run.peak_rss_mb > MAX_RSS_MB:
            problems.append(f"{name}: {run.seconds:.1f} s, {run.peak_rss_mb:.0f} MB peak")
    assert not problems, "\n".join(problems)
    assert MEMORY_LIMIT_BYTES < 2_000_000_000  # the children ran under a real ceiling


@pytest.mark.slow
def test_keep_going_names_every_bad_file_and_stores_the_good_one(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("县政府今年投入资金三百万元，修缮老街石板路。\n", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.md").write_bytes(bytes(range(256)) * 10)
    (inputs / "cut.docx").write_bytes(SAMPLE_DOCX[:1000])
    run = run_checker(["ingest", "--keep-going", inputs, "--db", f"sqlite:///{tmp_path / 'a.db'}"], cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    for name in ("empty.txt", "binary.md", "cut.docx"):
        assert name in run.stderr
    assert "Traceback" not in run.stderr
    assert "1" in run.stdout  # the good file was ingested


@pytest.mark.slow
def test_deeply_nested_html_is_read_in_bounded_time(tmp_path: Path) -> None:
    depth = 50_000
    page = tmp_path / "nested.html"
    page.write_text(
        "<html><body>" + "<div><span>" * depth + "县政府今年投入资金三百万元。"
        + "</span></div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    run = _ingest(page, tmp_path)
    assert run.returncode in (0, 2), run.stderr
    assert "Traceback" not in run.stderr
    if run.returncode == 2:
        assert "nested.html" in run.stderr
    assert run.seconds < 60 and run.peak_rss_mb < MAX_RSS_MB, (run.seconds, run.peak_rss_mb)


LARGE_MB = 0.6


@pytest.mark.slow
def test_largest_article_file_is_handled(tmp_path: Path) -> None:
    """A multi-megabyte page (many articles) is ingested in bounded time and memory."""
    paragraphs = []
    for i in range(1, 100_000):
        paragraphs.append(
            f"第{i}条消息\n\n记者 王小明\n\n全县今年新建公路{i % 97 + 1}公里，投入资金{i % 89 + 3}亿元，"
            f"同比增长{i % 13 + 1}.{i % 10}%。第{i}个村完成改造，惠及群众{i * 7 % 9000 + 100}人。\n"
        )
        if sum(map(len, paragraphs)) * 3 > LARGE_MB * 1_000_000:
            break
    path = tmp_path / "large.txt"
    path.write_text("\n".join(paragraphs), encoding="utf-8")
    size = path.stat().st_size
    run = _ingest(path, tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    print(f"\nlargest file: {size / 1e6:.1f} MB, {run.seconds:.1f} s, peak {run.peak_rss_mb:.0f} MB")
    assert run.seconds < 120
    assert run.peak_rss_mb < 1200
