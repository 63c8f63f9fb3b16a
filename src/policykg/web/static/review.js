// The review of a draft (/draft/ID): the curator marks each proposal accept, reject or correct, and the page
// makes the decisions file `policykg review DRAFT --report REPORT --decisions FILE` reads, as a download.
//
// The file is built here, in the browser, and nothing is sent: its first lines (data-header) are the
// server's own decisions_text of no decisions, then one line per decided proposal in the draft's order,
// tab-separated: its id, accept, reject or correct, then the corrections, one field=value a column. A
// correction is each input whose value differs from what the draft proposes (its value attribute); a
// rejection's reason is reason=…. Undecided proposals get no line (policykg review leaves them out).
"use strict";
(() => {
  const review = document.getElementById("review");
  if (!review) return;
  const sections = [...review.querySelectorAll("section.proposal")];
  const count = document.getElementById("review-count");
  const button = document.getElementById("review-download");
  const problem = document.getElementById("review-problem");
  const preview = document.getElementById("review-tsv");

  // A value as one cell of the file: no tab, no line break, no space at either end (as policykg review reads it).
  const cell = (value) => value.replace(/\t/g, " ").split(/\r?\n/).join(" ").trim();

  function decisionOf(section) {
    const picked = section.querySelector(".decision input:checked");
    return picked ? picked.value : "";
  }

  function lineOf(section) {
    const decision = decisionOf(section);
    const line = [section.dataset.id, decision];
    if (decision === "reject") {
      const reason = cell(section.querySelector("input[data-reason]").value);
      if (reason) line.push("reason=" + reason);
    } else if (decision === "correct") {
      for (const input of section.querySelectorAll(".corrections input[data-field]")) {
        const value = cell(input.value);
        if (value !== cell(input.defaultValue)) line.push(input.dataset.field + "=" + value);
      }
    }
    return line;
  }

  function decisions() {
    const lines = [], empty = [];
    for (const section of sections) {
      if (!decisionOf(section)) continue;
      const line = lineOf(section);
      if (line[1] === "correct" && line.length === 2) empty.push(line[0]);
      lines.push(line.join("\t") + "\n");
    }
    return {text: review.dataset.header + lines.join(""), decided: lines.length, empty};
  }

  function update() {
    for (const section of sections) {
      const decision = decisionOf(section);
      section.dataset.decision = decision;
      section.querySelector(".reason").hidden = decision !== "reject";
      section.querySelector(".corrections").hidden = decision !== "correct";
    }
    const found = decisions();
    count.textContent = review.dataset.msgCount.replace("{n}", found.decided).replace("{total}", sections.length);
    problem.hidden = !found.empty.length;
    problem.textContent = found.empty.length ? review.dataset.msgEmpty.replace("{ids}", found.empty.join(", ")) : "";
    button.disabled = found.empty.length > 0;
    preview.textContent = found.text;
  }

  function download() {
    const found = decisions();
    if (found.empty.length) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([found.text], {type: "text/tab-separated-values;charset=utf-8"}));
    link.download = review.dataset.file;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  review.addEventListener("change", update);
  review.addEventListener("input", update);
  button.addEventListener("click", download);
  update();
})();
