"""Relations from the patterns these reports use, between the names :mod:`.names` found.

- ``rule:list`` — 甲、乙、丙等N个X (:func:`policykg.coverage.find_lists`): the set named at the count
  (N个X) ``pk:hasMember`` each member.
- ``rule:located`` — X位于Y, X落户Y, 在Y建设X: X ``pk:locatedIn`` Y.
- ``rule:investor`` — X由Y投资建设 (or 由Y建设, 由Y投资): X ``pk:developedBy`` Y.
- ``rule:project-of-company`` — a project whose name starts with a company's name (比亚迪…项目):
  ``pk:developedBy`` that company.
- ``rule:event-projects`` — an event and the projects its sentence names: the event ``pk:participant``
  each project.
- ``rule:name-prefix`` — a name that starts with another name (:func:`_prefix_relations`): of a company,
  ``pk:developedBy`` it (特变电工GIS智能工厂, 杉杉奥特莱斯); of a place, park or piece of infrastructure,
  ``pk:locatedIn`` it (耒阳市正源学校, 湘江衡阳蒸水河口至城陵矶河段); a phase or an extension of a project
  (大浦通用机场一期, 衡柳铁路提质改造) ``pk:locatedIn`` what it extends. Not the report's own city (衡阳…
  names are not said to lie in 衡阳 by these reports).
- ``rule:adjacent-place`` — a place written right before a name (湖北黄冈, 衡南县“校联体”改革,
  衡州大道“数字经济走廊”): the name ``pk:locatedIn`` the place.
- ``rule:organizer`` / ``rule:participant`` — an event the report's city holds (举办, 召开, 组织, 开展, 承办,
  or the event followed by 召开) has the city as ``pk:organizer``; one it takes part in (参加) as
  ``pk:participant``. The report's city is the city or county whose names it writes most often.
"""

import re

from ..coverage import LIST_COUNT, find_lists
from .draft import NameProposal, Ref, RelationProposal
from .gazetteer import Gazetteer
from .names import HEAD_NOUNS, class_of
from .segment import containing, sentences

CONFIDENCE = {"rule:list": 0.7, "rule:located": 0.6, "rule:investor": 0.6, "rule:project-of-company": 0.6, "rule:event-projects": 0.3,
              "rule:name-prefix": 0.6, "rule:adjacent-place": 0.5, "rule:organizer": 0.5, "rule:participant": 0.5}
#: Verbs a list's first member may carry from its clause (重点瞄准生态绿色食品): left out of the member.
_VERBS = "瞄准|推动|加快|实施|打造|建设|发展|包括|涵盖|聚焦|引进|推进|培育|围绕|形成|支持|完成|实现"
#: The clause before a list's first member, up to its first verb and the verbs right after it (加快推进X → X; not
#: up to a verb inside the member's name: 实施高层次创新创业人才及团队引进培育 → 高层次创新创业人才及团队引进培育).
_LEADING_VERB = re.compile(rf"^.*?(?:{_VERBS})+")
_PLACE_CLASSES = frozenset({"AdministrativeArea", "Park", "Place", "Infrastructure"})
#: What ends the name of a phase or an extension of something built (大浦通用机场一期, 南岳机场一期改扩建,
#: 衡柳铁路提质改造, 祁东归阳港区一期工程, 标准厂房（一期）).
_PHASE = re.compile(r"(?:[（(]?[一二三四五六七八九十]期[）)]?)?(?:改扩建|扩建|提质改造)?(?:工程)?$")
#: Verbs of holding an event, before it (举办…论坛, 组织了一次…活动) or right after it (银企对接会召开).
_HOLDS_BEFORE = re.compile(r"举办|召开|组织|开展|承办")
_HOLDS_AFTER = re.compile(r"[”]?(?:召开|举行|成功举办)")
_TAKES_PART = re.compile(r"参加")


def find_relations(text: str, names: list[NameProposal], gazetteer: Gazetteer | None = None) -> list[RelationProposal]:
    """Every relation the patterns find in ``text`` between ``names`` (and the names ``gazetteer`` knows,
    for a name that starts with one), in reading order, without duplicates."""
    spans = sentences(text)
    found: dict[tuple[str, str, str], RelationProposal] = {}
    city = report_city(text, gazetteer)

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
            heads = [(noun_text.find(head), -len(head)) for head, _ in HEAD_NOUNS if head in noun_text]
            if heads:  # the first head noun, the longest where two start alike (产业集群, not 产业)
                start, negative_length = min(heads)
                noun_text = noun_text[:start - negative_length]
            set_ref = Ref(text[found_list.count_start:count.end()] + noun_text, None, "Collection")
        for number, (member, end) in enumerate(found_list.members):
            name = ending.get(end)
            member = (_LEADING_VERB.sub("", member) if number == 0 else member).strip("“”")
            if not member:
                continue
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
        if city is not None:
            for event in events:
                before = text[sentence.start:event.start]
                if _TAKES_PART.search(before[-8:]):
                    add(event.ref, "participant", city, sentence.text, "rule:participant")
                elif _HOLDS_BEFORE.search(before) or _HOLDS_AFTER.match(text, event.end):
                    add(event.ref, "organizer", city, sentence.text, "rule:organizer")
    for subject, predicate, obj, rule in _prefix_relations(names, gazetteer, city) + _adjacent_places(text, names, city):
        sentence = containing(spans, subject.start)
        add(subject.ref, predicate, obj, sentence.text if sentence else subject.text, rule)
    return list(found.values())


def report_city(text: str, gazetteer: Gazetteer | None) -> Ref | None:
    """The city or county whose names the report writes most often, inside longer names too (衡阳 in
    衡阳国家高新区) and without their 市/县/区, or None if the gazetteer knows none."""
    counts: dict[str, int] = {}
    refs: dict[str, Ref] = {}
    for name, entries in (gazetteer.names.items() if gazetteer is not None else ()):
        if not re.search(r"..[市县区州]$", name):
            continue  # a city or a county, not a province or a country
        short = name[:-1]  # 衡阳市 is written 衡阳 as often
        for entry in entries:
            if entry.cls == "AdministrativeArea" and short in text:
                counts[entry.iri] = counts.get(entry.iri, 0) + text.count(short)
                refs.setdefault(entry.iri, Ref(name, entry.iri, entry.cls))
    return refs[max(sorted(counts), key=counts.get)] if counts else None


#: What a place written before it does not locate: a company, a person, an award (湖南省智能制造示范车间 is the
#: province's title, not a workshop in the province).
_NOT_LOCATED = ("Company", "Person", "Award")
#: The country's name opens names of national scope, not of a place in it (中国科技开发院, 中国油茶第一强市).
_COUNTRY_NAMES = frozenset({"中国"})


def _prefix_relations(names: list[NameProposal], gazetteer: Gazetteer | None, city: Ref | None):
    """(name, predicate, what it starts with, rule) for each name that starts with another name: the
    longest of the report's other names, the gazetteer's names (of a company, place, park or piece of
    infrastructure; the company, where a name is a company's too) and the name less a phase (:data:`_PHASE`)."""
    known = {n.text: n.ref for n in names}
    if gazetteer is not None:
        for name, entries in gazetteer.names.items():
            known.setdefault(name, Ref(name, entries[0].iri, entries[0].cls))
            company = next((e for e in entries if e.cls == "Company"), None)
            if company is not None:  # 万魔声学 names a project and its company: a name it starts is the company's
                known[name] = Ref(name, company.iri, company.cls)
    found = []
    for name in names:
        if name.ref.cls in ("AdministrativeArea",) + _NOT_LOCATED:
            continue
        text = name.text.strip("“”")
        parent = _PHASE.sub("", text)
        prefixes = [(len(p), p) for p in known if len(p) >= 2 and p != text and text.startswith(p)]
        if parent != text and len(parent) >= 2:
            prefixes.append((len(parent), parent))
        for _, prefix in sorted(prefixes, reverse=True):
            ref = known.get(prefix) or Ref(prefix, None, class_of(prefix))
            if city is not None and ref.key == city.key or ref.key == name.ref.key:
                continue
            if ref.cls == "Company":
                found.append((name, "developedBy", ref, "rule:name-prefix"))
                break
            if ref.cls in _PLACE_CLASSES | {"Platform"} and ref.name not in _COUNTRY_NAMES:
                found.append((name, "locatedIn", ref, "rule:name-prefix"))
                break
    return found


def _adjacent_places(text: str, names: list[NameProposal], city: Ref | None):
    """(name, locatedIn, place, rule) for each name written right after a place (quotation marks between)."""
    found = []
    by_end = {}
    for name in names:
        if name.ref.cls in _PLACE_CLASSES:
            by_end.setdefault(name.end, name)
    for name in names:
        start = name.start - 1 if text[name.start - 1:name.start] == "“" else name.start
        place = by_end.get(start)
        if place is not None and place.ref.key != name.ref.key and (city is None or place.ref.key != city.key) \
                and name.ref.cls not in _NOT_LOCATED and place.ref.name not in _COUNTRY_NAMES:
            found.append((name, "locatedIn", place.ref, "rule:adjacent-place"))
    return found
