"""The quality evaluation: deterministic error injection, a manifest that points at the
planted text, and a regression guard on measured recall and false findings.

The real corpus is read from ../shared/corpus at test time (never copied here); tests
that need it are skipped when it is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.evaluate import sites
from checker.evaluate.corpus import CorpusFile, half_of, paragraphs, read_corpus, read_tsv, split_tsv_line
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
    parsed = split_tsv_line("体育\t某队三连胜 主帅称赞小将新浪体育讯 3月1日，某队获胜。主帅很满意。\n")
    assert parsed == ("体育", "某队三连胜 主帅称赞小将", "新浪体育讯 3月1日，某队获胜。主帅很满意。")
    assert split_tsv_line("财经\t没有电头的一篇稿件。")[1] == ""


def test_paragraphs_end_at_sentence_ends() -> None:
    body = "甲" * 100 + "。" + "乙" * 100 + "。" + "丙" * 10 + "。"
    out = paragraphs(body, min_chars=50)
    assert "".join(out) == body
    assert all(p.endswith("。") for p in out)


def _sample(n: int = 30) -> list[CorpusFile]:
    return read_corpus(TSV, sample=n, seed=3, split="held-out")


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
            assert "星期" in e.text or "周" in e.text
        elif e.kind in ("person-swap", "place-swap"):
            assert e.related is not None and len(e.related.text) == len(e.text)
            assert sum(a != b for a, b in zip(e.text, e.related.text, strict=True)) == 1
        elif e.kind in ("char-swap", "traditional-char"):
            assert len(e.text) == 2
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
    from checker.evaluate import knowledge

    if knowledge.char_table().source.startswith("checker/"):
        pytest.skip("pycorrector's tables cannot be fetched here (offline?): the baseline was planted with them")
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


def test_injector_chooses_sites_without_the_checker(tmp_path: Path) -> None:
    """Planting must not load the pipeline, the extractors, the rules or the checker's character tables."""
    import subprocess
    import sys

    article = tmp_path / "corpus" / "a.txt"
    article.parent.mkdir()
    article.write_text("示例标题\n\n记者 王晓东\n\n2023年5月4日，示范区新建了三家民宿，投资达到1200万元。"
                       "区文旅局局长王晓东表示，杭州、宁波和温州三地的游客最多。\n", encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from checker.evaluate.corpus import read_corpus\nfrom checker.evaluate.inject import inject\n"
        f"inject(read_corpus({str(article.parent)!r}), Path({str(tmp_path / 'out')!r}), seed=1, per_kind=1)\n"
        "bad = ('checker.pipeline', 'checker.extract', 'checker.checks', 'checker.rules', 'checker.text.similar')\n"
        "print(sorted(m for m in sys.modules if m.startswith(bad)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_surface_sites_of_a_written_article() -> None:
    text = ("（记者 王晓东 通讯员 李丽）今年全县共迎来游客1,200万人次，实现旅游收入3.5亿元，增幅12.6%。"
            "县文旅局局长张建国表示，将在杭州、宁波、温州和嘉兴四地举办推介会，2023年新建了三家民宿。")
    found = [text[f.start : f.unit_end] for f in sites.figures(text)]
    assert found == ["1,200万人次", "3.5亿元", "12.6%", "三家"]  # not the year 2023
    assert [n for _, n in sites.byline_names(text)] == ["王晓东", "李丽"]
    assert [n for _, n in sites.pattern_names(text, "王李张")] == ["张建国"]
    sentence = text[text.index("县文旅局") :]
    lists = list(sites.enumerations(sentence))
    assert [x.items for x in lists] == [("杭州", "宁波", "温州", "嘉兴")]
    assert sites.count_after(sentence[lists[0].end :]) is not None
    assert [text[s.start : s.end][-1] for s in sites.sentences(text)] == ["。", "。"]


def test_held_out_split_is_stable_and_partitions_the_lines(tmp_path: Path) -> None:
    tsv = tmp_path / "news.tsv"
    lines = [f"财经\t第{i}篇自拟的财经稿件，营业收入增长{i}%。" for i in range(40)]
    tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    held, tuning = read_tsv(tsv, split="held-out"), read_tsv(tsv, split="tuning")
    assert len(held) + len(tuning) == 40 and held and tuning
    assert not {f.name for f in held} & {f.name for f in tuning}
    # the half depends on the article's text only, not on its line
    tsv.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    def bodies(files: list[CorpusFile]) -> list[str]:
        return sorted(f.text.split("\n", 1)[1] for f in files)  # the stand-in headline holds the line number

    assert bodies(read_tsv(tsv, split="held-out")) == bodies(held)
    assert half_of(lines[0].split("\t")[1]) == half_of(lines[0].split("\t")[1] + "\n")
    with pytest.raises(ValueError):
        read_corpus(tsv, split="other")


def test_recall_is_also_given_over_the_sites_the_extractor_recognises(tmp_path: Path) -> None:
    from checker.evaluate.score import Expected, Found, Place, Run, score

    def place(line: int) -> Place:
        return Place(str(tmp_path / "a.txt"), (line, 1), (line, 5), "甲乙丙丁")

    expected = [Expected("n1", "number-cross", "number-conflict", place(1), recognised=True),
                Expected("n2", "number-cross", "number-conflict", place(2), recognised=False),
                Expected("n3", "number-cross", "number-conflict", place(3), recognised=True)]
    found = [Found("NUM001", "number-conflict", place(1), [], "")]
    report = score("corpus", expected, Run(found, 100, []), Run([], 100, []), [tmp_path])
    s = report.scores["number-conflict"]
    assert (s.found, s.planted, s.recognised_found, s.recognised) == (1, 3, 1, 2)
    assert s.recall == pytest.approx(1 / 3) and s.recall_recognised == pytest.approx(0.5)
    shape = json.loads(json.dumps([report.as_json()]))
    assert shape[0]["categories"]["number-conflict"]["recall"] == pytest.approx(1 / 3)
    assert shape[0]["categories"]["number-conflict"]["recall_recognised"] == 0.5


def test_any_corpus_folder_is_read_and_sampled_and_bad_files_are_named(tmp_path: Path) -> None:
    from checker.errors import InputError

    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"自拟标题{i}\n\n本报讯 第{i}篇稿件的正文。\n", encoding="utf-8")
    (tmp_path / "more.tsv").write_text("体育\t某队三连胜 新浪体育讯某队获胜。\n", encoding="gb18030")
    assert len(read_corpus(tmp_path)) == 6
    sampled = read_corpus(tmp_path, sample=2, seed=4)
    assert len(sampled) == 3 and sampled == read_corpus(tmp_path, sample=2, seed=4)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(InputError, match=r"bad\.txt"):
        read_corpus(tmp_path)
