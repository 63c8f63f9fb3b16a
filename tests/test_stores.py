"""policykg against real SPARQL stores (issue 17): Oxigraph server and Virtuoso, started on loopback by the
tests (tests/stores.py) and stopped after.

For each store: ``policykg push`` loads the built graph, every named query's case gives its reviewed answer
(tests/expected/) through the SPARQL 1.1 Protocol, pushing twice leaves the store as pushing once,
``query --store`` and ``serve --store`` answer as over the built graph, behind the same guards.
"""

import os
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from policykg.remote import RemoteStore
from policykg.push import NAMED_DEFAULT_GRAPH, STAGING

from conftest import LoopbackHTTP, QuietHandler, run_script, start_server, stop_server
from listener import CountingListener
from query_cases import CASES
from stores import missing_oxigraph, missing_virtuoso, start_oxigraph, start_virtuoso, stop_store
from test_queries import EXPECTED, answer

pytestmark = [pytest.mark.store, pytest.mark.server]

STORES = {"oxigraph": (missing_oxigraph, start_oxigraph), "virtuoso": (missing_virtuoso, start_virtuoso)}
#: What push needs for each store: Virtuoso keeps no default graph of its own (its default graph is the
#: union of its named graphs), and refuses an insert of more than about 1,400 triples.
PUSH_OPTIONS = {"oxigraph": (), "virtuoso": ("--named-default-graph", "--chunk-size", "1000")}
#: Graphs under this prefix are the dataset's (or a test's); a store may hold graphs of its own (Virtuoso's virtrdf#).
HENGYANG = "https://w3id.org/policykg/hengyang/"


def require_store(name: str) -> None:
    """Skip (or fail under POLICYKG_REQUIRE_ALL=1) when store ``name`` cannot be started here."""
    reason = STORES[name][0]()
    if reason is None:
        return
    message = f"{name} is not available: {reason} (CI installs it: tests/install-stores.sh)"
    if os.environ.get("POLICYKG_REQUIRE_ALL") == "1":
        pytest.fail(message + " but POLICYKG_REQUIRE_ALL=1 forbids skipping")
    pytest.skip(message)


def push(root, store, *options: str):
    """``policykg push`` of the built graph under ``root`` into ``store``, run as a user would."""
    return run_script("-m", "policykg", "push", "--root", str(root), "--store", store.query_url,
                      "--graph-store", store.graph_store_url, *PUSH_OPTIONS[store.name], *options)


def graph_counts(store) -> dict[str, int]:
    """The triples of each named graph of ``store`` under :data:`HENGYANG` but the named default graph, and of
    its default graph as queries see it (key '')."""
    remote = RemoteStore(store.query_url)
    rows = remote.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row[0].value: int(row[1].value) for row in rows
              if row[0].value.startswith(HENGYANG) and row[0].value != NAMED_DEFAULT_GRAPH or row[0].value.startswith(STAGING)}
    counts[""] = int(next(iter(remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
    return counts


def dataset_counts(root) -> dict[str, int]:
    """The triples of each named graph of the built dataset."""
    counts: dict[str, int] = {}
    for quad in ox.parse(path=str(root / "dist" / "graph.nq"), format=ox.RdfFormat.N_QUADS):
        if isinstance(quad.graph_name, ox.NamedNode):
            counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


@pytest.fixture(scope="module", params=sorted(STORES))
def pushed(request, built_tree, tmp_path_factory):
    """A store of each kind, started on loopback, with the built graph pushed into it once."""
    require_store(request.param)
    store = STORES[request.param][1](tmp_path_factory.mktemp(request.param))
    try:
        result = push(built_tree, store)
        assert result.returncode == 0, result.stderr
        store.push_output = result.stdout
        yield store
    finally:
        stop_store(store)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_named_query_gives_its_reviewed_answer_from_the_store(pushed, case):
    """After a push, each query case answered by the store through the Protocol equals tests/expected/."""
    name, params = CASES[case]
    text, suffix = answer(RemoteStore(pushed.query_url), name, params)
    assert text == (EXPECTED / f"{case}.{suffix}").read_text(encoding="utf-8")


def test_push_reports_what_it_sent_and_what_the_store_holds(pushed, built_tree):
    """The summary lists each graph with the triples sent and held (equal), and the store holds exactly them."""
    sent = dataset_counts(built_tree)
    rows = {line.split()[0]: line.split()[1:] for line in pushed.push_output.splitlines()[2:] if line.startswith("  https")}
    assert {graph: int(numbers[0].replace(",", "")) for graph, numbers in rows.items()} == sent
    assert all(numbers[0] == numbers[1] for numbers in rows.values())
    held = graph_counts(pushed)
    assert {graph: count for graph, count in held.items() if graph} == sent


def test_pushing_twice_leaves_the_store_as_pushing_once(pushed, built_tree):
    """A second push replaces each graph by the same triples: every count is as before, no staging graph is left."""
    before = graph_counts(pushed)
    result = push(built_tree, pushed)
    assert result.returncode == 0, result.stderr
    after = graph_counts(pushed)
    assert after == before
    assert not any(graph.startswith(STAGING) for graph in after)
    text, _ = answer(RemoteStore(pushed.query_url), "support-per-source", {})
    assert text == (EXPECTED / "support-per-source.csv").read_text(encoding="utf-8")


def test_replace_drops_only_policykg_graphs_the_dataset_does_not_have(pushed, built_tree):
    """Without --replace a withdrawn article's graph is left and named; with it, it is dropped, and a graph of
    another namespace (another project's, the store's own) is left either way."""
    withdrawn, foreign = HENGYANG + "source/999", "https://example.org/someone-elses-graph"
    for graph in (withdrawn, foreign):
        update(pushed, f"INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/a> <https://example.org/b> 1 }} }}")
    kept = push(built_tree, pushed)
    assert kept.returncode == 0, kept.stderr
    assert "other graphs of the store as they were (--replace drops those under https://w3id.org/policykg/)" in kept.stdout
    assert withdrawn in kept.stdout and foreign in kept.stdout
    replaced = push(built_tree, pushed, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert f"dropped 1 graphs of policykg's that the dataset does not have (--replace): {withdrawn}" in replaced.stdout
    assert set(graph_counts(pushed)) - {""} == set(dataset_counts(built_tree))
    assert RemoteStore(pushed.query_url).query(f"ASK {{ GRAPH <{foreign}> {{ ?s ?p ?o }} }}")
    update(pushed, f"DROP SILENT GRAPH <{foreign}>")


def test_query_command_against_the_store_prints_what_it_prints_over_the_built_graph(pushed, built_tree):
    """``policykg query NAME --store URL`` gives the same bytes as over dist/graph.nq, table and csv."""
    for options in (["projects", "--format", "csv"], ["entity-facts", "--param", "entity=万魔声学智造群项目"], ["targets"]):
        command = ["query", *options] if options[0] != "targets" else options
        local = run_script("-m", "policykg", *command, "--root", str(built_tree))
        remote = run_script("-m", "policykg", *command, "--root", str(built_tree), "--store", pushed.query_url)
        assert remote.returncode == 0, remote.stderr
        assert (remote.stdout, remote.stderr) == (local.stdout, local.stderr)


def test_serve_in_front_of_the_store_keeps_every_guard(pushed, built_tree):
    """``serve --store``: SERVICE refused before it leaves (no connection made), updates refused, the row cap
    marked, answers equal to the store's, and the workbench's pages drawn from the store."""
    process, url = start_server(built_tree, "--store", pushed.query_url, "--max-rows", "5")
    listener = CountingListener()
    try:
        status, _, body = get(url + "sparql?" + urllib.parse.urlencode(
            {"query": f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"}))
        assert (status, body.strip()) == (400, b"SERVICE is refused: this endpoint makes no outbound requests")
        assert listener.connections == 0
        status, _, body = get(url + "sparql", data={"update": "CLEAR ALL"})
        assert (status, body.strip()) == (403, b"updates are not allowed: this endpoint is read-only")
        assert graph_counts(pushed)[""] > 10_000
        status, headers, body = get(url + "sparql?" + urllib.parse.urlencode(
            {"query": "SELECT ?s WHERE { ?s a <https://w3id.org/policykg/ontology/Project> } ORDER BY ?s"}),
            accept="text/csv")
        assert status == 200
        assert (headers["x-sparql-truncated"], headers["x-sparql-max-rows"]) == ("true", "5")
        assert len(body.decode().strip().splitlines()) == 6
        status, _, body = get(url + "entity/project:wanmo-acoustics-smart-manufacturing")
        assert status == 200 and "万魔声学智造群项目".encode() in body
        status, _, body = get(url + "view")
        assert status == 200 and b"vis-network" in body
    finally:
        listener.close()
        stop_server(process)


class DyingProxy:
    """A loopback HTTP proxy in front of a store that forwards requests until the ``dies_at``-th to a path
    starting with ``counted``, which it drops without an answer, as a store that goes away mid-push; it
    answers nothing after that."""

    def __init__(self, target: str, counted: str, dies_at: int):
        self.requests, self.dies_at, self.dead = 0, dies_at, False
        proxy = self

        class Handler(QuietHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                proxy.requests += self.path.startswith(counted)
                proxy.dead = proxy.dead or proxy.requests >= proxy.dies_at
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if proxy.dead:
                    self.close_connection = True
                    return
                forwarded = urllib.request.Request(target + self.path, data=body, method="POST", headers={
                    name: self.headers[name] for name in ("Content-Type", "Accept") if self.headers[name]})
                try:
                    with urllib.request.urlopen(forwarded, timeout=60) as answer:
                        status, content_type, data = answer.status, answer.headers.get("Content-Type", ""), answer.read()
                except urllib.error.HTTPError as error:
                    status, content_type, data = error.code, error.headers.get("Content-Type", ""), error.read()
                self.send_response(status)
                self.send_header("Content-Type", content_type or "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._http = LoopbackHTTP(Handler)
        self.url = self._http.base

    def close(self) -> None:
        """Stop the proxy."""
        self._http.close()


def test_a_store_that_goes_away_mid_push_leaves_every_graph_whole(built_tree, tmp_path):
    """Oxigraph holds the built graph; a push of a changed dataset (one more triple in each named graph) through a
    proxy that dies mid-push exits 4 naming where it stopped, and each graph then holds either all of its old
    triples or all of its new ones; pushing again finishes the job and drops the staging graph left behind."""
    require_store("oxigraph")
    store = start_oxigraph(tmp_path / "store")
    proxy = None
    try:
        assert push(built_tree, store).returncode == 0
        old = graph_counts(store)
        marker = "<https://example.org/pushed> <https://example.org/in> \"{}\" <{}> .\n"
        changed = tmp_path / "changed.nq"
        changed.write_text((built_tree / "dist" / "graph.nq").read_text(encoding="utf-8")
                           + "".join(marker.format(graph, graph) for graph in sorted(dataset_counts(built_tree))), encoding="utf-8")
        # the 25th chunk of 500 triples falls in the third graph: the first two are replaced, the third is half staged
        proxy = DyingProxy(store.query_url.rsplit("/", 1)[0], counted="/store", dies_at=25)
        base = proxy.url
        result = run_script("-m", "policykg", "push", "--graph", str(changed), "--store", base + "/query",
                            "--graph-store", base + "/store", "--chunk-size", "500")
        assert result.returncode == 4, result.stderr
        assert ("push stopped at https://w3id.org/policykg/hengyang/source/000 (graph 3 of 7): the 2 graphs before it "
                "were replaced") in result.stderr
        assert "it and the graphs after it are as they were" in result.stderr
        now = graph_counts(store)
        remote = RemoteStore(store.query_url)
        replaced = 0
        for graph in dataset_counts(built_tree):
            has_marker = remote.query(f"ASK {{ GRAPH <{graph}> {{ <https://example.org/pushed> ?p ?o }} }}")
            assert now[graph] == (old[graph] + 1 if has_marker else old[graph]), graph
            replaced += bool(has_marker)
        assert replaced == 1  # hy:inferred (the default graph, replaced too, has no marker)
        assert any(graph.startswith(STAGING) for graph in now)
        again = run_script("-m", "policykg", "push", "--graph", str(changed), "--store", store.query_url,
                           "--graph-store", store.graph_store_url)
        assert again.returncode == 0, again.stderr
        final = graph_counts(store)
        assert not any(graph.startswith(STAGING) for graph in final)
        assert all(final[graph] == old[graph] + 1 for graph in dataset_counts(built_tree))
    finally:
        if proxy:
            proxy.close()
        stop_store(store)


def test_serve_with_a_store_and_a_graph_relays_the_endpoint_and_reads_the_graph_for_pages(pushed, built_tree):
    """``serve --store URL --graph FILE``: /sparql answers from the store (a fact only the store holds), the pages
    from the built graph."""
    only_in_store = "https://example.org/only-in-the-store"
    update(pushed, f"INSERT DATA {{ GRAPH <{only_in_store}> {{ <{only_in_store}> a <https://example.org/Thing> }} }}")
    process, url = start_server(built_tree, "--store", pushed.query_url, "--graph", str(built_tree / "dist" / "graph.nq"))
    try:
        status, _, body = get(url + "sparql?" + urllib.parse.urlencode({"query": f"ASK {{ <{only_in_store}> ?p ?o }}"}))
        assert (status, b'"boolean":true' in body) == (200, True)
        status, _, body = get(url + "search.json?" + urllib.parse.urlencode({"q": "万魔"}))
        assert status == 200 and "万魔声学智造群项目" in body.decode()
    finally:
        stop_server(process)
        update(pushed, f"DROP SILENT GRAPH <{only_in_store}>")


def update(store, text: str) -> None:
    """Run a SPARQL Update on ``store`` directly."""
    body = urllib.parse.urlencode({"update": text}).encode()
    urllib.request.urlopen(urllib.request.Request(store.update_url, data=body, method="POST",
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"}), timeout=30).read()


def get(url: str, accept: str = "*/*", data: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """A GET (or, with ``data``, a form POST) to a server on loopback: status, headers (lower-case names) and body."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
