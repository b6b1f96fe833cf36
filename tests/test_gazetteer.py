"""The gazetteer of China's divisions: parsing jionlp's file, lookups, the cache beside the dictionary."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from checker.text import gazetteer as gz

# An invented province in jionlp's layout: one tab per level, codes and short names on the top three.
SOURCE = "\n".join([
    "青山省\t990000\t青山",
    "\t白石市\t990100\t白石",
    "\t\t青溪县\t990121\t青溪",
    "\t\t\t白沙镇",
    "\t\t\t\t上河村",
    "\t\t\t\t下河村",
    "\t\t\t柳塘镇",
    "\t\t\t\t上河村",
    "\t\t东湖区\t990102\t东湖",
    "\t\t\t东湖街道",
    "\t\t\t\t湖滨社区",
]) + "\n"


def _zip(tmp_path: Path) -> Path:
    path = tmp_path / "china_location.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("china_location.txt", SOURCE)
    return path


def test_levels_parents_codes_and_short_names(tmp_path: Path) -> None:
    g = gz.Gazetteer(gz.build(_zip(tmp_path)))
    assert len(g) == 11
    (county,) = g.ids("青溪县")
    d = g.division(county)
    assert (d.level, d.code, d.short) == (gz.COUNTY, "990121", "青溪")
    assert g.chain(county) == "青山省白石市青溪县"
    villages = g.ids("上河村")
    assert len(villages) == 2 and all(g.level(v) == gz.VILLAGE for v in villages)
    assert sorted(g.chain(v) for v in villages) == ["青山省白石市青溪县柳塘镇上河村", "青山省白石市青溪县白沙镇上河村"]
    (town,) = g.ids("白沙镇")
    assert g.is_under(town, county) and not g.is_under(town, g.ids("东湖区")[0])
    assert sorted(g.name(c) for c in g.children(town)) == ["上河村", "下河村"]
    assert sorted(g.name(v) for v in g.descendants(county, gz.VILLAGE)) == ["上河村", "上河村", "下河村"]
    assert [g.name(i) for i in g.short_ids("东湖")] == ["东湖区"]
    assert g.ids("中河村") == () and "中河村" not in g and "白沙镇" in g


def test_suffixes() -> None:
    assert gz.suffix_of("广西壮族自治区") == "壮族自治区"
    assert gz.suffix_of("平湖市") == "市"
    assert gz.suffix_of("当湖街道") == "街道"
    assert gz.suffix_of("江南") == ""


def test_no_source_gives_an_empty_gazetteer() -> None:
    g = gz.Gazetteer(gz.build(None))
    assert len(g) == 0 and g.ids("平湖市") == ()


def test_built_once_into_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.text import segment

    source = _zip(tmp_path)
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(segment, "_cache_dir", [str(folder)])
    monkeypatch.setattr(gz, "source_file", lambda: source)
    gz.gazetteer.cache_clear()
    try:
        assert len(gz.gazetteer()) == 11
        files = list(folder.glob("gazetteer-*.marshal"))
        assert len(files) == 1
        gz.gazetteer.cache_clear()
        monkeypatch.setattr(gz, "build", lambda path: pytest.fail("the cache was not used"))
        assert gz.gazetteer().chain(gz.gazetteer().ids("湖滨社区")[0]) == "青山省白石市东湖区东湖街道湖滨社区"
        # a damaged file is rebuilt (here: by the stub, which fails), never read as data
        files[0].write_bytes(b"\x00garbage")
        gz.gazetteer.cache_clear()
        with pytest.raises(pytest.fail.Exception):
            gz.gazetteer()
    finally:
        gz.gazetteer.cache_clear()


def test_an_unwritable_folder_is_tolerated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.text import segment

    source = _zip(tmp_path)
    monkeypatch.setattr(segment, "_cache_dir", [str(tmp_path / "ro")])

    def refuse(path: Path, fill: object) -> None:
        raise PermissionError(f"read-only: {path}")

    monkeypatch.setattr(segment, "write_atomically", refuse)
    monkeypatch.setattr(gz, "source_file", lambda: source)
    gz.gazetteer.cache_clear()
    try:
        assert len(gz.gazetteer()) == 11
    finally:
        gz.gazetteer.cache_clear()


def test_the_installed_gazetteer_covers_every_level() -> None:
    if gz.source_file() is None:
        pytest.skip("jionlp is not installed: no gazetteer data")
    g = gz.gazetteer()
    assert len(g) > 600_000
    assert [len(g.level_range(level)) > n for level, n in enumerate((30, 300, 2800, 40_000, 600_000))] == [True] * 5
    (province,) = g.ids("陕西省")
    assert g.division(province).short == "陕西" and g.division(province).code == "610000"
    (town,) = g.ids("广陈镇")
    assert g.chain(town) == "浙江省嘉兴市平湖市广陈镇"
