"""The named queries as forms (/queries, /query/NAME and its .json and .csv twins), the SPARQL editor page and the
path form, called in-process over the session's built tree."""

import json

from web_client import get

WANMO_PROJECT = "project:wanmo-acoustics-smart-manufacturing"


def test_the_query_list_names_every_query_with_its_parameters(pages):
    """/queries.json lists the 28 named queries; projects takes an optional status (a concept) and year."""
    data = json.loads(get(pages, "/queries.json").body)
    assert len(data["queries"]) == 28
    projects = next(q for q in data["queries"] if q["name"] == "projects")
    assert projects["parameters"] == [
        {"name": "status", "takes": "pkc:ProjectStatusScheme", "optional": True, "meaning": "a project status, e.g. pkc:InProduction"},
        {"name": "year", "takes": "xsd:gYear", "optional": True, "meaning": "the year of the status, e.g. 2020"}]
    assert projects["columns"][-1] == "sources (the ids of the articles that state the status, such as 001 003)"


def test_a_concept_parameter_is_a_list_of_its_concepts(pages):
    """The status field of /query/projects offers the concepts of the status scheme, 投产 among them, by label."""
    page = get(pages, "/query/projects").text
    assert '<select id="f-status" name="status">' in page
    assert '<option value="pkc:InProduction">投产</option>' in page


def test_the_csv_download_gives_labels_and_iris(pages):
    """/query/projects.csv?status=pkc:InProduction: the three projects in production, labels beside their IRIs."""
    response = get(pages, "/query/projects.csv?status=pkc:InProduction")
    assert response.status == 200 and response.headers["Content-Disposition"] == 'attachment; filename="projects.csv"'
    lines = response.text.splitlines()
    assert lines[0] == "project,project_iri,status,status_iri,when,company,company_iri,place,chain,cluster,sources"
    assert [line.split(",")[0] for line in lines[1:]] == ["比亚迪年产40万副车灯项目", "特变电工GIS智能工厂", "万魔声学智造群项目"]


def test_an_entity_parameter_takes_a_picked_iri_or_a_typed_name(pages):
    """entity-facts gives the same 20 rows for the picked IRI and for the project's typed name; its first row is labelled."""
    by_iri = json.loads(get(pages, f"/query/entity-facts.json?entity={WANMO_PROJECT}").body)["answer"]
    by_name = json.loads(get(pages, "/query/entity-facts.json?entity=&entity-name=万魔声学智造群项目").body)["answer"]
    assert by_iri == by_name and by_iri["count"] == 20
    first = by_iri["rows"][0]
    assert first[0]["label"] == "观测值" and first[1]["value"] == "20天" and first[3]["label"] == "2020年"


def test_an_ambiguous_name_or_a_missing_parameter_is_a_400_that_says_why(pages):
    """A name of two entities lists both; a required parameter left out is named."""
    ambiguous = get(pages, "/query/entity-facts.json?entity-name=万魔声学")
    assert ambiguous.status == 400
    assert "company:wanmo-acoustics" in json.loads(ambiguous.body)["error"]
    missing = get(pages, "/query/entity-facts.json")
    assert (missing.status, json.loads(missing.body)["error"]) == (400, "缺少参数：entity")
    assert get(pages, "/query/entity-facts").status == 200  # the empty form


def test_an_unknown_query_is_a_404(pages):
    """/query/nope is the workbench's 404 page."""
    assert get(pages, "/query/nope").status == 404


def test_the_editor_declares_our_prefixes_and_lists_the_examples(pages):
    """/sparql without a query is the editor: the text starts with our PREFIX lines; ?example=NAME loads that query."""
    page = get(pages, "/sparql").text
    assert "PREFIX pk: &lt;https://w3id.org/policykg/ontology/&gt;" in page
    assert page.count('data-example="') == 28
    assert "SELECT DISTINCT ?project ?status" in get(pages, "/sparql?example=projects").text


def test_labels_api_labels_what_the_graph_labels(pages):
    """/api/labels gives label, CURIE and entity page for an entity, and nothing for an unknown IRI."""
    hengyang = "https://w3id.org/policykg/hengyang/area/hengyang"
    data = json.loads(get(pages, f"/api/labels?iri={hengyang}&iri=https://example.org/x").body)
    assert data == {hengyang: {"label": "衡阳市", "curie": "area:hengyang", "href": "/entity/area:hengyang"}}


def test_the_path_form_gives_paths_with_evidence(pages):
    """/path.json from the company 万魔声学 to 一体两翼: paths of 3, 3 and 4 hops, the first through the chain-leader system."""
    data = json.loads(get(pages, "/path.json?from=company:wanmo-acoustics&to=一体两翼").body)["answer"]
    assert [p["hops"] for p in data["paths"]] == [3, 3, 4]
    assert [e["iri"] for e in data["paths"][0]["entities"]] == [
        "company:wanmo-acoustics", "keyword:001-momentum", "plan:chain-leader-system", "strategy:one-body-two-wings"]


def test_the_path_form_offers_the_entities_a_name_means(pages):
    """A name of two entities is a 400 whose page links each of them as a choice."""
    response = get(pages, "/path?from=万魔声学&to=一体两翼")
    assert response.status == 400
    assert response.text.count('class="choice"') == 2


def test_a_value_that_is_no_iri_is_a_400_not_a_failure(pages):
    """Text in angle brackets that is no IRI (here an attempt to smuggle in SERVICE) is refused as a 400 that says why."""
    response = get(pages, "/query/entity-facts.json?entity=" + "%3Chttp%3A%2F%2Fx%3E%20%7D%20SERVICE%20%3Chttp%3A%2F%2F127.0.0.1%3A9%2F%3E%20%7B")
    assert response.status == 400
    assert json.loads(response.body)["error"].startswith("?_entity (pk:Entity): '<http://x> } SERVICE <http://127.0.0.1:9/> {' is not an IRI")
