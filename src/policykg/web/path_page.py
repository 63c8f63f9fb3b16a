"""The path form ``/path?from=…&to=…`` (and ``/path.json``): how two entities connect, hop by hop, with evidence.

The same answer as ``policykg path`` (:func:`policykg.network.find_paths` over the network model of the
stated relations), as a form a person fills with names (type-ahead from ``/api/suggest``) or IRIs.
"""

from ..entities import STYLE
from ..errors import UsageError
from ..network import find_paths, named_entities, paths_json, resolve_class, resolve_entity
from ..report import compact
from .layout import PageRequest, page

#: At most this many paths on one page.
MAX_PATHS = 10


def path_page(request: PageRequest):
    """The form; with ``from`` and ``to`` given, the K shortest paths (``max``, default 3) avoiding the ``avoid`` classes."""
    start, end = request.param("from").strip(), request.param("to").strip()
    data = {"from": start, "to": end, "max": 3, "avoid": request.params.get("avoid", []), "error": None,
            "choices": {"from": [], "to": []}, "answer": None}
    classes = {style.cls: {"zh": style.zh, "en": style.en} for style in STYLE}
    if not (start and end):
        return page("path.html", request, data, classes=classes)
    workbench = request.workbench
    try:
        data["max"] = _count(request.param("max", "3"))
        avoid = tuple(resolve_class(name) for name in data["avoid"])
        graph = workbench.network
        start_iri, end_iri = resolve_entity(workbench.index, graph, start), resolve_entity(workbench.index, graph, end)
    except UsageError as error:
        data["error"] = str(error)
        data["choices"] = {side: [compact(iri) for iri in named_entities(workbench.index, workbench.network, text)]
                           for side, text in (("from", start), ("to", end))}
        return page("path.html", request, data, status=400, classes=classes)
    paths = find_paths(graph, start_iri, end_iri, data["max"], avoid)
    data["answer"] = paths_json(workbench.index, graph, start_iri, end_iri, paths)
    return page("path.html", request, data, classes=classes)


def _count(text: str) -> int:
    """The number of paths asked for: 1 to MAX_PATHS."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_PATHS:
        raise UsageError(f"max must be a whole number from 1 to {MAX_PATHS}, not {text!r}")
    return int(text)


ROUTES = [(r"/path(?P<json>\.json)?", path_page)]
