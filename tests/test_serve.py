"""The SPARQL endpoint over real HTTP on loopback, with SPARQLWrapper as the client."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from conftest import ROOT, start_server, stop_server

COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def built_root(built_tree) -> Path:
    return built_tree


@pytest.fixture(scope="module")
def endpoint(built_root):
    """A server with a short timeout and a small row cap, for the whole module."""
    process, url = start_server(built_root, "--timeout", "3", "--max-rows", "50")
    yield url
    stop_server(process)


def client(url: str, query: str, fmt=JSON, method="GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def expected_triple_count(root: Path) -> int:
    report = json.loads((root / "dist" / "report.json").read_text(encoding="utf-8"))
    return report["triples"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_answers_json(endpoint, built_root, method):
    """A SELECT over GET or POST answers SPARQL JSON with the union graph's triple count."""
    result = client(endpoint, COUNT_TRIPLES, method=method).queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == expected_triple_count(built_root)


def test_select_answers_xml_and_csv(endpoint, built_root):
    """Content negotiation gives SPARQL XML and CSV for the same query."""
    xml = client(endpoint, COUNT_TRIPLES, XML).queryAndConvert()
    assert xml.getElementsByTagName("literal")[0].firstChild.data == str(expected_triple_count(built_root))
    csv = client(endpoint, COUNT_TRIPLES, CSV).queryAndConvert()
    assert csv.decode().split("\r\n")[:2] == ["n", str(expected_triple_count(built_root))]


def test_tsv_by_accept_header(endpoint, built_root):
    """An Accept header for TSV gives tab-separated values with N-Triples terms."""
    request = urllib.request.Request(endpoint + "sparql?query=" + urllib.parse.quote(COUNT_TRIPLES),
                                     headers={"Accept": "text/tab-separated-values"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
    assert body.split("\n")[0] == "?n"
    assert body.split("\n")[1] == str(expected_triple_count(built_root))  # an xsd:integer in its short form


def test_construct_answers_turtle(endpoint):
    """A CONSTRUCT answers Turtle that rdflib parses."""
    query = "PREFIX pk: <https://w3id.org/policykg/ontology/> CONSTRUCT { ?s a pk:SourceArticle } WHERE { ?s a pk:SourceArticle }"
    graph = client(endpoint, query, TURTLE).queryAndConvert()
    import rdflib

    parsed = rdflib.Graph().parse(data=graph, format="turtle")
    assert len(parsed) == 5


def test_update_is_refused_with_403(endpoint):
    """An update, over the update content type or the update form field, is answered 403 and changes nothing."""
    sparql = SPARQLWrapper(endpoint + "sparql")
    sparql.setMethod("POST")
    sparql.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    form = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(urllib.request.Request(endpoint + "sparql", data=form), timeout=10)
    assert error.value.code == 403


def test_service_is_refused(endpoint):
    """A query using SERVICE is refused before it runs, so the server never calls out."""
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryBadFormed) as error:
        client(endpoint, query).query()
    assert "SERVICE is refused" in str(error.value)


def test_runaway_query_is_stopped_and_the_server_keeps_answering(endpoint, built_root):
    """A query past the timeout is answered 503 within bounded time, and the next query is answered normally."""
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as error:
        client(endpoint, runaway).query()
    assert error.value.code == 503
    assert "timeout of 3 s" in error.value.read().decode()
    assert time.monotonic() - started < 20
    result = client(endpoint, COUNT_TRIPLES).queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == expected_triple_count(built_root)


def test_rows_are_capped_and_the_cap_is_stated(endpoint):
    """An answer holds at most --max-rows rows and says so in its headers."""
    request = urllib.request.Request(endpoint + "sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }"),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.loads(response.read())
        assert response.headers["X-SPARQL-Max-Rows"] == "50"
        assert response.headers["X-SPARQL-Truncated"] == "true"
    assert len(body["results"]["bindings"]) == 50


def test_no_cors_header_unless_asked(endpoint, built_root):
    """Without --cors there is no Access-Control-Allow-Origin; with --cors ORIGIN there is exactly that origin."""
    with urllib.request.urlopen(endpoint + "sparql?query=" + urllib.parse.quote(COUNT_TRIPLES), timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] is None
    process, url = start_server(built_root, "--cors", "https://newsroom.example")
    try:
        with urllib.request.urlopen(url + "sparql?query=" + urllib.parse.quote(COUNT_TRIPLES), timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    finally:
        stop_server(process)


def test_the_workbench_and_the_editor_offer_every_named_query(endpoint):
    """GET /queries links every named query's form; GET /sparql without a query is the editor, offering each as an example."""
    with urllib.request.urlopen(endpoint + "queries", timeout=10) as response:
        forms = response.read().decode()
    with urllib.request.urlopen(endpoint + "sparql", timeout=10) as response:
        editor = response.read().decode()
    for path in (ROOT / "queries").glob("*.rq"):
        assert f'<a href="/query/{path.stem}">{path.stem}</a>' in forms
        assert f'data-example="{path.stem}"' in editor


def test_syntax_error_is_a_400_with_the_position(endpoint):
    """A malformed query is answered 400 naming where it is wrong."""
    with pytest.raises(QueryBadFormed) as error:
        client(endpoint, "SELECT ?s WHERE { ?s ?p ").query()
    assert "line 1, column" in str(error.value) and "^" in str(error.value)


def test_listens_on_loopback_by_default(endpoint):
    """The default address is 127.0.0.1."""
    assert endpoint.startswith("http://127.0.0.1:")
