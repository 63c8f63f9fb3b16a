"""The build: load a tree strictly, run the checks, and publish every export at once.

The out folder is locked for the whole build (a second build into it fails at once). All outputs are
computed in memory first; only when every step has succeeded are they written, into a staging folder
beside the out folder that then takes its place in one step. A failed or killed build leaves the
previous outputs as they were, whole.
"""

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError
from .export import serialize
from .files import replacing_folder
from .load import LoadedTree, load_tree
from .reason import infer
from .report import CheckOutcome, Report, make_report
from .tree import Tree
from .validation import format_validation, run_checks, validation_report
from .view import render_network_html


#: The files a build writes into its output folder.
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "ontology.owl", "report.json", "graph.html")

#: How many findings of each failed check the message of a stopped build lists (``validate`` lists all).
SHOWN_FINDINGS = 20


@dataclass
class BuildResult:
    """What a build produced: the loaded data, its report, the files written and the time of each step."""

    loaded: LoadedTree
    report: Report
    written: list[Path]
    timings: dict[str, float]

    @property
    def seconds(self) -> float:
        """The whole build's time."""
        return sum(self.timings.values())


def build(tree: Tree, out_dir: Path) -> BuildResult:
    """Build ``tree`` into ``out_dir``, replacing the folder whole.

    Raises :class:`DataError` (writing nothing) if the data has a problem, and
    :class:`~policykg.errors.OutputError` (leaving the folder as it was) if the folder cannot be
    replaced: another build holds it, it holds files a build does not write, it is read-only.
    """
    timings: dict[str, float] = {}
    with replacing_folder(out_dir, OUTPUT_FILES) as publish:
        loaded, checked = load_and_check(tree, timings)
        started = time.perf_counter()
        inferred = infer(loaded)
        timings["inference rules"] = time.perf_counter() - started
        started = time.perf_counter()
        report = make_report(loaded, inferred, checked)
        outputs = render_outputs(loaded, inferred, report)
        publish(outputs)
        timings["exports"] = time.perf_counter() - started
    return BuildResult(loaded, report, [out_dir / name for name in outputs], timings)


def load_and_check(tree: Tree, timings: dict[str, float] | None = None) -> tuple[LoadedTree, list[CheckOutcome]]:
    """Load ``tree`` strictly and run every check; raise :class:`DataError` if an error-severity check fails.

    The message lists each failed check's findings located at ``file:line``, as ``policykg validate``
    does. The time each step takes is added to ``timings`` when one is given.
    """
    timings = {} if timings is None else timings
    started = time.perf_counter()
    loaded = load_tree(tree)
    store = loaded.store()
    timings["load"] = time.perf_counter() - started
    results = run_checks(loaded, store, timings)
    failed = [result for result in results if result.outcome.severity == "error" and not result.outcome.passed]
    if failed:
        report = format_validation(validation_report(loaded, failed), shown_findings=SHOWN_FINDINGS)
        raise DataError("the build stopped: the data failed its checks\n\n" + report)
    return loaded, [result.outcome for result in results]


def render_outputs(loaded: LoadedTree, inferred: list[ox.Quad], report: Report) -> dict[str, bytes]:
    """Return every output file's bytes, keyed by file name, without writing anything."""
    quads = loaded.quads + inferred
    return {
        "graph.ttl": serialize(quads, "ttl"),
        "graph.trig": serialize(quads, "trig"),
        "graph.nq": serialize(quads, "nq"),
        "graph.jsonld": serialize(quads, "jsonld"),
        "ontology.owl": serialize(loaded.ontology_quads(), "xml"),
        "report.json": (json.dumps(report.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"),
        "graph.html": render_network_html(quads, title="policykg · 衡阳 2020"),
    }
