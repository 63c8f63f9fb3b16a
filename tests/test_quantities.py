"""Numbers as a person reads them (policykg.quantities): normalized values back in the scale and unit the
articles write, comparators and commitments in words."""

import doctest
from decimal import Decimal

import pyoxigraph as ox
import pytest

from policykg import quantities
from policykg.namespaces import CONCEPT_IRI, PREFIXES
from policykg.numerals import read_number
from policykg.quantities import COMMITMENTS, COMPARATORS, UNITS, commitment_words, readable, with_comparator

from conftest import ROOT


def concepts(scheme: str) -> dict[str, dict[str, str]]:
    """The concepts of ``scheme`` in ontology/concepts.ttl: local name → {lang: label}."""
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "concepts.ttl"), format=ox.RdfFormat.TURTLE)
    found: dict[str, dict[str, str]] = {}
    query = f"SELECT ?c ?l WHERE {{ ?c skos:inScheme pkc:{scheme} ; rdfs:label ?l }}"
    for row in store.query(query, prefixes=PREFIXES):
        found.setdefault(row["c"].value.removeprefix(CONCEPT_IRI), {})[row["l"].language] = row["l"].value
    return found


def test_doctests():
    """The examples in policykg.quantities' docstrings hold."""
    result = doctest.testmod(quantities)
    assert result.failed == 0 and result.attempted >= 10


def test_every_unit_of_the_scheme_is_known_with_its_zh_label():
    """UNITS holds every unit of pkc:UnitScheme, each with the zh label concepts.ttl gives it, and no other."""
    units = concepts("UnitScheme")
    assert set(UNITS) == set(units)
    assert {name: zh for name, (zh, _, _) in UNITS.items()} == {name: labels["zh"] for name, labels in units.items()}


def test_comparators_and_commitments_cover_their_schemes():
    """Every comparator and every commitment of the concept schemes has its words; commitments read 确保/力争, ensure/strive to."""
    assert set(COMPARATORS) == set(concepts("ComparatorScheme"))
    assert set(COMMITMENTS) == set(concepts("CommitmentScheme"))
    assert [commitment_words(CONCEPT_IRI + c, lang) for c in ("Commitment", "Aspiration") for lang in ("zh", "en")] == [
        "确保", "ensure", "力争", "strive to"]


@pytest.mark.parametrize("value, unit, lang, scale_like, expected", [
    pytest.param("160000000000", "pkc:Yuan", "zh", None, "1600亿元", id="yuan-in-yi"),
    pytest.param("8000000", "pkc:Mu", "zh", None, "800万亩", id="mu-in-wan"),
    pytest.param("8.5", "pkc:Percent", "zh", None, "8.5%", id="percent-as-stored"),
    pytest.param("-10000000000", "pkc:Yuan", "zh", "1600亿元", "−100亿元", id="a-fall-in-the-articles-scale"),
    pytest.param("540000", "pkc:Mu", "zh", "800万亩", "54万亩", id="wan-like-the-article"),
    pytest.param("59592000000", "pkc:Yuan", "zh", None, "595.92亿元", id="two-decimals-of-yi"),
    pytest.param("10929", "pkc:Enterprise", "zh", None, "10929家", id="plain-when-no-scale-reads-exactly"),
    pytest.param("10929", "pkc:Enterprise", "zh", "8000家", "10929家", id="plain-like-the-article"),
    pytest.param("375000", "pkc:Household", "zh", None, "37.5万户", id="decimal-wan"),
    pytest.param("7100", "pkc:Household", "zh", "37.5万户", "0.71万户", id="small-in-the-articles-scale"),
    pytest.param("6", "pkc:PercentagePoint", "zh", None, "6个百分点", id="percentage-points"),
    pytest.param(str(10 ** 12 * 2), "pkc:Yuan", "zh", None, "2万亿元", id="wan-yi"),
    pytest.param("160000000000", "pkc:Yuan", "en", None, "160 billion yuan", id="en-billion"),
    pytest.param("15308000000", "pkc:Yuan", "en", "153.08亿元", "15.308 billion yuan", id="en-ignores-zh-scale"),
    pytest.param("7460000", "pkc:Mu", "en", None, "7.46 million mu", id="en-million"),
    pytest.param("540000", "pkc:Mu", "en", None, "540,000 mu", id="en-separators"),
    pytest.param("1", "pkc:Enterprise", "en", None, "1 enterprise", id="en-one"),
    pytest.param("-2929", "pkc:Enterprise", "en", None, "−2,929 enterprises", id="en-fall"),
    pytest.param("2", "pkc:Position", "zh", None, "第2", id="rank"),
    pytest.param("1", "pkc:Tier", "en", None, "tier 1", id="tier"),
])
def test_readable(value, unit, lang, scale_like, expected):
    """A normalized value in its unit reads as the article would write it (zh) or in English words (en)."""
    assert readable(Decimal(value), unit, lang, scale_like) == expected


def test_readable_takes_a_full_unit_iri_and_refuses_an_unknown_one():
    """The unit may be a full IRI; a unit outside pkc:UnitScheme is a ValueError, not a guess."""
    assert readable(Decimal("8000000"), CONCEPT_IRI + "Mu") == "800万亩"
    with pytest.raises(ValueError, match="not a unit of pkc:UnitScheme"):
        readable(Decimal(1), "pkc:Furlong")


@pytest.mark.parametrize("written", ["595.92亿元", "37.5万户", "1.2万余人", "746万亩", "3.9%", "10929家"])
def test_readable_gives_back_what_the_article_wrote(written):
    """Read as the build normalizes it and made readable with its own scale, a value comes back as written (less words like 余)."""
    unit = {"元": "pkc:Yuan", "户": "pkc:Household", "人": "pkc:Person", "亩": "pkc:Mu", "%": "pkc:Percent", "家": "pkc:Enterprise"}
    unit_iri = next(iri for suffix, iri in unit.items() if written.endswith(suffix))
    assert readable(read_number(written), unit_iri, scale_like=written) == written.replace("余", "")


@pytest.mark.parametrize("comparator, zh, en", [
    ("AtLeast", "1500亿元以上", "at least 1500亿元"), ("MoreThan", "超过1500亿元", "more than 1500亿元"),
    ("About", "1500亿元左右", "about 1500亿元"), ("AtMost", "1500亿元以内", "at most 1500亿元"),
    ("Approaching", "接近1500亿元", "approaching 1500亿元"), ("Exactly", "1500亿元", "1500亿元"),
])
def test_comparators_in_words(comparator, zh, en):
    """Each comparator bounds the number with its word, before or after it as Chinese writes it."""
    assert with_comparator("1500亿元", CONCEPT_IRI + comparator) == zh
    assert with_comparator("1500亿元", "pkc:" + comparator, "en") == en
