"""Real SPARQL stores on loopback for tests and benchmarks: Oxigraph server and OpenLink Virtuoso.

Each ``start_*`` function starts one server as a child process bound to ``127.0.0.1`` on free ports,
keeps its database on disk under ``data_dir``, waits (bounded) until its query endpoint answers and
returns a :class:`RunningStore`; :func:`stop_store` ends it. Nothing here downloads anything or talks
to any address but ``127.0.0.1`` (the HTTP client used to wait for a server ignores proxy settings).
``bash tests/install-stores.sh`` installs what the servers need; ``missing_oxigraph()`` and
``missing_virtuoso()`` say what is missing (None when the server can be started), so a test can skip::

    reason = stores.missing_virtuoso()
    if reason:
        pytest.skip(reason)
    store = stores.start_virtuoso(tmp_path / "virtuoso")
    try:
        ...  # store.query_url, store.update_url, store.graph_store_url
    finally:
        stores.stop_store(store)

Layout of ``data_dir`` (created if missing; starting again on the same folder reopens the same data):

- Oxigraph: ``data_dir/db`` (RocksDB, ``oxigraph serve --location``) and ``data_dir/server.log``.
- Virtuoso: ``data_dir/virtuoso.ini`` (written by :func:`start_virtuoso` at each start, see
  :func:`virtuoso_ini`), the database ``data_dir/virtuoso.db`` with its transaction log, temporary
  database and lock beside it, Virtuoso's own log ``data_dir/virtuoso.log``, an empty ``data_dir/www``
  (the HTTP server's file root) and ``data_dir/server.log`` (the server's output).

What "the default graph" is (policykg's queries expect the union of ALL graphs, the stored default graph
included, as pyoxigraph's ``use_default_graph_as_union=True`` gives):

- Oxigraph, started with ``--union-default-graph``: the query's default graph is the union of the stored
  default graph and every named graph. Same as pyoxigraph.
- Virtuoso: every triple is stored in a named graph and a query without FROM (and without the protocol's
  ``default-graph-uri``) reads the union of all of them. There is no stored default graph: the Graph
  Store Protocol's ``?default`` is refused (500, "the endpoint is not configured to have default graph"),
  and so are ``INSERT DATA`` without GRAPH and ``MOVE ... TO DEFAULT`` (400, SP031 "requires declaration
  of a plain default graph"), unless the request names one (``using-graph-uri=IRI``): then they write
  to that named graph. ``policykg push --default-graph-as IRI`` is the way in. Virtuoso also keeps
  graphs of its own in the store, in the union and in ``GRAPH ?g`` (2496 triples):
  ``http://www.openlinksw.com/schemas/virtrdf#`` (its RDF storage metadata, 2479 triples),
  ``http://www.w3.org/ns/ldp#`` and ``http://localuriqaserver/sparql`` (a service description).

Endpoints (SPARQL 1.1 Protocol, Update, Graph Store HTTP Protocol):

- Oxigraph: ``/query``, ``/update``, ``/store`` (``?graph=IRI`` or ``?default``; without either, a POST
  of N-Quads or TriG adds quads to the dataset and a PUT replaces the whole dataset).
- Virtuoso: ``/sparql`` for queries and updates, ``/sparql-graph-crud`` for the Graph Store Protocol
  (``?graph=IRI``), all anonymous: :func:`start_virtuoso` lets the anonymous user ``SPARQL`` update and
  takes from it everything that fetches from the network (see :data:`VIRTUOSO_SETUP_SQL`), through
  Virtuoso's SQL port, which listens on 127.0.0.1 only and is reached with ``isql-vt`` as ``dba``
  (password ``dba``, Virtuoso's default on a new database). A SELECT answer stops at 10000 rows without
  an error (``ResultSetMaxRows`` left at Virtuoso's default, so that policykg's detection of cut answers
  is tested; the answer then carries ``X-SPARQL-MaxRows: 10000``). ``MaxSortedTopRows`` is raised from
  10000 so that ``ORDER BY ... LIMIT n OFFSET m`` pages past row 10000 (Virtuoso refuses them otherwise:
  SR353). :func:`stop_store` shuts Virtuoso down with a checkpoint (see there).

Environment variables:

- ``POLICYKG_OXIGRAPH``: the ``oxigraph`` program to run (default: the one beside this Python, then PATH).
- ``POLICYKG_VIRTUOSO``: the Virtuoso server program (default: ``virtuoso-t`` on PATH).
- ``POLICYKG_VIRTUOSO_ISQL``: Virtuoso's SQL client (default: ``isql-vt``, Debian's name, then ``isql``
  when it is Virtuoso's and not unixODBC's).
- ``POLICYKG_STORE_START_TIMEOUT``: seconds to wait for a server to answer (default 60).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"
#: The Oxigraph server series that matches pyoxigraph 0.5.x.
OXIGRAPH_SERIES = "0.5."
#: The Virtuoso series tests/stores.py is written for (Debian 12 packages 7.2.5).
VIRTUOSO_SERIES = "7."
#: The Debian package that brings ``virtuoso-t`` and ``isql-vt``.
VIRTUOSO_PACKAGE = "virtuoso-opensource"
#: Virtuoso's administrator and password on a new database; the SQL port that takes them is on 127.0.0.1 only.
VIRTUOSO_DBA = ("dba", "dba")
#: What fetches from the network in Virtuoso when the anonymous user may run it, as (privilege, object,
#: role): the Sponger (``DEFINE get:soft``, ``input:grab-*``, the Protocol's ``should-sponge``),
#: ``SERVICE``, ``LOAD <url>`` and ``LOAD SERVICE <url> DATA``. Taken back from the roles that hold them.
VIRTUOSO_FETCHING = (
    *(("EXECUTE", f"DB.DBA.{name}", "SPARQL_SPONGE") for name in (
        "RDF_GRAB", "RDF_GRAB_SEEALSO", "RDF_GRAB_SINGLE", "RDF_GRAB_SINGLE_ASYNC", "RDF_SPONGE_UP",
        "RDF_SPONGE_UP_1", "RDF_SPONGE_UP_LIST", "SPARQL_SD_PROBE", "SPARQL_SINV_IMP", "SPARUL_LOAD_SERVICE_DATA")),
    ("SELECT", "DB.DBA.SPARQL_SINV_2", "SPARQL_SPONGE"),
    ("EXECUTE", "DB.DBA.SPARQL_SD_PROBE", "SPARQL_LOAD_SERVICE_DATA"),
    ("EXECUTE", "DB.DBA.SPARUL_LOAD_SERVICE_DATA", "SPARQL_LOAD_SERVICE_DATA"),
    ("EXECUTE", "DB.DBA.SPARUL_LOAD", "SPARQL_UPDATE"),
    ("EXECUTE", "DB.DBA.SPARUL_LOAD_SERVICE_DATA", "SPARQL_UPDATE"),
    *(("EXECUTE", f"DB.DBA.{name}", "SPARQL_SELECT") for name in (
        "SPARQL_REXEC", "SPARQL_REXEC_TO_ARRAY", "SPARQL_REXEC_WITH_META")),
)
#: Run as dba after each start: the anonymous SPARQL user (``SPARQL``, whom the web server's ``/sparql``
#: and ``/sparql-graph-crud`` act as) may update, as Oxigraph's anonymous /update and /store, and fetch
#: nothing (:data:`VIRTUOSO_FETCHING`, which the role SPARQL_UPDATE would otherwise bring along).
VIRTUOSO_SETUP_SQL = (
    *(f"REVOKE {privilege} ON {name} FROM {role};" for privilege, name, role in VIRTUOSO_FETCHING),
    'GRANT SPARQL_UPDATE TO "SPARQL";',
)
#: Errors that the setup meets when it runs again on a database that has it: a privilege already taken
#: back (SR272), the role already granted (U0013).
_VIRTUOSO_SETUP_AGAIN = {"SR272", "U0013"}
#: Buffers of 8 KiB each: Virtuoso's own suggestion for a machine with 2 GB to give it (about 1.4 GB).
VIRTUOSO_BUFFERS = (170_000, 130_000)  # NumberOfBuffers, MaxDirtyBuffers

INSTALL_COMMAND = "bash tests/install-stores.sh"

_START_ATTEMPTS = 3  # a new port each time, should another process take the free port first
_LOG_TAIL_LINES = 40
#: What a server writes when another process took its port first (Oxigraph, then Virtuoso's HTTP port;
#: Virtuoso's SQL port says "Address already in use").
_PORT_TAKEN = re.compile(r"address already in use|os error 98|Failed HTTP listen", re.IGNORECASE)

# Never go through a proxy: every request made here is to 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class RunningStore:
    """A SPARQL server started by :func:`start_oxigraph` or :func:`start_virtuoso`."""

    name: str                 # "oxigraph" or "virtuoso"
    query_url: str            # SPARQL 1.1 Protocol query endpoint
    update_url: str           # SPARQL 1.1 Update endpoint
    graph_store_url: str      # SPARQL 1.1 Graph Store HTTP Protocol endpoint
    process: subprocess.Popen
    data_dir: Path
    log: Path                 # the server's stdout+stderr
    sql_port: int | None = None  # Virtuoso's SQL port on 127.0.0.1 (isql as dba); None for Oxigraph


class StoreStartError(RuntimeError):
    """A server exited, or did not answer in time; the message ends with the tail of its log."""


# ---------------------------------------------------------------------------------------------------
# What is installed
# ---------------------------------------------------------------------------------------------------

def oxigraph_program() -> str | None:
    """The ``oxigraph`` program to run: $POLICYKG_OXIGRAPH, else the one beside this Python, else PATH's."""
    given = os.environ.get("POLICYKG_OXIGRAPH")
    if given:
        return given
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def missing_oxigraph() -> str | None:
    """None when the Oxigraph server can be started, else why not and what to install."""
    fix = (f"install it with `{INSTALL_COMMAND}` (it runs `python -m pip install 'oxigraph=={OXIGRAPH_SERIES}*'` "
           "in the current virtual environment)")
    program = oxigraph_program()
    if not program:
        return f"the Oxigraph server (the `oxigraph` program of the PyPI package oxigraph) is not installed: {fix}"
    try:
        result = subprocess.run([program, "--version"], check=False, capture_output=True, text=True, timeout=30)
    except OSError as error:
        return f"cannot run {program}: {error}; {fix}"
    except subprocess.TimeoutExpired:
        return f"`{program} --version` did not answer in 30 s"
    version = (result.stdout or result.stderr).strip()
    match = re.search(r"(\d+\.\d+\.\d+\S*)", version)
    if result.returncode != 0 or not match:
        return f"`{program} --version` failed ({version or result.returncode}); {fix}"
    if not match.group(1).startswith(OXIGRAPH_SERIES):
        return f"{program} is Oxigraph {match.group(1)}, not {OXIGRAPH_SERIES}x as pyoxigraph; {fix}"
    return None


def virtuoso_program() -> str | None:
    """The Virtuoso server to run: $POLICYKG_VIRTUOSO, else ``virtuoso-t`` on PATH."""
    return os.environ.get("POLICYKG_VIRTUOSO") or shutil.which("virtuoso-t")


def virtuoso_isql() -> str | None:
    """Virtuoso's SQL client: $POLICYKG_VIRTUOSO_ISQL, else ``isql-vt`` (Debian), else an ``isql`` that is Virtuoso's."""
    given = os.environ.get("POLICYKG_VIRTUOSO_ISQL")
    if given:
        return given
    debian = shutil.which("isql-vt")
    if debian:
        return debian
    plain = shutil.which("isql")  # unixODBC's isql has the same name and takes other arguments
    if plain and "Virtuoso" in _output([plain, "-?"]):
        return plain
    return None


def missing_virtuoso() -> str | None:
    """None when Virtuoso can be started, else why not and what to install."""
    fix = f"install it with `{INSTALL_COMMAND} virtuoso` (it runs `apt-get install {VIRTUOSO_PACKAGE}`)"
    program = virtuoso_program()
    if not program:
        return f"the Virtuoso server (`virtuoso-t`, Debian package {VIRTUOSO_PACKAGE}) is not installed: {fix}"
    version = _output([program, "-?"])  # prints its version and usage, and exits 1
    match = re.search(r"^Version (\d+\.\d+\.\d+)", version, re.MULTILINE)
    if not match:
        return f"`{program} -?` does not say a Virtuoso version ({version.strip()[:200] or 'no output'}); {fix}"
    if not match.group(1).startswith(VIRTUOSO_SERIES):
        return f"{program} is Virtuoso {match.group(1)}, not {VIRTUOSO_SERIES}x; {fix}"
    if not virtuoso_isql():
        return f"Virtuoso's SQL client (`isql-vt`, Debian package {VIRTUOSO_PACKAGE}) is not installed: {fix}"
    return None


def _output(command: list[str]) -> str:
    """What ``command`` prints (stdout and stderr), whatever its exit code; "" when it cannot be run."""
    try:
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=30,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------------
# Starting and stopping
# ---------------------------------------------------------------------------------------------------

def start_oxigraph(data_dir: Path) -> RunningStore:
    """Start ``oxigraph serve`` read-write on 127.0.0.1, data on disk in ``data_dir/db``.

    The query's default graph is the union of all graphs, stored default graph included
    (``--union-default-graph``), as pyoxigraph's ``use_default_graph_as_union=True``.
    """
    reason = missing_oxigraph()
    if reason:
        raise StoreStartError(reason)
    program = oxigraph_program()
    data_dir = Path(data_dir).resolve()
    (data_dir / "db").mkdir(parents=True, exist_ok=True)

    def command(port: int) -> list[str]:
        return [program, "serve", "--location", str(data_dir / "db"), "--bind", f"{LOOPBACK}:{port}",
                "--union-default-graph"]

    def urls(base: str) -> tuple[str, str, str]:
        return f"{base}/query", f"{base}/update", f"{base}/store"

    return _start("oxigraph", data_dir, command, urls)


def virtuoso_ini(data_dir: Path, sql_port: int, http_port: int) -> str:
    """The ``virtuoso.ini`` that :func:`start_virtuoso` writes: the database in ``data_dir``, the SQL and HTTP
    ports on 127.0.0.1 only, memory for about 2 GB, no plug-ins, no mail server, no zero-config announcing,
    no proxying, Virtuoso's own default for the SPARQL row cap (``ResultSetMaxRows`` 10000), and
    ``MaxSortedTopRows`` raised from 10000, which refuses ``ORDER BY`` with ``OFFSET`` + ``LIMIT`` over it, and
    ``TransactionAfterImageLimit`` raised to 2 GB (its most: a 32-bit number): under the default, Virtuoso aborts the ``MOVE`` of a graph of
    millions of triples (SR325, "log after image size went above the limit"; the 10M benchmark's inferred graph)."""
    folder = str(Path(data_dir).resolve())
    buffers, dirty = VIRTUOSO_BUFFERS
    return f"""\
; Written by tests/stores.py (start_virtuoso) at each start: a throwaway Virtuoso on {LOOPBACK} only.
[Database]
DatabaseFile          = {folder}/virtuoso.db
ErrorLogFile          = {folder}/virtuoso.log
LockFile              = {folder}/virtuoso.lck
TransactionFile       = {folder}/virtuoso.trx
xa_persistent_file    = {folder}/virtuoso.pxa
ErrorLogLevel         = 7
FileExtend            = 200
MaxCheckpointRemap    = 2000
Striping              = 0
TempStorage           = TempDatabase

[TempDatabase]
DatabaseFile          = {folder}/virtuoso-temp.db
TransactionFile       = {folder}/virtuoso-temp.trx
MaxCheckpointRemap    = 2000
Striping              = 0

[Parameters]
ServerPort            = {LOOPBACK}:{sql_port}
DisableUnixSocket     = 1
DisableTcpSocket      = 0
MaxClientConnections  = 10
CheckpointInterval    = 60
O_DIRECT              = 0
CaseMode              = 2
MaxStaticCursorRows   = 5000
AllowOSCalls          = 0
DirsAllowed           = {folder}
NumberOfBuffers       = {buffers}
MaxDirtyBuffers       = {dirty}
MaxQueryMem           = 1G
MaxSortedTopRows      = 1000000
TransactionAfterImageLimit = 2000000000

[HTTPServer]
ServerPort            = {LOOPBACK}:{http_port}
ServerRoot            = {folder}/www
MaxClientConnections  = 10
DavRoot               = DAV
EnabledDavVSP         = 0
HTTPProxyEnabled      = 0
ServerThreads         = 10
MaxKeepAlives         = 10
KeepAliveTimeout      = 10
Charset               = UTF-8

[SPARQL]
ResultSetMaxRows      = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def start_virtuoso(data_dir: Path) -> RunningStore:
    """Start Virtuoso (``virtuoso-t +foreground``) with its database in ``data_dir``, its SQL and HTTP ports
    on 127.0.0.1, then let the anonymous SPARQL user update (:data:`VIRTUOSO_SETUP_SQL`, run with isql).

    Writes ``data_dir/virtuoso.ini`` (see :func:`virtuoso_ini`, two new free ports each start) and runs
    ``virtuoso-t +foreground +configfile data_dir/virtuoso.ini``. Endpoints: ``/sparql`` (queries and
    updates) and ``/sparql-graph-crud`` (Graph Store Protocol); the SQL port is ``store.sql_port``.
    """
    reason = missing_virtuoso()
    if reason:
        raise StoreStartError(reason)
    program = virtuoso_program()
    data_dir = Path(data_dir).resolve()
    (data_dir / "www").mkdir(parents=True, exist_ok=True)
    ini = data_dir / "virtuoso.ini"
    ports: dict[str, int] = {}

    def command(port: int) -> list[str]:
        sql_port = _free_port()
        while sql_port == port:
            sql_port = _free_port()
        ini.write_text(virtuoso_ini(data_dir, sql_port, port), encoding="utf-8")
        ports["sql"] = sql_port
        return [program, "+foreground", "+configfile", str(ini)]

    def urls(base: str) -> tuple[str, str, str]:
        return f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud"

    store = _start("virtuoso", data_dir, command, urls)
    store.sql_port = ports["sql"]  # the port of the attempt that answered
    try:
        run_virtuoso_sql(store, "\n".join(VIRTUOSO_SETUP_SQL), tolerated=_VIRTUOSO_SETUP_AGAIN)
    except BaseException:
        stop_store(store)
        raise
    return store


def run_virtuoso_sql(store: RunningStore, sql: str, timeout: float = 60.0, tolerated=()) -> str:
    """Run the SQL statements ``sql`` (each ending with ``;``) as dba on ``store``'s SQL port with isql and
    return what isql printed; raise StoreStartError when isql cannot connect in ``timeout`` seconds or a
    statement fails with an error whose code (``SR272``...) is not in ``tolerated`` (isql itself runs
    every statement, exits 0 when one fails and says ``*** Error`` on stderr)."""
    isql = virtuoso_isql()
    if not isql:
        raise StoreStartError(missing_virtuoso() or "Virtuoso's isql is not installed")
    user, password = VIRTUOSO_DBA
    command = [isql, f"{LOOPBACK}:{store.sql_port}", user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"]
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = subprocess.run(command, input=sql + "\n", check=False, capture_output=True, text=True,
                                    timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise StoreStartError(f"isql on {LOOPBACK}:{store.sql_port} did not finish within {timeout:g} s; "
                                  f"last lines of {store.log}:\n{log_tail(store.log)}") from None
        errors = result.stderr.strip()
        connect_failed = "CL033" in errors or "Connect failed" in errors  # the SQL port is not open yet
        if connect_failed and time.monotonic() < deadline and store.process.poll() is None:
            time.sleep(0.2)
            continue
        codes = re.findall(r"^\*\*\* Error [^:]*: (?:\[[^\]]*\])*(\w+):", errors, re.MULTILINE)
        if result.returncode != 0 or ("*** Error" in errors and not set(codes) <= set(tolerated)) \
                or errors.count("*** Error") != len(codes):
            raise StoreStartError(f"isql on {LOOPBACK}:{store.sql_port} failed (exit code {result.returncode}): "
                                  f"{errors or result.stdout.strip()}\nlast lines of {store.log}:\n{log_tail(store.log)}")
        return result.stdout


def stop_store(store: RunningStore, timeout: float = 20.0) -> None:
    """Stop ``store``'s server: SIGTERM, wait up to ``timeout`` seconds, then SIGKILL.

    Virtuoso is first asked to ``shutdown`` through isql, which writes a checkpoint: on SIGTERM it makes a
    "quick shutdown" without one, and graphs loaded by the Graph Store Protocol (written to the database
    but not to the transaction log) come back only in part at the next start.
    """
    process = store.process
    if process.poll() is None and store.name == "virtuoso" and store.sql_port:
        try:
            run_virtuoso_sql(store, "shutdown;", timeout=timeout)
        except StoreStartError:
            pass  # isql loses its connection as the server goes; the wait below says whether it went
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)


def log_tail(path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    """The last ``lines`` lines of the log at ``path`` ("" if it cannot be read)."""
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _start(name: str, data_dir: Path, command, urls) -> RunningStore:
    timeout = float(os.environ.get("POLICYKG_STORE_START_TIMEOUT", "60"))
    log = data_dir / "server.log"
    for attempt in range(1, _START_ATTEMPTS + 1):
        port = _free_port()
        base = f"http://{LOOPBACK}:{port}"
        query_url, update_url, graph_store_url = urls(base)
        start = log.stat().st_size if log.exists() else 0
        with log.open("ab") as out:
            out.write(f"=== {time.strftime('%Y-%m-%d %H:%M:%S')} starting {name} on {base}\n".encode())
            out.flush()
            process = subprocess.Popen(command(port), stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, cwd=data_dir)
        store = RunningStore(name, query_url, update_url, graph_store_url, process, data_dir, log)
        try:
            _wait_until_answering(store, timeout)
            return store
        except StoreStartError:
            stop_store(store)
            with log.open("rb") as written:  # this attempt's output only
                written.seek(start)
                output = written.read().decode("utf-8", errors="replace")
            if attempt < _START_ATTEMPTS and _PORT_TAKEN.search(output):
                continue
            raise
    raise AssertionError("unreachable")


def _wait_until_answering(store: RunningStore, timeout: float) -> None:
    """Return once ``ASK {}`` on the query endpoint answers 200; raise StoreStartError if the server dies or
    does not answer within ``timeout`` seconds."""
    probe = store.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    port = urllib.parse.urlsplit(store.query_url).port
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while True:
        code = store.process.poll()
        if code is not None:
            raise StoreStartError(f"{store.name} exited with code {code} before answering on {store.query_url}; "
                                  f"last lines of {store.log}:\n{log_tail(store.log)}")
        try:
            request = urllib.request.Request(probe, headers={"Accept": "application/sparql-results+json"})
            with _OPENER.open(request, timeout=5) as response:
                status = response.status
            if status == 200 and _listens_on(store.process.pid, port) is not False:
                return
            last_error = f"HTTP {status}" if status != 200 else f"another process answers on port {port}"
        except urllib.error.HTTPError as error:
            last_error = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            last_error = str(getattr(error, "reason", error))
        if time.monotonic() > deadline:
            raise StoreStartError(f"{store.name} did not answer on {store.query_url} within {timeout:g} s "
                                  f"({last_error}); last lines of {store.log}:\n{log_tail(store.log)}")
        time.sleep(0.1)


def _listens_on(pid: int, port: int) -> bool | None:
    """Whether process ``pid`` holds the socket listening on TCP ``port`` (None when /proc cannot tell),
    so that a server answering on a port that another process took first is not taken for ours."""
    try:
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except FileNotFoundError:
                continue
            for line in lines:
                fields = line.split()
                if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
        if not inodes:
            return None
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                    return True
            except OSError:
                continue
        return False
    except (OSError, ValueError):
        return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]
