"""The period a number is stated for, from the words before it and the report's year.

The period is the last period expression before the number in its paragraph (a line of the report):
一季度 … 前三季度, 上半年, 1—6月 or 1-6月, 截至6月底, 全年, 年内, 今年, 2020年, 3月3日, 4月中旬, 十三五. A
paragraph without one gives the report's year (:func:`reference_year`). Periods are named as
``triples/reference/periods.ttl`` names them: ``2020``, ``2020-01_2020-06``, ``2020-03-03``, ``2016_2020``.

>>> period_of("上半年", 2020), period_of("1—11月", 2020), period_of("2021年", 2020), period_of("3月3日", 2020)
('2020-01_2020-06', '2020-01_2020-11', '2021', '2020-03-03')
"""

import calendar
import re
from collections import Counter
from datetime import date

from .segment import Span

PERIOD = re.compile(
    r"(?P<year>20\d\d)年(?!\d{1,2}月)"
    r"|(?P<xun>(?:(?P<xyear>20\d\d)年)?(?P<xmonth>\d{1,2})月(?P<part>上旬|中旬|下旬))"
    r"|(?P<day>(?:(?P<dyear>20\d\d)年)?(?P<dmonth>\d{1,2})月(?P<dday>\d{1,2})日)"
    r"|(?:(?P<ryear>20\d\d)年)?1[—\-－~～至](?P<to>\d{1,2})月"
    r"|截至(?:(?P<cyear>20\d\d)年)?(?P<cmonth>\d{1,2})月(?:底|末)?"
    r"|(?P<month>(?<![\d—\-－~～至])\d{1,2})月份"
    r"|(?P<named>前三季度|一季度|二季度|三季度|四季度|第一季度|上半年|下半年|全年|年内|今年|十三五|(?<=[、，,])半年)"
)
#: The thirds of a month (上旬 the 1st to the 10th, 中旬 the 11th to the 20th, 下旬 the 21st to its end), their en names.
_XUN = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None)}
_XUN_EN = {"上旬": "early", "中旬": "mid-", "下旬": "late"}
_NAMED = {"半年": (1, 6), "一季度": (1, 3), "第一季度": (1, 3), "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12), "上半年": (1, 6),
          "下半年": (7, 12), "前三季度": (1, 9)}


def reference_year(text: str, date: str | None = None) -> int | None:
    """The year a report is about: the year it writes most (20xx年; the later on a tie), else the year of its date."""
    years = Counter(int(year) for year in re.findall(r"(20\d\d)年", text))
    if years:
        return max(years.items(), key=lambda item: (item[1], item[0]))[0]
    return int(date[:4]) if date else None


def period_of(words: str, year: int | None) -> str | None:
    """The period that ``words`` (one period expression) name in ``year``, or None without a year."""
    match = PERIOD.fullmatch(words)
    return _from_match(match, year) if match else None


def period_before(text: str, sentence: Span, position: int, year: int | None, status: str) -> str | None:
    """The period of a number at ``position``: the last period expression before it in its paragraph, else ``year``."""
    line_start = text.rfind("\n", 0, position) + 1
    last = None
    for match in PERIOD.finditer(text, line_start, position):
        if match.end() <= position:
            last = match
    if last is not None:
        found = _from_match(last, year)
        if found:
            return found
    return str(year) if year else None


def period_match(match: re.Match, year: int | None) -> str | None:
    """The period that a match of :data:`PERIOD` names in ``year`` (a local name of ``period:``), or None."""
    return _from_match(match, year)


#: How many characters from the top of a report its headline lines may reach.
HEADLINE = 200


def report_period(text: str, year: int | None) -> str | None:
    """The period a report is about as a whole: the period its headline names (我市上半年发展成绩单: the
    first half of the year), else its year. The headline is the short lines at the top, before the
    first line that holds a full stop or is longer than a title; a date in them (2021年1月7日 星期四) is
    the day of the paper, not a period."""
    for line in text[:HEADLINE].split("\n"):
        line = line.strip()
        if not line:
            continue
        if "。" in line or len(line) > 40:
            break
        for match in PERIOD.finditer(line):
            if match["named"] and match["named"] not in ("全年", "年内", "今年", "十三五", "半年") or match["to"]:
                found = _from_match(match, year)
                if found:
                    return found
    return str(year) if year else None


def _from_match(match: re.Match, year: int | None) -> str | None:
    if match["xun"]:
        stated, month = int(match["xyear"]) if match["xyear"] else year, int(match["xmonth"])
        if not stated or not 1 <= month <= 12:
            return None
        first, last = _xun_days(stated, month, match["part"])
        return f"{stated}-{month:02d}-{first:02d}_{stated}-{month:02d}-{last:02d}"
    if match["month"]:
        return _months(year, int(match["month"]), int(match["month"]))
    if match["year"]:
        return match["year"]
    if match["day"]:
        stated = int(match["dyear"]) if match["dyear"] else year
        return f"{stated}-{int(match['dmonth']):02d}-{int(match['dday']):02d}" if stated else None
    if match["to"]:
        stated = int(match["ryear"]) if match["ryear"] else year
        return _months(stated, 1, int(match["to"]))
    if match["cmonth"]:
        stated = int(match["cyear"]) if match["cyear"] else year
        return _months(stated, 1, int(match["cmonth"]))
    named = match["named"]
    if named == "十三五":
        return "2016_2020"
    if named in ("全年", "年内", "今年"):
        return str(year) if year else None
    first, last = _NAMED[named]
    return _months(year, first, last)


def _months(year: int | None, first: int, last: int) -> str | None:
    if not year or not 1 <= first <= last <= 12:
        return None
    if (first, last) == (1, 12):
        return str(year)
    return f"{year}-{first:02d}" if first == last else f"{year}-{first:02d}_{year}-{last:02d}"


#: The zh and en names of the spans of months a period's local name can stand for, as
#: triples/reference/periods.ttl names them (2020年一季度, "2020, first quarter").
_SPAN_NAMES = {(1, 3): ("一季度", "first quarter"), (4, 6): ("二季度", "second quarter"), (7, 9): ("三季度", "third quarter"),
               (10, 12): ("四季度", "fourth quarter"), (1, 6): ("上半年", "January to June"), (7, 12): ("下半年", "July to December"),
               (1, 9): ("前三季度", "January to September")}
_LOCAL_NAME = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:_(?P<y2>\d{4})(?:-(?P<m2>\d\d))?)?")


def describe_period(local: str) -> tuple[str, str, date, date] | None:
    """The zh label, en label, first and last day of a period named by its local name in the standard form of
    triples/reference/periods.ttl (``2021``, ``2021-05``, ``2021-03-03``, ``2021-01_2021-06``, ``2021-04_2021-05``,
    ``2021_2025``, a third of a month ``2021-04-11_2021-04-20``), or None for another name (another span of days:
    the curator defines it).

    >>> describe_period("2021-01_2021-06")[:2], describe_period("2021-03-03")[:2], describe_period("2021-01_2021-11")[:2]
    (('2021年上半年', '2021, January to June'), ('2021年3月3日', '3 March 2021'), ('2021年1—11月', '2021, January to November'))
    """
    xun = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)_\1-\2-(\d\d)", local)
    if xun:
        year, month, first, last = (int(g) for g in xun.groups())
        if not 1 <= month <= 12:
            return None
        part = next((p for p in _XUN if _xun_days(year, month, p) == (first, last)), None)
        if part is None:
            return None
        en = _XUN_EN[part] + ("" if part == "中旬" else " ") + f"{calendar.month_name[month]} {year}"
        return f"{year}年{month}月{part}", en, date(year, month, first), date(year, month, last)
    match = _LOCAL_NAME.fullmatch(local)
    if match is None:
        return None
    year, month, day, year2, month2 = (int(g) if g else None for g in match.group("y", "m", "d", "y2", "m2"))
    if any(m is not None and not 1 <= m <= 12 for m in (month, month2)):
        return None  # no such month
    try:
        if year2 is None and month is None:
            return f"{year}年", str(year), date(year, 1, 1), date(year, 12, 31)
        if year2 is None and day is not None:
            return f"{year}年{month}月{day}日", f"{day} {calendar.month_name[month]} {year}", date(year, month, day), date(year, month, day)
        if year2 is None:
            return f"{year}年{month}月", f"{calendar.month_name[month]} {year}", date(year, month, 1), _last_day(year, month)
        if month is None and month2 is None and year < year2:
            return f"{year}—{year2}年", f"{year} to {year2}", date(year, 1, 1), date(year2, 12, 31)
        if year2 == year and day is None and month2 is not None and month < month2:
            zh, en = _SPAN_NAMES.get((month, month2), (f"{month}—{month2}月", f"{calendar.month_name[month]} to {calendar.month_name[month2]}"))
            return f"{year}年{zh}", f"{year}, {en}", date(year, month, 1), _last_day(year, month2)
    except ValueError:  # no such day
        return None
    return None


def _xun_days(year: int, month: int, part: str) -> tuple[int, int]:
    """The first and last day of the third of a month ``part`` (上旬, 中旬, 下旬) names."""
    first, last = _XUN[part]
    return first, last or calendar.monthrange(year, month)[1]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
