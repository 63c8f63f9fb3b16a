"""The command line as an analyst meets it (issue 14, item 7): parameters declared and checked against the
graph, `query --list` and `--describe`, prefixes after `/`, syntax errors with a caret, readable `targets`
and `conflicts`, `python -m policykg`, and the tree found from any folder inside it."""

import doctest
import importlib

import pytest

from policykg.namespaces import PREFIXES
from policykg.query import NamedQuery

from conftest import ROOT, run_cli, run_script


def test_doctests_of_query_quantities_and_text():
    """The examples in the docstrings of policykg.query, policykg.quantities and policykg.text hold."""
    for module in map(importlib.import_module, ("policykg.query", "policykg.quantities", "policykg.text")):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


# ---------------------------------------------------------------------------------------------------
# --list and --describe
# ---------------------------------------------------------------------------------------------------

def test_list_shows_each_parameter_with_what_it_takes(built_tree, capsys):
    """`query --list` gives, under each query, a line per parameter: its name, what it takes, optional or required, an example."""
    code, out, _ = run_cli("query", "--list", "--root", str(built_tree), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    projects = next(i for i, line in enumerate(lines) if line.startswith("projects "))
    assert [line.split() for line in lines[projects + 1:projects + 3]] == [
        ["--param", "status=…", "pkc:ProjectStatusScheme,", "optional;", "e.g.", "pkc:InProduction"],
        ["--param", "year=…", "xsd:gYear,", "optional;", "e.g.", "2020"],
    ]
    facts = lines.index(next(line for line in lines if line.startswith("entity-facts ")))
    assert lines[facts + 1].split() == ["--param", "entity=…", "pk:Entity,", "required;", "e.g.",
                                        "project:wanmo-acoustics-smart-manufacturing"]
    assert lines[facts + 2].startswith("events ")  # entity-facts has one parameter; events none


def test_describe_prints_question_columns_parameters_and_an_example(built_tree, capsys):
    """`query NAME --describe` prints the summaries, question, columns, each parameter with its meaning, and a command to run."""
    code, out, _ = run_cli("query", "goal-measures", "--describe", "--root", str(built_tree), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "goal-measures: The numbered measures of one goal, with their titles."
    assert "question:   What measures does the plan take towards this goal?" in lines
    assert "columns:    ordinal, measure, title" in lines
    assert ("  ?_goal  (pk:Goal, required): a goal of the plan (goal:industry-strong-city, goal:regional-centre, "
            "goal:opening-up-highland), e.g. goal:industry-strong-city") in lines
    assert lines[-2:] == ["example:", "  policykg query goal-measures --param goal=goal:industry-strong-city"]
    # the example runs as printed
    code, out, _ = run_cli(*lines[-1].split()[1:], "--root", str(built_tree), capsys=capsys)
    assert code == 0 and out.rstrip().endswith("(4 rows)")


# ---------------------------------------------------------------------------------------------------
# Parameters checked against their declaration and the graph
# ---------------------------------------------------------------------------------------------------

def test_an_iri_in_no_triple_is_refused_with_the_closest_names(built_tree, capsys):
    """A parameter IRI that no triple of the graph has exits 2: no entity <curie> in the graph; did you mean …, closest first."""
    code, out, err = run_cli("query", "indicator-over-periods", "--param", "indicator=ind:gdpp", "--root", str(built_tree), capsys=capsys)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == "policykg: no entity ind:gdpp in the graph; did you mean 地区生产总值 (ind:gdp)?"
    code, _, err = run_cli("query", "entity-facts", "--param", "entity=project:wanmo-acoustic", "--root", str(built_tree), capsys=capsys)
    assert code == 2
    assert err.startswith("policykg: no entity project:wanmo-acoustic in the graph; did you mean 万魔声学 (company:wanmo-acoustics), "
                          "万魔声学智造群项目 (project:wanmo-acoustics-smart-manufacturing)")


def test_a_class_parameter_may_be_given_by_name(built_tree, capsys):
    """A name (label or spelling variant) of exactly one value of the parameter's class or scheme is that value."""
    by_iri = run_cli("query", "entity-facts", "--param", "entity=project:wanmo-acoustics-smart-manufacturing",
                     "--root", str(built_tree), capsys=capsys)
    by_name = run_cli("query", "entity-facts", "--param", "entity=万魔声学智造群项目", "--root", str(built_tree), capsys=capsys)
    assert by_iri[0] == by_name[0] == 0 and by_iri[1] == by_name[1] and by_name[1].rstrip().endswith("(20 rows)")
    code, out, _ = run_cli("query", "projects", "--param", "status=投产", "--param", "year=2020", "--root", str(built_tree), capsys=capsys)
    assert code == 0 and out.rstrip().endswith("(3 rows)")


def test_an_ambiguous_name_lists_the_candidates(built_tree, capsys):
    """A name two entities share (万魔声学: the company, and a variant of its project) exits 2 listing both with label, class and IRI."""
    code, _, err = run_cli("query", "entity-facts", "--param", "entity=万魔声学", "--root", str(built_tree), capsys=capsys)
    assert code == 2
    assert err.splitlines()[:3] == [
        "policykg: ?_entity (pk:Entity): '万魔声学' names 2 entities:",
        "  万魔声学  [Company]  company:wanmo-acoustics",
        "  万魔声学智造群项目  [Project]  project:wanmo-acoustics-smart-manufacturing",
    ]


@pytest.mark.parametrize("args, first_line, fix", [
    pytest.param(("awards", "--param", "year=twenty"), "policykg: ?_year takes a year (xsd:gYear), not 'twenty'",
                 "  fix: --param year=2020", id="a-year-that-is-not-a-year"),
    pytest.param(("indicator-over-periods", "--param", "indicator=project:wanmo-acoustics-smart-manufacturing"),
                 "policykg: project:wanmo-acoustics-smart-manufacturing (万魔声学智造群项目) is pk:Project, not pk:Indicator: "
                 "?_indicator takes the indicator, e.g. ind:gdp", "  fix: --param indicator=ind:gdp", id="an-entity-of-another-class"),
    pytest.param(("projects", "--param", "status=pkc:Aspiration"),
                 "policykg: pkc:Aspiration (力争) is skos:Concept, not pkc:ProjectStatusScheme: ?_status takes a project status, "
                 "e.g. pkc:InProduction", "  fix: --param status=pkc:InProduction", id="a-concept-of-another-scheme"),
    pytest.param(("entity-facts",), "policykg: query entity-facts needs ?_entity: the entity, by IRI or name, "
                 "e.g. project:wanmo-acoustics-smart-manufacturing",
                 "  fix: policykg query entity-facts --param entity=project:wanmo-acoustics-smart-manufacturing", id="a-required-one-missing"),
    pytest.param(("entity-facts", "--param", "entity=<http://x> } SERVICE <http://127.0.0.1:9/> {"),
                 "policykg: ?_entity (pk:Entity): '<http://x> } SERVICE <http://127.0.0.1:9/> {' is not an IRI",
                 "  fix: pass a prefixed name or <iri>, or a name, e.g. project:wanmo-acoustics-smart-manufacturing",
                 id="text-in-angle-brackets-that-is-no-iri"),
    pytest.param(("awards", "--param", "yaer=2020"), "policykg: query awards has no parameter ?_yaer",
                 "  fix: policykg query awards --describe shows each parameter with an example", id="an-unknown-name"),
])
def test_a_wrong_parameter_exits_2_with_the_fix(built_tree, capsys, args, first_line, fix):
    """A value of the wrong kind, a required parameter not given, a parameter the query does not declare: exit 2, what is wrong and the fix."""
    code, out, err = run_cli("query", *args, "--root", str(built_tree), capsys=capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == first_line and lines[-1] == fix


def test_an_unknown_parameter_lists_the_declared_ones(built_tree, capsys):
    """A parameter name the query does not declare is answered with every one it does declare."""
    code, _, err = run_cli("query", "projects", "--param", "state=pkc:InProduction", "--root", str(built_tree), capsys=capsys)
    assert code == 2
    assert err.splitlines()[1] == ("  it takes: --param status=… (pkc:ProjectStatusScheme, optional: a project status, e.g. pkc:InProduction); "
                                   "--param year=… (xsd:gYear, optional: the year of the status, e.g. 2020)")


def test_an_optional_parameter_not_given_is_noted_and_the_query_runs(built_tree, capsys):
    """An optional parameter not given: a note on stderr says the query runs over every value (or its default), and the rows come."""
    code, out, err = run_cli("query", "awards", "--root", str(built_tree), capsys=capsys)
    assert code == 0 and out.rstrip().endswith("(24 rows)")
    assert err == "note: query awards runs over every year: pass --param year=… for one, e.g. 2020\n"
    code, out, err = run_cli("query", "strategy-tree", "--root", str(built_tree), capsys=capsys)
    assert code == 0 and err == ("note: query strategy-tree uses its default ?_strategy (strategy:one-body-two-wings): "
                                 "pass --param strategy=… for another, e.g. strategy:one-body-two-wings\n")
    code, _, err = run_cli("query", "awards", "--param", "year=2020", "--root", str(built_tree), capsys=capsys)
    assert code == 0 and err == ""


# ---------------------------------------------------------------------------------------------------
# Prefixes anywhere a name can start; syntax errors
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    pytest.param("SELECT * WHERE { ?o pk:indicator/rdfs:label ?l }", id="after-slash"),
    pytest.param("SELECT * WHERE { ?l ^rdfs:label ?o }", id="after-caret"),
    pytest.param("SELECT * WHERE { ?o pk:x|rdfs:label ?l }", id="after-bar"),
    pytest.param("SELECT * WHERE { ?o (rdfs:label) ?l }", id="after-parenthesis"),
    pytest.param("SELECT * WHERE { ?o !rdfs:label ?l }", id="after-bang"),
    pytest.param("SELECT * WHERE { ?o ?p ?l FILTER(?p IN (pk:x,rdfs:label)) }", id="after-comma"),
])
def test_an_undeclared_prefix_is_found_wherever_a_name_starts(code):
    """rdfs: right after `/`, `^`, `|`, `(`, `!` or `,` counts as used, so the engine is handed it (no "Prefix not found")."""
    query = NamedQuery("-", ROOT / "-", code, {}, {})
    assert "rdfs" in query.undeclared_prefixes
    import pyoxigraph as ox

    ox.Store().query(code, prefixes=query.undeclared_prefixes)  # parses


def test_prefixes_inside_iris_strings_and_comments_do_not_count():
    """A prefix-like text inside <…>, a string (either quote, long or short) or a comment is not a use of that prefix."""
    code = ('SELECT * WHERE { ?s <http://x/skos:a> "rdfs:b" ; <urn:owl:c> \'\'\'foaf:d\'\'\' . ?s ?p "xsd:e" } # time:x\n'
            "# org:y\nASK { ?s pk:p ?o }")
    assert NamedQuery("-", ROOT / "-", code, {}, {}).undeclared_prefixes == {"pk": PREFIXES["pk"]}


def test_a_path_with_a_prefix_after_slash_runs_from_the_command_line(built_tree, tmp_path, capsys):
    """`?o pk:indicator/rdfs:label ?l` with no PREFIX lines runs (it failed with "Prefix not found")."""
    query = tmp_path / "path.rq"
    query.write_text('SELECT ?l WHERE { ?o pk:indicator/rdfs:label ?l . FILTER(?l = "地区生产总值"@zh) } LIMIT 1\n', encoding="utf-8")
    code, out, err = run_cli("query", str(query), "--root", str(built_tree), capsys=capsys)
    assert (code, err) == (0, "") and out.splitlines()[2] == "地区生产总值"


def test_a_syntax_error_shows_line_column_the_line_and_a_caret(built_tree, tmp_path, capsys):
    """A query that does not parse exits 2 with `line L, column C`, the offending line and a caret under the column, no character ranges."""
    query = tmp_path / "bad.rq"
    query.write_text("# mine\nSELECT ?s WHERE { ?s pk:indicator ?_x } LIMIT x\n", encoding="utf-8")
    # the place is in the text as written, not as bound (the VALUES block of --param goes on that line)
    code, out, err = run_cli("query", str(query), "--param", "x=ind:gdp", "--root", str(built_tree), capsys=capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"policykg: {query}: SPARQL syntax error at line 2, column 47: expected one of HAVING, OFFSET, OPTIONAL, VALUES"
    assert lines[1:3] == ["    SELECT ?s WHERE { ?s pk:indicator ?_x } LIMIT x", "                                                  ^"]
    assert "'\\u{" not in err and "..=" not in err and lines[-1] == "  fix: correct the query at that line and column"


# ---------------------------------------------------------------------------------------------------
# targets and conflicts, readable
# ---------------------------------------------------------------------------------------------------

def test_targets_shows_values_as_written_and_changes_in_the_articles_scale(built_tree, capsys):
    """`targets`: the actual and target as the articles write them with comparators in words, the commitment, the change in 亿/万."""
    code, out, _ = run_cli("targets", "--root", str(built_tree), capsys=capsys)
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows[0] == ["指标", "对象", "类别", "2020年实际", "2021年目标", "承诺", "变化", "来源（实际", "→", "目标）"]
    assert rows[2] == ["农产品加工业总产值", "衡阳市", "总量", "超过1600亿元", "1500亿元以上", "计划", "−100亿元", "001", "→", "002"]
    assert rows[4] == ["粮食播种面积", "衡阳市", "总量", "746万亩", "800万亩以上", "确保", "+54万亩", "001", "→", "002"]
    assert rows[10] == ["旅游总收入", "衡阳市", "增速", "7%", "13%以上", "计划", "+6个百分点", "001", "→", "002"]
    assert rows[-1] == ["(10", "rows)"] and "10000000000" not in out


def test_targets_in_english(built_tree, capsys):
    """`targets --lang en`: en labels, numbers in billion/million with the unit, comparators and commitments in English words."""
    code, out, _ = run_cli("targets", "--lang", "en", "--root", str(built_tree), capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert [cell.strip() for cell in lines[2].split("  ") if cell.strip()] == [
        "output of agricultural product processing", "Hengyang", "level", "more than 160 billion yuan",
        "at least 150 billion yuan", "plan to", "−10 billion yuan", "001 → 002"]
    assert [cell.strip() for cell in lines[3].split("  ") if cell.strip()][5] == "strive to"
    assert [cell.strip() for cell in lines[4].split("  ") if cell.strip()][5] == "ensure"


def test_conflicts_are_readable_blocks(built_tree, capsys):
    """`conflicts`: per figure its labels, the two values as written with their articles and how far apart, and both sentences."""
    code, out, _ = run_cli("conflicts", "--root", str(built_tree), capsys=capsys)
    assert code == 0
    blocks = out.split("\n\n")
    assert blocks[1].splitlines() == [
        "完成投资 · 市重点项目 · 2020年 · 总量",
        "  595.92亿元 (000) ≠ 749亿元 (001)，相差 153.08亿元",
        "  000 「283个市重点项目完成投资595.92亿元」",
        "  001 「28个省重点项目、283个市重点项目进展顺利，分别完成投资252亿元、749亿元」",
    ]
    assert "  155.94% (001) ≠ 175.8% (003)，相差 19.86个百分点" in out and blocks[-1] == "(6 处不一致)\n"
    code, out, _ = run_cli("conflicts", "--lang", "en", "--root", str(built_tree), capsys=capsys)
    assert "  59.592 billion yuan (000) ≠ 74.9 billion yuan (001), 15.308 billion yuan apart" in out.splitlines()


# ---------------------------------------------------------------------------------------------------
# No repeated rows
# ---------------------------------------------------------------------------------------------------

def test_entity_facts_show_observation_values_not_their_iris(built_tree, capsys):
    """entity-facts lists an observation by its value as written, indicator and period, and no fact twice."""
    code, out, _ = run_cli("query", "entity-facts", "--param", "entity=project:wanmo-acoustics-smart-manufacturing",
                           "--root", str(built_tree), capsys=capsys)
    assert code == 0
    rows = [line.split()[:5] for line in out.splitlines()[2:-1]]
    assert ["观测值", "2000万元", "产值", "2020年6月", "004"] in rows
    assert not any("obs:" in line or "claim:" in line for line in out.splitlines())
    assert [row[:2] for row in rows].count(["归属关键词", "关键词"]) == 1  # was twice, once per evidence sentence of the entity
    shown = [line for line in out.splitlines()[2:-1]]
    assert len(shown) == len(set(shown)) == 20


def test_no_named_query_repeats_a_row_in_its_table(built_tree, capsys):
    """No query case's table (labels) or answer (IRIs) repeats a row, nor a row that differs only in its source (the
    sources are one cell) or in its class (the most specific one is shown)."""
    from query_cases import CASES

    for case, (name, params) in sorted(CASES.items()):
        if (ROOT / "tests" / "expected" / f"{case}.nt").exists():  # a CONSTRUCT: triples, a set
            continue
        args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
        code, out, _ = run_cli("query", name, *args, "--root", str(built_tree), capsys=capsys)
        table = out.splitlines()[2:-1]
        assert code == 0 and len(table) == len(set(table)), case
        code, out, _ = run_cli("query", name, *args, "--root", str(built_tree), "--format", "tsv", capsys=capsys)
        assert code == 0, case
        header, *rows = out.splitlines()
        columns = header.split("\t")
        assert len(rows) == len(set(rows)), case
        for soft in ("?source", "?class"):
            if soft in columns:
                at = columns.index(soft)
                keys = [tuple(cells[:at] + cells[at + 1:]) for cells in (row.split("\t") for row in rows)]
                assert len(keys) == len(set(keys)), (case, soft)


# ---------------------------------------------------------------------------------------------------
# python -m policykg, and the tree found from inside it
# ---------------------------------------------------------------------------------------------------

def test_python_dash_m_policykg_runs_the_command_line():
    """`python -m policykg --help` prints the command line's help, and exits 0."""
    result = run_script("-m", "policykg", "--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: policykg ")


def test_the_tree_is_found_from_a_folder_inside_it(built_tree):
    """With no --root, a command run in a sub-folder of the tree finds the tree (and its dist/) as git finds a repository."""
    result = run_script("-m", "policykg", "query", "goal-measures", "--param", "goal=goal:industry-strong-city",
                        cwd=built_tree / "triples" / "claims")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2].split() == ["1", "聚焦聚力先进制造业", "聚焦聚力先进制造业"]


def test_outside_any_tree_the_error_says_so_and_how_to_fix_it(tmp_path):
    """With no --root outside any tree: exit 2, the folder looked from, and the fix (run inside the tree, or pass --root)."""
    result = run_script("-m", "policykg", "query", "--list", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"policykg: not inside a policykg tree: neither {tmp_path.resolve()} nor any folder above it holds ontology/ and triples/",
        "  fix: run the command from inside the tree (any folder of it will do), or pass --root with the folder that holds "
        "ontology/, triples/ and sources/",
    ]
