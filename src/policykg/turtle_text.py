"""Curated Turtle written as text, in the forms CURATING.md shows: the prefix block every curated file
opens with, IRIs as prefixed names where one fits, strings escaped, numbers as plain decimals.

Both writers of Turtle by hand use it: ``policykg extract`` (:mod:`policykg.extract.turtle`, a draft) and
``policykg review`` (:mod:`policykg.review`, the reviewed claims and reference blocks).
"""

import re
from decimal import Decimal

from .namespaces import PREFIXES
from .report import compact

#: The prefixes every curated file declares, in the order of CURATING.md.
FILE_PREFIXES = tuple(name for name in PREFIXES if name not in ("org", "foaf", "sh"))
#: A local name a prefixed name may have.
LOCAL_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-]*$")


def prefix_block() -> str:
    """The ``@prefix`` lines of a curated file, each ending in a line break."""
    return "".join(f"@prefix {name + ':':<9} <{PREFIXES[name]}> .\n" for name in FILE_PREFIXES)


def turtle_term(iri: str) -> str:
    """An IRI as a prefixed name where one fits, else in angle brackets."""
    short = compact(iri)
    prefix, _, local = short.partition(":")
    return short if short != iri and prefix in FILE_PREFIXES and LOCAL_NAME.match(local) else f"<{iri}>"


def turtle_string(text: str) -> str:
    """A string literal, quoted and escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def turtle_number(value) -> str:
    """A plain decimal or integer literal, never in scientific notation (CURATING.md)."""
    text = format(Decimal(value).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
