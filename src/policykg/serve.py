"""A SPARQL 1.1 Protocol endpoint over the built graph, hardened for a laptop or a newsroom server.

- Queries run in a worker process that holds the graph; a query past ``--timeout`` is stopped by
  ending the worker (a new one takes over) and answered 503, and the server keeps answering.
- Updates are refused (403); ``SERVICE`` is refused (400), so the server never makes an outbound
  request; results are capped at ``--max-rows``, and every response states the cap
  (``X-SPARQL-Max-Rows``) and whether it cut the result (``X-SPARQL-Truncated``).
- Bound to 127.0.0.1 unless told otherwise; no CORS header unless ``--cors ORIGIN``.
- ``GET /`` is a small query page with the named queries as examples; ``GET /view`` the network view.
"""

import html
import json
import multiprocessing
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

import pyoxigraph as ox

from .namespaces import PREFIXES
from .query import json_term, named_queries

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt"}
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_STRINGS_AND_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, content type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def uses_service(query: str) -> bool:
    """True when the query (outside strings, IRIs and comments) uses SERVICE.

    >>> uses_service('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_STRINGS_AND_COMMENTS.sub(" ", query)))


# ---------------------------------------------------------------------------------------------------
# The worker: holds the graph, runs one query at a time
# ---------------------------------------------------------------------------------------------------

def _worker(graph_path: str, connection) -> None:
    store = ox.Store()
    store.bulk_load(path=graph_path, format=ox.RdfFormat.N_QUADS)
    connection.send("ready")
    while True:
        query, accept, max_rows = connection.recv()
        connection.send(execute(store, query, accept, max_rows))


def execute(store: ox.Store, query: str, accept: str, max_rows: int) -> Answer:
    """Run ``query`` on ``store`` (union default graph) and serialise at most ``max_rows`` rows as ``accept`` asks."""
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as error:
        return Answer(400, "text/plain; charset=utf-8", f"SPARQL syntax error: {error}\n".encode())
    except Exception as error:  # evaluation errors are the client's query's, reported as such
        return Answer(400, "text/plain; charset=utf-8", f"query failed: {error}\n".encode())
    if isinstance(result, ox.QueryBoolean):
        fmt = _negotiate(accept, SELECT_TYPES, "json")
        body = json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{str(bool(result)).lower()}</boolean></sparql>")
        return Answer(200, _content_type(fmt), body.encode())
    if isinstance(result, ox.QueryTriples):
        fmt = _negotiate(accept, GRAPH_TYPES, "ttl")
        triples = _take(result, max_rows)
        data = ox.serialize(triples[:max_rows], format=ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES,
                            prefixes=PREFIXES if fmt == "ttl" else None)
        return Answer(200, _content_type(fmt), data, truncated=len(triples) > max_rows)
    fmt = _negotiate(accept, SELECT_TYPES, "json")
    variables = [v.value for v in result.variables]
    rows = _take(result, max_rows)
    body = SERIALISERS[fmt](variables, rows[:max_rows])
    return Answer(200, _content_type(fmt), body.encode("utf-8"), truncated=len(rows) > max_rows)


def _take(iterator, max_rows: int) -> list:
    rows = []
    for row in iterator:
        rows.append(row)
        if len(rows) > max_rows:
            break
    return rows


def _negotiate(accept: str, types: dict[str, str], default: str) -> str:
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in types:
            return types[media]
    return default


def _content_type(fmt: str) -> str:
    return {
        "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv; charset=utf-8",
        "tsv": "text/tab-separated-values; charset=utf-8", "ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples",
    }[fmt]


def _json(variables, rows) -> str:
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": [
        {v: json_term(row[v]) for v in variables if row[v] is not None} for row in rows]}}, ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f'<literal xml:lang="{escape(term.language)}">{escape(term.value)}</literal>'
    return f'<literal datatype="{escape(term.datatype.value)}">{escape(term.value)}</literal>'


def _xml(variables, rows) -> str:
    head = "".join(f'<variable name="{escape(v)}"/>' for v in variables)
    results = "".join(
        "<result>" + "".join(f'<binding name="{escape(v)}">{_xml_term(row[v])}</binding>' for v in variables if row[v] is not None) + "</result>"
        for row in rows)
    return f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}</head><results>{results}</results></sparql>\n'


def _csv_value(term) -> str:
    if term is None:
        return ""
    text = term.value
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


def _csv(variables, rows) -> str:
    return "\r\n".join([",".join(variables)] + [",".join(_csv_value(row[v]) for v in variables) for row in rows]) + "\r\n"


def _tsv(variables, rows) -> str:
    return "\n".join(["\t".join("?" + v for v in variables)] + ["\t".join(str(row[v]) if row[v] is not None else "" for v in variables) for row in rows]) + "\n"


SERIALISERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


class QueryRunner:
    """Runs queries in a worker process, one at a time, stopping (and replacing) the worker on timeout."""

    def __init__(self, graph: Path, timeout: float):
        self._graph, self._timeout = graph, timeout
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        self._connection, child = self._context.Pipe()
        self._process = self._context.Process(target=_worker, args=(str(self._graph), child), daemon=True)
        self._process.start()
        child.close()
        if self._connection.recv() != "ready":
            raise RuntimeError("the query worker did not start")

    def run(self, query: str, accept: str, max_rows: int) -> Answer:
        """Answer one query, or a 503 if it runs past the timeout."""
        with self._lock:
            self._connection.send((query, accept, max_rows))
            if self._connection.poll(self._timeout):
                return self._connection.recv()
            self._process.kill()
            self._process.join()
            self._start()
            return Answer(503, "text/plain; charset=utf-8",
                          f"the query ran past the server's timeout of {self._timeout:g} s and was stopped; "
                          "narrow it (a LIMIT, fewer unbound patterns) and try again\n".encode())

    def close(self) -> None:
        """Stop the worker."""
        self._process.kill()
        self._process.join()


# ---------------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------------

@dataclass
class Settings:
    """What the handler needs: the runner, the limits, the pages."""

    runner: QueryRunner
    max_rows: int
    cors: str | None
    queries_dir: Path
    view: Path


def make_handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class bound to ``settings``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "policykg"

        def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
            pass

        def do_GET(self):  # noqa: N802 - the standard library's name
            url = urlparse(self.path)
            params = parse_qs(url.query)
            if url.path == "/sparql":
                if "update" in params:
                    return self._refuse_update()
                return self._query(params.get("query", [""])[0])
            if url.path == "/":
                return self._send(Answer(200, "text/html; charset=utf-8", query_page(settings.queries_dir)))
            if url.path == "/view" and settings.view.is_file():
                return self._send(Answer(200, "text/html; charset=utf-8", settings.view.read_bytes()))
            return self._send(Answer(404, "text/plain; charset=utf-8", b"not found: try / or /sparql or /view\n"))

        def do_POST(self):  # noqa: N802
            url = urlparse(self.path)
            if url.path != "/sparql":
                return self._send(Answer(404, "text/plain; charset=utf-8", b"not found: POST to /sparql\n"))
            length = int(self.headers.get("Content-Length") or 0)
            if length > 1_000_000:
                return self._send(Answer(413, "text/plain; charset=utf-8", b"query too large (over 1 MB)\n"))
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if content_type == "application/sparql-update":
                return self._refuse_update()
            if content_type == "application/sparql-query":
                return self._query(body)
            params = parse_qs(body)
            if "update" in params:
                return self._refuse_update()
            return self._query(params.get("query", [""])[0])

        def do_OPTIONS(self):  # noqa: N802
            self._send(Answer(204, "text/plain", b""))

        def _refuse_update(self):
            self._send(Answer(403, "text/plain; charset=utf-8", b"updates are not allowed: this endpoint is read-only\n"))

        def _query(self, query: str):
            if not query.strip():
                return self._send(Answer(400, "text/plain; charset=utf-8", b"no query: pass ?query=... (SPARQL 1.1 Protocol)\n"))
            if uses_service(query):
                return self._send(Answer(400, "text/plain; charset=utf-8",
                                         b"SERVICE is refused: this endpoint makes no outbound requests\n"))
            self._send(settings.runner.run(query, self.headers.get("Accept", ""), settings.max_rows))

        def _send(self, answer: Answer):
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("X-SPARQL-Max-Rows", str(settings.max_rows))
            self.send_header("X-SPARQL-Truncated", "true" if answer.truncated else "false")
            self.send_header("X-Content-Type-Options", "nosniff")
            if settings.cors:
                self.send_header("Access-Control-Allow-Origin", settings.cors)
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                self.send_header("Access-Control-Expose-Headers", "X-SPARQL-Max-Rows, X-SPARQL-Truncated")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)

    return Handler


def query_page(queries_dir: Path) -> bytes:
    """The query page: a form posting to /sparql, and each named query as an example to load into it."""
    examples = []
    for query in named_queries(queries_dir):
        examples.append(
            f'<li><a href="#" data-query="{html.escape(query.text, quote=True)}">{html.escape(query.name)}</a> — '
            f'{html.escape(query.header.get("zh", ""))} / {html.escape(query.header.get("en", ""))}</li>')
    page = f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>policykg SPARQL</title>
<style>body{{font:15px system-ui,sans-serif;margin:2em;max-width:70em}}textarea{{width:100%;height:16em;font:13px monospace}}
li{{margin:.3em 0}}pre{{background:#f6f6f6;padding:1em;overflow:auto}}</style></head>
<body><h1>policykg SPARQL endpoint</h1>
<p>衡阳 2020 政策知识图谱 · the default graph is the union of all graphs; <code>GRAPH ?source</code> tells which article says what.
<a href="/view">Network view</a>.</p>
<form id="form"><textarea id="query" name="query">SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>
<p><button type="submit">Run</button></p></form><pre id="result"></pre>
<h2>Named queries</h2><p>Parameters are <code>?_name</code> variables: bind them with <code>VALUES ?_name {{ … }}</code> before running.</p>
<ul>{''.join(examples)}</ul>
<script>
for (const a of document.querySelectorAll('a[data-query]')) a.addEventListener('click', e => {{
  e.preventDefault(); document.getElementById('query').value = a.dataset.query; }});
document.getElementById('form').addEventListener('submit', async e => {{
  e.preventDefault();
  const r = await fetch('/sparql', {{method: 'POST', headers: {{'Content-Type': 'application/sparql-query', 'Accept': 'text/csv, text/turtle'}},
                                    body: document.getElementById('query').value}});
  document.getElementById('result').textContent = r.status + '\\n' + await r.text(); }});
</script></body></html>"""
    return page.encode("utf-8")


def serve(graph: Path, queries_dir: Path, view: Path, host: str, port: int, timeout: float, max_rows: int,
          cors: str | None, ready=None) -> None:
    """Serve the SPARQL endpoint until interrupted; ``ready(url)`` is called once it listens."""
    runner = QueryRunner(graph, timeout)
    server = ThreadingHTTPServer((host, port), make_handler(Settings(runner, max_rows, cors, queries_dir, view)))
    url = f"http://{host}:{server.server_address[1]}/"
    if ready:
        ready(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        runner.close()
