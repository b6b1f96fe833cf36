"""Measure the checker: recall and precision on planted errors, false findings on untouched text.

Two kinds of evaluation set:

* a corpus of real articles (``../shared/corpus``: the seed pages and a fixed random
  sample of the held-out half of THUCNews, reported separately; or any folder of ``.tsv``
  and ``.txt`` files): it is checked once untouched, and once with errors planted by
  :mod:`checker.evaluate.inject`, which chooses its sites without the checker;
* ``examples/`` with its hand-written ``answer_key.yaml`` (errors, and ``clean``
  places that must not be reported).

A planted error counts as found when a finding of its category overlaps its span or
its related span (the finding's own place, or one of the finding's related places
overlapping the planted span).  Every run uses a fresh temporary SQLite archive.

Recall is given twice: over all planted errors, and (for diagnosis) over those whose site
the checker's extractor recognises (a number fact with a key on a planted figure, a name
fact on a swapped name, a date fact on a planted date).  Only the scorer looks at the
extractor; the injector never does.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.errors import UsageError
from checker.evaluate.corpus import read_corpus, write_corpus
from checker.evaluate.inject import KINDS, Span, inject, position
from checker.evaluate.verdicts import VERDICTS
from checker.evaluate.verdicts import key as verdict_key
from checker.evaluate.verdicts import load as load_verdicts
from checker.model import CATEGORIES, NAME_KINDS
from checker.read import read_file
from checker.service import check_files, open_engine

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_EXAMPLES = REPO / "examples"
BASELINE = REPO / "tests" / "quality_baseline.json"
Pos = tuple[int, int]


@dataclass
class Place:
    path: str  # absolute, resolved
    start: Pos
    end: Pos
    text: str = ""

    def overlaps(self, other: Place) -> bool:
        return self.path == other.path and self.start < other.end and other.start < self.end


@dataclass
class Expected:
    id: str
    kind: str
    category: str
    place: Place
    related: Place | None = None
    accept: list[str] = field(default_factory=list)
    note: str = ""
    recognised: bool | None = None  # whether the extractor sees the site (None: not asked)

    def places(self) -> list[Place]:
        return [self.place] + ([self.related] if self.related else [])


@dataclass
class Found:
    rule: str
    category: str
    place: Place
    related: list[Place]
    message: str

    def same_line(self, e: Expected) -> bool:
        """Whether it is on the line of the planted text (a planted error's whole inserted paragraph)."""
        return self.place.path == e.place.path and self.place.start[0] <= e.place.start[0] <= self.place.end[0]

    def hits(self, e: Expected) -> bool:
        """Its place overlaps the planted span or its related span, or a related place overlaps the span."""
        return any(self.place.overlaps(p) for p in e.places()) or any(r.overlaps(e.place) for r in self.related)


@dataclass
class Run:
    findings: list[Found]
    characters: int  # non-space characters of the checked files
    files: list[Path]


# -- running the checker ------------------------------------------------------------------------


def _place(path: str, d: dict[str, Any]) -> Place:
    return Place(str(Path(path).resolve()), (int(d["line"]), int(d["column"])),
                 (int(d["end_line"]), int(d["end_column"])), str(d.get("text", "")))


def run_checker(files: Sequence[Path], work: Path, jobs: int = 1) -> Run:
    """Check ``files`` into a fresh SQLite archive under ``work``."""
    db = work / f"eval-{len(list(work.glob('eval-*.db')))}.db"
    engine = open_engine(f"sqlite:///{db}")
    try:
        result = check_files(engine, list(files), jobs=jobs, keep_going=True)
    finally:
        engine.dispose()
    found = []
    for c in result.findings:
        row = c.row
        place = Place(row.path, (row.line, row.column), (row.end_line, row.end_column), row.text)
        related = [_place(str(r.get("path", row.path)), r) for r in (row.related or []) if "line" in r]
        found.append(Found(row.rule, row.category, place, related, row.message_zh))
    chars = sum(len(re.sub(r"\s", "", read_file(f).text)) for f in files)
    return Run(found, chars, list(files))


# -- expected errors ---------------------------------------------------------------------------


def _span_place(root: Path, span: Span) -> Place:
    return Place(str((root / span.file).resolve()), (span.line, span.column), (span.end_line, span.end_column),
                 span.text)


def _locate(root: Path, entry: dict[str, Any], cache: dict[str, str]) -> Place:
    """Where an answer-key entry (file, line, text) is in the text the checker reads."""
    path = (root / entry["file"]).resolve()
    key = str(path)
    if key not in cache:
        cache[key] = read_file(path).text
    raw = cache[key]
    text = str(entry["text"])
    line = int(entry["line"])
    at = -1
    if path.suffix.lower() in (".html", ".htm"):
        # line numbers are those of the HTML source; find that line's visible text
        source = path.read_text(encoding="utf-8", errors="replace").split("\n")
        plain = re.sub(r"<[^>]+>", "", source[line - 1]).strip() if line <= len(source) else ""
        base = raw.find(plain) if plain else -1
        if base >= 0:
            at = raw.rfind(text, base, base + len(plain))
    else:
        lines = raw.split("\n")
        if line <= len(lines):
            col = lines[line - 1].rfind(text)
            if col >= 0:
                at = sum(len(x) + 1 for x in lines[: line - 1]) + col
    if at < 0:
        at = raw.rfind(text)
    if at < 0:
        raise ValueError(f"answer key text not found: {entry['file']}:{line} {text}")
    return Place(key, position(raw, at), position(raw, at + len(text)), text)


def answer_key(examples: Path) -> tuple[list[Expected], list[Expected]]:
    """Errors and clean places of ``examples/answer_key.yaml``."""
    data = yaml.safe_load((examples / "answer_key.yaml").read_text(encoding="utf-8"))
    cache: dict[str, str] = {}
    out: tuple[list[Expected], list[Expected]] = ([], [])
    for group, target in (("errors", out[0]), ("clean", out[1])):
        for n, entry in enumerate(data.get(group) or [], 1):
            related = _locate(examples, entry["related"], cache) if entry.get("related") else None
            category = str(entry.get("category", "clean"))
            target.append(Expected(f"{group}-{n}", category, category, _locate(examples, entry, cache), related,
                                   note=str(entry.get("note", ""))))
    return out


# -- scoring -----------------------------------------------------------------------------------


@dataclass
class CategoryScore:
    planted: int = 0
    found: int = 0
    findings: int = 0  # findings of the category on the evaluated (planted) text
    true_findings: int = 0
    false_findings: int = 0
    untouched_findings: int = 0  # findings of the category on untouched text
    recognised: int = 0  # planted errors whose site the extractor recognises
    recognised_found: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None

    @property
    def recall_recognised(self) -> float | None:
        """Recall over the planted errors whose site the extractor recognises (for diagnosis)."""
        return self.recognised_found / self.recognised if self.recognised else None

    @property
    def precision(self) -> float | None:
        judged = self.true_findings + self.false_findings
        return self.true_findings / judged if judged else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


@dataclass
class Miss:
    id: str
    kind: str
    category: str
    file: str
    line: int
    text: str
    note: str
    column: int = 0
    facts: str = ""  # what the extractor made of the planted text (to tell rule from extraction misses)


@dataclass
class FalseFinding:
    rule: str
    category: str
    file: str
    line: int
    text: str
    message: str
    where: str  # planted | untouched | examples | examples-clean
    verdict: str = ""  # on untouched text, the hand verdict: real | false | ? (see checker.evaluate.verdicts)
    reason: str = ""


@dataclass
class Report:
    name: str
    characters: int  # untouched characters (or the examples' characters)
    scores: dict[str, CategoryScore]
    kinds: dict[str, tuple[int, int]]  # kind -> (found, planted)
    misses: list[Miss]
    false: list[FalseFinding]
    # untouched text by top folder (seeds, news ...): characters and findings
    groups: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def untouched_false(self) -> int:
        return sum(s.untouched_findings for s in self.scores.values())

    @property
    def false_per_10k(self) -> float:
        return 10000 * self.untouched_false / self.characters if self.characters else 0.0

    @property
    def judged(self) -> dict[str, int]:
        """Findings on untouched text by hand verdict: real errors, false alarms, not judged."""
        out = {"real": 0, "false": 0, "unjudged": 0}
        for f in self.false:
            if f.where == "untouched":
                out[f.verdict if f.verdict in ("real", "false") else "unjudged"] += 1
        return out

    @property
    def judged_false_per_10k(self) -> float:
        """Findings on untouched text that are not judged real errors, per 10,000 characters."""
        j = self.judged
        return 10000 * (j["false"] + j["unjudged"]) / self.characters if self.characters else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "characters": self.characters, "false_per_10k": round(self.false_per_10k, 3),
            "judged": self.judged, "judged_false_per_10k": round(self.judged_false_per_10k, 3),
            "categories": {c: {**asdict(s), "recall": s.recall, "recall_recognised": s.recall_recognised,
                               "precision": s.precision, "f1": s.f1}
                           for c, s in self.scores.items()},
            "kinds": {k: {"found": f, "planted": p} for k, (f, p) in self.kinds.items()},
            "misses": [asdict(m) for m in self.misses],
            "false_findings": [asdict(f) for f in self.false],
            "untouched_groups": {g: {"characters": c, "findings": n,
                                     "per_10k": round(10000 * n / c, 3) if c else 0.0}
                                 for g, (c, n) in self.groups.items()},
        }


def _rel(path: str, roots: Iterable[Path]) -> str:
    for root in roots:
        try:
            return Path(path).relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path


def score(name: str, expected: list[Expected], planted_run: Run, untouched: Run | None, roots: list[Path],
          clean: Sequence[Expected] = ()) -> Report:
    scores = {c: CategoryScore() for c in CATEGORIES}
    kinds: dict[str, tuple[int, int]] = {}
    misses: list[Miss] = []
    false: list[FalseFinding] = []
    for e in expected:
        s = scores.setdefault(e.category, CategoryScore())
        s.planted += 1
        hit = any(f.category == e.category and f.hits(e) for f in planted_run.findings)
        s.found += hit
        if e.recognised:
            s.recognised += 1
            s.recognised_found += hit
        found, total = kinds.get(e.kind, (0, 0))
        kinds[e.kind] = (found + hit, total + 1)
        if not hit:
            misses.append(Miss(e.id, e.kind, e.category, _rel(e.place.path, roots), e.place.start[0],
                               e.place.text, e.note, e.place.start[1]))
    # findings also present on the untouched text are judged there, not here
    before = {(f.rule, _rel(f.place.path, roots), f.place.text) for f in (untouched.findings if untouched else [])}
    for f in planted_run.findings:
        s = scores.setdefault(f.category, CategoryScore())
        s.findings += 1
        if any(f.category == e.category and f.hits(e) for e in expected):
            s.true_findings += 1
            continue
        if any(f.hits(e) or (f.category in e.accept and f.same_line(e)) for e in expected):
            continue  # a finding of another category on a planted error: neither true nor false
        if untouched is not None and (f.rule, _rel(f.place.path, roots), f.place.text) in before:
            continue
        s.false_findings += 1
        on_clean = any(f.place.overlaps(c.place) for c in clean)
        where = "examples-clean" if on_clean else ("examples" if untouched is None else "planted")
        false.append(FalseFinding(f.rule, f.category, _rel(f.place.path, roots), f.place.start[0], f.place.text,
                                  f.message, where))
    if untouched is not None:
        for f in untouched.findings:
            scores.setdefault(f.category, CategoryScore()).untouched_findings += 1
            false.append(FalseFinding(f.rule, f.category, _rel(f.place.path, roots), f.place.start[0],
                                      f.place.text, f.message, "untouched"))
        characters = untouched.characters
    else:
        # examples: every finding that is not an answer-key error is false, on the examples' text
        for s in scores.values():
            s.untouched_findings = s.false_findings
        characters = planted_run.characters
    return Report(name, characters, scores, kinds, misses, false)


# -- the evaluations ---------------------------------------------------------------------------


@dataclass
class Config:
    corpus: str = str(DEFAULT_CORPUS)
    examples: str | None = str(DEFAULT_EXAMPLES)
    sample: int | None = 300  # THUCNews lines per tsv file
    seed: int = 1
    per_kind: int | None = None
    jobs: int = 2
    verdicts: str | None = str(VERDICTS)  # hand verdicts on untouched findings (None: none)
    split: str | None = "held-out"  # half of each tsv to use (None: every line)


def ci_config() -> Config:
    """The small evaluation CI runs: 100 held-out THUCNews articles (4 planted errors per kind) and examples/."""
    return Config(corpus=str(DEFAULT_CORPUS / "news" / "thucnews_sina_1000.tsv"), sample=100, seed=1, per_kind=4)


def _group_of(path: str, roots: Iterable[Path]) -> str:
    return _rel(path, roots).split("/", 1)[0]


def _subset(run: Run, root: Path, group: str) -> Run:
    """The part of a run below ``root / group``."""
    base = (root / group).resolve()
    inside = [p for p in run.files if base in Path(p).resolve().parents]
    chars = sum(len(re.sub(r"\s", "", p.read_text(encoding="utf-8"))) for p in inside)
    findings = [f for f in run.findings if base in Path(f.place.path).parents]
    return Run(findings, chars, inside)


def separate_groups(corpus: Path) -> list[str]:
    """Top folders of the default corpus reported apart (news first, then the seed pages); none elsewhere."""
    if corpus.resolve() != DEFAULT_CORPUS.resolve():
        return []
    return [g for g in ("news", "seeds") if (corpus / g).is_dir()]


def evaluate_corpus(config: Config, work: Path) -> list[Report]:
    files = read_corpus(config.corpus, sample=config.sample, seed=config.seed, split=config.split)
    if not files:
        raise UsageError(f"{config.corpus}: 语料中没有稿件 (no .tsv lines or .txt/.md files in the corpus)")
    clean_dir, planted_dir = work / "untouched", work / "planted"
    clean_paths = write_corpus(files, clean_dir)
    manifest = inject(files, planted_dir, seed=config.seed, per_kind=config.per_kind, corpus=config.corpus,
                      jobs=config.jobs)
    untouched = run_checker(clean_paths, work, config.jobs)
    planted = run_checker([planted_dir / f.name for f in files], work, config.jobs)
    expected = [
        Expected(e.id, e.kind, e.category, _span_place(planted_dir, e.span()),
                 _span_place(planted_dir, e.related) if e.related else None, e.accept, e.note)
        for e in manifest.errors
    ]
    facts = mark_recognised(expected)
    roots = [planted_dir, clean_dir]
    half = f" ({config.split})" if config.split else ""
    groups = separate_groups(Path(config.corpus))
    parts: list[tuple[str, list[Expected], Run, Run]]
    if groups:
        parts = [(f"{g}{half if g == 'news' else ''}", [e for e in expected if _group_of(e.place.path, roots) == g],
                  _subset(planted, planted_dir, g), _subset(untouched, clean_dir, g)) for g in groups]
    else:
        parts = [(f"{config.corpus}{half}", expected, planted, untouched)]
    judged = load_verdicts(Path(config.verdicts)) if config.verdicts else {}
    reports = []
    for name, part_expected, part_planted, part_untouched in parts:
        report = score(name, part_expected, part_planted, part_untouched, roots)
        report.groups = _untouched_groups(part_untouched, clean_dir)
        for m in report.misses:
            m.facts = facts.get(m.id, "")
        for false in report.false:
            v = judged.get(verdict_key(false.file, false.rule, false.text)) if false.where == "untouched" else None
            if v is not None:
                false.verdict, false.reason = v.verdict, v.reason
        reports.append(report)
    return reports


def _untouched_groups(untouched: Run, clean_dir: Path) -> dict[str, tuple[int, int]]:
    groups: dict[str, tuple[int, int]] = {}
    for path in untouched.files:
        group = path.relative_to(clean_dir).parts[0]
        chars, n = groups.get(group, (0, 0))
        groups[group] = (chars + len(re.sub(r"\s", "", path.read_text(encoding="utf-8"))), n)
    for f in untouched.findings:
        group = Path(f.place.path).relative_to(clean_dir.resolve()).parts[0]
        chars, n = groups.get(group, (0, 0))
        groups[group] = (chars, n + 1)
    return groups


def _recognises(category: str, facts: list[tuple[str, str | None]]) -> bool:
    """Whether the extractor made of a planted site what the checker needs to have a chance at it."""
    kinds = [kind for kind, _ in facts]
    if category == "number-conflict":
        return any(kind == "number" and key for kind, key in facts)
    if category == "name-conflict":
        return any(kind in NAME_KINDS for kind in kinds)
    if category == "date":
        return "date" in kinds
    if category == "arithmetic":
        return sum(kind in NAME_KINDS for kind in kinds) >= 2
    return True  # duplicates and typos are the text itself


def mark_recognised(expected: list[Expected]) -> dict[str, str]:
    """Set ``recognised`` on each planted error; return, by id, what the extractor found on its site.

    Runs the extractor on the planted files (once each): this is diagnosis after the fact,
    the sites were chosen without it.
    """
    from checker.pipeline import prepare_file

    by_path: dict[str, list[Expected]] = {}
    for e in expected:
        by_path.setdefault(e.place.path, []).append(e)
    described: dict[str, str] = {}
    for path, errors in sorted(by_path.items()):
        doc = prepare_file(Path(path))
        offsets = [0]
        for line in doc.raw.text.split("\n"):
            offsets.append(offsets[-1] + len(line) + 1)
        facts = [f for article in doc.articles
                 for f in [*article.headline_facts, *article.byline_facts,
                           *(f for s in article.sentences for f in s.facts)]]
        for e in errors:
            start = offsets[e.place.start[0] - 1] + e.place.start[1] - 1
            end = offsets[e.place.end[0] - 1] + e.place.end[1] - 1
            on_site = [f for f in facts if f.raw_start < end and start < f.raw_end]
            e.recognised = _recognises(e.category, [(f.draft.kind, f.draft.key) for f in on_site])
            described[e.id] = "; ".join(
                f"{f.draft.kind}:{f.draft.text}" + (f" key={f.draft.key}" if f.draft.key else "") for f in on_site
            ) or "no fact extracted"
    return described


def evaluate_examples(examples: Path, work: Path, jobs: int = 1) -> Report:
    errors, clean = answer_key(examples)
    from checker.read import iter_input_files

    run = run_checker(iter_input_files([examples]), work, jobs)
    return score("examples", errors, run, None, [examples], clean)


def evaluate(config: Config) -> list[Report]:
    work = Path(tempfile.mkdtemp(prefix="checker-eval-"))
    try:
        reports = evaluate_corpus(config, work)
        if config.examples and (Path(config.examples) / "answer_key.yaml").exists():
            reports.append(evaluate_examples(Path(config.examples), work, config.jobs))
        return reports
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- output --------------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def table(report: Report) -> str:
    head = ("| 类别 category | 埋设/答案 planted | 检出 found | 召回 recall | 抽取器认出的埋设处：检出/认出 = 召回 "
            "recall where the extractor recognises the site | 精确 precision | F1 "
            "| 未改动文本报告/万字 untouched findings per 10k |")
    rows = [f"**{report.name}**（{report.characters} 字 chars）", "", head, "|" + "---|" * 8]
    for c in CATEGORIES:
        s = report.scores.get(c, CategoryScore())
        per10k = 10000 * s.untouched_findings / report.characters if report.characters else 0.0
        seen = f"{s.recognised_found}/{s.recognised} = {_fmt(s.recall_recognised)}" if s.recognised else "—"
        rows.append(f"| {c} | {s.planted} | {s.found} | {_fmt(s.recall)} | {seen} | {_fmt(s.precision)} "
                    f"| {_fmt(s.f1)} | {per10k:.2f} |")
    planted = sum(s.planted for s in report.scores.values())
    found = sum(s.found for s in report.scores.values())
    rows.append(f"| 合计 all | {planted} | {found} | {_fmt(found / planted if planted else None)} | | | "
                f"| {report.false_per_10k:.2f} |")
    j = report.judged
    if report.name != "examples" and any(j.values()):
        rows.append(f"| 人工判定后误报 false after review | | | | | | | {report.judged_false_per_10k:.2f} |")
        rows += ["", f"未改动文本上的 {sum(j.values())} 条报告经人工判定：原文真实错误 {j['real']} 条，"
                     f"误报 {j['false']} 条，未判定 {j['unjudged']} 条（未判定的按误报计）。 / "
                     "Findings on untouched text judged by hand: "
                     f"{j['real']} real errors of the corpus, {j['false']} false, {j['unjudged']} not judged "
                     "(counted as false)."]
    if report.groups:
        rows += ["", "| 未改动文本 untouched | 字数 chars | 报告数 findings | 每万字 per 10k |", "|---|---|---|---|"]
        for group, (chars, n) in sorted(report.groups.items()):
            rows.append(f"| {group} | {chars} | {n} | {10000 * n / chars if chars else 0.0:.2f} |")
    if report.kinds and report.name != "examples":
        rows += ["", "| 埋设方式 kind | 类别 category | 检出/埋设 found/planted |", "|---|---|---|"]
        for kind in KINDS:
            if kind in report.kinds:
                hit, total = report.kinds[kind]
                rows.append(f"| {kind} | {KINDS[kind]} | {hit}/{total} |")
    return "\n".join(rows)


def render_text(reports: Sequence[Report], verbose: bool = False) -> str:
    parts = [table(r) for r in reports]
    if verbose:
        for r in reports:
            parts.append(f"\n## {r.name}: misses")
            parts += [f"- [{m.kind}] {m.file}:{m.line} {m.text}  {m.note}  [{m.facts}]" for m in r.misses]
            parts.append(f"\n## {r.name}: false findings")
            parts += [f"- ({f.where}{', ' + f.verdict if f.verdict else ''}) {f.rule} {f.file}:{f.line} {f.text}"
                      f" — {f.message}" for f in r.false]
    return "\n\n".join(parts) + "\n"


def render_json(reports: Sequence[Report]) -> str:
    return json.dumps([r.as_json() for r in reports], ensure_ascii=False, indent=1)


# -- baseline --------------------------------------------------------------------------------------


def report_key(name: str) -> str:
    """The baseline's name for a report: examples, seeds, or corpus (the news or any other corpus)."""
    return name if name in ("examples", "seeds") else "corpus"


def baseline_of(reports: Sequence[Report], config: Config) -> dict[str, Any]:
    corpus = Path(config.corpus)
    try:
        corpus_name = corpus.resolve().relative_to(DEFAULT_CORPUS.resolve()).as_posix()
    except ValueError:
        corpus_name = str(corpus)
    out: dict[str, Any] = {
        "command": "checker eval score --ci --write-baseline",
        "config": {"corpus": corpus_name, "examples": config.examples is not None, "sample": config.sample,
                   "seed": config.seed, "per_kind": config.per_kind, "split": config.split},
        "reports": {},
    }
    for r in reports:
        out["reports"][report_key(r.name)] = {
            "recall": {c: r.scores[c].recall for c in CATEGORIES if r.scores[c].recall is not None},
            "false_per_10k": round(r.false_per_10k, 3),
        }
    return out


def write_baseline(reports: Sequence[Report], config: Config, path: Path = BASELINE) -> None:
    path.write_text(json.dumps(baseline_of(reports, config), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def config_of(baseline: dict[str, Any]) -> Config:
    """The configuration a baseline was measured with (corpus relative to ../shared/corpus)."""
    c = baseline["config"]
    corpus = Path(c["corpus"])
    return Config(corpus=str(corpus if corpus.is_absolute() else DEFAULT_CORPUS / corpus),
                  examples=str(DEFAULT_EXAMPLES) if c.get("examples", True) else None,
                  sample=c["sample"], seed=c["seed"], per_kind=c["per_kind"], split=c.get("split"))


def regressions(reports: Sequence[Report], baseline: dict[str, Any], recall_margin: float = 0.05,
                false_margin: float = 0.5) -> list[str]:
    """What got worse than the baseline: a recall below it minus the margin, or more false findings."""
    problems = []
    for r in reports:
        base = baseline["reports"].get(report_key(r.name))
        if not base:
            continue
        for c, level in base["recall"].items():
            now = r.scores[c].recall
            if now is not None and now < level - recall_margin:
                problems.append(f"{r.name}: recall of {c} fell to {now:.2f} (baseline {level:.2f})")
        if r.false_per_10k > base["false_per_10k"] + false_margin:
            problems.append(f"{r.name}: false findings per 10k rose to {r.false_per_10k:.2f} "
                            f"(baseline {base['false_per_10k']:.2f})")
    return problems
