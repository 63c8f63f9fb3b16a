"""Build the policykg graph from the ontology/, triples/ and sources/ beside this file.

The same as ``policykg build --root <this folder>``: ``--root DIR`` builds another tree, ``--out DIR``
writes elsewhere (default ``dist/`` under the root). Exit codes: 0 ok, 1 the data has a problem,
2 wrong usage.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

try:
    from policykg.cli import main
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(HERE / "src"))
    from policykg.cli import main

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--root" not in arguments and not any(a.startswith("--root=") for a in arguments):
        arguments += ["--root", str(HERE)]
    sys.exit(main(["build", *arguments]))
