"""The query library: every query has its header, and every named query gives its exact, reviewed
answer on the curated graph (tests/expected/<case>.csv, .ttl for CONSTRUCT)."""

from functools import cache

import pyoxigraph as ox
import pytest

from policykg.load import load_tree
from policykg.namespaces import PREFIXES
from policykg.query import NamedQuery, named_queries, parse_parameter, read_query, resolve_parameters, run_query
from policykg.reason import infer
from policykg.results import result_kind, write_result
from policykg.tree import Tree

from conftest import ROOT, run_cli
from query_cases import CASES

EXPECTED = ROOT / "tests" / "expected"


@cache
def real_store() -> ox.Store:
    """The curated graph with its inferences, as a build would write it."""
    loaded = load_tree(Tree.at(ROOT))
    store = ox.Store()
    store.extend(loaded.quads + infer(loaded))
    return store


def answer(store: ox.Store, name: str, params: dict[str, str]) -> tuple[str, str]:
    """The answer of a query case on ``store`` (in process, or a store's RemoteStore) as text (SPARQL CSV, or N-Triples sorted for CONSTRUCT) and its file suffix.

    The reviewed files end their lines with LF where SPARQL CSV has CRLF; no answer holds a CR of its own.
    """
    query = read_query(ROOT / "queries" / f"{name}.rq")
    bindings, _ = resolve_parameters(store, query, [f"{k}={v}" for k, v in params.items()])
    result = run_query(store, query, bindings)
    if result_kind(result) == "triples":
        lines = sorted({str(t) + " ." for t in result})
        return "\n".join(lines) + "\n", "nt"
    text = write_result(result, "csv")[0].decode("utf-8").replace("\r\n", "\n")
    assert "\r" not in text, f"{name}: a value holds a CR, which the LF files cannot keep apart from a line end"
    return text, "csv"


@pytest.mark.parametrize("case", sorted(CASES))
def test_query_gives_its_expected_answer(case):
    """The query case's answer is exactly the reviewed one in tests/expected/."""
    name, params = CASES[case]
    text, suffix = answer(real_store(), name, params)
    expected = (EXPECTED / f"{case}.{suffix}").read_text(encoding="utf-8")
    assert text == expected
    header_lines = 0 if suffix == "nt" else 1
    assert text.count("\n") > header_lines, "a case must have at least one row"


def test_every_named_query_has_a_case():
    """No named query ships without an exact-answer case."""
    assert {q.name for q in named_queries(ROOT / "queries")} <= {name for name, _ in CASES.values()}


@pytest.mark.parametrize("path", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_named_query_has_a_complete_header(path):
    """Each named query starts with zh and en summaries, the question, the columns, and declares its parameters."""
    query = read_query(path)
    assert all(query.header[key].strip() for key in ("zh", "en", "question", "columns"))
    used = set(__import__("re").findall(r"\?_(\w+)", query.text.split("\n", len(query.header) + len(query.parameters))[-1]))
    assert used == set(query.parameters)
    for name, parameter in query.parameters.items():
        assert parameter.name == name and parameter.meaning and parameter.example, parameter


@pytest.mark.parametrize("path", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_every_parameter_takes_a_class_scheme_or_datatype_of_ours(path):
    """What each declared parameter takes is a class or concept scheme the ontology defines, or a datatype; its example fits it."""
    store = real_store()
    query = read_query(path)
    for parameter in query.parameters.values():
        if parameter.kind != "datatype" and parameter.takes != "rdf:Property":
            kind = "skos:ConceptScheme" if parameter.kind == "scheme" else "owl:Class"
            assert store.query(f"ASK {{ {parameter.takes} a {kind} }}", prefixes=PREFIXES), parameter
        bindings, _ = resolve_parameters(store, query, [f"{parameter.name}={parameter.example}"])
        assert set(bindings) == {parameter.name}


@pytest.mark.parametrize("line, column, problem", [
    pytest.param("# param ?_year: a year such as 2020 (optional)", 15, "what ?_year takes is missing", id="the-old-form"),
    pytest.param("# param year (xsd:gYear): the year, e.g. 2020", 9, "a parameter's name is ?_ and a word", id="no-question-mark"),
    pytest.param("# param ?_year (gYear): the year, e.g. 2020", 17, "TAKES must be a class", id="takes-not-a-curie"),
    pytest.param("# param ?_year (xsd:date): the year, e.g. 2020", 17, "TAKES must be a class", id="datatype-not-taken"),
    pytest.param("# param ?_year (xsd:gYear optional): the year, e.g. 2020", 26, "after TAKES comes `)`", id="optional-without-comma"),
    pytest.param("# param ?_year (xsd:gYear) the year, e.g. 2020", 27, "a colon must follow", id="no-colon"),
    pytest.param("# param ?_year (xsd:gYear): the year", 37, "the meaning must end with an example", id="no-example"),
])
def test_a_malformed_parameter_line_is_reported_where_it_goes_wrong(tmp_path, line, column, problem):
    """A `# param` line not of the form `# param ?_name (TAKES[, optional]): meaning, e.g. example` is a DataError at file:line:column with the fix."""
    from policykg.errors import DataError

    path = tmp_path / "bad.rq"
    path.write_text("# zh: 甲\n# en: a\n# question: q?\n# columns: x\n# param ?_fine (pk:Goal): a goal, e.g. goal:regional-centre\n"
                    f"{line}\nSELECT ?x WHERE {{ ?x ?p ?_year }}\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_query(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:6:{column}: {problem}")
    assert f"\n    {line}\n" in message and "fix: " in message and "# param ?_name (TAKES[, optional]): meaning, e.g. example" in message


def test_parameter_declarations_are_read_into_parameters(tmp_path):
    """Each `# param` line becomes a Parameter(name, takes, optional, meaning), in the order of the header."""
    from policykg.query import Parameter

    query = read_query(ROOT / "queries" / "projects.rq")
    assert list(query.parameters.values()) == [
        Parameter("status", "pkc:ProjectStatusScheme", True, "a project status, e.g. pkc:InProduction"),
        Parameter("year", "xsd:gYear", True, "the year of the status, e.g. 2020"),
    ]
    assert read_query(ROOT / "queries" / "entity-facts.rq").parameters["entity"].optional is False


@pytest.mark.parametrize("path", sorted((ROOT / "queries" / "checks").glob("*-violation.rq")), ids=lambda p: p.stem)
def test_check_query_has_a_header_and_the_shared_shape(path):
    """Each check says what it forbids (en and zh), why, its columns and the fix, and selects ?entity ?property ?value."""
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 5
    assert any(line.startswith("# Why:") for line in header) and any(line.startswith("# Fix:") for line in header)
    assert any(line.startswith("# Columns:") for line in header)
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in header)
    variables = [v.value for v in ox.Store().query(text).variables]
    assert variables == ["entity", "property", "value"]


def test_query_without_header_is_refused(tmp_path):
    """A named query file without its header is reported with the missing keys."""
    path = tmp_path / "bare.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(Exception, match="# zh:, # en:, # question:, # columns:"):
        read_query(path)


def test_query_command_shows_zh_labels_in_a_table(tmp_path, capsys):
    """`policykg query` prints an aligned table with zh labels instead of IRIs, and --list lists every query."""
    from conftest import copy_tree, run_script

    root = copy_tree(tmp_path / "tree")
    assert run_script(str(ROOT / "build_graph.py"), "--root", str(root)).returncode == 0
    code, out, _ = run_cli("query", "goal-measures", "--param", "goal=goal:industry-strong-city", "--root", str(root), capsys=capsys)
    assert code == 0
    assert out.splitlines()[2].split() == ["1", "聚焦聚力先进制造业", "聚焦聚力先进制造业"]
    assert out.rstrip().endswith("(4 rows)")
    code, out, _ = run_cli("query", "--list", "--root", str(root), capsys=capsys)
    queries = named_queries(ROOT / "queries")
    assert code == 0 and len(out.splitlines()) == len(queries) + sum(len(q.parameters) for q in queries)
    code, _, err = run_cli("query", "no-such-query", "--root", str(root), capsys=capsys)
    assert code == 2 and "no query named" in err
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s WHERE { ?s ?p \n", encoding="utf-8")
    code, _, err = run_cli("query", str(bad), "--root", str(root), capsys=capsys)
    assert code == 2 and "SPARQL syntax error at line 2, column 1:" in err


def test_targets_and_conflicts_commands(tmp_path, capsys):
    """`policykg targets` and `policykg conflicts` print their readable reports, and as CSV the query's columns."""
    from conftest import copy_tree, run_script

    root = copy_tree(tmp_path / "tree")
    assert run_script(str(ROOT / "build_graph.py"), "--root", str(root)).returncode == 0
    code, out, _ = run_cli("targets", "--root", str(root), "--format", "csv", capsys=capsys)
    assert code == 0 and out.startswith("indicator,subject,kind,actual2020,")
    assert out.replace("\r\n", "\n") == (EXPECTED / "plan-against-outcome.csv").read_text(encoding="utf-8")
    code, out, _ = run_cli("conflicts", "--root", str(root), capsys=capsys)
    assert code == 0 and "595.92亿元 (000) ≠ 749亿元 (001)，相差 153.08亿元" in out


def test_a_query_may_use_our_prefixes_without_declaring_them():
    """Undeclared prefixes of ours are supplied (only those used in the code, not in comments); declared ones are left alone."""
    bare = NamedQuery("-", ROOT / "-", "# e.g. goal:industry-strong-city\nSELECT ?m WHERE { ?_goal pk:hasMeasure ?m }", {}, {})
    assert bare.undeclared_prefixes == {"pk": PREFIXES["pk"]}
    result = run_query(real_store(), bare, dict([parse_parameter("goal=goal:industry-strong-city")]))
    assert len(list(result)) == 4
    assert all(query.undeclared_prefixes is None for query in named_queries(ROOT / "queries"))
    own = NamedQuery("-", ROOT / "-", "PREFIX pk: <http://example.org/>\nASK { ?s pk:x ?o }", {}, {})
    assert own.undeclared_prefixes is None and run_query(real_store(), own).__bool__() is False


def test_prefixes_cover_every_prefix_used_in_queries():
    """Every prefix a named query declares is bound to the same IRI as in the exports."""
    for path in (ROOT / "queries").rglob("*.rq"):
        for prefix, iri in __import__("re").findall(r"PREFIX (\w+): <([^>]+)>", path.read_text(encoding="utf-8")):
            assert PREFIXES.get(prefix, iri) == iri, (path.name, prefix)
