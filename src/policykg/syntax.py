"""A SPARQL syntax error shown as a person reads it: line, column, the line itself and a caret.

Both parsers policykg uses report errors their own way: rdflib's (pyparsing) names where the last
group that could be read begins and lists what it expected; pyoxigraph's names the exact place and
lists every token and character range it would have taken there (``['0'..='9']``, ``[_]``). Both
become ``line L, column C: what`` with a window of the line and a caret under the column.
"""

import re

from .text import display_width

_ORACLE_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
_CHARACTER_CLASS = re.compile(r"^\[.*\]$")
MAX_EXPECTED = 8
WINDOW = 100


def caret_message(text: str, line: int, column: int, what: str) -> str:
    """``line L, column C: what`` followed by (a window of) that line of ``text`` and a caret under the column."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    line = min(max(line, 1), len(lines))
    source = lines[line - 1]
    start = max(0, column - 1 - WINDOW // 2)
    window = source[start:start + WINDOW]
    caret = " " * display_width(window[:max(0, column - 1 - start)]) + "^"
    return f"line {line}, column {column}: {what}\n    {window}\n    {caret}"


def describe_rdflib_error(error: Exception, text: str) -> str:
    """An error raised by rdflib's SPARQL parser, as :func:`caret_message` (or one line when it has no place)."""
    if isinstance(error, RecursionError):
        return "the query is nested too deeply to read"
    line, column = getattr(error, "lineno", None), getattr(error, "col", None)
    if line is None or column is None:
        return f"the query cannot be read ({type(error).__name__}: {error})"
    found = error.line[column - 1:column + 19]
    return caret_message(text, line, column, f"unexpected {found!r}" if found else "unexpected end of the query")


def describe_oxigraph_error(error: SyntaxError, text: str) -> str:
    """A pyoxigraph ``SyntaxError`` on a query, as :func:`caret_message`, its list of expectations shortened."""
    message = str(error)
    match = _ORACLE_POSITION.match(message)
    if not match:
        return message
    line, column, what = int(match.group(1)), int(match.group(2)), match.group(3)
    if what.startswith("expected one of "):
        options = [o.strip() for o in what.removeprefix("expected one of ").split(", ")]
        words = [o for o in options if not _CHARACTER_CLASS.match(o)]
        shown = ", ".join(words[:MAX_EXPECTED]) + (", …" if len(words) > MAX_EXPECTED else "")
        what = f"expected one of {shown}" if words else "unexpected text"
    return caret_message(text, line, column, what)
