"""The build end to end on a temporary copy of the tree: the files it writes, and that they round-trip."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from policykg.build import OUTPUT_FILES
from policykg.namespaces import PREFIXES
from policykg.reason import INFERRED_GRAPH

from conftest import ROOT, copy_tree, run_cli, run_script


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A tree copy built once for this module; returns its dist/ folder."""
    root = copy_tree(tmp_path_factory.mktemp("built"))
    result = run_script(str(ROOT / "build_graph.py"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root / "dist"


def test_build_writes_every_output_file(built: Path):
    """A build writes exactly the promised files, none of them empty, and no temporary file is left."""
    assert sorted(p.name for p in built.iterdir()) == sorted(OUTPUT_FILES)
    assert all((built / name).stat().st_size > 0 for name in OUTPUT_FILES)


def test_build_prints_a_summary(tree: Path, capsys):
    """The summary names triples, entities per class, claims per source, the checks and the time taken."""
    code, out, _ = run_cli("build", "--root", str(tree), capsys=capsys)
    assert code == 0
    for heading in ("triples:", "entities per class:", "claims per source:", "checks:", "wrote 7 files"):
        assert heading in out
    assert "pk:SourceArticle" in out


def quads_parsed_by_pyoxigraph(path: Path, fmt: ox.RdfFormat) -> set:
    return set(ox.parse(path=str(path), format=fmt))


@pytest.mark.parametrize(
    ("name", "oxigraph_format", "rdflib_format", "with_graphs"),
    [
        pytest.param("graph.ttl", ox.RdfFormat.TURTLE, "turtle", False, id="turtle"),
        pytest.param("graph.trig", ox.RdfFormat.TRIG, "trig", True, id="trig"),
        pytest.param("graph.nq", ox.RdfFormat.N_QUADS, "nquads", True, id="nquads"),
        pytest.param("graph.jsonld", ox.RdfFormat.JSON_LD, "json-ld", True, id="jsonld"),
    ],
)
def test_export_parses_back_with_both_libraries(built: Path, name, oxigraph_format, rdflib_format, with_graphs):
    """Each export parses with pyoxigraph and with rdflib to the same number of statements as the build counted."""
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    expected = sum(report["triples_per_graph"].values()) if with_graphs else report["triples"]
    parsed = quads_parsed_by_pyoxigraph(built / name, oxigraph_format)
    assert len(parsed) == expected
    if with_graphs:
        dataset = rdflib.Dataset()
        dataset.parse(built / name, format=rdflib_format)
        assert len(list(dataset.quads((None, None, None, None)))) == expected
    else:
        assert len(rdflib.Graph().parse(built / name, format=rdflib_format)) == expected


def test_ontology_owl_is_rdf_xml_of_the_ontology(built: Path):
    """ontology.owl is RDF/XML declaring the ontology, parsable by rdflib, with every class of policykg.ttl."""
    graph = rdflib.Graph().parse(built / "ontology.owl", format="xml")
    ontology = rdflib.Graph().parse(ROOT / "ontology" / "policykg.ttl")
    classes = set(ontology.subjects(rdflib.RDF.type, rdflib.OWL.Class))
    assert classes and classes <= set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Class))
    assert (rdflib.URIRef(PREFIXES["pk"]), rdflib.RDF.type, rdflib.OWL.Ontology) in graph


def test_turtle_binds_every_prefix_it_uses(built: Path):
    """graph.ttl uses only our prefixes: no rdflib-invented ns1:, no default prefixes we did not choose."""
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    declared = {line.split()[1].rstrip(":") for line in text.splitlines() if line.startswith("@prefix")}
    assert declared <= set(PREFIXES)
    assert "ns1:" not in text and "@prefix ns" not in text


def test_named_graphs_are_the_source_articles_and_the_inferences(built: Path):
    """Every named graph in graph.nq is a described source article, or the graph of inferences, which says it is inferred."""
    quads = quads_parsed_by_pyoxigraph(built / "graph.nq", ox.RdfFormat.N_QUADS)
    graphs = {quad.graph_name for quad in quads if isinstance(quad.graph_name, ox.NamedNode)}
    sources = {t.subject for t in ox.parse(path=str(ROOT / "triples" / "sources.ttl"), format=ox.RdfFormat.TURTLE)}
    assert graphs - sources == {INFERRED_GRAPH}
    assert ox.Quad(INFERRED_GRAPH, ox.NamedNode(str(rdflib.RDFS.label)), ox.Literal("inferred", language="en"), INFERRED_GRAPH) in quads


def test_two_builds_give_identical_bytes(tmp_path: Path):
    """Two builds in separate processes with different hash seeds write byte-identical files."""
    root = copy_tree(tmp_path / "tree")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        result = run_script(str(ROOT / "build_graph.py"), "--root", str(root), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({name: (out / name).read_bytes() for name in OUTPUT_FILES})
    for name in OUTPUT_FILES:
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two builds"


def test_report_json_records_counts_and_checks(built: Path):
    """report.json holds the triple counts, entities per class and the outcome of every check."""
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["entities_per_class"]["pk:SourceArticle"] == 5
    assert report["triples"] == len(set(ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)))
    assert {check["name"] for check in report["checks"]} >= {"evidence-in-source", "source-file-exists"}
    assert all(check["outcome"] == "passed" for check in report["checks"])


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "nt", "jsonld", "xml"])
def test_export_command_writes_each_format(tree: Path, tmp_path: Path, capsys, fmt):
    """`policykg export --format F -o FILE` writes a file that pyoxigraph parses."""
    output = tmp_path / f"graph.{fmt}"
    code, out, err = run_cli("export", "--root", str(tree), "--format", fmt, "-o", str(output), capsys=capsys)
    assert code == 0, err
    oxigraph_format = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
                       "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}[fmt]
    assert len(list(ox.parse(path=str(output), format=oxigraph_format))) > 0
    assert str(output) in out


def test_load_dataset_gives_an_rdflib_dataset_with_source_graphs(tree: Path):
    """The Python API returns an rdflib Dataset whose named graphs are the claims files' sources."""
    from policykg import load_dataset

    dataset = load_dataset(tree)
    assert isinstance(dataset, rdflib.Dataset)
    claims = sorted(p.stem for p in (tree / "triples" / "claims").glob("*.ttl"))
    graphs = sorted(str(g.identifier).rsplit("/", 1)[-1] for g in dataset.graphs() if str(g.identifier).startswith(PREFIXES["src"]))
    assert graphs == claims
