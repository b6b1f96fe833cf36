"""EXPLAIN (QUERY PLAN) of every Archive lookup: each must search an index, never scan a table.

``python -m benchmarks.explain --db URL`` on an ingested archive (SQLite or PostgreSQL).
"""

from __future__ import annotations

import argparse
import re
from typing import get_args

from sqlalchemy import func, select
from sqlalchemy.sql import ClauseElement

from checker.model import FactKind
from checker.service import open_engine
from checker.store.models import Fact, NameKey, PassageBand, Sentence


def _capped(
    postgresql: bool, table: str, key: str, columns: tuple[str, ...], skip_frequent: bool = False
) -> ClauseElement:
    """A capped lookup (:meth:`checker.checks.base.Archive._capped`) with sample values, as
    the database at hand gets it (UNION ALL of ranges; on PostgreSQL one LATERAL join)."""
    from sqlalchemy import ARRAY, BigInteger, bindparam

    from checker.checks.base import _CAPPED_CHUNK, _capped_part, _lateral_of_ranges, _union_of_ranges

    part = _capped_part(table, key, columns, skip_frequent)
    if postgresql:
        values = bindparam("v", list(range(1, _CAPPED_CHUNK + 1)), type_=ARRAY(BigInteger))
        return _lateral_of_ranges(part, ("v",), ("bigint",)).bindparams(values, cap=51)
    return _union_of_ranges(part).bindparams(cap=51, **{f"v{n}": n + 1 for n in range(_CAPPED_CHUNK)})


def lookups(postgresql: bool = False) -> dict[str, ClauseElement]:
    """The SELECTs of :class:`checker.checks.base.Archive`, with sample arguments."""
    keys, names, kinds = ["k1", "k2"], ["甲乙", "丙丁"], ["person", "place"]
    return {
        "facts_by_key": select(Fact).where(Fact.key.in_(keys), Fact.article_id != 1),
        "sentences_by_hash": select(Sentence).where(Sentence.text_hash.in_([1, 2])),
        "sentences_by_hash(per_hash)": _capped(postgresql, "sentences", "text_hash", ("id", "article_id", "text_hash")),
        "sentences_by_bands": select(PassageBand.sentence_id, PassageBand.article_id, PassageBand.band)
        .where(PassageBand.band.in_([1, 2])),
        "sentences_by_bands(max_sentences)": _capped(
            postgresql, "passage_bands", "band", ("sentence_id", "article_id", "band"), skip_frequent=True
        ),
        "sentence_texts / sentence_views": select(Sentence.id, Sentence.text).where(Sentence.id.in_([1, 2])),
        "bands_of": select(PassageBand.sentence_id, PassageBand.band).where(PassageBand.article_id == 1),
        "name_variant_names": select(NameKey.variant_key, NameKey.name).where(NameKey.variant_key.in_(names)),
        "name_counts(kinds)": select(Fact.text, func.count())
        .where(Fact.text.in_(names), Fact.kind.in_(kinds)).group_by(Fact.text),
        "name_counts()": select(Fact.text, func.count())
        .where(Fact.text.in_(names), Fact.kind.in_(get_args(FactKind))).group_by(Fact.text),
        "facts_by_text": select(Fact).where(Fact.kind.in_(kinds), Fact.text.in_(names)),
        "article sentences": select(Sentence).where(Sentence.article_id == 1).order_by(Sentence.ordinal),
        "article facts": select(Fact).where(Fact.article_id == 1).order_by(Fact.raw_start),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    engine = open_engine(args.db)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        for name, query in lookups(engine.dialect.name == "postgresql").items():
            sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            rows = conn.exec_driver_sql(prefix + sql).all()
            plan = "; ".join(str(r[-1]) for r in rows)
            # "SCAN t0", "SCAN c0": reading a capped lookup's own LIMITed subqueries, not a table.
            flag = "SCAN" if re.search(r"SCAN (?![tc]\d+\b)", plan) or "Seq Scan" in plan else "ok"
            print(f"{flag:4} {name}: {plan}")


if __name__ == "__main__":
    main()
