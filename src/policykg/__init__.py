"""policykg: the knowledge graph of the policies, strategies, projects and outcomes of Hengyang (衡阳) in 2020.

The Python entry points: :func:`load_dataset` returns the curated graph as an ``rdflib.Dataset`` (one
named graph per source article); :func:`build` writes every export.
"""

from pathlib import Path

import rdflib

from .build import build as _build
from .build import BuildResult, load_and_check
from .rdf import to_rdflib_dataset
from .reason import infer
from .tree import Tree

__version__ = "0.1.0"
__all__ = ["BuildResult", "Tree", "build", "load_dataset", "__version__"]


def load_dataset(root: Path | str = ".") -> rdflib.Dataset:
    """Load and check the tree at ``root`` and return it as an rdflib Dataset (with the inferred graph)."""
    loaded, _ = load_and_check(Tree.at(root))
    return to_rdflib_dataset(loaded.quads + infer(loaded))


def build(root: Path | str = ".", out: Path | str | None = None) -> BuildResult:
    """Build the tree at ``root`` into ``out`` (default ``<root>/dist``) and return what was written."""
    tree = Tree.at(root)
    return _build(tree, Path(out) if out is not None else tree.root / "dist")
