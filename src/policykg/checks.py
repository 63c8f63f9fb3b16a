"""The checks a build runs after loading: each finds rows that are wrong, and any row of an
error-severity check stops the build.

Two kinds: checks written in Python here (evidence against the source texts), and the SPARQL
checks in ``queries/checks/*-violation.rq``, each a ``SELECT ?entity ?property ?value`` that must
return no rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import rdflib

from .load import LoadedTree
from .namespaces import ONTOLOGY_IRI
from .numerals import plain, read_number
from .report import CheckOutcome, compact

#: How many offending rows a message shows before it says how many more there are.
SHOWN_ROWS = 20


@dataclass(frozen=True)
class Finding:
    """One offending row: the entity, the property and value at fault, and what is wrong."""

    entity: str
    property: str
    value: str
    problem: str = ""

    def __str__(self) -> str:
        text = f"{self.entity}  {self.property}  {self.value}"
        return f"{text}  — {self.problem}" if self.problem else text


@dataclass(frozen=True)
class CheckResult:
    """A check's outcome with its findings."""

    outcome: CheckOutcome
    findings: list[Finding]
    fix: str

    @property
    def message(self) -> str:
        """A readable account of the findings: the check, each offending row, and the fix."""
        lines = [f"check {self.outcome.name} ({self.outcome.description}): {len(self.findings)} finding(s)"]
        lines += [f"    {finding}" for finding in self.findings[:SHOWN_ROWS]]
        if len(self.findings) > SHOWN_ROWS:
            lines.append(f"    … and {len(self.findings) - SHOWN_ROWS} more")
        lines.append(f"  fix: {self.fix}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Check:
    """A named rule over the loaded data."""

    name: str
    description: str
    fix: str
    find: Callable[[LoadedTree, ox.Store], list[Finding]]
    severity: str = "error"

    def run(self, loaded: LoadedTree, store: ox.Store) -> CheckResult:
        """Run the rule and return its findings."""
        findings = self.find(loaded, store)
        return CheckResult(CheckOutcome(self.name, self.description, len(findings), self.severity), findings, self.fix)


# ---------------------------------------------------------------------------------------------------
# Evidence against the sources
# ---------------------------------------------------------------------------------------------------

_EVIDENCE = f"""
PREFIX pk: <{ONTOLOGY_IRI}>
SELECT ?graph ?subject ?evidence WHERE {{
  {{ GRAPH ?graph {{ ?subject pk:evidence ?evidence }} }} UNION {{ ?subject pk:evidence ?evidence }}
}}
"""

_SOURCE_FILES = f"""
PREFIX pk: <{ONTOLOGY_IRI}>
SELECT ?source ?file WHERE {{ ?source a pk:SourceArticle ; pk:sourceFile ?file }}
"""


def source_texts(loaded: LoadedTree, store: ox.Store) -> dict[str, str]:
    """Return the text of each described source article, keyed by its IRI."""
    texts = {}
    for row in store.query(_SOURCE_FILES):
        path = loaded.tree.root / row["file"].value
        texts[row["source"].value] = path.read_text(encoding="utf-8") if path.is_file() else ""
    return texts


def _evidence_not_in_source(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    """Evidence that is outside a source graph, or that its source's text does not contain verbatim."""
    texts = source_texts(loaded, store)
    findings = []
    for row in store.query(_EVIDENCE):
        graph, subject, evidence = row["graph"], show_term(row["subject"]), row["evidence"].value
        if graph is None:
            findings.append(Finding(subject, "pk:evidence", evidence, "evidence outside a claims file: move it to triples/claims/<source>.ttl"))
        elif evidence not in texts.get(graph.value, ""):
            findings.append(Finding(subject, "pk:evidence", evidence, f"not found verbatim in {compact(graph.value)}"))
    return sorted(findings, key=lambda f: (f.entity, f.value))


_VALUES = f"""
PREFIX pk: <{ONTOLOGY_IRI}>
SELECT ?node ?written ?value (GROUP_CONCAT(?evidence; separator="\\u0001") AS ?evidences) WHERE {{
  GRAPH ?g {{
    {{ ?node pk:valueAsWritten ?written . FILTER NOT EXISTS {{ ?node a pk:Comparison }}
       OPTIONAL {{ ?node pk:value ?value }} OPTIONAL {{ ?node pk:evidence ?evidence }} }}
    UNION
    {{ ?claim pk:comparison ?node ; pk:evidence ?evidence . ?node pk:valueAsWritten ?written .
       OPTIONAL {{ ?node pk:difference ?value }} }}
  }}
}} GROUP BY ?node ?written ?value
"""


def _value_not_following(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    """Values as written that their evidence does not contain, or whose normalized value differs from them."""
    findings = []
    for row in store.query(_VALUES):
        node, written = show_term(row["node"]), row["written"].value
        evidences = row["evidences"].value.split("\u0001") if row["evidences"] is not None and row["evidences"].value else []
        if not any(written in evidence for evidence in evidences):
            findings.append(Finding(node, "pk:valueAsWritten", written, "not found in the node's evidence (or its observation's)"))
            continue
        if row["value"] is None:
            findings.append(Finding(node, "pk:value", "", f"missing: {written!r} gives a number"))
            continue
        try:
            expected = read_number(written)
        except ValueError:
            findings.append(Finding(node, "pk:valueAsWritten", written, "holds no number"))
            continue
        if plain(Decimal(row["value"].value)) != expected:
            findings.append(Finding(node, "pk:value", row["value"].value, f"{written!r} normalizes to {expected}"))
    return sorted(findings, key=lambda f: (f.entity, f.property))


def _sources_missing(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    """Source articles whose text file is missing."""
    return [
        Finding(compact(row["source"].value), "pk:sourceFile", row["file"].value, "no such file in the tree")
        for row in store.query(_SOURCE_FILES)
        if not (loaded.tree.root / row["file"].value).is_file()
    ]


PYTHON_CHECKS = (
    Check(
        "source-file-exists", "every source article's text file is in sources/",
        "restore the file under sources/ or correct pk:sourceFile in triples/sources.ttl", _sources_missing,
    ),
    Check(
        "evidence-in-source", "every evidence string occurs verbatim in the article of its graph",
        "copy the fragment from the article's text file instead of retyping it (full-width punctuation included)",
        _evidence_not_in_source,
    ),
    Check(
        "value-follows-from-evidence",
        "every value as written occurs in its evidence, and its normalized value follows from it (亿 × 10^8, 万 × 10^4)",
        "copy the number and unit from the evidence into pk:valueAsWritten, and write pk:value multiplied out as a plain decimal",
        _value_not_following,
    ),
)


# ---------------------------------------------------------------------------------------------------
# SPARQL checks
# ---------------------------------------------------------------------------------------------------

def sparql_checks(folder: Path) -> list[Check]:
    """Return a check for each ``*-violation.rq`` in ``folder``; its header's first line is its description."""
    return [_sparql_check(path) for path in sorted(folder.glob("*-violation.rq"))]


def _sparql_check(path: Path) -> Check:
    text = path.read_text(encoding="utf-8")
    header = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    description = header[0] if header else path.stem
    fix = next((line.split(":", 1)[1].strip() for line in header if line.lower().startswith("fix:")), "see " + path.name)

    def find(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
        return [
            Finding(*(show_term(row[name]) for name in ("entity", "property", "value")))
            for row in store.query(text, use_default_graph_as_union=True)
        ]

    return Check(path.stem.removesuffix("-violation"), description, fix, find)


def show_term(term) -> str:
    """Show an RDF term (pyoxigraph or rdflib) compactly: prefixed IRIs, literal values as text, nothing as empty."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, rdflib.URIRef):
        return compact(str(term))
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return str(term)
