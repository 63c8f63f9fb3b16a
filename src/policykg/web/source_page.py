"""The source articles: ``/sources`` (the list) and ``/source/{id}`` (one article's text), with JSON twins.

``/source/003?hl=<sentence>`` shows article 003 with ``sentence`` highlighted (``<mark id="hl">``; the
links end in ``#hl``, so the browser scrolls to it): every evidence link of the workbench leads here.
Evidence quotes are verbatim substrings of the article (the build checks it), so the page finds them
by plain search. Beside the text: what the article says about itself (title, date, reporters) and the
entities it mentions, as links.
"""

import re

import pyoxigraph as ox

from ..entities import PK, RDF_TYPE, REFERENCE_ONLY, SOURCE_IRI, STYLE, Index, style_for
from ..namespaces import PREFIXES
from .entity_page import href_for, term
from .layout import PageRequest, not_found, page
from .workbench import entity_path

DCTERMS = PREFIXES["dcterms"]
#: The records counted per article, as (JSON key, class).
COUNTED = (("status_claims", "StatusClaim"), ("award_claims", "AwardClaim"), ("recognition_claims", "RecognitionClaim"),
           ("milestone_claims", "MilestoneClaim"), ("observations", "Observation"), ("targets", "Target"))
#: Where an article's web address would be, if the data gave one.
URL_PROPERTIES = (DCTERMS + "source", PREFIXES["foaf"] + "page", "https://schema.org/url", PREFIXES["rdfs"] + "seeAlso")


def article_summary(index: Index, source: str, counts: dict[str, int]) -> dict:
    """What the data says of article ``source``: title, headline, section, date, credits, address, file, counts."""
    node = ox.NamedNode(SOURCE_IRI + source)

    def texts(iri: str) -> list[str]:
        return sorted(o.value for o in index.values(node, iri) if isinstance(o, ox.Literal))
    date = index.first(node, DCTERMS + "date")
    url = next((o.value for p in URL_PROPERTIES for o in index.values(node, p)), None)
    return {"id": source, "title": index.labels(node.value), "headline": texts(DCTERMS + "title"),
            "alternative": texts(DCTERMS + "alternative"), "section": texts(PK + "section"),
            "date": term(index, date) if date is not None else None,
            "reporters": texts(PK + "reporter"), "photographers": texts(PK + "photographer"),
            "illustrators": texts(PK + "illustrator"), "url": url,
            "file": next(iter(texts(PK + "sourceFile")), None), "page": "/source/" + source, "counts": counts}


def record_counts(index: Index) -> dict[str, dict[str, int]]:
    """Per article, how many claims of each kind, observations and targets its graph states, and how many entities it mentions."""
    counts: dict[str, dict[str, int]] = {}
    for iri, classes in index.types.items():
        for key, name in COUNTED:
            if PK + name in classes:
                for source in index.graphs.get((iri, RDF_TYPE, f"<{PK + name}>"), ()):
                    article = counts.setdefault(source, dict.fromkeys([k for k, _ in COUNTED] + ["entities"], 0))
                    article[key] += 1
    for iri in index.entities:
        for source in index.mentioned_in.get(iri, ()):
            if iri != SOURCE_IRI + source:
                counts.setdefault(source, dict.fromkeys([k for k, _ in COUNTED] + ["entities"], 0))["entities"] += 1
    return counts


def articles(index: Index) -> list[dict]:
    """Every source article, in id order, with its summary (:func:`article_summary`)."""
    counts = record_counts(index)
    empty = dict.fromkeys([k for k, _ in COUNTED] + ["entities"], 0)
    return [article_summary(index, s["id"], counts.get(s["id"], empty)) for s in index.sources() if s["id"] != REFERENCE_ONLY]


def sources_page(request: PageRequest):
    """``/sources``: the articles, with their titles, dates, reporters and what each contributes."""
    return page("sources.html", request, {"articles": articles(request.workbench.index)}, href=href_for(request))


def find_spans(text: str, needle: str) -> list[dict]:
    """Every occurrence of ``needle`` in ``text`` as {start, end} character offsets, none overlapping.

    >>> find_spans("abcabc", "bc")
    [{'start': 1, 'end': 3}, {'start': 4, 'end': 6}]
    """
    spans, at = [], text.find(needle) if needle else -1
    while at >= 0:
        spans.append({"start": at, "end": at + len(needle)})
        at = text.find(needle, at + len(needle))
    return spans


def blocks(text: str, spans: list[dict]) -> list[dict]:
    """The article's lines as blocks (``# `` lines as headings, the rest as paragraphs), each cut into
    segments that are or are not highlighted; the first highlighted segment is the anchor ``#hl``."""
    found = []
    anchored = False
    for line in re.finditer(r"[^\n]+", text):
        body = line.group().rstrip()
        if not body.strip():
            continue
        heading = re.match(r"\s*(#+)\s*", body)
        level = len(heading.group(1)) if heading else 0
        start = line.start() + (heading.end() if heading else len(body) - len(body.lstrip()))
        end = line.start() + len(body)
        cuts = sorted({start, end, *(max(start, min(end, edge)) for span in spans for edge in (span["start"], span["end"]))})
        segments = []
        for a, b in zip(cuts, cuts[1:]):
            marked = any(span["start"] <= a and b <= span["end"] for span in spans)
            segments.append({"text": text[a:b], "mark": marked, "anchor": marked and not anchored})
            anchored = anchored or marked
        found.append({"heading": level, "segments": segments})
    return found


def mentioned_entities(index: Index, source: str) -> list[dict]:
    """The entities article ``source`` mentions, grouped by class in the order of the style table, by zh name."""
    by_class: dict[str, list] = {}
    for iri in index.entities:
        if source in index.mentioned_in.get(iri, ()) and iri != SOURCE_IRI + source:
            by_class.setdefault(style_for(index.types.get(iri, set())).cls, []).append(iri)
    groups = []
    for style in STYLE:
        if style.cls in by_class:
            members = sorted(by_class[style.cls], key=lambda iri: (index.labels(iri)["zh"], iri))
            groups.append({"class": {"iri": "pk:" + style.cls, "zh": style.zh, "en": style.en},
                           "entities": [term(index, ox.NamedNode(iri)) for iri in members]})
    return groups


def source_page(request: PageRequest):
    """``/source/{id}``: the article's full text, ``?hl=`` highlighted, with its entities beside it."""
    source = request.match["id"]
    workbench = request.workbench
    text = workbench.source_text(source)
    if text is None:
        return not_found(request, f"没有来源文章 {source}", f"no source article {source}")
    index = workbench.index
    wanted = request.param("hl")
    spans = find_spans(text, wanted)
    counts = record_counts(index).get(source, {})
    data = {"id": source, "title": index.labels(SOURCE_IRI + source), "text": text,
            "highlight": {"text": wanted, "spans": spans},
            "article": article_summary(index, source, counts), "entities": mentioned_entities(index, source)}
    return page("source.html", request, data, blocks=blocks(text, spans), href=href_for(request),
                entity_page=entity_path(SOURCE_IRI + source))


ROUTES = [
    (r"/sources(?P<json>\.json)?", sources_page),
    (r"/source/(?P<id>[A-Za-z0-9_-]+?)(?P<json>\.json)?", source_page),
]
