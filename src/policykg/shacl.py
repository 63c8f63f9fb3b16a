"""SHACL validation of the whole dataset against ``ontology/shapes.ttl`` with pyshacl.

The data graph is the union of all graphs (ontology included, so that ``sh:class`` sees subclasses);
each violation becomes a :class:`~policykg.checks.Finding` with the focus node, the path, the value
and the shape's message.
"""

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import SH

from .checks import Check, Finding, show_term
from .load import LoadedTree
from .rdf import new_rdflib_graph, to_rdflib
from .tree import SHAPES_FILE


def shacl_findings(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    """Validate the union of all graphs against the shapes and return one finding per violation."""
    shapes_path = loaded.tree.ontology_dir / SHAPES_FILE
    if not shapes_path.is_file():
        return [Finding("ontology/" + SHAPES_FILE, "", "", "the SHACL shapes file is missing")]
    data = new_rdflib_graph()
    for triple in {quad.triple for quad in loaded.quads}:
        data.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return []
    findings = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        findings.add(Finding(
            show_term(focus), show_term(path) if isinstance(path, rdflib.URIRef) else "",
            show_term(value) if value is not None else "", str(message or ""),
        ))
    return sorted(findings, key=lambda f: (f.entity, f.property, f.value, f.problem))


SHACL_CHECK = Check(
    "shacl", "every node conforms to the SHACL shapes of ontology/shapes.ttl (required properties, datatypes, allowed values, target classes)",
    "give the node the property, datatype or value the message names (CURATING.md shows each block's shape)",
    shacl_findings,
)
