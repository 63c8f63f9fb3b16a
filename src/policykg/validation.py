"""Every check a build runs, in one list: Python checks, SPARQL checks, SHACL, and OWL reasoning."""

import pyoxigraph as ox

from .checks import PYTHON_CHECKS, Check, CheckResult, sparql_checks
from .load import LoadedTree
from .shacl import SHACL_CHECK


def all_checks(loaded: LoadedTree) -> list[Check]:
    """The checks for ``loaded``'s tree: Python checks, the tree's ``queries/checks/*-violation.rq``, then SHACL."""
    return [*PYTHON_CHECKS, *sparql_checks(loaded.tree.queries_dir / "checks"), SHACL_CHECK]


def run_checks(loaded: LoadedTree, store: ox.Store) -> list[CheckResult]:
    """Run every check over the loaded data and return each result, in order."""
    return [check.run(loaded, store) for check in all_checks(loaded)]
