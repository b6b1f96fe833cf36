"""The archive's frequent person names, known to the extractor at ingest (ExtractContext.known_names)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from checker.service import ingest_files
from checker.store.ingest import known_person_names
from checker.store.models import Fact
from checker.store.session import make_sessionmaker
from tests.support import fresh_engine, write_files

DATE = "2024年5月16日  星期四\n\n"


def story(i: int, sentence: str) -> str:
    return f"{DATE}青溪新闻{i}\n\n记者 林晓岚\n\n本报讯 {sentence}\n"


def test_a_person_named_twice_is_known_to_the_next_ingest(tmp_path: Path) -> None:
    engine = fresh_engine(tmp_path)
    archive = {f"a{i}.txt": story(i, f"上河村党支部书记沈国华说，第{i}批冷库已经建成。") for i in (1, 2)}
    archive["b.txt"] = story(3, "白沙镇镇长钱立军说，枇杷节下周开幕。")
    ingest_files(engine, write_files(tmp_path / "archive", archive))
    with make_sessionmaker(engine)() as session:
        known = known_person_names(session)
    # twice (and the reporter, in every byline); once is not enough
    assert {"沈国华", "林晓岚"} <= known and "钱立军" not in known

    # No title, no speech verb: recognised because the archive knows the name.
    new = {"c.txt": story(4, "沈国华和钱立军在村口迎接考察组。")}
    ingest_files(engine, write_files(tmp_path / "new", new))
    with make_sessionmaker(engine)() as session:
        rows = session.execute(select(Fact.text, Fact.extra).where(Fact.kind == "person")).all()
    persons = [(text, (extra or {}).get("cue")) for text, extra in rows]
    assert ("沈国华", "known") in persons
    assert ("钱立军", "known") not in persons  # named once: not known yet
