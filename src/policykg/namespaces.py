"""The IRIs of policykg: our ontology, our concepts, the Hengyang resources, and the prefixes bound
in every export.

``PK`` and ``PKC`` are closed namespaces (``_fail = True``): a misspelt term raises ``AttributeError``
at once instead of silently minting a new IRI.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/policykg/ontology/"
CONCEPT_IRI = "https://w3id.org/policykg/ontology/concept/"
HENGYANG_IRI = "https://w3id.org/policykg/hengyang/"
INFERRED_GRAPH_IRI = HENGYANG_IRI + "inferred"  # the named graph of what the rules derive (reason.py)


class PK(DefinedNamespace):
    """The policykg ontology (classes and properties), ``pk:``."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes
    Entity: URIRef
    Claim: URIRef
    Strategy: URIRef
    Goal: URIRef
    Measure: URIRef
    Plan: URIRef
    ProjectPortfolio: URIRef
    Policy: URIRef
    Regulation: URIRef
    Keyword: URIRef
    Industry: URIRef
    IndustrialChain: URIRef
    IndustryCluster: URIRef
    Place: URIRef
    AdministrativeArea: URIRef
    Park: URIRef
    Infrastructure: URIRef
    Project: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    Platform: URIRef
    Person: URIRef
    Team: URIRef
    Award: URIRef
    Event: URIRef
    Indicator: URIRef
    Period: URIRef
    Observation: URIRef
    Target: URIRef
    Comparison: URIRef
    StatusClaim: URIRef
    AwardClaim: URIRef
    SourceArticle: URIRef
    Collection: URIRef
    Institution: URIRef
    Media: URIRef
    MilestoneClaim: URIRef
    RecognitionClaim: URIRef
    Draft: URIRef
    # properties
    hasPart: URIRef
    partOf: URIRef
    locatedIn: URIRef
    serves: URIRef
    hasMeasure: URIRef
    measureOf: URIRef
    names: URIRef
    ordinal: URIRef
    goalText: URIRef
    reports: URIRef
    reportedUnder: URIRef
    keywordOf: URIRef
    developedBy: URIRef
    inChain: URIRef
    inCluster: URIRef
    inIndustry: URIRef
    governedBy: URIRef
    issuedBy: URIRef
    operatedBy: URIRef
    leader: URIRef
    date: URIRef
    participant: URIRef
    organizer: URIRef
    venue: URIRef
    about: URIRef
    evidence: URIRef
    year: URIRef
    projectStatus: URIRef
    durationFromRegistration: URIRef
    award: URIRef
    indicator: URIRef
    subject: URIRef
    period: URIRef
    valueAsWritten: URIRef
    value: URIRef
    unit: URIRef
    kind: URIRef
    status: URIRef
    comparator: URIRef
    commitment: URIRef
    rank: URIRef
    rankScope: URIRef
    statedBy: URIRef
    comparison: URIRef
    comparedTo: URIRef
    difference: URIRef
    startDate: URIRef
    endDate: URIRef
    sourceFile: URIRef
    reporter: URIRef
    section: URIRef
    # qualifiers of observations and claims (ontology 1.1.0)
    scope: URIRef
    excludes: URIRef
    orderOfReaching: URIRef
    record: URIRef
    recordScope: URIRef
    consecutiveYears: URIRef
    repeated: URIRef
    batch: URIRef
    labelBasis: URIRef
    modality: URIRef
    intendedStatus: URIRef
    recognition: URIRef
    recognisedBy: URIRef
    recognitionScope: URIRef
    broughtInUnder: URIRef
    destination: URIRef
    hasMember: URIRef
    memberOf: URIRef
    photographer: URIRef
    illustrator: URIRef
    # draft proposals of policykg extract
    confidence: URIRef
    proposedBy: URIRef
    proposedClass: URIRef
    matchKind: URIRef


class PKC(DefinedNamespace):
    """The policykg SKOS concepts (statuses, kinds, comparators, commitments, units), ``pkc:``."""

    _NS = Namespace(CONCEPT_IRI)
    _fail = True

    ProjectStatusScheme: URIRef
    Planned: URIRef
    Drafting: URIRef
    Adopted: URIRef
    Forming: URIRef
    Preparatory: URIRef
    Signed: URIRef
    Started: URIRef
    UnderConstruction: URIRef
    Completed: URIRef
    InOperation: URIRef
    InProduction: URIRef
    ObservationStatusScheme: URIRef
    Actual: URIRef
    Estimate: URIRef
    Target: URIRef
    Baseline: URIRef
    ObservationKindScheme: URIRef
    Level: URIRef
    Growth: URIRef
    Share: URIRef
    Count: URIRef
    Rank: URIRef
    Ratio: URIRef
    Duration: URIRef
    ComparatorScheme: URIRef
    Exactly: URIRef
    AtLeast: URIRef
    MoreThan: URIRef
    About: URIRef
    Approaching: URIRef
    AtMost: URIRef
    CommitmentScheme: URIRef
    Commitment: URIRef
    Aspiration: URIRef
    Plan: URIRef
    UnitScheme: URIRef
    Yuan: URIRef
    Percent: URIRef
    PercentagePoint: URIRef
    Enterprise: URIRef
    Project: URIRef
    Person: URIRef
    PersonTime: URIRef
    Household: URIRef
    Item: URIRef
    Session: URIRef
    Tonne: URIRef
    SquareMetre: URIRef
    Mu: URIRef
    Kilometre: URIRef
    WattHour: URIRef
    Day: URIRef
    Year: URIRef
    Position: URIRef
    Country: URIRef
    Pair: URIRef
    Jin: URIRef
    Dwelling: URIRef
    Transaction: URIRef
    WorkingDay: URIRef
    StandardCase: URIRef
    Occurrence: URIRef
    Tier: URIRef
    ScopeScheme: URIRef
    EachMember: URIRef
    MemberAverage: URIRef
    RecordScheme: URIRef
    AllTimeHigh: URIRef
    BestInPeriod: URIRef
    First: URIRef
    WorldRecord: URIRef
    ModalityScheme: URIRef
    Observed: URIRef
    Intended: URIRef
    RecognitionScheme: URIRef
    Affirmed: URIRef
    Endorsed: URIRef
    InspectionPassed: URIRef
    ModelExample: URIRef
    Promoted: URIRef
    RatedAdvanced: URIRef
    Recorded: URIRef
    Reported: URIRef
    LabelBasisScheme: URIRef
    CuratorsWording: URIRef


HY = Namespace(HENGYANG_IRI)
SRC = Namespace(HENGYANG_IRI + "source/")

#: Sub-namespaces of the Hengyang resources, one per kind of thing, in the order files declare them.
RESOURCE_KINDS = (
    "source", "strategy", "goal", "measure", "plan", "policy", "keyword", "industry", "chain",
    "cluster", "area", "place", "park", "infrastructure", "project", "company", "body", "platform",
    "person", "team", "award", "event", "indicator", "period", "observation", "claim",
)
_KIND_PREFIX = {"source": "src", "infrastructure": "infra", "indicator": "ind", "observation": "obs"}

#: The prefix a new entity of each class is minted under (CURATING.md, "Identifiers"), in a draft and in a review.
CLASS_PREFIX = {
    "Project": "project", "ProjectPortfolio": "plan", "Company": "company", "GovernmentBody": "body", "Platform": "platform",
    "Institution": "platform", "Media": "platform", "Team": "team", "Person": "person", "AdministrativeArea": "area",
    "Place": "place", "Park": "park", "Infrastructure": "infra", "Strategy": "strategy", "Goal": "goal", "Measure": "measure",
    "Plan": "plan", "Policy": "policy", "Regulation": "policy", "Keyword": "keyword", "Industry": "industry",
    "IndustrialChain": "chain", "IndustryCluster": "cluster", "Event": "event", "Award": "award",
}

#: Every prefix an export binds, in a fixed order: ours first, then the reused W3C vocabularies.
PREFIXES: dict[str, str] = {
    "pk": ONTOLOGY_IRI,
    "pkc": CONCEPT_IRI,
    "hy": HENGYANG_IRI,
    **{_KIND_PREFIX.get(kind, kind): f"{HENGYANG_IRI}{kind}/" for kind in RESOURCE_KINDS},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "time": "http://www.w3.org/2006/time#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def source_iri(source_id: str) -> URIRef:
    """Return the IRI of source article ``source_id`` (``"000"``), which also names its graph."""
    return SRC[source_id]
