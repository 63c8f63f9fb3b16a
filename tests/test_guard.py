"""The query guard and the workers' network confinement, each tried alone against a loopback listener."""

import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest

from listener import CountingListener
from policykg.guard import check_query
from service_spellings import service_queries

FUZZ_COUNT = 300


@pytest.fixture
def listener():
    """A loopback listener counting the connections an outbound SERVICE call would make."""
    counting = CountingListener()
    yield counting
    counting.close()


def _run(store: ox.Store, query: str) -> None:
    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        bool(result)
    else:
        list(result)


def test_raw_pyoxigraph_follows_service(listener):
    """Without the guard, pyoxigraph calls the listener: the fuzz test below can fail."""
    _run(ox.Store(), f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?a ?b ?c }} }}")
    assert listener.connections == 1


def test_fuzzed_service_spellings_are_all_refused_and_none_connects(listener):
    """Every seeded SERVICE spelling is refused by the guard, and none that it let through would connect."""
    store = ox.Store()
    allowed = []
    for query in service_queries(listener.url, FUZZ_COUNT):
        verdict = check_query(query)
        assert verdict.status == 400, query
        if verdict.allowed:
            allowed.append(query)
            try:
                _run(store, query)
            except (OSError, SyntaxError, RuntimeError):
                pass
    assert allowed == []
    assert listener.connections == 0


@pytest.mark.parametrize("query", [
    pytest.param("SELECT * { ?s ?p ?o #x\rSERVICE <http://127.0.0.1:9/> { ?a ?b ?c }\n }", id="comment-ended-by-cr"),
    pytest.param("PREFIX pk: <x:> SELECT * { ?s pk:rank 1SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }", id="integer-glued"),
    pytest.param("PREFIX pk: <x:> SELECT * { ?s pk:rank 1.0SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }", id="decimal-glued"),
    pytest.param("PREFIX pk: <x:> SELECT * { ?s pk:rank 1SERVICE SILENT <http://127.0.0.1:9/> { ?a ?b ?c } }", id="silent-glued"),
    pytest.param("SELECT * { ?s ?p ?o . FILTER EXISTS { SERVICE ?x { ?a ?b ?c } } }", id="inside-exists"),
    pytest.param("SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }", id="unicode-escaped-keyword"),
])
def test_the_reported_bypasses_are_refused(query):
    """The spellings that fooled the old regex are refused from the parsed query."""
    assert check_query(query).status == 400


@pytest.mark.parametrize("query", [
    pytest.param("SELECT ?service WHERE { ?service ?p ?o } LIMIT 1", id="variable-named-service"),
    pytest.param("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }", id="property-named-service"),
    pytest.param('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }', id="service-in-a-string"),
    pytest.param("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }", id="service-in-a-comment"),
])
def test_service_as_a_name_still_works(query):
    """Words spelt like the keyword but not the keyword are allowed."""
    assert check_query(query).allowed


def test_update_is_told_apart_from_a_syntax_error():
    """An update sent as a query is 403 (read-only), not 400."""
    assert check_query("DELETE WHERE { ?s ?p ?o }").status == 403
    assert check_query("SELECT WHERE").status == 400


def test_syntax_error_names_line_and_column_with_a_caret():
    """A syntax error is line:column (where the parser's last good group ends) with the line and a caret, not its lists of expectations."""
    message = check_query("SELECT ?s\nWHERE { ?s ?p }").message
    assert message == "SPARQL syntax error: line 2, column 9: unexpected '?s ?p }'\n    WHERE { ?s ?p }\n            ^"


def test_deep_nesting_is_refused_not_crashed():
    """Five thousand nested parentheses are a 400, not a crash."""
    assert check_query("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }").status == 400


_CONFINED = textwrap.dedent("""
    import sys, pyoxigraph as ox
    from policykg import sandbox
    how = sandbox._seccomp_deny_sockets() and "seccomp filter" if sys.argv[2] == "seccomp" else sandbox.deny_network()
    assert how, "no confinement"
    try:
        list(ox.Store().query("SELECT * WHERE { SERVICE <" + sys.argv[1] + "> { ?a ?b ?c } }"))
    except OSError as error:
        print("refused:", type(error).__name__)
    print(how)
""")


@pytest.mark.parametrize("mechanism", ["default", "seccomp"])
def test_confined_worker_cannot_connect_even_with_service(listener, mechanism):
    """In a process confined by the sandbox, a SERVICE that reaches pyoxigraph opens no connection."""
    result = subprocess.run([sys.executable, "-c", _CONFINED, listener.url, mechanism],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("refused: ")
    assert listener.connections == 0
