/*
 * Filters, sorting and a shareable address for the list of items on /reforms/:
 * the wiring to the page.  What to show is decided without the DOM, in
 * filter-state.js (URL → state → rows) and search-engine.js (filterItems: the
 * words match as in the site search, aliases and references included), both
 * loaded before this file.
 *
 * Progressive enhancement: without JavaScript the form stays hidden and the
 * table shows every item.  The state lives in the URL, so a filtered view can
 * be shared and back/forward work:
 *
 *   ?zone=<area slug or ftz-wide>&agency=<body slug>&topic=<topic slug>&q=<text>
 *
 * The page carries the search's rules, alias table and each item's fields in a
 * JSON block (scripts/ftzsite/pages/filters.py), so this also works from file://.
 *
 * Markup: a root [data-ftz-filter] holding the form, the table, an empty-result
 * note and the JSON block.  Interface texts come from the form's data-* attributes.
 * Only /reforms/ loads this file, deferred: it runs after the theme's script.
 */
(function () {
  "use strict";

  const State = FtzFilterState;
  const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  function setup(root) {
    const form = root.querySelector("form");
    const table = root.querySelector("table");
    const rows = Array.from(table.tBodies[0].rows);
    const index = ftzSearch.memoryIndex(JSON.parse(root.querySelector("script[type='application/json']").textContent));
    const byWords = (q) => ftzSearch.filterItems(index, q);
    const facetsOf = rows.map((row) => ({ id: row.dataset.item, ...Object.fromEntries(State.FACETS.map((f) => [f, row.dataset[f].split(" ")])) }));
    const input = form.elements.q;
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
    const known = Object.fromEntries(State.FACETS.map((f) => [f, new Set(boxes.filter((box) => box.name === f).map((box) => box.value))]));
    const toggles = Array.from(form.querySelectorAll("button.ftz-facet"));
    const panelOf = (toggle) => document.getElementById(toggle.getAttribute("aria-controls"));
    const toggleOf = (facet) => toggles.find((toggle) => toggle.dataset.facet === facet);
    const status = form.querySelector("[role=status]");
    const chips = form.querySelector(".ftz-filter-chips");
    const clear = form.querySelector(".ftz-filter-clear");
    const empty = root.querySelector(".ftz-filter-empty");
    const texts = form.dataset;

    /* ---------------------------------------------------------- state and URL */
    const fromURL = () => State.fromQuery(location.search, known);

    function fromControls() {
      const state = { q: input.value };
      for (const facet of State.FACETS) state[facet] = boxes.filter((box) => box.name === facet && box.checked).map((box) => box.value);
      return state;
    }

    function toControls(state) {
      input.value = state.q;
      for (const box of boxes) box.checked = state[box.name].includes(box.value);
    }

    /* Typing replaces the history entry it made; every other change adds one. */
    function remember(state, typing) {
      const url = location.pathname + State.toQuery(state) + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      const replace = typing && history.state && history.state.ftzTyping;
      try {
        history[replace ? "replaceState" : "pushState"]({ ftzTyping: typing }, "", url);
      } catch (error) {
        // Some browsers refuse history changes on file:// pages: the filter still works, unshared.
      }
    }

    /* ---------------------------------------------------------- filtering */
    function apply(state) {
      const shown = new Set(State.visible(facetsOf, state, byWords));
      for (const row of rows) row.hidden = !shown.has(row.dataset.item);
      const filtered = State.isFiltered(state);
      status.textContent = format(filtered ? texts.count : texts.countAll, { shown: shown.size, total: rows.length });
      empty.hidden = shown.size > 0;
      clear.hidden = !filtered;
      showChoices(state);
    }

    /* What is chosen, at a glance: each facet's summary and a removable chip per value. */
    function showChoices(state) {
      for (const toggle of toggles) {
        const chosen = boxes.filter((box) => box.name === toggle.dataset.facet && box.checked);
        const label = toggle.querySelector(".ftz-facet-state");
        label.textContent = chosen.length === 0 ? texts.any : chosen.length === 1 ? labelOf(chosen[0]) : format(texts.some, { n: chosen.length });
        toggle.classList.toggle("ftz-facet-active", chosen.length > 0);
      }
      chips.replaceChildren(...boxes.filter((box) => box.checked).map((box) => chip(box)));
      if (state.q.trim()) chips.append(chip(null, state.q.trim()));
    }

    const labelOf = (box) => box.parentElement.textContent.trim();

    function chip(box, words) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      const name = box ? labelOf(box) : "“" + words + "”";
      button.type = "button";
      button.className = "ftz-filter-chip";
      button.setAttribute("aria-label", format(texts.remove, { name }));
      const facet = document.createElement("span");
      facet.className = "ftz-filter-chip-facet";
      facet.textContent = box ? toggleOf(box.name).querySelector(".ftz-facet-title").textContent : input.labels[0].textContent;
      const value = document.createElement("span");
      value.textContent = name;
      const cross = document.createElement("span");
      cross.className = "ftz-filter-chip-x";
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "×";
      button.append(facet, value, cross);
      button.addEventListener("click", () => {
        const index = Array.prototype.indexOf.call(chips.children, item);
        if (box) box.checked = false;
        else input.value = "";
        change(false);
        // Focus stays on the chips (the one now in this place) while there are any, else goes to the text field.
        const left = chips.children;
        (left.length ? left[Math.min(index, left.length - 1)].querySelector("button") : input).focus();
      });
      item.append(button);
      return item;
    }

    function change(typing) {
      const state = fromControls();
      apply(state);
      remember(state, typing);
    }

    /* ---------------------------------------------------------- sorting */
    const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
    const headers = Array.from(table.tHead.rows[0].cells);
    const number = (row) => Number(row.cells[0].textContent);
    let order = { column: 0, direction: 1 };

    function sortKey(row, column) {
      return column === 0 ? number(row) : row.cells[column].textContent.trim();
    }

    function sortBy(column) {
      const direction = order.column === column ? -order.direction : 1;
      order = { column, direction };
      const sorted = rows.slice().sort((a, b) => {
        const x = sortKey(a, column), y = sortKey(b, column);
        const by = column === 0 ? x - y : collator.compare(x, y);
        return by * direction || number(a) - number(b);
      });
      table.tBodies[0].append(...sorted);
      headers.forEach((th, index) => {
        if (index === column) th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
    }

    headers.forEach((th, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ftz-sort";
      button.append(...th.childNodes);
      const icon = document.createElement("span");
      icon.className = "ftz-sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.append(icon);
      button.addEventListener("click", () => sortBy(column));
      th.append(button);
    });
    headers[0].setAttribute("aria-sort", "ascending");

    /* The theme reads ?q= as a search to run: when it starts (before this deferred script), it opens
       its search box with q and focuses it; whenever that box closes, it drops q from the URL.
       Here q is the filter's text: close the box, empty it, and put q back after each closing. */
    function keepQueryFromTheme() {
      const toggle = document.querySelector("[data-md-toggle=search]");
      const box = document.querySelector("[data-md-component=search-query]");
      if (!toggle || !box) return;
      toggle.addEventListener("change", () => {
        if (toggle.checked) return;
        const url = location.pathname + State.toQuery(fromControls()) + location.hash;
        try { history.replaceState(history.state, "", url); } catch (error) { /* see remember() */ }
      });
      if (toggle.checked && new URLSearchParams(location.search).has("q")) {
        box.value = "";
        box.blur();
        toggle.click();
      }
    }

    /* ---------------------------------------------------------- events */
    input.addEventListener("input", () => change(true));
    for (const box of boxes) box.addEventListener("change", () => change(false));
    form.addEventListener("submit", (event) => event.preventDefault());
    clear.addEventListener("click", () => {
      toControls(State.empty());
      change(false);
      input.focus();
    });
    // Each facet's choices open below the controls, one facet at a time; Escape closes them.
    function open(toggle, shown) {
      toggle.setAttribute("aria-expanded", String(shown));
      panelOf(toggle).hidden = !shown;
    }
    for (const toggle of toggles) {
      toggle.addEventListener("click", () => {
        const shown = toggle.getAttribute("aria-expanded") !== "true";
        for (const other of toggles) open(other, other === toggle && shown);
      });
    }
    form.addEventListener("keydown", (event) => {
      const toggle = toggles.find((t) => t.getAttribute("aria-expanded") === "true");
      if (event.key === "Escape" && toggle) {
        event.preventDefault();
        open(toggle, false);
        toggle.focus();
      }
    });
    window.addEventListener("popstate", () => {
      const state = fromURL();
      toControls(state);
      apply(state);
    });

    const initial = fromURL();
    toControls(initial);
    apply(initial);
    form.hidden = false;
    root.classList.add("ftz-filter-ready");
    keepQueryFromTheme();
  }

  document.querySelectorAll("[data-ftz-filter]").forEach(setup);
})();
