"""The review work without a terminal: load findings, filter them, record decisions, show passages.

The Textual review app (``checker.review``) is a thin shell over this module, which
imports no Textual, so everything here is usable (and tested) without a UI.  Every
decision goes through :func:`checker.store.reviews.decide` in its own short
transaction, with the ``seq`` this editor last saw, so two editors never overwrite
each other silently.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from checker.errors import UsageError
from checker.model import CATEGORIES as CATEGORIES  # the review's filter choices
from checker.model import SEVERITIES as SEVERITIES
from checker.model import SourceText, source_text
from checker.read import iter_input_files
from checker.rulepack import SUPPRESS_KEY, clear_cache
from checker.service import CheckedFinding, check_files, stored_findings
from checker.store.models import Article, Document, Fact
from checker.store.reviews import ReviewState, decide, states
from checker.store.session import transaction

STATUSES = ("new", "accepted", "dismissed", "resolved")
SUPPRESSIONS_FILE = "suppressions.yaml"
CONTEXT_CHARS = 60

# -- labels -------------------------------------------------------------------------------------

LABELS: dict[str, tuple[str, str]] = {
    "new": ("待处理", "open"),
    "accepted": ("已确认", "accepted"),
    "dismissed": ("已忽略", "dismissed"),
    "resolved": ("已解决", "resolved"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "duplicate": ("重复", "duplicate"),
    "number-conflict": ("数字冲突", "number conflict"),
    "name-conflict": ("名称差异", "name conflict"),
    "typo": ("错别字", "typo"),
    "date": ("日期", "date"),
    "arithmetic": ("算术", "arithmetic"),
    "number": ("数字", "number"),
    "person": ("人名", "person"),
    "place": ("地名", "place"),
    "org": ("机构", "organisation"),
    "name": ("名称", "name"),
    "title": ("职务", "title"),
    "accept": ("确认", "accept"),
    "dismiss": ("忽略", "dismiss"),
    "suppress": ("屏蔽", "suppress"),
    "undo": ("撤销", "undo"),
    "note": ("备注", "note"),
    "reopen": ("重开", "reopen"),
}


def label(value: str, lang: str = "zh") -> str:
    """The editor-facing name of a status, severity, category or action."""
    pair = LABELS.get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]


def tr(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


# -- the list -----------------------------------------------------------------------------------


@dataclass
class Item:
    """One finding as the review list holds it: the stored row's fields plus its review state."""

    id: str
    rule: str
    category: str
    severity: str
    message_zh: str
    message_en: str
    path: str
    headline: str
    article_id: int | None  # None once the article was replaced and not yet re-checked
    related_article_id: int | None
    line: int
    column: int
    raw_start: int
    raw_end: int
    text: str
    related: list[dict[str, Any]]
    suggestion: str | None
    state: ReviewState
    resolved: bool = False  # a check no longer finds it

    @classmethod
    def of(cls, checked: CheckedFinding) -> Item:
        r = checked.row
        return cls(
            id=r.id, rule=r.rule, category=r.category, severity=r.severity, message_zh=r.message_zh,
            message_en=r.message_en, path=r.path, headline=r.article_headline, article_id=r.article_id,
            related_article_id=r.related_article_id, line=r.line, column=r.column, raw_start=r.raw_start,
            raw_end=r.raw_end, text=r.text, related=list(r.related or []), suggestion=r.suggestion,
            state=checked.review, resolved=r.resolved_at is not None,
        )

    @property
    def status(self) -> str:
        """``resolved`` once a check stopped finding it, else the newest decision's status."""
        return "resolved" if self.resolved else self.state.status

    @property
    def seq(self) -> int:
        return self.state.seq

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def excerpt(self, width: int = 24) -> str:
        flat = " ".join(self.text.split())
        return flat if len(flat) <= width else flat[: width - 1] + "…"

    @property
    def file_name(self) -> str:
        return Path(self.path).name


def expand_paths(paths: Sequence[str]) -> list[str]:
    """``paths`` with each directory replaced by the input files under it."""
    out: list[str] = []
    for p in paths:
        if Path(p).is_dir():
            out.extend(str(f) for f in iter_input_files([p]))
        else:
            out.append(p)
    return out


def load_items(engine: Engine, paths: Sequence[str] = ()) -> list[Item]:
    """Every stored finding, resolved ones included (or those of ``paths``' files and
    directories), with its current review state."""
    files = expand_paths(paths)
    if paths and not files:
        return []
    with transaction(engine) as session:
        return [Item.of(c) for c in stored_findings(session, paths=files, resolved=True)]


def refresh_states(engine: Engine, ids: Iterable[str]) -> dict[str, ReviewState]:
    """The current review state of each id; ids without a decision are ``new`` with seq 0."""
    ids = list(ids)
    with transaction(engine) as session:
        found = states(session, ids)
    return {i: found.get(i, ReviewState("new", 0)) for i in ids}


def database_label(engine: Engine) -> str:
    """How the header names the database: an SQLite file's name, else the URL without its password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return Path(url.database).name if url.database and url.database != ":memory:" else ":memory:"
    return url.render_as_string(hide_password=True)


def editor_command(path: str, line: int, column: int, env: dict[str, str] | None = None) -> list[str] | None:
    """The command that opens ``path`` at ``line``:``column`` in $VISUAL or $EDITOR (None: neither set).

    vi, vim, nvim, nano, emacs and kak take ``+line``; VS Code ``--goto file:line:column``."""
    import os
    import shlex

    env = dict(os.environ) if env is None else env
    editor = env.get("VISUAL") or env.get("EDITOR")
    if not editor:
        return None
    words = shlex.split(editor)
    name = Path(words[0]).name
    if name in ("code", "codium"):
        return [*words, "--goto", f"{path}:{line}:{column}"]
    if name in ("subl", "zed"):
        return [*words, f"{path}:{line}:{column}"]
    if name in ("vi", "vim", "nvim", "view"):
        return [*words, f"+call cursor({line},{column})", path]
    return [*words, f"+{line}", path]


def counts(items: Iterable[Item]) -> dict[str, int]:
    tally = Counter(i.status for i in items)
    return {s: tally.get(s, 0) for s in STATUSES}


@dataclass(frozen=True)
class ArticleKey:
    article_id: int | None
    path: str
    headline: str

    def title(self, lang: str = "zh") -> str:
        return f"{Path(self.path).name} · {self.headline or tr(lang, '(无标题)', '(untitled)')}"


def articles_of(items: Iterable[Item]) -> list[tuple[ArticleKey, int]]:
    """The articles the findings belong to, in list order, with how many findings each has."""
    tally: Counter[ArticleKey] = Counter()
    for i in items:
        tally[ArticleKey(i.article_id, i.path, i.headline)] += 1
    return list(tally.items())


@dataclass(frozen=True)
class Filters:
    text: str = ""
    category: str | None = None
    severity: str | None = None
    status: str | None = None
    article_id: int | None = None

    def matches(self, item: Item) -> bool:
        if self.category and item.category != self.category:
            return False
        if self.severity and item.severity != self.severity:
            return False
        if self.status and item.status != self.status:
            return False
        if self.article_id is not None and item.article_id != self.article_id:
            return False
        if self.text:
            needle = self.text.lower()
            haystack = (item.rule, item.text, item.message_zh, item.message_en, item.headline, item.path,
                        item.suggestion or "", *(str(r.get("text", "")) for r in item.related))
            return any(needle in h.lower() for h in haystack)
        return True

    def active(self) -> bool:
        return self != Filters()

    def describe(self, lang: str = "zh", article: str | None = None) -> str:
        parts = []
        if self.text:
            parts.append(f"“{self.text}”")
        for value in (self.category, self.severity, self.status):
            if value:
                parts.append(label(value, lang))
        if self.article_id is not None:
            parts.append(article or f"#{self.article_id}")
        return " · ".join(parts)


def apply(items: Iterable[Item], filters: Filters) -> list[Item]:
    return [i for i in items if filters.matches(i)]


def cycle(value: str | None, choices: Sequence[str]) -> str | None:
    """None -> first -> ... -> last -> None: what a filter key does on each press."""
    options: list[str | None] = [None, *choices]
    return options[(options.index(value) + 1) % len(options)] if value in options else None


def with_filter(filters: Filters, **changes: Any) -> Filters:
    return replace(filters, **changes)


# -- decisions ----------------------------------------------------------------------------------


def record(
    engine: Engine, finding_id: str, action: str, *, reviewer: str | None = None, note: str | None = None,
    expected_seq: int | None = None,
) -> ReviewState:
    """Record one decision in its own transaction; the finding's new state.

    Raises :class:`checker.errors.ReviewConflict` when someone decided since ``expected_seq``.
    """
    with transaction(engine) as session:
        review = decide(session, finding_id, action, reviewer=reviewer, note=note, expected_seq=expected_seq)
        current = states(session, [finding_id])[finding_id]
        return replace(current, seq=review.seq)


def write_suppression(rules_dir: str | Path, rule: str, phrase: str) -> Path:
    """Add ``phrase`` under ``rule`` to ``suppressions.yaml`` of the user's rule pack.

    The file holds ``suppress: {RULE: [phrases]}``: the phrases sit under a key that is
    not a rule code, so the pack's rule settings (top-level ``ABC123`` keys) stay untouched.
    """
    path, data, table = _suppressions(rules_dir)
    phrases = table.setdefault(rule, [])
    if phrase not in phrases:
        phrases.append(phrase)
    return _save_suppressions(path, data)


def remove_suppression(rules_dir: str | Path, rule: str, phrase: str) -> Path:
    """Take ``phrase`` out of ``rule``'s suppressions again (undo of a suppress)."""
    path, data, table = _suppressions(rules_dir)
    phrases = table.get(rule)
    if isinstance(phrases, list) and phrase in phrases:
        phrases.remove(phrase)
        if not phrases:
            del table[rule]
    if not table:
        del data[SUPPRESS_KEY]
    return _save_suppressions(path, data)


def suppressions_path(rules_dir: str | Path) -> Path:
    return Path(rules_dir) / SUPPRESSIONS_FILE


def _suppressions(rules_dir: str | Path) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    directory = Path(rules_dir)
    if not directory.is_dir():
        raise UsageError(f"{directory}: 规则包目录不存在 (rule pack directory not found)")
    path = suppressions_path(directory)
    data: dict[str, Any] = {}
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            data = loaded
    table = data.setdefault(SUPPRESS_KEY, {})
    if not isinstance(table, dict):
        table = data[SUPPRESS_KEY] = {}
    return path, data, table


def _save_suppressions(path: Path, data: dict[str, Any]) -> Path:
    header = "# 审稿界面写入的屏蔽：这些规则不再报告这些文字 (suppressed in checker review)\n"
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=True), encoding="utf-8")
    clear_cache()
    return path


# -- passages -----------------------------------------------------------------------------------


@dataclass
class Passage:
    """A span of a document with some context around it; offsets index ``text``."""

    path: str
    headline: str
    line: int
    column: int
    text: str
    start: int  # the span, within ``text``
    end: int
    marks: list[tuple[int, int]] = field(default_factory=list)  # differing parts, within ``text``
    found: bool = True  # False when the document is not in the database (text is the span only)

    @property
    def span(self) -> str:
        return self.text[self.start : self.end]


@dataclass
class FactLine:
    kind: str
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    time: str | None
    subject: str | None
    attribute: str | None
    qualifier: str | None

    def describe(self, lang: str = "zh") -> str:
        if self.low is not None and self.high is not None and self.low != self.high:
            value = f"{_num(self.low)}–{_num(self.high)}"
        elif self.value is not None:
            value = _num(self.value)
        else:
            value = ""
        head = f"{self.text}"
        if value:
            head += f" = {value}{self.unit or ''}"
        extra = [x for x in (self.subject, self.attribute, self.time, self.qualifier) if x]
        return f"[{label(self.kind, lang)}] {head}" + (f"（{'，'.join(extra)}）" if extra else "")


def _num(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,g}"


@dataclass
class Detail:
    item: Item
    here: Passage
    others: list[Passage]
    facts_here: list[FactLine]
    facts_other: list[FactLine]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _offset(starts: list[int], line: int, column: int) -> int:
    line = max(1, min(line, len(starts)))
    return starts[line - 1] + max(0, column - 1)


def _context(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Window around [start, end): up to ``width`` characters each side, not crossing a blank line."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    para_lo = text.rfind("\n\n", lo, start)
    if para_lo != -1:
        lo = para_lo + 2
    para_hi = text.find("\n\n", end, hi)
    if para_hi != -1:
        hi = para_hi
    return lo, hi


def diff_marks(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The parts of ``a`` and of ``b`` that differ (empty when they are equal or wholly different)."""
    if a == b or not a or not b:
        return [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.2:
        return [], []
    left: list[tuple[int, int]] = []
    right: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            left.append((i1, i2))
        if j2 > j1:
            right.append((j1, j2))
    return left, right


def _document(session: Session, path: str, cache: dict[str, Document | None]) -> Document | None:
    if path not in cache:
        cache[path] = session.scalars(select(Document).where(Document.path == path)).first()
    return cache[path]


def _article_at(session: Session, document: Document, raw: int) -> Article | None:
    arts = list(session.scalars(select(Article).where(Article.document_id == document.id)
                                .order_by(Article.raw_start)))
    starts = [a.raw_start for a in arts]
    k = bisect.bisect_right(starts, raw) - 1
    return arts[k] if 0 <= k < len(arts) else None


def _facts(session: Session, article_id: int | None, start: int, end: int) -> list[FactLine]:
    if article_id is None:
        return []
    rows = session.scalars(
        select(Fact).where(Fact.article_id == article_id, Fact.raw_start < max(end, start + 1),
                           Fact.raw_end > start).order_by(Fact.raw_start)
    )
    return [FactLine(f.kind, f.text, f.value, f.low, f.high, f.unit, f.time, f.subject, f.attribute, f.qualifier)
            for f in rows]


def _shown(doc: Document) -> SourceText:
    """The document's text as an editor reads it (a web page's or Markdown file's clean text)."""
    return source_text(doc.text, doc.clean_text, doc.clean_runs)


def _passage(path: str, headline: str, line: int, column: int, source: SourceText, raw_start: int, raw_end: int,
             width: int) -> Passage:
    """The shown text around raw [raw_start, raw_end), with the span's place in it."""
    text = source.shown_text
    start, end = source.shown_span(raw_start, raw_end)
    lo, hi = _context(text, start, end, width)
    return Passage(path, headline, line, column, text[lo:hi], start - lo, end - lo)


def detail(engine: Engine, item: Item, width: int = CONTEXT_CHARS) -> Detail:
    """Both passages of a finding with their context, the differing parts and the facts compared.

    The passages are the text as an editor reads it: for a web page or a Markdown file, the clean
    text the reading stage made, never the markup."""
    cache: dict[str, Document | None] = {}
    with transaction(engine) as session:
        doc = _document(session, item.path, cache)
        if doc is not None:
            here = _passage(item.path, item.headline, item.line, item.column, _shown(doc), item.raw_start,
                            item.raw_end, width)
        else:
            here = Passage(item.path, item.headline, item.line, item.column, item.text, 0, len(item.text),
                           found=False)
        facts_here = _facts(session, item.article_id, item.raw_start, item.raw_end)
        others: list[Passage] = []
        facts_other: list[FactLine] = []
        for rel in item.related:
            path = str(rel.get("path", ""))
            text = str(rel.get("text", ""))
            line = int(str(rel.get("line", 1)))
            column = int(str(rel.get("column", 1)))
            headline = str(rel.get("article", ""))
            rdoc = _document(session, path, cache)
            if rdoc is None:
                others.append(Passage(path, headline, line, column, text, 0, len(text), found=False))
                continue
            source = _shown(rdoc)
            if "raw_start" in rel and "raw_end" in rel:
                rs, re_ = int(str(rel["raw_start"])), int(str(rel["raw_end"]))
            else:
                starts = _line_starts(rdoc.text)
                rs = _offset(starts, line, column)
                re_ = _offset(starts, int(str(rel.get("end_line", line))), int(str(rel.get("end_column", column))))
                if source.shown(rs, re_) != text and text:
                    found_at = rdoc.text.find(text)
                    if found_at != -1:
                        rs, re_ = found_at, found_at + len(text)
            others.append(_passage(path, headline, line, column, source, rs, re_, width))
            art = _article_at(session, rdoc, rs)
            facts_other.extend(_facts(session, art.id if art else None, rs, re_))
    for other in others[:1]:
        left, right = diff_marks(here.span, other.span)
        here.marks = [(here.start + a, here.start + b) for a, b in left]
        other.marks = [(other.start + a, other.start + b) for a, b in right]
    return Detail(item, here, others, facts_here, facts_other)


@dataclass
class ArticleText:
    """A whole article as an editor reads it, with every finding's span in it (offsets index ``text``)."""

    headline: str
    path: str
    text: str
    spans: list[tuple[int, int, Item]]


def article_text(engine: Engine, article_id: int | None, items: Iterable[Item]) -> ArticleText:
    mine = [i for i in items if i.article_id == article_id] if article_id is not None else []
    with transaction(engine) as session:
        art = session.get(Article, article_id) if article_id is not None else None
        if art is None:
            first = mine[0] if mine else None
            return ArticleText(first.headline if first else "", first.path if first else "", "", [])
        doc = session.get(Document, art.document_id)
        assert doc is not None
        source = _shown(doc)
        shown = [source.shown_span(i.raw_start, i.raw_end) for i in mine]
        lo, hi = source.shown_span(art.raw_start, art.raw_end)
        lo = min([lo, *(a for a, _ in shown)])
        hi = max([hi, *(b for _, b in shown)])
        text = source.shown_text[lo:hi]
        lead = len(text) - len(text.lstrip("\n"))  # blank lines the reading left (a front matter's)
        lo, text = lo + lead, text[lead:]
        spans = sorted(((a - lo, b - lo, i) for (a, b), i in zip(shown, mine, strict=True)),
                       key=lambda s: (s[0], s[1]))
        return ArticleText(art.headline, doc.path, text, spans)


# -- re-checking --------------------------------------------------------------------------------


def existing_files(paths: Iterable[str]) -> list[Path]:
    return [Path(p) for p in dict.fromkeys(paths) if Path(p).is_file()]


def recheck(
    engine: Engine, files: Sequence[Path], *, rules: Sequence[str] = (),
    on_file: Callable[[str], None] | None = None,
) -> int:
    """Re-ingest and re-check ``files`` (stored findings are replaced); how many findings they have."""
    result = check_files(engine, files, rules=rules, keep_going=True, on_file=on_file)
    return len(result.findings)
