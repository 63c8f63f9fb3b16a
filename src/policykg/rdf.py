"""Conversions between pyoxigraph terms and rdflib terms, and the sort order every export uses."""

import logging

import pyoxigraph as ox
import rdflib

from .namespaces import PREFIXES

# rdflib logs a warning with a traceback for each ill-typed literal it is given ("2020-13-01"^^xsd:date);
# the check ill-typed-literal reports them, located, so rdflib's own report is left out.
logging.getLogger("rdflib.term").addFilter(
    lambda record: not record.getMessage().startswith("Failed to convert Literal lexical form to value")
)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    """Return the rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def quad_sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    """Order quads by graph (the default graph first), then subject, predicate and object."""
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return graph, str(quad.subject), str(quad.predicate), str(quad.object)


def new_rdflib_graph() -> rdflib.Graph:
    """Return an empty rdflib graph with exactly our prefixes bound (no rdflib defaults, no ``ns1:``)."""
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    return graph


def to_rdflib_dataset(quads: list[ox.Quad]) -> rdflib.Dataset:
    """Return an rdflib Dataset holding ``quads``, each named graph as its own context."""
    dataset = rdflib.Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, override=True, replace=True)
    for quad in quads:
        triple = (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
        if isinstance(quad.graph_name, ox.DefaultGraph):
            dataset.default_graph.add(triple)
        else:
            dataset.graph(rdflib.URIRef(quad.graph_name.value)).add(triple)
    return dataset
