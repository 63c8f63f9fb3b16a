"""Text shown in a terminal: the columns a string takes."""

import unicodedata


def display_width(text: str) -> int:
    """Return the number of terminal columns ``text`` takes (wide CJK characters take two).

    >>> display_width("衡阳 GDP")
    8
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
