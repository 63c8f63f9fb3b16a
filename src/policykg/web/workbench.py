"""What the analyst's pages read: the built dataset, loaded once in the serving process (or a store).

The SPARQL endpoint runs visitors' queries in sandboxed worker processes (:mod:`policykg.workers`);
the pages run only policykg's own code over this in-process copy: the entity index
(:class:`policykg.entities.Index`), the named queries, the articles' text and, on first use, the
network model. The real graph takes about half a second to load here.
"""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from ..entities import SOURCE_IRI, Index
from ..namespaces import PREFIXES
from ..query import NamedQuery, load_built_graph, named_queries
from ..report import compact


@dataclass
class Workbench:
    """The built dataset (``graph``, a graph.nq, or ``store``, a :class:`policykg.remote.RemoteStore`), its
    index, the named queries, the articles' folder and the folder of drafts to review (``drafts``, from
    ``--drafts``: ``ID.ttl`` beside ``ID.txt``; the pages only read it). In front of a store, the pages'
    queries go to the store and the index is made once from the quads the store holds."""

    graph: Path | None
    queries_dir: Path
    sources_dir: Path
    store: object = None
    drafts: Path | None = None
    index: Index = field(init=False)

    def __post_init__(self):
        if self.store is None:
            self.store = load_built_graph(self.graph)
        self.index = Index(list(self.store))

    @cached_property
    def queries(self) -> dict[str, NamedQuery]:
        """The named queries by name."""
        return {query.name: query for query in named_queries(self.queries_dir)}

    @cached_property
    def network(self):
        """The networkx model of the stated relations (:func:`policykg.network.build_network`), built on first use."""
        from ..network import build_network

        return build_network(index=self.index)

    @cached_property
    def network_view(self) -> bytes:
        """The network view (graph.html) of what the store holds, drawn on first use; in front of a store,
        the build's graph.html may show another dataset than the store's."""
        from ..view import render_network_html

        return render_network_html(list(self.store), title="policykg · 衡阳 2020")

    def label(self, iri: str, lang: str) -> str:
        """The label of ``iri`` in ``lang`` (zh or en), or its prefixed name."""
        return self.index.label(iri, lang)

    def source_text(self, source_id: str) -> str | None:
        """The text of article ``source_id`` ("003") as shipped in sources/, or None when there is no such article."""
        files = self.index.values(ox.NamedNode(SOURCE_IRI + source_id), PREFIXES["pk"] + "sourceFile")
        if not files:
            return None
        path = (self.sources_dir.parent / files[0].value).resolve()
        if not path.is_relative_to(self.sources_dir.resolve()) or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")


def entity_path(iri: str) -> str:
    """The page of ``iri``: ``/entity/project:wanmo-…`` for our prefixes, ``/entity?iri=…`` otherwise."""
    name = compact(iri)
    if name != iri:
        return "/entity/" + quote(name, safe=":")
    return "/entity?iri=" + quote(iri, safe="")
