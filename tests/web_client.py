"""Calling the served application in-process, as waitress would, for tests of the workbench's pages.

Tests of sockets, workers and limits start a real ``policykg serve`` (conftest.start_server); tests of
what a page shows call the WSGI application directly, which is the same code without the sockets.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from wsgiref.util import setup_testing_defaults

from policykg.web.app import AppSettings, Application
from policykg.web.workbench import Workbench


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def page_application(root: Path, drafts: Path | None = None) -> Application:
    """The application over the built tree at ``root`` (dist/graph.nq), with no worker pool: pages only
    (and ``drafts``, the folder of drafts to review, as ``policykg serve --drafts`` gives it)."""
    workbench = Workbench(root / "dist" / "graph.nq", root / "queries", root / "sources", drafts=drafts)
    return Application(AppSettings(pool=None, timeout=10, max_rows=10_000, cors=None, allowed_hosts=frozenset(),
                                   queries_dir=root / "queries", view=root / "dist" / "graph.html", max_waiting=8,
                                   workbench=workbench))


def get(app: Application, url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    """GET ``url`` (a path with its query string) from ``app``."""
    parts = urlsplit(url)
    # PATH_INFO as a WSGI server gives it (PEP 3333): percent-decoded, the bytes read as latin-1
    environ = {"REQUEST_METHOD": method, "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"), "QUERY_STRING": parts.query,
               "HTTP_HOST": "127.0.0.1:8000", "wsgi.input": io.BytesIO(b"")}
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, response_headers):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(response_headers)

    body = b"".join(app(environ, start_response))
    return Response(started["status"], started["headers"], body)
