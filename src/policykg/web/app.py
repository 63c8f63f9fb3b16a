"""The served application as a WSGI app: the SPARQL 1.1 Protocol at ``/sparql``, the analyst's workbench
(the pages of the modules in ``PAGES``: home, search, entity pages, query forms, charts) and the network
view at ``/view``.

What every request goes through, in order:
- the ``Host`` header must name this server (an IP literal, ``localhost``, or a name given with
  ``--allowed-host``): a page on another site that a browser reaches through DNS rebinding is refused;
- the method must be one the path answers (405 with ``Allow`` otherwise; ``HEAD`` is a ``GET``
  without its body);
- a query gets a deadline when it arrives, and the worker pool (:mod:`policykg.workers`) answers it by
  then, the wait for a free worker included; no more requests wait for a worker than there are threads
  to spare for the pages, the rest are answered 503 at once.
Request parsing, body limits, slow clients and keep-alive are waitress's (see :mod:`policykg.web.server`).
"""

import ipaddress
import logging
import re
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from ..relay import StoreRelay
from ..workers import Answer, Request, WorkerPool, text_answer
from . import editor, entity_page, forms, home, path_page, plans_page, review_page, search_page, source_page
from .layout import PageRequest, request_language, static_file
from .workbench import Workbench

HTML = "text/html; charset=utf-8"
FORM = "application/x-www-form-urlencoded"
#: The paths served outside the workbench, and the methods each answers.
ROUTES = {"/sparql": ("GET", "HEAD", "POST", "OPTIONS"), "/view": ("GET", "HEAD")}
#: The workbench's pages: (path pattern, handler) from each page module; a pattern matches the whole path.
PAGES = tuple((re.compile(pattern), handler) for pattern, handler in (
    *home.ROUTES,
    *editor.ROUTES,
    *path_page.ROUTES,
    *forms.ROUTES,
    *entity_page.ROUTES,
    *source_page.ROUTES,
    *plans_page.ROUTES,
    *search_page.ROUTES,
    *review_page.ROUTES,
))
PAGE_METHODS = ("GET", "HEAD")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppSettings:
    """What the application needs: the pool (or the relay to a store), the limits, the hosts it answers to and the pages."""

    pool: WorkerPool | StoreRelay
    timeout: float
    max_rows: int
    cors: str | None
    allowed_hosts: frozenset[str]
    queries_dir: Path
    view: Path
    max_waiting: int
    workbench: Workbench


class Application:
    """The WSGI application; one instance serves every request."""

    def __init__(self, settings: AppSettings):
        self.settings = settings
        self._waiting = threading.BoundedSemaphore(settings.max_waiting)

    def __call__(self, environ, start_response):
        arrived = time.monotonic()
        answer = self._answer(environ, arrived)
        headers = [("Content-Type", answer.content_type), ("Content-Length", str(len(answer.body))),
                   ("X-Content-Type-Options", "nosniff"), *answer.headers]
        if environ.get("PATH_INFO") == "/sparql":
            headers += [("X-SPARQL-Max-Rows", str(self.settings.max_rows)),
                        ("X-SPARQL-Truncated", "true" if answer.truncated else "false"), ("Vary", "Accept")]
        if self.settings.cors:
            headers += [("Access-Control-Allow-Origin", self.settings.cors),
                        ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                        ("Access-Control-Expose-Headers", "X-SPARQL-Max-Rows, X-SPARQL-Truncated")]
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}", headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [answer.body]

    def _answer(self, environ, arrived: float) -> Answer:
        if not host_allowed(environ.get("HTTP_HOST", ""), self.settings.allowed_hosts):
            return text_answer(400, f"this server does not answer for Host {environ.get('HTTP_HOST', '')!r}; "
                                    "start it with --allowed-host NAME to serve that name")
        path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        if path not in ROUTES:
            return self._page(environ, path, method)
        if method not in ROUTES[path]:
            return text_answer(405, f"{method} is not allowed on {path}", headers=(("Allow", ", ".join(ROUTES[path])),))
        if path == "/view":
            if self.settings.workbench.graph is None:  # in front of a store: drawn from what the store holds
                return Answer(200, HTML, self.settings.workbench.network_view)
            if not self.settings.view.is_file():
                return text_answer(404, "no network view: run `policykg build` to write graph.html")
            return Answer(200, HTML, self.settings.view.read_bytes())
        if method == "OPTIONS":
            return Answer(204, "text/plain", b"")
        if method in PAGE_METHODS and not _has_query(environ.get("QUERY_STRING", "")):
            return self._page(environ, "/sparql", method)
        return self._sparql(environ, arrived)

    def _page(self, environ, path: str, method: str) -> Answer:
        """A workbench page or a static file; 404 for any other path. A page that fails costs one 500."""
        if path.startswith("/static/"):
            found = static_file(path[len("/static/"):])
            if found is None:
                return text_answer(404, f"no static file {path}")
            return found if method in PAGE_METHODS else text_answer(405, f"{method} is not allowed on {path}",
                                                                     headers=(("Allow", ", ".join(PAGE_METHODS)),))
        path = _path_text(path)
        for pattern, handler in PAGES:
            match = pattern.fullmatch(path)
            if match:
                break
        else:
            return text_answer(404, "not found: try / (the workbench), /sparql (the endpoint) or /view (the network view)")
        if method not in PAGE_METHODS:
            return text_answer(405, f"{method} is not allowed on {path}", headers=(("Allow", ", ".join(PAGE_METHODS)),))
        try:
            params = _parse_form(environ.get("QUERY_STRING", ""))
        except ProtocolError as error:
            return text_answer(error.status, str(error))
        request = PageRequest(self.settings.workbench, path, params, match.groupdict(),
                              request_language(params, environ.get("HTTP_ACCEPT_LANGUAGE", "")))
        try:
            return handler(request)
        except Exception:  # a page's bug costs its own answer, never the server
            _log.exception("page %s failed", path)
            return text_answer(500, f"the page {path} failed; the server goes on (see its log)")

    def _sparql(self, environ, arrived: float) -> Answer:
        try:
            request = protocol_request(environ, self.settings.max_rows)
        except ProtocolError as error:
            return text_answer(error.status, str(error))
        if not self._waiting.acquire(blocking=False):
            return text_answer(503, "too many queries are waiting for a worker; try again in a moment",
                               headers=(("Retry-After", "1"),))
        try:
            return self.settings.pool.run(request, arrived, self.settings.timeout)
        finally:
            self._waiting.release()


class ProtocolError(Exception):
    """A request the SPARQL 1.1 Protocol does not allow, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def protocol_request(environ, max_rows: int) -> Request:
    """Read a SPARQL 1.1 Protocol query operation from a WSGI request (GET, or POST in either encoding)."""
    params = _parse_form(environ.get("QUERY_STRING", ""))
    query = None
    if environ["REQUEST_METHOD"] == "POST":
        media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        body = _read_body(environ)
        if media == "application/sparql-update":
            raise ProtocolError(403, "updates are not allowed: this endpoint is read-only")
        if media == "application/sparql-query":
            query = body
        elif media == FORM:
            form = _parse_form(body)
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        else:
            raise ProtocolError(415, f"POST a query as application/sparql-query or {FORM}, not {media or 'no Content-Type'}")
    if "update" in params:
        raise ProtocolError(403, "updates are not allowed: this endpoint is read-only")
    if query is None:
        queries = params.get("query", [])
        if len(queries) != 1:
            raise ProtocolError(400, "no query: pass exactly one query=... (SPARQL 1.1 Protocol)" if not queries
                                else "more than one query parameter: pass exactly one")
        query = queries[0]
    if not query.strip():
        raise ProtocolError(400, "the query is empty")
    base_iri = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', 'localhost')}{environ.get('PATH_INFO', '')}"
    return Request(query, environ.get("HTTP_ACCEPT", ""), max_rows, tuple(params.get("default-graph-uri", ())),
                   tuple(params.get("named-graph-uri", ())), base_iri)


def _path_text(path: str) -> str:
    """``PATH_INFO`` as the client wrote it: WSGI hands over the percent-decoded bytes as latin-1 (PEP 3333),
    the client sent UTF-8 (``/entity/ind:地区…``); a path that is not UTF-8 stays as it came."""
    try:
        return path.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return path


def _has_query(query_string: str) -> bool:
    """True when a GET carries a ``query`` (or ``update``) parameter: a Protocol request, not the editor."""
    try:
        return bool(_parse_form(query_string).keys() & {"query", "update"})
    except ProtocolError:
        return True  # let the Protocol answer say what is wrong with it


def _parse_form(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=100, errors="strict")
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError(400, f"the parameters cannot be read: {error}") from None


def _read_body(environ) -> str:
    """The request body as text; waitress has already refused bodies over the cap (413)."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    data = environ["wsgi.input"].read(length) if length else b""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the body is not UTF-8 (byte {error.start})") from None


def host_allowed(host_header: str, allowed: frozenset[str]) -> bool:
    """True when ``Host`` names this server: an IP literal, ``localhost``, or an allowed name (any port).

    DNS rebinding needs a name the attacker controls, so IP literals are safe to answer.

    >>> host_allowed("127.0.0.1:8000", frozenset())
    True
    >>> host_allowed("evil.example", frozenset({"kg.example.org"}))
    False
    """
    host = host_header.strip().lower()
    if host.startswith("["):
        name = host[1:host.find("]")] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if not name:
        return False
    if name == "localhost" or name in allowed:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
