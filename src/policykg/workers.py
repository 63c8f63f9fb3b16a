"""A pool of worker processes that hold the graph and run queries, so that no query can hurt the server.

Each worker is a separate process that, before it loads the graph, takes the network away from itself
and caps its memory (:mod:`policykg.sandbox`). It then answers one request at a time: the guard
(:mod:`policykg.guard`) reads the query, pyoxigraph runs it, and :mod:`policykg.results` writes the
answer; every failure on the way (a syntax error, an error while rows are read, memory running out)
becomes an answer, not an exception.

The pool gives each request a deadline that covers its whole time, the wait for a free worker
included. A query still running at its deadline has its worker killed; a worker that dies (a crash,
the memory cap) costs that one answer (503). Either way a warm standby worker takes its place at once
and a new standby starts in the background, while the other workers keep answering.
"""

import multiprocessing
import os
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from . import results
from .guard import check_query
from .remote import CutAnswer, StoreError, StoreTimeout
from .sandbox import cap_memory, deny_network
from .syntax import describe_oxigraph_error

TEXT = "text/plain; charset=utf-8"
#: How many query texts the pool remembers as let through by the guard.
ALLOWED_MEMORY = 1024


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, content type, body, whether a row cap cut it, and extra headers."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    headers: tuple[tuple[str, str], ...] = ()


def text_answer(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Answer:
    """A plain-text answer ending in a newline."""
    return Answer(status, TEXT, (message.rstrip("\n") + "\n").encode("utf-8"), headers=headers)


@dataclass(frozen=True)
class Request:
    """A query to run: its text, the client's Accept header, the row cap, the graphs the Protocol names and
    the base IRI its relative IRIs resolve against (the endpoint's URL)."""

    query: str
    accept: str = ""
    max_rows: int = 10_000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    checked: bool = False  # the guard already let this very text through, in another worker


def execute(store, request: Request) -> Answer:
    """Guard, run and serialise one request on ``store`` (a pyoxigraph Store, or a
    :class:`policykg.remote.RemoteStore`); every failure becomes an answer.

    The default graph is the union of all graphs unless the request names default graphs
    (``default-graph-uri``).
    """
    if not request.checked:
        verdict = check_query(request.query)
        if not verdict.allowed:
            return text_answer(verdict.status, verdict.message)
    options = {"use_default_graph_as_union": not request.default_graphs, "base_iri": request.base_iri}
    if request.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
    if request.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
    cut = False
    try:
        try:
            result = store.query(request.query, **options)
        except CutAnswer as error:  # a store behind the server cut its answer: what it sent, marked as cut
            result, cut = error.result, True
        kind = results.result_kind(result)
        fmt = results.negotiate(request.accept, kind)
        if fmt is None:
            offered = results.GRAPH_FORMATS if kind == "triples" else results.SELECT_FORMATS
            return text_answer(406, f"no acceptable format for this {kind} result (Accept: {request.accept}); "
                                    f"the endpoint writes {', '.join(results.CONTENT_TYPES[f] for f in offered)}")
        body, truncated = results.write_result(result, fmt, request.max_rows)
    except SyntaxError as error:
        return text_answer(400, "SPARQL syntax error: " + describe_oxigraph_error(error, request.query))
    except results.FormatError as error:  # a character the negotiated format cannot carry (U+0000 in XML)
        return text_answer(406, str(error))
    except StoreTimeout as error:
        return text_answer(503, f"{error}; narrow the query (a LIMIT, fewer unbound patterns) and try again")
    except StoreError as error:  # the store behind the server refused the query or failed
        return text_answer(502, str(error))
    except MemoryError:
        raise
    except Exception as error:  # an evaluation error is the query's, reported to its client
        return text_answer(400, f"query failed: {error}")
    return Answer(200, results.CONTENT_TYPES[fmt], body, truncated or cut)


def _worker_main(graph_path: str, memory_limit: int, connection) -> None:
    """A worker's life: confine itself, load the graph, then answer requests until its pipe closes."""
    network = deny_network()
    os.environ["RUST_BACKTRACE"] = "0"  # an engine panic is logged in one line, not a page of frames
    store = ox.Store()
    store.bulk_load(path=graph_path, format=ox.RdfFormat.N_QUADS)
    check_query("ASK {}")  # build the parser's grammar before the first client waits for it
    cap_memory(memory_limit)
    connection.send(("ready", network))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer = execute(store, request)
            allowed = request.checked or check_query(request.query).allowed
        except MemoryError:
            connection.send((text_answer(503, "the query needed more memory than a worker may use "
                                              "(--max-memory); narrow it and try again"), False))
            os._exit(3)  # the heap may be in any state: let the pool start a fresh worker
        except Exception as error:  # noqa: BLE001 - a fault of ours or of a library costs one answer, not the worker
            answer, allowed = text_answer(500, f"internal error while answering: {type(error).__name__}: {error}"), False
        connection.send((answer, allowed))


@dataclass(eq=False)
class _Worker:
    """One worker process and the pipe to it."""

    process: multiprocessing.Process
    connection: object
    network: str | None = None

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class WorkerPool:
    """``size`` worker processes holding the graph at ``graph``; :meth:`run` answers one request."""

    def __init__(self, graph: Path, size: int, memory_limit: int):
        self._graph, self._size, self._memory_limit = str(graph), size, memory_limit
        self._context = _process_context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._standby: queue.Queue[_Worker] = queue.Queue(maxsize=1)
        self._all: set[_Worker] = set()
        self._allowed: OrderedDict[str, None] = OrderedDict()  # texts the guard let through, most recent last
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._spawn() for _ in range(size + 1)]
        for worker in starting[:size]:
            self._idle.put(self._await_ready(worker))
        self._standby.put(self._await_ready(starting[size]))
        self.network = starting[0].network

    @property
    def size(self) -> int:
        """The number of workers the pool keeps."""
        return self._size

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(self._graph, self._memory_limit, child), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> _Worker:
        try:
            message, network = worker.connection.recv()
        except (EOFError, OSError):
            message, network = None, None
        if message != "ready":
            self._retire(worker)
            raise RuntimeError(f"a query worker did not start (exit code {worker.process.exitcode}); "
                               "is --max-memory large enough to load the graph?")
        worker.network = network
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker``; the warm standby takes its place at once, and a new standby starts in the background."""
        self._retire(worker)
        if self._closed:
            return
        try:
            self._idle.put(self._standby.get_nowait())
            destination = self._standby
        except queue.Empty:  # the standby is still starting (two deaths in a row): the next one goes to work
            destination = self._idle

        def start() -> None:
            try:
                fresh = self._await_ready(self._spawn())
            except RuntimeError:
                return
            if self._closed:
                self._retire(fresh)
            else:
                destination.put(fresh)

        threading.Thread(target=start, name="policykg-worker-start", daemon=True).start()

    def run(self, request: Request, arrived: float, timeout: float) -> Answer:
        """Answer ``request``, which ``arrived`` at that :func:`time.monotonic` time, within ``timeout`` seconds, or 503."""
        deadline = arrived + timeout
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return text_answer(503, f"all {self._size} query workers stayed busy for the request's whole timeout "
                                    f"of {timeout:g} s; try again in a moment", headers=(("Retry-After", "1"),))
        try:
            worker.connection.send(replace(request, checked=self._was_allowed(request.query)))
            if worker.connection.poll(max(0.0, deadline - time.monotonic())):
                answer, allowed = worker.connection.recv()
                if allowed:
                    self._remember_allowed(request.query)
                if worker.process.is_alive() and answer.status != 503:
                    self._idle.put(worker)
                else:
                    self._replace(worker)
                return answer
        except (EOFError, OSError):
            self._replace(worker)
            return text_answer(503, _death_message(worker.process.exitcode))
        self._replace(worker)
        return text_answer(503, f"the query ran past the server's timeout of {timeout:g} s and was stopped; "
                                "narrow it (a LIMIT, fewer unbound patterns) and try again")

    def _was_allowed(self, query: str) -> bool:
        with self._lock:
            if query in self._allowed:
                self._allowed.move_to_end(query)
                return True
            return False

    def _remember_allowed(self, query: str) -> None:
        """Remember that the guard let ``query`` through, so a fresh worker need not parse it again.

        rdflib's parser takes 10-90 ms on the named queries, and a worker replaced after a runaway
        starts with no memory of them; the verdict on the same text is the same in every worker.
        """
        with self._lock:
            self._allowed[query] = None
            self._allowed.move_to_end(query)
            while len(self._allowed) > ALLOWED_MEMORY:
                self._allowed.popitem(last=False)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._retire(worker)


def _process_context():
    """Start workers from a fork server that has imported this module (and so pyoxigraph and the SPARQL
    parser) once: a replacement is ready in a tenth of a second instead of a second. Spawn where there is
    no fork server (Windows)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _death_message(exitcode: int | None) -> str:
    """What to tell the client whose query ended its worker."""
    if exitcode == 3:  # MemoryError in Python
        return "the query needed more memory than a worker may use (--max-memory) and was stopped; narrow it and try again"
    if exitcode == -6:  # abort(): the engine could not allocate under the cap, or panicked where it cannot unwind
        return ("the query engine aborted: the query needed more memory than a worker may use (--max-memory), "
                "or it hit a fault of the engine (pyoxigraph 0.5 aborts on some ORDER BY over mixed terms); "
                "the server replaced the worker and keeps answering")
    return f"the query stopped its worker (exit code {exitcode}); the server replaced it and keeps answering"
