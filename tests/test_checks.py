"""Each check fires on known-bad Turtle, and the curated graph passes every check.

A check that has never been seen to fail is not yet a check: every rule below gets a few lines of bad
data that it must flag, appended to a copy of the real tree.
"""

from pathlib import Path

import pytest

from policykg.load import load_tree
from policykg.tree import Tree
from policykg.validation import all_checks

from conftest import ROOT, copy_tree, require_program

PREFIXES = """
@prefix pk: <https://w3id.org/policykg/ontology/> .
@prefix pkc: <https://w3id.org/policykg/ontology/concept/> .
@prefix src: <https://w3id.org/policykg/hengyang/source/> .
@prefix area: <https://w3id.org/policykg/hengyang/area/> .
@prefix project: <https://w3id.org/policykg/hengyang/project/> .
@prefix company: <https://w3id.org/policykg/hengyang/company/> .
@prefix measure: <https://w3id.org/policykg/hengyang/measure/> .
@prefix award: <https://w3id.org/policykg/hengyang/award/> .
@prefix period: <https://w3id.org/policykg/hengyang/period/> .
@prefix ind: <https://w3id.org/policykg/hengyang/indicator/> .
@prefix obs: <https://w3id.org/policykg/hengyang/observation/> .
@prefix claim: <https://w3id.org/policykg/hengyang/claim/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""

#: A complete, valid observation of article 003, to be broken one property at a time.
GOOD_OBSERVATION = """
obs:test-{name} a pk:Observation ;
    pk:indicator ind:key-project-investment ;
    pk:subject area:hengyang ;
    pk:period period:2020 ;
    pk:kind pkc:Level ;
    pk:status pkc:Actual ;
    pk:comparator pkc:Exactly ;
    pk:valueAsWritten "595.92亿元" ;
    pk:value 59592000000 ;
    pk:unit pkc:Yuan ;
    prov:wasDerivedFrom src:003 ;
    pk:evidence "283个市重点项目完成投资595.92亿元"@zh .
"""


def observation(name: str, **changes: str | None) -> str:
    """The good observation with some properties replaced (a value) or removed (None)."""
    lines = GOOD_OBSERVATION.format(name=name).strip().split("\n")
    for prop, value in changes.items():
        key = "    " + prop.replace("__", ":") + " "
        index = next(i for i, line in enumerate(lines) if line.startswith(key))
        lines[index] = "" if value is None else key + value + (" ." if lines[index].endswith(" .") else " ;")
    text = "\n".join(line for line in lines if line)
    return text if text.endswith(" .") else text.rstrip(" ;") + " ."


CASES = [
    # check name, where the bad lines go (claims of article 003 unless "reference"), the lines, expected entity
    ("evidence-in-source", "claims", observation("a", pk__evidence='"283个市重点项目完成投资五百亿元"@zh'), "obs:test-a"),
    ("evidence-in-source", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:evidence "万魔声学"@zh .', "project:x"),
    ("value-follows-from-evidence", "claims", observation("b", pk__value="595.92"), "obs:test-b"),
    ("value-follows-from-evidence", "claims", observation("c", pk__valueAsWritten='"596亿元"'), "obs:test-c"),
    ("value-follows-from-evidence", "claims", observation(
        "c2", pk__unit='pkc:Yuan ; pk:comparison [ a pk:Comparison ; pk:valueAsWritten "94.9%" ; pk:difference 94.8 ; pk:unit pkc:PercentagePoint ]',
        pk__evidence='"283个市重点项目完成投资595.92亿元、占年度任务94.9%"@zh'), "_:"),
    ("undeclared-term", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:developedby company:byd .', "project:x"),
    ("entity-without-class", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:developedBy company:no-such-company .', "company:no-such-company"),
    ("entity-without-label", "reference", 'project:x a pk:Project ; rdfs:label "只有中文"@zh .', "project:x"),
    ("duplicate-zh-label", "reference", 'project:x a pk:Project ; rdfs:label "万魔声学智造群项目"@zh , "x"@en .', "project:x"),
    ("ill-typed-literal", "claims", observation("d", pk__value='"abc"^^xsd:decimal'), "obs:test-d"),
    ("ill-typed-literal", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:date "2020-13-01"^^xsd:date .', "project:x"),
    ("observation-incomplete", "claims", observation("e", pk__period=None), "obs:test-e"),
    ("target-without-comparator", "claims",
     observation("f").replace("a pk:Observation", "a pk:Target").replace("pkc:Actual", "pkc:Target"), "obs:test-f"),
    ("claim-outside-source", "reference", observation("g"), "obs:test-g"),
    ("claim-outside-source", "claims", observation("h", prov__wasDerivedFrom="src:000"), "obs:test-h"),
    ("class-as-instance", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:developedBy pk:Company .', "project:x"),
    ("control-character", "reference", 'project:x a pk:Project ; rdfs:label "x\\u001b[31m"@zh , "x"@en .', "project:x"),
    # SHACL, one case per shape
    ("shacl", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "y"@zh , "x"@en .', "project:x"),  # EntityShape
    ("shacl", "claims", observation("i", prov__wasDerivedFrom=None), "obs:test-i"),  # ClaimShape
    ("shacl", "claims", observation("j", pk__kind="pkc:Actual"), "obs:test-j"),  # ObservationShape
    ("shacl", "claims", observation("k").replace("a pk:Observation", "a pk:Target").replace("pkc:Actual", "pkc:Target")
     .replace("pk:unit pkc:Yuan ;", "pk:unit pkc:Yuan ; pk:commitment pkc:Actual ; pk:statedBy measure:industry-strong-city-1 ;"), "obs:test-k"),  # TargetShape
    ("shacl", "claims", observation("l", pk__unit="pkc:Yuan ; pk:comparison [ a pk:Comparison ; pk:unit pkc:Percent ]"), "obs:test-l"),  # ComparisonShape
    ("shacl", "claims", observation("m", pk__unit="pkc:Actual"), "obs:test-m"),  # UnitConceptShape
    ("shacl", "claims", 'claim:test-n a pk:StatusClaim ; pk:about project:wanmo-acoustics-smart-manufacturing ; pk:projectStatus pkc:InProduction ;'
     ' prov:wasDerivedFrom src:003 ; pk:evidence "万魔声学智造群项目从注册到投产仅用20天"@zh .', "claim:test-n"),  # StatusClaimShape
    ("shacl", "claims", 'claim:test-o a pk:AwardClaim ; pk:about area:hengyang ; prov:wasDerivedFrom src:003 ; pk:evidence "万魔声学"@zh .', "claim:test-o"),  # AwardClaimShape
    ("shacl", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:date "2020年3月3日" .', "project:x"),  # DatedShape
    ("shacl", "reference", 'period:test a pk:Period ; rdfs:label "x"@zh , "x"@en ; pk:startDate "2020-01-01"^^xsd:date .', "period:test"),  # PeriodShape
    ("shacl", "reference", 'measure:test a pk:Measure ; rdfs:label "x"@zh , "x"@en .', "measure:test"),  # MeasureShape
    ("shacl", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:locatedIn company:byd .', "project:x"),  # LocatedInShape
    ("shacl", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:developedBy area:hengyang .', "project:x"),  # DevelopedByShape
    ("shacl", "reference", 'project:x a pk:Project ; rdfs:label "x"@zh , "x"@en ; pk:inChain area:hengyang .', "project:x"),  # ChainShape
    ("shacl", "reference", 'measure:industry-strong-city-1 pk:names <https://w3id.org/policykg/hengyang/project/untyped> .', "measure:industry-strong-city-1"),  # NamesShape
]


def tree_with(tmp_path: Path, where: str, lines: str) -> Tree:
    """A copy of the real tree with ``lines`` added to article 003's claims, or to a new reference file."""
    root = copy_tree(tmp_path / "tree")
    path = root / "triples" / ("claims/003.ttl" if where == "claims" else "reference/zz-test.ttl")
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(existing + PREFIXES + lines + "\n", encoding="utf-8")
    return Tree.at(root)


def findings_of(tree: Tree, name: str):
    loaded = load_tree(tree)
    check = next(c for c in all_checks(loaded) if c.name == name)
    return check.run(loaded, loaded.store()).findings


@pytest.mark.parametrize(("name", "where", "lines", "entity"), [pytest.param(*case, id=f"{case[0]}-{i}") for i, case in enumerate(CASES)])
def test_check_flags_bad_data(tmp_path, name, where, lines, entity):
    """The check finds the entity that the bad lines make wrong."""
    findings = findings_of(tree_with(tmp_path, where, lines), name)
    flagged = {f.entity for f in findings} | {"_:" for f in findings if f.entity.startswith("_:")}
    assert entity in flagged, f"{name} did not flag {entity}: {findings}"


@pytest.mark.java
def test_owl_consistency_names_the_disjoint_classes(tmp_path):
    """An entity typed both project and company makes the ontology inconsistent; the finding names both classes."""
    require_program("java")
    tree = tree_with(tmp_path, "reference", 'project:x a pk:Project , pk:Company ; rdfs:label "x"@zh , "x"@en .')
    findings = findings_of(tree, "owl-consistency")
    assert [(f.entity, f.value) for f in findings] == [("project:x", "pk:Company and pk:Project")]


CHECK_NAMES = [check.name for check in all_checks(load_tree(Tree.at(ROOT)))]


@pytest.fixture(scope="module")
def real_tree():
    loaded = load_tree(Tree.at(ROOT))
    return loaded, loaded.store()


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_curated_graph_passes(real_tree, name):
    """The curated graph has no finding for this check (the offending rows are printed if it has)."""
    loaded, store = real_tree
    if name == "owl-consistency":
        require_program("java")
    check = next(c for c in all_checks(loaded) if c.name == name)
    findings = check.run(loaded, store).findings
    assert not findings, "\n".join(map(str, findings))


def test_every_check_has_a_bad_case():
    """No check ships without a case above proving it can fire."""
    covered = {case[0] for case in CASES} | {"owl-consistency", "source-file-exists"}
    assert set(CHECK_NAMES) <= covered


def test_source_file_exists_flags_a_missing_article(tmp_path):
    """A source article whose text file is gone is flagged."""
    tree = Tree.at(copy_tree(tmp_path / "tree"))
    next(tree.sources_dir.glob("004-*.txt")).unlink()
    assert [f.entity for f in findings_of(tree, "source-file-exists")] == ["src:004"]
