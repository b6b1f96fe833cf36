"""``checker eval inject|score``: plant known errors into real text and measure the checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.common import LangOption, RulesOption, app, check_choice, fail, say, settings_from
from checker.errors import UsageError

SPLIT_HELP = ("THUCNews 的哪一半（按每篇文字的哈希划分）：held-out 留出 | tuning 调参 | all 全部；"
              "auto = ../shared/corpus 用 held-out，其他语料用 all")


def _split(value: str, corpus: Path | None) -> str | None:
    """The half of each tsv to read: ``auto`` is the held-out half of the shared corpus, all of any other."""
    from checker.evaluate.corpus import HALVES
    from checker.evaluate.score import DEFAULT_CORPUS

    if value == "all":
        return None
    if value in HALVES:
        return value
    if value != "auto":
        raise UsageError(f"--split 取值无效 (invalid): {value}；可选 held-out, tuning, all, auto")
    if corpus is None:
        return "held-out"
    shared = DEFAULT_CORPUS.resolve()
    where = corpus.resolve()
    return "held-out" if where == shared or shared in where.parents else None


eval_app = typer.Typer(help="质量评估：在真实稿件中埋设已知错误，测量召回率、精确率与误报率", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("inject")
def inject_command(
    corpus: Annotated[Path, typer.Argument(help="语料：.txt/.md 目录，或 THUCNews 格式的 .tsv（topic<TAB>text）")],
    out_dir: Annotated[Path, typer.Argument(help="输出目录：埋设错误后的稿件与 manifest.json")],
    seed: Annotated[int, typer.Option("--seed", help="随机种子（结果可复现）")] = 1,
    sample: Annotated[int | None, typer.Option("--sample", help="每个 .tsv 随机抽取的篇数（默认全部）")] = None,
    per_kind: Annotated[int | None, typer.Option("--per-kind", help="每种错误埋设几处（默认按篇数定）")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行进程数")] = 1,
    split: Annotated[str, typer.Option("--split", help=SPLIT_HELP)] = "auto",
) -> None:
    """在 CORPUS 的稿件中埋设已知错误，写入 OUT_DIR，并在 OUT_DIR/manifest.json 中记录每处的位置与类别。"""
    from checker.evaluate.corpus import read_corpus
    from checker.evaluate.inject import MANIFEST_NAME, inject

    if not corpus.exists():
        raise UsageError(f"语料不存在 (corpus not found): {corpus}")
    files = read_corpus(corpus, sample=sample, seed=seed, split=_split(split, corpus))
    manifest = inject(files, out_dir, seed=seed, per_kind=per_kind, corpus=str(corpus), jobs=jobs)
    counts: dict[str, int] = {}
    for e in manifest.errors:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    typer.echo(f"{len(files)} 篇稿件，埋设 {len(manifest.errors)} 处错误 -> {out_dir / MANIFEST_NAME}")
    for kind, n in counts.items():
        typer.echo(f"  {kind}: {n}")


@eval_app.command("score")
def score_command(
    corpus: Annotated[Path | None, typer.Option("--corpus", help="语料（默认 ../shared/corpus）")] = None,
    examples: Annotated[Path | None, typer.Option("--examples", help="带 answer_key.yaml 的示例目录")] = None,
    no_examples: Annotated[bool, typer.Option("--no-examples", help="不评估示例语料")] = False,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 1,
    sample: Annotated[int, typer.Option("--sample", help="每个 .tsv 随机抽取的篇数（0 = 全部）")] = 300,
    per_kind: Annotated[int | None, typer.Option("--per-kind", help="每种错误埋设几处")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出漏报与误报")] = False,
    ci: Annotated[bool, typer.Option(
        "--ci", help="CI 的小规模评估：THUCNews 留出的一半中 100 篇（每种错误4处）加示例语料")] = False,
    write_baseline: Annotated[bool, typer.Option("--write-baseline", help="把结果写入 tests/quality_baseline.json")]
    = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行进程数")] = 2,
    verdicts: Annotated[Path | None, typer.Option(
        "--verdicts", help="未改动文本上各条报告的人工判定（默认 benchmarks/untouched_verdicts.yaml）")] = None,
    write_verdicts: Annotated[bool, typer.Option(
        "--write-verdicts", help="把尚未判定的报告追加到判定文件（verdict: \"?\"），供人工填写")] = False,
    split: Annotated[str, typer.Option("--split", help=SPLIT_HELP)] = "auto",
) -> None:
    """运行检查并按类别报告召回率（全部埋设处，以及抽取器认出的埋设处）、精确率、F1，
    以及未改动文本每万字的误报数（原始数与人工判定后的误报数）。"""
    from checker.evaluate import score
    from checker.evaluate import verdicts as verdict_file

    if output_format not in ("text", "json"):
        raise UsageError(f"--format 取值无效 (invalid): {output_format}；可选 text, json")
    config = score.Config(
        corpus=str(corpus or score.DEFAULT_CORPUS),
        examples=None if no_examples else str(examples or score.DEFAULT_EXAMPLES),
        sample=sample or None, seed=seed, per_kind=per_kind, jobs=jobs, split=_split(split, corpus),
    )
    if ci:
        config = score.ci_config()
        config.jobs = jobs
    if verdicts is not None:
        config.verdicts = str(verdicts)
    if not Path(config.corpus).exists():
        raise UsageError(f"语料不存在 (corpus not found): {config.corpus}")
    reports = score.evaluate(config)
    if output_format == "json":
        typer.echo(score.render_json(reports))
    else:
        typer.echo(score.render_text(reports, verbose=verbose), nl=False)
    if write_verdicts and config.verdicts:
        unjudged = [(f.file, f.rule, f.line, f.text) for r in reports for f in r.false
                    if f.where == "untouched" and not f.verdict]
        added = verdict_file.append_unjudged(unjudged, Path(config.verdicts))
        typer.echo(json.dumps({"verdicts": config.verdicts, "added": added}), err=True)
    if write_baseline:
        score.write_baseline(reports, config)
        typer.echo(json.dumps({"baseline": str(score.BASELINE)}), err=True)


@eval_app.command("sighan")
def sighan_command(
    extra_rules: RulesOption = None,
    lang: LangOption = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    tsv: Annotated[Path | None, typer.Option(
        "--file", help="SIGHAN 格式的测试文件（原句<TAB>改正句）；默认取 pycorrector 安装包中的 sighan2015_test.tsv",
    )] = None,
) -> None:
    """错别字规则（TYP006、TYP007）在 SIGHAN-2015 测试集上的句子级检测精确率、召回率、F1，与两个神经网络纠错器并列。"""
    from checker.checks.registry import checked_pack
    from checker.evaluate import spelling
    from checker.evaluate.external import pycorrector_data

    settings = settings_from(rules=extra_rules, lang=lang)
    check_choice(settings, "--format", output_format, ("text", "json"))
    path = tsv or pycorrector_data(spelling.SIGHAN_FILE)
    if path is None:
        fail(say(settings, "取不到 SIGHAN-2015 测试文件（pip download --no-deps pycorrector 失败，可能离线）；"
                           "可用 --file 指定",
                 "SIGHAN-2015 test file unavailable (pip download --no-deps pycorrector failed, offline?); "
                 "give one with --file"))
    if not path.is_file():
        fail(say(settings, f"文件不存在: {path}", f"no such file: {path}"))
    result = spelling.evaluate(spelling.read_pairs(path), checked_pack(settings.rules))
    if output_format == "json":
        typer.echo(json.dumps(spelling.as_json(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(spelling.table(result, settings.lang))
