"""A part-of-speech tagger that ships its model (THULAC, pip ``thulac``) as a finder of new names.

THULAC's model files are inside the installed package: nothing is downloaded. The tagger is loaded
once per process (about 2 s) and only when asked for. Its proper-noun tags — ``ns`` place, ``ni``
organisation, ``nz`` other proper noun — are joined with the nouns right before them into candidate
spans, which :func:`policykg.extract.names.find_name_proposals` treats like the rule candidates.

Why it is not on by default: ``bench/extract_eval.py`` measures names with rules alone and with the
tagger's spans added, leave-one-out over the five articles; the tagger adds few right names and many
wrong ones (the table "tagger vs rules" there), and its load alone takes half the time budget of a
10,000-character report.
"""

from functools import lru_cache

_PROPER = frozenset({"ns", "ni", "nz"})
_NOUNISH = frozenset({"n", "ns", "ni", "nz", "j", "m", "q"})


@lru_cache(maxsize=1)
def _model():
    import thulac  # imported here: the package is needed only when the tagger is asked for

    return thulac.thulac()


def tagger_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each proper-noun run THULAC tags in ``text``, with the nouns before it."""
    spans, position = [], 0
    tokens = []
    model = _model()
    for line in text.split("\n"):
        for word, tag in model.cut(line, text=False) if line.strip() else []:
            start = text.find(word, position)
            if start < 0:
                continue
            position = start + len(word)
            tokens.append((start, position, tag))
        position = max(position, text.find("\n", position) + 1 if "\n" in text[position:] else position)
    run: list[tuple[int, int, str]] = []
    for token in tokens + [(len(text), len(text), "w")]:
        if token[2] in _NOUNISH and (not run or run[-1][1] == token[0]):
            run.append(token)
            continue
        while run and run[-1][2] not in _PROPER:
            run.pop()
        while run and run[0][2] in ("m", "q"):
            run.pop(0)
        if run and run[-1][1] - run[0][0] >= 2:
            spans.append((run[0][0], run[-1][1]))
        run = [token] if token[2] in _NOUNISH else []
    return spans
