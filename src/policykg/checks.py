"""The checks a build runs after loading: each finds rows that are wrong, and any row of an
error-severity check stops the build.

Two kinds: checks written in Python here (evidence against the source texts), and the SPARQL
checks in ``queries/checks/*-violation.rq``, each a ``SELECT ?entity ?property ?value`` that must
return no rows.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import rdflib

from .errors import DataError, Location, located_error, problems_error
from .load import LoadedTree, decode_utf8, read_input_file
from .namespaces import ONTOLOGY_IRI
from .numerals import plain, read_number
from .report import CheckOutcome, compact
from .text import shorten
from .tree import Tree

#: The columns every SPARQL check selects.
CHECK_VARIABLES = ("entity", "property", "value")

#: The most characters of pyoxigraph's account of a SPARQL syntax error a message shows.
SYNTAX_MESSAGE_CHARACTERS = 100

#: Control characters a literal may not hold: every C0 character but tab, line feed and carriage return.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    """Return the text of each described source article, keyed by its IRI (empty if its file is missing)."""
    return {row["source"].value: loaded.source_texts.get(row["source"].value, "") for row in store.query(_SOURCE_FILES)}


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
        if row["source"].value not in loaded.source_texts
    ]


def _control_characters(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    """Literals holding a control character (NUL, BEL, ESC…): invisible, and ill-formed in RDF/XML."""
    findings = {
        Finding(show_term(quad.subject), show_term(quad.predicate), quad.object.value,
                f"holds the control character U+{ord(match.group()):04X}")
        for quad in loaded.quads
        if isinstance(quad.object, ox.Literal) and (match := _CONTROL_CHARACTER.search(quad.object.value))
    }
    return sorted(findings, key=lambda f: (f.entity, f.property, f.value))


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
    Check(
        "control-character", "no literal holds a control character (any C0 character but tab, line feed and carriage return)",
        "delete the character (it is invisible, and it makes ontology.owl and graph.jsonld ill-formed)", _control_characters,
    ),
)


# ---------------------------------------------------------------------------------------------------
# SPARQL checks
# ---------------------------------------------------------------------------------------------------

def sparql_checks(tree: Tree) -> list[Check]:
    """Return a check for each ``queries/checks/*-violation.rq`` of ``tree``; its header's first line is its description.

    Raises :class:`DataError` naming each folder or file that cannot be read and each file that is not a
    ``SELECT ?entity ?property ?value`` query, so that no check is skipped in silence.
    """
    paths, listing_problems = tree.input_files(tree.queries_dir / "checks", "-violation.rq")
    problems, checks = [str(problem) for problem in listing_problems], []
    for path in paths:
        try:
            checks.append(_sparql_check(path, tree.relative(path)))
        except DataError as error:
            problems.append(str(error))
    if problems:
        raise problems_error(problems, "the quality checks")
    return checks


def _sparql_check(path: Path, shown: Path) -> Check:
    text = decode_utf8(read_input_file(path, shown), shown)
    _check_query(text, shown)
    header = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    description = header[0] if header else path.stem
    fix = next((line.split(":", 1)[1].strip() for line in header if line.lower().startswith("fix:")), "see " + path.name)

    def find(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
        return [
            Finding(*(show_term(row[name]) for name in CHECK_VARIABLES))
            for row in store.query(text, use_default_graph_as_union=True)
        ]

    return Check(path.stem.removesuffix("-violation"), description, fix, find)


def _check_query(text: str, shown: Path) -> None:
    """Refuse a check that does not parse or does not select ``?entity ?property ?value`` (run on an empty store)."""
    try:
        result = ox.Store().query(text, use_default_graph_as_union=True)
    except SyntaxError as error:
        place = re.match(r"error at (\d+):(\d+): (.*)", error.msg)
        line, column, message = (int(place[1]), int(place[2]), place[3]) if place else (1, 1, error.msg.split("\n")[0])
        message = shorten(message, SYNTAX_MESSAGE_CHARACTERS)  # pyoxigraph lists every token it expected
        lines = text.split("\n")
        raise located_error(
            Location(shown, line, column), f"SPARQL syntax error: {message}", lines[line - 1] if line <= len(lines) else "",
            "correct the query at this place (each check is SELECT ?entity ?property ?value WHERE { … })",
        ) from None
    selected = [variable.value for variable in result.variables] if isinstance(result, ox.QuerySolutions) else []
    if not all(name in selected for name in CHECK_VARIABLES):
        raise located_error(
            Location(shown, 1, 1), "the check does not select ?entity ?property ?value", "",
            "make it SELECT ?entity ?property ?value WHERE { … }, each row an offending value",
        )


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
