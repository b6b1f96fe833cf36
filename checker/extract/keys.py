"""Fact keys: where two mentions of the same quantity meet.

A key is ``subject|measure|time|dimension:unit``:

* ``subject``   the place / organisation / person the number is about, normalised:
                quotes, spaces and full-width forms removed, a trailing 市/县/省 dropped from a
                name of three or more characters (平湖市 -> 平湖), a trailing 项目/工程 after a
                park or site (…产业园项目 -> …产业园), a leading 县/市/区 before an agency
                (县交警大队 -> 交警大队), and the generic words
                全市/我市/本市 ... written as one token (本市), from ``generic_subjects`` in
                rules/attributes.yaml.  A generic subject is *not* resolved to the city of
                publication: the extractor does not know it, and keeping 本市 apart from 平湖
                can only miss a conflict, never invent one.
* ``measure``   the canonical attribute (收入, 游客 ...) if known, else the counted thing.
* ``time``      the scope from :mod:`checker.extract.timescope`, ``*`` when none is given.
                A number without a time never meets one with a time: conservative.
* ``dimension:unit``  e.g. ``money:元``, ``count:户``; 3930户 and 3930人 never meet.

``fact_key`` returns None when too little is known for two values to be worth
comparing: no subject, or neither attribute nor counted thing.  Vague keys are
the main source of false conflicts, so the rule errs towards None.
"""

from __future__ import annotations

import re

from checker.rulepack import RulePack, default_pack

_STRIP_RE = re.compile(r"[\s“”\"'‘’「」『』《》〈〉()（）【】·・]")
_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_ADMIN_SUFFIXES = ("市", "县", "省")
# "柳塘智能装备产业园项目" is the park itself: a trailing 项目/工程 after one of these goes.
_PROJECT_TAILS = ("项目", "工程")
_PROJECT_SITES = ("产业园", "园区", "基地", "景区", "公园", "中心", "小镇")
# "县交警大队" is "交警大队" in a county paper: a leading 县/市/区 before an organisation
# goes, unless it starts a word of its own (县委, 市政府, 区人大 ...).
_LOCAL_PREFIXES = ("县", "市", "区")
_LOCAL_KEEP_SECOND = frozenset("委政人长级直属域内外民")
_ORG_TAILS = ("大队", "中队", "支队", "局", "所", "站", "中心", "办", "院", "队")
# Leading words that say nothing about the thing counted ("新增就业岗位" ~ "就业岗位").
_COUNTED_PREFIXES = ("新增", "累计", "共", "各类", "各", "其中", "全部", "所有")


def _generic_subjects(pack: RulePack) -> dict[str, str]:
    def build(p: RulePack) -> dict[str, str]:
        table = p.table("attributes", {}) or {}
        out: dict[str, str] = {}
        for canonical, spellings in (table.get("generic_subjects") or {}).items():
            out[str(canonical)] = str(canonical)
            for spelling in spellings or []:
                out[str(spelling)] = str(canonical)
        return out

    return pack.built("keys.generic_subjects", build)


def clean(text: str | None) -> str:
    """Remove quotes, brackets and spaces; full-width ASCII to half-width."""
    if not text:
        return ""
    return _STRIP_RE.sub("", text.translate(_FULLWIDTH)).strip("的")


def normalize_subject(subject: str | None, pack: RulePack | None = None) -> str | None:
    """平湖市 -> 平湖, 我市 -> 本市, “徐家埭村” -> 徐家埭村; None for empty.  The generic
    subjects (我市, 本县 ...) are those of ``pack`` (the bundled pack when None)."""
    s = clean(subject)
    if not s:
        return None
    generic = _generic_subjects(pack or default_pack())
    if s in generic:
        return generic[s]
    if len(s) >= 3 and s.endswith(_ADMIN_SUFFIXES):
        s = s[:-1]
    for tail in _PROJECT_TAILS:
        if s.endswith(tail) and s[: -len(tail)].endswith(_PROJECT_SITES):
            s = s[: -len(tail)]
    if (
        len(s) >= 5
        and s.startswith(_LOCAL_PREFIXES)
        and s[1] not in _LOCAL_KEEP_SECOND
        and s.endswith(_ORG_TAILS)
    ):
        s = s[1:]
    return s


def normalize_counted(counted: str | None) -> str | None:
    """新增就业岗位 -> 就业岗位; quotes dropped; None for empty."""
    s = clean(counted)
    changed = True
    while changed and s:
        changed = False
        for prefix in _COUNTED_PREFIXES:
            if s.startswith(prefix) and len(s) > len(prefix):
                s = s[len(prefix) :]
                changed = True
    return s or None


def normalize_attribute(attribute: str | None) -> str | None:
    s = clean(attribute)
    return s or None


def fact_key(
    subject: str | None,
    attribute: str | None,
    counted: str | None,
    time: str | None,
    dimension: str | None,
    unit: str | None = None,
    pack: RulePack | None = None,
) -> str | None:
    """The key two mentions of one fact share, or None when a comparison would be a guess."""
    subj = normalize_subject(subject, pack)
    measure = normalize_attribute(attribute) or normalize_counted(counted)
    if subj is None or measure is None:
        return None
    dim = dimension or "number"
    if unit:
        dim = f"{dim}:{unit}"
    return f"{subj}|{measure}|{time or '*'}|{dim}"
