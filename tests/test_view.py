"""The network view (policykg.view): the page in real headless Chromium, and its Python side.

Browser tests share one Chromium per module. They use the real graph (loaded from this checkout) for
what must hold of the whole data, and a small fixture dataset written here (with the real ontology
for property labels) for the clicks, filters and the markup-in-a-label check.
"""

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from policykg.errors import UsageError
from policykg.load import load_tree, parse_turtle_file
from policykg.namespaces import INFERRED_GRAPH_IRI, ONTOLOGY_IRI, PREFIXES
from policykg.reason import infer
from policykg.tree import Tree
from policykg.view import NOT_DRAWN, STYLE, neighbourhood, render_network_html

from conftest import ROOT, LoopbackHTTP, QuietHandler

WANMO = "project:wanmo-acoustics-smart-manufacturing"
XSS_LABEL = "</script><img src=x onerror=alert(1)>"

FIXTURE_TRIG = """
@prefix pk: <https://w3id.org/policykg/ontology/> .
@prefix pkc: <https://w3id.org/policykg/ontology/concept/> .
@prefix src: <https://w3id.org/policykg/hengyang/source/> .
@prefix project: <https://w3id.org/policykg/hengyang/project/> .
@prefix company: <https://w3id.org/policykg/hengyang/company/> .
@prefix park: <https://w3id.org/policykg/hengyang/park/> .
@prefix area: <https://w3id.org/policykg/hengyang/area/> .
@prefix ind: <https://w3id.org/policykg/hengyang/indicator/> .
@prefix period: <https://w3id.org/policykg/hengyang/period/> .
@prefix obs: <https://w3id.org/policykg/hengyang/observation/> .
@prefix claim: <https://w3id.org/policykg/hengyang/claim/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

src:004 a pk:SourceArticle ; rdfs:label "有“质”又有“量”"@zh , "Quality and quantity"@en .
project:wanmo-acoustics-smart-manufacturing a pk:Project ;
    rdfs:label "万魔声学智造群项目"@zh , "1MORE acoustics smart manufacturing cluster project"@en .
company:wanmo-acoustics a pk:Company ; rdfs:label "万魔声学"@zh , "1MORE Acoustics"@en .
company:xss a pk:Company ; rdfs:label "</script><img src=x onerror=alert(1)>"@zh , "<b>bold</b> & co"@en .
park:hi-tech-zone a pk:Park ; rdfs:label "衡阳高新区"@zh , "Hengyang Hi-tech Zone"@en .
area:hengyang a pk:AdministrativeArea ; rdfs:label "衡阳市"@zh , "Hengyang"@en .
park:hi-tech-zone pk:locatedIn area:hengyang .
ind:output-value a pk:Indicator ; rdfs:label "产值"@zh , "output value"@en .
period:2020-06 a pk:Period ; rdfs:label "2020年6月"@zh , "June 2020"@en .

src:004 {
    project:wanmo-acoustics-smart-manufacturing a pk:Project ;
        skos:altLabel "万声声学智造群项目"@zh ;
        pk:developedBy company:wanmo-acoustics ;
        pk:locatedIn park:hi-tech-zone ;
        pk:evidence "万声声学智造群项目从注册到投产仅用20天"@zh .
    company:xss pk:locatedIn park:hi-tech-zone ;
        skos:altLabel "\\"><svg onload=alert(3)>"@zh ;
        pk:evidence "<script>alert(2)</script>\\u2028&amp;"@zh .
    claim:004-wanmo-in-production a pk:StatusClaim ;
        pk:about project:wanmo-acoustics-smart-manufacturing ;
        pk:projectStatus pkc:InProduction ;
        pk:year "2020"^^xsd:gYear ;
        prov:wasDerivedFrom src:004 ;
        pk:evidence "万声声学智造群项目从注册到投产仅用20天"@zh .
    obs:004-output-value-2020-06-wanmo a pk:Observation ;
        pk:indicator ind:output-value ;
        pk:subject project:wanmo-acoustics-smart-manufacturing ;
        pk:period period:2020-06 ;
        pk:status pkc:Actual ;
        pk:valueAsWritten "2000万元" ;
        prov:wasDerivedFrom src:004 ;
        pk:evidence "6月实现产值2000万元"@zh .
}
"""


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_quads() -> list[ox.Quad]:
    """The graph of this checkout with what the rules infer, as the build draws it."""
    loaded = load_tree(Tree.at(ROOT))
    return loaded.quads + infer(loaded)


@pytest.fixture(scope="module")
def fixture_quads() -> list[ox.Quad]:
    """The real ontology (for property and concept labels) plus the small dataset above."""
    ontology = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                for path in sorted((ROOT / "ontology").glob("*.ttl")) for t in parse_turtle_file(path)]
    return ontology + list(ox.parse(FIXTURE_TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module")
def real_page_file(tmp_path_factory, real_quads) -> Path:
    path = tmp_path_factory.mktemp("view") / "real.html"
    path.write_bytes(render_network_html(real_quads))
    return path


@pytest.fixture(scope="module")
def fixture_page_file(tmp_path_factory, fixture_quads) -> Path:
    path = tmp_path_factory.mktemp("view") / "fixture.html"
    path.write_bytes(render_network_html(fixture_quads, title="<i>fixture</i>"))
    return path


def expected_counts(quads: list[ox.Quad]) -> tuple[int, int]:
    """Nodes and edges the view should draw, found independently with SPARQL: entities are IRIs typed with
    a pk: class (not a pkc: concept, not an ontology term) and never with a class that is not drawn; edges are
    the distinct triples between two entities, other than rdf:type, that the data states (not the inferred graph)."""
    store = ox.Store()
    store.extend(quads)
    not_drawn = ", ".join(f"<{iri}>" for iri in sorted(NOT_DRAWN))
    entities = {row["e"].value for row in store.query(f"""
        PREFIX pk: <{ONTOLOGY_IRI}>
        PREFIX pkc: <{PREFIXES["pkc"]}>
        SELECT DISTINCT ?e WHERE {{
          {{ ?e a ?c }} UNION {{ GRAPH ?g {{ ?e a ?c }} }}
          FILTER(isIRI(?e) && STRSTARTS(STR(?c), STR(pk:)) && !STRSTARTS(STR(?c), STR(pkc:)) && !STRSTARTS(STR(?e), STR(pk:)))
          FILTER NOT EXISTS {{ {{ ?e a ?x }} UNION {{ GRAPH ?h {{ ?e a ?x }} }} FILTER(?x IN ({not_drawn})) }}
        }}""")}
    triples = {(row["s"].value, row["p"].value, row["o"].value) for row in store.query("""
        SELECT DISTINCT ?s ?p ?o WHERE {
          { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>) }
          FILTER(isIRI(?s) && isIRI(?o) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>)
        }""" % INFERRED_GRAPH_IRI)}
    return len(entities), sum(1 for s, _, o in triples if s in entities and o in entities)


# ---------------------------------------------------------------------------------------------
# Without a browser
# ---------------------------------------------------------------------------------------------

def test_the_page_is_byte_identical_across_renders(real_quads):
    """Same input, same bytes; the order the quads come in does not matter."""
    first = render_network_html(real_quads)
    assert render_network_html(real_quads) == first
    assert render_network_html(list(reversed(real_quads))) == first


def test_the_source_filter_lists_the_five_articles_and_the_reference_data(real_page_file):
    """The inferred graph is not a source: no article filter for it, and it makes no node "mentioned"."""
    html = real_page_file.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="pk-data">(.*?)</script>', html, re.S).group(1))
    assert [source["id"] for source in data["sources"]] == ["000", "001", "002", "003", "004", "ref"]
    mentioned = {source for info in data["info"].values() for source in info["src"]}
    assert mentioned == {"000", "001", "002", "003", "004", "ref"}


def test_the_page_loads_nothing_from_the_network(real_page_file, fixture_page_file):
    """No src=, href=, url() or @import pointing at http(s) or a protocol-relative address."""
    for path in (real_page_file, fixture_page_file):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
        assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", html, re.I)
        assert "cdn" not in html.lower().replace("cdn_resources", "")


def test_markup_in_the_data_is_escaped_in_the_page(fixture_page_file):
    """The data JSON holds no raw <, >, & or line separator: a label cannot close the script element."""
    html = fixture_page_file.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="pk-data">(.*?)</script>', html, re.S).group(1)
    assert not set(data) & {"<", ">", "&", "\u2028", "\u2029"}
    assert XSS_LABEL in json.dumps(json.loads(data), ensure_ascii=False)
    assert "<img" not in html and "<i>fixture</i>" not in html
    assert "&lt;i&gt;fixture&lt;/i&gt;" in html


def test_every_drawn_class_of_the_ontology_has_a_style():
    """Each pk: class the view draws has its row in the STYLE table (colour, shape, legend names)."""
    ontology = [t for path in sorted((ROOT / "ontology").glob("*.ttl")) for t in parse_turtle_file(path)]
    classes = {t.subject.value for t in ontology
               if t.predicate.value == PREFIXES["rdf"] + "type" and t.object.value == PREFIXES["owl"] + "Class"
               and t.subject.value.startswith(ONTOLOGY_IRI)}
    styled = {ONTOLOGY_IRI + style.cls for style in STYLE}
    assert classes - NOT_DRAWN - styled == set()
    assert len({(s.colour, s.shape) for s in STYLE}) == len(STYLE), "two classes would look the same"


def test_neighbourhood_takes_the_entities_within_depth_hops(fixture_quads):
    """Depth 0 draws the entity alone; depth 1 its neighbours; depth 2 theirs; prefixed names expand."""
    def drawn(triples):
        return {t.subject.value for t in triples} | {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)}
    company = PREFIXES["company"] + "wanmo-acoustics"
    area = PREFIXES["area"] + "hengyang"
    assert PREFIXES["project"] + "wanmo-acoustics-smart-manufacturing" in drawn(neighbourhood(fixture_quads, WANMO, 0))
    assert company not in drawn(neighbourhood(fixture_quads, WANMO, 0))
    one = drawn(neighbourhood(fixture_quads, PREFIXES["project"] + "wanmo-acoustics-smart-manufacturing", 1))
    assert company in one and area not in one
    assert area in drawn(neighbourhood(fixture_quads, WANMO, 2))


def test_neighbourhood_hops_over_stated_links_only(real_quads):
    """China's neighbours are what the data places in it (Hunan), not everything the rules find inside it."""
    located = {t.subject.value for t in neighbourhood(real_quads, "area:china", 1) if t.predicate.value == ONTOLOGY_IRI + "locatedIn"}
    assert located == {PREFIXES["area"] + "hunan"}


def test_a_selection_draws_only_its_entities_but_panels_see_the_whole_dataset(fixture_quads):
    """render_network_html(selection=neighbourhood(...)) draws the neighbourhood; panels still hold evidence and observations."""
    html = render_network_html(fixture_quads, selection=neighbourhood(fixture_quads, WANMO, 1)).decode("utf-8")
    data = json.loads(re.search(r'id="pk-data">(.*?)</script>', html, re.S).group(1))
    assert sorted(node["id"] for node in data["nodes"]) == ["company:wanmo-acoustics", "park:hi-tech-zone", WANMO]
    assert len(data["edges"]) == 2
    assert [row["v"] for row in data["info"][WANMO]["obs"]] == ["2000万元"]
    assert data["info"][WANMO]["st"] == ["pkc:InProduction"]


def test_the_vis_network_script_ships_in_the_package_with_its_licence():
    """vis-network.min.js and its licence are in policykg/static/vis-network/, declared as package data, and the page inlines that file."""
    import tomllib
    from importlib import resources

    from policykg import view

    folder = resources.files("policykg").joinpath("static", "vis-network")
    script = folder.joinpath("vis-network.min.js")
    assert script.is_file(), "policykg/static/vis-network/vis-network.min.js is missing: the view cannot draw"
    assert "@version 9.1.2" in script.read_text(encoding="utf-8")[:400]
    licence = folder.joinpath("LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Almende B.V" in licence
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["policykg"]
    shipped = {path.relative_to(ROOT / "src" / "policykg").as_posix() for pattern in package_data
               for path in (ROOT / "src" / "policykg").glob(pattern)}
    assert {"static/vis-network/vis-network.min.js", "static/vis-network/LICENSE.txt", "view_template.html"} <= shipped
    assert view._vis_js() == script.read_text(encoding="utf-8")


def test_pyvis_builds_the_page(fixture_quads, monkeypatch):
    """pyvis makes the vis nodes and edges (its add_node and add_edge) and renders the page (its generate_html)."""
    from pyvis.network import Network

    calls = []
    for name in ("add_node", "add_edge", "generate_html"):
        original = getattr(Network, name)
        monkeypatch.setattr(Network, name, lambda self, *a, _o=original, _n=name, **k: (calls.append(_n), _o(self, *a, **k))[1])
    html = render_network_html(fixture_quads)
    assert calls.count("generate_html") == 1 and calls.count("add_node") == 6 and calls.count("add_edge") == 4
    data = json.loads(re.search(rb'id="pk-data">(.*?)</script>', html, re.S).group(1))
    assert {edge["arrows"] for edge in data["edges"]} == {"to"}, "pyvis marks the edges of a directed network"


def test_the_page_embeds_centralities_and_communities(real_page_file, real_quads):
    """Each node's degree, betweenness, PageRank and community in the page are those of policykg.network, communities named."""
    from policykg.network import analyse, build_network
    from policykg.report import compact

    graph = build_network(real_quads)
    analysis = analyse(graph)
    data = json.loads(re.search(r'id="pk-data">(.*?)</script>', real_page_file.read_text(encoding="utf-8"), re.S).group(1))
    assert data["metrics"] == {compact(iri): {"d": analysis.degree[iri], "b": analysis.betweenness[iri], "p": analysis.pagerank[iri],
                                              "c": analysis.community_of[iri]} for iri in graph}
    from policykg.network import group_name

    first = analysis.communities[0]
    assert data["communities"][0] == {"n": 1, "size": first.size, "zh": group_name(graph, first, "zh"),
                                      "en": group_name(graph, first, "en"), "colour": "#1f77b4"}
    assert [c["size"] for c in data["communities"]] == sorted((c["size"] for c in data["communities"]), reverse=True)


# ---------------------------------------------------------------------------------------------
# What the panels and the search receive (issue 14, item 8)
# ---------------------------------------------------------------------------------------------

GDP_OBSERVATIONS = ["obs:000-gdp-2020", "obs:000-gdp-growth-2020", "obs:004-gdp-growth-2020h1"]

#: The facts on 万魔声学智造群项目's panel: what the data states, each once; 所属集合 is the stated
#: "hasMember" of the collection read the other way (owl:inverseOf), not the inferred memberOf.
WANMO_FACTS = [
    {"d": 1, "p": "pk:developedBy", "s": ["000", "001", "003", "004"], "v": {"n": "company:wanmo-acoustics"}},
    {"d": 1, "p": "pk:memberOf", "s": ["000"], "v": {"n": "project:projects-ahead-of-schedule-2020"}},
    {"d": 1, "p": "pk:reportedUnder", "s": ["000"], "v": {"n": "keyword:000-industrial-chain-building"}},
    {"d": 1, "p": "pk:reportedUnder", "s": ["001"], "v": {"n": "keyword:001-momentum"}},
    {"d": 1, "p": "pk:reportedUnder", "s": ["003"], "v": {"n": "keyword:003-new-strength"}},
    {"d": 1, "p": "pk:reportedUnder", "s": ["004"], "v": {"n": "keyword:004-project-construction"}},
]


def page_data(path: Path) -> dict:
    """The data a view page embeds (its pk-data JSON)."""
    return json.loads(re.search(r'id="pk-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S).group(1))


@pytest.fixture(scope="module")
def real_data(real_page_file) -> dict:
    return page_data(real_page_file)


@pytest.fixture(scope="module")
def real_store(real_quads) -> ox.Store:
    store = ox.Store()
    store.extend(real_quads)
    return store


def indicator_observations(store: ox.Store) -> dict[str, list[str]]:
    """Every indicator (prefixed) and its observations and targets (prefixed, sorted), found with SPARQL."""
    from policykg.report import compact

    found: dict[str, list[str]] = {}
    for row in store.query(f"""PREFIX pk: <{ONTOLOGY_IRI}>
            SELECT DISTINCT ?i ?o WHERE {{ {{ ?i a pk:Indicator }} UNION {{ GRAPH ?g {{ ?i a pk:Indicator }} }}
              OPTIONAL {{ {{ ?o pk:indicator ?i }} UNION {{ GRAPH ?h {{ ?o pk:indicator ?i }} }} }} }}"""):
        found.setdefault(compact(row["i"].value), [])
        if row["o"] is not None:
            found[compact(row["i"].value)].append(compact(row["o"].value))
    return {iri: sorted(set(observations)) for iri, observations in found.items()}


def test_the_page_embeds_every_indicator_with_all_its_observations(real_data, real_store):
    """Each pk:Indicator is in the page, not drawn, with exactly the observations and targets that name it."""
    expected = indicator_observations(real_store)
    assert len(expected) == 211
    assert {iri: sorted(row["id"] for row in ind["obs"]) for iri, ind in real_data["inds"].items()} == expected
    gdp = real_data["inds"]["ind:gdp"]
    assert (gdp["zh"], gdp["en"]) == ("地区生产总值", "gross domestic product")
    assert [row["id"] for row in gdp["obs"]] == GDP_OBSERVATIONS
    assert gdp["obs"][0] == {"id": "obs:000-gdp-2020", "per": "period:2020", "sub": "area:hengyang", "k": "pkc:Level",
                             "v": "3500亿元", "st": "pkc:Estimate", "src": ["000"], "ev": ["全年GDP将突破3500亿元"]}
    assert not {node["id"] for node in real_data["nodes"]} & set(real_data["inds"])


def test_a_panel_lists_what_the_data_states_once(real_data):
    """万魔声学智造群项目's facts are exactly the stated ones (no inferred inverse, no prov:value, no rdf:type)."""
    assert real_data["info"][WANMO]["props"] == WANMO_FACTS


def test_no_panel_shows_an_inferred_duplicate_a_type_or_a_super_property(real_data):
    """Across every panel: no fact twice, no rdf:type or prov:value row, no row only the inferred graph states,
    no pk:Entity value, and each claim is shown as the class the data gives it (StatusClaim), not its super-class."""
    for iri, info in real_data["info"].items():
        keys = [(row["p"], row["d"], json.dumps(row["v"], sort_keys=True)) for row in info["props"]]
        assert len(keys) == len(set(keys)), iri
        assert not [row for row in info["props"] if row["p"] in ("rdf:type", "prov:value") or not row["s"]
                    or "hy:inferred" in row["s"] or row["v"].get("i") == "pk:Entity"], iri
        for claim in info["claims"]:
            assert claim["cls"] in ("pk:StatusClaim", "pk:AwardClaim", "pk:RecognitionClaim", "pk:MilestoneClaim"), claim["id"]
            assert not [said for said in claim["said"] if said["p"] in ("rdf:type", "prov:value")], claim["id"]
    keyword = real_data["info"]["keyword:000-industrial-chain-building"]["props"]
    assert {"d": 1, "p": "pk:reports", "s": ["000"], "v": {"n": WANMO}} in keyword
    assert not [row for row in keyword if row["p"] == "pk:reportedUnder" and row["v"] == {"n": WANMO}]


def test_a_duration_is_given_as_the_article_writes_it(real_data):
    """pk:durationFromRegistration "P20D" is 20天 (the value as written of the same sentence's duration observation) and 20 days."""
    claims = real_data["info"][WANMO]["claims"]
    durations = [(said["v"], claim["ev"]) for claim in claims for said in claim["said"] if said["p"] == "pk:durationFromRegistration"]
    assert [value for value, _ in durations] == [{"t": "P20D", "w": {"zh": "20天", "en": "20 days"}}] * 3
    assert all("仅用20天" in evidence[0] for _, evidence in durations)


@pytest.mark.parametrize(("lexical", "words"), [
    pytest.param("P20D", {"zh": "20天", "en": "20 days"}, id="days"),
    pytest.param("P1D", {"zh": "1天", "en": "1 day"}, id="one-day"),
    pytest.param("P1Y6M", {"zh": "1年6个月", "en": "1 year 6 months"}, id="years-months"),
    pytest.param("PT3H", {"zh": "3小时", "en": "3 hours"}, id="hours"),
    pytest.param("P", None, id="empty"),
    pytest.param("PT", None, id="empty-time"),
    pytest.param("20天", None, id="not-a-duration"),
])
def test_duration_text_puts_a_duration_in_words(lexical, words):
    from policykg.view import duration_text

    assert duration_text(lexical) == words


DURATION_TRIG = """
@prefix pk: <https://w3id.org/policykg/ontology/> .
@prefix pkc: <https://w3id.org/policykg/ontology/concept/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://w3id.org/policykg/hengyang/project/> .
ex:claim pk:about ex:p ; pk:durationFromRegistration "P20D"^^xsd:duration ; pk:evidence "从注册到投产仅用二十天"@zh .
ex:obs pk:subject ex:p ; pk:kind pkc:Duration ; pk:unit pkc:%s ; pk:value %s ; pk:valueAsWritten "二十天" ;
    pk:evidence "%s"@zh .
"""


@pytest.mark.parametrize(("unit", "value", "sentence", "zh"), [
    pytest.param("Day", "20", "从注册到投产仅用二十天", "二十天", id="as-written"),
    pytest.param("Day", "21", "从注册到投产仅用二十天", "20天", id="another-length"),
    pytest.param("Year", "20", "从注册到投产仅用二十天", "20天", id="another-unit"),
    pytest.param("Day", "20", "另一句话", "20天", id="another-sentence"),
])
def test_a_duration_takes_its_words_from_the_observation_of_the_same_sentence(unit, value, sentence, zh):
    """The zh of a claim's duration is the value as written of a duration observation of the same entity, sentence and length."""
    from policykg.entities import Index
    from policykg.view import _value

    index = Index(list(ox.parse((DURATION_TRIG % (unit, value, sentence)).encode("utf-8"), format=ox.RdfFormat.TRIG)))
    claim = ox.NamedNode(PREFIXES["project"] + "claim")
    duration = index.first(claim, ONTOLOGY_IRI + "durationFromRegistration")
    assert _value(index, duration, set(), claim) == {"t": "P20D", "w": {"zh": zh, "en": "20 days"}}


@pytest.mark.parametrize("name", ["project:no-such-project", "obs:004-output-value-2020-06-wanmo", "not an iri"])
def test_neighbourhood_refuses_what_is_not_an_entity(fixture_quads, name):
    with pytest.raises(UsageError) as error:
        neighbourhood(fixture_quads, name, 1)
    assert name in str(error.value) and "fix:" in str(error.value)


def test_neighbourhood_suggests_close_names(fixture_quads):
    with pytest.raises(UsageError, match="did you mean: .*project:wanmo-acoustics-smart-manufacturing"):
        neighbourhood(fixture_quads, "project:wanmo", 1)


# ---------------------------------------------------------------------------------------------
# In headless Chromium
# ---------------------------------------------------------------------------------------------

class Visit:
    """A page opened on a view file, recording console errors, page errors, requests and dialogs."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def click_node(self, node_id: str) -> None:
        """Click the node where it is drawn on the canvas, as a user would."""
        x, y = self.js(f"""(() => {{ const p = pkView.network.canvasToDOM(pkView.network.getPosition({json.dumps(node_id)}));
            const r = document.getElementById('network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()""")
        self.page.mouse.click(x, y)

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def real_page(browser, real_page_file):
    """The real graph's page, loaded once: its tests only read it, or search and select."""
    visit = Visit(browser, real_page_file)
    yield visit
    visit.close()


@pytest.fixture
def fixture_page(browser, fixture_page_file):
    visit = Visit(browser, fixture_page_file)
    yield visit
    visit.close()


@pytest.mark.browser
def test_the_real_graph_loads_without_error_or_request_and_holds_still(real_page, real_page_file):
    assert real_page.errors == []
    assert real_page.requests == [real_page_file.as_uri()]
    before = real_page.js("JSON.stringify(pkView.network.getPositions())")
    real_page.page.wait_for_timeout(400)
    assert real_page.js("JSON.stringify(pkView.network.getPositions())") == before, "physics did not stop"


@pytest.mark.browser
def test_the_network_holds_every_entity_and_every_link_between_two(real_page, real_quads):
    assert real_page.js("[pkView.nodes.length, pkView.edges.length]") == list(expected_counts(real_quads))


@pytest.mark.browser
def test_the_search_finds_a_project_by_its_variant(real_page):
    """万声声学 (a variant that claims/004.ttl records) finds 万魔声学智造群项目; choosing it focuses it."""
    real_page.page.fill("#search", "万声声学")
    items = real_page.page.locator("#results li")
    names = items.evaluate_all("items => items.map(li => li.dataset.id)")
    assert WANMO in names
    items.nth(names.index(WANMO)).click()
    assert real_page.js("pkView.network.getSelectedNodes()") == [WANMO]
    assert real_page.page.locator("#panel h2").text_content() == "万魔声学智造群项目"
    assert real_page.errors == []


@pytest.mark.browser
def test_a_click_on_a_node_opens_its_panel_with_evidence_and_observations(fixture_page):
    fixture_page.click_node(WANMO)
    panel = fixture_page.page.locator("#panel")
    assert panel.is_visible()
    assert panel.locator("h2").text_content() == "万魔声学智造群项目"
    evidence = panel.locator("blockquote").all_text_contents()
    assert any("万声声学智造群项目从注册到投产仅用20天" in text and "004" in text for text in evidence)
    rows = panel.locator("table").first.locator("tr").all_text_contents()
    assert rows[1:] == ["产值2020年6月2000万元实际004"]
    assert "万声声学智造群项目" in panel.text_content()  # the variant, with the article that uses it
    assert fixture_page.js("pkView.highlighted()") == sorted(["company:wanmo-acoustics", WANMO, "park:hi-tech-zone"])
    drawn_opacity = "pkView.network.body.nodes[%s].options.opacity"
    assert fixture_page.js(drawn_opacity % "'area:hengyang'") < 1, "a node outside the neighbourhood is not dimmed"
    assert fixture_page.js(drawn_opacity % "'company:wanmo-acoustics'") == 1


@pytest.mark.browser
def test_the_class_filter_hides_that_class_only(fixture_page):
    hidden = "pkView.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()"
    assert fixture_page.js(hidden) == []
    fixture_page.page.locator("input[data-filter=cls][value=Company]").uncheck()
    assert fixture_page.js(hidden) == ["company:wanmo-acoustics", "company:xss"]
    fixture_page.page.locator("input[data-filter=cls][value=Company]").check()
    fixture_page.page.locator("input[data-filter=st][value='pkc:InProduction']").uncheck()
    assert fixture_page.js(hidden) == [WANMO]


@pytest.mark.browser
def test_markup_in_a_label_is_shown_as_text_and_runs_nothing(fixture_page):
    page = fixture_page.page
    page.fill("#search", "<img")
    assert page.locator("#results li").first.locator("span").first.text_content() == XSS_LABEL
    page.keyboard.press("Enter")
    assert page.locator("#panel h2").text_content() == XSS_LABEL
    assert "<script>alert(2)</script>" in page.locator("#panel").text_content()
    fixture_page.click_node("company:xss")
    page.wait_for_timeout(200)
    assert fixture_page.dialogs == []
    assert fixture_page.js("document.querySelectorAll('img, [onerror], [onload]').length") == 0
    assert page.title() == "<i>fixture</i>"
    assert fixture_page.errors == []


@pytest.mark.browser
def test_the_language_switch_relabels_nodes_and_edges(fixture_page):
    fixture_page.page.click("#lang")
    assert fixture_page.js(f"pkView.nodes.get({json.dumps(WANMO)}).title") == "1MORE acoustics smart manufacturing cluster project"
    labels = fixture_page.js("pkView.edges.get().map(e => e.label).sort()")
    assert "developed by" in labels and "located in" in labels
    assert fixture_page.page.locator("#filter-cls").text_content().count("company") == 1


@pytest.mark.browser
def test_the_switches_size_nodes_by_centrality_and_colour_them_by_community(fixture_page):
    """Off at first; PageRank and betweenness resize every node from the embedded measures, the community switch recolours
    them with the community colours and shows their legend; switched off, the page is as it opened."""
    page = fixture_page.page
    looks = "pkView.nodes.get().map(n => [n.id, n.size, n.font.size, n.color]).sort()"
    first = fixture_page.js(looks)
    assert page.locator("#size-by").input_value() == "" and not page.locator("#by-community").is_checked()
    data = fixture_page.js("JSON.parse(document.getElementById('pk-data').textContent)")
    for measure, key in (("p", "p"), ("b", "b")):
        page.select_option("#size-by", measure)
        most = max(m[key] for m in data["metrics"].values())
        expected = {i: round(7 + 23 * (m[key] / most) ** 0.5, 1) for i, m in data["metrics"].items()}
        sizes = {n: size for n, size, _, _ in fixture_page.js(looks)}
        assert sizes == pytest.approx(expected, abs=0.051)
    assert fixture_page.js(looks) != first
    assert page.locator("#community-legend").is_hidden()
    page.check("#by-community")
    colours = {n: colour for n, _, _, colour in fixture_page.js(looks)}
    assert colours == {i: data["communities"][m["c"] - 1]["colour"] for i, m in data["metrics"].items()}
    assert colours != {n: colour for n, _, _, colour in first}
    assert page.locator("#community-legend").is_visible() and page.locator("#legend-com label").count() >= 1
    fixture_page.click_node(WANMO)
    assert "PageRank" in page.locator("#panel .metrics").text_content()
    page.select_option("#size-by", "")
    page.uncheck("#by-community")
    fixture_page.js("pkView.clearSelection()")
    assert fixture_page.js(looks) == first
    assert fixture_page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("query", ["GDP", "gdp", "ＧＤＰ", "地区生产总值", "Gross Domestic Product"])
def test_the_search_finds_an_indicator_and_shows_its_observations(real_page, real_store, query):
    """GDP in any case or width (NFKC), or 地区生产总值, finds ind:gdp first; choosing it lists its observations, each with its evidence."""
    page = real_page.page
    page.fill("#search", query)
    assert page.locator("#results li").first.get_attribute("data-id") == "ind:gdp"
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    assert panel.locator("h2").text_content() == "地区生产总值"
    expected = indicator_observations(real_store)["ind:gdp"]
    assert panel.locator("tr.obs").evaluate_all("rows => rows.map(r => r.dataset.id)") == expected == GDP_OBSERVATIONS
    assert panel.locator("h3").all_text_contents()[-1] == f"观测值 ({len(expected)})"
    assert panel.locator("tr.obs").first.text_content() == "衡阳市2020年总量3500亿元预计000"
    assert panel.locator("tr.ev").first.text_content() == "全年GDP将突破3500亿元"
    assert panel.locator("a").count() == 0, "from disk there is nowhere to link to"
    panel.locator("tr.obs").first.locator("button").click()
    assert real_page.js("pkView.network.getSelectedNodes()") == ["area:hengyang"]
    assert panel.locator("h2").text_content() == "衡阳市"
    assert real_page.errors == []


@pytest.mark.browser
def test_an_entity_panel_finds_its_observations_by_indicator_name(real_page):
    """On 衡阳市's panel, typing GDP keeps exactly the observations of indicators named with GDP; an indicator opens its panel."""
    page = real_page.page
    real_page.js("pkView.select('area:hengyang', false)")
    rows = page.locator("#panel table.obs-entity tr:not(:first-child)")
    everything = rows.count()
    assert everything == len(real_page.js("JSON.parse(document.getElementById('pk-data').textContent).info['area:hengyang'].obs"))
    page.fill("#panel .obs-filter", "ＧＤＰ")
    assert page.locator("#panel table.obs-entity tr:not(:first-child):not([hidden])").all_text_contents() == [
        "地区生产总值2020年3500亿元预计000", "地区生产总值2020年4.3%预计000", "地区生产总值2020年上半年1.7%实际004",
        "高新技术产业增加值占GDP比重2020年16.8%实际001", "R&D经费投入占GDP比重2021年2%目标002"]
    page.fill("#panel .obs-filter", "")
    assert page.locator("#panel table.obs-entity tr:not(:first-child):not([hidden])").count() == everything
    page.locator("#panel table.obs-entity button", has_text="地区生产总值").first.click()
    assert page.locator("#panel h2").text_content() == "地区生产总值"
    assert real_page.js("pkView.network.getSelectedNodes()") == []
    assert real_page.errors == []


@pytest.mark.browser
def test_an_entity_panel_shows_each_fact_once_and_durations_as_written(real_page):
    """万魔声学智造群项目's panel: exactly its stated facts (no inferred duplicate, no rdf:type/实体 row), 20天 not P20D; 20 days in en."""
    page = real_page.page
    real_page.js(f"pkView.select({json.dumps(WANMO)}, false)")
    panel = page.locator("#panel")
    assert panel.locator("table.props tr").all_text_contents() == [
        "建设企业万魔声学000001003004", "所属集合2020年完成投资超时序进度的项目000", "归属关键词关键词 产业链建设000",
        "归属关键词能001", "归属关键词项目“新实力”003", "归属关键词项目建设不断刷新“衡阳速度”004"]
    text = panel.text_content()
    assert "rdf:type" not in text and "实体" not in text and "P20D" not in text
    assert text.count("注册至投产用时: 20天") == 3
    assert [c.split(" ")[0] for c in panel.locator(".claim").all_text_contents()] == ["状态陈述"] * 3
    page.click("#lang")
    try:
        assert page.locator("#panel").text_content().count("duration from registration: 20 days") == 3
    finally:
        page.click("#lang")
    assert real_page.errors == []


class _Served:
    """A loopback HTTP server that serves one view page at /view, answers 404 elsewhere, and records every path asked."""

    def __init__(self, page: bytes):
        paths = self.paths = []

        class Handler(QuietHandler):
            def do_GET(self):
                paths.append(self.path)
                body, status = (page, 200) if self.path == "/view" else (b"not here", 404)
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8" if status == 200 else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._http = LoopbackHTTP(Handler)
        self.url = self._http.base + "/view"

    def close(self):
        self._http.close()


@pytest.mark.browser
def test_served_evidence_links_to_its_sentence_and_names_to_entity_pages(browser, fixture_page_file):
    """Over http an evidence sentence links to /source/{id}?hl=<sentence>#hl and a name to /entity/{curie}; following one asks the server for it."""
    from urllib.parse import parse_qs, urlsplit

    served = _Served(fixture_page_file.read_bytes())
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(served.url)
        page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
        page.evaluate(f"pkView.select({json.dumps(WANMO)}, false)")
        panel = page.locator("#panel")
        assert panel.locator("h2 a").get_attribute("href") == "/entity/" + WANMO
        sentence = "万声声学智造群项目从注册到投产仅用20天"
        links = panel.locator("a.evidence-link").evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])")
        assert [text for text, _ in links] == [sentence, sentence]  # the claim's and the entity's
        for _, href in links:
            parts = urlsplit(href)
            assert (parts.path, parse_qs(parts.query), parts.fragment) == ("/source/004", {"hl": [sentence]}, "hl")
        entity_links = panel.locator("table.props a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert entity_links == ["/entity/company:wanmo-acoustics", "/entity/park:hi-tech-zone"]
        with page.expect_navigation():
            panel.locator("a.evidence-link").first.click()
        asked = [urlsplit(path) for path in served.paths if path != "/favicon.ico"][-1]  # the browser may ask for an icon too
        assert (asked.path, parse_qs(asked.query)) == ("/source/004", {"hl": [sentence]})
    finally:
        page.close()
        served.close()


@pytest.mark.browser
def test_from_disk_evidence_and_names_are_text(fixture_page):
    """Opened from a file the panel holds no link: the evidence sentence and the names are text."""
    fixture_page.click_node(WANMO)
    panel = fixture_page.page.locator("#panel")
    assert panel.locator("a").count() == 0
    assert "万声声学智造群项目从注册到投产仅用20天" in panel.locator(".evidence").text_content()
    assert fixture_page.errors == []


def test_view_command_writes_a_focus_page_and_a_query_page(tmp_path):
    """`policykg view` draws an entity's neighbourhood and a CONSTRUCT query's subgraph, each a self-contained page."""
    from conftest import copy_tree, run_script

    root = copy_tree(tmp_path / "tree")
    assert run_script(str(ROOT / "build_graph.py"), "--root", str(root)).returncode == 0
    focus = run_script("-m", "policykg.cli", "view", "--root", str(root), "--focus",
                       "project:wanmo-acoustics-smart-manufacturing", "--depth", "1", "-o", str(tmp_path / "focus.html"))
    assert focus.returncode == 0, focus.stderr
    page = (tmp_path / "focus.html").read_text(encoding="utf-8")
    assert "万魔声学智造群项目" in page and "https://cdn" not in page
    query = run_script("-m", "policykg.cli", "view", "--root", str(root), "--query", "park-neighbourhood",
                       "--param", "park=park:hengyang-hi-tech-zone", "-o", str(tmp_path / "park.html"))
    assert query.returncode == 0, query.stderr
    assert "衡阳国家高新区" in (tmp_path / "park.html").read_text(encoding="utf-8")
    wrong = run_script("-m", "policykg.cli", "view", "--root", str(root), "--focus", "project:no-such", "-o", str(tmp_path / "x.html"))
    assert wrong.returncode == 2 and "not an entity" in wrong.stderr
    assert not (tmp_path / "x.html").exists()
