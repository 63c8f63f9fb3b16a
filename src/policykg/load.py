"""The strict loader: every Turtle file of a tree parsed by pyoxigraph into one dataset.

Files under ``triples/claims/<id>.ttl`` go into the named graph of source ``<id>``; every other file
goes into the default graph. Any problem (bytes that are not UTF-8, an empty or oversized file, a
syntax error, a claims file for an undescribed source) is reported with ``path:line:column``, what is
wrong, the offending text and the fix; all files are read before failing, so one run lists every
broken file.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location, located_error
from .namespaces import ONTOLOGY_IRI, source_iri
from .tree import SHAPES_FILE, SOURCES_DESCRIPTION, Tree

#: A curated Turtle file larger than this is refused: it is not curated by hand, and it would slow
#: every build. Split it by domain (``triples/reference/<domain>.ttl``).
MAX_FILE_BYTES = 8 * 1024 * 1024

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SOURCE_ARTICLE = ox.NamedNode(ONTOLOGY_IRI + "SourceArticle")


@dataclass(frozen=True)
class LoadedFile:
    """One parsed file: where it is, the graph it went into, and its triples in file order."""

    path: Path
    graph: ox.NamedNode | ox.DefaultGraph
    triples: list[ox.Triple]

    def quads(self) -> list[ox.Quad]:
        """The file's triples placed in its graph."""
        return [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in self.triples]


@dataclass
class LoadedTree:
    """Everything a tree holds, parsed: a record of each file with its triples, in file order."""

    tree: Tree
    files: list[LoadedFile] = field(default_factory=list)

    @property
    def quads(self) -> list[ox.Quad]:
        """Every quad of every file, in file order."""
        return [quad for record in self.files for quad in record.quads()]

    def ontology_quads(self) -> list[ox.Quad]:
        """The quads of the OWL ontology and the SKOS schemes: the files under ``ontology/`` but the SHACL shapes."""
        ontology_dir = self.tree.ontology_dir
        return [
            quad for record in self.files
            if record.path.is_relative_to(ontology_dir) and record.path.name != SHAPES_FILE
            for quad in record.quads()
        ]

    def store(self) -> ox.Store:
        """Return a fresh in-memory pyoxigraph store holding every quad."""
        store = ox.Store()
        store.extend(self.quads)
        return store

    def source_graphs(self) -> list[ox.NamedNode]:
        """The named graphs that hold claims, one per claims file, in file order."""
        return [f.graph for f in self.files if isinstance(f.graph, ox.NamedNode)]


def load_tree(tree: Tree) -> LoadedTree:
    """Parse every ``.ttl`` under ``ontology/`` and ``triples/`` of ``tree`` strictly.

    Raises :class:`DataError` naming every file that could not be read, and every claims file whose
    source is not described in ``triples/sources.ttl``.
    """
    loaded = LoadedTree(tree)
    problems: list[str] = []
    for index, path in enumerate(tree.ontology_files() + tree.triples_files()):
        source_id = tree.claims_source_id(path)
        graph = ox.NamedNode(source_iri(source_id)) if source_id else ox.DefaultGraph()
        try:
            triples = parse_turtle_file(path, tree.relative(path), blank_node_prefix=f"f{index}b")
        except DataError as error:
            problems.append(str(error))
            continue
        loaded.files.append(LoadedFile(path, graph, triples))
    if not problems:
        problems.extend(_undescribed_sources(loaded))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise DataError(f"the build stopped: {count} in the input files\n\n" + "\n\n".join(problems))
    return loaded


def parse_turtle_file(path: Path, shown_as: Path | None = None, blank_node_prefix: str = "b") -> list[ox.Triple]:
    """Parse one Turtle file strictly and return its triples, with blank nodes labelled deterministically.

    ``shown_as`` is the path used in messages (default: ``path``). Blank nodes are relabelled
    ``<blank_node_prefix><n>`` in order of first appearance, so the same file always gives the same
    labels and exports stay byte-identical.
    """
    shown = shown_as or path
    data = path.read_bytes()
    _check_bytes(data, shown)
    try:
        triples = [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    except SyntaxError as error:
        raise _syntax_error(error, data, shown) from None
    return _relabel_blank_nodes(triples, blank_node_prefix)


def _check_bytes(data: bytes, shown: Path) -> None:
    """Refuse an empty file, an oversized file, or bytes that are not UTF-8."""
    if not data.strip():
        raise located_error(
            Location(shown, 1, 1), "the file is empty", "",
            "add its triples, or delete the file if it is not needed",
        )
    if len(data) > MAX_FILE_BYTES:
        raise located_error(
            Location(shown, 1, 1),
            f"the file is {len(data) / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit for a curated file",
            "", "split it into smaller files by domain (triples/reference/<domain>.ttl)",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
        excerpt = data[line_start:].split(b"\n", 1)[0].decode("utf-8", errors="replace")
        raise located_error(
            Location(shown, line, column),
            f"the file is not UTF-8: byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8",
            excerpt,
            "save the file as UTF-8 (e.g. iconv -f GBK -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)",
        )


def _syntax_error(error: SyntaxError, data: bytes, shown: Path) -> DataError:
    """Turn pyoxigraph's syntax error into one that names the file, the line, the text and the fix."""
    line, column = error.lineno or 1, error.offset or 1
    text_lines = data.decode("utf-8").split("\n")
    excerpt = text_lines[line - 1] if 0 < line <= len(text_lines) else ""
    message = error.msg.split(": ", 1)[-1] if ": " in error.msg else error.msg
    return located_error(Location(shown, line, column), f"Turtle syntax error: {message}", excerpt, _fix_for(message))


def _fix_for(message: str) -> str:
    """Suggest a fix for a pyoxigraph parser message."""
    lowered = message.lower()
    if "prefix" in lowered and "declared" in lowered:
        return "declare the prefix at the top of the file (the prefix block is in CURATING.md)"
    if "end of file" in lowered:
        return "close the string, bracket or statement opened here, and end the statement with ' .'"
    if "iri" in lowered:
        return "write IRIs as <https://…> without spaces or as prefix:name"
    return "correct the Turtle at this place (CURATING.md shows each block's shape)"


def _relabel_blank_nodes(triples: list[ox.Triple], prefix: str) -> list[ox.Triple]:
    """Give the blank nodes of one file stable labels in order of first appearance."""
    labels: dict[str, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in labels:
                labels[term.value] = ox.BlankNode(f"{prefix}{len(labels)}")
            return labels[term.value]
        return term

    return [ox.Triple(stable(t.subject), t.predicate, stable(t.object)) for t in triples]


def _undescribed_sources(loaded: LoadedTree) -> list[str]:
    """Return a problem for each claims file whose source graph is not a described pk:SourceArticle."""
    described = {
        triple.subject
        for record in loaded.files
        if isinstance(record.graph, ox.DefaultGraph)
        for triple in record.triples
        if triple.predicate == _RDF_TYPE and triple.object == _SOURCE_ARTICLE
    }
    problems = []
    for record in loaded.files:
        if isinstance(record.graph, ox.NamedNode) and record.graph not in described:
            shown = loaded.tree.relative(record.path)
            problems.append(str(located_error(
                Location(shown, 1, 1),
                f"claims file for an unknown source: {record.graph.value} is not described in {SOURCES_DESCRIPTION}",
                "",
                f"add a pk:SourceArticle block for src:{shown.stem} to {SOURCES_DESCRIPTION}, or rename the file after a described source",
            )))
    return problems
