"""The build never loses data: every input is read or named in an error, dist/ is replaced whole or not
at all, and no input makes it print a traceback.

Running as root, a test cannot make a file unreadable with chmod (root reads it anyway): the tests that
need an unreadable file or folder make the system call fail instead (``os.open`` or ``os.scandir``
raising EACCES for that one path, as the kernel does for a user without permission), and one test
does it with a real chmod, skipped under root. A read-only folder is made with the immutable attribute
(``chattr +i``), which binds root too.
"""

import errno
import fcntl
import importlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest

import policykg.cli
from policykg.build import OUTPUT_FILES
from policykg.cli import main

from conftest import ROOT, copy_tree, run_cli, run_script

PREFIX_BLOCK = (
    "@prefix pk: <https://w3id.org/policykg/ontology/> .\n"
    "@prefix project: <https://w3id.org/policykg/hengyang/project/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)
PROJECT = "project:wanmo-acoustics-smart-manufacturing"
BUILD_GRAPH = str(ROOT / "build_graph.py")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A tree copy built once for this module; returns its root (with dist/)."""
    root = copy_tree(tmp_path_factory.mktemp("built"))
    result = run_script(BUILD_GRAPH, "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def built_copy(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built tree, dist/ included, that a test may change."""
    return Path(shutil.copytree(built, tmp_path / "tree"))


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry of ``folder`` by name: a file's bytes, or None for anything else."""
    return {p.name: p.read_bytes() if p.is_file() and not p.is_symlink() else None for p in folder.iterdir()}


def beside(folder: Path) -> list[str]:
    """What a build may have left beside ``folder``: the hidden entries named after it."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def add_file(tree: Path, relative: str, text: str) -> None:
    """Write ``text`` to ``tree/relative``."""
    (tree / relative).write_text(text, encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """The 1-based number of the first line of ``path`` starting with ``start``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(start))


def refuse(monkeypatch, function: str, target: Path) -> None:
    """Make ``os.<function>`` fail with EACCES for ``target`` alone, as it does for a user without permission."""
    real = getattr(os, function)

    def refusing(path=".", *args, **kwargs):
        if Path(os.fsdecode(path)) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, refusing)


@contextmanager
def read_only(path: Path) -> Iterator[str]:
    """Make ``path`` read-only for root too (``chattr +i``), or by chmod when not root; yield the error text
    a write into it then gives. Skips the test where neither is possible."""
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield os.strerror(errno.EPERM)
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    elif os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555)
        try:
            yield os.strerror(errno.EACCES)
        finally:
            path.chmod(mode)
    else:
        pytest.skip("root cannot be kept from writing here: chattr +i is not available or not permitted")


# ---------------------------------------------------------------------------------------------------
# 1. Nothing is skipped in silence
# ---------------------------------------------------------------------------------------------------

FOLDER_FIX = "  fix: make it readable (chmod a+rx on the folder), or restore it if it is missing\n"


@pytest.mark.parametrize(("folder", "where"), [
    pytest.param("triples/claims", "the input files", id="claims"),
    pytest.param("triples/reference", "the input files", id="reference"),
    pytest.param("ontology", "the input files", id="ontology"),
    pytest.param("queries/checks", "the quality checks", id="quality-checks"),
])
def test_unreadable_folder_stops_the_build_and_names_it(built_copy: Path, capsys, monkeypatch, folder, where):
    """A folder the build may not list (EACCES from os.scandir) stops it with exit 1 naming the folder; dist/ is kept."""
    before = snapshot(built_copy / "dist")
    refuse(monkeypatch, "scandir", built_copy / folder)
    code, out, err = run_cli("build", "--root", str(built_copy), capsys=capsys)
    assert (code, out) == (1, "")
    assert err == f"policykg: the build stopped: 1 problem in {where}\n\n{folder}: the folder cannot be read (Permission denied)\n{FOLDER_FIX}"
    assert snapshot(built_copy / "dist") == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode; the EACCES test above covers root")
def test_folder_made_unreadable_with_chmod_stops_the_build(built_copy: Path, capsys):
    """triples/claims/ with mode 000 stops the build with exit 1 naming it, instead of building without the claims."""
    before = snapshot(built_copy / "dist")
    claims = built_copy / "triples" / "claims"
    claims.chmod(0)
    try:
        code, _, err = run_cli("build", "--root", str(built_copy), capsys=capsys)
    finally:
        claims.chmod(0o755)
    assert code == 1
    assert err == f"policykg: the build stopped: 1 problem in the input files\n\ntriples/claims: the folder cannot be read (Permission denied)\n{FOLDER_FIX}"
    assert snapshot(built_copy / "dist") == before


@pytest.mark.parametrize(("relative", "where"), [
    pytest.param("triples/claims/003.ttl", "the input files", id="claims-file"),
    pytest.param("sources/003-project-power.txt", "the input files", id="source-article"),
    pytest.param("queries/checks/entity-without-label-violation.rq", "the quality checks", id="quality-check"),
])
def test_unreadable_file_stops_the_build_and_names_it(built_copy: Path, capsys, monkeypatch, relative, where):
    """A file the build may not open (EACCES from os.open) stops it with exit 1, naming the file; dist/ is kept."""
    before = snapshot(built_copy / "dist")
    refuse(monkeypatch, "open", built_copy / relative)
    code, _, err = run_cli("build", "--root", str(built_copy), capsys=capsys)
    assert code == 1
    assert err == (f"policykg: the build stopped: 1 problem in {where}\n\n{relative}:1:1: the file cannot be read (Permission denied)\n"
                   "  fix: give read permission (chmod a+r FILE), or move it out of the tree\n")
    assert snapshot(built_copy / "dist") == before


@pytest.mark.parametrize("change", [
    pytest.param(lambda claims: claims.rename(claims.with_name("003.ttl.bak")), id="renamed-to-bak"),
    pytest.param(lambda claims: claims.unlink(), id="deleted"),
])
def test_described_source_without_its_claims_file_stops_the_build(tree: Path, capsys, change):
    """An article of triples/sources.ttl whose claims file is renamed or deleted is an error located at its description."""
    change(tree / "triples" / "claims" / "003.ttl")
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    line = line_of(tree / "triples" / "sources.ttl", "src:003 ")
    assert code == 1
    assert err == (
        "policykg: the build stopped: 1 problem in the input files\n\n"
        f"triples/sources.ttl:{line}:1: src:003 is described as a source article, but its claims file triples/claims/003.ttl is missing\n"
        "  fix: restore triples/claims/003.ttl (a file renamed to .bak or any other ending is not read), "
        "or remove src:003's block from triples/sources.ttl\n"
    )
    assert not (tree / "dist").exists()


# ---------------------------------------------------------------------------------------------------
# 2. dist/ is replaced whole, by one build at a time
# ---------------------------------------------------------------------------------------------------

def entries(folder: Path) -> dict[str, tuple[int, int]] | None:
    """Each entry of ``folder`` with its inode and modification time, or None while there is no folder."""
    try:
        return {p.name: (p.lstat().st_ino, p.lstat().st_mtime_ns) for p in folder.iterdir()}
    except FileNotFoundError:
        return None


def staging(folder: Path) -> list[str]:
    """The staging folders of a build beside ``folder``."""
    return [name for name in beside(folder) if name.startswith(f".{folder.name}.build-")]


def test_a_killed_build_leaves_dist_whole_and_the_next_build_cleans_up(tmp_path: Path):
    """SIGKILL at random moments (fixed seed), most of them while the build publishes, leaves dist/ exactly the
    old build or exactly the new one, with nothing else inside; the next build leaves nothing beside it."""
    root = copy_tree(tmp_path / "tree")
    known = {}
    for state in ("old", "new"):
        if state == "new":
            add_file(root, "triples/reference/zz-kill-test.ttl", PREFIX_BLOCK + f'{PROJECT} rdfs:comment "a new build"@en .\n')
        result = run_script(BUILD_GRAPH, "--root", str(root), "--out", str(tmp_path / state))
        assert result.returncode == 0, result.stderr
        known[state] = snapshot(tmp_path / state)
    assert known["old"]["graph.nq"] != known["new"]["graph.nq"]
    dist, rng = root / "dist", random.Random(20201231)
    for attempt in range(8):
        shutil.rmtree(dist, ignore_errors=True)
        shutil.copytree(tmp_path / "old", dist)
        before, left = entries(dist), set(staging(dist))
        process = subprocess.Popen([sys.executable, BUILD_GRAPH, "--root", str(root), "--quiet"])
        if attempt < 2:  # at any moment of the build
            time.sleep(rng.uniform(0.5, 8.0))
        else:  # while it publishes (about 15 ms): soon after a new staging folder is beside dist/ or dist/ changes
            deadline = time.monotonic() + 120
            while process.poll() is None and entries(dist) == before and set(staging(dist)) <= left:
                assert time.monotonic() < deadline
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.015))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(dist)
        assert now in (known["old"], known["new"]), f"attempt {attempt}: dist/ is a mix: {sorted(now)}"
    result = run_script(BUILD_GRAPH, "--root", str(root), "--quiet")
    assert result.returncode == 0, result.stderr
    assert snapshot(dist) == known["new"]
    assert beside(dist) == []


def test_next_build_removes_what_a_killed_build_left_beside_dist(built_copy: Path, capsys):
    """Staging folders and a stale lock file left beside dist/ by a killed build are removed by the next build."""
    for leftover in (".dist.build-k1ll3d", ".dist.build-k1ll3d-old"):
        (built_copy / leftover).mkdir()
        (built_copy / leftover / "graph.nq").write_bytes(b"half a build\n")
    (built_copy / ".dist.lock").touch()
    code, _, err = run_cli("build", "--root", str(built_copy), "--quiet", capsys=capsys)
    assert code == 0, err
    assert beside(built_copy / "dist") == []
    assert sorted(p.name for p in (built_copy / "dist").iterdir()) == sorted(OUTPUT_FILES)


def test_a_second_build_into_the_same_folder_fails_at_once(built_copy: Path, capsys, monkeypatch):
    """While a build holds dist/ (its lock file), another fails with exit 2 before loading anything, and dist/ is kept."""
    before = snapshot(built_copy / "dist")
    monkeypatch.setattr(importlib.import_module("policykg.build"), "load_and_check",
                        lambda *args: pytest.fail("the second build loaded the data"))
    lock = os.open(built_copy / ".dist.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        code, _, err = run_cli("build", "--root", str(built_copy), capsys=capsys)
    finally:
        os.close(lock)
    dist = os.path.realpath(built_copy / "dist")
    assert code == 2
    assert err == (f"policykg: {dist}: another build is writing into this folder now (it holds {built_copy.resolve()}/.dist.lock)\n"
                   "  fix: wait for that build to finish, or build into another folder with --out\n")
    assert snapshot(built_copy / "dist") == before


def test_a_graph_nq_folder_in_dist_is_a_clear_error_and_dist_is_kept(built_copy: Path, capsys):
    """dist/graph.nq being a folder stops the build with exit 2 and the fix, leaving dist/ exactly as it was."""
    dist = built_copy / "dist"
    (dist / "graph.nq").unlink()
    (dist / "graph.nq").mkdir()
    before = snapshot(dist)
    code, out, err = run_cli("build", "--root", str(built_copy), capsys=capsys)
    assert (code, out) == (2, "")
    assert err == (f"policykg: {os.path.realpath(dist)}: holds what a build does not write (graph.nq/), and a build replaces the folder whole\n"
                   "  fix: move it out of the folder, or build into another folder with --out\n")
    assert snapshot(dist) == before
    assert beside(dist) == []


@pytest.mark.parametrize("which", ["dist", "parent"])
def test_a_read_only_output_is_a_clear_error_and_dist_is_kept(built_copy: Path, capsys, which):
    """dist/ or the folder holding it being read-only stops the build with exit 2 and the fix; dist/ is kept whole."""
    dist = built_copy / "dist"
    before = snapshot(dist)
    with read_only(dist if which == "dist" else built_copy) as reason:
        code, _, err = run_cli("build", "--root", str(built_copy), capsys=capsys)
    expected = {
        "dist": f"policykg: {os.path.realpath(dist)}: the folder is read-only\n",
        "parent": f"policykg: {built_copy.resolve()}: cannot create the lock file .dist.lock here ({reason})\n",
    }[which]
    assert (code, err) == (2, expected + "  fix: make it writable, or build into another folder with --out\n")
    assert snapshot(dist) == before
    assert beside(dist) == []


def test_export_to_a_folder_is_a_clear_error(tree: Path, tmp_path: Path, capsys):
    """`export -o` naming a folder fails with exit 2 and says why, without a traceback."""
    code, _, err = run_cli("export", "--root", str(tree), "--format", "nq", "-o", str(tmp_path), capsys=capsys)
    assert (code, err) == (2, f"policykg: {tmp_path}: cannot be written (Is a directory)\n  fix: write it to a writable path\n")


# ---------------------------------------------------------------------------------------------------
# 3. No traceback, whatever the input
# ---------------------------------------------------------------------------------------------------

def gbk_article(tree: Path) -> None:
    """Re-encode article 003 in GBK."""
    path = tree / "sources" / "003-project-power.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))


def fifo(tree: Path) -> None:
    """Put a FIFO named x.ttl among the reference files."""
    os.mkfifo(tree / "triples" / "reference" / "x.ttl")


def deep_brackets(tree: Path) -> None:
    """Nest 300 blank nodes [ … ] in one statement."""
    depth = 300
    add_file(tree, "triples/reference/zz.ttl", PREFIX_BLOCK + f"{PROJECT} rdfs:seeAlso "
             + "[ rdfs:seeAlso " * depth + "project:byd-car-lamps" + " ]" * depth + " .\n")


def deep_labelled_chain(tree: Path) -> None:
    """Chain 300 labelled blank nodes, each the object of the one before."""
    chain = "".join(f"_:n{i} rdfs:seeAlso _:n{i + 1} .\n" for i in range(300))
    add_file(tree, "triples/reference/zz.ttl", PREFIX_BLOCK + f"{PROJECT} rdfs:seeAlso _:n0 .\n" + chain)


def nul_in_ontology_label(tree: Path) -> None:
    """Put a NUL (as \\u0000) at the start of the ontology's zh label."""
    path = tree / "ontology" / "policykg.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace('rdfs:label "policykg', 'rdfs:label "\\u0000policykg', 1), encoding="utf-8")


def ill_typed(tree: Path) -> None:
    """Give a project a date with month 13."""
    add_file(tree, "triples/reference/zz.ttl", PREFIX_BLOCK + f'{PROJECT} pk:date "2020-13-01"^^xsd:date .\n')


def broken_quality_check(tree: Path) -> None:
    """Add a quality check that does not parse."""
    add_file(tree, "queries/checks/broken-violation.rq", "SELECT ?entity ?property ?value WHERE {\n  ?entity ?property\n}\n")


STOPPED = "policykg: the build stopped: 1 problem in the input files"
ONTOLOGY_LABEL_LINE = line_of(ROOT / "ontology" / "policykg.ttl", '    rdfs:label "policykg 政策知识图谱本体"@zh')
LINK_FIX = "  fix: point the link at a real file, or delete it"
IRREGULAR_FIX = "  fix: replace it with a regular file, or move it out of the tree"
BAD_INPUTS = [
    pytest.param(gbk_article, [
        STOPPED, "", "sources/003-project-power.txt:3:1: the file is not UTF-8: byte 2 (0xc4) is not valid UTF-8",
        "    \ufffd\ufffd\ufffd\ufffd\ufffd\u0335\ufffd  ", "    ^",
        "  fix: save the file as UTF-8 (e.g. iconv -f GBK -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)",
    ], id="gbk-article"),
    pytest.param(lambda tree: (tree / "triples/reference/x.ttl").symlink_to("x.ttl"), [
        STOPPED, "", "triples/reference/x.ttl:1:1: the file is a symbolic link that loops back on itself", LINK_FIX,
    ], id="symlink-loop"),
    pytest.param(lambda tree: (tree / "triples/reference/x.ttl").symlink_to("gone.ttl"), [
        STOPPED, "", "triples/reference/x.ttl:1:1: the file is a symbolic link to gone.ttl, which does not exist",
        "  fix: point the link at an existing file, or delete it",
    ], id="dangling-symlink"),
    pytest.param(lambda tree: (tree / "triples/reference/x.ttl").mkdir(), [
        STOPPED, "", "triples/reference/x.ttl:1:1: the file is a folder, not a regular file", IRREGULAR_FIX,
    ], id="folder-named-ttl"),
    pytest.param(fifo, [
        STOPPED, "", "triples/reference/x.ttl:1:1: the file is a named pipe (FIFO), not a regular file", IRREGULAR_FIX,
    ], id="fifo-named-ttl"),
    pytest.param(broken_quality_check, [
        "policykg: the build stopped: 1 problem in the quality checks", "",
        'queries/checks/broken-violation.rq:3:1: SPARQL syntax error: expected one of "$", "\'", "\'\'\'", "(", "+", "-", ".", ":", '
        '"<", "<<", "<<(", "?", "[", "\\"", "\\"\\"\\"…', "    }", "    ^",
        "  fix: correct the query at this place (each check is SELECT ?entity ?property ?value WHERE { … })",
    ], id="broken-quality-check"),
    pytest.param(deep_brackets, [
        STOPPED, "", "triples/reference/zz.ttl:5:298: blank nodes or collections nested 17 deep, over the limit of 16",
        "    …s:seeAlso [ rdfs:seeAlso [ rdfs:seeAlso [ rdfs:seeAlso [ rdfs:seeAlso [ rdfs:see…", " " * 45 + "^",
        "  fix: give the inner nodes IRIs of their own and refer to them, instead of nesting [ … ] this deep",
    ], id="brackets-300-deep"),
    pytest.param(deep_labelled_chain, [
        "policykg: the graph cannot be written as Turtle: blank nodes are chained too deep (each the object of the one "
        "before) for rdflib's Turtle writer", "  fix: give the nodes of the chain IRIs of their own",
    ], id="labelled-chain-300-long"),
    pytest.param(ill_typed, [
        "    triples/reference/zz.ttl:5: project:wanmo-acoustics-smart-manufacturing  pk:date  2020-13-01",
        '    fix: write the value in the datatype\'s form (59592000000, "2020-03-13"^^xsd:date, "2020"^^xsd:gYear, "P20D"^^xsd:duration).',
    ], id="ill-typed-literal"),
    pytest.param(nul_in_ontology_label, [
        "ERROR control-character: no literal holds a control character (any C0 character but tab, line feed and carriage "
        "return) — 1 finding(s)",
        f"    ontology/policykg.ttl:{ONTOLOGY_LABEL_LINE}: pk:  rdfs:label  \\x00policykg 政策知识图谱本体 — holds the control character U+0000",
        "    fix: delete the character (it is invisible, and it makes ontology.owl and graph.jsonld ill-formed)",
    ], id="nul-in-ontology-label"),
]


@pytest.mark.parametrize(("damage", "expected"), BAD_INPUTS)
def test_bad_input_gives_a_located_message_and_no_traceback(tree: Path, damage, expected):
    """`python build_graph.py` on each bad input exits 1 within two minutes, printing these exact lines and no traceback."""
    damage(tree)
    result = subprocess.run([sys.executable, BUILD_GRAPH, "--root", str(tree)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    assert "\n".join(expected) + "\n" in result.stderr
    assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr
    assert not (tree / "dist").exists()


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(tree: Path, capsys, monkeypatch):
    """An unexpected exception prints one line and exits 3; with --debug it propagates with its traceback."""
    def explode(*args):
        raise RuntimeError("the disk\nexploded")

    monkeypatch.setattr(policykg.cli, "build", explode)
    code, out, err = run_cli("build", "--root", str(tree), capsys=capsys)
    assert (code, out) == (3, "")
    assert err == "policykg: internal error: RuntimeError: the disk exploded (run with --debug for the traceback)\n"
    with pytest.raises(RuntimeError, match="exploded"):
        main(["--debug", "build", "--root", str(tree)])


# ---------------------------------------------------------------------------------------------------
# 4. Bounded messages
# ---------------------------------------------------------------------------------------------------

LONG = 1_000_000


@pytest.mark.parametrize(("line", "excerpt", "caret"), [
    pytest.param('project:a rdfs:label "' + "x" * LONG + '" project:b .', "…" + "x" * 67 + '" project:b .', 70, id="end-ascii"),
    pytest.param('project:a rdfs:label "' + "x" * LONG + "\\q" + "x" * LONG + '" .', "…" + "x" * 40 + "\\q" + "x" * 38 + "…", 41, id="middle-ascii"),
    pytest.param('project:a rdfs:label "' + "衡" * LONG + "\\q" + "衡" * LONG + '" .', "…" + "衡" * 40 + "\\q" + "衡" * 38 + "…", 81, id="middle-cjk"),
    pytest.param('project:a rdfs:label "\\q' + "衡" * LONG + '" .', 'project:a rdfs:label "\\q' + "衡" * 56 + "…", 22, id="start-cjk"),
])
def test_an_error_on_a_long_line_shows_a_window_with_the_caret_under_the_column(tree: Path, capsys, line, excerpt, caret):
    """A syntax error on a line of millions of characters shows 80 of them around the column, the caret under it."""
    add_file(tree, "triples/reference/zz.ttl", PREFIX_BLOCK + line + "\n")
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    lines = err.split("\n")
    assert code == 1 and len(err) < 1000
    assert lines[2].startswith("triples/reference/zz.ttl:5:")
    assert lines[3:5] == ["    " + excerpt, "    " + " " * caret + "^"]


# ---------------------------------------------------------------------------------------------------
# 5. Inputs stay in bounds
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    pytest.param("../../../../etc/passwd", id="dot-dot"),
    pytest.param("/etc/passwd", id="absolute"),
    pytest.param("sources/passwd.txt", id="symlink-out-of-sources"),
])
def test_a_source_file_outside_sources_is_refused(tree: Path, capsys, value):
    """pk:sourceFile must resolve inside sources/: anything else stops the build, located at the literal."""
    (tree / "sources" / "passwd.txt").symlink_to("/etc/passwd")
    resolved = os.path.realpath(tree / value)
    description = tree / "triples" / "sources.ttl"
    description.write_text(description.read_text(encoding="utf-8").replace("sources/003-project-power.txt", value), encoding="utf-8")
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    line = line_of(description, f'    pk:sourceFile "{value}"')
    assert code == 1
    assert err == (f"{STOPPED}\n\ntriples/sources.ttl:{line}:19: pk:sourceFile {value!r} is outside sources/: it resolves to {resolved}\n"
                   "  fix: name the article's text file under sources/, as sources/<id>-<slug>.txt\n")


@pytest.mark.parametrize(("relative", "text", "declaration"), [
    pytest.param("triples/reference/zz.ttl", "@prefix pk: <https://example.org/not-policykg/> .\n", "@prefix pk: <https://example.org/not-policykg/> .",
                 id="top-of-a-file"),
    pytest.param("triples/claims/003.ttl", "@prefix project: <http://evil.example/> .\nproject:x rdfs:label \"x\"@en .\n",
                 "@prefix project: <http://evil.example/> .", id="mid-claims-file"),
    pytest.param("triples/claims/003.ttl", "  PREFIX project: <http://evil.example/>\n", "  PREFIX project: <http://evil.example/>",
                 id="sparql-style-at-the-end"),
])
def test_one_of_our_prefixes_bound_elsewhere_is_refused(tree: Path, capsys, relative, text, declaration):
    """A file that binds one of our prefix names to another namespace, anywhere in it, stops the build at that line."""
    path = tree / relative
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(existing + text, encoding="utf-8")
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    name, iri = declaration.split()[1].rstrip(":"), declaration.split()[2].strip("<>")
    ours = {"pk": "https://w3id.org/policykg/ontology/", "project": "https://w3id.org/policykg/hengyang/project/"}[name]
    line, column = existing.count("\n") + 1, len(declaration) - len(declaration.lstrip()) + 1
    assert code == 1
    assert err == (f"{STOPPED}\n\n{relative}:{line}:{column}: the prefix {name}: is bound to <{iri}>, not to policykg's <{ours}>\n"
                   f"    {declaration}\n    {' ' * (column - 1)}^\n"
                   f"  fix: bind {name}: to <{ours}> as every file does (the prefix block is in CURATING.md), "
                   "or give the other namespace a prefix name of its own\n")


@pytest.mark.parametrize(("literal", "shown", "code_point"), [
    pytest.param('"a\\u0000b"', "a\\x00b", "U+0000", id="nul-escaped"),
    pytest.param('"a\x1b[31mb"', "a\\x1b[31mb", "U+001B", id="raw-esc"),
    pytest.param('"""bell\x07"""', "bell\\x07", "U+0007", id="raw-bel-long-string"),
])
def test_a_control_character_in_a_literal_fails_the_build(tree: Path, capsys, literal, shown, code_point):
    """A literal holding NUL, ESC or BEL fails the check control-character, located at file:line, shown escaped."""
    add_file(tree, "triples/reference/zz.ttl", PREFIX_BLOCK + f"{PROJECT} rdfs:comment {literal}@en .\n")
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 1
    assert err == (
        "policykg: the build stopped: the data failed its checks\n\n"
        "ERROR control-character: no literal holds a control character (any C0 character but tab, line feed and carriage return)"
        " — 1 finding(s)\n"
        f"    triples/reference/zz.ttl:5: {PROJECT}  rdfs:comment  {shown} — holds the control character {code_point}\n"
        "    fix: delete the character (it is invisible, and it makes ontology.owl and graph.jsonld ill-formed)\n"
        "1 error(s), 0 warning(s)\n"
    )
    assert not (tree / "dist").exists()


# ---------------------------------------------------------------------------------------------------
# 6. export writes what the build writes
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_export_equals_the_build_byte_for_byte(built: Path, tmp_path: Path, capsys, fmt):
    """`policykg export --format F` writes the same bytes as the build's dist/graph.F (inferred graph included)."""
    output = tmp_path / f"graph.{fmt}"
    code, _, err = run_cli("export", "--root", str(built), "--format", fmt, "-o", str(output), capsys=capsys)
    assert code == 0, err
    assert output.read_bytes() == (built / "dist" / f"graph.{fmt}").read_bytes()


def test_export_asserted_only_has_exactly_the_asserted_quads(built: Path, tmp_path: Path, capsys):
    """`export --asserted-only` writes every curated quad and nothing of the inferred graph."""
    output = tmp_path / "asserted.nq"
    code, _, err = run_cli("export", "--root", str(built), "--format", "nq", "--asserted-only", "-o", str(output), capsys=capsys)
    assert code == 0, err
    per_graph = json.loads((built / "dist" / "report.json").read_text(encoding="utf-8"))["triples_per_graph"]
    quads = set(ox.parse(path=str(output), format=ox.RdfFormat.N_QUADS))
    assert len(output.read_bytes().splitlines()) == len(quads) == sum(per_graph.values()) - per_graph["hy:inferred"]
    built_quads = set(ox.parse(path=str(built / "dist" / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert quads == {q for q in built_quads if q.graph_name != ox.NamedNode("https://w3id.org/policykg/hengyang/inferred")}


# ---------------------------------------------------------------------------------------------------
# 7. The build's findings are located as validate's are
# ---------------------------------------------------------------------------------------------------

def test_build_findings_carry_file_and_line_as_validate_does(tree: Path, capsys):
    """A failed check stops the build with its findings at file:line, the very lines `validate` prints for it."""
    add_file(tree, "triples/reference/zz.ttl", PREFIX_BLOCK + 'project:x a pk:Project ;\n    rdfs:label "只有中文"@zh .\n')
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 1
    report = err.split("\n\n", 1)[1]
    sections = report.removeprefix("ERROR ").rsplit("\n", 2)[0].split("\nERROR ")
    assert [section.split("\n")[1] for section in sections] == [
        "    triples/reference/zz.ttl:6: project:x  rdfs:label  en",
        "    triples/reference/zz.ttl:6: project:x  rdfs:label — needs exactly one rdfs:label in en",
    ]
    assert report.endswith("\n2 error(s), 0 warning(s)\n")
    code, out, _ = run_cli("validate", "--root", str(tree), capsys=capsys)
    assert code == 1
    assert all("ERROR " + section + "\n" in out for section in sections)
