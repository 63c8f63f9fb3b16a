"""The network model and its analysis (policykg.network): on the real graph of this checkout, built once
per module, with exact expectations; the `analyze` and `path` commands; and the GraphML, GEXF and CSV
files read back by networkx and by readers no one here wrote (python-igraph for GraphML, NetworKit for
GEXF, Python's csv module for CSV).
"""

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from policykg.entities import Index
from policykg.errors import UsageError
from policykg.load import load_tree
from policykg.namespaces import PREFIXES
from policykg.network import (
    EXACT_BETWEENNESS_MAX, analyse, build_network, describe_path, edges_path, find_paths, format_analysis,
    network_files, resolve_entity, write_network,
)
from policykg.reason import infer
from policykg.tree import Tree
from policykg.view import render_network_html

from conftest import ROOT, run_cli, run_script

PROJECT = PREFIXES["project"]
WANMO = PROJECT + "wanmo-acoustics-smart-manufacturing"
ONE_BODY_TWO_WINGS = PREFIXES["strategy"] + "one-body-two-wings"
CHAIN_LEADER_SYSTEM = PREFIXES["plan"] + "chain-leader-system"
CHAIN_BUILDING = PREFIXES["keyword"] + "000-industrial-chain-building"
MOMENTUM = PREFIXES["keyword"] + "001-momentum"
PK = PREFIXES["pk"]

#: What the curated graph gives today, pinned exactly. Like tests/expected/, these move with the data:
#: after a curation change, read the new figures off `policykg analyze --format json --top 0` and
#: `policykg path 万魔声学智造群项目 一体两翼` and review them before updating this block.
REAL = {
    "network": {"entities": 515, "relations": 830, "linked_pairs": 819, "communities": 44, "components": 31},
    "top_projects": [("byd-car-lamps", 8), ("wanmo-acoustics-smart-manufacturing", 6), ("oct-laiyan-new-town", 5),
                     ("shuikoushan-extension-industries-phase-1", 4)],
    "top_parks": ["hengyang-hi-tech-zone", "shuikoushan-copper-lead-zinc-industrial-base", "hengyang-international-eyewear-town"],
    "most_links": (MOMENTUM, 57),
    "community_sizes": [56, 56, 55, 48, 47, 36, 35, 33, 28, 23, 20, 19, 18, 11],
    "largest_component": 485,
    "isolated": 30,
    # 万魔声学智造群项目 → 一体两翼: the project and 链长制 are both reported under 000's keyword 产业链建设,
    # and 链长制 serves the strategy.
    "path": [WANMO, CHAIN_BUILDING, CHAIN_LEADER_SYSTEM, ONE_BODY_TWO_WINGS],
    "path_relations": [(WANMO, "reportedUnder", CHAIN_BUILDING), (CHAIN_LEADER_SYSTEM, "reportedUnder", CHAIN_BUILDING),
                       (CHAIN_LEADER_SYSTEM, "serves", ONE_BODY_TWO_WINGS)],
    "path_evidence": [("000", "我市万魔声学智造群项目从注册到投产仅用20天"),
                      ("000", "我市创新建立产业发展“链长制”，优势产业链重点项目加速推进"),
                      ("000", "2020年，我市提出实施“一体两翼”发展战略，加快建设名副其实的省域副中心城市、现代产业强市和最美地级市，"
                              "全市上下围绕这一发展目标，想了许多办法，出了不少新招，推出了链长制、“船山论坛”等新举措，"
                              "成立了祝融学院、企业上市辅导中心等新平台，提升了“城市高度”")],
}


# ---------------------------------------------------------------------------------------------
# The real graph, once per module
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    """The graph of this checkout with what the rules infer: what `policykg build` writes to dist/graph.nq."""
    loaded = load_tree(Tree.at(ROOT))
    return loaded.quads + infer(loaded)


@pytest.fixture(scope="module")
def index(quads) -> Index:
    return Index(quads)


@pytest.fixture(scope="module")
def graph(index):
    return build_network(index=index)


@pytest.fixture(scope="module")
def analysis(graph):
    return analyse(graph)


@pytest.fixture(scope="module")
def built(tmp_path_factory, quads) -> Path:
    """The same dataset as a built graph.nq, for the command line's --graph."""
    path = tmp_path_factory.mktemp("built") / "graph.nq"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory, graph) -> Path:
    """The three network files, written once into one folder."""
    folder = tmp_path_factory.mktemp("network")
    for fmt, name in (("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("csv", "graph.csv")):
        write_network(graph, fmt, folder / name)
    return folder


def page_data(html: bytes) -> dict:
    return json.loads(re.search(rb'id="pk-data">(.*?)</script>', html, re.S).group(1))


# ---------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------

def test_the_model_is_what_the_view_draws(quads, graph):
    """The model holds the entities and stated relations the view draws, node for node and edge for edge, as many as an
    independent SPARQL count finds (test_view.expected_counts) and as pinned in REAL."""
    from test_view import expected_counts

    counts = (graph.number_of_nodes(), graph.number_of_edges())
    assert counts == expected_counts(quads) == (REAL["network"]["entities"], REAL["network"]["relations"])
    data = page_data(render_network_html(quads))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(graph.nodes[n]["curie"] for n in graph)
    assert sorted((e["from"], e["p"], e["to"]) for e in data["edges"]) == sorted(
        (graph.nodes[s]["curie"], d["property"], graph.nodes[o]["curie"]) for s, o, d in graph.edges(data=True))


def test_nodes_and_edges_carry_labels_class_and_sources(graph):
    """A node has its class and zh/en labels; an edge its property, the property's labels and the articles stating it."""
    assert graph.nodes[WANMO] == {"cls": "Project", "zh": "万魔声学智造群项目",
                                  "en": "1MORE acoustics smart manufacturing cluster project",
                                  "curie": "project:wanmo-acoustics-smart-manufacturing"}
    edge = graph.get_edge_data(WANMO, PREFIXES["company"] + "wanmo-acoustics")[PK + "developedBy"]
    assert edge == {"property": "pk:developedBy", "zh": "建设企业", "en": "developed by", "sources": ("000", "001", "003", "004")}


def test_no_inferred_link_is_an_edge(graph):
    """The inferred inverses and transitive links stay out: China's only stated link inward is Hunan's pk:locatedIn."""
    china = PREFIXES["area"] + "china"
    located = sorted(s for s, _, p in graph.in_edges(china, keys=True) if p == PK + "locatedIn")
    assert located == [PREFIXES["area"] + "hunan"]
    assert all("hy:inferred" not in data["sources"] for _, _, data in graph.edges(data=True))


def test_observations_are_node_attributes_on_request(index):
    """build_network(observations=True) puts each entity's observations on its node, as rows."""
    with_obs = build_network(index=index, observations=True)
    rows = with_obs.nodes[WANMO]["observations"]
    assert {row["ind"] for row in rows} >= {"ind:registration-to-production-time"}
    assert all(row["ev"] for row in rows)


# ---------------------------------------------------------------------------------------------
# Analysis
# ---------------------------------------------------------------------------------------------

def test_the_most_central_projects_by_degree(graph, analysis):
    """比亚迪车灯 has the most stated relations of any project, then 万魔声学; ties in IRI order (REAL["top_projects"])."""
    projects = [iri for iri in analysis.ranked("degree") if graph.nodes[iri]["cls"] == "Project"][:4]
    assert [(iri.removeprefix(PROJECT), analysis.degree[iri]) for iri in projects] == REAL["top_projects"]
    ranked_by_hand = sorted((iri for iri in graph if graph.nodes[iri]["cls"] == "Project"),
                            key=lambda iri: (-graph.degree(iri), iri))[:4]
    assert projects == ranked_by_hand


def test_the_most_central_entity_overall(analysis):
    """The keyword section 能 of article 001 has the most relations and the highest betweenness."""
    iri, links = REAL["most_links"]
    assert analysis.ranked("degree")[0] == iri and analysis.degree[iri] == links
    assert analysis.ranked("betweenness")[0] == MOMENTUM
    assert analysis.betweenness_sample is None, f"the real graph is under {EXACT_BETWEENNESS_MAX} entities: exact"


def test_communities_and_components(graph, analysis):
    """Louvain (seed 2020) gives the pinned communities, numbered by size, covering every entity; one large component, the rest isolated."""
    assert [g.size for g in analysis.communities if g.size > 1] == REAL["community_sizes"]
    assert sum(g.size for g in analysis.communities) == graph.number_of_nodes()
    assert [g.number for g in analysis.communities] == list(range(1, len(analysis.communities) + 1))
    assert [g.size for g in analysis.components] == [REAL["largest_component"]] + [1] * REAL["isolated"]
    assert len(analysis.components) == REAL["network"]["components"] == nx.number_connected_components(graph.to_undirected())
    first = analysis.communities[0]
    assert sorted(first.members, key=lambda iri: (-analysis.degree[iri], iri)) == list(first.members)


def test_the_class_filter_and_its_names(graph, analysis):
    """--class takes the class name, pk:Class, or the legend name in zh or en; an unknown class is a usage error."""
    table = format_analysis(graph, analysis, "csv", cls="Park", top=3)
    rows = list(csv.DictReader(table.splitlines()))
    assert [row["iri"] for row in rows] == [PREFIXES["park"] + name for name in REAL["top_parks"]]
    assert {row["class"] for row in rows} == {"Park"} and [row["rank"] for row in rows] == ["1", "2", "3"]
    from policykg.network import resolve_class
    assert {resolve_class(name) for name in ("Park", "pk:Park", "园区", "park or zone")} == {"Park"}
    with pytest.raises(UsageError, match="unknown class"):
        resolve_class("Castle")


def test_analyze_command_output_is_deterministic(built, capsys):
    """`policykg analyze --format json` prints the same bytes twice, and the same again in processes with other hash seeds."""
    first = run_cli("analyze", "--graph", str(built), "--format", "json", "--top", "0", capsys=capsys)
    second = run_cli("analyze", "--graph", str(built), "--format", "json", "--top", "0", capsys=capsys)
    assert first[0] == 0 and first == second
    for seed in ("1", "2"):
        other = run_script("-m", "policykg.cli", "analyze", "--graph", str(built), "--format", "json", "--top", "0",
                           env={"PYTHONHASHSEED": seed})
        assert other.returncode == 0, other.stderr
        assert other.stdout == first[1]
    data = json.loads(first[1])
    assert data["network"] == REAL["network"]
    assert re.fullmatch(r"0\.\d{1,6}", str(data["nodes"][0]["pagerank"]))


def test_analyze_command_table(built, capsys):
    """The table names the measure, the class and how betweenness was computed, and ranks 比亚迪车灯 first among projects."""
    code, out, _ = run_cli("analyze", "--graph", str(built), "--class", "Project", "--top", "2", capsys=capsys)
    assert code == 0
    assert "betweenness: exact" in out and "class Project, by degree, top 2" in out
    ranked = [line.split()[1] for line in out.splitlines() if re.match(r"[12]\s+\S+\s+Project", line)]
    assert ranked == ["比亚迪年产40万副车灯项目", "万魔声学智造群项目"]  # REAL["top_projects"]


# ---------------------------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------------------------

def test_entities_are_found_by_name_variant_or_iri(index, graph):
    """A zh label, an en label (any case), a variant, a prefixed and a full IRI all name the same entity."""
    for name in ("万魔声学智造群项目", "1more ACOUSTICS smart manufacturing cluster project", "万声声学智造群项目",
                 "project:wanmo-acoustics-smart-manufacturing", WANMO, f"<{WANMO}>"):
        assert resolve_entity(index, graph, name) == WANMO
    assert resolve_entity(index, graph, "一体两翼") == ONE_BODY_TWO_WINGS


def test_the_paths_from_wanmo_to_one_body_two_wings(index, graph):
    """万魔声学智造群项目 reaches 一体两翼 in three hops (REAL["path"]); each hop is a stated relation with its article's sentence."""
    paths = find_paths(graph, WANMO, ONE_BODY_TWO_WINGS, 3)
    assert paths[0] == REAL["path"]
    assert len(paths) == 3 and [len(p) for p in paths] == sorted(len(p) for p in paths)
    assert all(nx.is_simple_path(graph.to_undirected(), p) for p in paths)
    hops = describe_path(index, graph, paths[0])
    assert [[(r.subject, r.property, r.object) for r in hop.relations] for hop in hops] == [
        [(s, PK + p, o)] for s, p, o in REAL["path_relations"]]
    assert [[(e.source, e.sentence) for e in hop.relations[0].evidence] for hop in hops] == [[e] for e in REAL["path_evidence"]]


def test_path_command_prints_hops_labels_and_evidence(built, capsys):
    """`policykg path` prints each hop's direction, its property in zh and en, and the quoted sentence with its article."""
    code, out, err = run_cli("path", "万魔声学智造群项目", "一体两翼", "--graph", str(built), "--max", "1", capsys=capsys)
    assert code == 0, err
    assert "1 shortest path" in out and "path 1, 3 hops: 万魔声学智造群项目 — 关键词 产业链建设 — 链长制 — “一体两翼”发展战略" in out
    assert "链长制 —[服务于 / serves]→ “一体两翼”发展战略" in out
    assert "关键词 产业链建设 ←[归属关键词 / reported under]— 链长制" in out
    assert "000 「我市万魔声学智造群项目从注册到投产仅用20天」" in out


def test_every_relation_an_article_states_has_its_sentence(index, graph):
    """On the real graph each hop relation an article states finds a quoted sentence; a reference-only fact is marked ref."""
    from policykg.network import relation_evidence
    missing = [(s, p, o, source) for s, o, p, data in graph.edges(keys=True, data=True) for source in data["sources"]
               if source != "ref" and relation_evidence(index, s, o, source).sentence is None]
    assert missing == []
    hunan, china = PREFIXES["area"] + "hunan", PREFIXES["area"] + "china"
    relation = describe_path(index, graph, [hunan, china])[0].relations[0]
    assert (relation.subject, relation.property, relation.object) == (hunan, PK + "locatedIn", china)
    assert [(e.source, e.sentence) for e in relation.evidence] == [("ref", None)]


def test_a_relation_without_a_sentence_names_its_article():
    """A relation an article's graph states with no evidence is shown with the article's id and title and no sentence."""
    from policykg.network import format_paths
    trig = """
    @prefix pk: <https://w3id.org/policykg/ontology/> .
    @prefix src: <https://w3id.org/policykg/hengyang/source/> .
    @prefix park: <https://w3id.org/policykg/hengyang/park/> .
    @prefix area: <https://w3id.org/policykg/hengyang/area/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    src:009 a pk:SourceArticle ; rdfs:label "某文章"@zh , "some article"@en .
    park:a a pk:Park ; rdfs:label "甲园区"@zh , "Park A"@en .
    area:b a pk:AdministrativeArea ; rdfs:label "乙市"@zh , "B City"@en .
    src:009 { park:a pk:locatedIn area:b . }
    """
    small = list(ox.parse(trig.encode("utf-8"), format=ox.RdfFormat.TRIG))
    index = Index(small)
    graph = build_network(index=index)
    a, b = PREFIXES["park"] + "a", PREFIXES["area"] + "b"
    assert [(e.source, e.sentence) for e in describe_path(index, graph, [a, b])[0].relations[0].evidence] == [("009", None)]
    assert "009 某文章: stated there, without a quoted sentence" in format_paths(index, graph, a, b, find_paths(graph, a, b))


def test_an_ambiguous_name_lists_the_entities_and_exits_2(built, capsys):
    """万魔声学 is the company's label and a variant of its project: both are listed (label, class, IRI), exit 2."""
    code, out, err = run_cli("path", "万魔声学", "一体两翼", "--graph", str(built), capsys=capsys)
    assert code == 2 and out == ""
    assert "'万魔声学' names 2 entities" in err
    assert "万魔声学  [Company]  company:wanmo-acoustics" in err
    assert "万魔声学智造群项目  [Project]  project:wanmo-acoustics-smart-manufacturing" in err


def test_an_unknown_name_suggests_the_closest_and_exits_2(built, capsys):
    """A name no entity has gives exit 2 and difflib's closest names with their IRIs."""
    code, _, err = run_cli("path", "万魔声学智造", "一体两翼", "--graph", str(built), capsys=capsys)
    assert code == 2
    assert "no entity is named '万魔声学智造'" in err and "closest names: 万魔声学智造群 (project:wanmo-acoustics-smart-manufacturing)" in err


def test_paths_can_avoid_a_class(graph):
    """--avoid Keyword keeps paths off the keyword sections (the two ends still count); avoiding everything between leaves no path."""
    paths = find_paths(graph, WANMO, ONE_BODY_TWO_WINGS, 3, avoid=("Keyword",))
    assert paths and not any(graph.nodes[n]["cls"] == "Keyword" for p in paths for n in p)
    assert len(paths[0]) > len(REAL["path"])
    every_class = tuple({cls for _, cls in graph.nodes(data="cls")})
    assert find_paths(graph, WANMO, ONE_BODY_TWO_WINGS, 3, avoid=every_class) == []


# ---------------------------------------------------------------------------------------------
# Files for network tools
# ---------------------------------------------------------------------------------------------

def test_network_files_are_byte_identical_across_runs(quads, graph):
    """Two builds of the model (the second from the quads reversed) give the same GraphML, GEXF and CSV bytes; the GEXF carries no date."""
    other = build_network(list(reversed(quads)))
    for fmt in ("graphml", "gexf", "csv"):
        assert network_files(graph, fmt, Path("g." + fmt)) == network_files(other, fmt, Path("g." + fmt))
    assert b"lastmodifieddate" not in network_files(graph, "gexf", Path("g.gexf"))[Path("g.gexf")]


def test_network_files_are_the_same_in_another_process(exported, built):
    """A process with another hash seed writes the same three files from the built graph."""
    script = ("import sys, pyoxigraph as ox; from pathlib import Path; from policykg.network import write_network; "
              "quads = list(ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)); "
              "[write_network(quads, f, Path(sys.argv[2]) / n) for f, n in (('graphml', 'graph.graphml'), ('gexf', 'graph.gexf'), ('csv', 'graph.csv'))]")
    out = exported.parent / "again"
    result = run_script("-c", script, str(built), str(out), env={"PYTHONHASHSEED": "3"})
    assert result.returncode == 0, result.stderr
    for name in ("graph.graphml", "graph.gexf", "graph.csv", "graph-edges.csv"):
        assert (out / name).read_bytes() == (exported / name).read_bytes(), name


def test_export_command_writes_the_network_files(exported, tmp_path, capsys):
    """`policykg export --format graphml|gexf|csv` writes the same files as write_network on the built dataset;
    csv to standard output is refused (two files), exit 2."""
    for fmt, name in (("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("csv", "graph.csv")):
        code, out, err = run_cli("export", "--root", str(ROOT), "--format", fmt, "-o", str(tmp_path / name), capsys=capsys)
        assert code == 0, err
        assert out.startswith(f"wrote {tmp_path / name} ({fmt}, ")
    for name in ("graph.graphml", "graph.gexf", "graph.csv", "graph-edges.csv"):
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes(), name
    code, out, err = run_cli("export", "--root", str(ROOT), "--format", "csv", "-o", "-", capsys=capsys)
    assert (code, out) == (2, "")
    assert "--format csv writes two files" in err


def test_graphml_reads_back_in_networkx_and_igraph(exported, graph, analysis):
    """networkx and python-igraph read the GraphML with every node, edge and attribute."""
    import igraph  # python-igraph, in the test extra

    path = exported / "graph.graphml"
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes[WANMO]["cls"] == "Project" and back.nodes[WANMO]["pagerank"] == analysis.pagerank[WANMO]
    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount(), other.is_directed()) == (graph.number_of_nodes(), graph.number_of_edges(), True)
    node = other.vs.find(id=WANMO)
    assert (node["zh"], node["cls"], node["degree"], node["community"]) == (
        "万魔声学智造群项目", "Project", analysis.degree[WANMO], analysis.community_of[WANMO])
    assert node["betweenness"] == analysis.betweenness[WANMO]
    assert sorted(set(other.es["property"])) == sorted({data["property"] for _, _, data in graph.edges(data=True)})
    edge = other.es.find(_source=node.index, property="pk:developedBy")
    assert (other.vs[edge.target]["id"], edge["en"], edge["sources"]) == (PREFIXES["company"] + "wanmo-acoustics", "developed by", "000 001 003 004")


def test_gexf_reads_back_in_networkx_and_networkit(exported, graph, analysis):
    """networkx reads the GEXF with its attributes; NetworKit's GEXF reader finds the same nodes (by IRI) and directed edges."""
    import networkit  # in the test extra

    path = exported / "graph.gexf"
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes[WANMO]["label"] == "万魔声学智造群项目" and back.nodes[WANMO]["community"] == analysis.community_of[WANMO]
    reader = networkit.graphio.GEXFReader()
    other, _ = reader.read(str(path))
    assert (other.numberOfNodes(), other.numberOfEdges(), other.isDirected()) == (graph.number_of_nodes(), graph.number_of_edges(), True)
    assert set(reader.getNodeMap()) == set(back.nodes)


def test_csv_reads_back_in_python_csv_and_networkx(exported, graph, analysis):
    """The nodes file (Id, Label…) and edges file (Source, Target, Type…) read with the csv module rebuild the network in networkx."""
    nodes_path, edges_path_ = exported / "graph.csv", exported / "graph-edges.csv"
    assert edges_path(nodes_path) == edges_path_
    with nodes_path.open(encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with edges_path_.open(encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))
    back = nx.MultiDiGraph()
    back.add_nodes_from((row["Id"], row) for row in nodes)
    back.add_edges_from((row["Source"], row["Target"], row["Id"], row) for row in edges)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert set(back.nodes) == set(graph.nodes)
    row = back.nodes[WANMO]
    assert (row["Label"], row["class"], int(row["degree"]), float(row["pagerank"])) == (
        "万魔声学智造群项目", "Project", analysis.degree[WANMO], analysis.pagerank[WANMO])
    assert {row["Type"] for row in edges} == {"Directed"}


def test_an_unknown_network_format_is_a_usage_error(graph, tmp_path):
    """write_network refuses a format it does not write, and writes nothing."""
    with pytest.raises(UsageError, match="unknown network format"):
        write_network(graph, "dot", tmp_path / "graph.dot")
    assert list(tmp_path.iterdir()) == []
