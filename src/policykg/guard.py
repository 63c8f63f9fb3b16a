"""What a query may do before it runs anywhere: read only, and never ``SERVICE``.

The decision is taken on the parsed query, not on its text: rdflib's SPARQL 1.1 parser reads it and
the parse tree is walked for ``ServiceGraphPattern`` wherever it sits (OPTIONAL, UNION, MINUS,
EXISTS, subqueries). A text that parser cannot read as a query is refused, so no spelling that one
parser and not the other accepts can smuggle ``SERVICE`` through (a number glued to the keyword,
``1SERVICE``, is one such: rdflib refuses it).

One difference between the parsers is closed by hand: SPARQL ends a comment at a carriage return as
well as at a line feed, and rdflib's comment rule (pyparsing's ``rest_of_line``) runs on to the line
feed, so ``#x\\rSERVICE …`` would be a comment to rdflib and a ``SERVICE`` call to pyoxigraph. rdflib
is therefore given the text with each CR turned into LF, which changes no token: a raw CR is only
allowed in whitespace, comments and long strings.

The workers that run queries also have no network at all (:mod:`policykg.sandbox`), so a parser
difference nobody has found yet still makes no outbound request.
"""

from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .syntax import describe_rdflib_error

#: Query forms, by the name of rdflib's parse-tree node.
_FORMS = {"SelectQuery": "select", "ConstructQuery": "construct", "DescribeQuery": "describe", "AskQuery": "ask"}


@dataclass(frozen=True)
class Verdict:
    """What the guard decided: ``status`` 200 (may run), 400 (unreadable or SERVICE) or 403 (an update)."""

    status: int
    message: str = ""
    form: str = ""

    @property
    def allowed(self) -> bool:
        """True when the query may run."""
        return self.status == 200


@lru_cache(maxsize=512)
def check_query(text: str) -> Verdict:
    """Decide whether ``text`` may run: a readable SPARQL query that calls no SERVICE.

    >>> check_query("SELECT ?service WHERE { ?service <http://example.org/service> ?o }").allowed
    True
    >>> check_query("SELECT * { ?s ?p ?o #x\\rSERVICE <http://127.0.0.1:9/> { ?a ?b ?c }\\n }").message
    'SERVICE is refused: this endpoint makes no outbound requests'
    >>> check_query("INSERT DATA { <a:b> <a:c> <a:d> }").status
    403
    """
    normalised = text.replace("\r", "\n")
    try:
        tree = parseQuery(normalised)
    except Exception as error:  # noqa: BLE001 - rdflib's parse actions raise TypeError and others too: unreadable is unreadable
        if _is_update(normalised):
            return Verdict(403, "updates are not allowed: this endpoint is read-only")
        return Verdict(400, "SPARQL syntax error: " + describe_rdflib_error(error, text))
    names = _node_names(tree)
    if "ServiceGraphPattern" in names:
        return Verdict(400, "SERVICE is refused: this endpoint makes no outbound requests")
    return Verdict(200, form=next((form for name, form in _FORMS.items() if name in names), ""))


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - as in check_query
        return False
    return True


def _node_names(tree) -> set[str]:
    """The names of every node of rdflib's parse tree, walked without recursion (deep nesting is allowed)."""
    names, pending = set(), [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            pending.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            pending.extend(node)
        elif isinstance(node, dict):
            pending.extend(node.values())
    return names
