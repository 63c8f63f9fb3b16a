"""Reasoning: OWL consistency with HermiT (through owlready2), and what the ontology implies,
materialised by rules.

- **Consistency.** HermiT checks the ontology with every individual's types and the relations
  between individuals. Data property ranges whose datatypes are outside the OWL 2 datatype map
  (xsd:date, xsd:gYear, xsd:duration) are left out of what HermiT sees; literal values are not sent
  (SHACL checks them). When HermiT finds the whole inconsistent, a SPARQL query names the axioms
  involved: each individual typed with two classes that an ``owl:AllDisjointClasses`` axiom keeps
  apart.
- **Inference.** Subclass types, inverse properties, sub-properties and transitive properties
  (``pk:locatedIn``, ``pk:hasPart``, ``pk:partOf``) are derived by SPARQL rules run to a fixpoint in
  pyoxigraph (a DL reasoner over every individual scales badly: measured in the README), into the
  named graph :data:`INFERRED_GRAPH`, which says of itself that it is inferred.
"""

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .checks import Check, Finding, show_term
from .load import LoadedTree
from .namespaces import HENGYANG_IRI, INFERRED_GRAPH_IRI, ONTOLOGY_IRI

INFERRED_GRAPH = ox.NamedNode(INFERRED_GRAPH_IRI)

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_PROV = "http://www.w3.org/ns/prov#"
_OWL2_DATATYPE_PREFIXES = ("http://www.w3.org/2001/XMLSchema#", _RDF)
_NOT_IN_OWL2 = {"date", "gYear", "duration"}

_PREFIXES = f"PREFIX rdf: <{_RDF}>\nPREFIX rdfs: <{_RDFS}>\nPREFIX owl: <{_OWL}>\nPREFIX pk: <{ONTOLOGY_IRI}>\n"

#: The rules, each a CONSTRUCT over the union of the asserted and the already inferred triples.
RULES = {
    "subclass": """CONSTRUCT { ?x a ?super } WHERE {
        ?x a ?class . ?class rdfs:subClassOf+ ?super .
        FILTER(isIRI(?super) && STRSTARTS(STR(?x), "%s")) }""" % HENGYANG_IRI,
    "inverse": """CONSTRUCT { ?y ?q ?x } WHERE {
        { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p }
        ?x ?p ?y . FILTER(isIRI(?y)) }""",
    "subproperty": """CONSTRUCT { ?x ?super ?y } WHERE {
        ?p rdfs:subPropertyOf+ ?super . FILTER(STRSTARTS(STR(?p), "%s"))
        ?x ?p ?y . FILTER(STRSTARTS(STR(?x), "%s")) }""" % (ONTOLOGY_IRI, HENGYANG_IRI),
}
#: Transitive properties need one rule each (SPARQL paths take IRIs, not variables).
_TRANSITIVE_PROPERTIES = "SELECT ?p WHERE { ?p a owl:TransitiveProperty } ORDER BY ?p"
_TRANSITIVE_RULE = "CONSTRUCT {{ ?x <{p}> ?z }} WHERE {{ ?x <{p}>/<{p}>+ ?z . FILTER(?x != ?z) }}"


def infer(loaded: LoadedTree) -> list[ox.Quad]:
    """Return what the ontology implies of the data and is not asserted, as quads in :data:`INFERRED_GRAPH`.

    The rules are applied until they derive nothing new; the result is in a fixed order.
    """
    store = ox.Store()
    store.extend(loaded.quads)
    asserted = {quad.triple for quad in loaded.quads}
    inferred: set[ox.Triple] = set()
    transitive = [row["p"].value for row in store.query(_PREFIXES + _TRANSITIVE_PROPERTIES)]
    rules = [*RULES.values(), *(_TRANSITIVE_RULE.format(p=p) for p in transitive)]
    while True:
        new = set()
        for rule in rules:
            for triple in store.query(_PREFIXES + rule, use_default_graph_as_union=True):
                if triple not in asserted and triple not in inferred:
                    new.add(triple)
        if not new:
            break
        inferred |= new
        store.extend(ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in new)
    description = [
        ox.Triple(INFERRED_GRAPH, ox.NamedNode(_RDF + "type"), ox.NamedNode(_PROV + "Bundle")),
        ox.Triple(INFERRED_GRAPH, ox.NamedNode(_RDFS + "label"), ox.Literal("推理所得", language="zh")),
        ox.Triple(INFERRED_GRAPH, ox.NamedNode(_RDFS + "label"), ox.Literal("inferred", language="en")),
        ox.Triple(INFERRED_GRAPH, ox.NamedNode(_RDFS + "comment"), ox.Literal(
            "Triples the ontology implies (subclass types, inverse properties, sub-properties, transitive "
            "part-of and located-in) that no file asserts, derived by policykg's rules.", language="en")),
    ]
    ordered = sorted(inferred, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return [ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in description + ordered]


def java_available() -> bool:
    """True when a Java runtime is on the PATH (HermiT needs one)."""
    return shutil.which("java") is not None


def consistency_findings(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    """Check with HermiT that the ontology and the individuals are consistent; name the axioms if not."""
    import owlready2

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hermit-input.nt"
        path.write_bytes(ox.serialize(_reasoner_input(loaded), format=ox.RdfFormat.N_TRIPLES))
        world = owlready2.World()
        ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return disjointness_findings(store) or [Finding(
                "(the ontology)", "", "", "HermiT finds the ontology and data inconsistent, and no disjointness clash explains it")]
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
        return [Finding(show_term(ox.NamedNode(iri)), "owl:Class", "", "unsatisfiable class: no individual can have it") for iri in unsatisfiable]


_DISJOINT = _PREFIXES + """
SELECT DISTINCT ?entity ?first ?second WHERE {
  ?axiom a owl:AllDisjointClasses ; owl:members ?list .
  ?list rdf:rest*/rdf:first ?first . ?list rdf:rest*/rdf:first ?second .
  FILTER(STR(?first) < STR(?second))
  ?entity a ?c1 , ?c2 . ?c1 rdfs:subClassOf* ?first . ?c2 rdfs:subClassOf* ?second .
} ORDER BY ?entity ?first ?second
"""


def disjointness_findings(store: ox.Store) -> list[Finding]:
    """Individuals typed with two classes that an ``owl:AllDisjointClasses`` axiom keeps apart."""
    return [
        Finding(show_term(row["entity"]), "rdf:type", f"{show_term(row['first'])} and {show_term(row['second'])}",
                "the two classes are disjoint (owl:AllDisjointClasses in ontology/policykg.ttl): give the entity one kind")
        for row in store.query(_DISJOINT, use_default_graph_as_union=True)
    ]


def _reasoner_input(loaded: LoadedTree) -> list[ox.Triple]:
    """What HermiT sees: the ontology (without non-OWL 2 datatype ranges), individuals' types, and relations."""
    datatype_properties = {
        q.subject for q in loaded.ontology_quads()
        if q.predicate.value == _RDF + "type" and q.object == ox.NamedNode(_OWL + "DatatypeProperty")
    }
    triples = set()
    for quad in loaded.ontology_quads():
        if quad.subject in datatype_properties and quad.predicate.value == _RDFS + "range":
            continue
        triples.add(quad.triple)
    for quad in loaded.quads:
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(HENGYANG_IRI) and isinstance(obj, ox.NamedNode)):
            continue
        if predicate == _RDF + "type" and obj.value.startswith(ONTOLOGY_IRI):
            triples.add(quad.triple)
        elif predicate.startswith(ONTOLOGY_IRI) and obj.value.startswith(HENGYANG_IRI):
            triples.add(quad.triple)
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _consistency(loaded: LoadedTree, store: ox.Store) -> list[Finding]:
    if not java_available():
        return [Finding("(reasoner)", "", "", "skipped: no Java runtime on the PATH (install one, e.g. apt-get install default-jre-headless)")]
    return consistency_findings(loaded, store)


CONSISTENCY_CHECK = Check(
    "owl-consistency", "the ontology and its individuals are consistent (HermiT), and no class is unsatisfiable",
    "give each entity one kind of class (see the disjointness axioms in ontology/policykg.ttl)",
    _consistency,
)
