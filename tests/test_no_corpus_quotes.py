"""No file of the project quotes the held-out half of THUCNews or the seed pages.

The evaluation is only worth something on text nobody tuned on; a fixture, comment or
snapshot holding a sentence of that text means someone did.  A quote is a run of 8 or more
contiguous Chinese characters that also occurs, contiguous, in the held-out articles or the
seed pages (``../shared/tools/seed_text_guard.py`` is stricter: it also joins characters across
punctuation and markup, which flags lists of names in the rule pack).  The corpus is read at
test time; the test is skipped when it is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from checker.evaluate.corpus import half_of

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SCANNED = ("checker", "rules", "tests")
RUN = 8
_SKIP_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


_CJK_RUN = re.compile(f"[\u4e00-\u9fff]{{{RUN},}}")


def runs(text: str) -> list[str]:
    """The runs of at least RUN contiguous Chinese characters of ``text``."""
    return _CJK_RUN.findall(text)


def grams(texts: Iterable[str], k: int = RUN) -> set[int]:
    """Hashes of every k-character window of the texts' runs of Chinese characters."""
    out: set[int] = set()
    for text in texts:
        for t in runs(text):
            out.update(hash(t[i : i + k]) for i in range(len(t) - k + 1))
    return out


def protected_texts(corpus: Path) -> Iterator[str]:
    """The held-out half of every tsv of the corpus, and its plain-text pages (the seeds)."""
    for path in sorted(corpus.rglob("*")):
        if path.suffix == ".tsv":
            for line in path.read_text(encoding="utf-8").splitlines():
                if "\t" in line and half_of(line.split("\t", 1)[1]) == "held-out":
                    yield line.split("\t", 1)[1]
        elif path.suffix == ".txt":
            yield path.read_text(encoding="utf-8")


def quotes(files: Iterable[Path], protected: set[int], k: int = RUN) -> list[tuple[Path, str]]:
    """(file, first quoted run) of each file holding a k-character window of the protected text."""
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        hit = next((t[i : i + k] for t in runs(text) for i in range(len(t) - k + 1)
                    if hash(t[i : i + k]) in protected), None)
        if hit is not None:
            found.append((path, hit))
    return found


def project_files(root: Path, folders: Iterable[str] = SCANNED) -> list[Path]:
    out = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not _SKIP_PARTS & set(path.relative_to(root).parts) and path.suffix != ".pyc":
                out.append(path)
    return out


@pytest.fixture(scope="module")
def protected() -> set[int]:
    if not (CORPUS / "news").is_dir() or not (CORPUS / "seeds").is_dir():
        pytest.skip(f"the shared corpus is not there: {CORPUS}")
    return grams(protected_texts(CORPUS))


def test_no_project_file_quotes_held_out_or_seed_text(protected: set[int]) -> None:
    found = quotes(project_files(REPO), protected)
    lines = [f"{p.relative_to(REPO)}: a run of {RUN}+ Chinese characters of the held-out text or the seed pages "
             f"(first: {len(q)} characters starting {q[:2]}…); rewrite it with text of your own" for p, q in found]
    assert not found, "\n".join(lines)


def test_the_guard_fails_on_a_fixture_that_copies_eight_held_out_characters(
    protected: set[int], tmp_path: Path
) -> None:
    held_out = next(r for t in protected_texts(CORPUS / "news") for r in runs(t) if len(r) >= 50)
    fixture = tmp_path / "tests" / "fixture.txt"
    fixture.parent.mkdir()
    fixture.write_text("一段自拟的稿件。" + held_out[30 : 30 + RUN] + "。\n", encoding="utf-8")
    assert quotes(project_files(tmp_path, ["tests"]), protected) == [(fixture, held_out[30 : 30 + RUN])]
    fixture.write_text("一段自拟的稿件。" + held_out[30 : 30 + RUN - 1] + "。\n", encoding="utf-8")
    assert quotes(project_files(tmp_path, ["tests"]), protected) == []
