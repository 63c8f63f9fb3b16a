"""Relations from the patterns these reports use, between the names :mod:`.names` found.

- ``rule:list`` — 甲、乙、丙等N个X (:func:`policykg.coverage.find_lists`): the set named at the count
  (N个X) ``pk:hasMember`` each member.
- ``rule:located`` — X位于Y, X落户Y, 在Y建设X: X ``pk:locatedIn`` Y.
- ``rule:investor`` — X由Y投资建设 (or 由Y建设, 由Y投资): X ``pk:developedBy`` Y.
- ``rule:project-of-company`` — a project whose name starts with a company's name (比亚迪…项目):
  ``pk:developedBy`` that company.
- ``rule:event-projects`` — an event and the projects its sentence names: the event ``pk:participant``
  each project.
"""

import re

from ..coverage import LIST_COUNT, find_lists
from .draft import NameProposal, Ref, RelationProposal
from .names import HEAD_NOUNS, class_of
from .segment import containing, sentences

CONFIDENCE = {"rule:list": 0.7, "rule:located": 0.6, "rule:investor": 0.6, "rule:project-of-company": 0.6, "rule:event-projects": 0.3}
#: Verbs a list's first member may carry from its clause (重点瞄准生态绿色食品): left out of the member.
_LEADING_VERB = re.compile(r"^.*(?:瞄准|推动|加快|实施|打造|建设|发展|包括|涵盖|聚焦|引进|推进|培育|围绕|形成|支持|完成|实现)")
_PLACE_CLASSES = frozenset({"AdministrativeArea", "Park", "Place", "Infrastructure"})


def find_relations(text: str, names: list[NameProposal]) -> list[RelationProposal]:
    """Every relation the patterns find in ``text``, in reading order, without duplicates."""
    spans = sentences(text)
    found: dict[tuple[str, str, str], RelationProposal] = {}

    def add(subject: Ref, predicate: str, obj: Ref, evidence: str, rule: str) -> None:
        if subject.key != obj.key:
            found.setdefault((subject.key, predicate, obj.key), RelationProposal(subject, predicate, obj, evidence, CONFIDENCE[rule], rule))

    ending = {}
    starting = {}
    for name in names:
        ending.setdefault(name.end, name)
        starting.setdefault(name.start, name)
    for found_list in find_lists(text):
        count = LIST_COUNT.match(text, found_list.count_start)
        sentence = containing(spans, found_list.count_start)
        evidence = sentence.text if sentence else text[found_list.start:found_list.end]
        the_set = starting.get(found_list.count_start) or starting.get(count.end())
        if the_set is not None:
            set_ref = the_set.ref
        else:
            noun = re.match(r"[^，。、；：！？\s（）()“”《》,;:]{1,12}", text[count.end():])
            noun_text = noun.group() if noun else ""
            heads = [noun_text.find(head) + len(head) for head, _ in HEAD_NOUNS if head in noun_text]
            noun_text = noun_text[:min(heads)] if heads else noun_text
            set_ref = Ref(text[found_list.count_start:count.end()] + noun_text, None, "Collection")
        for member, end in found_list.members:
            name = ending.get(end)
            member = _LEADING_VERB.sub("", member).strip("“”")
            member_ref = name.ref if name is not None else Ref(member, None, class_of(member))
            add(set_ref, "hasMember", member_ref, evidence, "rule:list")
    for sentence in spans:
        inside = [n for n in names if sentence.start <= n.start and n.end <= sentence.end]
        for match in re.finditer(r"位于|落户", sentence.text):
            at = sentence.start + match.start()
            before = [n for n in inside if n.end <= at]
            after = [n for n in inside if n.start >= at + len(match.group()) and n.ref.cls in _PLACE_CLASSES]
            if before and after:
                add(before[-1].ref, "locatedIn", after[0].ref, sentence.text, "rule:located")
        for match in re.finditer(r"在([^，。；,;]{2,20}?)(?:建设|建成|打造)", sentence.text):
            place = [n for n in inside if sentence.start + match.start(1) <= n.start and n.end <= sentence.start + match.end(1) and n.ref.cls in _PLACE_CLASSES]
            built = [n for n in inside if n.start >= sentence.start + match.end() and n.ref.cls in ("Project", "Park", "Platform")]
            if place and built:
                add(built[0].ref, "locatedIn", place[0].ref, sentence.text, "rule:located")
        for match in re.finditer(r"由([^，。；,;]{2,30}?)(?:投资建设|投资|建设|开发)", sentence.text):
            at = sentence.start + match.start()
            developer = [n for n in inside if at < n.start and n.end <= sentence.start + match.end(1) and n.ref.cls in ("Company", "GovernmentBody")]
            developed = [n for n in inside if n.end <= at and n.ref.cls in ("Project", "Park", "Platform")]
            if developer and developed:
                add(developed[-1].ref, "developedBy", developer[0].ref, sentence.text, "rule:investor")
        companies = [n for n in inside if n.ref.cls == "Company"]
        for project in (n for n in inside if n.ref.cls == "Project"):
            for company in companies:
                if project.start == company.start and company.end < project.end or project.text.startswith(company.text) and project.text != company.text:
                    add(project.ref, "developedBy", company.ref, sentence.text, "rule:project-of-company")
        events = [n for n in inside if n.ref.cls == "Event"]
        for event in events:
            for project in (n for n in inside if n.ref.cls == "Project"):
                add(event.ref, "participant", project.ref, sentence.text, "rule:event-projects")
    return list(found.values())
