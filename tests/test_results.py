"""SPARQL results as bytes (policykg.results): every answer, read back, is the store's answer, in every
format, capped or not; the capped writers give pyoxigraph's bytes for the same rows; ASK, blank nodes,
language tags, datatypes, control characters, unbound variables and empty results; content negotiation."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from functools import cache

import pyoxigraph as ox
import pytest

from policykg.errors import UsageError
from policykg.query import format_results, load_built_graph, named_queries, run_query
from policykg.results import (CONTENT_TYPES, GRAPH_FORMATS, SELECT_FORMATS, FormatError, negotiate, result_kind,
                              write_result)

from conftest import ROOT

OX_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
              "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
QUERIES = {query.name: query for query in named_queries(ROOT / "queries")}
# A query's kind needs no data: run on an empty store, it already gives solutions, a boolean or triples
KINDS = {name: result_kind(run_query(ox.Store(), query)) for name, query in QUERIES.items()}
NAMED_CASES = [(name, fmt) for name, kind in KINDS.items() for fmt in (GRAPH_FORMATS if kind == "triples" else SELECT_FORMATS)]
SPARQL_NS = "{http://www.w3.org/2005/sparql-results#}"

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
# Objects of ex:p, one subject each (in this order): every kind of term a result may hold
ZOO = [
    ox.Literal("plain"),
    ox.Literal("chat", language="en"),
    ox.Literal("衡阳", language="zh-Hans"),
    ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("-1.50", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("1.5E3", datatype=ox.NamedNode(XSD + "double")),
    ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("2020-01-02", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("七十 亿", datatype=ox.NamedNode(EX + "yuan")),
    ox.Literal('say "hi", then\nleave\ttab\\back 衡阳 595.92亿元'),
    ox.Literal("  padded, with spaces  "),
    ox.Literal(""),
    ox.Literal("right to left", language="ar", direction=ox.BaseDirection.RTL),
    ox.BlankNode("b1"),
    ox.NamedNode(EX + "o?a=1&b='c'"),
]
# Characters that need care: CR (read back as LF by XML parsers), C0 controls XML 1.0 cannot hold,
# C1 controls and the line ends XML 1.1 normalises
CONTROLS = [ox.Literal("carriage\rreturn"), ox.Literal("start\x01 \x08 \x0b \x1f end"), ox.Literal("c1 \x7f \x85 \x9f and LS \u2028.")]
NOT_XML = [ox.Literal("nul\x00"), ox.Literal("non-character \ufffe"), ox.Literal("non-character \uffff")]
SELECT_OBJECTS = "PREFIX ex: <http://example.org/> SELECT ?s ?o ?extra WHERE { ?s ex:p ?o OPTIONAL { ?s ex:q ?extra } } ORDER BY ?s"


@pytest.fixture(scope="module")
def graph(built_tree) -> ox.Store:
    """The session's built graph (dist/graph.nq), loaded once."""
    return load_built_graph(built_tree / "dist" / "graph.nq")


@cache
def store_of(objects: tuple) -> ox.Store:
    """A store where ex:s00, ex:s01 … each have one of ``objects`` as ex:p; every other subject also an ex:q."""
    store = ox.Store()
    for index, term in enumerate(objects):
        subject = ox.NamedNode(f"{EX}s{index:02}")
        store.add(ox.Quad(subject, ox.NamedNode(EX + "p"), term))
        if index % 2:
            store.add(ox.Quad(subject, ox.NamedNode(EX + "q"), ox.Literal(index)))
    return store


def rows_of(result) -> list[tuple]:
    """A result's rows as tuples of terms (None where unbound)."""
    return [tuple(row) for row in result]


def lexical(term) -> str:
    """A term as SPARQL CSV writes it: an IRI plain, a blank node as _:label, a literal's lexical form."""
    if term is None:
        return ""
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def read_back(body: bytes, fmt: str) -> tuple[list[str], list[tuple]]:
    """The variables and rows of an answer as a parser reads it: pyoxigraph's, or the csv module for CSV
    (pyoxigraph does not read CSV, which loses the kind of term), giving strings."""
    if fmt == "csv":
        header, *rows = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
        return header, [tuple(row) or ("",) for row in rows]
    parsed = ox.parse_query_results(body, format=OX_FORMATS[fmt])
    return [variable.value for variable in parsed.variables], rows_of(parsed)


def expected_rows(rows: list[tuple], fmt: str) -> list[tuple]:
    """The store's rows as ``fmt`` carries them: terms, or their lexical forms in CSV."""
    return [tuple(lexical(term) for term in row) for row in rows] if fmt == "csv" else rows


def cut(data: bytes, rows: int) -> bytes:
    """The JSON answer ``data`` with its first ``rows`` solutions only."""
    document = json.loads(data)
    document["results"]["bindings"] = document["results"]["bindings"][:rows]
    return json.dumps(document).encode("utf-8")


def pyoxigraph_bytes(data: bytes, fmt: str) -> bytes:
    """What pyoxigraph writes in ``fmt`` for the solutions of the JSON answer ``data``."""
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=OX_FORMATS[fmt])


def assert_triples(body: bytes, fmt: str, expected: list, cap: int | None) -> None:
    """``body`` reads back as the ``expected`` triples, or as ``cap`` of them (distinct, as Turtle keeps them)."""
    triples = {quad.triple for quad in ox.parse(body, format=RDF_FORMATS[fmt])}
    if cap is None:
        assert triples == set(expected)
    else:
        assert triples <= set(expected) and len(triples) == len(set(expected[:cap]))


def ours(data: bytes, fmt: str, max_rows: int | None) -> tuple[bytes, bool]:
    """What write_result writes for the solutions of the JSON answer ``data``: the same rows, in the same order."""
    return write_result(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON), fmt, max_rows)


# ---------------------------------------------------------------------------------------------------
# The named queries on the built graph
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "fmt"), NAMED_CASES, ids=[f"{name}-{fmt}" for name, fmt in NAMED_CASES])
def test_named_query_answer_reads_back_as_the_stores(graph, name, fmt):
    """Written uncapped, capped at its size and capped one row short, a named query's answer reads back
    as the store's answer (in order: every named SELECT has an ORDER BY), and the truncated flag is exact."""
    query = QUERIES[name]
    if KINDS[name] == "triples":
        expected = list(run_query(graph, query))
        for max_rows in (None, len(expected), max(len(expected) - 1, 0)):
            body, truncated = write_result(run_query(graph, query), fmt, max_rows)
            assert truncated == (max_rows is not None and max_rows < len(expected))
            assert_triples(body, fmt, expected, max_rows if truncated else None)
        return
    assert re.search(r"\bORDER\s+BY\b", query.text, re.IGNORECASE), "compare in order only where the query orders"
    store_result = run_query(graph, query)
    variables, rows = [v.value for v in store_result.variables], rows_of(store_result)
    for max_rows in (None, len(rows), max(len(rows) - 1, 0)):
        body, truncated = write_result(run_query(graph, query), fmt, max_rows)
        assert truncated == (max_rows is not None and max_rows < len(rows))
        assert read_back(body, fmt) == (variables, expected_rows(rows[:max_rows], fmt))


@pytest.mark.parametrize(("name", "fmt"), [case for case in NAMED_CASES if case[1] in SELECT_FORMATS],
                         ids=[f"{name}-{fmt}" for name, fmt in NAMED_CASES if fmt in SELECT_FORMATS])
def test_capped_writer_gives_pyoxigraphs_bytes_on_named_queries(graph, name, fmt):
    """For the same rows, the capped writer's bytes are pyoxigraph's, whole or cut."""
    data = run_query(graph, QUERIES[name]).serialize(format=ox.QueryResultsFormat.JSON)
    size = len(json.loads(data)["results"]["bindings"])
    assert ours(data, fmt, size) == (pyoxigraph_bytes(data, fmt), False)
    assert ours(data, fmt, None) == (pyoxigraph_bytes(data, fmt), False)
    if size:
        assert ours(data, fmt, size // 2) == (pyoxigraph_bytes(cut(data, size // 2), fmt), True)


# ---------------------------------------------------------------------------------------------------
# Every kind of term, in a small store
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("max_rows", [None, 100, len(ZOO), len(ZOO) - 1, 1, 0])
@pytest.mark.parametrize("fmt", SELECT_FORMATS)
def test_every_kind_of_term_reads_back_exactly(fmt, max_rows):
    """IRIs, blank nodes, language tags (and a direction), datatypes, quotes, commas, newlines, tabs,
    backslashes, CJK, padding, empty strings and unbound variables read back as they are, and
    ``truncated`` says exactly whether rows were left out."""
    store = store_of(tuple(ZOO))
    rows = rows_of(store.query(SELECT_OBJECTS))
    assert len(rows) == len(ZOO) and any(row[2] is None for row in rows)
    body, truncated = write_result(store.query(SELECT_OBJECTS), fmt, max_rows)
    assert truncated == (max_rows is not None and max_rows < len(ZOO))
    assert read_back(body, fmt) == (["s", "o", "extra"], expected_rows(rows[:max_rows], fmt))


@pytest.mark.parametrize("fmt", SELECT_FORMATS)
@pytest.mark.parametrize("objects", [ZOO, CONTROLS, NOT_XML], ids=["terms", "controls", "not-xml"])
def test_capped_writer_gives_pyoxigraphs_bytes(objects, fmt):
    """For the same rows, whole or cut, the capped writer's bytes are pyoxigraph's; in XML, both paths
    make the same repairs (see test_xml_*)."""
    data = store_of(tuple(objects)).query(SELECT_OBJECTS).serialize(format=ox.QueryResultsFormat.JSON)
    if fmt == "xml" and objects is NOT_XML:
        for max_rows in (None, len(objects)):
            with pytest.raises(FormatError):
                ours(data, fmt, max_rows)
        return
    whole, part = pyoxigraph_bytes(data, fmt), pyoxigraph_bytes(cut(data, 2), fmt)
    if fmt == "xml" and objects is CONTROLS:
        # pyoxigraph writes the controls raw; the uncapped path repairs its bytes, the capped path ours, alike
        assert ours(data, fmt, None)[0] != whole
        whole, part = ours(data, fmt, None)[0], ours(cut(data, 2), fmt, None)[0]
    assert ours(data, fmt, len(objects)) == (whole, False)
    assert ours(data, fmt, None) == (whole, False)
    assert ours(data, fmt, 2) == (part, True)


def test_csv_and_tsv_write_terms_as_the_spec_says():
    """CSV: IRIs plain, blank nodes _:label, literals by their lexical form, quoted when they hold a comma,
    a quote or a line end, CRLF line ends. TSV: ?var headers, terms in Turtle syntax, escaped."""
    store = store_of(tuple(ZOO))
    text = write_result(store.query(SELECT_OBJECTS), "csv")[0].decode("utf-8")
    assert text.startswith("s,o,extra\r\n") and text.endswith("\r\n")
    assert f"{EX}s13,_:b1,13\r\n" in text and f"{EX}s14,{EX}o?a=1&b='c',\r\n" in text
    assert '"say ""hi"", then\nleave\ttab\\back 衡阳 595.92亿元"' in text and ',"  padded, with spaces  ",' in text
    assert f"{EX}s03,42,3\r\n" in text and f"{EX}s05,1500,5\r\n" in text and f"{EX}s02,衡阳,\r\n" in text
    text = write_result(store.query(SELECT_OBJECTS), "tsv")[0].decode("utf-8")
    assert text.startswith("?s\t?o\t?extra\n")
    assert f"<{EX}s13>\t_:b1\t13\n" in text and f"<{EX}s02>\t\"衡阳\"@zh-hans\t\n" in text
    assert '"say \\"hi\\", then\\nleave\\ttab\\\\back 衡阳 595.92亿元"' in text
    assert "\t-1.5\t" in text and f'\t"1500"^^<{XSD}double>\t' in text and f'\t"2020-01-02"^^<{XSD}date>\t' in text
    assert f'\t"七十 亿"^^<{EX}yuan>\t' in text and '\t"right to left"@ar--rtl\t' in text


@pytest.mark.parametrize("fmt", SELECT_FORMATS)
def test_empty_results_and_unbound_rows(fmt):
    """No rows: the header alone; a row with nothing bound: an empty row; both read back."""
    store = store_of(tuple(ZOO))
    for query, rows in (("SELECT ?s ?o WHERE { ?s <http://example.org/none> ?o }", []),
                        ("SELECT ?x WHERE {}", [(None,)])):
        for max_rows in (None, 5, 1, 0):
            body, truncated = write_result(store.query(query), fmt, max_rows)
            assert truncated == (max_rows == 0 and len(rows) > 0)
            variables = [v.value for v in store.query(query).variables]
            assert read_back(body, fmt) == (variables, expected_rows(rows[:max_rows], fmt))
    assert write_result(store.query("SELECT ?s ?o WHERE { ?s <http://example.org/none> ?o }"), "csv")[0] == b"s,o\r\n"


@pytest.mark.parametrize("max_rows", [None, 1])
@pytest.mark.parametrize("fmt", SELECT_FORMATS)
@pytest.mark.parametrize("value", [True, False])
def test_ask_in_every_format(value, fmt, max_rows):
    """ASK answers in every results format, never as XML labelled CSV: JSON and XML as the specs say,
    CSV and TSV as the bare word (SPARQL 1.1 gives them no boolean form; pyoxigraph's TSV parser reads it)."""
    query = "ASK {}" if value else "ASK { FILTER(false) }"
    body, truncated = write_result(ox.Store().query(query), fmt, max_rows)
    assert not truncated
    if fmt in ("csv", "tsv"):
        assert body == str(value).lower().encode()
    if fmt != "csv":
        assert bool(ox.parse_query_results(body, format=OX_FORMATS[fmt])) is value
    assert body == ox.Store().query(query).serialize(format=OX_FORMATS[fmt])
    assert (b"<?xml" in body) == (fmt == "xml")


# ---------------------------------------------------------------------------------------------------
# Characters XML cannot hold raw
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("max_rows", [None, 10])
def test_xml_with_a_cr_stays_xml_1_0_and_a_conforming_parser_reads_the_cr(max_rows):
    """A CR is written &#xD;, so an XML 1.0 parser (expat here) reads it as CR, not LF; pyoxigraph too."""
    store = store_of((ox.Literal("carriage\rreturn"), ox.Literal(" \r\n lead and trail \t")))
    body, _ = write_result(store.query(SELECT_OBJECTS), "xml", max_rows)
    assert body.startswith(b'<?xml version="1.0"?>') and b"\r" not in body
    objects = [binding.find(SPARQL_NS + "literal").text for binding in ET.fromstring(body).iter(SPARQL_NS + "binding")
               if binding.get("name") == "o"]
    assert objects == ["carriage\rreturn", " \r\n lead and trail \t"]
    assert read_back(body, "xml")[1] == rows_of(store.query(SELECT_OBJECTS))


@pytest.mark.parametrize("max_rows", [None, 10])
def test_xml_with_c0_controls_is_xml_1_1_with_character_references(max_rows):
    """U+0001 and the other C0 controls XML 1.0 forbids (even as references) make the answer XML 1.1,
    where they, the C1 controls, NEL and LS are character references; pyoxigraph reads every literal back."""
    store = store_of(tuple(CONTROLS))
    raw = store.query(SELECT_OBJECTS).serialize(format=ox.QueryResultsFormat.XML)
    assert b"\x01" in raw, "pyoxigraph writes U+0001 raw, which no XML parser may accept"
    body, _ = write_result(store.query(SELECT_OBJECTS), "xml", max_rows)
    assert body.startswith(b'<?xml version="1.1"?>')
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80\xa8", body)
    assert b"&#x1;" in body and b"&#x85;" in body and b"&#x2028;" in body and b"&#xD;" in body
    assert read_back(body, "xml")[1] == rows_of(store.query(SELECT_OBJECTS))


@pytest.mark.parametrize("max_rows", [None, 10])
@pytest.mark.parametrize("term", NOT_XML, ids=["U+0000", "U+FFFE", "U+FFFF"])
def test_characters_no_xml_can_carry_are_refused_in_xml_and_kept_elsewhere(term, max_rows):
    """U+0000, U+FFFE and U+FFFF are not XML characters, not even as references: XML is refused with a
    FormatError naming the character (the server answers 406), and JSON, TSV and CSV carry them."""
    store = store_of((term,))
    with pytest.raises(FormatError, match=f"U\\+{ord(term.value[-1]):04X}.*JSON, TSV or CSV"):
        write_result(store.query(SELECT_OBJECTS), "xml", max_rows)
    for fmt in ("json", "tsv", "csv"):
        body, _ = write_result(store.query(SELECT_OBJECTS), fmt, max_rows)
        assert read_back(body, fmt)[1] == expected_rows(rows_of(store.query(SELECT_OBJECTS)), fmt)


# ---------------------------------------------------------------------------------------------------
# Triples, formats, negotiation and the command line's text
# ---------------------------------------------------------------------------------------------------

CONSTRUCT_OBJECTS = "PREFIX ex: <http://example.org/> CONSTRUCT { ?s ex:p ?o } WHERE { ?s ex:p ?o }"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_triples_read_back_capped_or_not(fmt):
    """CONSTRUCT answers in Turtle and N-Triples read back as the store's triples; a cap keeps that many."""
    store = store_of(tuple(ZOO))
    expected = list(store.query(CONSTRUCT_OBJECTS))
    assert len(expected) == len(ZOO)
    for max_rows, truncated in ((None, False), (len(ZOO), False), (3, True), (0, True)):
        body, was_cut = write_result(store.query(CONSTRUCT_OBJECTS), fmt, max_rows)
        assert was_cut is truncated
        assert_triples(body, fmt, expected, max_rows if truncated else None)


def test_a_format_for_another_kind_of_result_is_refused():
    """Rows are not written as Turtle nor triples as JSON; a negative cap is a programming error."""
    store = store_of(tuple(ZOO))
    with pytest.raises(FormatError, match="SELECT query gives solutions: write it as json, xml, csv, tsv, not ttl"):
        write_result(store.query(SELECT_OBJECTS), "ttl")
    with pytest.raises(FormatError, match="ASK"):
        write_result(store.query("ASK {}"), "nt")
    with pytest.raises(FormatError, match="CONSTRUCT or DESCRIBE query gives triples: write it as ttl, nt, not json"):
        write_result(store.query(CONSTRUCT_OBJECTS), "json", 10)
    with pytest.raises(ValueError, match="max_rows"):
        write_result(store.query(SELECT_OBJECTS), "json", -1)
    assert issubclass(FormatError, UsageError)


def test_every_format_has_its_content_type():
    """Each format has its media type; CSV, TSV and Turtle say UTF-8."""
    assert CONTENT_TYPES == {
        "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
        "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
        "ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples",
    }


@pytest.mark.parametrize(("accept", "kind", "expected"), [
    ("", "solutions", "json"),
    ("*/*", "solutions", "json"),
    ("*/*", "boolean", "json"),
    ("", "triples", "ttl"),
    ("*/*", "triples", "ttl"),
    ("*", "triples", "ttl"),
    ("application/sparql-results+xml", "solutions", "xml"),
    ("application/sparql-results+json,application/json,text/javascript,application/javascript", "solutions", "json"),
    ("text/csv", "boolean", "csv"),
    ("TEXT/Tab-Separated-Values; charset=utf-8", "solutions", "tsv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "solutions", "xml"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.4", "solutions", "csv"),
    ("text/csv;q=0, */*", "solutions", "json"),
    ("application/*", "solutions", "json"),
    ("application/*;q=0.3, text/*;q=0.5", "solutions", "csv"),
    ("text/*;q=0.9, text/csv;q=0", "solutions", "tsv"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "solutions", "xml"),
    ("text/csv, text/turtle", "solutions", "csv"),
    ("text/csv, text/turtle", "triples", "ttl"),
    ("application/turtle,text/turtle", "triples", "ttl"),
    ("application/n-triples", "triples", "nt"),
    ("text/plain", "triples", "nt"),
    ("text/*", "triples", "ttl"),
    ("text/turtle;q=0.2, application/n-triples;q=0.8", "triples", "nt"),
    ("text/html", "solutions", None),
    ("application/sparql-results+json;q=0", "solutions", None),
    ("*/*;q=0", "triples", None),
    ("text/turtle", "solutions", None),
    ("application/sparql-results+json", "triples", None),
    ("text/csv;q=abc", "solutions", None),
    ("text/csv;q=abc, application/xml;q=0.1", "solutions", "xml"),
    (" , ;q=1, text/csv", "solutions", "csv"),
])
def test_negotiate(accept, kind, expected):
    """Quality values (q=0 excludes), the most specific range winning, wildcards, our order on a tie,
    json and ttl by default, None when nothing is acceptable."""
    assert negotiate(accept, kind) == expected


@pytest.mark.parametrize("fmt", SELECT_FORMATS + GRAPH_FORMATS + ("table",))
def test_command_line_text_prints_the_written_bytes(fmt):
    """`policykg query --format F` prints what write_result writes: print() gives back the last line end,
    so CSV, TSV and Turtle reach standard output byte for byte (a blank last line would be one more row)."""
    store = store_of(tuple(ZOO))
    query = CONSTRUCT_OBJECTS if fmt in GRAPH_FORMATS else SELECT_OBJECTS
    printed = format_results(store.query(query), fmt, store) + "\n"
    if fmt == "table":
        assert printed.splitlines()[0].split() == ["s", "o", "extra"] and printed.endswith(f"({len(ZOO)} rows)\n")
        return
    body = write_result(store.query(query), fmt)[0].decode("utf-8")
    assert printed == (body if body.endswith("\n") else body + "\n")
    with pytest.raises(UsageError, match="use --format table"):
        format_results(store.query(query), "ttl" if fmt in SELECT_FORMATS else "json", store)
