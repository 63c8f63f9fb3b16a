// The SPARQL editor (/sparql): runs the text against the same /sparql endpoint every client uses and shows
// the answer as a table whose IRIs carry their labels (from /api/labels) and link to entity pages.
"use strict";
(() => {
  const form = document.getElementById("sparql-form");
  const area = document.getElementById("sparql-query");
  const status = document.getElementById("sparql-status");
  const errorBox = document.getElementById("sparql-error");
  const results = document.getElementById("sparql-results");
  const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
  const say = (zh, en) => (lang === "en" ? en : zh);

  const el = (tag, attrs = {}, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  async function ask(accept) {
    return fetch("/sparql", {method: "POST", body: area.value,
                             headers: {"Content-Type": "application/sparql-query", "Accept": accept}});
  }

  async function labels(iris) {
    const found = {};
    for (let i = 0; i < iris.length; i += 100) {
      const params = new URLSearchParams(iris.slice(i, i + 100).map((iri) => ["iri", iri]));
      params.append("lang", lang);
      const answer = await fetch("/api/labels?" + params.toString());
      if (answer.ok) Object.assign(found, await answer.json());
    }
    return found;
  }

  function cell(term, known) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const info = known[term.value];
      const text = info ? info.label : term.value;
      td.append(info && info.href ? el("a", {href: info.href, title: info.curie}, text) : el("span", {title: term.value}, text));
      if (info && !info.href) td.append(el("span", {class: "muted small"}, " " + info.curie));
    } else {
      td.textContent = term.value;
      if (term.datatype && /(integer|decimal|double)$/.test(term.datatype)) td.className = "num";
    }
    return td;
  }

  async function showSolutions(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    const iris = [...new Set(rows.flatMap((row) => Object.values(row).filter((t) => t.type === "uri").map((t) => t.value)))];
    const known = await labels(iris);
    const table = el("table", {class: "results"});
    const head = el("tr");
    for (const name of vars) head.append(el("th", {}, name));
    const thead = el("thead");
    thead.append(head);
    table.append(thead);
    const body = el("tbody");
    for (const row of rows) {
      const tr = el("tr");
      for (const name of vars) tr.append(cell(row[name], known));
      body.append(tr);
    }
    table.append(body);
    results.replaceChildren(table);
    return rows.length;
  }

  async function run(event) {
    if (event) event.preventDefault();
    status.textContent = say("运行中…", "Running…");
    errorBox.hidden = true;
    results.replaceChildren();
    const started = performance.now();
    let answer;
    try {
      answer = await ask("application/sparql-results+json, text/turtle;q=0.9");
    } catch (error) {
      status.textContent = say("无法连接服务器：", "The server cannot be reached: ") + error;
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!answer.ok) {
      status.textContent = `${answer.status} ${answer.statusText}`;
      errorBox.textContent = await answer.text();
      errorBox.hidden = false;
      return;
    }
    const cut = answer.headers.get("X-SPARQL-Truncated") === "true";
    const type = answer.headers.get("Content-Type") || "";
    let summary;
    if (type.includes("json")) {
      const data = await answer.json();
      if ("boolean" in data) {
        results.replaceChildren(el("p", {class: "notice"}, String(data.boolean)));
        summary = say("是非查询", "ASK");
      } else {
        summary = say(`${await showSolutions(data)} 行`, `${data.results.bindings.length} rows`);
      }
    } else {
      results.replaceChildren(el("pre", {}, await answer.text()));
      summary = say("三元组（Turtle）", "triples (Turtle)");
    }
    const capped = cut ? say(`；已截断为前 ${answer.headers.get("X-SPARQL-Max-Rows")} 行`, `; cut at ${answer.headers.get("X-SPARQL-Max-Rows")} rows`) : "";
    status.textContent = `${summary}${capped} · ${seconds} s`;
  }

  async function download(accept, name, event) {
    event.preventDefault();
    const answer = await ask(accept);
    const blob = new Blob([await answer.arrayBuffer()], {type: answer.headers.get("Content-Type") || "text/plain"});
    const link = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.append(link);
    link.click();
    link.remove();
  }

  form.addEventListener("submit", run);
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
  document.getElementById("download-csv").addEventListener("click", (e) => download("text/csv", "results.csv", e));
  document.getElementById("download-json").addEventListener("click", (e) => download("application/sparql-results+json", "results.json", e));
})();
