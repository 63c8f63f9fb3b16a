"""Fidelity to the articles, beyond evidence being verbatim: what a sentence says about a number's or a
status's reach is data (not a comment), plans are not facts, labels are the articles' text or say that
they are not, and retired IRIs stay retired. Each rule is checked against every article, so that a
qualifier the curators missed in one place shows up here, not in a reader's sample."""

import re
from functools import cache

import pyoxigraph as ox
import pytest

from policykg.load import load_tree
from policykg.tree import Tree

from conftest import ROOT

PREFIXES = """
PREFIX pk: <https://w3id.org/policykg/ontology/>
PREFIX pkc: <https://w3id.org/policykg/ontology/concept/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX hy: <https://w3id.org/policykg/hengyang/>
PREFIX src: <https://w3id.org/policykg/hengyang/source/>
PREFIX area: <https://w3id.org/policykg/hengyang/area/>
PREFIX plan: <https://w3id.org/policykg/hengyang/plan/>
PREFIX obs: <https://w3id.org/policykg/hengyang/observation/>
PREFIX claim: <https://w3id.org/policykg/hengyang/claim/>
PREFIX chain: <https://w3id.org/policykg/hengyang/chain/>
PREFIX cluster: <https://w3id.org/policykg/hengyang/cluster/>
PREFIX team: <https://w3id.org/policykg/hengyang/team/>
PREFIX ind: <https://w3id.org/policykg/hengyang/indicator/>
PREFIX period: <https://w3id.org/policykg/hengyang/period/>
"""
SOURCE = "https://w3id.org/policykg/hengyang/source/"


@cache
def store() -> ox.Store:
    return load_tree(Tree.at(ROOT)).store()


@cache
def texts() -> dict[str, str]:
    """Each article's text by its id (000 … 004)."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted((ROOT / "sources").glob("*.txt"))}


def normalized(text: str) -> str:
    """Text without quotation marks, title marks and white space (line breaks split names in the articles)."""
    return re.sub(r"[\s“”‘’\"《》]", "", text)


def rows(query: str) -> list[dict[str, str]]:
    """The rows of a SELECT over all graphs (the default graph is their union)."""
    result = store().query(PREFIXES + query, use_default_graph_as_union=True)
    return [{v.value: (row[v].value if row[v] is not None else None) for v in result.variables} for row in result]


def ask(query: str) -> bool:
    return bool(store().query(PREFIXES + query, use_default_graph_as_union=True))


# ---------------------------------------------------------------------------------------------
# Labels: an article's text, or marked as the curators' wording
# ---------------------------------------------------------------------------------------------

_LABELLED = """
SELECT DISTINCT ?entity ?label ?basis WHERE {
  ?entity rdfs:label ?label ; a ?class .
  FILTER(LANG(?label) = "zh" && STRSTARTS(STR(?entity), STR(hy:)) && STRSTARTS(STR(?class), STR(pk:)))
  FILTER NOT EXISTS { ?class rdfs:subClassOf* pk:Claim }
  OPTIONAL { ?entity pk:labelBasis ?basis }
}
"""


def test_zh_labels_are_article_text_or_marked_as_ours():
    """Every zh label is text an article writes (quotation marks and line breaks aside), or says it is
    the curators' wording (pk:labelBasis pkc:CuratorsWording) — and a marked label is not article text."""
    articles = [normalized(text) for text in texts().values()]
    unmarked, stale = [], []
    for row in rows(_LABELLED):
        written = any(normalized(row["label"]) in article for article in articles)
        if not written and row["basis"] is None:
            unmarked.append(f"{row['entity']} {row['label']}")
        if written and row["basis"] is not None:
            stale.append(f"{row['entity']} {row['label']}")
    assert not unmarked, f"zh labels no article writes, not marked pk:labelBasis pkc:CuratorsWording: {unmarked}"
    assert not stale, f"labels marked as the curators' wording that an article writes after all: {stale}"


def test_alt_labels_are_the_text_of_the_article_that_uses_them():
    """A spelling variant is recorded in the graph of the article that writes it, as it writes it."""
    wrong = [
        f"{row['g'][len(SOURCE):]} {row['entity']} {row['variant']}"
        for row in rows("SELECT ?g ?entity ?variant WHERE { GRAPH ?g { ?entity skos:altLabel ?variant } FILTER(LANG(?variant) = 'zh') }")
        if normalized(row["variant"]) not in normalized(texts()[row["g"][len(SOURCE):]])
    ]
    assert not wrong, f"altLabels that their article does not write: {wrong}"


# ---------------------------------------------------------------------------------------------
# Plans are not facts: the modality of status claims
# ---------------------------------------------------------------------------------------------

def test_every_status_claim_has_a_modality_and_plans_carry_their_commitment():
    """Article 002 states the city's plans for 2021: each of its status claims is intended, with the
    commitment of its sentence; the other four report results, so theirs are observed."""
    claims = rows("""SELECT ?claim ?g ?status ?intended ?modality ?commitment ?evidence WHERE {
        GRAPH ?g { ?claim a pk:StatusClaim ; pk:projectStatus ?status ; pk:evidence ?evidence .
                   OPTIONAL { ?claim pk:modality ?modality } OPTIONAL { ?claim pk:intendedStatus ?intended }
                   OPTIONAL { ?claim pk:commitment ?commitment } } }""")
    assert claims
    for row in claims:
        article = row["g"][len(SOURCE):]
        expected = "Intended" if article == "002" else "Observed"
        assert row["modality"] and row["modality"].endswith(expected), (row["claim"], row["modality"])
        # a plan is pkc:Planned, so that no query that ignores the modality reads it as a stage reached
        assert row["status"].endswith("Planned") == (article == "002") == (row["intended"] is not None), row["claim"]
        if article == "002":
            word = "Commitment" if "确保" in row["evidence"] else "Aspiration" if "力争" in row["evidence"] else "Plan"
            assert row["commitment"] and row["commitment"].endswith(word), (row["claim"], row["commitment"], row["evidence"])


# ---------------------------------------------------------------------------------------------
# Qualifiers as data: each qualifying word of an evidence has its property
# ---------------------------------------------------------------------------------------------

_OBSERVATIONS = """SELECT ?obs ?written ?evidence WHERE {
    GRAPH ?g { ?obs a ?class ; pk:valueAsWritten ?written ; pk:evidence ?evidence . VALUES ?class { pk:Observation pk:Target } } }"""


def _has(subject: str, path: str, value: str | None = None) -> bool:
    target = value or "?any"
    return ask(f"ASK {{ <{subject}> {path} {target} }}")


def test_exclusions_are_data():
    """除…外 (除长沙外): every rank of the sentence says what it leaves out (pk:excludes)."""
    found = [r for r in rows(_OBSERVATIONS) if re.search(r"除.{1,6}外", r["evidence"])]
    assert found
    missing = [r["obs"] for r in found if not _has(r["obs"], "pk:excludes")]
    assert not missing, f"observations whose evidence excludes something, without pk:excludes: {missing}"


def test_orders_of_reaching_are_not_ranks():
    """全省第二个…达100%的市州 is the order of reaching a value (pk:orderOfReaching), not a rank of it."""
    found = [r for r in rows(_OBSERVATIONS) if re.search(r"第[一二三四五六七八九十]+个[^，。]{0,10}达", r["evidence"])]
    assert found
    wrong = [r["obs"] for r in found if not _has(r["obs"], "pk:orderOfReaching") or _has(r["obs"], "pk:rank")]
    assert not wrong, f"an order of reaching given as a rank, or missing: {wrong}"


def test_tiers_are_tiers():
    """第一方阵 is tier 1 of a group (unit pkc:Tier), neither an exact rank nor “about first”."""
    found = [r for r in rows(_OBSERVATIONS) if "方阵" in r["written"]]
    assert found
    wrong = [r["obs"] for r in found if not _has(r["obs"], "pk:unit", "pkc:Tier") or _has(r["obs"], "pk:rank")
             or not _has(r["obs"], "pk:comparator", "pkc:Exactly")]
    assert not wrong, wrong


def test_values_for_each_member_say_so():
    """各县(市)区…5个以上, 全部实现…破零: a value stated for each member of a set has pk:scope
    pkc:EachMember (and the set as its subject); 平均投资完成率 is an average of the members."""
    for row in rows(_OBSERVATIONS):
        evidence, written = row["evidence"], row["written"]
        for match in re.finditer(r"各县\(市\)区|县\(市\)区\(园区\)全部", evidence):
            clause = re.split(r"[，。,;；]", evidence[match.start():])[0]
            if written in clause:
                assert _has(row["obs"], "pk:scope", "pkc:EachMember"), row["obs"]
                assert not _has(row["obs"], "pk:subject", "area:hengyang"), row["obs"]
        if "平均投资完成率" in evidence:
            assert _has(row["obs"], "pk:scope", "pkc:MemberAverage"), row["obs"]
            assert _has(row["obs"], "pk:indicator", "ind:average-investment-completion-rate"), row["obs"]


#: Qualifying words (records and firsts) and the reason where a text that holds one is no record to keep.
_RECORD_WORDS = re.compile(r"首次|首家|首个|首创|首档|率先|历史新高|有史以来|世界纪录|近10年来")
_NOT_A_RECORD = {
    "率先推进复工复产": "took the lead in a drive that is no entity; the order of reaching 100% (第二个) is recorded",
}


def test_records_and_firsts_are_data():
    """Each 首次/首家/率先/历史新高/有史以来/世界纪录/近10年来 of an article is a pk:record of a claim of its
    graph whose evidence holds the word."""
    recorded = rows("SELECT ?g ?evidence WHERE { GRAPH ?g { ?claim pk:record ?record ; pk:evidence ?evidence } }")
    missing = []
    for article, text in texts().items():
        evidences = [r["evidence"] for r in recorded if r["g"] == SOURCE + article]
        for match in _RECORD_WORDS.finditer(text):
            context = text[max(0, match.start() - 2):match.end() + 6]
            if any(phrase in text[match.start() - 4:match.end() + 8] for phrase in _NOT_A_RECORD):
                continue
            if not any(evidence in text and text.find(evidence) <= match.start() < text.find(evidence) + len(evidence)
                       or match.group() in evidence and context[2:] in evidence for evidence in evidences):
                missing.append(f"{article}: …{context}…")
    assert not missing, f"firsts and records with no pk:record: {missing}"


def test_batches_repeats_and_streaks_are_data():
    """第一批/第三批 → pk:batch; 再获 → pk:repeated; 连续3年 → pk:consecutiveYears, on a claim quoting them."""
    for word, prop in (("批", "pk:batch"), ("再获", "pk:repeated"), ("连续", "pk:consecutiveYears")):
        pattern = r"第[一二三四五六七八九十]+批" if word == "批" else word
        quoting = rows(f"""SELECT DISTINCT ?claim ?evidence WHERE {{ GRAPH ?g {{ ?claim a ?class ; pk:evidence ?evidence .
            FILTER(REGEX(?evidence, "{pattern}")) }} ?class rdfs:subClassOf* pk:Claim }}""")
        assert quoting, word
        assert any(_has(r["claim"], prop) for r in quoting), f"no claim quoting {word} has {prop}"


def test_units_of_occurrences():
    """零发生 counts occurrences, not people."""
    wrong = [r["obs"] for r in rows(_OBSERVATIONS) if "发生" in r["written"] and not _has(r["obs"], "pk:unit", "pkc:Occurrence")]
    assert not wrong, wrong


# ---------------------------------------------------------------------------------------------
# Named sets, recognitions, retired IRIs
# ---------------------------------------------------------------------------------------------

def test_retired_iris_are_used_by_no_claim():
    """A retired IRI (owl:deprecated) appears in no article's graph: the replacement is used."""
    used = rows("""SELECT DISTINCT ?old ?g WHERE { ?old owl:deprecated true .
        GRAPH ?g { { ?old ?p ?o } UNION { ?s ?p ?old } } FILTER(STRSTARTS(STR(?g), STR(src:))) }""")
    assert not used, used
    retired = rows("SELECT DISTINCT ?old ?new WHERE { ?old owl:deprecated true ; owl:sameAs ?new . FILTER EXISTS { ?new a ?class } }")
    assert len(retired) == 7, retired


@pytest.mark.parametrize(
    "statement",
    [
        # 1. qualifiers
        "obs:004-deposits-and-loans-rank-2020h1 pk:excludes area:changsha",
        "obs:004-new-deposits-rank-2020h1 pk:excludes area:changsha",
        "obs:004-new-loans-rank-2020h1 pk:excludes area:changsha",
        "obs:004-civilised-city-assessment-rank-2020h1 pk:rankScope area:civilised-city-nominees",
        "obs:004-tax-share-of-revenue-2020h1 pk:recordScope period:2011_2020",
        "obs:004-high-tech-enterprise-applications-2020h1 pk:batch 1",
        "obs:004-high-tech-enterprise-applications-2020h1 pk:comparison/pk:comparator pkc:Approaching",
        "obs:003-key-project-investment-completion-rate-2020 pk:subject plan:provincial-major-industrial-projects-2020",
        "obs:004-local-regulations-2020h1 pk:indicator ind:local-regulations-in-drafting",
        "obs:001-local-regulations-2020 pk:indicator ind:local-regulations-adopted",
        # 2. plans and forming clusters
        "claim:002-byd-car-lamps-production-planned pk:intendedStatus pkc:InProduction",
        "claim:003-hundred-billion-clusters-forming pk:projectStatus pkc:Forming",
        "obs:003-hundred-billion-clusters-2020 pk:subject cluster:hundred-billion-industry-clusters",
        # 3. sets
        "chain:fourteen-industrial-chains pk:governedBy plan:chain-leader-system",
        "chain:fourteen-industrial-chains pk:hasMember <https://w3id.org/policykg/hengyang/chain/biomedicine>",
        "cluster:hundred-billion-industry-clusters pk:serves <https://w3id.org/policykg/hengyang/strategy/modern-industry-strong-city>",
        "cluster:textiles-and-garments skos:altLabel '服装纺织'@zh",
        "plan:3215-key-project-promotion-plan pk:serves <https://w3id.org/policykg/hengyang/goal/industry-strong-city>",
        "plan:up-mode pk:partOf plan:ten-thousand-geese-to-hengyang",
        "team:zhu-lei-team pk:broughtInUnder plan:up-mode",
        # 4. facts of 004 and 003
        "claim:004-qidong-daylily-first-export-to-canada pk:destination area:canada",
        "claim:004-legal-aid-national-advanced pk:repeated true",
        "claim:004-hygienic-city-inspection-passed pk:recognition pkc:InspectionPassed",
        "claim:004-china-europe-railway-express-approved pk:projectStatus pkc:Preparatory",
        "claim:003-nanyue-beijing-capital-direct-route-in-operation pk:projectStatus pkc:InOperation",
    ],
)
def test_the_issue_is_in_the_data(statement):
    """Regression: each fact of the fidelity review (issue “Fidelity v2”) is stated, in some graph."""
    assert ask(f"ASK {{ {{ {statement} }} UNION {{ GRAPH ?g {{ {statement} }} }} }}"), statement


def test_no_rank_where_the_text_gives_none():
    """The work-resumption rate (100%) ranks no one: it is an order of reaching."""
    assert not ask("ASK { GRAPH ?g { ?obs pk:indicator ind:work-resumption-rate ; pk:rank ?rank } }")


# ---------------------------------------------------------------------------------------------
# The shapes of the new terms fire on bad data
# ---------------------------------------------------------------------------------------------

_BAD_PREFIXES = """
@prefix pk: <https://w3id.org/policykg/ontology/> .
@prefix pkc: <https://w3id.org/policykg/ontology/concept/> .
@prefix src: <https://w3id.org/policykg/hengyang/source/> .
@prefix area: <https://w3id.org/policykg/hengyang/area/> .
@prefix project: <https://w3id.org/policykg/hengyang/project/> .
@prefix period: <https://w3id.org/policykg/hengyang/period/> .
@prefix ind: <https://w3id.org/policykg/hengyang/indicator/> .
@prefix obs: <https://w3id.org/policykg/hengyang/observation/> .
@prefix claim: <https://w3id.org/policykg/hengyang/claim/> .
@prefix plan: <https://w3id.org/policykg/hengyang/plan/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
_STATUS = """claim:bad-{name} a pk:StatusClaim ; pk:about project:byd-car-lamps ; {lines}
    pk:year "2020"^^xsd:gYear ; prov:wasDerivedFrom src:003 ; pk:evidence "比亚迪年产40万副车灯项目正式投产"@zh ."""
_OBSERVATION = """obs:bad-{name} a pk:Observation ; pk:indicator ind:work-resumption-rate ; pk:subject area:hengyang ;
    pk:period period:2020 ; pk:kind pkc:Share ; pk:status pkc:Actual ; pk:comparator pkc:Exactly ;
    pk:valueAsWritten "100%" ; pk:value 100 ; pk:unit pkc:Percent ; {lines}
    prov:wasDerivedFrom src:003 ; pk:evidence "比亚迪年产40万副车灯项目正式投产"@zh ."""


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("no-modality", _STATUS.format(name="no-modality", lines="pk:projectStatus pkc:InProduction ;")),
        ("observed-with-commitment", _STATUS.format(
            name="observed-with-commitment", lines="pk:projectStatus pkc:InProduction ; pk:modality pkc:Observed ; pk:commitment pkc:Plan ;")),
        ("plan-as-a-stage", _STATUS.format(
            name="plan-as-a-stage", lines="pk:projectStatus pkc:InProduction ; pk:modality pkc:Intended ; pk:commitment pkc:Plan ;")),
        ("plan-without-commitment", _STATUS.format(
            name="plan-without-commitment", lines="pk:projectStatus pkc:Planned ; pk:intendedStatus pkc:InProduction ; pk:modality pkc:Intended ;")),
        ("order-as-rank", _OBSERVATION.format(name="order-as-rank", lines="pk:orderOfReaching 2 ; pk:rank 2 ; pk:rankScope area:hunan ;")),
        ("best-without-period", _OBSERVATION.format(name="best-without-period", lines="pk:record pkc:BestInPeriod ;")),
        ("scope-not-in-scheme", _OBSERVATION.format(name="scope-not-in-scheme", lines="pk:scope pkc:Actual ;")),
        ("approaching-without-what", _OBSERVATION.format(
            name="approaching-without-what", lines="pk:comparison [ a pk:Comparison ; pk:comparator pkc:Approaching ] ;")),
        ("recognition-without-kind", """claim:bad-recognition-without-kind a pk:RecognitionClaim ; pk:about plan:legal-aid ;
            pk:year "2020"^^xsd:gYear ; prov:wasDerivedFrom src:003 ; pk:evidence "比亚迪年产40万副车灯项目正式投产"@zh ."""),
        ("milestone-without-year", """claim:bad-milestone-without-year a pk:MilestoneClaim ; pk:about plan:legal-aid ; pk:record pkc:First ;
            prov:wasDerivedFrom src:003 ; pk:evidence "比亚迪年产40万副车灯项目正式投产"@zh ."""),
    ],
)
def test_shapes_of_the_qualifiers_fire(tmp_path, name, lines):
    """SHACL flags a status without modality, a plan read as a stage or without commitment, an order of
    reaching given as a rank, a best-in-period without its period, a qualifier outside its scheme, a
    bare approaching comparison, a recognition without its kind and a milestone without its year."""
    from conftest import copy_tree
    from policykg.validation import all_checks

    root = copy_tree(tmp_path / "tree")
    claims = root / "triples" / "claims" / "003.ttl"
    claims.write_text(claims.read_text(encoding="utf-8") + _BAD_PREFIXES + lines + "\n", encoding="utf-8")
    loaded = load_tree(Tree.at(root))
    check = next(c for c in all_checks(loaded) if c.name == "shacl")
    findings = check.run(loaded, loaded.store()).findings
    assert any(f"bad-{name}" in f.entity or f.entity.startswith("_:") and name.startswith("approaching") for f in findings), findings
