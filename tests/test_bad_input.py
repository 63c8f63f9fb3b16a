"""Bad input: each kind gives a message naming path:line:column, exit code 1, and leaves dist/ untouched."""

from pathlib import Path

import pytest

from policykg.build import OUTPUT_FILES
from policykg.load import MAX_FILE_BYTES

from conftest import ROOT, run_cli, run_script

PREFIX_BLOCK = (
    "@prefix pk: <https://w3id.org/policykg/ontology/> .\n"
    "@prefix area: <https://w3id.org/policykg/hengyang/area/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)


def write_bytes(tree: Path, relative: str, data: bytes) -> None:
    path = tree / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


CASES = [
    pytest.param(
        "triples/reference/broken.ttl",
        (PREFIX_BLOCK + 'area:x a pk:AdministrativeArea ;\n    rdfs:label "未闭合 .\n').encode(),
        ["triples/reference/broken.ttl:5:16:", "Turtle syntax error", 'rdfs:label "未闭合 .'],
        id="unterminated-string",
    ),
    pytest.param(
        "triples/reference/broken.ttl",
        (PREFIX_BLOCK + "area:x a pk:AdministrativeArea ;\n    nosuch:label \"x\"@zh .\n").encode(),
        ["triples/reference/broken.ttl:5:5:", "nosuch: has not been declared", "declare the prefix"],
        id="undefined-prefix",
    ),
    pytest.param(
        "triples/claims/999.ttl",
        (PREFIX_BLOCK + 'area:x rdfs:label "某地"@zh .\n').encode(),
        ["triples/claims/999.ttl:1:1:", "claims file for an unknown source", "source/999", "triples/sources.ttl"],
        id="unknown-source",
    ),
    pytest.param(
        "triples/reference/gbk.ttl",
        (PREFIX_BLOCK + 'area:x rdfs:label "衡阳"@zh .\n').encode("gbk"),
        ["triples/reference/gbk.ttl:4:20:", "not UTF-8", f"byte {len(PREFIX_BLOCK) + 19}", "iconv"],
        id="gbk-encoding",
    ),
    pytest.param(
        "triples/reference/empty.ttl", b"",
        ["triples/reference/empty.ttl:1:1:", "the file is empty"],
        id="empty-file",
    ),
    pytest.param(
        "triples/reference/huge.ttl",
        PREFIX_BLOCK.encode() + b"# padding\n" * (50 * 2**20 // 10),
        ["triples/reference/huge.ttl:1:1:", "50.0 MiB", f"{MAX_FILE_BYTES // 2**20} MiB limit", "split it"],
        id="fifty-megabyte-file",
    ),
]


@pytest.mark.parametrize(("relative", "data", "expected"), CASES)
def test_bad_file_stops_the_build_and_leaves_dist_untouched(tree: Path, capsys, relative, data, expected):
    """The build fails with exit 1, names the place and the fix, and leaves the earlier dist/ byte-identical."""
    code, _, _ = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 0
    before = {name: (tree / "dist" / name).read_bytes() for name in OUTPUT_FILES}
    write_bytes(tree, relative, data)
    code, out, err = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 1
    for fragment in expected:
        assert fragment in err, f"{fragment!r} missing from:\n{err}"
    assert out == ""
    after = {name: (tree / "dist" / name).read_bytes() for name in OUTPUT_FILES}
    assert after == before
    assert sorted(p.name for p in (tree / "dist").iterdir()) == sorted(OUTPUT_FILES)


def test_every_broken_file_is_reported_in_one_run(tree: Path, capsys):
    """Two broken files give two located messages in a single run, not one per run."""
    write_bytes(tree, "triples/reference/a.ttl", b"")
    write_bytes(tree, "triples/reference/b.ttl", b"<x> <y> .\n")
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 1
    assert "2 problems" in err
    assert "triples/reference/a.ttl:1:1:" in err and "triples/reference/b.ttl:1:" in err


def test_build_graph_script_reports_a_syntax_error_with_exit_1(tree: Path):
    """build_graph.py, run as a user would, prints path:line:column and exits 1."""
    write_bytes(tree, "triples/reference/broken.ttl", b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\n")
    result = run_script(str(ROOT / "build_graph.py"), "--root", str(tree))
    assert result.returncode == 1
    assert "triples/reference/broken.ttl:3:1:" in result.stderr or "triples/reference/broken.ttl:2:" in result.stderr
    assert not (tree / "dist").exists()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["export", "--format", "docx", "-o", "x"], id="unknown-format"),
        pytest.param(["build", "--root", "/nonexistent/policykg"], id="missing-root"),
    ],
)
def test_wrong_usage_exits_2(capsys, args):
    """Wrong usage exits with code 2 and says what is wrong."""
    code, _, err = run_cli(*args, capsys=capsys)
    assert code == 2
    assert err.strip()


def test_help_is_available_for_every_command(capsys):
    """`--help` works on the program and on each subcommand, exiting 0."""
    for args in (["--help"], ["build", "--help"], ["stats", "--help"], ["export", "--help"]):
        code, out, _ = run_cli(*args, capsys=capsys)
        assert code == 0 and "usage:" in out


#: Bad Turtle of each kind in the W3C Turtle bad-syntax suite: (lines after the prefix block, line, column).
BAD_SYNTAX = [
    pytest.param('<http://example.org/a b> rdfs:label "x" .', 4, 1, id="space-in-iri"),
    pytest.param('<http://example.org/a{b}> rdfs:label "x" .', 4, 1, id="bad-iri-character"),
    pytest.param('"literal" rdfs:label "x" .', 4, 1, id="literal-as-subject"),
    pytest.param('area:a _:b "x" .', 4, 8, id="blank-node-as-predicate"),
    pytest.param('area:a rdfs:label "bad \\q escape" .', 4, 24, id="bad-string-escape"),
    pytest.param('area:a rdfs:label "bad \\u00ZZ escape" .', 4, 28, id="bad-unicode-escape"),
    pytest.param('area:a rdfs:label "unterminated .\narea:b rdfs:label "x" .', 4, 34, id="unterminated-string"),
    pytest.param('area:a rdfs:label """unterminated long string .\n', 4, 19, id="unterminated-long-string"),
    pytest.param("area:a pk:value 1.2.3 .", 4, 20, id="bad-number"),
    pytest.param("area:a pk:value 1e .", 4, 17, id="bad-exponent"),
    pytest.param('area:a rdfs:label "x"@ .', 4, 23, id="empty-language-tag"),
    pytest.param('area:a rdfs:label "x" ; .\narea:a ; .', 5, 8, id="stray-semicolon"),
]


@pytest.mark.parametrize(("lines", "line", "column"), BAD_SYNTAX)
def test_bad_syntax_is_rejected_with_its_location(tree: Path, capsys, lines, line, column):
    """Each kind of malformed Turtle stops the build with exit 1 and names path:line:column."""
    write_bytes(tree, "triples/reference/bad.ttl", (PREFIX_BLOCK + lines + "\n").encode())
    code, out, _ = run_cli("validate", "--root", str(tree), capsys=capsys)
    assert code == 1 and f"triples/reference/bad.ttl:{line}:{column}:" in out
    code, _, err = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 1
    assert f"triples/reference/bad.ttl:{line}:" in err, err
    located = err.split("triples/reference/bad.ttl:", 1)[1].split(":", 2)
    assert (int(located[0]), int(located[1])) == (line, column), err
    assert not (tree / "dist").exists()
