"""Answers over HTTP read back as the store's answers: every named query in every format, and ASK."""

import csv
import io
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from conftest import ROOT, start_server, stop_server
from policykg.query import load_built_graph, named_queries, run_query

pytestmark = pytest.mark.server

QUERIES = named_queries(ROOT / "queries")
MEDIA = {"json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
         "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
         "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV), "csv": ("text/csv", None)}
GRAPH_MEDIA = {"ttl": ("text/turtle", ox.RdfFormat.TURTLE), "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES)}


@pytest.fixture(scope="module")
def served(built_tree):
    """A server with room for every named query's whole answer, and the same graph loaded in process."""
    process, url = start_server(built_tree, "--workers", "2", "--max-rows", "100000")
    yield url, load_built_graph(built_tree / "dist" / "graph.nq")
    stop_server(process)


def fetch(url: str, query: str, accept: str) -> tuple[str, bytes]:
    """POST ``query`` (with our prefixes declared) and return the content type and body."""
    request = urllib.request.Request(url + "sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers["Content-Type"], response.read()


def declared(query) -> str:
    """The query's text with PREFIX lines for the prefixes it uses undeclared."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (query.undeclared_prefixes or {}).items()) + query.text


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_named_query_reads_back_in_every_format(served, query):
    """Each format's answer, parsed back (pyoxigraph's parsers; the csv module for CSV), is the store's answer, row for row."""
    url, store = served
    result = run_query(store, query)
    if isinstance(result, ox.QueryTriples):
        expected = sorted(str(t) for t in result)
        for fmt, (media, rdf_format) in GRAPH_MEDIA.items():
            content_type, body = fetch(url, declared(query), media)
            assert content_type.startswith(media)
            assert len(sorted(str(q.triple) for q in ox.parse(body, format=rdf_format))) == len(expected)
        return
    variables = [v.value for v in result.variables]
    terms = [[row[v] for v in variables] for row in result]
    rows = sorted(_comparable(row) for row in terms)
    csv_rows = sorted(tuple("" if t is None else "_:" if isinstance(t, ox.BlankNode) else t.value for t in row) for row in terms)
    for fmt, (media, results_format) in MEDIA.items():
        content_type, body = fetch(url, declared(query), media)
        assert content_type.startswith(media), fmt
        if results_format is None:
            table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
            assert table[0] == variables
            assert sorted(tuple("_:" if cell.startswith("_:") else cell for cell in line) for line in table[1:]) == csv_rows
        else:
            parsed = ox.parse_query_results(body, format=results_format)
            assert [v.value for v in parsed.variables] == variables
            assert sorted(_comparable([solution[v] for v in variables]) for solution in parsed) == rows, fmt


def _comparable(row: list) -> tuple[str, ...]:
    """A row as strings that compare equal across stores: blank nodes (labelled per store) as ``_:``, other
    terms in their N-Triples form, unbound as ``""``."""
    return tuple("" if term is None else "_:" if isinstance(term, ox.BlankNode) else str(term) for term in row)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
@pytest.mark.parametrize("value", [True, False])
def test_ask_is_answered_in_the_format_asked(served, fmt, value):
    """ASK answers in the negotiated format with its own content type (never XML labelled CSV), and reads back."""
    url, _ = served
    media, results_format = MEDIA[fmt]
    query = "ASK { ?s a <https://w3id.org/policykg/ontology/SourceArticle> }" if value else "ASK { <x:no> <x:no> <x:no> }"
    content_type, body = fetch(url, query, media)
    assert content_type.startswith(media)
    if results_format is None:
        assert body == (b"true" if value else b"false")
    else:
        assert bool(ox.parse_query_results(body, format=results_format)) is value
