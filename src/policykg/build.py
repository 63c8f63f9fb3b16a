"""The build: load a tree strictly, run the checks, and write every export atomically.

All outputs are computed in memory first; only when every step has succeeded are they written, each
through a temporary file and a rename. A failed build leaves the previous outputs as they were.
"""

import json
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .export import serialize
from .files import write_atomically
from .load import LoadedTree, load_tree
from .report import Report, make_report
from .tree import Tree
from .validation import run_checks


#: The files a build writes into its output folder.
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "ontology.owl", "report.json")


@dataclass
class BuildResult:
    """What a build produced: the loaded data, its report, the files written and the time taken."""

    loaded: LoadedTree
    report: Report
    written: list[Path]
    seconds: float


def build(tree: Tree, out_dir: Path) -> BuildResult:
    """Build ``tree`` into ``out_dir``; raise :class:`DataError` (writing nothing) if the data has a problem."""
    started = time.perf_counter()
    loaded, report = load_and_check(tree)
    outputs = render_outputs(loaded, report)
    written = []
    for name, data in outputs.items():
        write_atomically(out_dir / name, data)
        written.append(out_dir / name)
    return BuildResult(loaded, report, written, time.perf_counter() - started)


def load_and_check(tree: Tree) -> tuple[LoadedTree, Report]:
    """Load ``tree`` strictly and run every check; raise :class:`DataError` if an error-severity check fails."""
    loaded = load_tree(tree)
    store = loaded.store()
    checks = run_checks(loaded, store)
    failed = [check for check in checks if check.outcome.severity == "error" and not check.outcome.passed]
    if failed:
        raise DataError("the build stopped: the data failed its checks\n\n" + "\n\n".join(c.message for c in failed))
    return loaded, make_report(loaded, store, [check.outcome for check in checks])


def render_outputs(loaded: LoadedTree, report: Report) -> dict[str, bytes]:
    """Return every output file's bytes, keyed by file name, without writing anything."""
    quads = loaded.quads
    return {
        "graph.ttl": serialize(quads, "ttl"),
        "graph.trig": serialize(quads, "trig"),
        "graph.nq": serialize(quads, "nq"),
        "graph.jsonld": serialize(quads, "jsonld"),
        "ontology.owl": serialize(loaded.ontology_quads(), "xml"),
        "report.json": (json.dumps(report.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"),
    }
