"""The ontology and the concept schemes are complete: every term labelled in zh and en, commented, with domain and range."""

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from policykg.namespaces import CONCEPT_IRI, ONTOLOGY_IRI, PK, PKC

from conftest import ROOT

ONTOLOGY = rdflib.Graph().parse(ROOT / "ontology" / "policykg.ttl")
CONCEPTS = rdflib.Graph().parse(ROOT / "ontology" / "concepts.ttl")
TERMS = sorted(s for s in set(ONTOLOGY.subjects()) if isinstance(s, rdflib.URIRef) and str(s).startswith(ONTOLOGY_IRI) and str(s) != ONTOLOGY_IRI)
PROPERTIES = [t for t in TERMS if (t, RDF.type, OWL.Class) not in ONTOLOGY]
CONCEPT_TERMS = sorted(s for s in set(CONCEPTS.subjects()) if str(s).startswith(CONCEPT_IRI))


def languages(graph: rdflib.Graph, term, predicate) -> set[str]:
    return {o.language for o in graph.objects(term, predicate) if isinstance(o, rdflib.Literal)}


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.split("/")[-1])
def test_term_has_zh_and_en_labels_and_a_comment(term):
    """Each ontology term has exactly one zh and one en label and one English comment."""
    labels = list(ONTOLOGY.objects(term, RDFS.label))
    assert sorted(label.language for label in labels) == ["en", "zh"]
    comments = list(ONTOLOGY.objects(term, RDFS.comment))
    assert len(comments) == 1 and comments[0].language == "en" and comments[0].endswith(".")


@pytest.mark.parametrize("term", PROPERTIES, ids=lambda t: t.split("/")[-1])
def test_property_has_domain_and_range(term):
    """Each property declares its kind, one domain and one range."""
    kinds = set(ONTOLOGY.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(list(ONTOLOGY.objects(term, RDFS.domain))) == 1
    assert len(list(ONTOLOGY.objects(term, RDFS.range))) == 1


@pytest.mark.parametrize("term", CONCEPT_TERMS, ids=lambda t: t.split("/")[-1])
def test_concept_has_labels_a_definition_and_a_scheme(term):
    """Each SKOS concept or scheme has zh and en labels and a definition; each concept is in a scheme."""
    assert languages(CONCEPTS, term, RDFS.label) == {"zh", "en"}
    assert languages(CONCEPTS, term, SKOS.definition) == {"en"}
    if (term, RDF.type, SKOS.Concept) in CONCEPTS:
        assert (term, SKOS.inScheme, None) in CONCEPTS


def test_closed_namespaces_match_the_ontology():
    """The Python namespaces PK and PKC list exactly the terms the Turtle files define."""
    assert {str(t) for t in TERMS} == {str(PK[name]) for name in PK.__annotations__}
    assert {str(t) for t in CONCEPT_TERMS} == {str(PKC[name]) for name in PKC.__annotations__}


def test_misspelt_term_raises():
    """A misspelt ontology term raises at once instead of minting a new IRI."""
    with pytest.raises(AttributeError):
        PK.Projekt  # noqa: B018


def test_classes_reuse_w3c_vocabularies():
    """Our classes subclass the W3C terms they narrow (org, prov, qb, skos, time, dcterms)."""
    expected = {
        PK.Company: "http://www.w3.org/ns/org#FormalOrganization",
        PK.Park: "http://www.w3.org/ns/org#Site",
        PK.Observation: "http://purl.org/linked-data/cube#Observation",
        PK.Indicator: str(SKOS.Concept),
        PK.Period: "http://www.w3.org/2006/time#ProperInterval",
        PK.Event: "http://www.w3.org/ns/prov#Activity",
        PK.SourceArticle: "http://purl.org/dc/terms/BibliographicResource",
    }
    for term, parent in expected.items():
        assert rdflib.URIRef(parent) in set(ONTOLOGY.objects(term, RDFS.subClassOf)), term
