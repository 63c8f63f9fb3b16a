"""Shared fixtures: a temporary copy of the project tree, and the command line run in-process or as a user would."""

import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from policykg.cli import main

ROOT = Path(__file__).resolve().parent.parent
TREE_FOLDERS = ("ontology", "triples", "sources", "queries")


def copy_tree(destination: Path) -> Path:
    """Copy the project's data folders (not the code) to ``destination`` and return it."""
    for name in TREE_FOLDERS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, destination / name)
    return destination


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A fresh copy of the project tree that a test may change."""
    return copy_tree(tmp_path / "tree")


def run_cli(*args: str, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    """Run ``policykg ARGS`` in-process and return (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse exits on wrong usage
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def run_script(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run a command in a new Python process, as a user would, and return its result."""
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd or ROOT,
        env={**os.environ, **(env or {})}, timeout=600,
    )


def require_program(name: str) -> str:
    """Return the path of program ``name``; skip the test if it is missing, or fail under POLICYKG_REQUIRE_ALL=1."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (CI installs it; see .ci/run)"
    if os.environ.get("POLICYKG_REQUIRE_ALL") == "1":
        pytest.fail(message + " but POLICYKG_REQUIRE_ALL=1 forbids skipping")
    pytest.skip(message)


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler of a test's own HTTP server, which logs nothing."""

    def log_message(self, *args):
        pass


class LoopbackHTTP:
    """A test's own HTTP server of ``handler`` on 127.0.0.1, on a free port, answering from a daemon thread until
    :meth:`close` (a scripted store, a proxy that dies, a page server)."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]):
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def built_tree(tmp_path_factory) -> Path:
    """A copy of the project tree built once for the whole session, for tests that only read the build."""
    root = copy_tree(tmp_path_factory.mktemp("built"))
    result = run_script(str(ROOT / "build_graph.py"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root


def start_server(root: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """Start `policykg serve --port 0` on loopback as a user would and return the process and its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "policykg.cli", "serve", "--root", str(root), "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline()
    match = re.search(r" at (http://127\.0\.0\.1:\d+/)sparql", line)  # the served URL, not a --store URL before it
    if not match:
        process.kill()
        raise AssertionError(line + process.stderr.read())
    return process, match.group(1)


def stop_server(process: subprocess.Popen) -> None:
    """Stop a server started by :func:`start_server` and wait for it (and its workers) to end."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def pages(built_tree):
    """The served application over the session's built tree, called in-process (tests/web_client.py)."""
    from web_client import page_application

    return page_application(built_tree)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, driven by playwright (skipped, with the reason, without either;
    failing under POLICYKG_REQUIRE_ALL=1)."""
    chromium = require_program("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        message = "playwright is not installed (pip install -e '.[test]')"
        if os.environ.get("POLICYKG_REQUIRE_ALL") == "1":
            pytest.fail(message + " but POLICYKG_REQUIRE_ALL=1 forbids skipping")
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
