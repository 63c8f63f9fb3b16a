"""The SPARQL editor at ``/sparql`` (a GET without ``query``) and the labels it shows results with.

Why not YASGUI (the editor the field expects, MIT, on the npm registry): it is about 2 MB of script,
fetches prefixes from prefix.cc and styles itself inline, which the workbench's Content Security Policy
forbids and an offline machine cannot serve. What an analyst needs here is small: our prefixes declared
in the text, the named queries as examples, errors at line:column with a caret (the endpoint writes
them), and results as a table with labels instead of IRIs; ``static/sparql.js`` does that against the
same ``/sparql`` endpoint every other SPARQL client uses.
"""

from ..namespaces import PREFIXES
from .layout import PageRequest, json_answer, page

#: Labels answered per ``/api/labels`` request at most.
MAX_LABELS = 200
EXAMPLE = """SELECT ?project ?label WHERE {
  ?project a pk:Project ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
}
ORDER BY ?label
LIMIT 20"""


def prefix_block() -> str:
    """Every prefix policykg binds, as SPARQL ``PREFIX`` lines (what the CLI declares for a query)."""
    return "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items())


def editor_page(request: PageRequest):
    """The editor: the text (prefixes declared, a first example or ``?example=NAME``), the named queries as examples."""
    queries = request.workbench.queries
    chosen = queries.get(request.param("example"))
    text = chosen.text if chosen else f"{prefix_block()}\n\n{EXAMPLE}\n"
    examples = [{"name": query.name, "summary": query.header.get(request.lang, ""), "text": query.text}
                for query in queries.values()]
    return page("sparql.html", request, {"query": text, "examples": examples, "prefixes": PREFIXES})


def labels_api(request: PageRequest):
    """``/api/labels?iri=…&iri=…``: ``{iri: {"label", "curie", "href"}}`` for the IRIs the graph labels."""
    from ..report import compact
    from .workbench import entity_path

    index = request.workbench.index
    answer = {}
    for iri in request.params.get("iri", [])[:MAX_LABELS]:
        if iri in index.label_map or iri in index.types:
            answer[iri] = {"label": index.label(iri, request.lang), "curie": compact(iri),
                           "href": request.url(entity_path(iri)) if iri in index.entities else None}
    return json_answer(answer)


ROUTES = [(r"/sparql", editor_page), (r"/api/labels", labels_api)]
