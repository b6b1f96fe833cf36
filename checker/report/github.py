"""``--format github``: GitHub Actions workflow commands, one annotation per new finding.

Each line reads ``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message``
(``warning`` and ``notice`` for the lower severities).  GitHub shows them on the
changed lines of a pull request and in the run summary.  Values are escaped as the
workflow-command rules require: ``%``, ``\\r`` and ``\\n`` everywhere, and ``:`` and
``,`` too inside properties.  ``endColumn`` points one past the span, as in SARIF.

Findings accepted or dismissed in review, and findings in the ``--baseline`` file,
are not annotated (they do not fail the check either); the closing summary line,
which is not a command, counts them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from checker.report import display_path, file_place, message, suggestion
from checker.service import CheckedFinding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: CheckedFinding, lang: str = "zh") -> str:
    row = finding.row
    place = file_place(row.path, row.line, row.column, row.end_line, row.end_column)
    props = {"file": display_path(place.path)}
    for key, value in (("line", place.line), ("col", place.column), ("endLine", place.end_line),
                       ("endColumn", place.end_column)):
        if value is not None:
            props[key] = str(value)
    props["title"] = row.rule
    lines = [f"{place.row}: {message(finding, lang)}" if place.row else message(finding, lang)]
    for rel in row.related or []:
        where = f"{display_path(str(rel.get('path', '')))}:{rel.get('line')}:{rel.get('column')}"
        lines.append(f"{'related' if lang == 'en' else '相关'}: {where}: {rel.get('text', '')}")
    if advice := suggestion(finding, lang):
        lines.append(f"{'suggestion' if lang == 'en' else '建议'}: {advice}")
    lines.append(f"id: {row.id}")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMANDS.get(row.severity, 'warning')} {head}::{escape_data(chr(10).join(lines))}"


def render(
    findings: Sequence[CheckedFinding], *, articles: int, lang: str = "zh", baseline: Collection[str] = (),
) -> str:
    out: list[str] = []
    quiet = 0
    for f in findings:
        if f.status != "new" or f.row.id in baseline:
            quiet += 1
            continue
        out.append(annotation(f, lang))
    shown = len(out)
    if lang == "en":
        tail = f"checker: checked {articles} articles: {shown} findings annotated"
        tail += f", {quiet} reviewed or in the baseline not annotated." if quiet else "."
    else:
        tail = f"checker：共检查 {articles} 篇稿件，标注 {shown} 个问题"
        tail += f"，另有 {quiet} 个已审或在基线中的问题未标注。" if quiet else "。"
    out.append(tail)
    return "\n".join(out) + "\n"
