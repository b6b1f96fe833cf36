"""The quality evaluation: deterministic error injection, a manifest that points at the
planted text, and a regression guard on measured recall and false findings.

The real corpus is read from ../shared/corpus at test time (never copied here); tests
that need it are skipped when it is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.evaluate.corpus import CorpusFile, paragraphs, read_corpus, split_tsv_line
from checker.evaluate.inject import KINDS, Manifest, inject, read_manifest, span_text
from checker.evaluate.score import (
    BASELINE,
    CATEGORIES,
    DEFAULT_CORPUS,
    DEFAULT_EXAMPLES,
    CategoryScore,
    Report,
    answer_key,
    config_of,
    evaluate,
    regressions,
)

TSV = DEFAULT_CORPUS / "news" / "thucnews_sina_1000.tsv"
needs_corpus = pytest.mark.skipif(not TSV.exists(), reason="../shared/corpus is not there")


def test_tsv_line_is_split_at_the_dateline() -> None:
    parsed = split_tsv_line("体育\t某队三连胜 主帅称赞年轻人新浪体育讯北京时间3月1日，某队获胜。主帅很满意。\n")
    assert parsed == ("体育", "某队三连胜 主帅称赞年轻人", "新浪体育讯北京时间3月1日，某队获胜。主帅很满意。")
    assert split_tsv_line("财经\t没有电头的一篇稿件。")[1] == ""


def test_paragraphs_end_at_sentence_ends() -> None:
    body = "甲" * 100 + "。" + "乙" * 100 + "。" + "丙" * 10 + "。"
    out = paragraphs(body, min_chars=50)
    assert "".join(out) == body
    assert all(p.endswith("。") for p in out)


def _sample(n: int = 30) -> list[CorpusFile]:
    return read_corpus(TSV, sample=n, seed=3)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    root = tmp_path_factory.mktemp("planted")
    return root, inject(_sample(), root, seed=5, per_kind=2)


@needs_corpus
def test_injection_is_deterministic_and_manifest_points_at_the_planted_text(
    tmp_path: Path, planted: tuple[Path, Manifest]
) -> None:
    files = _sample()
    root, first = planted
    second = inject(files, tmp_path / "b", seed=5, per_kind=2)
    assert first.as_json() == second.as_json()
    for f in files:
        assert (root / f.name).read_text(encoding="utf-8") == (tmp_path / "b" / f.name).read_text(encoding="utf-8")
    assert read_manifest(root / "manifest.json").as_json() == first.as_json()
    assert {e.kind for e in first.errors} >= {"repeat-sentence", "doubled-word", "traditional-char", "weekday"}
    changed = set()
    for e in first.errors:
        assert e.category == KINDS[e.kind]
        assert span_text(root, e.span()) == e.text, e
        if e.related is not None:
            assert span_text(root, e.related) == e.related.text, e
        changed.add(e.file)
    # one planted error per article; the others are untouched
    assert len(changed) == len(first.errors)
    untouched = [f for f in files if f.name not in changed]
    assert untouched
    for f in untouched:
        if not any(e.related and e.related.file == f.name for e in first.errors):
            assert (root / f.name).read_text(encoding="utf-8") == f.text
    other = inject(files, tmp_path / "c", seed=6, per_kind=2)
    assert other.as_json()["errors"] != first.as_json()["errors"]


@needs_corpus
def test_planted_errors_are_what_the_kind_says(planted: tuple[Path, Manifest]) -> None:
    manifest = planted[1]
    for e in manifest.errors:
        if e.kind == "doubled-word":
            assert len(e.text) == 4 and e.text[:2] == e.text[2:]
        elif e.kind == "repeat-sentence":
            assert e.related is not None and e.related.text == e.text
        elif e.kind == "weekday":
            assert "（星期" in e.text
        elif e.kind in ("number-cross", "number-within"):
            assert e.related is not None and e.related.text != e.text
            assert (e.kind == "number-within") == (e.related.file == e.file)


def test_answer_key_entries_are_all_located() -> None:
    errors, clean = answer_key(DEFAULT_EXAMPLES)
    assert len(errors) >= 30 and len(clean) >= 10
    for e in [*errors, *clean]:
        assert e.place.text and e.place.start < e.place.end


@needs_corpus
@pytest.mark.slow
def test_quality_does_not_fall_below_the_measured_baseline() -> None:
    """Recall per category may not drop more than 0.05 below tests/quality_baseline.json,
    and false findings per 10k characters of untouched text may not rise by more than 0.5.
    Refresh the baseline with ``checker eval score --ci --write-baseline`` after a real improvement.
    """
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    config = config_of(baseline)
    assert config.sample is not None and config.sample <= 100, "the CI baseline must stay small"
    reports = evaluate(config)
    assert {r.name for r in reports} >= {"examples"}
    problems = regressions(reports, baseline)
    assert not problems, "\n".join(problems)


def test_regression_guard_fails_on_a_drop() -> None:
    scores = {c: CategoryScore() for c in CATEGORIES}
    scores["date"] = CategoryScore(planted=4, found=2)
    report = Report("corpus", 10000, scores, {}, [], [])
    baseline = {"reports": {"corpus": {"recall": {"date": 1.0}, "false_per_10k": 0.0}}}
    assert regressions([report], baseline) == ["corpus: recall of date fell to 0.50 (baseline 1.00)"]
    scores["date"].found = 4
    scores["typo"].untouched_findings = 2  # 2 per 10k characters
    assert regressions([report], baseline) == ["corpus: false findings per 10k rose to 2.00 (baseline 0.00)"]
    assert regressions([report], {"reports": {"corpus": {"recall": {"date": 1.0}, "false_per_10k": 1.8}}}) == []


def test_hand_verdicts_are_appended_loaded_and_counted(tmp_path: Path) -> None:
    from checker.evaluate.score import CategoryScore, FalseFinding, Report
    from checker.evaluate.verdicts import append_unjudged, digest, key, load

    path = tmp_path / "verdicts.yaml"
    findings = [("news/a.txt", "DUP004", 3, "的的"), ("news/b.txt", "TYP004", 5, "做 为")]
    assert append_unjudged(findings, path) == 2
    assert append_unjudged(findings, path) == 0  # already listed
    # Appended to a file in the style PyYAML and editors write, entries keep it valid YAML.
    import yaml

    styled = tmp_path / "styled.yaml"
    entry = {"file": "news/c.txt", "rule": "DUP001", "line": 1, "digest": "0" * 12, "verdict": "real", "reason": ""}
    styled.write_text(yaml.safe_dump({"verdicts": [entry]}), encoding="utf-8")
    assert append_unjudged(findings, styled) == 2 and len(load(styled)) == 3
    # the digest ignores spacing and punctuation, and no text is written
    assert digest("做 为") == digest("做为") and "做为" not in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace('verdict: "?"', "verdict: real", 1), encoding="utf-8")
    judged = load(path)
    assert judged[key("news/a.txt", "DUP004", "的的")].verdict == "real"
    assert judged[key("news/b.txt", "TYP004", "做为")].verdict == "?"

    false = [FalseFinding("DUP004", "duplicate", "news/a.txt", 3, "的的", "", "untouched", verdict="real"),
             FalseFinding("TYP004", "typo", "news/b.txt", 5, "做为", "", "untouched", verdict="?")]
    report = Report("corpus", 20_000, {"duplicate": CategoryScore(untouched_findings=1),
                                       "typo": CategoryScore(untouched_findings=1)}, {}, [], false)
    assert report.judged == {"real": 1, "false": 0, "unjudged": 1}
    assert report.false_per_10k == 1.0 and report.judged_false_per_10k == 0.5
