"""``policykg targets`` and ``policykg conflicts`` as a person reads them: labels instead of IRIs, values
with their units as the articles write them (1600亿元), the change in the article's own scale (−100亿元),
comparators and commitments in words (超过, 力争; "more than", "strive to").

Each report takes the result of its named query (plan-against-outcome, conflicting-figures) and the
store the labels come from; ``--format csv|json`` prints the query's own columns instead.
"""

from decimal import Decimal

import pyoxigraph as ox

from .numerals import read_number
from .query import format_table, labels
from .quantities import commitment_words, readable, with_comparator
from .report import compact
from .text import shorten

#: Kinds whose values are percentages: the change between two of them is in percentage points.
PERCENT = "Percent"
EVIDENCE_CHARACTERS = 60


def targets_table(result: ox.QuerySolutions, store: ox.Store, lang: str = "zh") -> str:
    """The plan against the outcome: per indicator and subject, the 2020 actual and 2021 target as written
    (with their comparators in words), how firmly the target is promised, the change, and the two articles."""
    names = _Names(store, lang)
    header = (["指标", "对象", "类别", "2020年实际", "2021年目标", "承诺", "变化", "来源（实际 → 目标）"] if lang == "zh" else
              ["indicator", "subject", "kind", "actual 2020", "target 2021", "commitment", "change", "sources (actual → target)"])
    rows = []
    for row in result:
        unit = row["unit"].value
        actual = _value(row["actual2020"], row["actualAsWritten"], unit, lang)
        target = _value(row["target2021"], row["targetAsWritten"], unit, lang)
        change = Decimal(row["change"].value)
        change_unit = "pkc:PercentagePoint" if unit.endswith(PERCENT) else unit
        change_text = readable(change, change_unit, lang, scale_like=row["targetAsWritten"].value)
        rows.append([
            names(row["indicator"]), names(row["subject"]), names(row["kind"]),
            with_comparator(actual, row["actualComparator"].value, lang),
            with_comparator(target, row["targetComparator"].value, lang),
            commitment_words(row["commitment"].value, lang),
            ("+" if change > 0 else "") + change_text,
            f"{_source(row['actualSource'])} → {_source(row['targetSource'])}",
        ])
    return format_table(header, rows)


def conflicts_text(result: ox.QuerySolutions, store: ox.Store, lang: str = "zh") -> str:
    """Each figure two articles give differently: what it is, the two values as written with their
    articles, how far apart they are, and each article's sentence."""
    names = _Names(store, lang)
    blocks = []
    for row in result:
        title = " · ".join(names(row[key]) for key in ("indicator", "subject", "period", "kind"))
        first, second = row["value1"].value, row["value2"].value
        shown = [_in_words(first, row["unit"], lang), _in_words(second, row["unit"], lang)]
        line = f"{shown[0]} ({_source(row['source1'])}) ≠ {shown[1]} ({_source(row['source2'])})"
        if row["unit"] is not None:
            try:
                gap = abs(read_number(second) - read_number(first))
            except ValueError:
                gap = None
            if gap is not None:
                gap_unit = row["unit"].value
                gap_text = readable(gap, "pkc:PercentagePoint" if gap_unit.endswith(PERCENT) else gap_unit, lang, scale_like=first)
                line += f"，相差 {gap_text}" if lang == "zh" else f", {gap_text} apart"
        blocks.append("\n".join([
            title, "  " + line,
            f"  {_source(row['source1'])} 「{shorten(row['evidence1'].value, EVIDENCE_CHARACTERS)}」",
            f"  {_source(row['source2'])} 「{shorten(row['evidence2'].value, EVIDENCE_CHARACTERS)}」",
        ]))
    count = len(blocks)
    footer = f"({count} 处不一致)" if lang == "zh" else f"({count} conflict{'s' if count != 1 else ''})"
    return "\n\n".join(blocks + [footer])


def _value(value: ox.Literal, written: ox.Literal, unit: str, lang: str) -> str:
    """A value as the article writes it (zh), or in English words from the normalized value (en)."""
    return written.value if lang == "zh" else readable(Decimal(value.value), unit, "en")


def _in_words(written: str, unit, lang: str) -> str:
    """A value as written, in zh as the article has it; in en from its number and unit, where both can be read."""
    if lang == "zh" or unit is None:
        return written
    try:
        return readable(read_number(written), unit.value, "en")
    except ValueError:
        return written


def _source(term) -> str:
    """An article's graph by its id (000)."""
    return term.value.rsplit("/", 1)[-1] if isinstance(term, ox.NamedNode) else ""


class _Names:
    """IRIs by their label in one language, else their prefixed name."""

    def __init__(self, store: ox.Store, lang: str):
        self.names = labels(store, lang)

    def __call__(self, term) -> str:
        if term is None:
            return ""
        return self.names.get(term.value) or compact(term.value) if isinstance(term, ox.NamedNode) else term.value


#: The report of each command's named query.
REPORTS = {"plan-against-outcome": targets_table, "conflicting-figures": conflicts_text}
