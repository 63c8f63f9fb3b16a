"""The served pages: the query page at ``/`` with the named queries as examples."""

import html
from pathlib import Path

from ..query import named_queries


def query_page(queries_dir: Path) -> bytes:
    """The query page: a form posting to /sparql, and each named query as an example to load into it."""
    examples = []
    for query in named_queries(queries_dir):
        examples.append(
            f'<li><a href="#" data-query="{html.escape(query.text, quote=True)}">{html.escape(query.name)}</a> — '
            f'{html.escape(query.header.get("zh", ""))} / {html.escape(query.header.get("en", ""))}</li>')
    page = f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>policykg SPARQL</title>
<style>body{{font:15px system-ui,sans-serif;margin:2em;max-width:70em}}textarea{{width:100%;height:16em;font:13px monospace}}
li{{margin:.3em 0}}pre{{background:#f6f6f6;padding:1em;overflow:auto}}</style></head>
<body><h1>policykg SPARQL endpoint</h1>
<p>衡阳 2020 政策知识图谱 · the default graph is the union of all graphs; <code>GRAPH ?source</code> tells which article says what.
<a href="/view">Network view</a>.</p>
<form id="form"><textarea id="query" name="query">SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>
<p><button type="submit">Run</button></p></form><pre id="result"></pre>
<h2>Named queries</h2><p>Parameters are <code>?_name</code> variables: bind them with <code>VALUES ?_name {{ … }}</code> before running.</p>
<ul>{''.join(examples)}</ul>
<script>
for (const a of document.querySelectorAll('a[data-query]')) a.addEventListener('click', e => {{
  e.preventDefault(); document.getElementById('query').value = a.dataset.query; }});
document.getElementById('form').addEventListener('submit', async e => {{
  e.preventDefault();
  const r = await fetch('/sparql', {{method: 'POST', headers: {{'Content-Type': 'application/sparql-query', 'Accept': 'text/csv, text/turtle'}},
                                    body: document.getElementById('query').value}});
  document.getElementById('result').textContent = r.status + '\\n' + await r.text(); }});
</script></body></html>"""
    return page.encode("utf-8")
