"""jieba segmentation with the rule pack's user dictionary."""

from __future__ import annotations

import logging
import marshal
from pathlib import Path

import jieba
import pytest

from checker.text import segment


def test_place_names_kept_whole() -> None:
    # Local places of the rule pack (the gazetteer's divisions are no dictionary words).
    words = segment.cut("独山港区和明月山塘")
    assert "独山港区" in words
    assert "明月山塘" in words


def test_title_kept_whole() -> None:
    assert "党委书记" in segment.cut("党委书记说")


def test_extra_words_from_database() -> None:
    assert "黄金凤凰谷" not in segment.cut("走进黄金凤凰谷")
    assert "黄金凤凰谷" in segment.cut("走进黄金凤凰谷", ["黄金凤凰谷"])


def test_tokenizer_is_cached() -> None:
    assert segment.get_tokenizer(["甲乙丙"]) is segment.get_tokenizer(["甲乙丙"])
    assert segment.get_tokenizer() is segment.get_tokenizer(())


def test_word_freq() -> None:
    assert segment.word_freq("文化") > 1000
    assert segment.word_freq("明月山塘") > 0


def test_jieba_is_quiet() -> None:
    assert logging.getLogger("jieba").getEffectiveLevel() >= logging.WARNING


@pytest.fixture(scope="module")
def on_demand(tmp_path_factory: pytest.TempPathFactory) -> jieba.Tokenizer:
    """A tokenizer reading its dictionary from an SQLite copy in a fresh folder."""
    folder = tmp_path_factory.mktemp("db-folder")
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = segment._prefix_dictionary(str(folder))
    tok.initialized = True
    return tok


def test_on_demand_dictionary_lives_next_to_the_database(on_demand: jieba.Tokenizer) -> None:
    assert isinstance(on_demand.FREQ, segment.PrefixDictionary)
    folder = on_demand.FREQ.path.parent
    # the SQLite copy, and jieba's cache it was built from; no temporary file left behind
    assert sorted(p.name for p in folder.iterdir()) == sorted([on_demand.FREQ.path.name, "jieba.cache"])


def test_on_demand_dictionary_agrees_with_the_whole_one(on_demand: jieba.Tokenizer) -> None:
    whole = jieba.Tokenizer()
    whole.FREQ, whole.total = segment._whole_dictionary(None)
    sample = ["文化", "文", "党委书", "党委书记", "不存在的词语", "", "徐家埭村"]
    for word in sample:
        assert (word in on_demand.FREQ) == (word in whole.FREQ), word
        assert on_demand.FREQ.get(word) == whole.FREQ.get(word), word
    assert on_demand.total == whole.total
    text = "全县今年种植面积达到1200亩，受益农户3930户，村党委书记说：“日子越过越好。”"
    assert on_demand.lcut(text, HMM=False) == whole.lcut(text, HMM=False)


def test_on_demand_dictionary_takes_added_words(on_demand: jieba.Tokenizer) -> None:
    copy = on_demand.FREQ.copy()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = copy, on_demand.total, True
    tok.add_word("黄金凤凰谷", freq=200_000)
    assert "黄金凤凰谷" in tok.lcut("走进黄金凤凰谷", HMM=False)
    assert "黄金凤凰谷" not in on_demand.FREQ  # the copy learnt it, not the original
    with pytest.raises(KeyError):
        on_demand.FREQ["黄金凤凰谷"]


def test_load_whole_dictionary_for_bulk_work() -> None:
    segment.load_whole_dictionary()
    assert type(jieba.dt.FREQ) is dict
    assert segment.word_freq("文化") > 1000
    assert "明月山塘" in segment.cut("走进明月山塘")  # tokenizers rebuilt from the whole dictionary


def test_whole_dictionary_cache_is_jiebas_and_survives_damage(tmp_path: Path) -> None:
    built, total = segment._whole_dictionary(str(tmp_path))
    cache = tmp_path / "jieba.cache"
    assert cache.is_file() and segment._whole_dictionary(str(tmp_path)) == (built, total)
    cache.write_bytes(b"not marshal data")
    assert segment._whole_dictionary(str(tmp_path)) == (built, total)  # rebuilt, not an error
    assert marshal.loads(cache.read_bytes()) == (built, total)


def test_dictionary_cache_folder_by_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import create_engine

    from checker.service import CACHE_DIR_ENV, dictionary_cache_dir

    # SQLite: next to the file whatever the environment says; in memory: nowhere.
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    assert dictionary_cache_dir(create_engine(f"sqlite:///{tmp_path / 'a.db'}")) == tmp_path
    assert dictionary_cache_dir(create_engine("sqlite://")) is None
    server = create_engine("postgresql+psycopg://editor@db.example/news")  # never connects
    # A server database: the configured folder, made when missing ...
    assert dictionary_cache_dir(server) == tmp_path / "elsewhere"
    assert (tmp_path / "elsewhere").is_dir()
    # ... none when configured empty, or when the folder cannot be made ...
    monkeypatch.setenv(CACHE_DIR_ENV, "")
    assert dictionary_cache_dir(server) is None
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "a-file" / "sub"))
    assert dictionary_cache_dir(server) is None
    # ... else the user's cache folder.
    monkeypatch.delenv(CACHE_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert dictionary_cache_dir(server) == tmp_path / "xdg" / "checker"
