"""The worker's request handling without HTTP: every failure of a query becomes an answer."""

import pyoxigraph as ox

from policykg.workers import Request, execute


def test_an_error_while_rows_are_read_is_a_400_not_a_dead_worker(monkeypatch):
    """An exception raised by the engine while the answer's rows are read and written is answered 400 with its message."""
    def failing_write(result, fmt, max_rows=None):
        next(iter(result))
        raise OSError("the store went away while rows were read")

    monkeypatch.setattr("policykg.workers.results.write_result", failing_write)
    answer = execute(ox.Store(), Request("SELECT ?x WHERE { VALUES ?x { 1 2 } }", "application/sparql-results+json", 10))
    assert answer.status == 400
    assert answer.body == b"query failed: the store went away while rows were read\n"


def test_a_refused_query_never_reaches_the_store():
    """SERVICE is refused by the guard before the store is asked anything."""

    class Untouchable:
        def query(self, *args, **kwargs):
            raise AssertionError("the store was asked")

    answer = execute(Untouchable(), Request("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }"))
    assert (answer.status, answer.body) == (400, b"SERVICE is refused: this endpoint makes no outbound requests\n")


def test_relative_iris_resolve_against_the_base():
    """A relative IRI in a query resolves against the request's base IRI (the endpoint's URL)."""
    answer = execute(ox.Store(), Request("SELECT ?x WHERE { BIND(<a> AS ?x) }", "text/csv", 10, base_iri="http://127.0.0.1:8000/sparql"))
    assert answer.status == 200
    assert answer.body == b"x\r\nhttp://127.0.0.1:8000/a\r\n"
