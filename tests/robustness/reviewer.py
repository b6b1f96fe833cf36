"""A review session in its own process: ``python -m tests.robustness.reviewer URL STOPFILE ID...``.

Records decisions through :func:`checker.store.reviews.decide`, one transaction each, cycling
through the given finding ids until STOPFILE exists (and at least MIN_DECISIONS were made),
then prints how many decisions it recorded per finding as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from checker.service import open_engine
from checker.store.reviews import decide, state
from checker.store.session import transaction

MIN_DECISIONS = 30
ACTIONS = ("accept", "dismiss", "note", "reopen", "undo")


def main(argv: list[str]) -> int:
    url, stop, ids = argv[0], Path(argv[1]), argv[2:]
    engine = open_engine(url)
    counts: dict[str, int] = {}
    k = 0
    while k < MIN_DECISIONS or not stop.exists():
        finding_id = ids[k % len(ids)]
        with transaction(engine) as session:
            seen = state(session, finding_id).seq
            action = ACTIONS[k % len(ACTIONS)]
            if action == "undo" and seen == 0:
                action = "accept"
            decide(session, finding_id, action, reviewer="robustness", note=f"n{k}", expected_seq=seen)
        counts[finding_id] = counts.get(finding_id, 0) + 1
        k += 1
        time.sleep(0.002)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
