"""SPARQL results as bytes: the one place where ``policykg query`` and ``policykg serve`` write answers.

- Solutions and booleans (SELECT, ASK) in the SPARQL 1.1 results formats: JSON, XML, CSV and TSV;
  triples (CONSTRUCT, DESCRIBE) in Turtle or N-Triples.
- Without a row cap, pyoxigraph's own serialisers write the answer. With a cap, at most ``max_rows``
  rows are read and written by the writers here, which give the bytes pyoxigraph gives for the same
  rows (tests/test_results.py holds them to it).
- An ASK answer in CSV or TSV is ``true`` or ``false`` alone, as pyoxigraph writes it (SPARQL 1.1
  defines no boolean form for CSV and TSV; pyoxigraph's TSV parser reads this one back).
- XML 1.0 cannot hold most C0 controls, not even as character references, and its parsers read a raw
  CR as LF. So a CR is written ``&#xD;``; an answer with another C0 control (U+0001 …) is written as
  XML 1.1, where the controls are character references; and U+0000, U+FFFE or U+FFFF, which no XML
  can carry, make :func:`write_result` raise :class:`FormatError` (JSON, TSV and CSV carry them all).
- Known deviations of pyoxigraph's CSV, kept so both paths agree: an IRI holding a comma is not
  quoted, and an RDF 1.2 triple term is written as its three terms joined by spaces.
"""

import json
import re
from functools import cache
from itertools import islice

import pyoxigraph as ox

from .errors import UsageError
from .namespaces import PREFIXES

SELECT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("ttl", "nt")
CONTENT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
}

# The media types each format answers to in an Accept header, by kind of result, in our order of
# preference (the first is the default, and wins a tie).
_SELECT_MEDIA_TYPES = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
_MEDIA_TYPES = {
    "solutions": _SELECT_MEDIA_TYPES,
    "boolean": _SELECT_MEDIA_TYPES,
    "triples": {"ttl": ("text/turtle",), "nt": ("application/n-triples", "text/plain")},
}
_RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
_WHAT_GIVES = {"solutions": "a SELECT query gives solutions", "boolean": "an ASK query gives a boolean",
               "triples": "a CONSTRUCT or DESCRIBE query gives triples"}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"


class FormatError(UsageError):
    """A result that cannot be written in the format asked for: a format for another kind of result,
    or a character the format cannot carry (the server answers 406, the command line exits 2)."""


class TripleStream:
    """The triples of a CONSTRUCT or DESCRIBE answered by a store over HTTP (:mod:`policykg.remote`),
    taken everywhere as pyoxigraph's ``QueryTriples`` is: iterated once."""

    def __init__(self, triples):
        self._triples = iter(triples)

    def __iter__(self):
        return self._triples


def result_kind(result) -> str:
    """The kind of a pyoxigraph query result: ``solutions``, ``boolean`` or ``triples``."""
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    if isinstance(result, (ox.QueryTriples, TripleStream)):
        return "triples"
    raise TypeError(f"not a pyoxigraph query result: {type(result).__name__}")


# ---------------------------------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------------------------------

def negotiate(accept: str, kind: str) -> str | None:
    """Pick the format for an HTTP Accept header; ``kind`` is ``solutions``, ``boolean`` or ``triples``.

    Each format takes the quality of the most specific media range that matches one of its media
    types (``q=0`` excludes it); the highest quality wins, a tie going to our order (json, xml, csv,
    tsv; ttl, nt). An empty header, or ``*/*``, gives json for solutions and booleans and ttl for
    triples; None when nothing is acceptable (the server answers 406).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "solutions")
    'xml'
    >>> negotiate("text/*", "triples"), negotiate("", "boolean"), negotiate("text/html", "solutions")
    ('ttl', 'json', None)
    """
    offers = _MEDIA_TYPES[kind]
    if not (accept or "").strip():
        return next(iter(offers))
    ranges = _media_ranges(accept)
    best, best_quality = None, 0.0
    for fmt, media_types in offers.items():
        quality = max(_quality(media_type, ranges) for media_type in media_types)
        if quality > best_quality:
            best, best_quality = fmt, quality
    return best


def _media_ranges(accept: str) -> list[tuple[str, str, float]]:
    """The media ranges of an Accept header as (type, subtype, quality); a range with a malformed q is ignored."""
    ranges: list[tuple[str, str, float]] = []
    for part in accept.split(","):
        media, *parameters = part.split(";")
        media = media.strip().lower()
        if media == "*":  # some clients write * for */*
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub:
            continue
        quality: float | None = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = None
        if quality is not None:
            ranges.append((main, sub, quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    """The quality the most specific matching range gives ``media_type`` (0 when none matches)."""
    main, _, sub = media_type.partition("/")
    best_specificity, quality = -1, 0.0
    for range_main, range_sub, range_quality in ranges:
        if (range_main, range_sub) == (main, sub):
            specificity = 2
        elif (range_main, range_sub) == (main, "*"):
            specificity = 1
        elif (range_main, range_sub) == ("*", "*"):
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, quality = specificity, range_quality
    return quality


# ---------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------

def write_result(result, fmt: str, max_rows: int | None = None) -> tuple[bytes, bool]:
    """Serialise a pyoxigraph QuerySolutions, QueryBoolean or QueryTriples in ``fmt``; return (bytes, truncated).

    Solutions and booleans take :data:`SELECT_FORMATS`, triples :data:`GRAPH_FORMATS` (Turtle with our
    prefixes). With ``max_rows`` None pyoxigraph's serialisers write everything; with a cap at most
    ``max_rows`` rows (or triples) are written, and ``truncated`` says whether the result had more. A
    boolean has no rows to cap. Raises :class:`FormatError` for a format of another kind of result,
    or for XML when a value holds a character no XML can carry.
    """
    if max_rows is not None and max_rows < 0:
        raise ValueError(f"max_rows must be 0 or more, not {max_rows}")
    kind = result_kind(result)
    allowed = GRAPH_FORMATS if kind == "triples" else SELECT_FORMATS
    if fmt not in allowed:
        raise FormatError(f"{_WHAT_GIVES[kind]}: write it as {', '.join(allowed)}, not {fmt}")
    if kind == "boolean":
        body, truncated = result.serialize(format=_RESULTS_FORMATS[fmt]), False
    elif kind == "triples":
        triples, truncated = _capped(result, max_rows)
        body = ox.serialize(triples, format=_RDF_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None)
    elif max_rows is None:
        body, truncated = result.serialize(format=_RESULTS_FORMATS[fmt]), False
    else:
        variables = [variable.value for variable in result.variables]
        rows, truncated = _capped(map(tuple, result), max_rows)
        body = _WRITERS[fmt](variables, rows).encode("utf-8")
    return (_well_formed_xml(body) if fmt == "xml" else body), truncated


def _capped(items, max_rows: int | None):
    """``items`` unchanged when there is no cap; else a list of at most ``max_rows`` of them, and whether there were more."""
    if max_rows is None:
        return items, False
    taken = list(islice(items, max_rows + 1))
    return taken[:max_rows], len(taken) > max_rows


# JSON ----------------------------------------------------------------------------------------------

def json_term(term) -> dict:
    """A term in the SPARQL 1.1 JSON results format (with RDF 1.2 directions and triple terms as pyoxigraph writes them)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate),
                                            "object": json_term(term.object)}}
    result = {"type": "literal", "value": term.value}
    if term.language:
        result["xml:lang"] = term.language
        if term.direction:
            result["its:dir"] = str(term.direction)
    elif (datatype := term.datatype.value) != _XSD_STRING:
        result["datatype"] = datatype
    return result


_json_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # escapes as pyoxigraph does


def _json_text(term) -> str:
    return _json_encode(json_term(term))


def _json(variables: list[str], rows: list[tuple]) -> str:
    term_text = cache(_json_text)  # each writer writes a term once per answer: an IRI recurs in many rows
    keys = [_json_encode(name) + ":" for name in variables]
    bindings = ",".join("{" + ",".join([key + term_text(term) for key, term in zip(keys, row) if term is not None]) + "}"
                        for row in rows)
    return f'{{"head":{{"vars":{_json_encode(variables)}}},"results":{{"bindings":[{bindings}]}}}}'


# XML -----------------------------------------------------------------------------------------------

_XML_DECLARATION = '<?xml version="1.0"?>'
_ITS = ' xmlns:its="http://www.w3.org/2005/11/its" its:version="2.0"'
_XML_SPACE = " \t\n\r"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")


def _xml_text(text: str) -> str:
    """A literal's text escaped, its leading and trailing white space as character references (as pyoxigraph
    writes it, so that a parser trimming text keeps it)."""
    text = _xml_escape(text)
    if not text or (text[0] not in _XML_SPACE and text[-1] not in _XML_SPACE):
        return text
    start = len(text) - len(text.lstrip(_XML_SPACE))
    end = len(text.rstrip(_XML_SPACE))
    if start >= end:  # white space only
        return _references(text)
    return _references(text[:start]) + text[start:end] + _references(text[end:])


def _references(text: str) -> str:
    return "".join(f"&#{ord(character)};" for character in text)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{term.value}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
                f"<object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        direction = f' its:dir="{term.direction}"{_ITS}' if term.direction else ""
        return f'<literal xml:lang="{term.language}"{direction}>{_xml_text(term.value)}</literal>'
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return f"<literal>{_xml_text(term.value)}</literal>"
    return f'<literal datatype="{_xml_escape(datatype)}">{_xml_text(term.value)}</literal>'


def _xml(variables: list[str], rows: list[tuple]) -> str:
    term_text = cache(_xml_term)
    openings = [f'<binding name="{name}">' for name in variables]
    head = "".join(f'<variable name="{name}"/>' for name in variables)
    results = "".join("<result>" + "".join([opening + term_text(term) + "</binding>" for opening, term in zip(openings, row)
                                            if term is not None]) + "</result>" for row in rows)
    return f'{_XML_DECLARATION}<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}</head><results>{results}</results></sparql>'


_XML_1_0_UNFIT = bytes(range(0x20)).translate(None, b"\t\n")  # C0 controls but TAB and LF (CR is read back as LF)
_NOT_XML = re.compile("[\x00\ufffe\uffff]")  # not an XML character in 1.0 or 1.1, not even as a reference
_XML_1_1_ONLY = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")
# In XML 1.1 these must be references: C0 and C1 controls (RestrictedChar), and the line ends CR, NEL and LS
_XML_1_1_REFERENCED = re.compile("[\x01-\x08\x0b\x0c\r\x0e-\x1f\x7f-\x9f\u2028]")


def _well_formed_xml(body: bytes) -> bytes:
    """pyoxigraph's XML (or ours) with the characters XML 1.0 cannot hold raw made well-formed (see the module docstring)."""
    if len(body.translate(None, _XML_1_0_UNFIT)) == len(body) and b"\xef\xbf\xbe" not in body and b"\xef\xbf\xbf" not in body:
        return body  # the common case: nothing to do (a scan at memory speed)
    text = body.decode("utf-8")
    if unfit := _NOT_XML.search(text):
        raise FormatError(f"a value holds U+{ord(unfit.group()):04X}, which no XML can carry, not even as a character "
                          "reference: ask for JSON, TSV or CSV")
    if not _XML_1_1_ONLY.search(text):
        return text.replace("\r", "&#xD;").encode("utf-8")
    text = _XML_1_1_REFERENCED.sub(lambda match: f"&#x{ord(match.group()):X};", text)
    return ('<?xml version="1.1"?>' + text.removeprefix(_XML_DECLARATION)).encode("utf-8")


# CSV -----------------------------------------------------------------------------------------------

def _csv_term(term) -> str:
    if isinstance(term, ox.Literal):
        value = term.value
        if '"' in value or "," in value or "\n" in value or "\r" in value:
            return '"' + value.replace('"', '""') + '"'
        return value
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return f"{_csv_term(term.subject)} {_csv_term(term.predicate)} {_csv_term(term.object)}"


def _csv(variables: list[str], rows: list[tuple]) -> str:
    term_text = cache(_csv_term)
    lines = [",".join(variables)]
    lines.extend(",".join(["" if term is None else term_text(term) for term in row]) for row in rows)
    lines.append("")
    return "\r\n".join(lines)


# TSV -----------------------------------------------------------------------------------------------

# Literals written in Turtle's short form when their lexical form is the Turtle token, as pyoxigraph does
_TSV_SHORT_FORMS = {
    _XSD + "boolean": re.compile("true|false"),
    _XSD + "integer": re.compile("[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+"),
}


def _tsv_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + '"'


def _tsv_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    value = term.value
    if term.language:
        return f"{_tsv_string(value)}@{term.language}" + (f"--{term.direction}" if term.direction else "")
    datatype = term.datatype.value
    short_form = _TSV_SHORT_FORMS.get(datatype)
    if short_form is not None and short_form.fullmatch(value):
        return value
    return _tsv_string(value) if datatype == _XSD_STRING else f"{_tsv_string(value)}^^<{datatype}>"


def _tsv(variables: list[str], rows: list[tuple]) -> str:
    term_text = cache(_tsv_term)
    lines = ["\t".join("?" + name for name in variables)]
    lines.extend("\t".join(["" if term is None else term_text(term) for term in row]) for row in rows)
    lines.append("")
    return "\n".join(lines)


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
