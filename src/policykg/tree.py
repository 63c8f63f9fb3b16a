"""The layout of a policykg tree: where the ontology, the curated triples and the sources live."""

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

CLAIMS_FOLDER = Path("triples") / "claims"
SOURCES_DESCRIPTION = Path("triples") / "sources.ttl"
SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class Tree:
    """A policykg tree rooted at ``root``: ``ontology/``, ``triples/`` and ``sources/`` beside each other."""

    root: Path

    @classmethod
    def at(cls, root: Path | str) -> "Tree":
        """Return the tree at ``root``, raising :class:`UsageError` if it lacks the three folders."""
        path = Path(root).resolve()
        missing = [name for name in ("ontology", "triples", "sources") if not (path / name).is_dir()]
        if missing:
            raise UsageError(
                f"{path} is not a policykg tree: no {', '.join(name + '/' for name in missing)} folder\n"
                "  fix: pass --root with the folder that holds ontology/, triples/ and sources/"
            )
        return cls(path)

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

    def ontology_files(self) -> list[Path]:
        """Every Turtle file under ``ontology/``, in a stable order."""
        return sorted(self.ontology_dir.rglob("*.ttl"))

    def triples_files(self) -> list[Path]:
        """Every Turtle file under ``triples/``, in a stable order."""
        return sorted(self.triples_dir.rglob("*.ttl"))

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
