"""Splitting a report into sentences and clauses, each with its character offsets in the report.

A *sentence* ends at 。！？；; (full or half width) or at a line break; a *clause* is a part of a
sentence between commas (，,) or colons (：:). Offsets are into the report's text as read, so that
``text[clause.start:clause.end] == clause.text`` always holds and evidence is verbatim.

>>> [c.text for c in clauses("1—6月，全市地区生产总值增长1.7%。税收50亿元")]
['1—6月', '全市地区生产总值增长1.7%', '税收50亿元']
"""

import re
from dataclasses import dataclass

#: What ends a sentence (a line break ends a paragraph's last one).
SENTENCE_END = re.compile(r"[。！？；;!?\n]+")
#: A numbered measure heading of a plan, a line of its own (措施一: 聚焦聚力先进制造业; 举措二：…): its number, then
#: the measure's name, the rest of the line.
MEASURE_HEADING = re.compile(r"^[ \t]*(?:措施|举措)(?P<ordinal>[一二三四五六七八九十\d]+)[ \t]*[:：][ \t]*(?P<name>\S[^\n]*?)[ \t]*$", re.M)
_CLAUSE_END = re.compile(r"[，,：:]")


@dataclass(frozen=True)
class Span:
    """A stretch of the report: its text and where it starts and ends (``text == report[start:end]``)."""

    text: str
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """The sentences of ``text``, stripped of surrounding blanks, empty ones left out."""
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        found.extend(_stripped(text, start, match.start()))
        start = match.end()
    found.extend(_stripped(text, start, len(text)))
    return found


def clauses_of(text: str, sentence: Span) -> list[Span]:
    """The clauses of ``sentence`` (a span of ``text``)."""
    found, start = [], sentence.start
    for match in _CLAUSE_END.finditer(text, sentence.start, sentence.end):
        found.extend(_stripped(text, start, match.start()))
        start = match.end()
    found.extend(_stripped(text, start, sentence.end))
    return found


def clauses(text: str) -> list[Span]:
    """Every clause of ``text``, in reading order."""
    return [clause for sentence in sentences(text) for clause in clauses_of(text, sentence)]


def _stripped(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(text[start:end], start, end)] if end > start else []


def containing(spans: list[Span], position: int) -> Span | None:
    """The span of ``spans`` (sorted, disjoint) that holds ``position``, or None."""
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        if spans[middle].end <= position:
            low = middle + 1
        else:
            high = middle
    return spans[low] if low < len(spans) and spans[low].start <= position < spans[low].end else None


# --- Page breaks ---------------------------------------------------------------------------------
# Newspaper pages cut sentences: "28个省重\n\n点项目，11个…", "民间投资增长\n\n8.6%". Curated evidence keeps
# the pieces apart (one pk:evidence each), but what a number means (its period, indicator, subject)
# is read across the cut. A line break is a *page break* when the line before it ends without a
# sentence-final mark and is a body line: it ends in a comma (…978场，), or it holds a sentence-final
# mark before (a paragraph cut short), or it is longer than any title or highlight-box line; and the
# next non-empty line is not a box marker (a lone number) nor a heading (short, without any comma or
# full stop). Box lines (a highlight box's short statements, one a line) are not joined.
_FINAL = "。！？!?；;"
MIN_BODY_LINE = 20
#: A line at least this long is body text, not a title or a box line.
LONG_LINE = 60


def _is_heading(line: str) -> bool:
    return line.startswith("#") or line.isdigit() or (len(line) < MIN_BODY_LINE and not re.search(r"[，,。；;]", line))


@dataclass
class Layout:
    """The report with its page breaks taken out (``joined``), and the offsets both ways.

    ``to_text[j]`` is the report offset of joined character ``j``; ``to_joined[i]`` the joined offset of
    report character ``i`` (characters of a page break map to the next kept character).
    """

    text: str
    joined: str
    to_text: list[int]
    to_joined: list[int]

    @classmethod
    def of(cls, text: str) -> "Layout":
        drop = set()
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.end() > m.start() or m.start() == len(text)]
        nonempty = [(s, e) for s, e in lines if text[s:e].strip()]
        for (s, e), (ns, ne) in zip(nonempty, nonempty[1:]):
            line, following = text[s:e].strip(), text[ns:ne].strip()
            body = line[-1] in "，,、：:" or re.search(r"[。！？!?；;]", line) or len(line) >= LONG_LINE
            if body and line[-1] not in _FINAL and not line.startswith("#") and not _is_heading(following):
                stop = e
                while stop > s and text[stop - 1].isspace():
                    stop -= 1
                begin = ns
                while begin < ne and text[begin].isspace():
                    begin += 1
                drop.update(range(stop, begin))
        kept = [i for i in range(len(text)) if i not in drop]
        to_joined, j = [], 0
        for i in range(len(text) + 1):
            to_joined.append(j)
            if i < len(text) and i not in drop:
                j += 1
        return cls(text, "".join(text[i] for i in kept), kept + [len(text)], to_joined)

    def span_in_text(self, start: int, end: int) -> tuple[int, int]:
        """The report span of joined ``start``…``end`` (its first and last character's offsets)."""
        return self.to_text[start], (self.to_text[end - 1] + 1 if end > start else self.to_text[start])

    def contiguous(self, start: int, end: int) -> bool:
        """Whether joined ``start``…``end`` is one unbroken stretch of the report (no page break inside)."""
        a, b = self.span_in_text(start, end)
        return b - a == end - start
