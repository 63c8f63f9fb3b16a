"""Write each query case's current answer to tests/expected/<case>.csv (or .ttl for CONSTRUCT).

Run by hand after a curation change, then READ the diff: the files are the reviewed expected answers
that tests/test_queries.py holds the graph to. Usage: python tests/expected/write_expected.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from query_cases import CASES  # noqa: E402
from test_queries import answer, real_store  # noqa: E402

if __name__ == "__main__":
    store = real_store()
    for case, (name, params) in CASES.items():
        text, suffix = answer(store, name, params)
        (HERE / f"{case}.{suffix}").write_text(text, encoding="utf-8")
        print(f"{case}: {text.count(chr(10))} lines")
