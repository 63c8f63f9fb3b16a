"""What a build holds: triples in all and per graph, entities per class, claims per source, checks."""

from dataclasses import dataclass, field

import pyoxigraph as ox

from .load import LoadedTree
from .namespaces import ONTOLOGY_IRI, PREFIXES

_ENTITIES_PER_CLASS = f"""
PREFIX pk: <{ONTOLOGY_IRI}>
SELECT ?class (COUNT(DISTINCT ?entity) AS ?count) WHERE {{
  {{ ?entity a ?class }} UNION {{ GRAPH ?g {{ ?entity a ?class }} }}
  FILTER(STRSTARTS(STR(?class), STR(pk:)))
}} GROUP BY ?class ORDER BY ?class
"""

_CLAIMS_PER_SOURCE = f"""
PREFIX pk: <{ONTOLOGY_IRI}>
SELECT ?source ?class (COUNT(DISTINCT ?claim) AS ?count) WHERE {{
  GRAPH ?source {{ ?claim a ?class }}
  VALUES ?class {{ pk:Observation pk:Target pk:StatusClaim pk:AwardClaim }}
}} GROUP BY ?source ?class ORDER BY ?source ?class
"""


@dataclass(frozen=True)
class CheckOutcome:
    """One check that ran over the data: its name, what it guards, and how many findings it had."""

    name: str
    description: str
    findings: int
    severity: str = "error"

    @property
    def passed(self) -> bool:
        """True when the check found nothing."""
        return self.findings == 0


@dataclass
class Report:
    """The counts a build reports, in a form that serialises to the same JSON for the same input."""

    triples: int
    triples_per_graph: dict[str, int]
    entities_per_class: dict[str, int]
    claims_per_source: dict[str, dict[str, int]]
    files: dict[str, int]
    checks: list[CheckOutcome] = field(default_factory=list)

    def as_json(self) -> dict:
        """Return the report as plain JSON data (no timings, so it is byte-identical run after run)."""
        return {
            "triples": self.triples,
            "triples_per_graph": self.triples_per_graph,
            "entities_per_class": self.entities_per_class,
            "claims_per_source": self.claims_per_source,
            "files": self.files,
            "checks": [
                {"name": c.name, "description": c.description, "severity": c.severity,
                 "findings": c.findings, "outcome": "passed" if c.passed else "failed"}
                for c in self.checks
            ],
        }


def make_report(loaded: LoadedTree, inferred: list[ox.Quad], checks: list[CheckOutcome]) -> Report:
    """Count what ``loaded`` holds and record the ``checks`` run.

    Triples are counted with the ``inferred`` quads (their own graph); entities and claims as asserted.
    """
    asserted = loaded.store()
    quads = set(loaded.quads) | set(inferred)
    per_graph: dict[str, int] = {}
    for quad in quads:
        name = "default" if isinstance(quad.graph_name, ox.DefaultGraph) else compact(quad.graph_name.value)
        per_graph[name] = per_graph.get(name, 0) + 1
    union = {quad.triple for quad in quads}
    claims: dict[str, dict[str, int]] = {}
    for row in asserted.query(_CLAIMS_PER_SOURCE):
        claims.setdefault(compact(row["source"].value), {})[compact(row["class"].value)] = int(row["count"].value)
    return Report(
        triples=len(union),
        triples_per_graph=dict(sorted(per_graph.items())),
        entities_per_class={compact(row["class"].value): int(row["count"].value) for row in asserted.query(_ENTITIES_PER_CLASS)},
        claims_per_source=claims,
        files={str(loaded.tree.relative(record.path)): len(record.triples) for record in loaded.files},
        checks=checks,
    )


def compact(iri: str) -> str:
    """Return ``iri`` as ``prefix:name`` with the longest matching prefix, or unchanged if none matches."""
    best = max((base for base in PREFIXES.values() if iri.startswith(base)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(name for name, base in PREFIXES.items() if base == best)
    return f"{prefix}:{iri[len(best):]}"
