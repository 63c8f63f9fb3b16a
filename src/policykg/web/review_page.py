"""Reviewing drafts in the browser (``policykg serve --drafts DIR``): ``/drafts`` lists the drafts of DIR and
``/draft/{id}`` shows each proposal of ``DIR/ID.ttl`` beside its sentence of the report ``DIR/ID.txt``, with
JSON twins.

The draft and its report are read by :mod:`policykg.review`'s own readers (:func:`~policykg.review.read_draft`,
:func:`~policykg.review.read_report`), which refuse what ``policykg review`` would refuse. On the page the
curator marks each proposal accept, reject (a reason allowlists its mention in coverage) or correct (inputs
that hold what the draft proposes; each one changed becomes a ``field=value`` correction), and
``static/review.js`` makes the decisions file that ``policykg review DRAFT --report REPORT --decisions FILE``
reads, as a download built in the browser. Nothing is posted and nothing is kept: the server only reads DIR.
"""

import re
import shlex
from pathlib import Path

from ..errors import PolicyKGError
from ..namespaces import CONCEPT_IRI, ONTOLOGY_IRI
from ..report import compact
from ..review import (
    FIELDS,
    OBSERVATION_PROPERTIES,
    Proposal,
    Report,
    ReviewDraft,
    correction_text,
    decisions_path,
    decisions_text,
    is_draft_iri,
    proposal_warnings,
    read_draft,
    read_report,
    sentence_bounds,
)
from .entity_page import page_of
from .layout import PageRequest, not_found, page

#: What a draft's id may be: the file name ``ID.ttl`` of a draft in the folder (no folders, no dots).
DRAFT_ID = r"[A-Za-z0-9][A-Za-z0-9_-]*"
#: The kinds of proposal, in the order a draft lists them.
KINDS = ("source", "name", "indicator", "observation", "relation")
#: An observation's fields a correction most often sets, shown first; the others are under "more fields".
MAIN_FIELDS = {"observation": ("valueAsWritten", "value", "unit", "indicator", "indicator_label", "indicator_en", "subject",
                               "period", "kind", "status", "comparator", "class", "evidence")}

#: What each field is called on the page (the inputs show the name a correction writes, too).
FIELD_NAMES = {
    "title": ("标题", "title"), "date": ("日期", "date"), "url": ("网址", "address"), "file": ("文件", "file"), "en": ("英文名", "English label"),
    "label": ("中文名", "zh label"), "slug": ("文件名", "file words"), "section": ("栏目", "section"), "reporter": ("记者", "reporter"),
    "written": ("原文写法", "as written"), "entity": ("实体", "entity"), "class": ("类", "class"), "match": ("匹配", "match"),
    "iri": ("IRI", "IRI"), "evidence": ("证据原文", "evidence"), "definition": ("定义", "definition"), "broader": ("上位指标", "broader"),
    "indicator": ("指标", "indicator"), "indicator_label": ("新指标中文名", "new indicator (zh)"),
    "indicator_en": ("新指标英文名", "new indicator (en)"), "subject": ("主体", "subject"), "period": ("时期", "period"),
    "kind": ("类型", "kind"), "status": ("状态", "status"), "comparator": ("比较方式", "comparator"), "commitment": ("承诺", "commitment"),
    "valueAsWritten": ("原文数值", "value as written"), "value": ("数值", "value"), "unit": ("单位", "unit"), "rank": ("排名", "rank"),
    "orderOfReaching": ("第几个达到", "order of reaching"), "rankScope": ("排名范围", "rank scope"), "excludes": ("除外", "excludes"),
    "scope": ("范围", "scope"), "record": ("纪录", "record"), "recordScope": ("纪录范围", "record scope"), "batch": ("批次", "batch"),
    "comparison": ("比较", "comparison"), "statedBy": ("提出目标的举措", "stated by"), "reportedUnder": ("所属栏目", "reported under"),
    "predicate": ("关系", "predicate"), "object": ("客体", "object"),
}


def drafts_page(request: PageRequest):
    """``/drafts``: the drafts of the folder, each with its number of proposals by kind (or why it cannot be reviewed)."""
    folder = request.workbench.drafts
    if folder is None:
        return _no_folder(request)
    drafts = []
    for draft_id in draft_ids(folder):
        entry = {"id": draft_id, "draft": str(folder / f"{draft_id}.ttl"), "report": str(folder / f"{draft_id}.txt"),
                 "page": f"/draft/{draft_id}", "source_id": None, "title": None, "proposals": 0, "kinds": dict.fromkeys(KINDS, 0),
                 "error": None}
        try:
            draft, _ = read_pair(folder, draft_id)
        except PolicyKGError as error:
            entry["error"] = str(error)
        else:
            entry.update(source_id=draft.source_id, title=draft.source.fields.get("title"), proposals=len(draft.proposals),
                         kinds=kind_counts(draft))
        drafts.append(entry)
    return page("drafts.html", request, {"folder": str(folder), "drafts": drafts})


def draft_page(request: PageRequest):
    """``/draft/{id}``: every proposal of the draft beside its sentence, to decide, and the decisions file to download."""
    folder = request.workbench.drafts
    if folder is None:
        return _no_folder(request)
    draft_id = request.match["id"]
    if draft_id not in draft_ids(folder):
        return not_found(request, f"{folder} 中没有草稿 {draft_id}.ttl", f"no draft {draft_id}.ttl in {folder}")
    try:
        draft, report = read_pair(folder, draft_id)
    except PolicyKGError as error:
        return page("draft_error.html", request, {"id": draft_id, "error": str(error)}, status=422)
    index = request.workbench.index

    def term(iri: str | None) -> dict | None:
        """An IRI as shown: its prefixed name, labels and page; a draft's new one by the name the draft gives it."""
        if not iri:
            return None
        if is_draft_iri(iri, draft.source_id):
            name = draft.draft_label(iri) or compact(iri)
            return {"iri": compact(iri), "zh": name, "en": name, "page": None, "state": "draft"}
        if iri in index.label_map or iri in index.types:
            return {"iri": compact(iri), **index.labels(iri), "page": page_of(iri), "state": "graph"}
        return {"iri": compact(iri), "zh": compact(iri), "en": compact(iri), "page": None, "state": "missing"}

    decisions_file = decisions_path(draft.path).name
    draft_file, report_file = folder / f"{draft_id}.ttl", folder / f"{draft_id}.txt"
    command = shlex.join(["policykg", "review", str(draft_file), "--report", str(report_file), "--decisions", decisions_file])
    data = {
        "id": draft_id, "source_id": draft.source_id, "title": draft.source.fields.get("title"), "draft": str(draft_file),
        "report": str(report_file), "decisions_file": decisions_file, "command": command,
        "decisions_header": decisions_text(draft, {}), "kinds": kind_counts(draft),
        "proposals": [shown(proposal, draft, report, term) for proposal in draft.proposals],
    }
    return page("draft.html", request, data, gloss=lambda name: request.t(*FIELD_NAMES[name]) if name in FIELD_NAMES else name)


def draft_ids(folder: Path) -> list[str]:
    """The ids of the drafts in ``folder``: each ``ID.ttl`` file whose name is a draft id, sorted."""
    try:
        return sorted(path.stem for path in folder.glob("*.ttl") if re.fullmatch(DRAFT_ID, path.stem) and path.is_file())
    except OSError:
        return []


def read_pair(folder: Path, draft_id: str) -> tuple[ReviewDraft, Report]:
    """The draft ``ID.ttl`` and its report ``ID.txt`` read as ``policykg review`` reads them (a PolicyKGError if either is wrong)."""
    draft = read_draft(folder / f"{draft_id}.ttl")
    return draft, read_report(folder / f"{draft_id}.txt", draft)


def kind_counts(draft: ReviewDraft) -> dict[str, int]:
    """How many proposals of each kind the draft holds."""
    counts = dict.fromkeys(KINDS, 0)
    for proposal in draft.proposals:
        counts[proposal.kind] += 1
    return counts


def shown(proposal: Proposal, draft: ReviewDraft, report: Report, term) -> dict:
    """One proposal as the page shows it: what it proposes, its sentence, its fields, its inputs and its warnings."""
    fields = proposal.fields
    item = {"name": fields.get("text"), "indicator": fields.get("label"), "observation": fields.get("valueAsWritten")}.get(proposal.kind)
    evidence = proposal.evidence[0] if proposal.evidence else ""
    main = MAIN_FIELDS.get(proposal.kind)
    return {
        "id": proposal.id, "kind": proposal.kind, "line": proposal.line,
        "class": fields.get("class"), "match": fields.get("match"),
        "confidence": None if proposal.confidence is None else str(proposal.confidence), "rule": proposal.proposed_by,
        "evidence": evidence, "sentence": sentence(report.text, evidence, item or "") if evidence else None,
        "fields": field_rows(proposal, draft, term),
        "inputs": [{"name": name, "value": correction_text(proposal, name), "help": help_text, "more": main is not None and name not in main}
                   for name, help_text in FIELDS[proposal.kind].items()],
        "warnings": proposal_warnings(proposal),
    }


def sentence(text: str, evidence: str, item: str) -> dict:
    """The sentence of ``text`` holding ``evidence``: the words ``before`` it, the evidence (``marked``: its parts,
    ``item`` for the written value or name inside it) and the words ``after``; ``line``, the report's line of the evidence."""
    bounds = sentence_bounds(text, evidence)
    if bounds is None:
        return {"line": 0, "before": "", "marked": [{"text": evidence, "item": False}], "after": ""}
    begin, start, end, finish = bounds
    at = evidence.find(item) if item and item != evidence else -1
    parts = [(evidence[:at], False), (item, True), (evidence[at + len(item):], False)] if at >= 0 else [(evidence, False)]
    return {"line": text.count("\n", 0, start) + 1, "before": text[begin:start].lstrip(),
            "marked": [{"text": part, "item": is_item} for part, is_item in parts if part], "after": text[end:finish].rstrip()}


def field_rows(proposal: Proposal, draft: ReviewDraft, term) -> list[dict]:
    """What the proposal proposes, a row a field: ``text`` (as written) and/or ``term`` (an IRI with its labels)."""
    fields = proposal.fields

    def row(name: str, text: str | None = None, iri: str | None = None) -> dict:
        return {"name": name, "text": text, "term": term(iri)}

    if proposal.kind == "source":
        rows = [row("title", fields.get("title")), row("date", fields.get("date")), row("url", fields.get("url")),
                row("file", f"sources/{draft.source_id}-<slug>.txt")]
    elif proposal.kind == "name":
        rows = [row("written", fields["text"]), row("entity", iri=fields["about"]), row("class", iri=ONTOLOGY_IRI + fields["class"]),
                row("match", fields["match"])]
    elif proposal.kind == "indicator":
        rows = [row("label", fields["label"]), row("indicator", iri=fields["about"])]
    elif proposal.kind == "observation":
        rows = [row("class", iri=ONTOLOGY_IRI + fields["class"])]
        for name, value_type in OBSERVATION_PROPERTIES:
            value = fields.get(name)
            if value is None or value == []:
                continue
            if value_type in ("iri", "period"):
                rows.append(row(name, iri=value))
            elif value_type.startswith("concept"):
                rows.append(row(name, iri=CONCEPT_IRI + value))
            elif value_type == "comparison":
                for c in value:
                    difference = "" if c.get("difference") is None else str(c["difference"])  # read_draft's values are plain
                    rows.append(row(name, f"{c.get('valueAsWritten', '')} → {difference} {c.get('unit', '')}".strip(), c.get("comparedTo")))
            else:
                rows.append(row(name, str(value)))
    else:
        rows = [row("subject", iri=fields["subject"]), row("predicate", iri=fields["predicate"]), row("object", iri=fields["object"])]
    return [r for r in rows if r["text"] or r["term"]]


def _no_folder(request: PageRequest):
    return not_found(request, "没有草稿文件夹：用 policykg serve --drafts DIR 启动（DIR 中每份草稿 ID.ttl 旁边是其报道 ID.txt）",
                     "no folder of drafts: start policykg serve --drafts DIR (DIR holds each draft ID.ttl beside its report ID.txt)")


ROUTES = [
    (r"/drafts(?P<json>\.json)?", drafts_page),
    (rf"/draft/(?P<id>{DRAFT_ID}?)(?P<json>\.json)?", draft_page),
]
