"""Every check a build runs, in one list: Python checks, SPARQL checks, SHACL, and OWL reasoning."""

import dataclasses
import time

import pyoxigraph as ox

from .checks import PYTHON_CHECKS, Check, CheckResult, sparql_checks
from .load import LoadedTree
from .reason import CONSISTENCY_CHECK, java_available
from .shacl import SHACL_CHECK


def all_checks(loaded: LoadedTree) -> list[Check]:
    """The checks for ``loaded``'s tree: Python checks, the tree's ``queries/checks/*-violation.rq``, SHACL,
    then OWL consistency (a warning that it was skipped where no Java runtime is installed)."""
    consistency = CONSISTENCY_CHECK if java_available() else dataclasses.replace(CONSISTENCY_CHECK, severity="warning")
    return [*PYTHON_CHECKS, *sparql_checks(loaded.tree.queries_dir / "checks"), SHACL_CHECK, consistency]


def run_checks(loaded: LoadedTree, store: ox.Store, timings: dict[str, float] | None = None) -> list[CheckResult]:
    """Run every check over the loaded data and return each result, in order.

    The time each check takes is added to ``timings`` (as ``"check <name>"``) when one is given.
    """
    results = []
    for check in all_checks(loaded):
        started = time.perf_counter()
        results.append(check.run(loaded, store))
        if timings is not None:
            timings[f"check {check.name}"] = time.perf_counter() - started
    return results
