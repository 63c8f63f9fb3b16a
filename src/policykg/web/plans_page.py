"""Plan against outcome, an indicator across periods, and the figures the articles disagree on.

Three pages, each a table, an inline SVG chart (:mod:`policykg.web.charts`) and a JSON twin:
- ``/targets``: every 2021 target (``pk:Target``) beside the 2020 actual of the same indicator,
  subject and kind where the articles give one, with its unit, comparator and commitment in words;
  filters ``?commitment=pkc:Aspiration`` and ``?indicator=ind:…``;
- ``/indicator/{local}``: one indicator's observations and targets in period order (by end date),
  and a timeline per unit and kind (growth rates in %, levels in 亿元 are never on one axis);
- ``/conflicts``: the named query ``conflicting-figures`` on the in-process store, the two articles'
  values and sentences side by side, with the difference when the units agree.

The data comes from SPARQL over ``request.workbench.store`` (the default graph is the union of the
articles' graphs) and, for each observation's sources and evidence, from ``workbench.index``.
Values are shown as the articles write them (``pk:valueAsWritten``); a change between two values is
the difference of the normalized values, readable (:func:`policykg.quantities.readable`) in the scale
the second is written in (``800万亩`` against ``746万亩`` gives ``+54万亩``).
"""

import difflib
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ..entities import EVIDENCE, PK, expand
from ..namespaces import PREFIXES
from ..quantities import commitment_words, readable
from ..query import run_query
from ..report import compact
from . import charts
from .layout import PageRequest, not_found, page

IND = PREFIXES["ind"]
TARGET_PERIOD, ACTUAL_PERIOD = PREFIXES["period"] + "2021", PREFIXES["period"] + "2020"
_PREFIX_LINES = "".join(f"PREFIX {name}: <{base}>\n" for name, base in sorted(PREFIXES.items()))

#: How the articles write each period in a sentence (periods.ttl names the spellings in its comments):
#: the first of these found in an observation's evidence is shown as the period as written.
PERIOD_WORDS = {
    "2020-01_2020-03": ("一季度",),
    "2020-01_2020-06": ("1—6月", "上半年", "半年"),
    "2020-01_2020-09": ("前三季度",),
    "2020-01_2020-11": ("1—11月",),
    "2020-04_2020-06": ("二季度",),
    "2020": ("全年", "2020年", "一年来"),
    "2021": ("年内", "2021年"),
}
#: Written scales: the word before a unit and what it multiplies by, in English.
SCALES = (("千亿", "100 billion"), ("亿", "100 million"), ("万", "10,000"), ("千", "thousand"))
#: The look of the target bars by commitment: (fill, stroke, dashed).
TARGET_LOOK = {"Commitment": ("#0b5cad", "#0b5cad", False), "Plan": ("#9ec5f0", "#0b5cad", False),
               "Aspiration": ("#ffffff", "#0b5cad", True)}
ACTUAL_LOOK = ("#1a7f37", "#1a7f37")
STATUS_MARK = {"Actual": "actual", "Estimate": "estimate", "Target": "target"}


# ---------------------------------------------------------------------------------------------
# /targets
# ---------------------------------------------------------------------------------------------

_TARGETS = """
SELECT DISTINCT ?obs ?indicator ?subject ?kind ?written ?value ?unit ?comparator ?commitment WHERE {
  ?obs a pk:Target ; pk:period <%s> ; pk:indicator ?indicator ; pk:subject ?subject ; pk:kind ?kind ;
       pk:valueAsWritten ?written ; pk:value ?value ; pk:unit ?unit ; pk:comparator ?comparator ; pk:commitment ?commitment .
}""" % TARGET_PERIOD
_ACTUALS = """
SELECT DISTINCT ?obs ?indicator ?subject ?kind ?written ?value ?unit ?comparator WHERE {
  ?obs pk:status pkc:Actual ; pk:period <%s> ; pk:indicator ?indicator ; pk:subject ?subject ; pk:kind ?kind ;
       pk:valueAsWritten ?written ; pk:value ?value ; pk:unit ?unit ; pk:comparator ?comparator .
}""" % ACTUAL_PERIOD


def targets_page(request: PageRequest):
    """Every 2021 target beside the 2020 actual of the same indicator, subject and kind, as a table and bars."""
    workbench, lang = request.workbench, request.lang
    commitment, indicator = request.param("commitment").strip(), request.param("indicator").strip()
    targets = [_target_row(request, row) for row in _select(workbench.store, _TARGETS)]
    actuals: dict[tuple, list[dict]] = {}
    for row in _select(workbench.store, _ACTUALS):
        key = (row["indicator"].value, row["subject"].value, row["kind"].value)
        actuals.setdefault(key, []).append(_actual(request, row))
    for target in targets:
        found = sorted(actuals.get((expand(target["indicator"]), expand(target["subject"]), expand(target["kind"])), []),
                       key=lambda actual: (actual["sources"], actual["observation"]))
        target["actuals"] = found
        target["change"] = change(found[0], target, lang) if len(found) == 1 else None
    targets.sort(key=lambda target: (target["indicator"], target["subject"], target["target"]))
    facets = _commitment_facets(request, targets)
    error = None
    if commitment and compact(expand(commitment)) not in {facet["value"] for facet in facets}:
        error = request.t(f"没有这种承诺：{commitment}；可选 " + "、".join(f["value"] for f in facets),
                          f"no such commitment: {commitment}; choose one of " + ", ".join(f["value"] for f in facets))
    indicator_iri = _indicator_iri(indicator) if indicator else ""
    if indicator and PK + "Indicator" not in workbench.index.types.get(indicator_iri, set()):
        error = request.t(f"没有这个指标：{indicator}", f"no such indicator: {indicator}")
    shown = [target for target in targets
             if (not commitment or target["commitment"] == compact(expand(commitment)))
             and (not indicator or target["indicator"] == compact(indicator_iri))]
    if error:
        shown = []
    data = {
        "count": len(shown),
        "with_actual": sum(1 for target in shown if target["actuals"]),
        "filters": {"commitment": commitment, "indicator": indicator},
        "facets": {"commitment": facets, "indicator": _indicator_facets(targets)},
        "error": error,
        "targets": shown,
    }
    chart = targets_chart(shown, request) if shown else None
    return page("targets.html", request, data, status=400 if error else 200, chart=chart,
                indicator_label=workbench.label(indicator_iri, lang) if indicator_iri and not error else "")


def _target_row(request: PageRequest, row: dict) -> dict:
    """One target as the page's row: what, for whom, how much as written, in which unit, how firmly, where stated."""
    index, lang = request.workbench.index, request.lang
    node = row["obs"]
    commitment = row["commitment"].value
    unit_zh, unit_en = unit_words(row["written"].value, index.labels(row["unit"].value))
    return {
        "target": compact(node.value),
        "indicator": compact(row["indicator"].value), "indicator_label": index.label(row["indicator"].value, lang),
        "subject": compact(row["subject"].value), "subject_label": index.label(row["subject"].value, lang),
        "kind": compact(row["kind"].value), "kind_label": index.label(row["kind"].value, lang),
        "value": row["written"].value, "number": _number(row["value"]),
        "unit": compact(row["unit"].value), "unit_words": unit_zh if lang == "zh" else unit_en,
        "comparator": compact(row["comparator"].value), "comparator_words": index.label(row["comparator"].value, lang),
        "commitment": compact(commitment), "commitment_words": commitment_words(commitment, lang),
        "sources": index.claim_sources(node),
        "evidence": _evidence(index, node),
    }


def _actual(request: PageRequest, row: dict) -> dict:
    index, lang = request.workbench.index, request.lang
    return {
        "observation": compact(row["obs"].value), "value": row["written"].value, "number": _number(row["value"]),
        "unit": compact(row["unit"].value),
        "comparator": compact(row["comparator"].value), "comparator_words": index.label(row["comparator"].value, lang),
        "sources": index.claim_sources(row["obs"]), "evidence": _evidence(index, row["obs"]),
    }


def _commitment_facets(request: PageRequest, targets: list[dict]) -> list[dict]:
    """The commitments the targets use, each with its words and how many targets it has (Datasette's facets)."""
    counts: dict[str, int] = {}
    for target in targets:
        counts[target["commitment"]] = counts.get(target["commitment"], 0) + 1
    return [{"value": curie, "label": commitment_words(curie, request.lang),
             "count": count} for curie, count in sorted(counts.items())]


def _indicator_facets(targets: list[dict]) -> list[dict]:
    """The indicators that have targets, each with its label and how many targets it has."""
    counts: dict[str, dict] = {}
    for target in targets:
        entry = counts.setdefault(target["indicator"], {"value": target["indicator"], "label": target["indicator_label"], "count": 0})
        entry["count"] += 1
    return sorted(counts.values(), key=lambda entry: entry["value"])


def targets_chart(targets: list[dict], request: PageRequest):
    """A row per target: the 2020 actual (if any) and the 2021 target as bars scaled within the row's own unit."""
    t = request.t
    rows = []
    for target in targets:
        bars = [charts.Bar(actual["number"], actual["value"], "actual", *ACTUAL_LOOK,
                           note=t(f"2020 实际 {actual['value']}（{actual['comparator_words']}）· 来源 {', '.join(actual['sources'])}",
                                  f"2020 actual {actual['value']} ({actual['comparator_words']}) · source {', '.join(actual['sources'])}"),
                           data=(("indicator", target["indicator"]), ("subject", target["subject"])))
                for actual in target["actuals"]]
        fill, stroke, dashed = TARGET_LOOK.get(target["commitment"].split(":", 1)[1], TARGET_LOOK["Plan"])
        bars.append(charts.Bar(target["number"], target["value"], "target", fill, stroke, dashed,
                               note=t(f"2021 目标：{target['commitment_words']} {target['value']}（{target['comparator_words']}）",
                                      f"2021 target: {target['commitment_words']} {target['value']} ({target['comparator_words']})"),
                               data=(("indicator", target["indicator"]), ("subject", target["subject"]),
                                     ("commitment", target["commitment"]))))
        rows.append(charts.BarRow(target["indicator_label"], target["subject_label"], target["unit_words"], tuple(bars)))
    legend = [charts.LegendItem(t("2020 实际", "2020 actual"), "bar", *ACTUAL_LOOK)]
    for name in ("Commitment", "Plan", "Aspiration"):
        fill, stroke, dashed = TARGET_LOOK[name]
        words = commitment_words(name, request.lang)
        legend.append(charts.LegendItem(t(f"2021 目标 · {words}", f"2021 target · {words}"), "bar", fill, stroke, dashed))
    return charts.bar_rows(rows, title=t("2021 年目标与 2020 年实绩", "2021 targets beside 2020 actuals"), legend=legend)


# ---------------------------------------------------------------------------------------------
# /indicator/{local}
# ---------------------------------------------------------------------------------------------

_OBSERVATIONS = """
SELECT DISTINCT ?obs ?period ?start ?end ?subject ?kind ?status ?written ?value ?unit ?comparator ?commitment ?rank ?scope WHERE {
  ?obs pk:indicator ?indicator ; pk:period ?period ; pk:subject ?subject .
  OPTIONAL { ?obs pk:kind ?kind } OPTIONAL { ?obs pk:status ?status }
  OPTIONAL { ?obs pk:valueAsWritten ?written } OPTIONAL { ?obs pk:value ?value } OPTIONAL { ?obs pk:unit ?unit }
  OPTIONAL { ?obs pk:comparator ?comparator } OPTIONAL { ?obs pk:commitment ?commitment }
  OPTIONAL { ?obs pk:rank ?rank } OPTIONAL { ?obs pk:rankScope ?scope }
  OPTIONAL { ?period pk:startDate ?start } OPTIONAL { ?period pk:endDate ?end }
}"""


def indicator_page(request: PageRequest):
    """One indicator: its names, every observation and target in period order, and a timeline per unit and kind."""
    workbench, lang = request.workbench, request.lang
    index = workbench.index
    local = request.match["local"]
    iri = IND + local
    if PK + "Indicator" not in index.types.get(iri, set()):
        close = closest_indicators(index, local, lang)
        names = "、".join(f"{name}（{curie}）" for curie, name in close) if lang == "zh" else \
            ", ".join(f"{name} ({curie})" for curie, name in close)
        return not_found(request, f"没有指标 ind:{local}。" + (f"相近的指标：{names}" if close else ""),
                         f"there is no indicator ind:{local}." + (f" Closest indicators: {names}" if close else ""))
    rows = [_observation_row(request, row) for row in _select(workbench.store, _OBSERVATIONS, indicator=ox.NamedNode(iri))]
    rows.sort(key=lambda row: (row["end"], row["start"], row["subject"], row["kind"] or "", row["sources"], row["observation"]))
    definition = index.first(ox.NamedNode(iri), PREFIXES["skos"] + "definition")
    groups = timeline_groups(rows)
    drawn = [_timeline(request, group, index.label(iri, lang)) for group in groups]
    data = {
        "indicator": compact(iri),
        "labels": index.labels(iri),
        "definition": definition.value if definition is not None else None,
        "variants": index.alt_labels(iri),
        "observations": rows,
        "charts": [summary for summary, _ in drawn],
    }
    return page("indicator.html", request, data, timelines=drawn)


def _observation_row(request: PageRequest, row: dict) -> dict:
    """One observation or target: period (as written where the sentence says it), subject, value, unit, status, source."""
    index, lang = request.workbench.index, request.lang

    def concept(name: str) -> tuple[str | None, str | None]:
        term = row.get(name)
        return (compact(term.value), index.label(term.value, lang)) if term is not None else (None, None)

    node, period = row["obs"], row["period"].value
    evidence = _evidence(index, node)
    (status, status_label), (kind, kind_label) = concept("status"), concept("kind")
    (unit, unit_label), (comparator, comparator_label) = concept("unit"), concept("comparator")
    (commitment, _), (scope, scope_label) = concept("commitment"), concept("scope")
    written = row["written"].value if row.get("written") is not None else None
    return {
        "observation": compact(node.value),
        "period": compact(period), "period_label": index.label(period, lang),
        "period_written": period_as_written(period, evidence),
        "start": row["start"].value if row.get("start") is not None else "",
        "end": row["end"].value if row.get("end") is not None else "",
        "subject": compact(row["subject"].value), "subject_label": index.label(row["subject"].value, lang),
        "value": written, "number": _number(row["value"]) if row.get("value") is not None else None,
        "unit": unit, "unit_label": unit_label,
        "status": status, "status_label": status_label, "comparator": comparator, "comparator_label": comparator_label,
        "commitment": commitment,
        "commitment_words": commitment_words(commitment, lang) if commitment else None,
        "kind": kind, "kind_label": kind_label,
        "rank": int(row["rank"].value) if row.get("rank") is not None else None,
        "rank_scope": scope, "rank_scope_label": scope_label,
        "sources": index.claim_sources(node), "evidence": evidence,
    }


def timeline_groups(rows: list[dict]) -> list[list[dict]]:
    """The rows with a number, one group per (kind, unit), in the order each first appears: one chart each."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if row["number"] is not None and row["unit"] and row["kind"]:
            groups.setdefault((row["kind"], row["unit"]), []).append(row)
    return list(groups.values())


def _timeline(request: PageRequest, rows: list[dict], indicator_label: str) -> tuple[dict, object]:
    """One chart of a (kind, unit) group: its summary for the JSON twin and its SVG for the page.

    A series per subject; one mark per distinct (subject, period, status, value as written), so that
    two articles stating the same figure give one mark (both named in its tooltip).
    """
    t, index = request.t, request.workbench.index
    kind, unit = rows[0]["kind"], rows[0]["unit"]
    periods: list[tuple[str, str]] = []
    for row in rows:  # the rows come in period order
        if row["period"] not in (key for key, _ in periods):
            periods.append((row["period"], row["period_label"]))
    points: dict[str, dict[tuple, dict]] = {}
    for row in rows:
        mark = STATUS_MARK.get((row["status"] or "").split(":")[-1], "actual")
        key = (row["period"], mark, row["value"])
        found = points.setdefault(row["subject_label"], {}).setdefault(key, {"row": row, "mark": mark, "sources": []})
        found["sources"] += [source for source in row["sources"] if source not in found["sources"]]
    invert = kind == "pkc:Rank"
    largest = max(abs(row["number"]) for row in rows)
    scale, scale_zh, scale_en = _axis_scale(unit, largest)
    unit_labels = index.labels(expand(unit))
    if invert:
        axis = t("名次", "rank")
    elif unit == "pkc:Percent":
        axis = "%"
    else:
        axis = t(scale_zh + unit_labels["zh"], f"{scale_en} {unit_labels['en']}".strip())
    series = []
    for name, found in points.items():
        series.append(charts.Series(name, tuple(
            charts.Point(key[0], point["row"]["number"], point["row"]["value"], point["mark"],
                         note=f"{point['row']['status_label']} · {point['row']['period_label']} · "
                              + t("来源 ", "source ") + ", ".join(point["sources"]))
            for key, point in found.items())))
    kind_label = rows[0]["kind_label"]
    title = f"{indicator_label} · {kind_label} · {axis}"
    svg = charts.timeline(periods, series, title=title, axis_label=axis, scale=scale, invert=invert,
                          status_names={"actual": t("实际", "actual"), "estimate": t("预计", "estimate"),
                                        "target": t("目标", "target")})
    marks: dict[str, int] = {}
    for s in series:
        for point in s.points:
            marks[point.status] = marks.get(point.status, 0) + 1
    summary = {"kind": kind, "kind_label": kind_label, "unit": unit, "axis": axis,
               "periods": [key for key, _ in periods], "series": [s.name for s in series],
               "marks": dict(sorted(marks.items()))}
    return summary, svg


def _axis_scale(unit: str, largest: float) -> tuple[float, str, str]:
    """The scale of a y axis: 亿 from 10^8, 万 from 10^4 (never for percentages and ranks)."""
    if unit in ("pkc:Percent", "pkc:PercentagePoint", "pkc:Position"):
        return 1, "", ""
    if largest >= 1e8:
        return 1e8, "亿", "100 million"
    if largest >= 1e4:
        return 1e4, "万", "10,000"
    return 1, "", ""


def closest_indicators(index, text: str, lang: str, limit: int = 5) -> list[tuple[str, str]]:
    """The indicators whose local name or label is closest to ``text``: (CURIE, label) pairs, best first."""
    indicators = sorted(iri for iri, classes in index.types.items() if PK + "Indicator" in classes and iri.startswith(IND))
    names: dict[str, str] = {}
    for iri in indicators:
        for name in [iri[len(IND):], *index.names(iri)]:
            names.setdefault(name.lower(), iri)
    needle = text.lower()
    found = [names[name] for name in difflib.get_close_matches(needle, list(names), n=limit * 3, cutoff=0.5)]
    found += [iri for name, iri in sorted(names.items()) if needle and needle in name]
    unique = list(dict.fromkeys(found))[:limit]
    return [(compact(iri), index.label(iri, lang)) for iri in unique]


# ---------------------------------------------------------------------------------------------
# /conflicts
# ---------------------------------------------------------------------------------------------

def conflicts_page(request: PageRequest):
    """The figures two articles give differently (the named query conflicting-figures), side by side."""
    workbench, lang = request.workbench, request.lang
    index = workbench.index
    rows = []
    for row in run_query(workbench.store, workbench.queries["conflicting-figures"]):
        sides = []
        for number in ("1", "2"):
            source = row["source" + number].value.rsplit("/", 1)[-1]
            node = find_observation(index, row, source, row["value" + number].value, row["evidence" + number].value)
            value = index.first(node, PK + "value") if node is not None else None
            unit = index.first(node, PK + "unit") if node is not None else None
            sides.append({"value": row["value" + number].value, "number": _number(value) if value is not None else None,
                          "unit": compact(unit.value) if unit is not None else None,
                          "observation": compact(node.value) if node is not None else None,
                          "source": source, "evidence": row["evidence" + number].value})
        first, second = sides
        rows.append({
            "indicator": compact(row["indicator"].value), "indicator_label": index.label(row["indicator"].value, lang),
            "subject": compact(row["subject"].value), "subject_label": index.label(row["subject"].value, lang),
            "period": compact(row["period"].value), "period_label": index.label(row["period"].value, lang),
            "kind": compact(row["kind"].value), "kind_label": index.label(row["kind"].value, lang),
            "first": first, "second": second,
            "difference": change(first, second, lang),
        })
    data = {"count": len(rows), "conflicts": rows}
    chart = conflicts_chart(rows, request) if rows else None
    return page("conflicts.html", request, data, chart=chart)


def find_observation(index, row: dict, source: str, written: str, evidence: str):
    """The observation of a conflicting-figures row: its indicator, subject, period and kind, stated by ``source``
    with ``written`` as its value and ``evidence`` as a sentence."""
    wanted = {PK + "subject": row["subject"].value, PK + "period": row["period"].value, PK + "kind": row["kind"].value}
    for triple in index.incoming.get(row["indicator"].value, []):
        if triple.predicate.value != PK + "indicator":
            continue
        node = triple.subject
        if all(any(o.value == value for o in index.values(node, predicate)) for predicate, value in wanted.items()) \
                and any(o.value == written for o in index.values(node, PK + "valueAsWritten")) \
                and evidence in index.evidence_in(node.value, source):
            return node
    return None


def conflicts_chart(rows: list[dict], request: PageRequest):
    """A row per disagreement: each article's value as a bar, scaled within the row, labelled with the article."""
    t, index = request.t, request.workbench.index
    looks = (("#0072b2", "#0072b2"), ("#d55e00", "#d55e00"))
    chart_rows = []
    for row in rows:
        bars = []
        for side, (fill, stroke) in zip((row["first"], row["second"]), looks):
            bars.append(charts.Bar(side["number"] or 0, f"{side['value']} · {side['source']}", "figure", fill, stroke,
                                   note=side["evidence"],
                                   data=(("indicator", row["indicator"]), ("source", side["source"]))))
        labels = index.labels(expand(row["first"]["unit"])) if row["first"]["unit"] else {"zh": "", "en": ""}
        unit_zh, unit_en = unit_words(row["first"]["value"], labels)
        chart_rows.append(charts.BarRow(row["indicator_label"], f"{row['subject_label']} · {row['period_label']}",
                                        t(unit_zh, unit_en), tuple(bars)))
    legend = [charts.LegendItem(t("编号在前的文章", "the article numbered first"), "bar", *looks[0]),
              charts.LegendItem(t("编号在后的文章", "the article numbered second"), "bar", *looks[1])]
    return charts.bar_rows(chart_rows, title=t("报道间说法不一的数字", "Figures the articles disagree on"), legend=legend)


# ---------------------------------------------------------------------------------------------
# Words and numbers
# ---------------------------------------------------------------------------------------------

def unit_words(written: str, labels: dict[str, str]) -> tuple[str, str]:
    """The unit of a value as written, in zh and en: the words after the number, with the unit's label in English.

    >>> unit_words("1600亿元", {"zh": "元", "en": "yuan"})
    ('亿元', '100 million yuan')
    >>> unit_words("746万亩", {"zh": "亩", "en": "mu"})
    ('万亩', '10,000 mu')
    >>> unit_words("1—2家", {"zh": "家", "en": "enterprises"})
    ('家', 'enterprises')
    >>> unit_words("1.2万余人", {"zh": "人", "en": "persons"})
    ('万人', '10,000 persons')
    >>> unit_words("零", {"zh": "家", "en": "enterprises"})
    ('家', 'enterprises')
    >>> unit_words("13%", {"zh": "%", "en": "percent"})
    ('%', '%')
    """
    match = re.search(r"\d[\d.]*(?:[—–~-]\d[\d.]*)?(.*)$", written)
    suffix = re.sub(r"^(千亿|亿|万|千)?[余多]", r"\1", match.group(1).strip()) if match else ""
    if not suffix:
        return labels["zh"], labels["en"]
    if suffix == "%":
        return "%", "%"
    for scale_zh, scale_en in SCALES:
        if suffix.startswith(scale_zh):
            rest = suffix[len(scale_zh):]
            return (suffix if rest else suffix + labels["zh"]), f"{scale_en} {labels['en']}"
    return suffix, labels["en"]


def period_as_written(period_iri: str, evidence: Iterable[str]) -> str | None:
    """The words the sentence uses for the period (一季度, 1—6月, 前三季度, 全年…), or None when it names none.

    >>> period_as_written("https://w3id.org/policykg/hengyang/period/2020-01_2020-06", ["1—6月，全市地区生产总值增长1.7%"])
    '1—6月'
    """
    words = PERIOD_WORDS.get(period_iri.rsplit("/", 1)[-1], ())
    for sentence in evidence:
        for word in words:
            if word in sentence:
                return word
    return None


def written_number(written: str) -> tuple[Decimal, str] | None:
    """A value written as one number and its unit words (``746万亩`` → 746, 万亩), or None (ranges, words).

    >>> written_number("595.92亿元")
    (Decimal('595.92'), '亿元')
    >>> written_number("1—2家") is None, written_number("零") is None
    (True, True)
    """
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(\D*)", written)
    if not match:
        return None
    try:
        return Decimal(match.group(1)), match.group(2)
    except InvalidOperation:
        return None


def change(first: dict, second: dict, lang: str = "zh") -> str | None:
    """``second`` − ``first`` when both are one number in one unit, readable (:func:`policykg.quantities.readable`)
    in the scale ``second`` is written in; a difference of percentages in percentage points.

    Each side is a dict with ``value`` (as written), ``number`` (normalized) and ``unit`` (a CURIE).
    When a side is no single number (``1—2家``, ``零``) or the units differ, there is none.

    >>> change({"value": "746万亩", "number": 7460000, "unit": "pkc:Mu"}, {"value": "800万亩", "number": 8000000, "unit": "pkc:Mu"})
    '+54万亩'
    >>> change({"value": "7%", "number": 7, "unit": "pkc:Percent"}, {"value": "13%", "number": 13, "unit": "pkc:Percent"}, "en")
    '+6 percentage points'
    >>> change({"value": "1600亿元", "number": 160000000000, "unit": "pkc:Yuan"}, {"value": "1500亿元", "number": 150000000000, "unit": "pkc:Yuan"})
    '−100亿元'
    >>> change({"value": "零", "number": 0, "unit": "pkc:Enterprise"}, {"value": "1—2家", "number": 1, "unit": "pkc:Enterprise"}) is None
    True
    """
    unit = first.get("unit")
    if not unit or unit != second.get("unit") or first.get("number") is None or second.get("number") is None:
        return None
    if written_number(first["value"]) is None or written_number(second["value"]) is None:
        return None
    difference = Decimal(str(second["number"])) - Decimal(str(first["number"]))
    if unit == "pkc:Percent":
        unit = "pkc:PercentagePoint"
    try:
        text = readable(difference, unit, lang, scale_like=second["value"])
    except ValueError:  # a unit quantities does not know
        return None
    return ("+" if difference > 0 else "") + text


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _select(store: ox.Store, query: str, **bindings: ox.NamedNode) -> list[dict]:
    """The solutions of a SELECT on the union graph, each a dict of the bound variables."""
    values = "".join(f"VALUES ?{name} {{ {term} }} " for name, term in bindings.items())
    text = _PREFIX_LINES + query.replace("WHERE {", "WHERE { " + values, 1)
    solutions = store.query(text, use_default_graph_as_union=True)
    names = [variable.value for variable in solutions.variables]
    return [{name: solution[name] for name in names if solution[name] is not None} for solution in solutions]


def _evidence(index, node) -> list[str]:
    """The evidence sentences of an observation, sorted."""
    return sorted({term.value for term in index.values(node, EVIDENCE)})


def _number(term: ox.Literal) -> int | float:
    """A normalized value as a JSON number: whole numbers as int."""
    value = Decimal(term.value)
    return int(value) if value == value.to_integral_value() else float(value)


def _indicator_iri(text: str) -> str:
    """An indicator given as ``ind:gdp``, a full IRI or the local name ``gdp``."""
    iri = expand(text)
    return iri if iri.startswith(("http://", "https://")) else IND + text


ROUTES = [
    (r"/targets(?P<json>\.json)?", targets_page),
    (r"/indicator/(?P<local>[^/]+?)(?P<json>\.json)?", indicator_page),
    (r"/conflicts(?P<json>\.json)?", conflicts_page),
]
