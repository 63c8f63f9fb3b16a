"""Part-of-speech taggers that ship their models, as finders of new names: THULAC (pip ``thulac``) and
jieba (pip ``jieba``, its dictionary with word classes).

Both models' files are inside the installed packages: nothing is downloaded. A tagger is loaded once
per process and only when asked for (THULAC about 2 s, jieba about 1 s). Its proper-noun tags — person,
place, organisation, other proper noun — are joined with the nouns right before them into candidate
spans, which :func:`policykg.extract.names.find_name_proposals` treats like the rule candidates.

Why neither is on by default: ``bench/extract_eval.py`` measures names with the rules alone and with
each tagger's spans added (rows "rules + THULAC", "rules + jieba"), leave-one-out over the five
articles; each adds more wrong names than right ones, and with the rules as they are now takes recall away
where a span of its own keeps a later finder from the right name (the tables in bench/README.md); and
loading one takes a large part of the time budget of a 10,000-character report.
"""

import contextlib
import sys
from functools import lru_cache

#: Each tagger's tags of proper nouns (person, place, organisation, other) and of the nouns, numbers
#: and classifiers a name may hold before them.
PROPER = {"thulac": frozenset({"np", "ns", "ni", "nz"}), "jieba": frozenset({"nr", "ns", "nt", "nz"})}
NOUNISH = {"thulac": frozenset({"n", "np", "ns", "ni", "nz", "j", "m", "q"}),
           "jieba": frozenset({"n", "nr", "ns", "nt", "nz", "j", "m", "q", "eng"})}
#: Taggers by name.
TAGGERS = tuple(PROPER)


@lru_cache(maxsize=2)
def _model(name: str):
    """The loaded tagger ``name`` (imported here: its package is needed only when it is asked for)."""
    if name == "thulac":
        import thulac

        with contextlib.redirect_stdout(sys.stderr):  # THULAC prints "Model loaded succeed" on stdout
            return thulac.thulac().cut
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return lambda line, text=False: [(pair.word, pair.flag) for pair in jieba.posseg.cut(line)]


def tagger_spans(text: str, name: str = "thulac") -> list[tuple[int, int]]:
    """The (start, end) of each proper-noun run the tagger ``name`` (one of :data:`TAGGERS`) tags in
    ``text``, with the nouns before it."""
    proper, nounish = PROPER[name], NOUNISH[name]
    cut = _model(name)
    spans, tokens, position = [], [], 0
    for line in text.split("\n"):
        for word, tag in cut(line, text=False) if line.strip() else []:
            start = text.find(word, position)
            if start < 0:
                continue
            position = start + len(word)
            tokens.append((start, position, tag))
        position = max(position, text.find("\n", position) + 1 if "\n" in text[position:] else position)
    run: list[tuple[int, int, str]] = []
    for token in tokens + [(len(text), len(text), "w")]:
        if token[2] in nounish and (not run or run[-1][1] == token[0]):
            run.append(token)
            continue
        while run and run[-1][2] not in proper:
            run.pop()
        while run and run[0][2] in ("m", "q"):
            run.pop(0)
        if run and run[-1][1] - run[0][0] >= 2:
            spans.append((run[0][0], run[-1][1]))
        run = [token] if token[2] in nounish else []
    return spans
