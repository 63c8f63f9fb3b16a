"""The strict loader: every Turtle file of a tree parsed by pyoxigraph into one dataset, and the text of
every source article read.

Files under ``triples/claims/<id>.ttl`` go into the named graph of source ``<id>``; every other file
goes into the default graph. Any problem is reported with ``path:line:column``, what is wrong, the
offending text and the fix: a file or folder that cannot be read (a folder, a FIFO or a dangling link
named ``x.ttl``, no read permission), bytes that are not UTF-8, an empty or oversized file, a syntax
error, one of our prefixes bound to a foreign namespace, blank nodes nested too deep, a claims file for
an undescribed source, a described source without its claims file, a source article's file outside
``sources/``. All files are read before failing, so one run lists every broken file.
"""

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location, located_error, problems_error
from .locate import Locator
from .namespaces import ONTOLOGY_IRI, PREFIXES, SRC, source_iri
from .tree import CLAIMS_FOLDER, SHAPES_FILE, SOURCES_DESCRIPTION, Tree

#: A curated Turtle file larger than this is refused: it is not curated by hand, and it would slow
#: every build. Split it by domain (``triples/reference/<domain>.ttl``).
MAX_FILE_BYTES = 8 * 1024 * 1024

#: Blank nodes ``[ … ]`` and collections ``( … )`` nested deeper than this are refused: no curated file
#: needs more than a few levels, and rdflib's Turtle writer recurses once per level (it fails near 200).
MAX_NESTING = 16

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SOURCE_ARTICLE = ox.NamedNode(ONTOLOGY_IRI + "SourceArticle")
_SOURCE_FILE = ox.NamedNode(ONTOLOGY_IRI + "sourceFile")

#: The Turtle tokens that matter to nesting: strings, IRIs and comments (skipped whole) and brackets.
_NESTING_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r"|<[^>\s]*>|#[^\n]*|[\[\]()]"
)


@dataclass(frozen=True)
class LoadedFile:
    """One parsed file: where it is, the graph it went into, its triples in file order, and its text."""

    path: Path
    graph: ox.NamedNode | ox.DefaultGraph
    triples: list[ox.Triple]
    text: str = field(repr=False)

    def quads(self) -> list[ox.Quad]:
        """The file's triples placed in its graph."""
        return [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in self.triples]


@dataclass
class LoadedTree:
    """Everything a tree holds, parsed: a record of each file with its triples, in file order, and the
    text of each described source article whose file is there, by the article's IRI."""

    tree: Tree
    files: list[LoadedFile] = field(default_factory=list)
    source_texts: dict[str, str] = field(default_factory=dict)

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
    """Parse every ``.ttl`` under ``ontology/`` and ``triples/`` of ``tree`` strictly, and read the source articles.

    Raises :class:`DataError` naming every file or folder that could not be read, every claims file
    whose source is not described in ``triples/sources.ttl``, every described source whose claims file
    is missing, and every source article that cannot be read from ``sources/``.
    """
    loaded = LoadedTree(tree)
    paths, listing_problems = tree.turtle_files()
    problems = [str(problem) for problem in listing_problems]
    for index, path in enumerate(paths):
        shown = tree.relative(path)
        try:
            graph = _graph_of(tree, path, shown)
            text, triples = _load_turtle(path, shown, blank_node_prefix=f"f{index}b")
        except DataError as error:
            problems.append(str(error))
            continue
        loaded.files.append(LoadedFile(path, graph, triples, text))
    if not problems:
        problems.extend(_source_problems(loaded))
    problems.extend(_read_sources(loaded))
    if problems:
        raise problems_error(problems, "the input files")
    return loaded


def parse_turtle_file(path: Path, shown_as: Path | None = None, blank_node_prefix: str = "b") -> list[ox.Triple]:
    """Parse one Turtle file strictly and return its triples, with blank nodes labelled deterministically.

    ``shown_as`` is the path used in messages (default: ``path``). Blank nodes are relabelled
    ``<blank_node_prefix><n>`` in order of first appearance, so the same file always gives the same
    labels and exports stay byte-identical.
    """
    return _load_turtle(path, shown_as or path, blank_node_prefix)[1]


def read_input_file(path: Path, shown: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Return the bytes of the regular file at ``path`` (``shown`` in messages).

    Raises a located :class:`DataError` for anything else: a folder, a FIFO or a device (never read, so
    a FIFO cannot hang the build), a dangling link or a link loop, a file without read permission, or
    one over ``max_bytes``.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise _unreadable(path, shown, error) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise located_error(
                Location(shown, 1, 1), f"the file is {_kind(info.st_mode)}, not a regular file", "",
                "replace it with a regular file, or move it out of the tree",
            )
        size = info.st_size
        if size <= max_bytes:
            with os.fdopen(descriptor, "rb", closefd=False) as stream:
                data = stream.read(max_bytes + 1)
            size = len(data)
        if size > max_bytes:
            raise located_error(
                Location(shown, 1, 1),
                f"the file is {size / 2**20:.1f} MiB, over the {max_bytes // 2**20} MiB limit for a curated file",
                "", "split it into smaller files by domain (triples/reference/<domain>.ttl)",
            )
        return data
    except OSError as error:
        raise _unreadable(path, shown, error) from None
    finally:
        os.close(descriptor)


def decode_utf8(data: bytes, shown: Path) -> str:
    """Return ``data`` decoded as UTF-8, or raise a located :class:`DataError` at the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
        line_end = data.find(b"\n", error.start)
        excerpt = data[line_start:line_end if line_end >= 0 else len(data)].decode("utf-8", errors="replace")
        raise located_error(
            Location(shown, line, column),
            f"the file is not UTF-8: byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8",
            excerpt,
            "save the file as UTF-8 (e.g. iconv -f GBK -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)",
        ) from None


def _graph_of(tree: Tree, path: Path, shown: Path) -> ox.NamedNode | ox.DefaultGraph:
    """The graph a file's triples go into: its source's for a claims file, else the default graph."""
    source_id = tree.claims_source_id(path)
    if source_id is None:
        return ox.DefaultGraph()
    try:
        return ox.NamedNode(source_iri(source_id))
    except ValueError:
        raise located_error(
            Location(shown, 1, 1), f"the claims file's name {source_id!r} is not a source id that can end an IRI", "",
            f"name the file after its source article, as {CLAIMS_FOLDER}/<id>.ttl (000.ttl for src:000)",
        ) from None


def _load_turtle(path: Path, shown: Path, blank_node_prefix: str) -> tuple[str, list[ox.Triple]]:
    """Read and parse one Turtle file strictly; return its text and its relabelled triples."""
    data = read_input_file(path, shown)
    if not data.strip():
        raise located_error(
            Location(shown, 1, 1), "the file is empty", "",
            "add its triples, or delete the file if it is not needed",
        )
    text = decode_utf8(data, shown)
    parser = ox.parse(data, format=ox.RdfFormat.TURTLE)
    triples = []
    try:
        for quad in parser:
            triples.append(quad.triple)
            _check_prefixes(parser.prefixes, text, shown)  # per statement: a prefix may be bound again mid-file
    except SyntaxError as error:
        raise _syntax_error(error, text, shown) from None
    _check_prefixes(parser.prefixes, text, shown)
    _check_nesting(text, shown)
    return text, _relabel_blank_nodes(triples, blank_node_prefix)


def _kind(mode: int) -> str:
    """Name the kind of a file that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _unreadable(path: Path, shown: Path, error: OSError) -> DataError:
    """Say why a file could not be opened or read, and how to fix it."""
    if error.errno == errno.ELOOP:
        problem, fix = "the file is a symbolic link that loops back on itself", "point the link at a real file, or delete it"
    elif error.errno == errno.ENOENT and path.is_symlink():
        problem = f"the file is a symbolic link to {os.readlink(path)}, which does not exist"
        fix = "point the link at an existing file, or delete it"
    else:
        problem, fix = f"the file cannot be read ({error.strerror})", "give read permission (chmod a+r FILE), or move it out of the tree"
    return located_error(Location(shown, 1, 1), problem, "", fix)


def _position(text: str, index: int) -> tuple[int, int, str]:
    """The 1-based line and column of character ``index`` of ``text``, and that line's text."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text.count("\n", 0, index) + 1, index - start + 1, text[start:end if end >= 0 else len(text)]


def _syntax_error(error: SyntaxError, text: str, shown: Path) -> DataError:
    """Turn pyoxigraph's syntax error into one that names the file, the line, the text and the fix."""
    line, column = error.lineno or 1, error.offset or 1
    text_lines = text.split("\n")
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


def _check_prefixes(prefixes: dict[str, str], text: str, shown: Path) -> None:
    """Refuse one of our prefix names (:data:`~policykg.namespaces.PREFIXES`) bound to another namespace."""
    for name, iri in prefixes.items():
        ours = PREFIXES.get(name)
        if ours is None or iri == ours:
            continue
        declaration = re.compile(rf"(?:@prefix|(?i:prefix))\s+{re.escape(name)}:\s*<([^>]*)>")
        found = next((match for match in declaration.finditer(text) if match.group(1) != ours), None)
        line, column, excerpt = _position(text, found.start()) if found else (1, 1, "")
        raise located_error(
            Location(shown, line, column), f"the prefix {name}: is bound to <{iri}>, not to policykg's <{ours}>", excerpt,
            f"bind {name}: to <{ours}> as every file does (the prefix block is in CURATING.md), "
            "or give the other namespace a prefix name of its own",
        )


def _check_nesting(text: str, shown: Path) -> None:
    """Refuse blank nodes and collections nested deeper than :data:`MAX_NESTING`."""
    if text.count("[") + text.count("(") <= MAX_NESTING:
        return
    depth = 0
    for token in _NESTING_TOKEN.finditer(text):
        if token.group() in ("[", "("):
            depth += 1
            if depth > MAX_NESTING:
                line, column, excerpt = _position(text, token.start())
                raise located_error(
                    Location(shown, line, column),
                    f"blank nodes or collections nested {depth} deep, over the limit of {MAX_NESTING}", excerpt,
                    "give the inner nodes IRIs of their own and refer to them, instead of nesting [ … ] this deep",
                )
        elif token.group() in ("]", ")"):
            depth -= 1


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


def _described_sources(loaded: LoadedTree) -> dict[ox.NamedNode | ox.BlankNode, LoadedFile]:
    """Each subject typed pk:SourceArticle in the default graph, with the file that types it."""
    return {
        triple.subject: record
        for record in loaded.files
        if isinstance(record.graph, ox.DefaultGraph)
        for triple in record.triples
        if triple.predicate == _RDF_TYPE and triple.object == _SOURCE_ARTICLE
    }


def _place(loaded: LoadedTree, record: LoadedFile, subject, prop: str = "", text: str = "") -> Location:
    """Where ``record`` states ``subject`` (its ``prop`` line, at ``text`` if found), for a message."""
    where = Locator(loaded).location(f"<{subject.value}>", prop, text)
    return where or Location(loaded.tree.relative(record.path), 1, 1)


def _source_problems(loaded: LoadedTree) -> list[str]:
    """A problem for each claims file whose source graph is not a described pk:SourceArticle, and for
    each described source article whose claims file ``triples/claims/<id>.ttl`` was not loaded."""
    described = _described_sources(loaded)
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
    claims = set(loaded.source_graphs())
    for subject, record in described.items():
        if subject in claims:
            continue
        source_id = subject.value.removeprefix(SRC) if subject.value.startswith(SRC) else ""
        if source_id and "/" not in source_id:
            claims_file = CLAIMS_FOLDER / f"{source_id}.ttl"
            problem = f"src:{source_id} is described as a source article, but its claims file {claims_file} is missing"
            fix = (f"restore {claims_file} (a file renamed to .bak or any other ending is not read), "
                   f"or remove src:{source_id}'s block from {SOURCES_DESCRIPTION}")
        else:
            problem = f"the source article <{subject.value}> is not named src:<id>, so no claims file can hold its claims"
            fix = f"name it src:<id> (its claims then go in {CLAIMS_FOLDER}/<id>.ttl)"
        problems.append(str(located_error(_place(loaded, record, subject), problem, "", fix)))
    return problems


def _read_sources(loaded: LoadedTree) -> list[str]:
    """Read the text file of each described source article into ``loaded.source_texts``; return the problems.

    The file must resolve inside ``sources/`` (``../../etc/passwd`` is refused) and be a regular,
    readable UTF-8 file. A file that is not there at all is left to the check ``source-file-exists``.
    """
    tree, problems = loaded.tree, []
    sources_dir = tree.sources_dir.resolve()
    described = _described_sources(loaded)
    for record in loaded.files:
        for triple in record.triples:
            if triple.predicate != _SOURCE_FILE or triple.subject not in described or not isinstance(triple.object, ox.Literal):
                continue
            value = triple.object.value
            path = tree.root / value
            resolved = os.path.realpath(path) if "\x00" not in value else value  # realpath, unlike resolve(), takes link loops
            if not Path(resolved).is_relative_to(sources_dir):
                problems.append(str(located_error(
                    _place(loaded, record, triple.subject, "pk:sourceFile", f'"{value}"'),
                    f"pk:sourceFile {value!r} is outside sources/: it resolves to {resolved}",
                    "", "name the article's text file under sources/, as sources/<id>-<slug>.txt",
                )))
                continue
            if not os.path.lexists(path):
                continue
            try:
                shown = tree.relative(path)
                loaded.source_texts[triple.subject.value] = decode_utf8(read_input_file(path, shown), shown)
            except DataError as error:
                problems.append(str(error))
    return problems
