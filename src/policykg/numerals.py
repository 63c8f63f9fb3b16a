"""Reading numbers as Chinese newspaper text writes them: Arabic or Chinese numerals, with 万/亿 multipliers.

>>> read_number("595.92亿元")
Decimal('59592000000')
>>> read_number("1.2万余人")
Decimal('12000')
>>> read_number("第三")
Decimal('3')
>>> read_number("3.9%")
Decimal('3.9')
>>> read_number("下降79.4%")
Decimal('-79.4')
"""

import re
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
#: Words that, written right before a number, make it a fall: "下降79.4%" is -79.4.
NEGATIVE_WORDS = ("下降", "减少", "降低", "压减", "回落", "负")

#: A number as written: Arabic (with thousands separators and decimals) or Chinese numerals, then any
#: 万/亿 multipliers (个亿 included, as in 1个亿).
NUMBER = re.compile(
    r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?P<multiplier>(?:个?[万亿])*)"
)


def read_number(text: str) -> Decimal:
    """Return the value of the first number in ``text``, multiplied out (``"595.92亿元"`` → 59592000000).

    A fall word right before the number (``"下降79.4%"``, see :data:`NEGATIVE_WORDS`) makes it negative.
    Raises ``ValueError`` if ``text`` holds no number.
    """
    match = NUMBER.search(text)
    if not match:
        raise ValueError(f"no number in {text!r}")
    number = match["number"]
    value = Decimal(number.replace(",", "")) if number[0].isdigit() else Decimal(chinese_numeral(number))
    for character in match["multiplier"].replace("个", ""):
        value *= _MULTIPLIERS[character]
    if text[: match.start()].endswith(NEGATIVE_WORDS):
        value = -value
    return plain(value)


def plain(value: Decimal) -> Decimal:
    """Return ``value`` without trailing zeros and without an exponent (``5.9592E+10`` → ``59592000000``).

    >>> plain(Decimal("3.90"))
    Decimal('3.9')
    """
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def chinese_numeral(text: str) -> int:
    """Return the value of a Chinese numeral below ten thousand (``"三十五"`` → 35, ``"十"`` → 10)."""
    total, digit = 0, None
    for character in text:
        if character in _DIGITS:
            digit = _DIGITS[character]
        elif character in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[character]
            digit = None
        else:
            raise ValueError(f"{character!r} is not a Chinese numeral")
    return total + (digit or 0)


