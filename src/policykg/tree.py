"""The layout of a policykg tree: where the ontology, the curated triples and the sources live."""

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import PolicyKGError, UsageError, path_error

CLAIMS_FOLDER = Path("triples") / "claims"
SOURCES_DESCRIPTION = Path("triples") / "sources.ttl"
SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class Tree:
    """A policykg tree rooted at ``root``: ``ontology/``, ``triples/`` and ``sources/`` beside each other."""

    root: Path

    @classmethod
    def at(cls, root: Path | str | None) -> "Tree":
        """Return the tree at ``root``, raising :class:`UsageError` if it lacks the three folders.

        With ``root`` None (no ``--root``), the tree is found as git finds its repository: the current
        folder or the nearest folder above it holding ``ontology/`` and ``triples/`` (:meth:`find`).
        """
        if root is None:
            return cls.find(Path.cwd())
        path = Path(root).resolve()
        missing = [name for name in ("ontology", "triples", "sources") if not (path / name).is_dir()]
        if missing:
            raise UsageError(
                f"{path} is not a policykg tree: no {', '.join(name + '/' for name in missing)} folder\n"
                "  fix: pass --root with the folder that holds ontology/, triples/ and sources/"
            )
        return cls(path)

    @classmethod
    def find(cls, start: Path | str) -> "Tree":
        """The tree holding ``start``: ``start`` itself or its nearest parent with ``ontology/`` and ``triples/``.

        Outside any tree this is a :class:`UsageError` (exit 2) saying where it looked and how to fix it.
        """
        here = Path(start).resolve()
        for folder in (here, *here.parents):
            if (folder / "ontology").is_dir() and (folder / "triples").is_dir():
                return cls.at(folder)
        raise UsageError(
            f"not inside a policykg tree: neither {here} nor any folder above it holds ontology/ and triples/\n"
            "  fix: run the command from inside the tree (any folder of it will do), or pass --root with "
            "the folder that holds ontology/, triples/ and sources/"
        )

    @property
    def ontology_dir(self) -> Path:
        """The folder of the OWL ontology, the SKOS schemes and the SHACL shapes."""
        return self.root / "ontology"

    @property
    def triples_dir(self) -> Path:
        """The folder of the curated data."""
        return self.root / "triples"

    @property
    def sources_dir(self) -> Path:
        """The folder of the source articles as received."""
        return self.root / "sources"

    @property
    def queries_dir(self) -> Path:
        """The folder of the named SPARQL queries."""
        return self.root / "queries"

    def turtle_files(self) -> tuple[list[Path], list[PolicyKGError]]:
        """Every Turtle file under ``ontology/`` then ``triples/``, each in a stable order, and the problems
        met listing them (see :meth:`input_files`)."""
        ontology, ontology_problems = self.input_files(self.ontology_dir, ".ttl")
        triples, triples_problems = self.input_files(self.triples_dir, ".ttl")
        return ontology + triples, ontology_problems + triples_problems

    def input_files(self, folder: Path, suffix: str) -> tuple[list[Path], list[PolicyKGError]]:
        """Every entry named ``*suffix`` under ``folder`` and its sub-folders, sorted, and a problem for each
        folder that cannot be listed and each link to a folder (nothing is skipped in silence).

        An entry is listed whatever it is (a folder or a FIFO named ``x.ttl``, a dangling link): reading it
        says what is wrong. Folders are walked with :func:`os.scandir`, which reports what ``Path.rglob``
        skips without a word (a folder it may not read).
        """
        found, problems, pending = [], [], [folder]
        while pending:
            current = pending.pop()
            try:
                with os.scandir(current) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as error:
                problems.append(path_error(
                    self.relative(current), f"the folder cannot be read ({error.strerror})",
                    "make it readable (chmod a+rx on the folder), or restore it if it is missing",
                ))
                continue
            for entry in entries:
                path = Path(entry.path)
                if entry.name.endswith(suffix):
                    found.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif entry.is_symlink() and os.path.isdir(path):
                    problems.append(path_error(
                        self.relative(path), "is a link to a folder, which the build does not follow",
                        "put the folder itself here instead of a link to it",
                    ))
        return sorted(found), problems

    def relative(self, path: Path) -> Path:
        """Return ``path`` relative to the root, for messages a user can click."""
        try:
            return path.relative_to(self.root)
        except ValueError:
            return path

    def claims_source_id(self, path: Path) -> str | None:
        """Return the source id a claims file belongs to (``triples/claims/000.ttl`` → ``"000"``), else None."""
        relative = self.relative(path)
        if relative.parent == CLAIMS_FOLDER:
            return relative.stem
        return None
