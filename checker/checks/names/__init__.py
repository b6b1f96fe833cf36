"""Name conflicts: a name spelled one character off (NAM001), a person given two ranks (NAM002),
a place written under a division that does not contain it (NAM003).

NAM001 is the sum of detectors, one module each (``archive``, ``quoted``, ``text_scan``,
``archive_scan``, ``slots``, ``gazetteer``), run in order by :mod:`checker.checks.names.rule` over one
:class:`~checker.checks.names.context.NameContext` per article; each detector is switched by
the rule's ``detect_<name>`` setting, and the wording of every finding is built in
:mod:`checker.checks.names.messages`.  A new detector is a module with a
``detect(ctx) -> Iterator[FindingDraft]`` function, an entry in ``rule.DETECTORS`` and a
``detect_<name>`` setting.
"""

from checker.checks.names.hierarchy import PlaceHierarchyRule
from checker.checks.names.rule import NameVariantRule
from checker.checks.names.titles import TitleConflictRule

__all__ = ["NameVariantRule", "PlaceHierarchyRule", "TitleConflictRule"]
