"""policykg.remote against a scripted store on loopback: cut answers found, credentials sent and never shown,
stores that fail or go away reported with the fix, and push's chunks keeping blank nodes together."""

import base64
import json
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest

from policykg.push import chunks
from policykg.remote import CutAnswer, RemoteStore, StoreError, count_query, with_prologue

from conftest import LoopbackHTTP, QuietHandler, run_cli

pytestmark = pytest.mark.server


class ScriptedStore:
    """A SPARQL endpoint on 127.0.0.1 whose answers the test sets: ``rows`` rows to any SELECT, ``total`` as the
    answer to a COUNT(*), ``asks`` to the ASK queries in turn, ``status`` to answer with instead; it records each
    request's Authorization header."""

    def __init__(self, rows: int = 3, total: int | None = None, status: int = 200, headers: dict[str, str] | None = None,
                 asks: tuple[bool, ...] = ()):
        self.rows, self.total, self.status, self.extra, self.asks = rows, total, status, headers or {}, list(asks)
        self.queries: list[str] = []
        self.authorizations: list[str | None] = []
        store = self

        class Handler(QuietHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length", 0))
                query = parse_qs(self.rfile.read(length).decode())["query"][0]
                store.queries.append(query)
                store.authorizations.append(self.headers.get("Authorization"))
                if store.status != 200:
                    self.send_response(store.status)
                    self.end_headers()
                    self.wfile.write(b"Virtuoso 37000 Error SP030: syntax error near the end")
                    return
                if query.startswith("ASK"):
                    self.answer({"head": {}, "boolean": store.asks.pop(0)})
                    return
                if "COUNT(*) AS ?rows" in query:
                    bindings = [{"rows": {"type": "literal", "value": str(store.total),
                                          "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
                    variables = ["rows"]
                else:
                    bindings = [{"s": {"type": "uri", "value": f"https://example.org/{i}"}} for i in range(store.rows)]
                    variables = ["s"]
                self.answer({"head": {"vars": variables}, "results": {"bindings": bindings}})

            def answer(self, document: dict) -> None:
                body = json.dumps(document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                for name, value in store.extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._http = LoopbackHTTP(Handler)
        self.url = self._http.base + "/sparql"

    def close(self) -> None:
        """Stop the endpoint."""
        self._http.close()


@pytest.fixture
def scripted():
    stores = []

    def make(**options) -> ScriptedStore:
        stores.append(ScriptedStore(**options))
        return stores[-1]

    yield make
    for store in stores:
        store.close()


def test_an_answer_cut_at_a_round_number_is_counted_again_and_reported(scripted):
    """10,000 rows where COUNT(*) says 12,345 (Virtuoso's ResultSetMaxRows): CutAnswer with both numbers."""
    store = scripted(rows=10_000, total=12_345)
    with pytest.raises(CutAnswer) as raised:
        RemoteStore(store.url).query("SELECT ?s WHERE { ?s ?p ?o }")
    assert (raised.value.sent, raised.value.total) == (10_000, 12_345)
    assert "cut the answer at 10,000 rows; the query's answer holds 12,345" in str(raised.value)
    assert "ResultSetMaxRows" in str(raised.value)
    assert len(list(raised.value.result)) == 10_000


def test_a_whole_answer_of_a_round_size_passes_and_other_sizes_are_not_counted(scripted):
    """1,000 rows that are the whole answer pass after one count; 999 rows are not counted at all."""
    whole = scripted(rows=1000, total=1000)
    assert len(list(RemoteStore(whole.url).query("SELECT ?s WHERE { ?s ?p ?o }"))) == 1000
    assert len(whole.queries) == 2 and "COUNT(*) AS ?rows" in whole.queries[1]
    odd = scripted(rows=999)
    assert len(list(RemoteStore(odd.url).query("SELECT ?s WHERE { ?s ?p ?o }"))) == 999
    assert len(odd.queries) == 1


def test_a_policykg_server_saying_it_cut_the_answer_is_believed(scripted):
    """X-SPARQL-Truncated: true (policykg serve's row cap) is a cut answer without a count."""
    store = scripted(rows=3, headers={"X-SPARQL-Truncated": "true"})
    with pytest.raises(CutAnswer, match="cut the answer at 3 rows; the query's answer holds more"):
        RemoteStore(store.url).query("SELECT ?s WHERE { ?s ?p ?o }")


def test_query_command_exits_4_on_a_cut_answer(scripted, built_tree, capsys, tmp_path):
    """The command line prints no partial answer: exit 4 and the reason."""
    store = scripted(rows=2000, total=2001, asks=(True, True))
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    code, out, err = run_cli("query", str(query), "--root", str(built_tree), "--store", store.url, capsys=capsys)
    assert (code, out) == (4, "")
    assert "cut the answer at 2,000 rows; the query's answer holds 2,001" in err


def test_count_query_keeps_the_prologue_outside():
    """PREFIX and BASE lines and comments stay before the counting SELECT; the query goes inside whole."""
    text = "# a comment\nPREFIX pk: <https://w3id.org/policykg/ontology/>\nBASE <http://x/>\nSELECT DISTINCT ?s WHERE { ?s a pk:Project } ORDER BY ?s"
    counted = count_query(text)
    assert counted.startswith("# a comment\nPREFIX pk: <https://w3id.org/policykg/ontology/>\nBASE <http://x/>")
    assert counted.endswith("SELECT (COUNT(*) AS ?rows) WHERE {\nSELECT DISTINCT ?s WHERE { ?s a pk:Project } ORDER BY ?s\n}")
    assert ox.Store().query(counted) is not None
    assert with_prologue("ASK {}", {"pk": "https://w3id.org/policykg/ontology/"}, "http://b/") == (
        "BASE <http://b/>\nPREFIX pk: <https://w3id.org/policykg/ontology/>\nASK {}")


def test_credentials_go_to_the_store_and_never_into_a_message(scripted, monkeypatch, tmp_path):
    """From the environment, then netrc; sent as Basic auth; an error shows the URL without them."""
    store = scripted(rows=1)
    monkeypatch.setenv("POLICYKG_STORE_USER", "analyst")
    monkeypatch.setenv("POLICYKG_STORE_PASSWORD", "s3cret-word")
    RemoteStore(store.url).query("SELECT ?s WHERE { ?s ?p ?o }")
    assert store.authorizations[-1] == "Basic " + base64.b64encode(b"analyst:s3cret-word").decode()
    monkeypatch.delenv("POLICYKG_STORE_USER")
    monkeypatch.delenv("POLICYKG_STORE_PASSWORD")
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login curator password n3trc-word\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    RemoteStore(store.url).query("SELECT ?s WHERE { ?s ?p ?o }")
    assert store.authorizations[-1] == "Basic " + base64.b64encode(b"curator:n3trc-word").decode()
    refusing = scripted(status=401)
    with pytest.raises(StoreError) as raised:
        RemoteStore(refusing.url.replace("http://", "http://someone:pa55word@")).query("ASK {}")
    message = str(raised.value)
    assert "pa55word" not in message and "someone" not in message and "n3trc-word" not in message
    assert "answered 401" in message and "POLICYKG_STORE_USER" in message
    assert refusing.authorizations[-1] == "Basic " + base64.b64encode(b"someone:pa55word").decode()


def test_a_store_that_refuses_or_is_gone_is_an_error_with_the_fix(scripted, built_tree, capsys):
    """An HTTP error shows the store's own message; a closed port says the store is not reachable; exit 4."""
    refusing = scripted(status=400)
    with pytest.raises(StoreError, match="answered 400 Bad Request to POST: Virtuoso 37000 Error SP030"):
        RemoteStore(refusing.url).query("ASK {}")
    gone = scripted()
    gone.close()
    code, out, err = run_cli("query", "projects", "--root", str(built_tree), "--store", gone.url, capsys=capsys)
    assert code == 4 and out == ""
    assert f"cannot reach the store at {gone.url}" in err and "fix: check the URL and that the store is running" in err


@pytest.mark.parametrize("asks, message", [
    ((True, False), "does not show the named graphs (the articles), so the named queries would miss facts"),
    ((False, True), "does not show the stored default graph (the ontology and reference data)"),
    ((False, False), "holds no policykg graph\n  fix: push it first"),
])
def test_a_store_without_the_union_default_graph_is_refused_with_the_fix(scripted, built_tree, capsys, asks, message):
    """query --store checks that the store's default graph shows both the stored default graph and the articles."""
    store = scripted(asks=asks)
    code, out, err = run_cli("query", "projects", "--root", str(built_tree), "--store", store.url, capsys=capsys)
    assert (code, out) == (4, "")
    assert message in err


def test_chunks_keep_triples_sharing_a_blank_node_together():
    """A chunk never splits the triples linked by blank nodes; every triple is in exactly one chunk."""
    node = ox.NamedNode("https://example.org/n")
    b1, b2, b3 = ox.BlankNode("b1"), ox.BlankNode("b2"), ox.BlankNode("b3")
    triples = [ox.Triple(node, node, ox.Literal(str(i))) for i in range(5)]
    triples += [ox.Triple(node, node, b1), ox.Triple(b1, node, b2), ox.Triple(b2, node, ox.Literal("x")),
                ox.Triple(b3, node, ox.Literal("y")), ox.Triple(b3, node, ox.Literal("z"))]
    parts = chunks(triples, 2)
    assert sorted(map(str, (t for part in parts for t in part))) == sorted(map(str, triples))
    for part in parts:
        blanks = {t.value for triple in part for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)}
        assert not blanks or blanks in ({"b1", "b2"}, {"b3"})
    assert [len(part) for part in parts] == [2, 2, 1, 3, 2]  # five plain triples by two, then each blank-node group whole
