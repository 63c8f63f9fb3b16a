"""The named queries as forms: ``/queries`` lists them, ``/query/{name}`` runs one (``.json`` and ``.csv`` twins).

Each parameter a query declares in its header (:class:`policykg.query.Parameter`) becomes a field: an
entity picker (type-ahead from ``/api/suggest``) for a class, a list of concepts for a concept scheme,
a number or text box for a datatype. Answers come as a table with labels (IRIs as links to entity
pages), with the query text and download links. The queries are policykg's own, their parameters bound
as typed RDF terms (``VALUES``), so they run in this process over the workbench's store and not in the
sandboxed workers that take visitors' SPARQL.
"""

import csv
import io

import pyoxigraph as ox

from ..entities import expand
from ..errors import UsageError
from ..namespaces import PREFIXES
from ..query import NamedQuery, parameter_term, run_query
from ..report import compact
from ..results import result_kind
from ..workers import Answer
from .layout import PageRequest, json_answer, not_found, page
from .workbench import Workbench, entity_path

#: Rows shown on the page; the downloads hold every row.
MAX_PAGE_ROWS = 2_000
SKOS_IN_SCHEME = PREFIXES["skos"] + "inScheme"


def queries_page(request: PageRequest):
    """``/queries``: every named query with its question and the parameters it takes."""
    data = {"queries": [describe(query, request.lang) for query in request.workbench.queries.values()]}
    return page("queries.html", request, data)


def query_page(request: PageRequest):
    """``/query/{name}``: the form and, once its required parameters are given, the answer."""
    query = request.workbench.queries.get(request.match["name"])
    if query is None:
        return not_found(request, f"没有名为 {request.match['name']} 的查询", f"no named query {request.match['name']!r}")
    fields = [_field(request, parameter) for parameter in query.parameters.values()]
    data = {"query": describe(query, request.lang), "values": {f["name"]: f["value"] for f in fields if f["value"]},
            "error": None, "answer": None}
    missing = [f["name"] for f in fields if not f["optional"] and not f["value"]]
    fmt = request.match.get("format")
    if missing:
        if fmt:
            data["error"] = request.t("缺少参数：", "missing parameters: ") + ", ".join(missing)
            return json_answer(data, 400)
        return page("query.html", request, data, fields=fields, text=query.text)
    try:
        bound = {f["name"]: _term(request.workbench, query, f) for f in fields if f["value"]}
        result = run_query(request.workbench.store, query, bound)
    except UsageError as error:
        data["error"] = str(error)
        if fmt:
            return json_answer(data, 400)
        return page("query.html", request, data, status=400, fields=fields, text=query.text)
    data["answer"] = labelled_answer(request, result)
    if fmt == ".csv":
        return _csv(data["answer"], query.name)
    if fmt == ".json":
        return json_answer(data)
    return page("query.html", request, data, fields=fields, text=query.text, max_rows=MAX_PAGE_ROWS)


def describe(query: NamedQuery, lang: str) -> dict:
    """A named query as JSON: name, summary in ``lang``, question, columns, parameters."""
    return {"name": query.name, "summary": query.header.get(lang) or query.header.get("zh", ""),
            "question": query.header.get("question", ""), "columns": _columns(query.header.get("columns", "")),
            "parameters": [{"name": p.name, "takes": p.takes, "optional": p.optional, "meaning": p.meaning}
                           for p in query.parameters.values()]}


def _columns(text: str) -> list[str]:
    """The header's columns, split at the commas outside parentheses: ``a, b (x, y)`` → ``["a", "b (x, y)"]``."""
    columns, depth, current = [], 0, ""
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            columns.append(current.strip())
            current = ""
        else:
            current += character
    return [*columns, current.strip()] if current.strip() else columns


def _field(request: PageRequest, parameter) -> dict:
    """One form field: what it takes, its widget (entity, concept, number, text), its value and, for a concept, the choices."""
    value = request.param(parameter.name).strip()
    field = {"name": parameter.name, "takes": parameter.takes, "optional": parameter.optional,
             "meaning": parameter.meaning, "value": value, "text": request.param(parameter.name + "-name").strip(),
             "choices": [], "curie": ""}
    if parameter.takes.startswith("pkc:"):
        field["widget"] = "concept"
        scheme = expand(parameter.takes)
        field["choices"] = sorted(({"curie": compact(t.subject.value), "label": request.workbench.label(t.subject.value, request.lang)}
                                   for t in request.workbench.index.incoming.get(scheme, []) if t.predicate.value == SKOS_IN_SCHEME),
                                  key=lambda choice: choice["label"])
    elif parameter.takes.startswith("pk:"):
        # Two inputs: the name the person sees and types (``NAME-name``), and the picked CURIE (``NAME``,
        # set by static/suggest.js). A typed name that was not picked is resolved as the CLI resolves it.
        field["widget"] = "entity"
        field["curie"] = value
        if not value and field["text"]:
            field["value"] = field["text"]
        elif value and not field["text"]:
            field["text"] = request.workbench.label(expand(value), request.lang)
    elif parameter.takes in ("xsd:integer", "xsd:gYear", "xsd:decimal"):
        field["widget"] = "number"
    else:
        field["widget"] = "text"
    return field


def _term(workbench: Workbench, query: NamedQuery, field: dict):
    """The RDF term a field's value binds (a name resolved to its entity, as ``policykg query --param`` does)."""
    return parameter_term(query, field["name"], field["value"], workbench.store, index=workbench.index)


def labelled_answer(request: PageRequest, result) -> dict:
    """A query result as columns and rows whose cells carry value, label and, for IRIs, the CURIE and entity page."""
    kind = result_kind(result)
    if kind == "boolean":
        return {"kind": kind, "boolean": bool(result), "columns": [], "rows": [], "count": 0}
    if kind == "triples":
        rows = [[_cell(request, t.subject), _cell(request, t.predicate), _cell(request, t.object)] for t in result]
        return {"kind": kind, "columns": ["subject", "predicate", "object"], "rows": rows, "count": len(rows)}
    columns = [variable.value for variable in result.variables]
    rows = [[_cell(request, solution[column]) for column in columns] for solution in result]
    return {"kind": kind, "columns": columns, "rows": rows, "count": len(rows)}


def _cell(request: PageRequest, term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        index = request.workbench.index
        known = term.value in index.label_map
        return {"iri": term.value, "curie": compact(term.value),
                "label": request.workbench.label(term.value, request.lang) if known else compact(term.value),
                "href": request.url(entity_path(term.value)) if term.value in index.entities else None}
    if isinstance(term, ox.Literal):
        return {"value": term.value, "datatype": term.datatype.value if term.datatype else None, "language": term.language}
    return {"value": str(term)}


def _csv(answer: dict, name: str) -> Answer:
    """The answer as CSV for a spreadsheet: a column per variable holding the label (or value), and beside each
    IRI column its IRI."""
    iri_columns = {i for i, _ in enumerate(answer["columns"]) if any(row[i] and "iri" in row[i] for row in answer["rows"])}
    header = []
    for i, column in enumerate(answer["columns"]):
        header += [column, column + "_iri"] if i in iri_columns else [column]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in answer["rows"]:
        cells = []
        for i, cell in enumerate(row):
            text = "" if cell is None else cell.get("label", cell.get("value", ""))
            cells += [text, (cell or {}).get("iri", "")] if i in iri_columns else [text]
        writer.writerow(cells)
    if answer["kind"] == "boolean":
        writer.writerow(["true" if answer["boolean"] else "false"])
    return Answer(200, "text/csv; charset=utf-8", out.getvalue().encode("utf-8"),
                  headers=(("Content-Disposition", f'attachment; filename="{name}.csv"'),))


ROUTES = [(r"/queries(?P<json>\.json)?", queries_page),
          (r"/query/(?P<name>[a-z0-9-]+)(?P<format>\.json|\.csv)?", query_page)]
