"""Every check a build runs, in one list: Python checks, SPARQL checks, SHACL, and OWL reasoning."""

import dataclasses
import time

import pyoxigraph as ox

from .checks import PYTHON_CHECKS, Check, CheckResult, sparql_checks
from .load import LoadedTree
from .locate import Locator
from .reason import CONSISTENCY_CHECK, java_available
from .shacl import SHACL_CHECK
from .text import printable, shorten

#: The most characters of an entity, property or value a text report shows.
SHOWN_CHARACTERS = 200


def all_checks(loaded: LoadedTree) -> list[Check]:
    """The checks for ``loaded``'s tree: Python checks, the tree's ``queries/checks/*-violation.rq``, SHACL,
    then OWL consistency (a warning that it was skipped where no Java runtime is installed)."""
    consistency = CONSISTENCY_CHECK if java_available() else dataclasses.replace(CONSISTENCY_CHECK, severity="warning")
    return [*PYTHON_CHECKS, *sparql_checks(loaded.tree), SHACL_CHECK, consistency]


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


def validation_report(loaded: LoadedTree, results: list[CheckResult]) -> dict:
    """The findings of every check as JSON data: per check its severity, fix and located findings, and totals."""
    locator = Locator(loaded)
    checks = []
    for result in results:
        findings = [
            {"where": locator.locate(f.entity, f.property), "entity": f.entity, "property": f.property,
             "value": f.value, "problem": f.problem}
            for f in result.findings
        ]
        checks.append({"name": result.outcome.name, "description": result.outcome.description,
                       "severity": result.outcome.severity, "fix": result.fix, "findings": findings})
    count = {severity: sum(len(c["findings"]) for c in checks if c["severity"] == severity) for severity in ("error", "warning")}
    return {"errors": count["error"], "warnings": count["warning"], "checks": checks}


def format_validation(report: dict, shown_findings: int | None = None) -> str:
    """A readable validation report: each failing check with its located findings and the fix, then totals.

    At most ``shown_findings`` findings are listed per check when given, then how many more there are.
    Values are shown on one line, control characters escaped, long ones cut.
    """
    lines = []
    for check in report["checks"]:
        if not check["findings"]:
            lines.append(f"ok    {check['name']}")
            continue
        lines.append(f"{check['severity'].upper():<5} {check['name']}: {check['description']} — {len(check['findings'])} finding(s)")
        shown = check["findings"][:shown_findings]
        for finding in shown:
            where = f"{finding['where']}: " if finding["where"] else ""
            detail = "  ".join(shorten(printable(finding[part]), SHOWN_CHARACTERS)
                               for part in ("entity", "property", "value") if finding[part])
            problem = f" — {shorten(printable(finding['problem']), SHOWN_CHARACTERS)}" if finding["problem"] else ""
            lines.append(f"    {where}{detail}{problem}")
        if len(shown) < len(check["findings"]):
            lines.append(f"    … and {len(check['findings']) - len(shown)} more")
        lines.append(f"    fix: {check['fix']}")
    lines.append(f"{report['errors']} error(s), {report['warnings']} warning(s)")
    return "\n".join(lines)
