"""Text shown in a terminal (the columns a string takes, strings made safe and short to print), and names
compared as CURATING.md writes labels: the article's text with its marks and breaks aside."""

import re
import unicodedata

#: What a name is compared without: quotation marks, title marks and blanks (line and page breaks).
_MARKS_AND_BLANKS = re.compile(r"[“”‘’\"《》\s]")
#: Characters that a terminal acts on instead of showing: C0 and C1 controls and DEL (tab is handled apart).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def display_width(text: str) -> int:
    """Return the number of terminal columns ``text`` takes (wide CJK characters take two).

    >>> display_width("衡阳 GDP")
    8
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def printable(text: str) -> str:
    """Return ``text`` on one line with each control character written as an escape (``\\x1b``, ``\\x0a``)
    and a tab as a space, so that printing it can neither break a message's layout nor drive the terminal.

    >>> printable("a\\x1b[31mb\\tc")
    'a\\\\x1b[31mb c'
    """
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text.replace("\t", " "))


def shorten(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters, ending in ``…`` when cut.

    >>> shorten("衡阳市2020年", 4)
    '衡阳市…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def without_marks(text: str) -> str:
    """Return ``text`` without quotation marks, title marks and blanks: a name as names are compared (a label
    is the article's text with these aside, CURATING.md).

    >>> without_marks("“3215”重点项目\\n\\n推进计划《条例》")
    '3215重点项目推进计划条例'
    """
    return _MARKS_AND_BLANKS.sub("", text)
