"""Numbers as a person reads them: a normalized value with its unit, in the scale the article uses.

The graph stores every number normalized (``pk:value``: 亿 × 10^8, 万 × 10^4; CURATING.md) with a unit
of ``pkc:UnitScheme`` (ontology/concepts.ttl); percentages are kept as written (3.9 for 3.9%). These
functions turn such a value back into text: 1.6e11 yuan is "1600亿元", not 160000000000.

>>> readable(Decimal("160000000000"), "pkc:Yuan")
'1600亿元'
>>> readable(Decimal("8000000"), "pkc:Mu")
'800万亩'
>>> readable(Decimal("8.5"), "pkc:Percent")
'8.5%'
>>> readable(Decimal("-10000000000"), "pkc:Yuan", scale_like="1600亿元")
'−100亿元'
>>> readable(Decimal("160000000000"), "pkc:Yuan", lang="en")
'160 billion yuan'
>>> readable(Decimal("10929"), "pkc:Enterprise", lang="en")
'10,929 enterprises'
>>> with_comparator("1500亿元", "pkc:AtLeast"), with_comparator("40", "pkc:MoreThan", "en")
('1500亿元以上', 'more than 40')
"""

import re
from decimal import Decimal

from .namespaces import CONCEPT_IRI

#: Every unit of pkc:UnitScheme: its zh label (as ontology/concepts.ttl has it; tests/test_quantities.py
#: holds the two together), and its en name for one and for many.
UNITS: dict[str, tuple[str, str, str]] = {
    "Yuan": ("元", "yuan", "yuan"),
    "Percent": ("%", "%", "%"),
    "PercentagePoint": ("个百分点", "percentage point", "percentage points"),
    "Enterprise": ("家", "enterprise", "enterprises"),
    "Project": ("个项目", "project", "projects"),
    "Person": ("人", "person", "persons"),
    "PersonTime": ("人次", "person-time", "person-times"),
    "Household": ("户", "household", "households"),
    "Item": ("个", "item", "items"),
    "Session": ("期", "session", "sessions"),
    "Tonne": ("吨", "tonne", "tonnes"),
    "SquareMetre": ("平方米", "square metre", "square metres"),
    "Mu": ("亩", "mu", "mu"),
    "Kilometre": ("公里", "kilometre", "kilometres"),
    "WattHour": ("瓦时", "watt-hour", "watt-hours"),
    "Day": ("天", "day", "days"),
    "Year": ("年", "year", "years"),
    "Position": ("位", "position", "position"),
    "Country": ("个国家和地区", "country or region", "countries and regions"),
    "Pair": ("副", "pair", "pairs"),
    "Jin": ("斤", "jin", "jin"),
    "Dwelling": ("套", "dwelling", "dwellings"),
    "Transaction": ("笔", "transaction", "transactions"),
    "WorkingDay": ("工作日", "working day", "working days"),
    "StandardCase": ("重量箱", "weight case", "weight cases"),
    "Occurrence": ("起", "occurrence", "occurrences"),
    "Tier": ("方阵", "tier", "tier"),
}

#: The scales a Chinese text writes numbers in, largest first, and the English ones.
ZH_SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
EN_SCALES = (("trillion", Decimal(10) ** 12), ("billion", Decimal(10) ** 9), ("million", Decimal(10) ** 6))
#: A scaled number is shown with at most this many decimals (2 in zh: 595.92亿; 3 in en: 15.308 billion);
#: past it a smaller scale, or the plain number, reads better. Nothing is ever rounded.
MAX_DECIMALS = {"zh": 2, "en": 3}
MINUS = "\u2212"

#: How a comparator (pkc:ComparatorScheme) bounds a number, in words: (zh before, zh after, en before).
COMPARATORS: dict[str, tuple[str, str, str]] = {
    "Exactly": ("", "", ""),
    "AtLeast": ("", "以上", "at least "),
    "MoreThan": ("超过", "", "more than "),
    "About": ("", "左右", "about "),
    "AtMost": ("", "以内", "at most "),
    "Approaching": ("接近", "", "approaching "),
}

#: How firmly a target is promised (pkc:CommitmentScheme), as the plan says it: zh and en.
COMMITMENTS: dict[str, tuple[str, str]] = {
    "Commitment": ("确保", "ensure"),
    "Aspiration": ("力争", "strive to"),
    "Plan": ("计划", "plan to"),
}

_SCALE_WRITTEN = re.compile(r"[\d.〇零一二两三四五六七八九十百千]\s*(万亿|亿|万)")


def readable(value: Decimal, unit_iri: str, lang: str = "zh", scale_like: str | None = None) -> str:
    """``value`` (normalized, as ``pk:value`` holds it) in ``unit_iri`` (``pkc:Yuan`` or its full IRI) as text.

    In zh the number takes the scale of ``scale_like`` (a value as written, such as "1600亿元": its
    亿 or 万; none when it has neither), else the largest of 亿 and 万 that shows it with at most two
    decimals; in en billion or million likewise, and thousands separators. A fall has a minus sign
    (U+2212). Percentages are kept as the data stores them (8.5 is 8.5%); a rank position is 第N (No. N).

    >>> readable(Decimal("7460000"), "pkc:Mu"), readable(Decimal("540000"), "pkc:Mu", scale_like="800万亩")
    ('746万亩', '54万亩')
    >>> readable(Decimal("6"), "pkc:PercentagePoint", lang="en"), readable(Decimal("2"), "pkc:Position")
    ('6 percentage points', '第2')
    >>> readable(Decimal("1"), "pkc:Enterprise", lang="en"), readable(Decimal("-2929"), "pkc:Enterprise")
    ('1 enterprise', '−2929家')
    """
    local = unit_iri.removeprefix(CONCEPT_IRI).removeprefix("pkc:")
    if local not in UNITS:
        raise ValueError(f"{unit_iri} is not a unit of pkc:UnitScheme")
    zh, one, many = UNITS[local]
    sign, magnitude = (MINUS if value < 0 else ""), abs(Decimal(value))
    if local == "Position":
        return f"{sign}第{_plain(magnitude)}" if lang == "zh" else f"No. {sign}{_plain(magnitude)}"
    if local == "Tier":
        return f"{sign}第{_plain(magnitude)}方阵" if lang == "zh" else f"tier {sign}{_plain(magnitude)}"
    if local in ("Percent",):
        return f"{sign}{_plain(magnitude)}%"
    if lang == "zh":
        return f"{sign}{_scaled_zh(magnitude, scale_like)}{zh}"
    number, scaled = _scaled_en(magnitude)
    return f"{sign}{number} {one if magnitude == 1 and not scaled else many}"


def with_comparator(text: str, comparator_iri: str, lang: str = "zh") -> str:
    """``text`` (a number with its unit) bounded by a comparator of pkc:ComparatorScheme, in words."""
    local = comparator_iri.removeprefix(CONCEPT_IRI).removeprefix("pkc:")
    before, after, en = COMPARATORS.get(local, ("", "", ""))
    return f"{before}{text}{after}" if lang == "zh" else f"{en}{text}"


def commitment_words(commitment_iri: str, lang: str = "zh") -> str:
    """How firmly a target is promised, in the plan's words: 确保, 力争, 计划 (ensure, strive to, plan to)."""
    local = commitment_iri.removeprefix(CONCEPT_IRI).removeprefix("pkc:")
    zh, en = COMMITMENTS.get(local, (local, local))
    return zh if lang == "zh" else en


def written_scale(text: str) -> str | None:
    """The scale (万亿, 亿 or 万) a value as written uses, or None.

    >>> written_scale("595.92亿元"), written_scale("37.5万户"), written_scale("10929家")
    ('亿', '万', None)
    """
    match = _SCALE_WRITTEN.search(text)
    return match.group(1) if match else None


def _scaled_zh(magnitude: Decimal, scale_like: str | None) -> str:
    if scale_like is not None:
        scale = written_scale(scale_like)
        factor = dict(ZH_SCALES).get(scale) if scale else None
        return _plain(magnitude / factor) + scale if factor else _plain(magnitude)
    for name, factor in ZH_SCALES:
        if magnitude >= factor and _decimals(magnitude / factor) <= MAX_DECIMALS["zh"]:
            return _plain(magnitude / factor) + name
    return _plain(magnitude)


def _scaled_en(magnitude: Decimal) -> tuple[str, bool]:
    for name, factor in EN_SCALES:
        if magnitude >= factor and _decimals(magnitude / factor) <= MAX_DECIMALS["en"]:
            return f"{_plain(magnitude / factor)} {name}", True
    whole = magnitude == magnitude.to_integral_value()
    return (f"{int(magnitude):,}" if whole else f"{_plain(magnitude)}"), False


def _plain(value: Decimal) -> str:
    """``value`` without exponent or trailing zeros: 1.60E+3 → "1600", 8.50 → "8.5"."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


if __name__ == "__main__":
    import doctest

    doctest.testmod()
