"""A bounded, seeded generator of queries that write SERVICE in many spellings and positions.

Each query calls a SERVICE at ``endpoint`` somewhere a SPARQL parser reads it as a call: after
comments ended by CR or LF, glued to numbers, ``;``, ``.`` and ``}``, with IRI, prefixed and variable
endpoints, SILENT or not, in any letter case, nested in OPTIONAL, UNION, MINUS, EXISTS, NOT EXISTS,
GRAPH and subqueries. Some spellings are not valid SPARQL at all (a number glued to the keyword is
valid to one parser and not to another): the server must refuse those too, and make no request.
"""

import random

_CASES = ("SERVICE", "service", "Service", "sErViCe")
_BEFORE = (
    " ", "\n", "\t", "#x\r", "#x\n", "#x\r\n", "# SERVICE <http://x/> {}\r", "#\f\r", "\r",
    " 1", " 1.0", " 1e0", " ;", " .", " }", " {} ", " ?o .", "",
)
_NESTINGS = (
    "{0}", "OPTIONAL {{ {0} }}", "{{ {0} }} UNION {{ ?u ?v ?w }}", "{{ ?u ?v ?w }} UNION {{ {0} }}",
    "MINUS {{ {0} }}", "FILTER EXISTS {{ {0} }}", "FILTER NOT EXISTS {{ {0} }}", "GRAPH ?g {{ {0} }}",
    "{{ SELECT * WHERE {{ {0} }} }}", "{{ SELECT ?a WHERE {{ {0} }} LIMIT 1 }}", "OPTIONAL {{ ?x ?y ?z . {0} }}",
    "BIND(EXISTS {{ {0} }} AS ?e)",
)
_FORMS = (
    "SELECT * WHERE {{ ?s ?p ?o {0} }}", "ASK {{ {0} }}", "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {0} }}",
    "SELECT (COUNT(*) AS ?n) {{ {0} }}", "DESCRIBE ?a WHERE {{ {0} }}",
)


def service_queries(endpoint: str, count: int, seed: int = 20201231) -> list[str]:
    """``count`` distinct queries calling SERVICE at ``endpoint`` (``http://127.0.0.1:PORT/``), the same for a seed."""
    rng = random.Random(seed)
    targets = (f"<{endpoint}>", "remote:", "?endpoint")
    queries: list[str] = []
    seen = set()
    while len(queries) < count:
        keyword = rng.choice(_CASES) + rng.choice(("", " SILENT", "\tsilent", "\nSILENT"))
        target = rng.choice(targets)
        call = f"{rng.choice(_BEFORE)}{keyword} {target} {{ ?a ?b ?c }}"
        if target == "?endpoint":
            call = f"BIND(<{endpoint}> AS ?endpoint) {call}"
        pattern = rng.choice(_NESTINGS).format(call)
        query = rng.choice(_FORMS).format(pattern)
        if target == "remote:":
            query = f"PREFIX remote: <{endpoint}>\n{query}"
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries
