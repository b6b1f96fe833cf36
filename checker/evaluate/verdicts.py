"""Hand judgements of the findings on untouched text: a real error of the corpus, or a false alarm.

A finding on text nobody planted anything in is not necessarily false: the five real pages
hold real editing errors, and the THUCNews sample holds pages scraped twice and doubled words.
An editor reads each such finding once and records the verdict in a small YAML file
(``benchmarks/untouched_verdicts.yaml``).  The scorer then reports both figures: every
finding on untouched text per 10,000 characters, and the false ones (judged false or not
judged yet) per 10,000 characters.

A verdict names its finding by corpus file, rule and a digest of the finding's text, never
by the text itself (the corpus is not copied into the repository) and not by line, so it
survives changes that move a finding within its line or merge two into one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from checker.text.fingerprint import content_chars

VERDICTS = Path(__file__).resolve().parents[2] / "benchmarks" / "untouched_verdicts.yaml"
REAL, FALSE, UNJUDGED = "real", "false", "?"


@dataclass(frozen=True)
class Verdict:
    file: str
    rule: str
    line: int
    digest: str
    verdict: str  # real | false | ? (not judged yet)
    reason: str = ""


def digest(text: str) -> str:
    """Twelve hex digits naming a finding's text without quoting it."""
    return hashlib.sha1(content_chars(text).encode("utf-8")).hexdigest()[:12]


def key(file: str, rule: str, text: str) -> tuple[str, str, str]:
    return file, rule, digest(text)


def load(path: Path = VERDICTS) -> dict[tuple[str, str, str], Verdict]:
    """Verdicts by (file, rule, digest); an absent file is no verdicts."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[tuple[str, str, str], Verdict] = {}
    for entry in data.get("verdicts") or ():
        v = Verdict(str(entry["file"]), str(entry["rule"]), int(entry.get("line", 0)), str(entry["digest"]),
                    str(entry.get("verdict", UNJUDGED)), str(entry.get("reason", "")))
        out[(v.file, v.rule, v.digest)] = v
    return out


def append_unjudged(findings: Iterable[tuple[str, str, int, str]], path: Path = VERDICTS) -> int:
    """Add entries (verdict ``?``) for findings ``(file, rule, line, text)`` not in ``path`` yet."""
    known = load(path)
    lines: list[str] = []
    for file, rule, line, text in findings:
        k = key(file, rule, text)
        if k in known:
            continue
        known[k] = Verdict(file, rule, line, k[2], UNJUDGED)
        # The sequence style PyYAML writes and the file keeps: "- " at the left margin under
        # "verdicts:", so entries appended to a hand-edited file still parse.
        lines += [f"- file: {file}", f"  rule: {rule}", f"  line: {line}", f"  digest: {k[2]}",
                  f"  verdict: \"{UNJUDGED}\"", "  reason: \"\""]
    if lines:
        head = "" if path.is_file() else "verdicts:\n"
        with path.open("a", encoding="utf-8") as out:
            out.write(head + "\n".join(lines) + "\n")
    return len(lines) // 6
