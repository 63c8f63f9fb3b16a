"""Running the served application: waitress in front, the worker pool behind.

waitress (Pylons' pure-Python WSGI server) does the HTTP: it reads requests asynchronously, so a slow
or idle client holds a socket and not a thread; it refuses a body over ``max_request_body_size`` (413)
and an unreadable ``Content-Length`` (400); it answers keep-alive and chunked bodies; it caps open
connections; and a client that hangs up early costs nothing but its own answer. Writing that on
``http.server`` is what went wrong before (a thread per connection, no read timeout, a crash on
``Content-Length: abc``).
"""

import os
import signal
from dataclasses import dataclass
from pathlib import Path

from waitress.server import create_server

from ..relay import StoreRelay
from ..remote import RemoteStore
from ..workers import WorkerPool
from .app import AppSettings, Application
from .workbench import Workbench

#: The largest request body (a POSTed query) accepted.
MAX_BODY_BYTES = 1_000_000
#: Seconds a connection may stay silent before it is closed.
IDLE_SECONDS = 30
#: Threads kept for pages and refusals beyond those that wait for a worker (at least 8 of those, four per
#: worker: requests beyond them are answered 503 at once rather than queued where no deadline sees them).
SPARE_THREADS = 4


@dataclass(frozen=True)
class ServeOptions:
    """How to serve: what, where, and the limits."""

    graph: Path | None
    queries_dir: Path
    sources_dir: Path
    view: Path
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    cors: str | None = None
    workers: int = os.cpu_count() or 1
    max_memory: int = 0
    allowed_hosts: tuple[str, ...] = ()
    max_connections: int = 100
    store: str | None = None  # a store's SPARQL query endpoint, answering /sparql instead of the workers
    drafts: Path | None = None  # a folder of drafts (ID.ttl beside its report ID.txt) shown for review at /drafts


def default_max_memory(workers: int) -> int:
    """A worker's default memory cap: half the machine's memory shared among the workers (at least 512 MiB)."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return max(512 * 2**20, total // (2 * workers))


def serve(options: ServeOptions, ready=None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); ``ready(url, pool)`` is called once it listens."""
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a client that hangs up early must not end the server
    if options.store:  # the endpoint relays to the store; the pages read the built graph when one is given, else the store
        pool = StoreRelay(options.store, options.workers)
        workbench = Workbench(options.graph, options.queries_dir, options.sources_dir,
                              store=None if options.graph else RemoteStore(options.store), drafts=options.drafts)
    else:
        pool = WorkerPool(options.graph, options.workers, options.max_memory or default_max_memory(options.workers))
        workbench = Workbench(options.graph, options.queries_dir, options.sources_dir, drafts=options.drafts)
    threads = max(8, 4 * options.workers) + SPARE_THREADS
    application = Application(AppSettings(
        pool=pool, timeout=options.timeout, max_rows=options.max_rows, cors=options.cors,
        allowed_hosts=frozenset(name.lower() for name in options.allowed_hosts),
        queries_dir=options.queries_dir, view=options.view, max_waiting=threads - SPARE_THREADS,
        workbench=workbench,
    ))
    server = create_server(
        application, host=options.host, port=options.port, threads=threads, ident="policykg",
        max_request_body_size=MAX_BODY_BYTES, channel_timeout=IDLE_SECONDS,
        connection_limit=options.max_connections, expose_tracebacks=False,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if ready:
            ready(f"http://{_url_host(options.host)}:{server.effective_port}/", pool)
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        pool.close()


def _interrupt(*_) -> None:
    """Stop on SIGTERM as on Ctrl-C, through the same clean-up."""
    raise KeyboardInterrupt


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
