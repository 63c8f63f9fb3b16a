"""Serialising the dataset in the standard RDF formats, byte-identical for the same input.

Turtle is written by rdflib (readable: grouped by subject, blank nodes nested, every prefix bound);
the other formats by pyoxigraph from quads in a fixed order, so the same input always gives the same
bytes.
"""

import pyoxigraph as ox

from .errors import DataError, UsageError
from .namespaces import PREFIXES
from .rdf import new_rdflib_graph, quad_sort_key, to_rdflib

#: Export format name → (file extension, description). The names are what ``--format`` takes.
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("ttl", "Turtle, the union of all graphs"),
    "trig": ("trig", "TriG, with a named graph per source article"),
    "nq": ("nq", "N-Quads, with a named graph per source article"),
    "nt": ("nt", "N-Triples, the union of all graphs"),
    "jsonld": ("jsonld", "JSON-LD, with a named graph per source article"),
    "xml": ("rdf", "RDF/XML, the union of all graphs"),
}

#: Network format name → description: the entities and their stated relations for network tools,
#: written by :func:`policykg.network.write_network`.
NETWORK_FORMATS: dict[str, str] = {
    "graphml": "GraphML (Gephi, Cytoscape, yEd, igraph)",
    "gexf": "GEXF 1.2 (Gephi)",
    "csv": "two CSV files, nodes (PATH) and edges (PATH with -edges before the suffix), as Gephi's spreadsheet import reads them",
}

_TURTLE_HEADER = (
    "# policykg: the knowledge graph of Hengyang's 2020 policies, projects and outcomes.\n"
    "# The union of all graphs; see graph.trig or graph.nq for which source article states what.\n"
)


def serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    """Return ``quads`` serialised in format ``fmt`` (a key of :data:`FORMATS`)."""
    ordered = sorted(set(quads), key=quad_sort_key)
    if fmt == "ttl":
        return _turtle(_union(ordered))
    if fmt == "trig":
        return ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if fmt == "nq":
        return ox.serialize(ordered, format=ox.RdfFormat.N_QUADS)
    if fmt == "nt":
        return ox.serialize(_union(ordered), format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        return ox.serialize(ordered, format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES)
    if fmt == "xml":
        return ox.serialize(_union(ordered), format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _union(ordered: list[ox.Quad]) -> list[ox.Triple]:
    """The triples of every graph, each once, in a fixed order."""
    return sorted({quad.triple for quad in ordered}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _turtle(triples: list[ox.Triple]) -> bytes:
    """Readable Turtle of ``triples``: subjects grouped, blank nodes nested, our prefixes bound."""
    graph = new_rdflib_graph()
    for triple in triples:
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    try:
        text = graph.serialize(format="turtle")
    except RecursionError:  # the loader refuses deep [ … ] nesting; a long chain of labelled _:b nodes gets here
        raise DataError(
            "the graph cannot be written as Turtle: blank nodes are chained too deep (each the object of the one "
            "before) for rdflib's Turtle writer\n  fix: give the nodes of the chain IRIs of their own"
        ) from None
    return (_TURTLE_HEADER + "\n" + text).encode("utf-8")
