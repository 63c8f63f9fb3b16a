"""The home page ``/`` (and ``/index.json``): the search box, what the graph holds, and the ways in."""

from ..entities import PK, style_for
from .layout import PageRequest, page


def home_page(request: PageRequest):
    """The home page: search, entities per class, observations and targets, the articles, and every part of the workbench."""
    index = request.workbench.index
    counts: dict[str, dict] = {}
    for iri in index.entities:
        style = style_for(index.types.get(iri, set()))
        entry = counts.setdefault(style.cls, {"class": "pk:" + style.cls, "zh": style.zh, "en": style.en, "entities": 0})
        entry["entities"] += 1
    typed = index.types.values()
    data = {
        "triples": len(index.triples),
        "entities": len(index.entities),
        "observations": sum(1 for classes in typed if PK + "Observation" in classes and PK + "Target" not in classes),
        "targets": sum(1 for classes in typed if PK + "Target" in classes),
        "classes": sorted(counts.values(), key=lambda entry: (-entry["entities"], entry["class"])),
        "articles": [source for source in index.sources() if source["id"] != "ref"],
        "queries": len(request.workbench.queries),
    }
    return page("home.html", request, data)


ROUTES = [(r"/(?P<json>index\.json)?", home_page)]
