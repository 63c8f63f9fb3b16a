"""The components issue 18 names, measured against what policykg.extract uses instead, on the five articles.

- **cn2an** (Chinese numerals) against :func:`policykg.numerals.read_number`: every number that
  :data:`policykg.extract.measures.QUANTITY` finds, read by both; how many readings agree, and what
  each cannot read.
- **jionlp's time parser** (``jio.parse_time``, the report's date as its base) against
  :func:`policykg.extract.periods.period_of`: every period expression of the articles, both readings
  turned into the days they span and compared (policykg's readings are the ones the quantities rows of
  ``bench/extract_eval.py`` score against the curated ``pk:period``; each difference is listed to read).
- **jionlp's place dictionaries** (China's provinces, cities and counties with their short names, the
  world's continents and countries) as a second gazetteer of new names, beside the rules: the names
  rows of ``bench/extract_eval.py``, leave-one-out.

Run: ``pip install -e '.[test]' cn2an jionlp`` then ``python bench/components.py``. The taggers
(THULAC, jieba) are measured by ``bench/extract_eval.py`` itself. Nothing here is used at run time:
each component is either no better on these reports or a net loss (bench/README.md, "Extraction").
"""

import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import extract_eval  # noqa: E402  (the loader and scorers of the leave-one-out evaluation)

from policykg.extract import Gazetteer, extract  # noqa: E402
from policykg.extract.draft import NameProposal, Ref  # noqa: E402
from policykg.extract.measures import QUANTITY  # noqa: E402
from policykg.extract.periods import PERIOD, describe_period, period_of, reference_year  # noqa: E402
from policykg.numerals import read_number  # noqa: E402


def numbers(articles) -> dict:
    """cn2an against read_number on every quantity's number (with its 万/亿)."""
    import cn2an

    agree, theirs_fail, ours_fail, differ = 0, [], [], []
    for text, _ in articles.values():
        for match in QUANTITY.finditer(text):
            written = match["number"] + (match["multiplier"] or "")
            try:
                ours = read_number(written)
            except ValueError:
                ours = None
            try:
                theirs = cn2an.cn2an(written, "smart")
            except ValueError:
                theirs = None
            if ours is None:
                ours_fail.append(written)
            elif theirs is None:
                theirs_fail.append(written)
            elif float(ours) == float(theirs):
                agree += 1
            else:
                differ.append(written)
    return {"agree": agree, "cn2an cannot read": theirs_fail, "policykg cannot read": ours_fail, "differ": differ}


def periods(articles) -> dict:
    """jio.parse_time against period_of on every period expression, both read in the article's year."""
    import jionlp

    rows = []
    for source, (text, stated) in articles.items():
        year = reference_year(text, stated)
        base = time.mktime((year, 7, 1, 0, 0, 0, 0, 0, -1))
        for match in PERIOD.finditer(text):
            words = match.group()
            local = period_of(words, year)
            described = describe_period(local) if local else None
            ours = described[2:] if described else None  # the first and last day
            try:
                parsed = jionlp.parse_time(words, time_base=base)
                span = parsed["time"]
                theirs = (date.fromisoformat(span[0][:10]), date.fromisoformat(span[1][:10]))
            except (ValueError, KeyError, TypeError):
                theirs = None
            rows.append((source, words, ours, theirs))
    distinct = {(words, ours, theirs) for _, words, ours, theirs in rows}
    return {"expressions": len(rows), "distinct": len(distinct),
            "same": sum(ours == theirs for _, ours, theirs in distinct),
            "jionlp fails": sorted({words for words, _, theirs in distinct if theirs is None}),
            "jionlp reads otherwise": sorted({f"{words}: {theirs[0]}–{theirs[1]} (policykg {ours[0]}–{ours[1]})"
                                              for words, ours, theirs in distinct if theirs and ours and ours != theirs})}


def places(index, articles) -> dict:
    """Names, leave-one-out: the rules alone, and with jionlp's place names added where no rule found a name."""
    import jionlp

    names: dict[str, str] = {}
    for province in jionlp.china_location_loader().values():
        names[province["_full_name"]] = names[province["_alias"]] = "AdministrativeArea"
        for key, city in province.items():
            if key.startswith("_"):
                continue
            names[city["_full_name"]] = "AdministrativeArea"
            for alias in city["_alias"] if isinstance(city["_alias"], list) else [city["_alias"]]:
                names[alias] = "AdministrativeArea"
    for continent, countries in jionlp.world_location_loader().items():
        names[continent] = "Place"
        names.update(dict.fromkeys(countries, "AdministrativeArea"))
    pattern = re.compile("|".join(re.escape(n) for n in sorted((n for n in names if len(n) >= 2), key=len, reverse=True)))
    totals = {"rules": [0, 0, 0, 0], "rules + jionlp places": [0, 0, 0, 0]}
    for source, (text, stated) in articles.items():
        gazetteer = Gazetteer.from_index(index, {source})
        gold = extract_eval.gold_names(index, source, text)
        inner = extract_eval.inner_names(index, source, text)
        proposals = extract(text, source, gazetteer, date=stated).names
        taken = [(p.start, p.end) for p in proposals]
        extra = [NameProposal(m.start(), m.end(), m.group(), Ref(m.group(), None, names[m.group()]), "new", "", 0.4, "jionlp")
                 for m in pattern.finditer(text) if not any(s < m.end() and m.start() < e for s, e in taken)]
        for key, found in (("rules", proposals), ("rules + jionlp places", proposals + extra)):
            row = (*extract_eval.score_names(found, gold, inner), len(gold))
            totals[key] = [a + b for a, b in zip(totals[key], row)]
    return {key: extract_eval.pr(*values) + f"  ({values[0]}/{values[1]}, {values[2]}/{values[3]})" for key, values in totals.items()}


def main() -> int:
    _, index, articles = extract_eval.load()
    print("cn2an against policykg.numerals:", numbers(articles))
    print("jionlp.parse_time against policykg.extract.periods:")
    for key, value in periods(articles).items():
        print(f"  {key}: {value}")
    print("jionlp's place names as a gazetteer of new names (names, leave-one-out):")
    for key, value in places(index, articles).items():
        print(f"  {key:<24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
