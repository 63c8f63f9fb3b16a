"""The search page ``/search?q=…&cls=…`` (and ``/search.json``) and the type-ahead ``/api/suggest?q=…&cls=…``.

Both answer from one :class:`policykg.search.SearchIndex`, built on the first search from the
workbench's entity index and kept beside it. ``/search.json`` answers exactly what ``policykg search
--format json`` prints; the page shows the same hits, each marked by kind: an entity links to its
page, an indicator to ``/indicator/{local}``, an observation shows its value, unit, period and status,
its indicator and subjects as links, its articles (each link opening the article at its sentence) and
the sentence with what matched in ``<mark>``. ``/api/suggest`` gives the ten best entities (or things of
the class asked for) for ``static/suggest.js``, which offers them under every ``<input data-suggest>``.
"""

from ..entities import STYLE, expand
from ..errors import UsageError
from ..report import compact
from ..search import DEFAULT_LIMIT, KIND_NAMES, OTHER_CLASS_NAMES, class_names, marked_parts, results_json, search_index
from .entity_page import page_of
from .layout import PageRequest, json_answer, page

#: The most entities ``/api/suggest`` offers.
SUGGESTIONS = 10
#: The statuses with a colour of their own (``<span class="tag actual">``).
STATUS_TAGS = ("actual", "estimate", "target")
#: The classes the page's filter offers beside the style table's (where ``Entity`` means every entity).
FILTER_CLASSES = ("Indicator", "Observation", "Target")
#: How a hit matched (policykg.search.TIERS), and through what an observation was found, in zh and en.
MATCH_NAMES = {"iri": ("IRI", "IRI"), "name": ("名称", "name"), "variant": ("别名", "variant"),
               "prefix": ("名称开头", "start of a name"),
               "partial": ("名称包含", "part of a name"), "number": ("数值", "number as written"),
               "evidence": ("原句", "words of the sentence"), "listed": ("", ""),
               "indicator": ("指标", "indicator"), "subject": ("对象", "subject")}


def search_page(request: PageRequest):
    """The search: the form; with ``q`` (or a class ``cls``), the hits, best first, ``limit`` of them (0: all)."""
    text, cls_text = request.param("q").strip(), request.param("cls").strip()
    limit_text = request.param("limit", str(DEFAULT_LIMIT)).strip()
    searcher = search_index(request.workbench.index)
    context = {"classes": [{"cls": s.cls, "zh": s.zh, "en": s.en} for s in STYLE if s.cls != "Entity"]
               + [{"cls": "Entity", "zh": "所有实体", "en": "every entity"}]
               + [{"cls": c, "zh": OTHER_CLASS_NAMES[c][0], "en": OTHER_CLASS_NAMES[c][1]} for c in FILTER_CLASSES],
               "kind_names": {kind: names[1 if request.lang == "en" else 0] for kind, names in KIND_NAMES.items()},
               "class_name": lambda cls: class_names(cls)[1 if request.lang == "en" else 0],
               "href": lambda curie: request.url(page_of(expand(curie))), "parts": _parts, "status_tag": _status_tag,
               "match_name": lambda name: MATCH_NAMES.get(name, (name, name))[1 if request.lang == "en" else 0],
               "chosen": cls_text}
    try:
        if not limit_text.isdigit():
            raise UsageError(f"limit must be a whole number (0: all), not {limit_text!r}")
        limit = int(limit_text)
        cls = searcher.resolve_class(cls_text) if cls_text else None
    except UsageError as error:
        return page("search.html", request, {"query": text, "class": cls_text or None, "error": str(error)}, status=400, **context)
    hits = searcher.search(text, None, cls, request.lang) if text or cls else []
    context["chosen"] = cls or ""
    return page("search.html", request, results_json(text, cls, hits, limit), **context)


def suggest_api(request: PageRequest):
    """``/api/suggest?q=…&cls=…``: ``[{"iri", "curie", "label", "class", "class_label", "match", "matched"}]``, the best ten
    entities whose names match ``q`` (of class ``cls`` when given, which may be a class outside the
    entities: ``pk:Indicator``, ``pk:Period``), labels in the request's language; 400 for an unknown class."""
    text, cls_text = request.param("q").strip(), request.param("cls").strip()
    searcher = search_index(request.workbench.index)
    try:
        cls = searcher.resolve_class(cls_text) if cls_text else None
    except UsageError as error:
        return json_answer({"error": str(error)}, 400)
    if not text:
        return json_answer([])
    hits = [hit for hit in searcher.search(text, None, cls, request.lang)
            if hit.kind == "entity" or (cls is not None and hit.kind != "observation")][:SUGGESTIONS]
    return json_answer([{"iri": hit.iri, "curie": compact(hit.iri), "label": hit.label(request.lang), "class": hit.cls,
                         "class_label": class_names(hit.cls)[1 if request.lang == "en" else 0],
                         "match": hit.match, "matched": hit.matched} for hit in hits])


def _parts(hit: dict) -> list[tuple[str, bool]]:
    """An observation hit's first sentence cut into (text, marked) parts."""
    return marked_parts(hit["evidence"][0], hit["marks"]) if hit.get("evidence") else []


def _status_tag(hit: dict) -> str:
    """The CSS class of an observation's status tag: actual, estimate or target (none for another status)."""
    status = (hit.get("status") or {}).get("iri", "")
    name = status.removeprefix("pkc:").lower()
    return name if name in STATUS_TAGS else ""


ROUTES = [(r"/search(?P<json>\.json)?", search_page), (r"/api/suggest", suggest_api)]
