"""Finding where a node is written: the file and line of the block that states it, for messages a
curator can jump to (``triples/claims/000.ttl:42``)."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location
from .namespaces import PREFIXES

if TYPE_CHECKING:  # the loader uses the locator for its own messages
    from .load import LoadedTree

_BLANK_NODE = re.compile(r"^_:f(\d+)b\d+$")


@dataclass(frozen=True)
class Block:
    """The lines of one subject's block in a curated file."""

    path: Path
    first_line: int
    lines: list[str]


class Locator:
    """An index of every subject block in the tree's Turtle files, by the subject's prefixed name."""

    def __init__(self, loaded: "LoadedTree"):
        self._loaded = loaded
        self._blocks: dict[str, list[Block]] = {}
        for record in loaded.files:
            self._index(loaded.tree.relative(record.path), record.text.split("\n"))

    def _index(self, shown: Path, lines: list[str]) -> None:
        subject, start = None, 0
        for number, line in enumerate(lines, start=1):
            if line and not line[0].isspace() and not line.startswith(("#", "@prefix", "PREFIX", "[")):
                subject, start = line.split()[0], number
            if subject and line.rstrip().endswith(" ."):
                self._blocks.setdefault(_canonical(subject), []).append(Block(shown, start, lines[start - 1:number]))
                subject = None

    def locate(self, entity: str, prop: str = "") -> str:
        """Return ``path:line`` of the block stating ``entity`` (the line of ``prop`` in it, if found), or ``""``."""
        blank = _BLANK_NODE.match(entity)
        if blank:
            index = int(blank.group(1))
            files = self._loaded.files
            return str(self._loaded.tree.relative(files[index].path)) if index < len(files) else ""
        found = self._find(entity, prop)
        return f"{found[0].path}:{found[0].first_line + found[1]}" if found else ""

    def location(self, entity: str, prop: str = "", text: str = "") -> Location | None:
        """Return where the block stating ``entity`` is (the line of ``prop`` in it, at the column of
        ``text`` in that line, if found), or None."""
        found = self._find(entity, prop)
        if not found:
            return None
        block, offset = found
        return Location(block.path, block.first_line + offset, max(block.lines[offset].find(text), 0) + 1)

    def _find(self, entity: str, prop: str) -> tuple[Block, int] | None:
        """The first block stating ``entity`` and the offset of ``prop``'s line in it (0 if not found)."""
        blocks = self._blocks.get(_canonical(entity), [])
        for block in blocks:
            for offset, line in enumerate(block.lines):
                if prop and re.search(rf"(^|\s){re.escape(prop)}(\s|$)", line):
                    return block, offset
        return (blocks[0], 0) if blocks else None


def _canonical(name: str) -> str:
    """The prefixed form of a subject written as ``<full IRI>`` or ``prefix:name``."""
    if name.startswith("<") and name.endswith(">"):
        iri = name[1:-1]
        best = max((base for base in PREFIXES.values() if iri.startswith(base)), key=len, default=None)
        if best:
            prefix = next(p for p, base in PREFIXES.items() if base == best)
            return f"{prefix}:{iri[len(best):]}"
    return name
