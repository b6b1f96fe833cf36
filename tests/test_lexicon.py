"""The lexical lists of the rule pack (surnames, speech verbs, titles): one list each in
``rules/``, layered with a user's pack, and read by every module that needs them."""

from __future__ import annotations

import re
from pathlib import Path

from checker.extract.entities import _rules_for
from checker.rulepack import clear_cache, default_pack, load_pack, speech_verbs, surnames, titles
from checker.text.normalise import normalise
from checker.text.split import split_page

ROOT = Path(__file__).resolve().parent.parent


def _user_pack(tmp_path: Path, files: dict[str, str]) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    for name, text in files.items():
        (pack / name).write_text(text, encoding="utf-8")
    clear_cache()
    return pack


def test_bundled_lists() -> None:
    pack = default_pack()
    assert {"王", "李", "阎"} <= surnames(pack).single
    assert "欧阳" in surnames(pack).double
    assert surnames(pack).length_at("欧阳修说") == 2
    assert surnames(pack).length_at("我们") == 0
    verbs = speech_verbs(pack)
    assert "表示" in verbs and "说" in verbs
    assert verbs.index("笑着说") < verbs.index("说")  # longest first
    assert "党委书记" in titles(pack)


def test_a_user_pack_extends_each_list(tmp_path: Path) -> None:
    pack_dir = _user_pack(tmp_path, {
        "surnames.yaml": "single: [禤]\ndouble: [第五]\n",
        "speech.yaml": "verbs: [直言]\n",
    })
    pack = load_pack([pack_dir])
    assert "禤" in surnames(pack).single and "王" in surnames(pack).single
    assert "第五" in surnames(pack).double
    assert "直言" in speech_verbs(pack) and "表示" in speech_verbs(pack)
    # The person extractor's patterns are built from the same lists.
    rules = _rules_for(pack)
    assert "禤" in rules.surnames
    assert rules.speech_re.search("禤志文直言")


def test_byline_of_names_only_reads_the_packs_surnames(tmp_path: Path) -> None:
    page = normalise("区里启动老旧小区加装电梯\n\n禤志文\n\n本报讯 今年全区计划完成老旧小区电梯加装一百二十台。\n")
    bundled = split_page(page)
    assert not any("禤志文" in b.names for a in bundled.articles for b in a.bylines)
    pack = load_pack([_user_pack(tmp_path, {"surnames.yaml": "single: [禤]\n"})])
    with_pack = split_page(page, pack=pack)
    assert any("禤志文" in b.names for a in with_pack.articles for b in a.bylines)


# Chinese words written as Python literals in these modules: each list belongs in rules/.
_MOVED = {
    "checker/text/split.py": ("SURNAMES", "COMPOUND_SURNAMES"),
    "checker/checks/arithmetic.py": ("_surnames",),
    "checker/checks/duplicates.py": ("_ABAB_FIRST", "_ABAB_SECOND", "_QUESTION_WORDS"),
}


def test_reduplication_lists_come_from_the_pack(tmp_path: Path) -> None:
    from checker.checks.duplicates import DoubledWord
    from checker.checks.registry import rule_settings

    pack = load_pack([_user_pack(tmp_path, {"duplicates.yaml": "abab_first_chars: [再]\n"})])
    rule = DoubledWord(pack, rule_settings(pack)["DUP004"])
    assert rule.doubled("要再想再想办法") == []  # 再 added to the first characters never doubled by mistake
    bundled = DoubledWord(default_pack(), rule_settings(default_pack())["DUP004"])
    assert bundled.doubled("要再想再想办法") == [(1, 5)]


def test_no_copy_of_the_lists_in_python() -> None:
    for path, names in _MOVED.items():
        text = (ROOT / path).read_text(encoding="utf-8")
        for name in names:
            assert not re.search(rf"\b{name}\b", text), f"{path} defines {name} again"
    # The speech verbs live in speech.yaml only.
    assert "speech_verbs" not in (ROOT / "rules" / "titles.yaml").read_text(encoding="utf-8")
