// The entity picker: type-ahead from /api/suggest under every <input data-suggest>.
//
// data-suggest-class="pk:Project" keeps to one class; data-suggest-target="ID" names a hidden input that
// receives the picked entity's prefixed name (CURIE), while the visible input shows its label. Typing
// again empties the hidden input, so without a pick the typed text stays and the server resolves the name.
// Keys: up and down move, Enter picks (and submits nothing), Escape closes; a click picks too.
"use strict";
(() => {
  const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
  const WAIT = 150;  // ms of quiet typing before asking
  let count = 0;

  function attach(input) {
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.id = "suggestions-" + (++count);
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    const target = input.dataset.suggestTarget ? document.getElementById(input.dataset.suggestTarget) : null;
    let items = [], active = -1, timer = 0, asked = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(position) {
      active = position;
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", i === position ? "true" : "false"));
      if (position >= 0) {
        input.setAttribute("aria-activedescendant", list.children[position].id);
        list.children[position].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(item) {
      input.value = item.label;
      if (target) target.value = item.curie;
      close();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function show(found) {
      close();
      items = found;
      if (!items.length) return;
      items.forEach((item, i) => {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.curie = item.curie;
        li.textContent = item.label;
        const note = document.createElement("span");
        note.className = "suggestion-note";
        const variant = item.matched && item.matched !== item.label && item.match !== "iri" ? " · " + item.matched : "";
        note.textContent = (item.class_label || item.class) + variant;
        li.append(" ", note);
        li.addEventListener("mousedown", (event) => {  // before the input's blur closes the list
          event.preventDefault();
          pick(item);
        });
        list.append(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    async function ask() {
      const text = input.value.trim();
      const mine = ++asked;
      if (!text) {
        close();
        return;
      }
      const params = new URLSearchParams({q: text, lang});
      if (input.dataset.suggestClass) params.set("cls", input.dataset.suggestClass);
      try {
        const answer = await fetch("/api/suggest?" + params.toString());
        const found = answer.ok ? await answer.json() : [];
        if (mine === asked && document.activeElement === input) show(found);  // a later keystroke wins
      } catch (error) {
        if (mine === asked) close();
      }
    }

    input.addEventListener("input", () => {
      if (target) target.value = "";
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden || !items.length) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(items[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => {
      asked++;  // an answer still on its way is not shown
      close();
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
