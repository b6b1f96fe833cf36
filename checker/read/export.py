"""Archive exports: JSON Lines and CSV/TSV files holding one article a row, read as a stream.

A newsroom's archive usually leaves its CMS as one export file.  Each row becomes its own
:class:`RawDocument`, stored under the path ``export.jsonl:row N`` (JSON Lines: line N of the
file; CSV/TSV: record N after the header), so a finding is located by its row and the line
and column within that row's body.  The document text is the body exactly as the row holds
it, followed by a blank line, the title and the author (so the body's own lines and columns
are the document's); :class:`RowFields` says where each field sits in it.

The file is never held in memory: :func:`export_rows` yields one document per row as it
reads.  :func:`check_export` reads the file once first, so that a bad row (not JSON, no
body, a date that is no date) is reported, naming the file and the row, before anything of
the export is stored.  Column names other than ``title``, ``date``, ``author`` and ``body``
are mapped in ``checker.toml`` (``[export]``, see :mod:`checker.config`).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from checker.errors import InputError
from checker.model import RawDocument, RowFields
from checker.read.md import metadata_date
from checker.read.txt import normalise_newlines

EXPORT_FORMATS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
FIELDS = ("title", "date", "author", "body")
ROW_SEPARATOR = ":row "  # 'export.jsonl:row 12'
MAX_ROW_BYTES = 10_000_000  # one article; the file itself may be any size
ENCODING_SAMPLE = 1 << 20  # bytes of a CSV/TSV file read to tell UTF-8 from GB18030
_DELIMITERS = {"csv": ",", "tsv": "\t"}


@dataclass(frozen=True)
class ExportColumns:
    """Which column of an export holds each field (``checker.toml``: ``[export] title = "标题"``)."""

    title: str = "title"
    date: str = "date"
    author: str = "author"
    body: str = "body"

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> ExportColumns:
        return cls(**{k: str(v) for k, v in mapping.items() if k in FIELDS})

    def column(self, name: str) -> str:
        return str(getattr(self, name))


DEFAULT_COLUMNS = ExportColumns()


def is_export(path: str | Path) -> bool:
    return Path(path).suffix.lower() in EXPORT_FORMATS


def row_path(path: str | Path, row: int | str) -> str:
    """The path a row's document is stored under: ``export.jsonl:row 12``."""
    return f"{path}{ROW_SEPARATOR}{row}"


def export_of(path: str) -> str | None:
    """The export file a stored row path names ('/x/export.jsonl:row 12' -> '/x/export.jsonl'), else None."""
    head, sep, row = path.rpartition(ROW_SEPARATOR)
    return head if sep and row.isdigit() and is_export(head) else None


@dataclass(frozen=True)
class _Row:
    number: int
    values: Mapping[str, object]


def _text(value: object) -> str:
    """A field's value as text: lists (several authors) joined by a space, None as ''."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v is not None).strip()
    return normalise_newlines(str(value)).strip("\n")


def _document(path: Path, fmt: str, row: _Row, columns: ExportColumns) -> RawDocument:
    """The document of one row; InputError naming the file and row when it is not an article."""
    where = row_path(path, row.number)
    body = _text(row.values.get(columns.body))
    if not body.strip():
        raise InputError(where, f"正文为空（{columns.body} 列；列名不同请在 checker.toml 的 [export] 中指明）"
                                "(empty body)")
    title = " ".join(_text(row.values.get(columns.title)).split())
    author = " ".join(_text(row.values.get(columns.author)).split())
    written = _text(row.values.get(columns.date)).strip()
    pub_date: date | None = None
    if written:
        pub_date = metadata_date(written)
        if pub_date is None:
            raise InputError(where, f"日期无法识别：{written!r}（{columns.date} 列）(date not understood)")
    text = f"{body}\n\n{title}\n{author}"
    title_at = len(body) + 2
    author_at = title_at + len(title) + 1
    fields = RowFields(
        row=row.number, title=(title_at, title_at + len(title)), author=(author_at, author_at + len(author)),
        body=(0, len(body)), pub_date=pub_date,
    )
    content = json.dumps([title, written, author, body], ensure_ascii=False).encode("utf-8")
    return RawDocument(path=where, text=text, format=fmt, encoding="utf-8",
                       content_hash=hashlib.sha256(content).hexdigest(), fields=fields)


def stored_row(path: str, text: str, fmt: str, encoding: str | None, content_hash: str,
               pub_date: date | None) -> RawDocument:
    """The document of a row as :func:`_document` made it, from what the archive keeps of it
    (its text ``body\n\ntitle\nauthor``: title and author are one line each)."""
    rest, title, author = text.rsplit("\n", 2)
    body_end = len(rest) - 1
    title_at = body_end + 2
    author_at = title_at + len(title) + 1
    number = path.rsplit(ROW_SEPARATOR, 1)[-1]
    fields = RowFields(
        row=int(number) if number.isdigit() else 0, title=(title_at, title_at + len(title)),
        author=(author_at, author_at + len(author)), body=(0, body_end), pub_date=pub_date,
    )
    return RawDocument(path=path, text=text, format=fmt, encoding=encoding, content_hash=content_hash,
                       fields=fields)


def _jsonl_rows(path: Path, handle: IO[bytes]) -> Iterator[_Row | InputError]:
    for number, line in enumerate(handle, 1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        where = row_path(path, number)
        if len(line) > MAX_ROW_BYTES:
            yield InputError(where, f"这一行过大（{len(line)} 字节，上限 {MAX_ROW_BYTES}）(row too large)")
            continue
        try:
            value = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield InputError(where, f"不是 UTF-8 编码，位置 {exc.start} (invalid UTF-8)")
            continue
        except json.JSONDecodeError as exc:
            yield InputError(where, f"不是有效的 JSON：{exc.msg}，第 {exc.colno} 列 (invalid JSON)")
            continue
        if not isinstance(value, dict):
            yield InputError(where, "这一行不是 JSON 对象（应为 {\"title\": …, \"body\": …}）(not a JSON object)")
            continue
        yield _Row(number, value)


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) or GB18030, as the start of the file shows."""
    with path.open("rb") as handle:
        sample = handle.read(ENCODING_SAMPLE)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3:
            return "utf-8"  # a character cut by the sample's end
    return "gb18030"


def _table_rows(path: Path, fmt: str, columns: ExportColumns) -> Iterator[_Row | InputError]:
    csv.field_size_limit(MAX_ROW_BYTES)
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=_DELIMITERS[fmt])
        number = 0
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(str(path), "文件为空 (empty file)")
            names = [h.strip() for h in header]
            if columns.body not in names:
                known = "、".join(n for n in names if n) or "（无）"
                raise InputError(str(path), (
                    f"不是稿件导出文件：没有正文列 {columns.body}（表头为 {known}；其他列名请在 checker.toml 的 "
                    f"[export] 中指明，如 body = \"正文\"）(not an archive export: no body column)"
                ))
            for cells in reader:
                number += 1
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(names):
                    yield InputError(row_path(path, number),
                                     f"列数 {len(cells)} 多于表头的 {len(names)} 列 (more cells than columns)")
                    continue
                yield _Row(number, dict(zip(names, cells, strict=False)))
        except UnicodeDecodeError as exc:
            raise InputError(row_path(path, number + 1), f"编码错误，不是 {encoding} (cannot decode)") from exc
        except csv.Error as exc:
            raise InputError(row_path(path, number + 1), f"CSV 格式错误：{exc} (malformed CSV)") from exc


def export_rows(path: str | Path, columns: ExportColumns = DEFAULT_COLUMNS) -> Iterator[RawDocument | InputError]:
    """One document a row of the export at ``path``, read as a stream; a bad row is an InputError
    (yielded, and reading goes on); a file that cannot be read as an export raises one."""
    path = Path(path)
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "不是稿件导出文件（.jsonl .csv .tsv）(not an archive export)")
    if not path.is_file():
        raise InputError(str(path), "文件不存在 (no such file)")
    try:
        if fmt == "jsonl":
            with path.open("rb") as handle:
                yield from _documents(path, fmt, _jsonl_rows(path, handle), columns)
        else:
            yield from _documents(path, fmt, _table_rows(path, fmt, columns), columns)
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror or exc} (cannot read)") from exc


def _documents(
    path: Path, fmt: str, rows: Iterator[_Row | InputError], columns: ExportColumns
) -> Iterator[RawDocument | InputError]:
    for row in rows:
        if isinstance(row, InputError):
            yield row
            continue
        try:
            yield _document(path, fmt, row, columns)
        except InputError as exc:
            yield exc


@dataclass
class ExportCheck:
    """What reading an export once found: its bad rows (the first :data:`BAD_ROWS_KEPT`) and counts."""

    rows: int = 0  # good rows
    bad_rows: int = 0
    bad: list[InputError] = field(default_factory=list)


BAD_ROWS_KEPT = 20


def check_export(path: str | Path, columns: ExportColumns = DEFAULT_COLUMNS) -> ExportCheck:
    """Read the whole export once (as a stream, nothing kept but the bad rows' errors); raises
    InputError when the file cannot be read as an export at all, or holds no row."""
    found = ExportCheck()
    for item in export_rows(path, columns):
        if isinstance(item, InputError):
            found.bad_rows += 1
            if len(found.bad) < BAD_ROWS_KEPT:
                found.bad.append(item)
        else:
            found.rows += 1
    if not found.rows and not found.bad_rows:
        raise InputError(str(path), "导出文件中没有稿件 (no rows)")
    return found
