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
>>> read_number("三万五千人")
Decimal('35000')
>>> read_number("二〇二〇年")
Decimal('2020')
>>> read_number("百分之十五")
Decimal('15')

What the reader does not handle it refuses with ``ValueError`` instead of guessing: an approximate
count (十几, 几十, 数百), and a numeral whose units are out of order or repeated (百千万, 十三五).
"""

import re
import unicodedata
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
#: Words that, written right before a number, make it a fall: "下降79.4%" is -79.4.
NEGATIVE_WORDS = ("下降", "减少", "降低", "压减", "回落", "负")

_CHINESE_DIGITS = "零〇一二两三四五六七八九"
#: A number as written: 百分之 (per cent, the number after it is the percentage), then Arabic (with
#: thousands separators and decimals) followed by any 百/千/万/亿 multipliers (个亿 included, as in
#: 1个亿), or a Chinese numeral (digits, 十百千 within a section, 万 and 亿 between sections, 点 for
#: decimals). A Chinese numeral starts with a digit or with 十/百/千 (千亿元), never with 万 or 亿, so
#: that 万企帮万村 holds no number.
NUMBER = re.compile(
    r"(?P<percent>百分之)?"
    r"(?:(?P<arabic>\d+(?:,\d{3})*(?:\.\d+)?)(?P<multiplier>(?:个?[万亿]|[百千])*)"
    rf"|(?P<chinese>[{_CHINESE_DIGITS}十百千](?:[{_CHINESE_DIGITS}十百千万亿点]|个(?=[万亿]))*))"
)
#: Approximate counts, which have no single value: 十几, 几十, 几百, 数十, 数百, 数千, 数万.
_APPROXIMATE = re.compile(rf"[{_CHINESE_DIGITS}十百千万亿]几|几[十百千万亿]|数[十百千万亿]")


def read_number(text: str) -> Decimal:
    """Return the value of the first number in ``text``, multiplied out (``"595.92亿元"`` → 59592000000).

    A fall word right before the number (``"下降79.4%"``, see :data:`NEGATIVE_WORDS`) makes it negative;
    百分之十五 is the percentage 15. Raises ``ValueError`` if ``text`` holds no number, or a number the
    reader cannot read for certain (an approximate count such as 十几, a malformed numeral such as 百千万).
    """
    text = _half_width_digits(text)
    match = NUMBER.search(text)
    if not match:
        raise ValueError(f"no number in {text!r}")
    approximate = _APPROXIMATE.search(text, max(0, match.start() - 1), match.end() + 1)
    if approximate:
        raise ValueError(f"{approximate.group()!r} in {text!r} is an approximate count, not a number")
    if match["arabic"] is not None:
        value = Decimal(match["arabic"].replace(",", ""))
        for character in match["multiplier"].replace("个", ""):
            value *= _MULTIPLIERS.get(character) or _SMALL_UNITS[character]
    else:
        value = chinese_number(match["chinese"])
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


def chinese_number(text: str) -> Decimal:
    """Return the value of a Chinese numeral, of any size and with decimals.

    Digits alone are read digit by digit (``"二〇二〇"`` → 2020); with units, 十百千 count within a
    section and 万/亿 join sections (``"三万五千"`` → 35000, ``"三亿五千万"`` → 350000000, ``"千亿"`` →
    100000000000); a digit after a unit without one of its own is the next lower place, as spoken
    (``"一万五"`` → 15000, ``"三百五"`` → 350); 点 starts the decimals (``"三点五"`` → 3.5).
    Raises ``ValueError`` for what is not such a numeral (``"百千万"``, ``"十三五"``, ``"三五十"``).
    """
    text = text.replace("个", "")
    if not text or any(character not in _DIGITS and character not in _SMALL_UNITS and character not in "万亿点" for character in text):
        raise ValueError(f"{text!r} is not a Chinese numeral")
    if "点" in text:
        whole, _, rest = text.partition("点")
        decimals = re.match(rf"[{_CHINESE_DIGITS}]+", rest)
        if not whole or not decimals or any(c not in _MULTIPLIERS for c in rest[decimals.end():]):
            raise ValueError(f"{text!r} is not a Chinese numeral: 点 must stand between digits")
        value = chinese_number(whole) + Decimal("0." + "".join(str(_DIGITS[c]) for c in decimals.group()))
        for character in rest[decimals.end():]:
            value *= _MULTIPLIERS[character]
        return value
    if all(character in _DIGITS for character in text):
        return Decimal("".join(str(_DIGITS[character]) for character in text))
    high, separator, low = text.partition("亿")
    if "亿" in low:
        raise ValueError(f"{text!r} is not a Chinese numeral: 亿 twice")
    if not separator:
        return Decimal(_below_yi(text))
    if not high:
        raise ValueError(f"{text!r} is not a Chinese numeral: nothing before 亿")
    return Decimal(_below_yi(high)) * _MULTIPLIERS["亿"] + _below_yi(low, spoken_place=10_000_000)


def chinese_numeral(text: str) -> int:
    """Return the value of a whole Chinese numeral (``"三十五"`` → 35, ``"十"`` → 10, ``"三万五千"`` → 35000)."""
    value = chinese_number(text)
    if value != value.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number")
    return int(value)


def _below_yi(text: str, spoken_place: int = 0) -> int:
    """The value of a numeral below one 亿 (万 at most once); ``spoken_place`` is the place of a lone
    trailing digit after a higher section (亿五 → 5 × 10^7)."""
    high, separator, low = text.partition("万")
    if "万" in low:
        raise ValueError(f"{text!r} is not a Chinese numeral: 万 twice")
    if not separator:
        return _below_wan(text, spoken_place)
    if not high:
        raise ValueError(f"{text!r} is not a Chinese numeral: nothing before 万")
    return _below_wan(high) * 10_000 + _below_wan(low, spoken_place=1000)


def _below_wan(text: str, spoken_place: int = 0) -> int:
    """The value of a numeral below 万: digits with 十百千 in falling order, 零 as a place holder.

    ``spoken_place`` reads a lone digit as that place (一万五: the 五 is 5000)."""
    if not text:
        return 0
    if spoken_place and len(text) == 1 and text in _DIGITS:
        return _DIGITS[text] * spoken_place
    total, digit, last_unit, after_zero = 0, None, 10_000, False
    for character in text:
        if character in ("零", "〇"):
            if digit is not None:
                raise ValueError(f"{text!r} is not a Chinese numeral: a digit without its unit")
            after_zero = True
        elif character in _DIGITS:
            if digit is not None:
                raise ValueError(f"{text!r} is not a Chinese numeral: two digits without a unit between them")
            digit = _DIGITS[character]
        else:
            unit = _SMALL_UNITS[character]
            if unit >= last_unit:
                raise ValueError(f"{text!r} is not a Chinese numeral: {character} out of order")
            # a unit with no digit before it is one of it, at the start only (十五, 千亿): 一千百 is refused
            total += (1 if digit is None and total == 0 and not after_zero else _require(digit, text)) * unit
            digit, last_unit, after_zero = None, unit, False
    if digit is not None:
        # a trailing digit: the ones (三十五), or, right after 百/千 without 零, the next lower place (三百五)
        total += digit * (last_unit // 10 if last_unit in (100, 1000) and not after_zero else 1)
    return total


def _require(digit: int | None, text: str) -> int:
    if digit is None:
        raise ValueError(f"{text!r} is not a Chinese numeral: a unit without its digit")
    return digit


def _half_width_digits(text: str) -> str:
    """Full-width digits and points (２０２０．５) as ASCII, so that they are read, not skipped."""
    return "".join(unicodedata.normalize("NFKC", c) if "０" <= c <= "９" or c == "．" else c for c in text)
