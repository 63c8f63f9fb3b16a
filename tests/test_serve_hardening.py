"""The endpoint tried as an attacker and a careless client would, over real sockets on loopback.

Each test names the defect it guards against: outbound requests through SERVICE, a client or a query
that ends the server, one slow query holding every other, and HTTP that a browser or a hostile client
can abuse.
"""

import concurrent.futures
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import start_server, stop_server
from listener import CountingListener
from service_spellings import service_queries

pytestmark = pytest.mark.server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FUZZ_THROUGH_SERVER = 80


@pytest.fixture(scope="module")
def server(built_tree):
    """Two workers, a 2 s timeout, 50 rows at most: the process, its URL."""
    process, url = start_server(built_tree, "--workers", "2", "--timeout", "2", "--max-rows", "50")
    yield process, url
    stop_server(process)


def get(url: str, query: str, accept: str = "application/sparql-results+json", timeout: float = 30) -> tuple[int, dict, bytes]:
    """GET a query; return status, headers and body whatever the status."""
    request = urllib.request.Request(url + "sparql?query=" + urllib.parse.quote(query), headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def raw(url: str, data: bytes, timeout: float = 10) -> bytes:
    """Send bytes on a fresh connection and read the answer, while sending, until the server closes.

    Sending happens in a thread, so an answer the server gives before it has read everything (413) is
    read even when the server then resets the connection.
    """
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        def send() -> None:
            try:
                connection.sendall(data)
            except OSError:
                pass  # the server answered and closed before reading it all

        sender = threading.Thread(target=send)
        sender.start()
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
        sender.join()
        return b"".join(chunks)


def assert_alive(process, url: str) -> None:
    """The server process still runs and answers ASK {} with true."""
    assert process.poll() is None
    status, _, body = get(url, "ASK {}")
    assert status == 200 and json.loads(body)["boolean"] is True


def threads_of(process) -> int:
    """The number of threads of a process, from /proc."""
    status = Path(f"/proc/{process.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))


# --- SERVICE --------------------------------------------------------------------------------------

def test_fuzzed_service_through_the_server_makes_no_connection(server):
    """Seeded SERVICE spellings sent to the server are refused, the listener sees no connection, and ASK {} answers after each."""
    process, url = server
    listener = CountingListener()
    try:
        for query in service_queries(listener.url, FUZZ_THROUGH_SERVER, seed=7):
            status, _, body = get(url, query)
            assert status == 400, (query, body)
            assert_alive(process, url)
        assert listener.connections == 0
    finally:
        listener.close()


# --- No client and no query ends the server ---------------------------------------------------------

def test_a_client_that_hangs_up_early_does_not_end_the_server(server):
    """Clients that close before reading (a raw GET, a slow query cut by the client, a big page) cost the server nothing."""
    process, url = server
    port = int(url.rsplit(":", 1)[1].strip("/"))
    for request in (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", b"GET /view HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                    b"GET /sparql?query=" + urllib.parse.quote(RUNAWAY).encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", port)) as connection:
            connection.sendall(request)
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        time.sleep(0.2)
    time.sleep(2.5)  # the runaway's answer is written to a closed socket
    assert_alive(process, url)


def test_five_thousand_nested_parentheses_cost_one_answer(server):
    """A 10 KB query of nested parentheses is answered 400, and the next request is answered."""
    process, url = server
    status, _, body = get(url, "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")
    assert status == 400, body
    assert_alive(process, url)


def test_a_worker_over_its_memory_cap_is_answered_503_and_replaced(built_tree):
    """A query that needs more than --max-memory is answered 503, and the server answers the next query."""
    process, url = start_server(built_tree, "--workers", "1", "--max-memory", "400M", "--timeout", "60")
    try:
        status, _, body = get(url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c", timeout=90)
        assert status == 503 and b"more memory than a worker may use" in body, body
        deadline = time.monotonic() + 30
        while True:  # the replacement starts in the background
            status, _, body = get(url, "ASK {}")
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        stop_server(process)


# --- One slow query does not hold the others --------------------------------------------------------

def test_a_request_waiting_for_a_worker_is_answered_within_its_timeout(built_tree):
    """With one worker and a 2 s timeout, three runaways at once are each answered 503 by about 2 s after they were sent."""
    process, url = start_server(built_tree, "--workers", "1", "--timeout", "2")
    try:
        def timed(_):
            started = time.monotonic()
            status, _, body = get(url, RUNAWAY)
            return status, time.monotonic() - started, body

        with concurrent.futures.ThreadPoolExecutor(3) as executor:
            answers = list(executor.map(timed, range(3)))
        for status, seconds, body in answers:
            assert status == 503, body
            assert seconds < 2 + 1.5, (seconds, body)
            assert b"timeout of 2 s" in body
        assert_alive(process, url)
    finally:
        stop_server(process)


def test_two_workers_answer_ask_beside_a_runaway(server):
    """With two workers, ASK {} is answered while a runaway still runs, before the runaway's own 503."""
    process, url = server
    finished = {}
    with concurrent.futures.ThreadPoolExecutor(1) as executor:
        runaway = executor.submit(lambda: (get(url, RUNAWAY), finished.setdefault("runaway", time.monotonic())))
        time.sleep(0.3)
        status, _, _ = get(url, "ASK {}")
        finished["ask"] = time.monotonic()
        (runaway_status, _, _), _ = runaway.result()
    assert status == 200 and runaway_status == 503
    assert finished["ask"] < finished["runaway"]


# --- HTTP hygiene --------------------------------------------------------------------------------

@pytest.mark.parametrize("length", ["-1", "abc", "1e3"])
def test_an_unreadable_content_length_is_400(server, length):
    """A Content-Length that is not a non-negative integer is answered 400, and the server goes on."""
    process, url = server
    answer = raw(url, f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                      f"Content-Length: {length}\r\nConnection: close\r\n\r\nASK {{}}".encode())
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert_alive(process, url)


def test_a_body_over_the_cap_is_413_whatever_content_length_says(server):
    """A body over 1 MB is refused 413, declared or chunked."""
    process, url = server
    body = b"ASK {}" + b" " * 1_100_000
    declared = raw(url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    chunked = raw(url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                       b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
    assert declared.startswith(b"HTTP/1.1 413 ") and chunked.startswith(b"HTTP/1.1 413 ")
    assert_alive(process, url)


@pytest.mark.parametrize("host, status", [
    pytest.param("evil.example", 400, id="rebinding-name"),
    pytest.param("evil.example:8000", 400, id="rebinding-name-with-port"),
    pytest.param("localhost:8000", 200, id="localhost"),
    pytest.param("127.0.0.1", 200, id="ipv4-literal"),
    pytest.param("[::1]:8000", 200, id="ipv6-literal"),
    pytest.param("", 400, id="empty"),
])
def test_the_host_header_must_name_this_server(server, host, status):
    """A Host that is not this server (DNS rebinding) is refused; IP literals and localhost are answered."""
    _, url = server
    answer = raw(url, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:200]


def test_an_allowed_host_name_is_answered(built_tree):
    """--allowed-host NAME lets that name through, and only it."""
    process, url = start_server(built_tree, "--workers", "1", "--allowed-host", "kg.example.org")
    try:
        def request(host: str) -> bytes:
            return raw(url, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())

        assert request("kg.example.org").startswith(b"HTTP/1.1 200 ")
        assert request("other.example.org").startswith(b"HTTP/1.1 400 ")
    finally:
        stop_server(process)


def test_head_is_a_get_without_its_body(server):
    """HEAD answers the GET's status and headers and no body."""
    _, url = server
    head = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(head, timeout=10) as response:
        assert response.status == 200 and response.read() == b""
        head_length = response.headers["Content-Length"]
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Content-Length"] == head_length == str(len(response.read()))


@pytest.mark.parametrize("method, path, status", [
    pytest.param("PUT", "/sparql", 405, id="put"),
    pytest.param("DELETE", "/", 405, id="delete"),
    pytest.param("GET", "/etc/passwd", 404, id="unknown-path"),
])
def test_other_methods_and_paths(server, method, path, status):
    """A method a path does not answer is 405 with Allow; an unknown path 404."""
    _, url = server
    answer = raw(url, f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:200]
    if status == 405:
        assert b"\r\nAllow: " in answer


def test_an_update_sent_as_a_query_is_403(server):
    """INSERT DATA in the query parameter gets the promised 403, not a 400."""
    _, url = server
    status, _, body = get(url, "INSERT DATA { <x:a> <x:b> <x:c> }")
    assert status == 403, body


def test_idle_and_trickling_clients_hold_no_threads(server):
    """Sixty idle connections and one client sending a byte every 0.1 s add no thread, and ASK is answered meanwhile."""
    process, url = server
    port = int(url.rsplit(":", 1)[1].strip("/"))
    before = threads_of(process)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(60)]
    trickle = socket.create_connection(("127.0.0.1", port))
    try:
        for byte in b"GET /sparql?query=ASK":
            trickle.sendall(bytes([byte]))
            time.sleep(0.1)
        assert threads_of(process) <= before
        assert_alive(process, url)
    finally:
        for connection in idle + [trickle]:
            connection.close()
